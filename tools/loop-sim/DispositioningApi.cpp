#include "DispositioningApi.h"

#include "JsonWriter.h"
#include "LoopShop.h"
#include "TimeFormat.h"
#include "ValidationErrors.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace {

bool isEmail(const QString& text)
{
    static const QRegularExpression pattern(u"^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"_s);
    return pattern.match(text).hasMatch();
}

bool isUrl(const QString& text)
{
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && (url.scheme() == u"http" || url.scheme() == u"https") && !url.host().isEmpty();
}

bool isSqlTimestamp(const QString& text)
{
    static const QRegularExpression pattern(u"^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$"_s);
    return pattern.match(text).hasMatch() && TimeFormat::parse(text).has_value();
}

std::optional<qint64> integerValue(const QJsonValue& value)
{
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (d == double(qint64(d)))
            return qint64(d);
        return std::nullopt;
    }
    if (value.isString()) {
        bool ok = false;
        const qint64 parsed = value.toString().toLongLong(&ok);
        return ok ? std::optional<qint64>(parsed) : std::nullopt;
    }
    return std::nullopt;
}

} // namespace

DispositioningApi::DispositioningApi(LoopShop& shop)
    : m_shop(shop)
{
}

SimResponse DispositioningApi::handle(Kind kind, const SimRequest& request)
{
    ValidationErrors errors;
    const QJsonDocument document = QJsonDocument::fromJson(request.body);
    const QJsonValue itemsValue = document.isObject() ? document.object().value(u"items"_s) : QJsonValue();
    if (itemsValue.isUndefined() || itemsValue.isNull()) {
        errors.add(u"items"_s, u"The items field is required."_s);
        return errors.response();
    }
    if (!itemsValue.isArray()) {
        errors.add(u"items"_s, u"The items must be an array."_s);
        return errors.response();
    }
    const QJsonArray items = itemsValue.toArray();
    if (items.isEmpty())
        errors.add(u"items"_s, u"The items field is required."_s);
    if (items.size() > maxItems)
        errors.add(u"items"_s, u"The items must not have more than %1 items."_s.arg(maxItems));

    static const QStringList categories { u"grade_a"_s, u"grade_b"_s, u"grade_c"_s, u"grade_d"_s, u"incorrect_item"_s,
        u"missing"_s, u"junk"_s };
    static const QStringList outcomes { u"back_to_stock"_s, u"resale_hold"_s, u"recycle"_s, u"donate"_s, u"missing"_s };
    QList<qint64> lineItemIds;
    for (qsizetype i = 0; i < items.size() && i < maxItems; ++i) {
        const QString prefix = u"items."_s + QString::number(i) + u'.';
        const QJsonObject item = items.at(i).toObject();
        if (!items.at(i).isObject()) {
            errors.add(u"items."_s + QString::number(i), u"The items.%1 must be an array."_s.arg(i));
            continue;
        }
        const QJsonValue lineItem = item.value(u"line_item_id"_s);
        if (lineItem.isUndefined() || lineItem.isNull())
            errors.add(prefix + u"line_item_id"_s, u"The %1line_item_id field is required."_s.arg(prefix));
        else if (!integerValue(lineItem))
            errors.add(prefix + u"line_item_id"_s, u"The %1line_item_id must be an integer."_s.arg(prefix));
        else
            lineItemIds.append(*integerValue(lineItem));

        auto optionalString = [&](const QString& name, qsizetype max) -> std::optional<QString> {
            const QJsonValue value = item.value(name);
            if (value.isUndefined() || value.isNull())
                return std::nullopt;
            if (!value.isString()) {
                errors.add(prefix + name, u"The %1%2 must be a string."_s.arg(prefix, name));
                return std::nullopt;
            }
            if (value.toString().size() > max) {
                errors.add(
                    prefix + name, u"The %1%2 must not be greater than %3 characters."_s.arg(prefix, name).arg(max));
                return std::nullopt;
            }
            return value.toString();
        };
        if (kind == Kind::Grade) {
            const QJsonValue description = item.value(u"description"_s);
            if (description.isUndefined() || description.isNull()
                || (description.isString() && description.toString().trimmed().isEmpty()))
                errors.add(prefix + u"description"_s, u"The %1description field is required."_s.arg(prefix));
            else
                optionalString(u"description"_s, 255);
            if (const auto category = optionalString(u"condition_category"_s, 64);
                category && !categories.contains(*category))
                errors.add(
                    prefix + u"condition_category"_s, u"The selected %1condition_category is invalid."_s.arg(prefix));
            const QJsonValue images = item.value(u"images"_s);
            if (!images.isUndefined() && !images.isNull()) {
                if (!images.isArray()) {
                    errors.add(prefix + u"images"_s, u"The %1images must be an array."_s.arg(prefix));
                } else {
                    const QJsonArray list = images.toArray();
                    if (list.size() > 5)
                        errors.add(
                            prefix + u"images"_s, u"The %1images must not have more than 5 items."_s.arg(prefix));
                    for (qsizetype j = 0; j < list.size(); ++j) {
                        if (!list.at(j).isString() || !isUrl(list.at(j).toString()))
                            errors.add(prefix + u"images."_s + QString::number(j),
                                u"The %1images.%2 must be a valid URL."_s.arg(prefix).arg(j));
                    }
                }
            }
        } else {
            const QJsonValue outcome = item.value(u"disposition_outcome"_s);
            if (outcome.isUndefined() || outcome.isNull())
                errors.add(
                    prefix + u"disposition_outcome"_s, u"The %1disposition_outcome field is required."_s.arg(prefix));
            else if (!outcome.isString() || !outcomes.contains(outcome.toString()))
                errors.add(
                    prefix + u"disposition_outcome"_s, u"The selected %1disposition_outcome is invalid."_s.arg(prefix));
        }
        if (const auto processor = optionalString(u"return_processor"_s, 100); processor && !isEmail(*processor))
            errors.add(
                prefix + u"return_processor"_s, u"The %1return_processor must be a valid email address."_s.arg(prefix));
        optionalString(u"note"_s, 65535);
        if (const auto inspected = optionalString(u"inspected_at"_s, 32); inspected && !isSqlTimestamp(*inspected))
            errors.add(
                prefix + u"inspected_at"_s, u"The %1inspected_at does not match the format Y-m-d H:i:s."_s.arg(prefix));
    }
    if (!errors.isEmpty())
        return errors.response();

    for (const qint64 id : std::as_const(lineItemIds)) {
        if (!m_shop.store().findByLineItem(id))
            return SimResponse::json(
                403, "{\"message\":\"One or more line items do not belong to the authenticated shop.\"}");
    }

    JsonWriter w(request.body.size() + 64);
    w.beginArray();
    for (const QJsonValue& value : items) {
        QJsonObject item = value.toObject();
        const qint64 id = *integerValue(item.value(u"line_item_id"_s));
        QJsonObject stored = item;
        stored.remove(u"line_item_id"_s);
        if (ReturnRecord::LineItem* lineItem = m_shop.store().lineItem(id)) {
            if (kind == Kind::Grade)
                lineItem->condition = stored;
            else
                lineItem->disposition = stored;
        }
        w.value(item);
    }
    w.endArray();
    return SimResponse::json(200, w.take());
}
