#include "jsonwriter.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>

#include <cmath>

namespace cma {

namespace {

void writeString(QByteArray &out, const QString &s)
{
    out += '"';
    for (QChar c : s) {
        const char16_t u = c.unicode();
        switch (u) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (u < 0x20) {
                out += "\\u00";
                out += QByteArray::number(u, 16).rightJustified(2, '0');
            } else {
                out += QString(c).toUtf8();
            }
        }
    }
    out += '"';
}

void writeNumber(QByteArray &out, double d)
{
    if (!std::isfinite(d)) {
        out += "null";
        return;
    }
    if (d == std::floor(d) && std::fabs(d) < 9007199254740992.0) {
        out += QByteArray::number(static_cast<qint64>(d));
        return;
    }
    out += QByteArray::number(d, 'g', QLocale::FloatingPointShortest);
}

QStringList orderedKeys(const QJsonObject &o, const QStringList &keyOrder)
{
    QStringList keys;
    keys.reserve(o.size());
    for (const QString &k : keyOrder) {
        if (o.contains(k))
            keys.append(k);
    }
    if (keys.size() == o.size())
        return keys;
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!keyOrder.contains(it.key()))
            keys.append(it.key());
    }
    return keys;
}

void write(QByteArray &out, const QJsonValue &v, const QStringList &keyOrder, int indent, bool pretty)
{
    switch (v.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined: out += "null"; return;
    case QJsonValue::Bool: out += v.toBool() ? "true" : "false"; return;
    case QJsonValue::Double: writeNumber(out, v.toDouble()); return;
    case QJsonValue::String: writeString(out, v.toString()); return;
    case QJsonValue::Array: {
        const QJsonArray a = v.toArray();
        if (a.isEmpty()) {
            out += "[]";
            return;
        }
        out += '[';
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (i)
                out += ',';
            if (pretty) {
                out += '\n';
                out += QByteArray(indent + 2, ' ');
            }
            write(out, a.at(i), keyOrder, indent + 2, pretty);
        }
        if (pretty) {
            out += '\n';
            out += QByteArray(indent, ' ');
        }
        out += ']';
        return;
    }
    case QJsonValue::Object: {
        const QJsonObject o = v.toObject();
        if (o.isEmpty()) {
            out += "{}";
            return;
        }
        out += '{';
        bool first = true;
        for (const QString &k : orderedKeys(o, keyOrder)) {
            if (!first)
                out += ',';
            first = false;
            if (pretty) {
                out += '\n';
                out += QByteArray(indent + 2, ' ');
            }
            writeString(out, k);
            out += pretty ? ": " : ":";
            write(out, o.value(k), keyOrder, indent + 2, pretty);
        }
        if (pretty) {
            out += '\n';
            out += QByteArray(indent, ' ');
        }
        out += '}';
        return;
    }
    }
}

} // namespace

QByteArray toJsonIndented(const QJsonValue &value, const QStringList &keyOrder)
{
    QByteArray out;
    write(out, value, keyOrder, 0, true);
    return out;
}

QByteArray toJsonCompact(const QJsonValue &value, const QStringList &keyOrder)
{
    QByteArray out;
    write(out, value, keyOrder, 0, false);
    return out;
}

QString sha256Hex(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

} // namespace cma
