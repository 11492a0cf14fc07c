#pragma once

#include "domain/Decision.h"
#include "domain/OutboxEntry.h"
#include "domain/Receipt.h"
#include "domain/ReceiptLine.h"
#include "domain/Return.h"
#include "domain/UnknownPackage.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace Dockside {

// Core stores codes, never words: this is where the supervisor screen turns them into translated text, in one
// place so that a queue, the detail view and a filter always say the same thing for the same code.
class SupervisorText final
{
    Q_DECLARE_TR_FUNCTIONS(SupervisorText)

public:
    static QString reason(ReasonCode reason);
    static QString reasons(const QList<ReasonCode>& reasons); // comma-separated, in the given order
    // Every reason a receipt can be flagged for, in the order a filter lists them.
    static QList<ReasonCode> flagReasons();

    static QString decision(DecisionKind kind);
    static QString returnState(ReturnState state);
    static QString receiptStatus(ReceiptStatus status);
    static QString outboxKind(OutboxKind kind);
    static QString outboxStatus(OutboxStatus status);
    static QString condition(std::optional<Condition> condition); // "Not graded" when none
    static QString disposition(std::optional<Disposition> disposition); // empty when none
    static QString unknownStatus(UnknownPackage::Status status);
    // An audit action code (scan, decision, override, push, ...); an unknown code is shown as it is.
    static QString auditAction(const QString& code);

    // How a supervisor settled a flagged receipt (ReceiptResolution::resolution); an unknown code as it is.
    static QString resolution(const QString& code);

    // A raw scan as a person can read it: control characters (the GS between GS1 fields) become <GS>, <RS>, ...
    static QString visibleScan(const QString& raw);
    // A stored time in the station's local time, short format; empty when not set.
    static QString time(const QDateTime& at);
};

} // namespace Dockside
