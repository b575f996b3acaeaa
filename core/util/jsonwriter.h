#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QStringList>

namespace cma {

/// Serialises JSON as the reference implementation does (`JSON.stringify(value, null, 2)`):
/// two-space indentation, integral numbers without exponent or fraction. Keys listed in
/// \a keyOrder come first in that order in every object; the rest follow sorted.
QByteArray toJsonIndented(const QJsonValue &value, const QStringList &keyOrder = {});

/// Compact form (no whitespace), same number rules.
QByteArray toJsonCompact(const QJsonValue &value, const QStringList &keyOrder = {});

/// Hex SHA-256 of \a data.
QString sha256Hex(const QByteArray &data);

} // namespace cma
