#pragma once

#include <QString>

namespace Dockside {

// One returned unit, as Loop describes it (CONTRACT §3.5). Loop has no quantity field: an order line of
// three shirts arrives as three line items.
struct ReturnLine
{
    qint64 lineItemId = 0; // Loop's `line_item_id`
    QString productId;
    QString variantId;
    QString sku;
    QString barcode;
    QString title;
    QString variantTitle;
    QString imageUrl; // Loop's `image`
    qint64 priceMinor = 0; // `price` in minor units of the return's currency
    QString returnReason; // `return_reason`
    QString parentReturnReason; // `parent_return_reason`
    QString returnComment; // `return_comment`
    QString outcome; // line-level `outcome`, "default" in every documented example

    friend bool operator==(const ReturnLine&, const ReturnLine&) = default;
};

} // namespace Dockside
