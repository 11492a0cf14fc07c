#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonValue>
#include <QList>
#include <QString>

// Streams compact JSON the way PHP's json_encode() does with default flags (what Laravel answers with and
// what Loop signs webhooks over): keys keep insertion order, '/' is escaped as "\/", every non-ASCII
// character becomes a lowercase \uXXXX escape.
class JsonWriter final
{
public:
    explicit JsonWriter(qsizetype reserve = 256);

    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    void key(QByteArrayView name);

    void string(QStringView text);
    void integer(qint64 value);
    void number(double value);
    void boolean(bool value);
    void null();
    void value(const QJsonValue& value);
    // Already-encoded JSON, written as one value.
    void raw(QByteArrayView json);

    void field(QByteArrayView name, QStringView text);
    void field(QByteArrayView name, const QString& text);
    void field(QByteArrayView name, const char16_t* text);
    void fieldInt(QByteArrayView name, qint64 value);
    void fieldBool(QByteArrayView name, bool value);
    void fieldNull(QByteArrayView name);
    // A null QString becomes JSON null; an empty one becomes "".
    void fieldStringOrNull(QByteArrayView name, const QString& text);
    void fieldValue(QByteArrayView name, const QJsonValue& value);

    const QByteArray& data() const { return m_out; }
    QByteArray take();

    static QByteArray encode(const QJsonValue& value);
    static QByteArray quote(QStringView text);

private:
    void separate();
    void appendEscaped(QStringView text);

    QByteArray m_out;
    // One entry per open container: true while nothing has been written into it yet.
    QList<bool> m_first;
    bool m_afterKey = false;
};
