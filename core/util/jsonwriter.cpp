#include "jsonwriter.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>

#include <cmath>

namespace cma {

void JsonWriter::appendString(QByteArray &out, QStringView s)
{
    out += '"';
    qsizetype runStart = 0;
    auto flush = [&](qsizetype end) {
        if (end > runStart)
            out += s.mid(runStart, end - runStart).toUtf8();
    };
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char16_t u = s[i].unicode();
        const char *escape = nullptr;
        switch (u) {
        case '"':
            escape = "\\\"";
            break;
        case '\\':
            escape = "\\\\";
            break;
        case '\n':
            escape = "\\n";
            break;
        case '\r':
            escape = "\\r";
            break;
        case '\t':
            escape = "\\t";
            break;
        case '\b':
            escape = "\\b";
            break;
        case '\f':
            escape = "\\f";
            break;
        default:
            break;
        }
        if (!escape && u >= 0x20)
            continue;
        flush(i);
        if (escape) {
            out += escape;
        } else {
            out += "\\u00";
            out += QByteArray::number(u, 16).rightJustified(2, '0');
        }
        runStart = i + 1;
    }
    flush(s.size());
    out += '"';
}

void JsonWriter::appendNumber(QByteArray &out, double d)
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

void JsonWriter::separate()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_first)
        m_out += ',';
    m_first = false;
    if (m_pretty && m_depth > 0) {
        m_out += '\n';
        m_out.append(QByteArray(m_depth * 2, ' '));
    }
}

void JsonWriter::open(char c)
{
    separate();
    m_out += c;
    ++m_depth;
    m_first = true;
}

void JsonWriter::close(char c)
{
    --m_depth;
    if (!m_first && m_pretty) {
        m_out += '\n';
        m_out.append(QByteArray(m_depth * 2, ' '));
    }
    m_out += c;
    m_first = false;
}

void JsonWriter::key(QStringView name)
{
    separate();
    appendString(m_out, name);
    m_out += m_pretty ? ": " : ":";
    m_afterKey = true;
}

void JsonWriter::value(QStringView s)
{
    separate();
    appendString(m_out, s);
}

void JsonWriter::value(double d)
{
    separate();
    appendNumber(m_out, d);
}

void JsonWriter::value(qint64 n)
{
    separate();
    m_out += QByteArray::number(n);
}

void JsonWriter::boolean(bool b)
{
    separate();
    m_out += b ? "true" : "false";
}

void JsonWriter::null()
{
    separate();
    m_out += "null";
}

void JsonWriter::value(const QJsonValue &v, const QStringList &keyOrder)
{
    switch (v.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        null();
        return;
    case QJsonValue::Bool:
        boolean(v.toBool());
        return;
    case QJsonValue::Double:
        value(v.toDouble());
        return;
    case QJsonValue::String:
        value(QStringView(v.toString()));
        return;
    case QJsonValue::Array: {
        beginArray();
        for (const QJsonValue &item : v.toArray())
            value(item, keyOrder);
        endArray();
        return;
    }
    case QJsonValue::Object: {
        const QJsonObject o = v.toObject();
        beginObject();
        QStringList keys;
        keys.reserve(o.size());
        for (const QString &k : keyOrder) {
            if (o.contains(k))
                keys.append(k);
        }
        if (keys.size() != o.size()) {
            for (auto it = o.begin(); it != o.end(); ++it) {
                if (!keyOrder.contains(it.key()))
                    keys.append(it.key());
            }
        }
        for (const QString &k : std::as_const(keys)) {
            key(k);
            value(o.value(k), keyOrder);
        }
        endObject();
        return;
    }
    }
}

QByteArray toJsonIndented(const QJsonValue &value, const QStringList &keyOrder)
{
    JsonWriter w(true);
    w.value(value, keyOrder);
    return w.take();
}

QByteArray toJsonCompact(const QJsonValue &value, const QStringList &keyOrder)
{
    JsonWriter w(false);
    w.value(value, keyOrder);
    return w.take();
}

QString sha256Hex(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

} // namespace cma
