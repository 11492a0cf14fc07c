#include "OutboxPayload.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {
Error invalid(const QString& what, const QString& detail)
{
    return Error::validation(u"outbox.payload.invalid"_s,
        u"The stored %1 cannot be sent to Loop: %2. A supervisor has to correct or drop it."_s.arg(what, detail));
}

Result<QJsonArray> items(const QByteArray& payload, const QString& what)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(payload, &parseError);
    if (!document.isObject())
        return fail(invalid(what, u"it is not a JSON object (%1)"_s.arg(parseError.errorString())));
    const QJsonArray array = document.object().value(u"items"_s).toArray();
    if (array.isEmpty())
        return fail(invalid(what, u"it lists no items"_s));
    return array;
}

QDateTime inspectedAt(const QJsonValue& value)
{
    // LoopJson::requestTime writes "yyyy-MM-dd HH:mm:ss" in UTC.
    QDateTime at = QDateTime::fromString(value.toString(), u"yyyy-MM-dd HH:mm:ss"_s);
    at.setTimeSpec(Qt::UTC);
    return at;
}
} // namespace

Result<QString> OutboxPayload::noteContent(const QByteArray& payload)
{
    const QJsonDocument document = QJsonDocument::fromJson(payload);
    if (!document.isObject())
        return fail(invalid(u"note"_s, u"it is not a JSON object"_s));
    const QString content = document.object().value(u"content"_s).toString().trimmed();
    if (content.isEmpty())
        return fail(invalid(u"note"_s, u"it is empty"_s));
    if (content.size() > kMaxNoteLength) {
        return fail(Error::permanent(u"outbox.note.too_long"_s,
            u"The note has %1 characters; Loop takes at most %2. A supervisor has to shorten it."_s.arg(content.size())
                .arg(kMaxNoteLength)));
    }
    return content;
}

Result<QList<GradeItem>> OutboxPayload::gradeItems(const QByteArray& payload)
{
    const Result<QJsonArray> array = items(payload, u"grade"_s);
    if (!array)
        return fail(array.error());
    QList<GradeItem> result;
    for (const QJsonValue& value : *array) {
        const QJsonObject object = value.toObject();
        GradeItem item;
        item.lineItemId = object.value(u"line_item_id"_s).toInteger();
        item.description = object.value(u"description"_s).toString();
        const auto condition = conditionFromCode(object.value(u"condition_category"_s).toString());
        if (item.lineItemId <= 0 || !condition)
            return fail(invalid(u"grade"_s, u"an item lacks a line item id or a known condition"_s));
        item.condition = *condition;
        item.returnProcessor = object.value(u"return_processor"_s).toString();
        item.note = object.value(u"note"_s).toString();
        for (const QJsonValue& image : object.value(u"images"_s).toArray())
            item.images << image.toString();
        item.inspectedAt = inspectedAt(object.value(u"inspected_at"_s));
        result << item;
    }
    return result;
}

Result<QList<AssessItem>> OutboxPayload::assessItems(const QByteArray& payload)
{
    const Result<QJsonArray> array = items(payload, u"assessment"_s);
    if (!array)
        return fail(array.error());
    QList<AssessItem> result;
    for (const QJsonValue& value : *array) {
        const QJsonObject object = value.toObject();
        AssessItem item;
        item.lineItemId = object.value(u"line_item_id"_s).toInteger();
        const auto disposition = dispositionFromCode(object.value(u"disposition_outcome"_s).toString());
        if (item.lineItemId <= 0 || !disposition)
            return fail(invalid(u"assessment"_s, u"an item lacks a line item id or a known disposition"_s));
        item.disposition = *disposition;
        item.returnProcessor = object.value(u"return_processor"_s).toString();
        item.note = object.value(u"note"_s).toString();
        item.inspectedAt = inspectedAt(object.value(u"inspected_at"_s));
        result << item;
    }
    return result;
}

} // namespace Dockside
