#pragma once

#include "SupervisorQueues.h"
#include "domain/AuditEvent.h"
#include "domain/Decision.h"
#include "domain/OutboxEntry.h"
#include "domain/Receipt.h"
#include "domain/Return.h"
#include "domain/UnknownPackage.h"
#include "util/Error.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace Dockside {

class Clock;
class Database;

// Who acts: every supervisor action is audited under these names.
struct SupervisorActor
{
    QString station;
    QString user;
};

// What a supervisor can decide. Every action needs a note (a Validation error when empty), is written in one
// transaction with its audit event (action "override"), and tells Loop through the outbox, never directly.
// Refusals are Validation errors with a message that says what to do instead: an empty note or user, an unknown
// id, a receipt that is not flagged or was already resolved, an entry that is not parked, and actions Loop is
// known to refuse in the return's state (CONTRACT §4, §8).
//
// Calls to Loop: every action on a receipt or a return first queues a Note with the supervisor's note (so Loop's
// timeline shows who decided what and why), then its own call. A flag of the receipt that has not left yet, or
// that Loop refused (parked), is superseded (settled as Dismissed, never sent) when the supervisor processes,
// closes or cancels instead. A flag that did reach Loop leaves the return flagged there: Loop then processes it
// only when the merchant enabled "Allow flagged returns to process" (otherwise the Process is refused and parked
// with Loop's words), closes it, and never cancels it.
class SupervisorService final
{
public:
    static constexpr const char* kOverrideAction = "override";
    // ReceiptResolution::resolution codes.
    static constexpr const char* kProcessAnyway = "process_anyway";
    static constexpr const char* kKeepFlagged = "keep_flagged";
    static constexpr const char* kClosed = "closed";
    static constexpr const char* kCancelled = "cancelled";

    SupervisorService(Database& database, const Clock& clock);

    // A flagged receipt: send Process after all (a Note with the supervisor's note first), the decision becomes
    // Process with reason SupervisorOverride, and the receipt leaves the flagged queue.
    Status processAnyway(qint64 receiptId, const SupervisorActor& actor, const QString& note);
    // A flagged receipt: leave it flagged in Loop (the supervisor's note is added there); it leaves the flagged
    // queue.
    Status keepFlagged(qint64 receiptId, const SupervisorActor& actor, const QString& note);
    // Close or cancel the return in Loop (outbox Note, then Close / Cancel); a flagged receipt of it leaves the
    // queue. Refused while another final call (process, close, cancel) of the return waits in the outbox or is
    // parked, and where Loop would refuse: closing a closed or cancelled return, cancelling one that is not open
    // or that was flagged in Loop.
    Status closeReturn(qint64 returnId, const SupervisorActor& actor, const QString& note);
    Status cancelReturn(qint64 returnId, const SupervisorActor& actor, const QString& note);

    // An unknown package belongs to this return after all: matched by hand, ready to be received. Refused for a
    // package that is already matched and for a return that does not exist. Nothing is sent to Loop.
    Status relinkUnknownPackage(qint64 unknownPackageId, qint64 returnId, const SupervisorActor& actor,
        const QString& note);

    // A parked push: send it again (back to pending, due now, attempts kept; the supervisor has checked Loop, so
    // even a process whose earlier attempt may have reached Loop is sent again rather than read back), or settle it
    // without sending (status Dismissed: it was handled in Loop's admin, say), which lets the entries behind it for
    // the same return go. Neither sends anything by itself.
    Status retryParkedPush(qint64 outboxId, const SupervisorActor& actor, const QString& note);
    Status dismissParkedPush(qint64 outboxId, const SupervisorActor& actor, const QString& note);

private:
    enum class Final {
        Close,
        Cancel,
    };

    Status resolveReceipt(qint64 receiptId, const SupervisorActor& actor, const QString& note, bool process);
    Status finishReturn(qint64 returnId, const SupervisorActor& actor, const QString& note, Final action);
    Status settleParked(qint64 outboxId, const SupervisorActor& actor, const QString& note, bool retry);

    Database& m_database;
    const Clock& m_clock;
};

} // namespace Dockside
