#pragma once

#include "MerchantRules.h"
#include "domain/Decision.h"
#include "domain/Receipt.h"
#include "domain/Return.h"

#include <QList>
#include <QString>

#include <optional>

namespace Dockside {

// The rules engine: what a receipt means for its return, as a pure function of the return, what arrived and the
// merchant's rules. No clock, no database: the same inputs always give the same decision, reasons in the same
// order (most important first), so a preview shown at the bench is what gets submitted.
class ReceiptRules final
{
public:
    // An item a finding is about, described for people (the note to Loop, the audit trail).
    struct Item
    {
        std::optional<qint64> lineItemId; // none for an unexpected scan
        QString title;
        QString sku;
        QString scannedCode;
        std::optional<Condition> condition;
        int units = 1; // over-quantity: how many units arrived for this one-unit line item

        friend bool operator==(const Item&, const Item&) = default;
    };

    struct Finding
    {
        ReasonCode reason = ReasonCode::MissingItem;
        QList<Item> items; // what it is about, in the return's line order (scans: in scan order)
        QString code; // ReturnNotOpen: the state; LabelNotDelivered: the label status as Loop sent it
        qint64 valueMinor = 0; // ValueNeedsSupervisor
        qint64 limitMinor = 0;
        QString currency;

        friend bool operator==(const Finding&, const Finding&) = default;
    };

    struct Evaluation
    {
        Decision decision; // kind and reasons; the caller stamps decidedAt and decidedBy
        QList<Finding> findings; // one per reason, in the order of decision.reasons
    };

    ReceiptRules() = delete;

    // Receipt lines with condition Missing are markers, not units. A line item counts as received when at least
    // one unit was recorded against it; units beyond the first are first moved to not-received line items that
    // share the barcode or SKU (one line item is one unit, and an order of three shirts is three line items),
    // and only what is left over is over-quantity. Lines with no condition yet are not judged on condition.
    static Evaluation evaluate(const Return& value, const Receipt& receipt, const MerchantRules& rules);

    // Reasons from most to least important: the order of a decision's reasons and of the note to Loop.
    static QList<ReasonCode> reasonOrder();

    // What the value threshold compares: the return's total, or the sum of its line prices when larger (a total
    // can be net of exchanges; the merchandise in the box is what a supervisor cares about).
    static qint64 valueMinor(const Return& value);
};

} // namespace Dockside
