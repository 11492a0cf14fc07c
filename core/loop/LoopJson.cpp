#include "LoopJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QUrl>
#include <QUrlQuery>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {

// Longest body excerpt copied into an error's detail: enough to recognise it in a log, never a whole page.
constexpr qsizetype kDetailExcerpt = 300;

QString excerpt(const QByteArray& body)
{
    QString text = QString::fromUtf8(body.left(kDetailExcerpt)).simplified();
    if (body.size() > kDetailExcerpt)
        text += u"…"_s;
    return text;
}

Error shapeError(const QString& message, const QByteArray& body = {})
{
    return Error::permanent(u"loop.json.shape"_s, message, excerpt(body));
}

// Qt's QJsonDocument holds only objects and arrays, but Loop answers actions with bare scalars such as
// "true" (quoted or not) and "false"; this gives their text, without quotes, or nothing for a container.
std::optional<QString> scalarText(const QByteArray& body)
{
    const QByteArray trimmed = body.trimmed();
    if (trimmed.isEmpty() || trimmed.startsWith('{') || trimmed.startsWith('['))
        return std::nullopt;
    QByteArray inner = trimmed;
    if (inner.size() >= 2 && inner.startsWith('"') && inner.endsWith('"'))
        inner = inner.mid(1, inner.size() - 2);
    return QString::fromUtf8(inner).trimmed();
}

Result<QJsonDocument> parseDocument(const QByteArray& body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return fail(Error::permanent(u"loop.json.malformed"_s, u"Loop sent a response that is not valid JSON."_s,
            parseError.errorString() + u" at offset "_s + QString::number(parseError.offset) + u": "_s
                + excerpt(body)));
    }
    return document;
}

bool isPlaceholder(const QString& value)
{
    return value.isEmpty() || value.compare(u"N/A"_s, Qt::CaseInsensitive) == 0;
}

QString firstValidationMessage(const QJsonObject& errors)
{
    for (auto it = errors.begin(); it != errors.end(); ++it) {
        if (it.value().isArray() && !it.value().toArray().isEmpty())
            return LoopJson::text(it.value().toArray().first());
        if (it.value().isString() && it.key() != u"code"_s)
            return it.value().toString();
    }
    return {};
}

// Loop's error bodies come in five shapes (CONTRACT §4, §6): {"errors":{"message","code"}},
// {"message"} (optionally with Laravel's {"errors":{field:[...]}}), {"content"}, {"error":{"message"}} and
// the 401 {"error":{"code":"401","http_code":"GEN-UNAUTHORIZED","message"}} whose code fields are swapped.
std::optional<Error> refusalInObject(const QJsonObject& object, const QByteArray& body)
{
    const bool looksLikeError = object.contains(u"errors"_s) || object.contains(u"error"_s)
        || object.contains(u"message"_s) || object.contains(u"content"_s);
    if (!looksLikeError)
        return std::nullopt;
    QString code;
    QString message;
    for (const QString& key : {u"errors"_s, u"error"_s}) {
        const QJsonObject inner = object.value(key).toObject();
        if (inner.isEmpty())
            continue;
        for (const QString& codeKey : {u"code"_s, u"http_code"_s}) {
            const QString candidate = LoopJson::text(inner.value(codeKey));
            bool numeric = false;
            candidate.toInt(&numeric);
            if (code.isEmpty() && !candidate.isEmpty() && !numeric)
                code = candidate;
        }
        if (message.isEmpty())
            message = LoopJson::text(inner.value(u"message"_s));
        if (message.isEmpty())
            message = firstValidationMessage(inner);
    }
    if (object.value(u"message"_s).isString())
        message = object.value(u"message"_s).toString();
    if (message.isEmpty() && object.value(u"content"_s).isString())
        message = object.value(u"content"_s).toString();
    if (message.isEmpty())
        message = code.isEmpty() ? u"Loop refused the request without saying why."_s : code;
    return Error::permanent(code.isEmpty() ? u"loop.refused"_s : code, message, excerpt(body));
}

Result<QJsonObject> objectBody(const QByteArray& body, const QString& what, const QString& identifyingKey)
{
    const auto document = parseDocument(body);
    if (!document)
        return fail(document.error());
    if (!document->isObject())
        return fail(shapeError(u"Loop sent %1 that is not a JSON object."_s.arg(what), body));
    const QJsonObject object = document->object();
    if (!object.contains(identifyingKey)) {
        if (auto refused = refusalInObject(object, body))
            return fail(*refused);
    }
    return object;
}

ReturnLine lineFromJson(const QJsonObject& object)
{
    ReturnLine line;
    line.lineItemId = LoopJson::id(object.value(u"line_item_id"_s)).value_or(0);
    line.productId = LoopJson::text(object.value(u"product_id"_s));
    line.variantId = LoopJson::text(object.value(u"variant_id"_s));
    line.sku = LoopJson::text(object.value(u"sku"_s));
    line.barcode = LoopJson::text(object.value(u"barcode"_s));
    line.title = LoopJson::text(object.value(u"title"_s));
    if (line.title.isEmpty())
        line.title = LoopJson::text(object.value(u"line_item_title"_s));
    line.variantTitle = LoopJson::text(object.value(u"variant_title"_s));
    line.imageUrl = LoopJson::text(object.value(u"image"_s));
    line.priceMinor = LoopJson::moneyMinor(object.value(u"price"_s)).value_or(0);
    line.returnReason = LoopJson::text(object.value(u"return_reason"_s));
    line.parentReturnReason = LoopJson::text(object.value(u"parent_return_reason"_s));
    line.returnComment = LoopJson::text(object.value(u"return_comment"_s));
    line.outcome = LoopJson::text(object.value(u"outcome"_s));
    return line;
}

QString customerEmail(const QJsonObject& object)
{
    const QJsonValue customer = object.value(u"customer"_s);
    if (customer.isString())
        return customer.toString().trimmed();
    if (customer.isObject())
        return LoopJson::text(customer.toObject().value(u"email"_s)).trimmed();
    return LoopJson::text(object.value(u"customer_detail"_s).toObject().value(u"email"_s)).trimmed();
}

} // namespace

std::optional<qint64> LoopJson::id(const QJsonValue& value)
{
    qint64 result = 0;
    if (value.isString()) {
        bool ok = false;
        result = value.toString().trimmed().toLongLong(&ok);
        if (!ok)
            return std::nullopt;
    } else if (value.isDouble()) {
        constexpr qint64 notIntegral = std::numeric_limits<qint64>::min();
        result = value.toInteger(notIntegral);
        if (result == notIntegral)
            return std::nullopt;
    } else {
        return std::nullopt;
    }
    if (result <= 0)
        return std::nullopt;
    return result;
}

QDateTime LoopJson::timestamp(const QJsonValue& value)
{
    // PHP DateTime objects ({date, timezone, timezone_type}) show up in `outcomes_processed_at`.
    if (value.isObject())
        return timestamp(value.toObject().value(u"date"_s));
    QString text = value.toString().trimmed();
    if (isPlaceholder(text))
        return {};
    if (text.size() == 10)
        text += u"T00:00:00"_s;
    if (text.size() >= 19 && text.at(10) == u' ')
        text[10] = u'T';
    // Space-separated and offset-less forms carry no zone; Loop means UTC (CONTRACT §1.4, §12.25).
    const qsizetype timePart = text.indexOf(u'T');
    const bool hasZone = text.endsWith(u'Z') || text.endsWith(u'z') || text.indexOf(u'+', timePart) > 0
        || text.indexOf(u'-', timePart) > 0;
    if (!hasZone)
        text += u'Z';
    const QDateTime parsed = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!parsed.isValid())
        return {};
    return parsed.toUTC();
}

std::optional<qint64> LoopJson::moneyMinor(const QJsonValue& value)
{
    if (value.isDouble()) {
        const double major = value.toDouble();
        if (!std::isfinite(major) || std::fabs(major) > 9e13)
            return std::nullopt;
        return std::llround(major * 100.0);
    }
    if (!value.isString())
        return std::nullopt;
    const QString text = value.toString().trimmed();
    if (isPlaceholder(text))
        return std::nullopt;
    qsizetype pos = 0;
    const bool negative = text.startsWith(u'-');
    if (negative || text.startsWith(u'+'))
        pos = 1;
    qint64 whole = 0;
    qsizetype digits = 0;
    for (; pos < text.size() && text.at(pos).isDigit(); ++pos, ++digits) {
        if (digits > 15)
            return std::nullopt;
        whole = whole * 10 + text.at(pos).digitValue();
    }
    qint64 cents = 0;
    if (pos < text.size() && text.at(pos) == u'.') {
        ++pos;
        qsizetype fraction = 0;
        int roundDigit = 0;
        for (; pos < text.size() && text.at(pos).isDigit(); ++pos, ++fraction) {
            if (fraction < 2)
                cents = cents * 10 + text.at(pos).digitValue();
            else if (fraction == 2)
                roundDigit = text.at(pos).digitValue();
        }
        if (fraction == 1)
            cents *= 10;
        if (roundDigit >= 5)
            ++cents;
        digits += fraction;
    }
    if (pos != text.size() || digits == 0)
        return std::nullopt;
    const qint64 minor = whole * 100 + cents;
    return negative ? -minor : minor;
}

QString LoopJson::text(const QJsonValue& value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble()) {
        constexpr qint64 notIntegral = std::numeric_limits<qint64>::min();
        const qint64 integral = value.toInteger(notIntegral);
        if (integral != notIntegral)
            return QString::number(integral);
        return QString::number(value.toDouble(), 'f', -1);
    }
    if (value.isBool())
        return value.toBool() ? u"true"_s : u"false"_s;
    return {};
}

QString LoopJson::assignedText(const QJsonValue& value)
{
    const QString result = text(value).trimmed();
    return isPlaceholder(result) ? QString() : result;
}

QString LoopJson::cursorFromPageUrl(const QString& pageUrl)
{
    if (pageUrl.isEmpty())
        return {};
    return QUrlQuery(QUrl(pageUrl)).queryItemValue(u"cursor"_s, QUrl::FullyDecoded);
}

std::optional<Error> LoopJson::refusal(const QByteArray& body)
{
    if (const auto scalar = scalarText(body)) {
        if (scalar->compare(u"false"_s, Qt::CaseInsensitive) == 0)
            return Error::permanent(u"loop.refused"_s, u"Loop answered \"false\"."_s, excerpt(body));
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return refusalInObject(document.object(), body);
}

Result<Return> LoopJson::returnFromJson(const QJsonValue& value)
{
    if (!value.isObject())
        return fail(shapeError(u"A return from Loop is not a JSON object."_s));
    const QJsonObject object = value.toObject();
    Return result;
    const auto loopId = id(object.value(u"id"_s));
    if (!loopId) {
        return fail(Error::permanent(u"loop.json.return.id"_s, u"Loop sent a return without a usable id."_s,
            u"id: "_s + text(object.value(u"id"_s))));
    }
    result.loopId = *loopId;
    result.state = returnStateFromCode(text(object.value(u"state"_s)));
    result.outcome = text(object.value(u"outcome"_s));
    result.orderId = text(object.value(u"order_id"_s));
    result.orderName = text(object.value(u"order_name"_s));
    result.orderNumber = text(object.value(u"order_number"_s));
    result.providerOrderId = text(object.value(u"provider_order_id"_s));
    result.customerEmail = customerEmail(object);
    result.carrier = assignedText(object.value(u"carrier"_s));
    result.trackingNumber = assignedText(object.value(u"tracking_number"_s));
    result.labelStatus = text(object.value(u"label_status"_s));
    result.labelUpdatedAt = timestamp(object.value(u"label_updated_at"_s));
    result.currency = text(object.value(u"currency"_s));
    result.totalMinor = moneyMinor(object.value(u"total"_s)).value_or(0);
    result.createdAt = timestamp(object.value(u"created_at"_s));
    result.updatedAt = timestamp(object.value(u"updated_at"_s));

    // The top-level label fields summarise the primary label; a return with several packages lists the
    // others only in `labels`, and a list element may carry `labels` without the summary.
    const QJsonArray labels = object.value(u"labels"_s).toArray();
    for (const QJsonValue& labelValue : labels) {
        const QJsonObject label = labelValue.toObject();
        const QString tracking = assignedText(label.value(u"tracking_number"_s));
        if (tracking.isEmpty())
            continue;
        if (result.trackingNumber.isEmpty()) {
            result.trackingNumber = tracking;
            if (result.carrier.isEmpty())
                result.carrier = assignedText(label.value(u"carrier"_s));
            if (result.labelStatus.isEmpty())
                result.labelStatus = text(label.value(u"status"_s));
            if (!result.labelUpdatedAt.isValid())
                result.labelUpdatedAt = timestamp(label.value(u"updated_at"_s));
        } else if (tracking != result.trackingNumber && !result.extraTrackingNumbers.contains(tracking)) {
            result.extraTrackingNumbers << tracking;
        }
    }

    const QJsonArray lines = object.value(u"line_items"_s).toArray();
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (!lines.at(i).isObject()) {
            return fail(shapeError(u"Line item %1 of Loop return %2 is not a JSON object."_s.arg(i).arg(*loopId)));
        }
        ReturnLine line = lineFromJson(lines.at(i).toObject());
        // Without its id a line can be neither graded nor matched to a receipt: refuse the return rather
        // than store an expected item nobody can act on.
        if (line.lineItemId == 0) {
            return fail(Error::permanent(u"loop.json.line.id"_s,
                u"Loop return %1 has a line item without a usable line_item_id."_s.arg(*loopId)));
        }
        result.lines << line;
    }
    return result;
}

Result<Return> LoopJson::parseReturn(const QByteArray& body)
{
    const auto object = objectBody(body, u"return details"_s, u"id"_s);
    if (!object)
        return fail(object.error());
    return returnFromJson(*object);
}

Result<ReturnPage> LoopJson::parseReturnList(const QByteArray& body)
{
    const auto document = parseDocument(body);
    if (!document)
        return fail(document.error());
    ReturnPage page;
    QJsonArray elements;
    if (document->isArray()) {
        elements = document->array();
    } else if (document->isObject()) {
        const QJsonObject envelope = document->object();
        if (!envelope.contains(u"returns"_s)) {
            if (auto refused = refusalInObject(envelope, body))
                return fail(*refused);
            return fail(shapeError(u"Loop's returns list has no \"returns\"."_s, body));
        }
        if (!envelope.value(u"returns"_s).isArray())
            return fail(shapeError(u"Loop's \"returns\" is not an array."_s, body));
        elements = envelope.value(u"returns"_s).toArray();
        const QString next = text(envelope.value(u"nextPageUrl"_s));
        if (!next.isEmpty()) {
            page.nextCursor = cursorFromPageUrl(next);
            // Following a next page we cannot address would silently end a sync early.
            if (page.nextCursor.isEmpty()) {
                return fail(Error::permanent(u"loop.json.cursor"_s,
                    u"Loop announced a next page without a cursor."_s, next));
            }
        }
    } else {
        return fail(shapeError(u"Loop's returns list is neither an array nor an object."_s, body));
    }
    for (const QJsonValue& element : std::as_const(elements)) {
        auto decoded = returnFromJson(element);
        if (decoded)
            page.returns << std::move(*decoded);
        else
            page.rejected << decoded.error();
    }
    return page;
}

Result<QList<AsnRow>> LoopJson::parseAsn(const QByteArray& body)
{
    const auto document = parseDocument(body);
    if (!document)
        return fail(document.error());
    if (document->isObject()) {
        if (auto refused = refusalInObject(document->object(), body))
            return fail(*refused);
    }
    if (!document->isArray())
        return fail(shapeError(u"Loop's ASN report is not a JSON array."_s, body));
    QList<AsnRow> rows;
    const QJsonArray elements = document->array();
    for (qsizetype i = 0; i < elements.size(); ++i) {
        const QJsonObject object = elements.at(i).toObject();
        AsnRow row;
        const auto lineItemId = id(object.value(u"return_line_item_id"_s));
        if (!lineItemId) {
            return fail(Error::permanent(u"loop.json.asn.id"_s,
                u"Row %1 of Loop's ASN report has no usable return_line_item_id."_s.arg(i)));
        }
        row.returnLineItemId = *lineItemId;
        row.returnId = id(object.value(u"return_id"_s));
        row.trackingNumber = assignedText(object.value(u"tracking_number"_s));
        row.carrier = assignedText(object.value(u"carrier"_s));
        row.labelStatus = text(object.value(u"label_status"_s));
        row.state = text(object.value(u"state"_s));
        row.orderName = text(object.value(u"order_name"_s));
        row.customerEmail = text(object.value(u"customer_email"_s)).trimmed();
        row.sku = text(object.value(u"sku"_s));
        row.barcode = text(object.value(u"barcode"_s));
        row.title = text(object.value(u"title"_s));
        row.updatedAt = timestamp(object.value(u"updated_at"_s));
        rows << row;
    }
    return rows;
}

Status LoopJson::parseActionResult(const QByteArray& body)
{
    if (const auto scalar = scalarText(body)) {
        if (scalar->compare(u"true"_s, Qt::CaseInsensitive) == 0 || *scalar == u"1"_s)
            return {};
        if (scalar->compare(u"false"_s, Qt::CaseInsensitive) == 0)
            return fail(Error::permanent(u"loop.refused"_s, u"Loop answered \"false\"."_s));
        return fail(shapeError(u"Loop answered an action with something other than true."_s, body));
    }
    const auto document = parseDocument(body);
    if (!document)
        return fail(document.error());
    if (document->isObject()) {
        if (auto refused = refusalInObject(document->object(), body))
            return fail(*refused);
    }
    return fail(shapeError(u"Loop answered an action with something other than true."_s, body));
}

Result<QList<ReturnNote>> LoopJson::parseNotes(const QByteArray& body)
{
    // Loop answers "false" (with a 422) when a return has no notes yet.
    if (const auto scalar = scalarText(body); scalar && scalar->compare(u"false"_s, Qt::CaseInsensitive) == 0)
        return QList<ReturnNote>();
    const auto object = objectBody(body, u"notes"_s, u"notes"_s);
    if (!object)
        return fail(object.error());
    if (!object->value(u"notes"_s).isArray())
        return fail(shapeError(u"Loop's \"notes\" is not an array."_s, body));
    QList<ReturnNote> notes;
    for (const QJsonValue& value : object->value(u"notes"_s).toArray()) {
        const QJsonObject note = value.toObject();
        notes << ReturnNote{id(note.value(u"id"_s)).value_or(0), text(note.value(u"content"_s)),
            timestamp(note.value(u"created_at"_s))};
    }
    return notes;
}

Result<int> LoopJson::parseItemsEcho(const QByteArray& body)
{
    const auto document = parseDocument(body);
    if (!document)
        return fail(document.error());
    if (document->isObject()) {
        const QJsonObject object = document->object();
        if (object.value(u"items"_s).isArray())
            return int(object.value(u"items"_s).toArray().size());
        if (auto refused = refusalInObject(object, body))
            return fail(*refused);
    }
    if (!document->isArray())
        return fail(shapeError(u"Loop's answer to grading is not a JSON array."_s, body));
    return int(document->array().size());
}

Result<WebhookEvent> LoopJson::parseWebhook(const QByteArray& body)
{
    const auto document = parseDocument(body);
    if (!document)
        return fail(document.error());
    if (!document->isObject())
        return fail(shapeError(u"A Loop webhook body is not a JSON object."_s, body));
    const QJsonObject object = document->object();
    WebhookEvent event;
    event.trigger = text(object.value(u"trigger"_s));
    event.topic = text(object.value(u"topic"_s));
    if (event.topic.isEmpty())
        event.topic = event.trigger.section(u'.', 0, 0);
    event.shopId = text(object.value(u"shop_id"_s));
    if (event.topic.isEmpty())
        return fail(shapeError(u"A Loop webhook names neither its topic nor its trigger."_s, body));

    if (event.topic == u"return"_s) {
        auto value = returnFromJson(object);
        if (!value)
            return fail(value.error());
        event.returnValue = std::move(*value);
    } else if (event.topic == u"label"_s) {
        LabelEvent label;
        // Current payloads call the return id `id`, the oldest documented one `return_id`.
        const auto returnId = object.contains(u"id"_s) ? id(object.value(u"id"_s)) : id(object.value(u"return_id"_s));
        if (!returnId) {
            return fail(Error::permanent(u"loop.json.label.id"_s, u"A Loop label webhook has no usable return id."_s,
                excerpt(body)));
        }
        label.returnId = *returnId;
        label.carrier = assignedText(object.value(u"carrier"_s));
        label.trackingNumber = assignedText(object.value(u"tracking_number"_s));
        label.labelStatus = text(object.value(u"label_status"_s));
        label.labelUpdatedAt = timestamp(object.value(u"label_updated_at"_s));
        label.shipmentId = text(object.value(u"shipment_id"_s));
        event.label = label;
    }
    return event;
}

namespace {
Result<WebhookSubscription> subscriptionFromJson(const QJsonValue& value)
{
    const QJsonObject object = value.toObject();
    const auto subscriptionId = LoopJson::id(object.value(u"id"_s));
    if (!subscriptionId) {
        return fail(Error::permanent(u"loop.json.webhook.id"_s, u"Loop sent a webhook subscription without an id."_s));
    }
    return WebhookSubscription{*subscriptionId, LoopJson::text(object.value(u"topic"_s)),
        LoopJson::text(object.value(u"trigger"_s)), LoopJson::text(object.value(u"url"_s)),
        LoopJson::text(object.value(u"status"_s))};
}
} // namespace

Result<QList<WebhookSubscription>> LoopJson::parseWebhookList(const QByteArray& body)
{
    const auto document = parseDocument(body);
    if (!document)
        return fail(document.error());
    QJsonArray elements;
    if (document->isArray()) {
        elements = document->array();
    } else {
        const QJsonObject object = document->object();
        if (!object.value(u"webhooks"_s).isArray()) {
            if (auto refused = refusalInObject(object, body))
                return fail(*refused);
            return fail(shapeError(u"Loop's webhook list has no \"webhooks\" array."_s, body));
        }
        elements = object.value(u"webhooks"_s).toArray();
    }
    QList<WebhookSubscription> subscriptions;
    for (const QJsonValue& element : std::as_const(elements)) {
        auto subscription = subscriptionFromJson(element);
        if (!subscription)
            return fail(subscription.error());
        subscriptions << *subscription;
    }
    return subscriptions;
}

Result<WebhookSubscription> LoopJson::parseWebhookSubscription(const QByteArray& body)
{
    const auto object = objectBody(body, u"a webhook subscription"_s, u"id"_s);
    if (!object)
        return fail(object.error());
    return subscriptionFromJson(*object);
}

QByteArray LoopJson::noteBody(const QString& content)
{
    return QJsonDocument(QJsonObject{{u"content"_s, content}}).toJson(QJsonDocument::Compact);
}

QByteArray LoopJson::gradeBody(const QList<GradeItem>& items)
{
    QJsonArray array;
    for (const GradeItem& item : items) {
        QJsonObject object{
            {u"line_item_id"_s, item.lineItemId},
            {u"description"_s, item.description},
            {u"condition_category"_s, conditionCode(item.condition)},
        };
        if (!item.returnProcessor.isEmpty())
            object.insert(u"return_processor"_s, item.returnProcessor);
        if (!item.note.isEmpty())
            object.insert(u"note"_s, item.note);
        if (!item.images.isEmpty())
            object.insert(u"images"_s, QJsonArray::fromStringList(item.images));
        if (item.inspectedAt.isValid())
            object.insert(u"inspected_at"_s, requestTime(item.inspectedAt));
        array.append(object);
    }
    return QJsonDocument(QJsonObject{{u"items"_s, array}}).toJson(QJsonDocument::Compact);
}

QByteArray LoopJson::assessBody(const QList<AssessItem>& items)
{
    QJsonArray array;
    for (const AssessItem& item : items) {
        QJsonObject object{
            {u"line_item_id"_s, item.lineItemId},
            {u"disposition_outcome"_s, dispositionCode(item.disposition)},
        };
        if (!item.returnProcessor.isEmpty())
            object.insert(u"return_processor"_s, item.returnProcessor);
        if (!item.note.isEmpty())
            object.insert(u"note"_s, item.note);
        if (item.inspectedAt.isValid())
            object.insert(u"inspected_at"_s, requestTime(item.inspectedAt));
        array.append(object);
    }
    return QJsonDocument(QJsonObject{{u"items"_s, array}}).toJson(QJsonDocument::Compact);
}

QByteArray LoopJson::webhookBody(const WebhookSubscription& subscription)
{
    return QJsonDocument(QJsonObject{
                             {u"topic"_s, subscription.topic},
                             {u"trigger"_s, subscription.trigger},
                             {u"url"_s, subscription.url},
                             {u"status"_s, subscription.status.isEmpty() ? u"active"_s : subscription.status},
                         })
        .toJson(QJsonDocument::Compact);
}

QString LoopJson::requestTime(const QDateTime& at)
{
    return at.toUTC().toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

} // namespace Dockside
