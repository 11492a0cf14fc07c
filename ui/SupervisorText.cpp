#include "SupervisorText.h"

#include "supervisor/SupervisorService.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace Dockside {

QString SupervisorText::reason(ReasonCode reason)
{
    switch (reason) {
    case ReasonCode::MissingItem:
        return tr("Item missing");
    case ReasonCode::UnexpectedItem:
        return tr("Unexpected item");
    case ReasonCode::IncorrectItem:
        return tr("Wrong item");
    case ReasonCode::ConditionBelowThreshold:
        return tr("Condition below threshold");
    case ReasonCode::QuantityOverExpected:
        return tr("More items than expected");
    case ReasonCode::ReturnNotOpen:
        return tr("Return not open in Loop");
    case ReasonCode::LabelNotDelivered:
        return tr("Label not delivered yet");
    case ReasonCode::ValueNeedsSupervisor:
        return tr("Value needs a supervisor");
    case ReasonCode::AutoProcessDisabled:
        return tr("Automatic processing off");
    case ReasonCode::SupervisorOverride:
        return tr("Supervisor override");
    }
    return reasonCode(reason);
}

QString SupervisorText::reasons(const QList<ReasonCode>& reasons)
{
    QStringList texts;
    texts.reserve(reasons.size());
    for (const ReasonCode code : reasons)
        texts << reason(code);
    return texts.join(tr(", ", "list separator"));
}

QList<ReasonCode> SupervisorText::flagReasons()
{
    return { ReasonCode::MissingItem, ReasonCode::UnexpectedItem, ReasonCode::IncorrectItem,
        ReasonCode::ConditionBelowThreshold, ReasonCode::QuantityOverExpected, ReasonCode::ReturnNotOpen,
        ReasonCode::LabelNotDelivered, ReasonCode::ValueNeedsSupervisor, ReasonCode::AutoProcessDisabled };
}

QString SupervisorText::decision(DecisionKind kind)
{
    switch (kind) {
    case DecisionKind::Process:
        return tr("Process", "decision");
    case DecisionKind::Flag:
        return tr("Flag", "decision");
    }
    return decisionKindCode(kind);
}

QString SupervisorText::returnState(ReturnState state)
{
    switch (state) {
    case ReturnState::Open:
        return tr("Open", "return state");
    case ReturnState::Closed:
        return tr("Closed", "return state");
    case ReturnState::Cancelled:
        return tr("Cancelled", "return state");
    case ReturnState::Expired:
        return tr("Expired", "return state");
    case ReturnState::Review:
        return tr("In review", "return state");
    case ReturnState::Unknown:
        return tr("Unknown", "return state");
    }
    return returnStateCode(state);
}

QString SupervisorText::receiptStatus(ReceiptStatus status)
{
    switch (status) {
    case ReceiptStatus::Open:
        return tr("Being received", "receipt status");
    case ReceiptStatus::Submitted:
        return tr("Submitted", "receipt status");
    case ReceiptStatus::Abandoned:
        return tr("Abandoned", "receipt status");
    }
    return receiptStatusCode(status);
}

QString SupervisorText::outboxKind(OutboxKind kind)
{
    switch (kind) {
    case OutboxKind::Process:
        return tr("Process", "push to Loop");
    case OutboxKind::Flag:
        return tr("Flag", "push to Loop");
    case OutboxKind::Note:
        return tr("Note", "push to Loop");
    case OutboxKind::Grade:
        return tr("Grade", "push to Loop");
    case OutboxKind::Assess:
        return tr("Assess", "push to Loop");
    case OutboxKind::Close:
        return tr("Close", "push to Loop");
    case OutboxKind::Cancel:
        return tr("Cancel", "push to Loop");
    }
    return outboxKindCode(kind);
}

QString SupervisorText::outboxStatus(OutboxStatus status)
{
    switch (status) {
    case OutboxStatus::Pending:
        return tr("Waiting", "push status");
    case OutboxStatus::Done:
        return tr("Sent", "push status");
    case OutboxStatus::Parked:
        return tr("Parked", "push status");
    case OutboxStatus::Dismissed:
        return tr("Dismissed", "push status");
    }
    return outboxStatusCode(status);
}

QString SupervisorText::condition(std::optional<Condition> condition)
{
    if (!condition)
        return tr("Not graded");
    switch (*condition) {
    case Condition::GradeA:
        return tr("Grade A");
    case Condition::GradeB:
        return tr("Grade B");
    case Condition::GradeC:
        return tr("Grade C");
    case Condition::GradeD:
        return tr("Grade D");
    case Condition::IncorrectItem:
        return tr("Wrong item");
    case Condition::Missing:
        return tr("Missing", "item condition");
    case Condition::Junk:
        return tr("Junk", "item condition");
    }
    return conditionCode(*condition);
}

QString SupervisorText::disposition(std::optional<Disposition> disposition)
{
    if (!disposition)
        return {};
    switch (*disposition) {
    case Disposition::BackToStock:
        return tr("Back to stock");
    case Disposition::ResaleHold:
        return tr("Resale hold");
    case Disposition::Recycle:
        return tr("Recycle");
    case Disposition::Donate:
        return tr("Donate");
    case Disposition::Missing:
        return tr("Missing", "disposition");
    }
    return dispositionCode(*disposition);
}

QString SupervisorText::unknownStatus(UnknownPackage::Status status)
{
    switch (status) {
    case UnknownPackage::Status::Open:
        return tr("No return yet", "unknown package status");
    case UnknownPackage::Status::Matched:
        return tr("Matched", "unknown package status");
    }
    return {};
}

QString SupervisorText::auditAction(const QString& code)
{
    if (code == u"scan")
        return tr("Scan", "audit action");
    if (code == u"scan_undo")
        return tr("Scan undone", "audit action");
    if (code == u"mark_missing")
        return tr("Marked missing", "audit action");
    if (code == u"unmark_missing")
        return tr("Missing mark removed", "audit action");
    if (code == u"abandon")
        return tr("Receiving abandoned", "audit action");
    if (code == u"decision")
        return tr("Decision", "audit action");
    if (code == u"unknown_package")
        return tr("Unknown package", "audit action");
    if (code == u"unknown_matched")
        return tr("Unknown package matched", "audit action");
    if (code == u"push")
        return tr("Sent to Loop", "audit action");
    if (code == u"rma_closed")
        return tr("Closed in Loop", "audit action");
    if (code == u"override")
        return tr("Supervisor override", "audit action");
    if (code == u"sync")
        return tr("Sync", "audit action");
    return code;
}

QString SupervisorText::resolution(const QString& code)
{
    if (code == QLatin1StringView(SupervisorService::kProcessAnyway))
        return tr("Processed anyway", "supervisor resolution");
    if (code == QLatin1StringView(SupervisorService::kKeepFlagged))
        return tr("Kept flagged", "supervisor resolution");
    if (code == QLatin1StringView(SupervisorService::kClosed))
        return tr("Return closed", "supervisor resolution");
    if (code == QLatin1StringView(SupervisorService::kCancelled))
        return tr("Return cancelled", "supervisor resolution");
    return code;
}

QString SupervisorText::visibleScan(const QString& raw)
{
    QString out;
    out.reserve(raw.size());
    for (const QChar c : raw) {
        switch (c.unicode()) {
        case 0x1D:
            out += u"<GS>"_s;
            break;
        case 0x1E:
            out += u"<RS>"_s;
            break;
        case 0x04:
            out += u"<EOT>"_s;
            break;
        default:
            if (c.unicode() < 0x20)
                out += u'<' + QString::number(c.unicode(), 16).rightJustified(2, u'0').toUpper() + u'>';
            else
                out += c;
        }
    }
    return out;
}

QString SupervisorText::time(const QDateTime& at)
{
    if (!at.isValid())
        return {};
    // Minutes are enough to find a package again; seconds only widen every time column.
    const QLocale locale;
    QString timeFormat = locale.timeFormat(QLocale::ShortFormat);
    timeFormat.remove(u":ss"_s);
    const QDateTime local = at.toLocalTime();
    return locale.toString(local.date(), QLocale::ShortFormat) + u' ' + locale.toString(local.time(), timeFormat);
}

} // namespace Dockside
