#include "ReceivingTexts.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {
constexpr int kItemsShown = 4; // more would crowd the decision; the rest is counted
} // namespace

QList<Condition> ReceivingTexts::gradingConditions()
{
    return { Condition::GradeA, Condition::GradeB, Condition::GradeC, Condition::GradeD, Condition::IncorrectItem,
        Condition::Junk };
}

QList<Disposition> ReceivingTexts::choosableDispositions()
{
    return { Disposition::BackToStock, Disposition::ResaleHold, Disposition::Recycle, Disposition::Donate };
}

QString ReceivingTexts::conditionName(Condition condition)
{
    switch (condition) {
    case Condition::GradeA:
        return tr("Grade A", "condition");
    case Condition::GradeB:
        return tr("Grade B", "condition");
    case Condition::GradeC:
        return tr("Grade C", "condition");
    case Condition::GradeD:
        return tr("Grade D", "condition");
    case Condition::IncorrectItem:
        return tr("Wrong item", "condition");
    case Condition::Missing:
        return tr("Missing", "condition");
    case Condition::Junk:
        return tr("Junk", "condition");
    }
    return conditionCode(condition);
}

QString ReceivingTexts::conditionHint(Condition condition)
{
    switch (condition) {
    case Condition::GradeA:
        return tr("Like new: unworn, tags on, original packaging");
    case Condition::GradeB:
        return tr("Good: lightly used or packaging opened, sellable as is");
    case Condition::GradeC:
        return tr("Fair: visible wear or small defects");
    case Condition::GradeD:
        return tr("Poor: damaged, stained or incomplete");
    case Condition::IncorrectItem:
        return tr("Not the item the customer said they would send");
    case Condition::Missing:
        return tr("Not in the package");
    case Condition::Junk:
        return tr("Worthless: only fit for disposal");
    }
    return {};
}

QString ReceivingTexts::dispositionName(Disposition disposition)
{
    switch (disposition) {
    case Disposition::BackToStock:
        return tr("Back to stock", "disposition");
    case Disposition::ResaleHold:
        return tr("Resale hold", "disposition");
    case Disposition::Recycle:
        return tr("Recycle", "disposition");
    case Disposition::Donate:
        return tr("Donate", "disposition");
    case Disposition::Missing:
        return tr("Missing", "disposition");
    }
    return dispositionCode(disposition);
}

QString ReceivingTexts::reasonName(ReasonCode reason)
{
    switch (reason) {
    case ReasonCode::MissingItem:
        return tr("Items missing from the package");
    case ReasonCode::UnexpectedItem:
        return tr("Items that are not on this return");
    case ReasonCode::IncorrectItem:
        return tr("Wrong items sent");
    case ReasonCode::ConditionBelowThreshold:
        return tr("Condition below what the merchant accepts");
    case ReasonCode::QuantityOverExpected:
        return tr("More units than expected");
    case ReasonCode::ReturnNotOpen:
        return tr("The return is not open in Loop");
    case ReasonCode::LabelNotDelivered:
        return tr("The label was never delivered");
    case ReasonCode::ValueNeedsSupervisor:
        return tr("Worth more than a receiver may process alone");
    case ReasonCode::AutoProcessDisabled:
        return tr("This merchant has a supervisor check every return");
    case ReasonCode::SupervisorOverride:
        return tr("Decided by a supervisor");
    }
    return reasonCode(reason);
}

QString ReceivingTexts::reason(const ReceiptRules::Finding& finding)
{
    switch (finding.reason) {
    case ReasonCode::ReturnNotOpen:
        return tr("The return is %1 in Loop, not open").arg(stateName(returnStateFromCode(finding.code)));
    case ReasonCode::LabelNotDelivered:
        return finding.code.isEmpty()
            ? tr("The label has no delivery status")
            : tr("The label was never delivered (status: %1)").arg(labelStatusName(finding.code));
    case ReasonCode::ValueNeedsSupervisor:
        return tr("Worth %1, over the %2 a receiver may process alone")
            .arg(money(finding.valueMinor, finding.currency), money(finding.limitMinor, finding.currency));
    case ReasonCode::AutoProcessDisabled:
    case ReasonCode::SupervisorOverride:
        return reasonName(finding.reason);
    case ReasonCode::MissingItem:
    case ReasonCode::UnexpectedItem:
    case ReasonCode::IncorrectItem:
    case ReasonCode::ConditionBelowThreshold:
    case ReasonCode::QuantityOverExpected:
        break;
    }
    QStringList items;
    for (const ReceiptRules::Item& item : finding.items) {
        if (items.size() == kItemsShown) {
            items << tr("and %n more", nullptr, int(finding.items.size() - kItemsShown));
            break;
        }
        QString text = item.title.trimmed();
        if (finding.reason == ReasonCode::UnexpectedItem || text.isEmpty())
            text = item.scannedCode.isEmpty() ? item.sku : tr("code %1").arg(item.scannedCode.simplified());
        if (finding.reason == ReasonCode::ConditionBelowThreshold && item.condition)
            text = tr("%1 (%2)").arg(text, conditionName(*item.condition));
        if (finding.reason == ReasonCode::QuantityOverExpected)
            text = tr("%1 (%2 units)").arg(text).arg(item.units);
        items << text;
    }
    if (items.isEmpty())
        return reasonName(finding.reason);
    return tr("%1: %2").arg(reasonName(finding.reason), items.join(tr(", ")));
}

QString ReceivingTexts::labelStatusName(const QString& status)
{
    const QString code = status.trimmed().toLower();
    if (code.isEmpty() || code == u"n/a"_s)
        return tr("No label");
    if (code == u"new"_s)
        return tr("Label created");
    if (code == u"pre_transit"_s)
        return tr("Not yet shipped");
    if (code == u"in_transit"_s)
        return tr("In transit");
    if (code == u"out_for_delivery"_s)
        return tr("Out for delivery");
    if (code == u"delivered"_s)
        return tr("Delivered");
    if (code == u"failure"_s)
        return tr("Delivery failed");
    if (code == u"return_to_sender"_s)
        return tr("Returned to sender");
    return status.trimmed();
}

QString ReceivingTexts::stateName(ReturnState state)
{
    switch (state) {
    case ReturnState::Open:
        return tr("open", "return state");
    case ReturnState::Closed:
        return tr("closed", "return state");
    case ReturnState::Cancelled:
        return tr("cancelled", "return state");
    case ReturnState::Expired:
        return tr("expired", "return state");
    case ReturnState::Review:
        return tr("in review", "return state");
    case ReturnState::Unknown:
        return tr("in an unknown state", "return state");
    }
    return returnStateCode(state);
}

QStringList ReceivingTexts::warnings(const Return& value, const MerchantRules& rules)
{
    QStringList warnings;
    switch (value.state) {
    case ReturnState::Open:
        break;
    case ReturnState::Cancelled:
        warnings << tr("Cancelled in Loop");
        break;
    case ReturnState::Closed:
        warnings << tr("Closed in Loop");
        break;
    case ReturnState::Expired:
        warnings << tr("Expired in Loop");
        break;
    case ReturnState::Review:
        warnings << tr("Flagged for review in Loop");
        break;
    case ReturnState::Unknown:
        warnings << tr("Unknown state in Loop");
        break;
    }
    if (rules.requireDeliveredLabel && !rules.isDelivered(value.labelStatus)) {
        warnings << (value.labelStatus.trimmed().isEmpty() || value.labelStatus.trimmed().toLower() == u"n/a"_s
                ? tr("No label on record")
                : tr("Label never delivered"));
    }
    const qint64 worth = ReceiptRules::valueMinor(value);
    if (rules.supervisorValueMinor && worth > *rules.supervisorValueMinor) {
        warnings << tr("Worth %1: a supervisor decides").arg(money(worth, value.currency));
    }
    if (!rules.autoProcess)
        warnings << tr("Every return of this merchant goes to a supervisor");
    return warnings;
}

QString ReceivingTexts::money(qint64 minor, const QString& currency)
{
    const QString amount = QLocale().toString(double(minor) / 100.0, 'f', 2);
    return currency.isEmpty() ? amount : tr("%1 %2", "amount, currency").arg(amount, currency);
}

} // namespace Dockside
