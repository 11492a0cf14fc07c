#include "ReturnSerializer.h"

#include "Catalogue.h"
#include "JsonWriter.h"
#include "SimRandom.h"
#include "TimeFormat.h"

using namespace Qt::StringLiterals;
using namespace LoopEnums;

namespace {

struct Totals
{
    qint64 product = 0;
    qint64 discount = 0;
    qint64 tax = 0;
    qint64 exchangeProduct = 0;
    qint64 exchangeTax = 0;
    qint64 exchangeCredit = 0;
    qint64 refund = 0;
    qint64 credit = 0;

    qint64 total() const { return product - discount + tax; }
    qint64 exchangeTotal() const { return exchangeProduct + exchangeTax; }
};

qint64 itemValue(const ReturnRecord::LineItem& item)
{
    return qint64(item.priceCents) - item.discountCents + item.taxCents;
}

qint64 convert(qint64 cents, bool presentment)
{
    return presentment ? qint64(double(cents) * ReturnSerializer::presentmentRate + 0.5) : cents;
}

bool isAllDigits(QStringView text)
{
    if (text.isEmpty())
        return false;
    for (const QChar c : text) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return true;
}

} // namespace

ReturnSerializer::ReturnSerializer(const Catalogue& catalogue, qint64 shopId, quint64 seed)
    : m_catalogue(catalogue)
    , m_shopId(shopId)
    , m_seed(seed)
{
}

QString ReturnSerializer::money(qint64 cents)
{
    const bool negative = cents < 0;
    const qint64 absolute = negative ? -cents : cents;
    return (negative ? u"-"_s : QString()) + QString::number(absolute / 100) + u'.'
        + QString::number(absolute % 100).rightJustified(2, u'0');
}

QString ReturnSerializer::time(qint64 secs, Shape shape) const
{
    switch (shape) {
    case Shape::List:
        return TimeFormat::isoMillis(secs);
    case Shape::Details:
        return TimeFormat::sql(secs);
    case Shape::Webhook:
        return TimeFormat::isoSeconds(secs);
    }
    return TimeFormat::isoSeconds(secs);
}

QString ReturnSerializer::labelUrl(const ReturnRecord& record) const
{
    return u"https://labels.loop-sim.example.com/shop/"_s + QString::number(m_shopId) + u"/label/"_s
        + QString::number(record.shipmentId) + u".pdf"_s;
}

QString ReturnSerializer::trackingUrl(const ReturnRecord& record) const
{
    switch (record.carrier) {
    case Carrier::Usps:
        return u"https://tools.usps.com/go/TrackConfirmAction?tLabels="_s + record.trackingNumber;
    case Carrier::Ups:
        return u"https://www.ups.com/track?tracknum="_s + record.trackingNumber;
    case Carrier::FedEx:
        return u"https://www.fedex.com/fedextrack/?trknbr="_s + record.trackingNumber;
    case Carrier::None:
        break;
    }
    return {};
}

QString ReturnSerializer::statusPageUrl(const ReturnRecord& record) const
{
    // A v4-style uuid derived from seed and id: stable, and not worth 100 bytes per return in memory.
    SimRandom random(SimRandom::mix(m_seed ^ 0x57A7u, quint64(record.id)));
    static const QString hex = u"0123456789abcdef"_s;
    QString token;
    token.reserve(36);
    for (int i = 0; i < 32; ++i) {
        if (i == 8 || i == 12 || i == 16 || i == 20)
            token.append(u'-');
        if (i == 12)
            token.append(u'4');
        else if (i == 16)
            token.append(hex.at(8 + qsizetype(random.bounded(4))));
        else
            token.append(hex.at(qsizetype(random.bounded(16))));
    }
    return u"https://"_s + m_catalogue.shopDomain() + u"/a/loop_returns/#/return/"_s + token;
}

void ReturnSerializer::writeLineItem(
    JsonWriter& w, const ReturnRecord& record, const ReturnRecord::LineItem& item, Shape shape, bool presentment) const
{
    const bool ints = shape == Shape::Details;
    const auto& variant = m_catalogue.variant(item.variantIndex);
    const auto& reason = m_catalogue.reasons().at(item.reasonIndex);
    auto id = [&](QByteArrayView name, qint64 value) {
        if (ints)
            w.fieldInt(name, value);
        else
            w.field(name, QString::number(value));
    };
    const bool refundItem = item.resolution == Resolution::Refund;
    w.beginObject();
    id("line_item_id", item.id);
    id("provider_line_item_id", item.providerLineItemId);
    id("product_id", variant.productId);
    id("variant_id", variant.variantId);
    w.field("sku", variant.sku);
    w.field("title", variant.title);
    if (shape == Shape::Details) {
        w.field("line_item_title", variant.productTitle);
        w.field("variant_title", variant.variantTitle);
        w.field("image", variant.image);
    }
    w.field("price", money(convert(item.priceCents, presentment)));
    w.field("discount", money(convert(item.discountCents, presentment)));
    w.field("tax", money(convert(item.taxCents, presentment)));
    w.field("refund", money(convert(refundItem ? itemValue(item) : 0, presentment)));
    if (shape == Shape::List) {
        w.field("refund_item", money(convert(refundItem ? item.priceCents - item.discountCents : 0, presentment)));
        w.field("refund_tax", money(convert(refundItem ? item.taxCents : 0, presentment)));
    }
    w.field("returned_at",
        shape == Shape::List ? TimeFormat::isoMillis(item.returnedAt) : TimeFormat::sql(item.returnedAt));
    w.field("exchange_variant",
        item.exchangeVariantIndex >= 0 ? QString::number(m_catalogue.variant(item.exchangeVariantIndex).variantId)
                                       : u""_s);
    w.field("return_reason", reason.reason);
    w.field("parent_return_reason", reason.parent);
    w.field("return_comment", m_catalogue.comments().at(item.commentIndex));
    w.field("barcode", variant.barcode);
    w.field("outcome", u"default");
    w.fieldNull("provider_restock_location_id");
    w.fieldNull("consolidation_tracking");
    if (shape != Shape::Webhook || !item.condition.isEmpty()) {
        w.key("condition");
        item.condition.isEmpty() ? w.null() : w.value(item.condition);
    }
    if (shape != Shape::Webhook || !item.disposition.isEmpty()) {
        w.key("disposition");
        item.disposition.isEmpty() ? w.null() : w.value(item.disposition);
    }
    w.endObject();
    Q_UNUSED(record);
}

void ReturnSerializer::writeExchanges(JsonWriter& w, const ReturnRecord& record, Shape shape, bool presentment) const
{
    const bool ints = shape == Shape::Details;
    w.beginArray();
    for (const auto& item : record.lineItems) {
        if (item.removed || item.exchangeVariantIndex < 0)
            continue;
        const auto& variant = m_catalogue.variant(item.exchangeVariantIndex);
        const qint64 tax
            = (qint64(variant.priceCents) * item.taxCents + item.priceCents / 2) / std::max(1, item.priceCents);
        w.beginObject();
        const qint64 exchangeId = item.id + 900'000'000LL * 10;
        if (ints) {
            w.fieldInt("exchange_id", exchangeId);
            w.fieldInt("product_id", variant.productId);
            w.fieldInt("variant_id", variant.variantId);
        } else {
            w.field("exchange_id", QString::number(exchangeId));
            w.field("product_id", QString::number(variant.productId));
            w.field("variant_id", QString::number(variant.variantId));
        }
        w.field("sku", variant.sku);
        w.field("title", variant.title);
        w.field("price", money(convert(variant.priceCents, presentment)));
        w.field("discount", u"0.00");
        w.field("tax", money(convert(tax, presentment)));
        w.field("total", money(convert(variant.priceCents + tax, presentment)));
        w.endObject();
    }
    w.endArray();
}

void ReturnSerializer::writeLabels(JsonWriter& w, const ReturnRecord& record, Shape shape) const
{
    w.beginArray();
    if (record.labelCreated) {
        w.beginObject();
        w.field("status", record.labelStatus);
        w.field("updated_at", time(record.labelUpdatedAt, shape));
        w.field("url", labelUrl(record));
        w.fieldInt("rate", record.labelRateCents);
        w.field("carrier", toString(record.carrier));
        // Loop's webhook example sends the tracking number as a JSON number; we do that where it is exact
        // (all digits, at most 15 of them), otherwise a string.
        w.key("tracking_number");
        if (shape == Shape::Webhook && isAllDigits(record.trackingNumber) && record.trackingNumber.size() <= 15
            && !record.trackingNumber.startsWith(u'0'))
            w.raw(record.trackingNumber.toLatin1());
        else
            w.string(record.trackingNumber);
        w.key("line_items");
        w.beginArray();
        for (const auto& item : record.lineItems) {
            if (!item.removed)
                w.integer(item.id);
        }
        w.endArray();
        w.endObject();
    }
    w.endArray();
}

void ReturnSerializer::writeCore(JsonWriter& w, const ReturnRecord& record, Shape shape, bool presentment) const
{
    const bool details = shape == Shape::Details;
    const bool webhook = shape == Shape::Webhook;
    presentment = presentment && record.multiCurrency;
    const auto& city = m_catalogue.cities().at(record.cityIndex);
    const auto& destination = m_catalogue.destinations().at(record.destinationIndex);

    Totals totals;
    for (const auto& item : record.lineItems) {
        if (item.removed)
            continue;
        totals.product += item.priceCents;
        totals.discount += item.discountCents;
        totals.tax += item.taxCents;
        switch (item.resolution) {
        case Resolution::Refund:
            totals.refund += itemValue(item);
            break;
        case Resolution::Credit:
            totals.credit += itemValue(item);
            break;
        case Resolution::Exchange: {
            const auto& variant
                = m_catalogue.variant(item.exchangeVariantIndex >= 0 ? item.exchangeVariantIndex : item.variantIndex);
            totals.exchangeProduct += variant.priceCents;
            totals.exchangeTax
                += (qint64(variant.priceCents) * item.taxCents + item.priceCents / 2) / std::max(1, item.priceCents);
            totals.exchangeCredit += itemValue(item);
            break;
        }
        }
    }
    const qint64 refund = std::max<qint64>(0, totals.refund - record.handlingFeeCents);
    const qint64 upsell = std::max<qint64>(0, totals.exchangeTotal() - totals.exchangeCredit);
    auto m = [&](QByteArrayView name, qint64 cents) {
        w.field(name, money(convert(cents, presentment)));
    };
    auto id = [&](QByteArrayView name, qint64 value, bool asInt) {
        if (asInt)
            w.fieldInt(name, value);
        else
            w.field(name, QString::number(value));
    };
    auto timeOrNull = [&](QByteArrayView name, qint64 secs) {
        if (secs > 0)
            w.field(name, time(secs, shape));
        else
            w.fieldNull(name);
    };

    id("id", record.id, details);
    w.field("state", toString(record.state));
    w.field("created_at", time(record.createdAt, shape));
    w.field("updated_at", time(record.updatedAt, shape));
    timeOrNull("edited_at", record.editedAt);
    m("total", totals.total());
    w.field("outcome", toString(record.outcome));
    id("order_id", record.orderId, details || webhook);
    w.field("order_name", u"#"_s + QString::number(record.orderNumber));
    id("provider_order_id", record.providerOrderId, details);
    w.field("order_number", QString::number(record.orderNumber));
    id("provider_order_number", record.orderNumber, webhook);
    if (webhook) {
        w.field("provider_order_external_id", QString::number(record.providerOrderId));
        w.field("provider_order_sales_channel", u"Online Store");
    }
    w.field("customer", record.email);
    if (webhook) {
        w.key("customer_detail");
        w.beginObject();
        w.field("email", record.email);
        w.field("first_name", record.firstName);
        w.fieldNull("middle_name");
        w.field("last_name", record.lastName);
        w.endObject();
        w.key("address");
        w.beginObject();
        w.field("name", record.firstName + u' ' + record.lastName);
        w.field("company", u"");
        w.field("address1", QString::number(record.streetNumber) + u' ' + m_catalogue.streets().at(record.streetIndex));
        w.field("address2", u"");
        w.field("city", city.city);
        w.field("state", city.state);
        w.field("zip", city.zip);
        w.field("country", city.country);
        w.field("country_code", city.countryCode);
        w.field("phone", u"");
        w.endObject();
    }
    w.field("origin_country", city.country);
    w.field("origin_country_code", city.countryCode);
    w.fieldBool("multi_currency", record.multiCurrency);
    w.field("currency", presentment ? u"CAD"_s : u"USD"_s);
    m("return_product_total", totals.product);
    m("return_discount_total", totals.discount);
    m("return_tax_total", totals.tax);
    m("return_total", totals.total());
    m("return_credit_total", totals.total());
    m("exchange_product_total", totals.exchangeProduct);
    m("exchange_discount_total", 0);
    m("exchange_tax_total", totals.exchangeTax);
    m("exchange_total", totals.exchangeTotal());
    m("exchange_credit_total", totals.exchangeCredit);
    m("gift_card", totals.credit);
    w.fieldNull("gift_card_order_name");
    w.fieldNull("gift_card_order_id");
    m("handling_fee", record.handlingFeeCents);
    m("refund", refund);
    m("upsell", upsell);
    if (webhook)
        w.fieldBool("is_gift_return", record.giftReturn);
    if (details) {
        const ReturnRecord::LineItem* exchanged = nullptr;
        for (const auto& item : record.lineItems) {
            if (!item.removed && item.exchangeVariantIndex >= 0) {
                exchanged = &item;
                break;
            }
        }
        w.key("exchange");
        if (exchanged) {
            const auto& variant = m_catalogue.variant(exchanged->exchangeVariantIndex);
            w.beginObject();
            w.fieldInt("product_id", variant.productId);
            w.fieldInt("variant_id", variant.variantId);
            w.field("sku", variant.sku);
            w.field("title", variant.title);
            w.endObject();
        } else {
            w.null();
        }
        w.fieldStringOrNull(
            "exchange_order_name", record.exchangeOrderName.isEmpty() ? QString() : record.exchangeOrderName);
        w.key("exchange_order_id");
        record.exchangeOrderId ? w.integer(record.exchangeOrderId) : w.null();
    }
    if (details || webhook) {
        w.key("refunds");
        w.beginArray();
        for (const auto& refundEntry : record.refunds) {
            w.beginObject();
            w.field("gateway", refundEntry.gateway);
            w.key("amount");
            const qint64 cents = convert(refundEntry.amountCents, presentment);
            if (webhook && cents % 100 == 0)
                w.integer(cents / 100);
            else if (webhook)
                w.number(double(cents) / 100.0);
            else
                w.string(money(cents));
            w.field("currency", presentment ? u"CAD"_s : u"USD"_s);
            w.field("provider_refund_id", refundEntry.providerRefundId);
            if (details)
                w.field("provider", u"shopify");
            w.endObject();
        }
        w.endArray();
    }
    w.key("line_items");
    w.beginArray();
    for (const auto& item : record.lineItems) {
        if (!item.removed)
            writeLineItem(w, record, item, shape, presentment);
    }
    w.endArray();
    w.key("exchanges");
    writeExchanges(w, record, shape, presentment);
    const bool labelled = record.labelCreated;
    w.field("carrier", labelled ? toString(record.carrier) : u"N/A"_s);
    w.field("tracking_number", labelled ? record.trackingNumber : u"N/A"_s);
    w.field("label_status", labelled ? record.labelStatus : labelStatusNone());
    timeOrNull("label_updated_at", labelled ? record.labelUpdatedAt : 0);
    if (!webhook) {
        w.fieldStringOrNull("label_url", labelled ? labelUrl(record) : QString());
        w.fieldStringOrNull("label_rate", labelled ? money(record.labelRateCents) : QString());
    }
    w.key("labels");
    writeLabels(w, record, shape);
    w.field("status_page_url", statusPageUrl(record));
    id("destination_id", destination.id, details);
    w.field("return_method", toString(record.returnMethod));
    w.fieldStringOrNull("package_reference", record.packageReference.isEmpty() ? QString() : record.packageReference);
}

void ReturnSerializer::writeListReturn(JsonWriter& w, const ReturnRecord& record) const
{
    w.beginObject();
    writeCore(w, record, Shape::List, false);
    w.endObject();
}

void ReturnSerializer::writeDetails(JsonWriter& w, const ReturnRecord& record, bool presentment) const
{
    w.beginObject();
    writeCore(w, record, Shape::Details, presentment);
    w.endObject();
}

QByteArray ReturnSerializer::webhookBody(const QString& topic, const QString& trigger, const ReturnRecord& record) const
{
    JsonWriter w(4096);
    const bool returnTrigger = trigger.startsWith(u"return.");
    const bool labelTrigger = trigger.startsWith(u"label.");
    if (topic == u"return" && returnTrigger) {
        w.beginObject();
        w.field("topic", topic);
        w.field("trigger", trigger);
        w.fieldInt("shop_id", m_shopId);
        writeCore(w, record, Shape::Webhook, false);
        w.endObject();
    } else if (topic == u"label" && labelTrigger) {
        writeLabelPayload(w, trigger, record);
    } else {
        // Loop: "mismatched pairs can yield empty payloads" — PHP's json_encode([]).
        w.beginArray();
        w.endArray();
    }
    return w.take();
}

void ReturnSerializer::writeLabelPayload(JsonWriter& w, const QString& trigger, const ReturnRecord& record) const
{
    const bool labelled = record.labelCreated;
    w.beginObject();
    w.field("topic", u"label");
    w.field("trigger", trigger);
    w.fieldInt("shop_id", m_shopId);
    w.fieldInt("id", record.id);
    w.fieldInt("order_id", record.orderId);
    w.fieldInt("provider_order_id", record.providerOrderId);
    w.field("carrier", labelled ? toString(record.carrier) : u"N/A"_s);
    w.field("tracking_number", labelled ? record.trackingNumber : u"N/A"_s);
    w.field("label_status", labelled ? record.labelStatus : labelStatusNone());
    if (labelled)
        w.field("label_updated_at", TimeFormat::isoMillis(record.labelUpdatedAt));
    else
        w.fieldNull("label_updated_at");
    w.field("shipment_id", QString::number(record.shipmentId));
    w.endObject();
}

QByteArray ReturnSerializer::processingFailedBody(const ReturnRecord& record, const QString& message) const
{
    JsonWriter w;
    w.beginObject();
    w.field("topic", u"return.processing");
    w.field("trigger", u"return.processing.failed");
    w.fieldInt("return_id", record.id);
    w.field("return_state", toString(record.state));
    w.fieldStringOrNull("message", message);
    w.field("source", u"warehouse");
    w.endObject();
    return w.take();
}

void ReturnSerializer::writeAsnRows(JsonWriter& w, const ReturnRecord& record) const
{
    const auto& destination = m_catalogue.destinations().at(record.destinationIndex);
    const bool labelled = record.labelCreated;
    auto timeOrNull = [&](QByteArrayView name, qint64 secs) {
        if (secs > 0)
            w.field(name, TimeFormat::isoSeconds(secs));
        else
            w.fieldNull(name);
    };
    QString methodState = labelled ? record.labelStatus : labelStatusNew();
    if (record.state == ReturnState::Cancelled)
        methodState = u"canceled"_s;
    for (const auto& item : record.lineItems) {
        if (item.removed)
            continue;
        const auto& variant = m_catalogue.variant(item.variantIndex);
        w.beginObject();
        w.fieldInt("id", item.id + 50'000'000);
        w.field("return_line_item_id", QString::number(item.id));
        w.field("order_id", QString::number(record.orderId));
        w.field("order_name", u"#"_s + QString::number(record.orderNumber));
        w.field("order_number", QString::number(record.orderNumber));
        w.field("provider_order_number", QString::number(record.orderNumber));
        w.field("state", toString(record.state));
        w.field("customer_email", record.email);
        w.field("title", variant.title);
        w.field("purchase_price", money(item.priceCents));
        w.field("sku", variant.sku);
        w.field("barcode", variant.barcode);
        w.field("carrier", labelled ? toString(record.carrier) : u"N/A"_s);
        w.fieldStringOrNull("service", labelled ? record.service : QString());
        w.field("label_status", labelled ? record.labelStatus : labelStatusNone());
        w.field("tracking_number", labelled ? record.trackingNumber : u"N/A"_s);
        w.fieldStringOrNull("integration_tracking_url", labelled ? trackingUrl(record) : QString());
        w.fieldNull("restock_status");
        w.field("currency", u"USD");
        timeOrNull("label_updated_at", labelled ? record.labelUpdatedAt : 0);
        w.fieldStringOrNull("label_url", labelled ? labelUrl(record) : QString());
        w.fieldStringOrNull("label_rate", labelled ? money(record.labelRateCents) : QString());
        timeOrNull("closed_at", record.closedAt);
        timeOrNull("updated_at", record.updatedAt);
        timeOrNull("created_at", record.createdAt);
        w.field("return_reason", m_catalogue.reasons().at(item.reasonIndex).reason);
        w.fieldStringOrNull("actioned_by", record.actionedBy.isEmpty() ? QString() : record.actionedBy);
        w.field("return_method", toString(record.returnMethod));
        w.fieldStringOrNull("return_method_rma_code", record.rmaCode.isEmpty() ? QString() : record.rmaCode);
        w.field("return_method_state", methodState);
        timeOrNull("date_delivered", record.dateDelivered);
        w.field("outcome", toString(record.outcome));
        w.fieldStringOrNull("scannable_id", record.rmaCode.isEmpty() ? QString() : record.rmaCode);
        w.fieldStringOrNull(
            "package_reference", record.packageReference.isEmpty() ? QString() : record.packageReference);
        w.fieldNull("shipping_box_barcode");
        timeOrNull("provider_created_at", record.createdAt);
        w.field("destination_id", QString::number(destination.id));
        w.field("destination_name", destination.name);
        w.endObject();
    }
}

void ReturnSerializer::writeSummary(JsonWriter& w, const ReturnRecord& record) const
{
    w.beginObject();
    w.fieldInt("id", record.id);
    w.field("state", toString(record.state));
    w.fieldBool("flagged", record.flagged);
    w.field("created_at", TimeFormat::isoMillis(record.createdAt));
    w.field("updated_at", TimeFormat::isoMillis(record.updatedAt));
    w.field("order_name", u"#"_s + QString::number(record.orderNumber));
    w.field("label_status", record.labelCreated ? record.labelStatus : labelStatusNone());
    w.endObject();
}

void ReturnSerializer::writeTruth(
    JsonWriter& w, const ReturnRecord& record, const QList<qint64>& sameOrderReturnIds) const
{
    const auto& destination = m_catalogue.destinations().at(record.destinationIndex);
    w.beginObject();
    w.fieldInt("id", record.id);
    w.field("state", toString(record.state));
    w.fieldBool("flagged", record.flagged);
    w.fieldBool("processing_queued", record.processQueued);
    w.field("created_at", TimeFormat::isoMillis(record.createdAt));
    w.field("updated_at", TimeFormat::isoMillis(record.updatedAt));
    w.fieldStringOrNull("closed_at", record.closedAt ? TimeFormat::isoMillis(record.closedAt) : QString());
    w.fieldInt("order_id", record.orderId);
    w.fieldInt("provider_order_id", record.providerOrderId);
    w.field("order_name", u"#"_s + QString::number(record.orderNumber));
    w.field("customer", record.email);
    w.field("outcome", toString(record.outcome));
    w.field("return_method", toString(record.returnMethod));
    w.field("carrier", toString(record.carrier));
    w.fieldStringOrNull("service", record.service.isEmpty() ? QString() : record.service);
    w.fieldStringOrNull("tracking_number", record.trackingNumber.isEmpty() ? QString() : record.trackingNumber);
    w.fieldBool("label_created", record.labelCreated);
    w.field("label_status", record.labelCreated ? record.labelStatus : labelStatusNone());
    w.fieldStringOrNull("label_barcode", record.labelBarcode.isEmpty() ? QString() : record.labelBarcode);
    w.fieldStringOrNull("label_barcode_kind", record.labelBarcodeKind.isEmpty() ? QString() : record.labelBarcodeKind);
    w.fieldStringOrNull("rma_code", record.rmaCode.isEmpty() ? QString() : record.rmaCode);
    w.fieldStringOrNull("package_reference", record.packageReference.isEmpty() ? QString() : record.packageReference);
    w.key("destination");
    w.beginObject();
    w.fieldInt("id", destination.id);
    w.field("name", destination.name);
    w.field("zip", destination.zip5);
    w.endObject();
    w.key("line_items");
    w.beginArray();
    for (const auto& item : record.lineItems) {
        const auto& variant = m_catalogue.variant(item.variantIndex);
        w.beginObject();
        w.fieldInt("line_item_id", item.id);
        w.field("sku", variant.sku);
        w.field("barcode", variant.barcode);
        w.field("title", variant.title);
        w.field("price", money(item.priceCents));
        w.field("resolution", toString(item.resolution));
        w.fieldBool("removed", item.removed);
        w.key("condition");
        item.condition.isEmpty() ? w.null() : w.value(item.condition);
        w.key("disposition");
        item.disposition.isEmpty() ? w.null() : w.value(item.disposition);
        w.endObject();
    }
    w.endArray();
    w.key("notes");
    w.beginArray();
    for (const auto& note : record.notes) {
        w.beginObject();
        w.fieldInt("id", note.id);
        w.field("content", note.content);
        w.field("created_at", TimeFormat::isoSeconds(note.createdAt));
        w.endObject();
    }
    w.endArray();
    w.key("process");
    w.beginObject();
    w.fieldInt("calls_received", record.processCallsReceived);
    w.fieldInt("calls_accepted", record.processCallsAccepted);
    w.fieldInt("runs", record.processRuns);
    w.fieldInt("failures", record.processFailures);
    w.fieldBool("fail_next", record.failNextProcess);
    w.endObject();
    w.key("actions");
    w.beginArray();
    for (const auto& action : record.actions) {
        w.beginObject();
        w.field("action", action.action);
        w.field("at", TimeFormat::isoSeconds(action.at));
        w.fieldInt("http_status", action.httpStatus);
        w.field("body", QString::fromUtf8(action.body));
        w.fieldBool("effective", action.effective);
        w.fieldStringOrNull("fault", action.fault.isEmpty() ? QString() : action.fault);
        w.endObject();
    }
    w.endArray();
    w.fieldValue("additional_details", record.additionalDetails);
    w.fieldStringOrNull(
        "exchange_order_name", record.exchangeOrderName.isEmpty() ? QString() : record.exchangeOrderName);
    w.fieldStringOrNull("actioned_by", record.actionedBy.isEmpty() ? QString() : record.actionedBy);
    w.key("same_order_return_ids");
    w.beginArray();
    for (const qint64 id : sameOrderReturnIds)
        w.integer(id);
    w.endArray();
    w.endObject();
}
