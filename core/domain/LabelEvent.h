#pragma once

#include <QDateTime>
#include <QString>

namespace Dockside {

// A `label` webhook (CONTRACT §9.4): the carrier or tracking status of a return's label changed.
struct LabelEvent
{
    qint64 returnId = 0; // Loop return id: `id`, or `return_id` in the oldest payloads
    QString carrier; // empty where Loop says "N/A"
    QString trackingNumber; // empty where Loop says "N/A"
    QString labelStatus; // kept verbatim
    QDateTime labelUpdatedAt;
    QString shipmentId;

    friend bool operator==(const LabelEvent&, const LabelEvent&) = default;
};

} // namespace Dockside
