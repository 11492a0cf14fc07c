#include "PageCursor.h"

#include "JsonWriter.h"
#include "TimeFormat.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

QByteArray PageCursor::encode() const
{
    JsonWriter w;
    w.beginObject();
    w.field(column.toLatin1(), TimeFormat::sql(time));
    w.fieldInt("id", id);
    w.fieldBool("_pointsToNextItems", pointsToNextItems);
    w.endObject();
    return w.data().toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

std::optional<PageCursor> PageCursor::decode(QStringView encoded, const QString& expectedColumn)
{
    if (encoded.isEmpty() || encoded.size() > 4096)
        return std::nullopt;
    QByteArray bytes = encoded.toLatin1();
    bytes.replace('-', '+').replace('_', '/');
    while (bytes.size() % 4 != 0)
        bytes.append('=');
    const auto decoded = QByteArray::fromBase64Encoding(bytes, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(*decoded, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    const QJsonObject object = document.object();
    const auto time = TimeFormat::parse(object.value(expectedColumn).toString());
    const QJsonValue idValue = object.value(u"id"_s);
    const QJsonValue direction = object.value(u"_pointsToNextItems"_s);
    if (!time || !direction.isBool())
        return std::nullopt;
    PageCursor cursor;
    cursor.column = expectedColumn;
    cursor.time = *time;
    if (idValue.isDouble()) {
        cursor.id = idValue.toInteger();
    } else if (idValue.isString()) {
        bool ok = false;
        cursor.id = idValue.toString().toLongLong(&ok);
        if (!ok)
            return std::nullopt;
    } else {
        return std::nullopt;
    }
    cursor.pointsToNextItems = direction.toBool();
    return cursor;
}
