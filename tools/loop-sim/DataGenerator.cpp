#include "DataGenerator.h"

#include "Barcode.h"
#include "Catalogue.h"
#include "SimRandom.h"
#include "TimeFormat.h"

#include <QJsonArray>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace LoopEnums;

namespace {

constexpr qint64 day = 86400;
constexpr qint64 hour = 3600;
constexpr qint64 returnIdFactor = 10'000'000;
constexpr qint64 lineItemFactor = 100'000'000;

enum Fate {
    FateRandom = -1,
    FateOpenNoLabel = 0,
    FateOpenInTransit,
    FateReview,
    FateCancelled,
    FateExpired,
    FateOpenDelivered,
};

qint32 percentOf(qint32 cents, int permille)
{
    return qint32((qint64(cents) * permille + 500) / 1000);
}

QString emailLocalPart(QString text)
{
    QString out;
    for (const QChar c : text.normalized(QString::NormalizationForm_D)) {
        if (c.unicode() < 128 && c.isLetterOrNumber())
            out.append(c.toLower());
    }
    return out;
}

} // namespace

DataGenerator::DataGenerator(quint64 seed, qint64 shopId, Catalogue& catalogue)
    : m_seed(seed)
    , m_shopId(shopId)
    , m_catalogue(catalogue)
{
}

qint64 DataGenerator::returnId(qint64 sequence) const
{
    return m_shopId * returnIdFactor + sequence;
}

qint64 DataGenerator::lineItemId(qint64 sequence, int index) const
{
    return m_shopId * lineItemFactor + sequence * 10 + index + 1;
}

qint64 DataGenerator::noteId(qint64 sequence) const
{
    return m_shopId * returnIdFactor + 7'000'000 + sequence;
}

qint64 DataGenerator::webhookId(qint64 sequence) const
{
    return m_shopId * 10'000 + sequence;
}

qint64 DataGenerator::exchangeOrderId(qint64 returnSequence) const
{
    return m_shopId * returnIdFactor + 8'000'000 + returnSequence;
}

DataGenerator::OrderIdentity DataGenerator::orderFor(qint64 orderSequence) const
{
    SimRandom random(SimRandom::mix(m_seed ^ 0x0DDEu, quint64(m_shopId) * 1'000'003 + quint64(orderSequence)));
    OrderIdentity order;
    order.sequence = orderSequence;
    order.orderId = m_shopId * returnIdFactor + 5'000'000 + orderSequence;
    order.providerOrderId = 5'500'000'000'000LL + m_shopId * returnIdFactor + orderSequence;
    order.orderNumber = int(1001 + orderSequence * 3 + qint64(random.bounded(3)));
    order.firstName = random.pick(m_catalogue.firstNames());
    order.lastName = random.pick(m_catalogue.lastNames());
    static const QList<QString> domains { u"example.com"_s, u"example.net"_s, u"example.org"_s, u"mail.example.com"_s };
    const qsizetype style = random.weighted({ 5, 3, 2 });
    QString local;
    if (style == 0)
        local = emailLocalPart(order.firstName) + u'.' + emailLocalPart(order.lastName);
    else if (style == 1)
        local = emailLocalPart(order.firstName.left(1)) + emailLocalPart(order.lastName);
    else
        local = emailLocalPart(order.firstName) + emailLocalPart(order.lastName).left(1);
    order.email = local + QString::number(orderSequence % 997) + u'@' + random.pick(domains);
    // Mostly US shoppers; Canadian ones make the multi-currency / origin-country fields vary.
    const auto& cities = m_catalogue.cities();
    const bool canadian = random.chance(0.06);
    const qsizetype usCount = cities.size() - 3;
    order.cityIndex
        = int(canadian ? usCount + qsizetype(random.bounded(3)) : qsizetype(random.bounded(quint64(usCount))));
    order.streetIndex = int(random.bounded(quint64(m_catalogue.streets().size())));
    order.streetNumber = int(random.range(1, 9899));
    return order;
}

DataGenerator::OrderIdentity DataGenerator::orderOf(const ReturnRecord& record, qint64 orderSequence)
{
    OrderIdentity order;
    order.sequence = orderSequence;
    order.orderId = record.orderId;
    order.providerOrderId = record.providerOrderId;
    order.orderNumber = record.orderNumber;
    order.firstName = record.firstName;
    order.lastName = record.lastName;
    order.email = record.email;
    order.cityIndex = record.cityIndex;
    order.streetIndex = record.streetIndex;
    order.streetNumber = record.streetNumber;
    return order;
}

qint64 DataGenerator::orderSequenceOf(const ReturnRecord& record) const
{
    return record.orderId - m_shopId * returnIdFactor - 5'000'000;
}

void DataGenerator::applyOrder(ReturnRecord& record, const OrderIdentity& order) const
{
    record.orderId = order.orderId;
    record.providerOrderId = order.providerOrderId;
    record.orderNumber = order.orderNumber;
    record.firstName = order.firstName;
    record.lastName = order.lastName;
    record.email = order.email;
    record.cityIndex = order.cityIndex;
    record.streetIndex = order.streetIndex;
    record.streetNumber = order.streetNumber;
    record.multiCurrency = m_catalogue.cities().at(order.cityIndex).countryCode != u"US";
}

Carrier DataGenerator::pickCarrier(SimRandom& random) const
{
    switch (random.weighted({ 60, 25, 15 })) {
    case 0:
        return Carrier::Usps;
    case 1:
        return Carrier::Ups;
    default:
        return Carrier::FedEx;
    }
}

void DataGenerator::fillLineItems(ReturnRecord& record, SimRandom& random, int count) const
{
    const qint64 sequence = record.id - m_shopId * returnIdFactor;
    const bool canadian = m_catalogue.cities().at(record.cityIndex).countryCode == u"CA";
    const int taxPermille = canadian ? 130 : int(random.range(60, 95));
    const bool discounted = random.chance(0.25);
    const int discountPermille = discounted ? int(random.range(10, 25)) * 10 : 0;
    const auto& variants = m_catalogue.variants();
    record.lineItems.reserve(count);
    for (int i = 0; i < count; ++i) {
        ReturnRecord::LineItem item;
        item.id = lineItemId(sequence, i);
        item.providerLineItemId = 13'000'000'000'000LL + m_shopId * lineItemFactor + sequence * 10 + i;
        // Multi-unit order lines show up as several line items with the same variant.
        if (i > 0 && random.chance(0.15))
            item.variantIndex = record.lineItems.at(i - 1).variantIndex;
        else
            item.variantIndex = int(random.bounded(quint64(variants.size())));
        item.priceCents = variants.at(item.variantIndex).priceCents;
        item.discountCents = percentOf(item.priceCents, discountPermille);
        item.taxCents = percentOf(item.priceCents - item.discountCents, taxPermille);
        item.reasonIndex = quint8(random.bounded(quint64(m_catalogue.reasons().size())));
        item.commentIndex = quint8(random.bounded(quint64(m_catalogue.comments().size())));
        item.returnedAt = record.createdAt + 1;
        record.lineItems.append(item);
    }
}

void DataGenerator::assignResolutions(ReturnRecord& record) const
{
    for (qsizetype i = 0; i < record.lineItems.size(); ++i) {
        auto& item = record.lineItems[i];
        const quint64 salt = quint64(item.id) * 31;
        Resolution resolution = Resolution::Refund;
        switch (record.outcome) {
        case Outcome::Refund:
            resolution = Resolution::Refund;
            break;
        case Outcome::Credit:
            resolution = Resolution::Credit;
            break;
        case Outcome::Exchange:
        case Outcome::Upsell:
            resolution = Resolution::Exchange;
            break;
        case Outcome::ExchangeRefund:
            resolution = i == 0 ? Resolution::Exchange : Resolution::Refund;
            break;
        case Outcome::ExchangeCredit:
            resolution = i == 0 ? Resolution::Exchange : Resolution::Credit;
            break;
        }
        item.resolution = resolution;
        if (resolution == Resolution::Exchange) {
            item.exchangeVariantIndex = record.outcome == Outcome::Upsell
                ? m_catalogue.upsellVariantFor(item.variantIndex, salt)
                : m_catalogue.exchangeVariantFor(item.variantIndex, salt);
        } else {
            item.exchangeVariantIndex = -1;
        }
    }
}

void DataGenerator::assignLabel(ReturnRecord& record, SimRandom& random, Carrier carrier) const
{
    record.carrier = carrier;
    const auto& destination = m_catalogue.destinations().at(record.destinationIndex);
    switch (carrier) {
    case Carrier::Usps: {
        record.service = u"Ground Advantage"_s;
        record.trackingNumber = Barcode::uspsImpb(random, m_catalogue.uspsMailerId());
        const bool zip9 = random.chance(0.5);
        const bool aim = random.chance(0.3);
        record.labelBarcode = Barcode::uspsLabelBarcode(
            record.trackingNumber, destination.zip5, zip9 ? destination.zip4 : QString(), aim);
        record.labelBarcodeKind = aim ? u"usps_420_impb_aim"_s : u"usps_420_impb"_s;
        record.labelRateCents = qint32(random.range(645, 899));
        break;
    }
    case Carrier::Ups:
        record.service = u"Ground"_s;
        record.trackingNumber = Barcode::upsTracking(random, m_catalogue.upsShipper());
        record.labelBarcode = record.trackingNumber;
        record.labelBarcodeKind = u"ups_1z"_s;
        record.labelRateCents = qint32(random.range(1050, 1499));
        break;
    case Carrier::FedEx:
        if (random.chance(0.6)) {
            record.service = u"Express Saver"_s;
            record.trackingNumber = Barcode::fedex12(random);
            record.labelBarcode = Barcode::fedex34LabelBarcode(random, record.trackingNumber, destination.zip5);
            record.labelBarcodeKind = u"fedex_34"_s;
        } else {
            record.service = u"Ground"_s;
            record.trackingNumber = Barcode::fedex15(random);
            record.labelBarcode = Barcode::fedexGround22LabelBarcode(record.trackingNumber);
            record.labelBarcodeKind = u"fedex_ground_96"_s;
        }
        record.labelRateCents = qint32(random.range(990, 1390));
        break;
    case Carrier::None:
        record.service.clear();
        record.trackingNumber.clear();
        record.labelBarcode.clear();
        record.labelBarcodeKind.clear();
        record.labelRateCents = 0;
        break;
    }
}

void DataGenerator::applyProcessingOutcome(ReturnRecord& record) const
{
    const qint64 sequence = record.id - m_shopId * returnIdFactor;
    SimRandom random(SimRandom::mix(m_seed ^ 0xC105Eu, quint64(record.id)));
    qint32 refundCents = 0;
    bool exchange = false;
    for (const auto& item : std::as_const(record.lineItems)) {
        if (item.removed)
            continue;
        if (item.resolution == Resolution::Refund)
            refundCents += item.priceCents - item.discountCents + item.taxCents;
        if (item.resolution == Resolution::Exchange)
            exchange = true;
    }
    refundCents = std::max(0, refundCents - record.handlingFeeCents);
    record.refunds.clear();
    if (refundCents > 0) {
        record.refunds.append(
            { random.chance(0.85) ? u"shopify_payments"_s : u"paypal"_s, refundCents, random.digits(12) });
    }
    if (exchange) {
        record.exchangeOrderId = exchangeOrderId(sequence);
        record.exchangeOrderName = u"#EXC-"_s + QString::number(record.orderNumber) + u"-1"_s;
    }
}

ReturnRecord DataGenerator::generateOne(qint64 sequence, qint64 createdAt, qint64 anchor, int forcedFate) const
{
    SimRandom random(SimRandom::mix(m_seed, quint64(m_shopId) * 0x100000001ULL + quint64(sequence)));
    ReturnRecord record;
    record.id = returnId(sequence);
    record.createdAt = createdAt;

    // About 2% are a second return on an earlier order: order names repeat within the shop only then.
    qint64 orderSequence = sequence;
    if (sequence > 20 && random.chance(0.02))
        orderSequence = sequence - 1 - qint64(random.bounded(quint64(std::min<qint64>(sequence - 1, 30))));
    applyOrder(record, orderFor(orderSequence));

    record.destinationIndex = int(random.bounded(quint64(m_catalogue.destinations().size())));
    record.giftReturn = random.chance(0.03);
    static const QList<Outcome> outcomes { Outcome::Refund, Outcome::Credit, Outcome::Exchange, Outcome::ExchangeRefund,
        Outcome::ExchangeCredit, Outcome::Upsell };
    record.outcome = outcomes.at(random.weighted({ 45, 20, 20, 7, 5, 3 }));
    const int itemCount = int(random.weighted({ 40, 25, 15, 10, 6, 4 })) + 1;
    if (itemCount == 1 && (record.outcome == Outcome::ExchangeRefund || record.outcome == Outcome::ExchangeCredit))
        record.outcome = Outcome::Exchange;
    record.handlingFeeCents = (record.outcome == Outcome::Refund && random.chance(0.3)) ? 500 : 0;
    fillLineItems(record, random, itemCount);
    assignResolutions(record);

    record.returnMethod = random.chance(0.06) ? ReturnMethod::HappyReturns : ReturnMethod::PrepaidLabel;
    if (record.returnMethod == ReturnMethod::HappyReturns) {
        static const QString alphabet = u"ABCDEFGHJKLMNPQRSTUVWXYZ23456789"_s;
        QString code = u"HR"_s;
        for (int i = 0; i < 8; ++i)
            code.append(alphabet.at(qsizetype(random.bounded(quint64(alphabet.size())))));
        record.rmaCode = code;
        record.packageReference = u"PKG-"_s + random.digits(9);
        assignLabel(record, random, Carrier::None);
    } else {
        assignLabel(record, random, pickCarrier(random));
    }
    record.shipmentId = m_shopId * returnIdFactor + sequence;

    const qint64 age = anchor - createdAt;
    // Fate: the state the return has reached by the anchor time, chosen by age like a real shop's backlog.
    int fate = forcedFate;
    ReturnState state = ReturnState::Open;
    if (fate == FateRandom) {
        const double closedChance = age > 21 * day ? 0.85 : age > 10 * day ? 0.6 : age > 4 * day ? 0.3 : 0.05;
        if (random.chance(0.04))
            state = ReturnState::Cancelled;
        else if (random.chance(0.03))
            state = ReturnState::Review;
        else if (random.chance(closedChance))
            state = ReturnState::Closed;
        else if (age > 28 * day && random.chance(0.7))
            state = ReturnState::Expired;
    } else {
        static const ReturnState forced[] = { ReturnState::Open, ReturnState::Open, ReturnState::Review,
            ReturnState::Cancelled, ReturnState::Expired, ReturnState::Open };
        state = forced[fate];
    }
    record.state = state;

    const bool hasCarrier = record.carrier != Carrier::None;
    record.labelStatus = labelStatusNone();
    auto setLabel = [&](const QString& status, qint64 at) {
        if (!hasCarrier)
            return;
        record.labelCreated = true;
        record.labelStatus = canonicalLabelStatus(status);
        record.labelUpdatedAt = std::min(at, anchor);
        if (status == labelStatusDelivered())
            record.dateDelivered = record.labelUpdatedAt;
    };
    const qint64 labelCreatedAt = createdAt + random.range(5, 90);
    switch (state) {
    case ReturnState::Open: {
        QString status;
        if (fate == FateOpenNoLabel)
            status.clear();
        else if (fate == FateOpenInTransit)
            status = u"in_transit"_s;
        else if (fate == FateOpenDelivered || age > 28 * day)
            status = labelStatusDelivered();
        else if (age < 6 * hour)
            status = random.chance(0.7) ? QString() : labelStatusNew();
        else if (age < 2 * day)
            status = QList<QString> { u"new"_s, u"pre_transit"_s, u"in_transit"_s }.at(random.weighted({ 3, 3, 4 }));
        else if (age < 5 * day)
            status = QList<QString> { u"in_transit"_s, u"out_for_delivery"_s, u"delivered"_s }.at(
                random.weighted({ 4, 2, 4 }));
        else
            status = QList<QString> { u"in_transit"_s, u"delivered"_s }.at(random.weighted({ 2, 8 }));
        if (status.isEmpty()) {
            record.updatedAt = createdAt;
        } else {
            const qint64 at = status == labelStatusNew()
                ? labelCreatedAt
                : createdAt + random.range(age / 3, std::max(age / 3, age - 60));
            setLabel(status, at);
            record.updatedAt = hasCarrier ? record.labelUpdatedAt : createdAt;
        }
        break;
    }
    case ReturnState::Closed: {
        const qint64 closedAt
            = std::min(anchor, createdAt + random.range(3 * day, std::max(3 * day, std::min(age, 20 * day))));
        setLabel(labelStatusDelivered(), closedAt - random.range(hour, 2 * day));
        record.closedAt = closedAt;
        record.updatedAt = closedAt;
        record.processRuns = 1;
        record.actionedBy = u"api"_s;
        applyProcessingOutcome(record);
        break;
    }
    case ReturnState::Cancelled:
        if (random.chance(0.5))
            setLabel(labelStatusNew(), labelCreatedAt);
        record.updatedAt = std::min(anchor, createdAt + random.range(hour, 3 * day));
        break;
    case ReturnState::Expired:
        setLabel(random.chance(0.6) ? labelStatusNew() : u"pre_transit"_s, labelCreatedAt + random.range(0, day));
        record.updatedAt = std::min(anchor, createdAt + 28 * day + random.range(hour, day));
        break;
    case ReturnState::Review:
        record.flagged = true;
        setLabel(random.chance(0.7) ? labelStatusDelivered() : u"in_transit"_s,
            createdAt + random.range(age / 2, std::max(age / 2, age - 60)));
        record.updatedAt = std::min(anchor, std::max(record.labelUpdatedAt, createdAt) + random.range(60, 6 * hour));
        break;
    }
    record.updatedAt = std::clamp(record.updatedAt, createdAt, std::max(createdAt, anchor));
    return record;
}

std::vector<ReturnRecord> DataGenerator::generate(int count, qint64 anchorSecs) const
{
    std::vector<ReturnRecord> records;
    records.reserve(size_t(count));
    if (count <= 0)
        return records;
    const qint64 span = 90 * day;
    const qint64 start = anchorSecs - span;
    const double spacing = double(span - 120) / count;
    // A few fixed slots guarantee every state and the label edge cases appear even in small shops.
    QHash<qint64, int> forced;
    if (count >= 8) {
        forced.insert(count, FateOpenNoLabel);
        forced.insert(count - 1, FateOpenInTransit);
        forced.insert(count - 2, FateOpenDelivered);
        forced.insert(count / 2, FateReview);
        forced.insert(count / 3, FateCancelled);
        forced.insert(count / 4, FateExpired);
    }
    for (qint64 n = 1; n <= count; ++n) {
        SimRandom jitter(SimRandom::mix(m_seed ^ 0x7133u, quint64(n)));
        const qint64 createdAt
            = start + qint64(spacing * double(n - 1)) + qint64(jitter.bounded(quint64(std::max(1.0, spacing))));
        records.push_back(
            generateOne(n, std::min(createdAt, anchorSecs - 60), anchorSecs, forced.value(n, FateRandom)));
    }
    return records;
}

std::expected<ReturnRecord, QString> DataGenerator::create(
    qint64 sequence, qint64 nowSecs, const QJsonObject& overrides, const OrderIdentity* existingOrder) const
{
    SimRandom random(SimRandom::mix(m_seed ^ 0xC4EA7Eu, quint64(m_shopId) * 0x100000001ULL + quint64(sequence)));
    ReturnRecord record;
    record.id = returnId(sequence);
    record.shipmentId = m_shopId * returnIdFactor + sequence;

    record.createdAt = nowSecs;
    if (overrides.contains(u"created_at"_s)) {
        const auto parsed = TimeFormat::parse(overrides.value(u"created_at"_s).toString());
        if (!parsed)
            return std::unexpected(u"created_at must be an ISO-8601 or 'YYYY-MM-DD HH:MM:SS' timestamp"_s);
        record.createdAt = std::min(*parsed, nowSecs);
    }
    record.updatedAt = nowSecs;

    OrderIdentity order = existingOrder ? *existingOrder : orderFor(sequence);
    if (!existingOrder && overrides.contains(u"country_code"_s)) {
        // Pick the shopper's country: a non-US shopper pays in CAD (multi_currency, presentment amounts).
        const QString country = overrides.value(u"country_code"_s).toString();
        const auto& cities = m_catalogue.cities();
        qsizetype found = -1;
        for (qsizetype i = 0; i < cities.size() && found < 0; ++i) {
            if (cities.at(i).countryCode == country)
                found = i;
        }
        if (found < 0)
            return std::unexpected(u"country_code must be US or CA"_s);
        order.cityIndex = int(found);
    }
    applyOrder(record, order);
    if (overrides.contains(u"customer_email"_s))
        record.email = overrides.value(u"customer_email"_s).toString();
    if (overrides.contains(u"first_name"_s))
        record.firstName = overrides.value(u"first_name"_s).toString();
    if (overrides.contains(u"last_name"_s))
        record.lastName = overrides.value(u"last_name"_s).toString();

    record.destinationIndex = 0;
    if (overrides.contains(u"destination_id"_s)) {
        record.destinationIndex = m_catalogue.destinationIndexById(overrides.value(u"destination_id"_s).toInteger());
        if (record.destinationIndex < 0)
            return std::unexpected(u"destination_id is not one of this shop's destinations"_s);
    }

    record.outcome = Outcome::Refund;
    if (overrides.contains(u"outcome"_s)) {
        const auto outcome = outcomeFromString(overrides.value(u"outcome"_s).toString());
        if (!outcome)
            return std::unexpected(
                u"outcome must be one of exchange, upsell, refund, credit, exchange+refund, exchange+credit"_s);
        record.outcome = *outcome;
    }
    record.giftReturn = overrides.value(u"is_gift_return"_s).toBool(false);
    record.handlingFeeCents = qint32(overrides.value(u"handling_fee_cents"_s).toInteger(0));

    // Line items: a count, or explicit items (matched to catalogue variants by sku, else added as custom variants).
    const QJsonValue itemsValue = overrides.value(u"line_items"_s);
    if (itemsValue.isArray()) {
        const QJsonArray items = itemsValue.toArray();
        if (items.isEmpty() || items.size() > maxLineItems)
            return std::unexpected(u"line_items must hold 1 to %1 items"_s.arg(maxLineItems));
        fillLineItems(record, random, int(items.size()));
        assignResolutions(record);
        for (qsizetype i = 0; i < items.size(); ++i) {
            if (!items.at(i).isObject())
                return std::unexpected(u"every line_items entry must be an object"_s);
            const QJsonObject item = items.at(i).toObject();
            auto& line = record.lineItems[i];
            const QString sku = item.value(u"sku"_s).toString();
            if (!sku.isEmpty()) {
                int found = -1;
                const auto& variants = m_catalogue.variants();
                for (qsizetype v = 0; v < variants.size(); ++v) {
                    if (variants.at(v).sku == sku) {
                        found = int(v);
                        break;
                    }
                }
                if (found < 0 || item.contains(u"title"_s) || item.contains(u"barcode"_s)) {
                    Catalogue::Variant variant = found >= 0 ? variants.at(found) : Catalogue::Variant();
                    variant.sku = sku;
                    if (found < 0) {
                        variant.productId = 8'000'000'000'000LL + m_shopId * 10'000 + 5000 + variants.size();
                        variant.variantId = 45'000'000'000'000LL + m_shopId * 100'000 + 50'000 + variants.size();
                        variant.productTitle = item.value(u"title"_s).toString(sku);
                        variant.variantTitle = u"Default Title"_s;
                        variant.title = variant.productTitle;
                        variant.priceCents = 2500;
                    }
                    if (item.contains(u"title"_s)) {
                        variant.title = item.value(u"title"_s).toString();
                        variant.productTitle = variant.title;
                    }
                    if (item.contains(u"barcode"_s))
                        variant.barcode = item.value(u"barcode"_s).toString();
                    found = m_catalogue.addVariant(variant);
                }
                line.variantIndex = found;
                line.priceCents = m_catalogue.variant(found).priceCents;
                line.discountCents = 0;
                line.taxCents = percentOf(line.priceCents, 80);
            }
            if (item.contains(u"price"_s)) {
                const QJsonValue price = item.value(u"price"_s);
                const double amount = price.isString() ? price.toString().toDouble() : price.toDouble(-1);
                if (amount < 0 || amount > 1'000'000)
                    return std::unexpected(u"line_items[].price must be a decimal amount"_s);
                line.priceCents = qint32(amount * 100 + 0.5);
                line.taxCents = percentOf(line.priceCents - line.discountCents, 80);
            }
            if (item.contains(u"resolution"_s)) {
                const QString resolution = item.value(u"resolution"_s).toString();
                if (resolution == u"refund")
                    line.resolution = Resolution::Refund;
                else if (resolution == u"credit")
                    line.resolution = Resolution::Credit;
                else if (resolution == u"exchange")
                    line.resolution = Resolution::Exchange;
                else
                    return std::unexpected(u"line_items[].resolution must be refund, credit or exchange"_s);
                line.exchangeVariantIndex = line.resolution == Resolution::Exchange
                    ? m_catalogue.exchangeVariantFor(line.variantIndex, quint64(line.id))
                    : -1;
            }
        }
    } else {
        int count = 1 + int(random.weighted({ 40, 25, 15, 10, 6, 4 }));
        if (itemsValue.isDouble())
            count = itemsValue.toInt();
        else if (overrides.contains(u"line_item_count"_s))
            count = overrides.value(u"line_item_count"_s).toInt();
        if (count < 1 || count > maxLineItems)
            return std::unexpected(u"line_item_count must be 1 to %1"_s.arg(maxLineItems));
        fillLineItems(record, random, count);
        assignResolutions(record);
    }
    for (auto& item : record.lineItems)
        item.returnedAt = record.createdAt + 1;

    // Label: carrier, tracking and barcode exist from the start; label_status decides whether the label exists yet.
    record.returnMethod = ReturnMethod::PrepaidLabel;
    if (overrides.contains(u"return_method"_s)) {
        const auto method = returnMethodFromString(overrides.value(u"return_method"_s).toString());
        if (!method)
            return std::unexpected(u"return_method must be prepaid_label or happy_returns"_s);
        record.returnMethod = *method;
    }
    Carrier carrier = record.returnMethod == ReturnMethod::HappyReturns ? Carrier::None : pickCarrier(random);
    if (overrides.contains(u"carrier"_s)) {
        const auto parsed = carrierFromString(overrides.value(u"carrier"_s).toString());
        if (!parsed)
            return std::unexpected(u"carrier must be USPS, UPS, FedEx or N/A"_s);
        carrier = *parsed;
    }
    assignLabel(record, random, carrier);
    if (record.returnMethod == ReturnMethod::HappyReturns) {
        record.rmaCode = u"HR"_s + random.digits(8);
        record.packageReference = u"PKG-"_s + random.digits(9);
    }
    if (overrides.contains(u"tracking_number"_s)) {
        if (carrier == Carrier::None)
            return std::unexpected(u"tracking_number needs a carrier"_s);
        record.trackingNumber = overrides.value(u"tracking_number"_s).toString();
        record.labelBarcode = record.trackingNumber;
        record.labelBarcodeKind = u"custom"_s;
    }
    if (overrides.contains(u"label_barcode"_s)) {
        record.labelBarcode = overrides.value(u"label_barcode"_s).toString();
        record.labelBarcodeKind = u"custom"_s;
    }
    record.labelStatus = labelStatusNone();
    if (overrides.contains(u"package_reference"_s))
        record.packageReference = overrides.value(u"package_reference"_s).toString();
    return record;
}
