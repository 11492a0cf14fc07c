#include "ReceiptRules.h"

#include "domain/ScanKey.h"

#include <QHash>
#include <QMap>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {
ReceiptRules::Item describe(const ReturnLine& line)
{
    ReceiptRules::Item item;
    item.lineItemId = line.lineItemId;
    item.title = line.title;
    item.sku = line.sku;
    return item;
}

bool sharesCode(const ReturnLine& a, const ReturnLine& b)
{
    const QString barcodeA = ScanKey::normalizeCode(a.barcode);
    if (!barcodeA.isEmpty() && barcodeA == ScanKey::normalizeCode(b.barcode))
        return true;
    const QString skuA = ScanKey::normalizeCode(a.sku);
    return !skuA.isEmpty() && skuA == ScanKey::normalizeCode(b.sku);
}
} // namespace

QList<ReasonCode> ReceiptRules::reasonOrder()
{
    // A return that is not open cannot be processed at all; then what is physically wrong with the package
    // (what the customer is refunded for but did not send, or sent instead); then doubts about its condition;
    // then reasons that are about policy rather than the package.
    return { ReasonCode::ReturnNotOpen, ReasonCode::MissingItem, ReasonCode::IncorrectItem, ReasonCode::UnexpectedItem,
        ReasonCode::QuantityOverExpected, ReasonCode::ConditionBelowThreshold, ReasonCode::LabelNotDelivered,
        ReasonCode::ValueNeedsSupervisor, ReasonCode::AutoProcessDisabled, ReasonCode::SupervisorOverride };
}

qint64 ReceiptRules::valueMinor(const Return& value)
{
    qint64 lines = 0;
    for (const ReturnLine& line : value.lines)
        lines += line.priceMinor;
    return std::max(value.totalMinor, lines);
}

ReceiptRules::Evaluation ReceiptRules::evaluate(const Return& value, const Receipt& receipt, const MerchantRules& rules)
{
    QHash<qint64, int> positionOf;
    for (int i = 0; i < value.lines.size(); ++i)
        positionOf.insert(value.lines[i].lineItemId, i);

    QMap<ReasonCode, Finding> found;
    const auto add = [&found](ReasonCode reason, std::optional<Item> item = std::nullopt) -> Finding& {
        Finding& finding = found[reason];
        finding.reason = reason;
        if (item)
            finding.items << *item;
        return finding;
    };

    QList<int> units(value.lines.size(), 0);
    QList<Item> badCondition(value.lines.size());
    QList<bool> hasBadCondition(value.lines.size(), false);
    QList<Item> incorrect(value.lines.size());
    QList<bool> isIncorrect(value.lines.size(), false);
    for (const ReceiptLine& line : receipt.lines) {
        if (line.condition == Condition::Missing)
            continue;
        const int position = line.lineItemId ? positionOf.value(*line.lineItemId, -1) : -1;
        if (position < 0) {
            Item item;
            item.lineItemId = line.lineItemId;
            item.scannedCode = line.scannedCode;
            item.condition = line.condition;
            add(ReasonCode::UnexpectedItem, item);
            continue;
        }
        units[position] += std::max(1, line.quantity);
        if (!line.condition)
            continue;
        Item item = describe(value.lines[position]);
        item.scannedCode = line.scannedCode;
        item.condition = line.condition;
        if (*line.condition == Condition::IncorrectItem) {
            isIncorrect[position] = true;
            incorrect[position] = item;
        } else if (!rules.isAcceptable(*line.condition)) {
            // Several units on one line item: the note names the line once, with its first bad grade.
            if (!hasBadCondition[position]) {
                hasBadCondition[position] = true;
                badCondition[position] = item;
            }
        }
    }

    // One line item is one unit: a second unit scanned against a line probably belongs to a sibling line item
    // with the same code that has none yet. Move it there before calling anything over-quantity or missing.
    for (int from = 0; from < units.size(); ++from) {
        for (int to = 0; to < units.size() && units[from] > 1; ++to) {
            if (to != from && units[to] == 0 && sharesCode(value.lines[from], value.lines[to])) {
                --units[from];
                ++units[to];
            }
        }
    }

    for (int i = 0; i < value.lines.size(); ++i) {
        if (units[i] == 0)
            add(ReasonCode::MissingItem, describe(value.lines[i]));
        if (isIncorrect[i])
            add(ReasonCode::IncorrectItem, incorrect[i]);
        if (units[i] > 1) {
            Item item = describe(value.lines[i]);
            item.units = units[i];
            add(ReasonCode::QuantityOverExpected, item);
        }
        if (hasBadCondition[i])
            add(ReasonCode::ConditionBelowThreshold, badCondition[i]);
    }

    if (value.state != ReturnState::Open)
        add(ReasonCode::ReturnNotOpen).code = returnStateCode(value.state);
    if (rules.requireDeliveredLabel && !rules.isDelivered(value.labelStatus))
        add(ReasonCode::LabelNotDelivered).code = value.labelStatus;
    if (rules.supervisorValueMinor && valueMinor(value) > *rules.supervisorValueMinor) {
        Finding& finding = add(ReasonCode::ValueNeedsSupervisor);
        finding.valueMinor = valueMinor(value);
        finding.limitMinor = *rules.supervisorValueMinor;
        finding.currency = value.currency;
    }
    if (!rules.autoProcess)
        add(ReasonCode::AutoProcessDisabled);

    Evaluation evaluation;
    for (const ReasonCode reason : reasonOrder()) {
        if (const auto it = found.constFind(reason); it != found.cend()) {
            evaluation.findings << *it;
            evaluation.decision.reasons << reason;
        }
    }
    evaluation.decision.kind = evaluation.findings.isEmpty() ? DecisionKind::Process : DecisionKind::Flag;
    return evaluation;
}

} // namespace Dockside
