#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace Dockside {

// One row of Loop's Advanced Shipping Notice: one returned line item with the package it travels in
// (CONTRACT §3.3). Only the fields receiving needs; the rest of the row is ignored.
struct AsnRow
{
    // Loop's ASN rows document no return id (their `id` is the report row's own id); kept when a row
    // carries `return_id`, otherwise the return is found through `returnLineItemId`.
    std::optional<qint64> returnId;
    qint64 returnLineItemId = 0; // `return_line_item_id`, the same id as a return's `line_item_id`
    QString trackingNumber; // empty where Loop says "N/A"
    QString carrier; // empty where Loop says "N/A"
    QString labelStatus; // open vocabulary (CONTRACT §7.2), kept verbatim
    QString state; // the return's state as Loop sends it
    QString orderName;
    QString customerEmail;
    QString sku;
    QString barcode;
    QString title;
    QDateTime updatedAt;

    friend bool operator==(const AsnRow&, const AsnRow&) = default;
};

} // namespace Dockside
