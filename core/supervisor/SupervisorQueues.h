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
#include <QStringList>
#include <QVariantList>

#include <optional>

namespace Dockside {

class Database;

// Narrows a supervisor queue. Empty members do not narrow.
struct SupervisorFilter
{
    std::optional<qint64> merchantId; // unknown packages belong to no merchant yet: it does not narrow them
    QDateTime from; // inclusive, on the row's own time (submitted, received, parked)
    QDateTime to; // exclusive
    QString reason; // flagged: a reason code (ReasonCode); parked: text in the last error; unknown: text in raw scan or
                    // note
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

// How a supervisor settled a flagged receipt (SupervisorService); codes, the UI translates them.
struct ReceiptResolution
{
    qint64 receiptId = 0;
    QDateTime resolvedAt;
    QString resolvedBy;
    QString resolution; // process_anyway, keep_flagged, closed, cancelled
    QString note;

    friend bool operator==(const ReceiptResolution&, const ReceiptResolution&) = default;
};

// Everything the detail view shows about one return.
struct ReturnDetail
{
    Return returnValue; // with its lines
    QString merchantName;
    QList<Receipt> receipts; // with lines, newest first
    QList<OutboxEntry> outbox; // oldest first
    QList<AuditEvent> audit; // oldest first
    QList<ReceiptResolution> resolutions; // one per receipt a supervisor settled, newest receipt first
};

// The supervisor's queues, read in pages by keyset so a list of 100,000 rows loads as it scrolls: each call
// returns at most `limit` rows ordered by id descending (newest first) with id < `beforeId` (0 = from the top).
// Each page is one walk down an index that holds only the queue's rows (migration 6), then one lookup of the
// page's returns: its cost depends on the page, not on how long the queue is.
class SupervisorQueues final
{
public:
    enum class Queue {
        Flagged,
        Unknown,
        Parked,
    };

    static constexpr int kMaxLimit = 1000;

    explicit SupervisorQueues(Database& database);

    Result<QList<FlaggedReceiptRow>> flagged(const SupervisorFilter& filter, qint64 beforeId, int limit);
    Result<qint64> countFlagged(const SupervisorFilter& filter);
    Result<QList<UnknownPackage>> unknownPackages(const SupervisorFilter& filter, qint64 beforeId, int limit);
    Result<qint64> countUnknownPackages(const SupervisorFilter& filter);
    Result<QList<ParkedPushRow>> parkedPushes(const SupervisorFilter& filter, qint64 beforeId, int limit);
    Result<qint64> countParkedPushes(const SupervisorFilter& filter);

    // A Validation error ("supervisor.return.unknown") when there is no such return.
    Result<ReturnDetail> returnDetail(qint64 returnId);

    // The database's plan for one page query, one line per step (EXPLAIN QUERY PLAN / EXPLAIN): for tests and
    // diagnostics, to see that a page walks an index instead of sorting the whole queue.
    Result<QStringList> pagePlan(Queue queue, const SupervisorFilter& filter, qint64 beforeId, int limit);

private:
    struct Query
    {
        QString sql;
        QVariantList binds;
    };
    Query pageQuery(Queue queue, const SupervisorFilter& filter, qint64 beforeId, int limit, bool count) const;
    Result<qint64> count(Queue queue, const SupervisorFilter& filter, const QString& what);

    Database& m_database;
};

} // namespace Dockside
