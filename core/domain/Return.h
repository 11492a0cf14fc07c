#pragma once

#include "ReturnLine.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace Dockside {

// Loop's return `state` (CONTRACT §7.1). Loop may add states: anything else maps to Unknown.
enum class ReturnState {
    Open,
    Closed,
    Cancelled,
    Expired,
    Review,
    Unknown,
};

QString returnStateCode(ReturnState state);
ReturnState returnStateFromCode(QStringView code);

// A return (RMA) as pulled from Loop, with its expected line items.
struct Return
{
    qint64 id = 0; // local row id, 0 until stored
    qint64 merchantId = 0;
    qint64 loopId = 0; // Loop's return `id`, the RMA number
    ReturnState state = ReturnState::Open;
    QString outcome; // exchange, refund, credit, exchange+refund, ... kept as Loop sends it
    QString orderId; // Loop `order_id`
    QString orderName; // Shopify order name, e.g. "#1042"
    QString orderNumber;
    QString providerOrderId; // Shopify order id
    QString customerEmail; // Loop `customer`
    QString carrier; // empty where Loop says "N/A"
    QString trackingNumber; // primary label, as Loop stores it; empty where Loop says "N/A"
    QStringList extraTrackingNumbers; // other `labels[].tracking_number`s
    QString labelStatus; // open vocabulary (CONTRACT §7.2), kept verbatim
    QDateTime labelUpdatedAt;
    QString currency;
    qint64 totalMinor = 0;
    QDateTime createdAt;
    QDateTime updatedAt;
    QList<ReturnLine> lines;

    friend bool operator==(const Return&, const Return&) = default;
};

} // namespace Dockside
