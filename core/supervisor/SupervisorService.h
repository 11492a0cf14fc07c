#pragma once

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

// Narrows a supervisor queue. Empty members do not narrow.
struct SupervisorFilter
{
    std::optional<qint64> merchantId;
    QDateTime from; // inclusive, on the row's own time (submitted, received, parked)
    QDateTime to; // exclusive
    QString reason; // flagged: a reason code (ReasonCode); parked: text in the last error; unknown: text in raw scan or note
};

// One flagged receipt that no supervisor has resolved yet.
struct FlaggedReceiptRow
{
    qint64 receiptId = 0;
    qint64 returnId = 0;
    qint64 loopReturnId = 0;
    qint64 merchantId = 0;
    QString merchantName;
    QString orderName;
    QString customerEmail;
    ReturnState returnState = ReturnState::Unknown;
    QDateTime submittedAt;
    QString station;
    QString user;
    QList<ReasonCode> reasons;
};

// One push Loop refused for good (an outbox entry in Parked).
struct ParkedPushRow
{
    OutboxEntry entry;
    QString merchantName;
    QString orderName;
};

// Everything the detail view shows about one return.
struct ReturnDetail
{
    Return returnValue; // with its lines
    QString merchantName;
    QList<Receipt> receipts; // with lines, newest first
    QList<OutboxEntry> outbox; // oldest first
    QList<AuditEvent> audit; // oldest first
};

// The supervisor's queues, read in pages by keyset so a list of 100,000 rows loads as it scrolls: each call
// returns at most `limit` rows ordered by id descending (newest first) with id < `beforeId` (0 = from the top).
class SupervisorQueues final
{
public:
    explicit SupervisorQueues(Database& database);

    Result<QList<FlaggedReceiptRow>> flagged(const SupervisorFilter& filter, qint64 beforeId, int limit);
    Result<qint64> countFlagged(const SupervisorFilter& filter);
    Result<QList<UnknownPackage>> unknownPackages(const SupervisorFilter& filter, qint64 beforeId, int limit);
    Result<qint64> countUnknownPackages(const SupervisorFilter& filter);
    Result<QList<ParkedPushRow>> parkedPushes(const SupervisorFilter& filter, qint64 beforeId, int limit);
    Result<qint64> countParkedPushes(const SupervisorFilter& filter);

    Result<ReturnDetail> returnDetail(qint64 returnId);

private:
    Database& m_database;
};

// What a supervisor can decide. Every action needs a note (a Validation error when empty), is written in one
// transaction with its audit event (action "override"), and tells Loop through the outbox, never directly.
class SupervisorService final
{
public:
    SupervisorService(Database& database, const Clock& clock);

    // A flagged receipt: send Process after all (a Note with the supervisor's note first), the decision becomes
    // Process with reason SupervisorOverride, and the receipt leaves the flagged queue.
    Status processAnyway(qint64 receiptId, const SupervisorActor& actor, const QString& note);
    // A flagged receipt: leave it flagged in Loop; it leaves the flagged queue.
    Status keepFlagged(qint64 receiptId, const SupervisorActor& actor, const QString& note);
    // Close or cancel the return in Loop (outbox Close / Cancel); a flagged receipt of it leaves the queue.
    Status closeReturn(qint64 returnId, const SupervisorActor& actor, const QString& note);
    Status cancelReturn(qint64 returnId, const SupervisorActor& actor, const QString& note);

    // An unknown package belongs to this return after all: matched by hand, ready to be received.
    Status relinkUnknownPackage(qint64 unknownPackageId, qint64 returnId, const SupervisorActor& actor,
        const QString& note);

    // A parked push: send it again (back to pending, due now), or settle it without sending (it was handled in
    // Loop's admin, say), which lets the entries behind it for the same return go.
    Status retryParkedPush(qint64 outboxId, const SupervisorActor& actor, const QString& note);
    Status dismissParkedPush(qint64 outboxId, const SupervisorActor& actor, const QString& note);

private:
    Database& m_database;
    const Clock& m_clock;
};

} // namespace Dockside
