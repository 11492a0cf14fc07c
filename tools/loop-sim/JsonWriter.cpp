#include "JsonWriter.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>

#include <cmath>

JsonWriter::JsonWriter(qsizetype reserve)
{
    m_out.reserve(reserve);
}

void JsonWriter::separate()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (m_first.isEmpty())
        return;
    if (m_first.last())
        m_first.last() = false;
    else
        m_out.append(',');
}

void JsonWriter::beginObject()
{
    separate();
    m_out.append('{');
    m_first.append(true);
}

void JsonWriter::endObject()
{
    m_out.append('}');
    m_first.removeLast();
}

void JsonWriter::beginArray()
{
    separate();
    m_out.append('[');
    m_first.append(true);
}

void JsonWriter::endArray()
{
    m_out.append(']');
    m_first.removeLast();
}

void JsonWriter::key(QByteArrayView name)
{
    separate();
    m_out.append('"');
    appendEscaped(QString::fromUtf8(name));
    m_out.append("\":");
    m_afterKey = true;
}

void JsonWriter::appendEscaped(QStringView text)
{
    static constexpr char hex[] = "0123456789abcdef";
    for (const QChar qc : text) {
        const char16_t c = qc.unicode();
        switch (c) {
        case u'"':
            m_out.append("\\\"");
            continue;
        case u'\\':
            m_out.append("\\\\");
            continue;
        case u'/':
            m_out.append("\\/");
            continue;
        case u'\b':
            m_out.append("\\b");
            continue;
        case u'\f':
            m_out.append("\\f");
            continue;
        case u'\n':
            m_out.append("\\n");
            continue;
        case u'\r':
            m_out.append("\\r");
            continue;
        case u'\t':
            m_out.append("\\t");
            continue;
        default:
            break;
        }
        if (c < 0x20 || c > 0x7E) {
            const char escape[]
                = { '\\', 'u', hex[(c >> 12) & 0xF], hex[(c >> 8) & 0xF], hex[(c >> 4) & 0xF], hex[c & 0xF] };
            m_out.append(escape, sizeof(escape));
        } else {
            m_out.append(char(c));
        }
    }
}

void JsonWriter::string(QStringView text)
{
    separate();
    m_out.append('"');
    appendEscaped(text);
    m_out.append('"');
}

void JsonWriter::integer(qint64 value)
{
    separate();
    m_out.append(QByteArray::number(value));
}

void JsonWriter::number(double value)
{
    separate();
    if (!std::isfinite(value)) {
        m_out.append('0');
        return;
    }
    if (value == std::floor(value) && std::fabs(value) < 1e15) {
        // PHP >= 7.1 keeps the fraction of whole floats: 1.0
        m_out.append(QByteArray::number(qint64(value))).append(".0");
        return;
    }
    m_out.append(QByteArray::number(value, 'g', QLocale::FloatingPointShortest));
}

void JsonWriter::boolean(bool value)
{
    separate();
    m_out.append(value ? "true" : "false");
}

void JsonWriter::null()
{
    separate();
    m_out.append("null");
}

void JsonWriter::raw(QByteArrayView json)
{
    separate();
    m_out.append(json);
}

void JsonWriter::value(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        null();
        return;
    case QJsonValue::Bool:
        boolean(value.toBool());
        return;
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (d == std::floor(d) && std::fabs(d) < 9007199254740992.0)
            integer(value.toInteger());
        else
            number(d);
        return;
    }
    case QJsonValue::String:
        string(value.toString());
        return;
    case QJsonValue::Array: {
        beginArray();
        const QJsonArray array = value.toArray();
        for (const QJsonValue& element : array)
            this->value(element);
        endArray();
        return;
    }
    case QJsonValue::Object: {
        beginObject();
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            key(it.key().toUtf8());
            this->value(it.value());
        }
        endObject();
        return;
    }
    }
}

void JsonWriter::field(QByteArrayView name, QStringView text)
{
    key(name);
    string(text);
}

void JsonWriter::field(QByteArrayView name, const QString& text)
{
    key(name);
    string(text);
}

void JsonWriter::field(QByteArrayView name, const char16_t* text)
{
    key(name);
    string(QStringView(text));
}

void JsonWriter::fieldInt(QByteArrayView name, qint64 value)
{
    key(name);
    integer(value);
}

void JsonWriter::fieldBool(QByteArrayView name, bool value)
{
    key(name);
    boolean(value);
}

void JsonWriter::fieldNull(QByteArrayView name)
{
    key(name);
    null();
}

void JsonWriter::fieldStringOrNull(QByteArrayView name, const QString& text)
{
    key(name);
    if (text.isNull())
        null();
    else
        string(text);
}

void JsonWriter::fieldValue(QByteArrayView name, const QJsonValue& value)
{
    key(name);
    this->value(value);
}

QByteArray JsonWriter::take()
{
    m_first.clear();
    m_afterKey = false;
    return std::exchange(m_out, {});
}

QByteArray JsonWriter::encode(const QJsonValue& value)
{
    JsonWriter writer;
    writer.value(value);
    return writer.take();
}

QByteArray JsonWriter::quote(QStringView text)
{
    JsonWriter writer(text.size() + 2);
    writer.string(text);
    return writer.take();
}
