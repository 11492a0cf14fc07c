#include "Builders.h"

using namespace Qt::StringLiterals;

namespace Dockside::Testing {

ReturnBuilder::ReturnBuilder(qint64 merchantId, qint64 loopId)
{
    m_value.merchantId = merchantId;
    m_value.loopId = loopId;
    m_value.state = ReturnState::Open;
    m_value.outcome = u"exchange"_s;
    m_value.orderId = u"7001001"_s;
    m_value.orderName = u"#1042"_s;
    m_value.orderNumber = u"1042"_s;
    m_value.providerOrderId = u"5550000000001"_s;
    m_value.customerEmail = u"shopper@example.test"_s;
    m_value.carrier = u"USPS"_s;
    m_value.trackingNumber = u"9400100000000000000001"_s;
    m_value.labelStatus = u"in_transit"_s;
    m_value.labelUpdatedAt = QDateTime(QDate(2024, 2, 21), QTime(9, 0), Qt::UTC);
    m_value.currency = u"USD"_s;
    m_value.totalMinor = 4000;
    m_value.createdAt = QDateTime(QDate(2024, 2, 20), QTime(10, 15), Qt::UTC);
    m_value.updatedAt = QDateTime(QDate(2024, 2, 21), QTime(9, 0), Qt::UTC);
    line(55500101, u"TOTE-OLV"_s, u"0123456789012"_s, u"Canvas Tote - Olive"_s);
}

ReturnBuilder& ReturnBuilder::state(ReturnState state)
{
    m_value.state = state;
    return *this;
}

ReturnBuilder& ReturnBuilder::updatedAt(const QDateTime& at)
{
    m_value.updatedAt = at;
    return *this;
}

ReturnBuilder& ReturnBuilder::tracking(const QString& number)
{
    m_value.trackingNumber = number;
    return *this;
}

ReturnBuilder& ReturnBuilder::extraTracking(const QString& number)
{
    m_value.extraTrackingNumbers << number;
    return *this;
}

ReturnBuilder& ReturnBuilder::orderName(const QString& name)
{
    m_value.orderName = name;
    return *this;
}

ReturnBuilder& ReturnBuilder::email(const QString& email)
{
    m_value.customerEmail = email;
    return *this;
}

ReturnBuilder& ReturnBuilder::labelStatus(const QString& status)
{
    m_value.labelStatus = status;
    return *this;
}

ReturnBuilder& ReturnBuilder::line(qint64 lineItemId, const QString& sku, const QString& barcode, const QString& title)
{
    ReturnLine line;
    line.lineItemId = lineItemId;
    line.productId = u"8000000000001"_s;
    line.variantId = u"45000000000001"_s;
    line.sku = sku;
    line.barcode = barcode;
    line.title = title.isEmpty() ? u"Item "_s + sku : title;
    line.priceMinor = 4000;
    line.returnReason = u"Too small"_s;
    line.parentReturnReason = u"Fit"_s;
    line.outcome = u"default"_s;
    m_value.lines << line;
    return *this;
}

ReturnBuilder& ReturnBuilder::noLines()
{
    m_value.lines.clear();
    return *this;
}

Merchant merchant(const QString& name)
{
    Merchant value;
    value.name = name;
    value.baseUrl = u"http://127.0.0.1:8080/api"_s;
    value.apiVersion = u"v1"_s;
    value.apiKeyRef = u"keychain:dockside/"_s + name;
    value.createdAt = QDateTime(QDate(2026, 11, 1), QTime(8, 0), Qt::UTC);
    return value;
}

} // namespace Dockside::Testing
