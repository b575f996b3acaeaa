#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QStringList>

namespace cma {

/// Streams JSON the way the reference writes it (`JSON.stringify(value, null, 2)`): two-space
/// indentation (or compact), integral numbers without exponent or fraction. Used directly by the
/// pool serialiser, which would otherwise spend most of a save building QJsonObjects.
class JsonWriter
{
public:
    explicit JsonWriter(bool pretty = true)
        : m_pretty(pretty)
    {}

    void beginObject() { open('{'); }
    void endObject() { close('}'); }
    void beginArray() { open('['); }
    void endArray() { close(']'); }
    /// The key of the next member.
    void key(QStringView name);
    void value(QStringView s);
    void value(double d);
    void value(qint64 n);
    /// Named apart from value(): a string literal must never bind to a bool overload.
    void boolean(bool b);
    void null();
    /// Any JSON value; objects use \a keyOrder first, then sorted keys.
    void value(const QJsonValue &v, const QStringList &keyOrder = {});

    QByteArray take() { return std::move(m_out); }
    static void appendString(QByteArray &out, QStringView s);
    static void appendNumber(QByteArray &out, double d);

private:
    void open(char c);
    void close(char c);
    void separate();

    QByteArray m_out;
    bool m_pretty;
    int m_depth = 0;
    bool m_first = true;
    bool m_afterKey = false;
};

/// Serialises like the reference (`JSON.stringify(value, null, 2)`). Keys listed in \a keyOrder
/// come first in that order in every object; the rest follow sorted.
QByteArray toJsonIndented(const QJsonValue &value, const QStringList &keyOrder = {});

/// Compact form (no whitespace), same number rules.
QByteArray toJsonCompact(const QJsonValue &value, const QStringList &keyOrder = {});

/// Hex SHA-256 of \a data.
QString sha256Hex(const QByteArray &data);

} // namespace cma
