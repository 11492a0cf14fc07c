#pragma once

#include "domain/AuditEvent.h"
#include "domain/Decision.h"
#include "domain/OutboxEntry.h"
#include "domain/Receipt.h"
#include "domain/Return.h"
#include "domain/UnknownPackage.h"
#include "util/Error.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <optional>

class QSqlDatabase;

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

// What a supervisor queue can be ordered by; SupervisorQueues::canSort says which keys a queue has.
enum class SupervisorSortKey {
    Id, // the order rows were stored in (the command line's --before pages)
    Time, // the row's own time: submitted (flagged), received (unknown), parked (parked)
    Merchant, // the merchant's name (flagged, parked)
    Order, // the return's order name (flagged, parked)
    ReceivedBy, // the user, then the station (flagged, unknown)
    Reasons, // the flag's reason codes as stored, so receipts flagged for the same reasons come together (flagged)
    Call, // the kind of call to Loop, by its code (parked)
    Error, // the first 100 characters of what Loop said (parked)
};

// How a queue is ordered: by `key`, rows that tie on it by id in the same direction, so the order is total and a
// page never skips or repeats a row. Text compares by code point on both databases (upper case before lower case).
struct SupervisorSort
{
    SupervisorSortKey key = SupervisorSortKey::Time;
    Qt::SortOrder order = Qt::DescendingOrder; // with Time: newest first

    friend bool operator==(const SupervisorSort&, const SupervisorSort&) = default;
};

// Where a page starts: just after the row it was taken from, in the page's sort. Keep a page's `next` to ask for
// the page after it; the default starts at the top.
struct SupervisorCursor
{
    qint64 id = 0; // the row's id; 0: from the top
    QVariantList values; // the row's sort values as the queue read them (empty for SupervisorSortKey::Id)

    bool atTop() const { return id == 0; }
};

// A page of a queue and where the page after it starts.
template <typename Row>
struct SupervisorQueuePage
{
    QList<Row> rows;
    SupervisorCursor next; // after the last row; the cursor asked with when the page is empty
    // Nothing comes after this page. Not simply fewer rows than asked for: a row that left the queue while the page
    // was read is left out of it.
    bool atEnd = false;
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
// returns at most `limit` rows in the asked order, after the cursor. A page is a walk down an index that holds only
// the queue's rows (migrations 6 and 7) from the cursor's (value, id), then one lookup of the page's rows by id:
// its cost depends on the page, not on how long the queue is. Where rows tie on the sort value the walk goes on in
// a second step past them, and a sort by merchant walks one merchant's rows after the other's, so every step seeks
// straight to its start. One sort is not cheap: by order name, which lives with the return, each page joins the
// whole queue to its returns and sorts it (at 100,000 rows about 20 ms a page on SQLite and 45 ms on PostgreSQL,
// against 1 to 6 ms for the others; bench/bench_supervisor_sort).
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

    // Whether `queue` can be ordered by `key` (every queue by Id and Time).
    static bool canSort(Queue queue, SupervisorSortKey key);

    // Pages in any order the queue has (a Validation error, "supervisor.sort.unsupported", for one it has not).
    Result<SupervisorQueuePage<FlaggedReceiptRow>> flagged(
        const SupervisorFilter& filter, const SupervisorSort& sort, const SupervisorCursor& after, int limit);
    Result<SupervisorQueuePage<UnknownPackage>> unknownPackages(
        const SupervisorFilter& filter, const SupervisorSort& sort, const SupervisorCursor& after, int limit);
    Result<SupervisorQueuePage<ParkedPushRow>> parkedPushes(
        const SupervisorFilter& filter, const SupervisorSort& sort, const SupervisorCursor& after, int limit);

    // Pages by id descending (newest first), with id < `beforeId` (0 = from the top).
    Result<QList<FlaggedReceiptRow>> flagged(const SupervisorFilter& filter, qint64 beforeId, int limit);
    Result<qint64> countFlagged(const SupervisorFilter& filter);
    Result<QList<UnknownPackage>> unknownPackages(const SupervisorFilter& filter, qint64 beforeId, int limit);
    Result<qint64> countUnknownPackages(const SupervisorFilter& filter);
    Result<QList<ParkedPushRow>> parkedPushes(const SupervisorFilter& filter, qint64 beforeId, int limit);
    Result<qint64> countParkedPushes(const SupervisorFilter& filter);

    // A Validation error ("supervisor.return.unknown") when there is no such return.
    Result<ReturnDetail> returnDetail(qint64 returnId);

    // The database's plan for one page, one line per step (EXPLAIN QUERY PLAN / EXPLAIN) of every query the page
    // may run: for tests and diagnostics, to see that a page walks an index instead of sorting the whole queue.
    // `execute` runs them on PostgreSQL (EXPLAIN ANALYZE), whose plan then says how many rows each step read and
    // dropped; SQLite has no such counts.
    Result<QStringList> pagePlan(Queue queue, const SupervisorFilter& filter, qint64 beforeId, int limit);
    Result<QStringList> pagePlan(Queue queue, const SupervisorFilter& filter, const SupervisorSort& sort,
        const SupervisorCursor& after, int limit, bool execute = false);

private:
    struct Query
    {
        QString sql;
        QVariantList binds; // the LIMIT last, for a page step
        QVariantList values; // a merchant walk's step: the sort values of every row it reads
    };
    struct KeyedId
    {
        qint64 id = 0;
        QVariantList values;
    };
    // A page with the cursor after its last row and whether the queue ends there, still without its rows.
    template <typename Row>
    static SupervisorQueuePage<Row> emptyPage(const QList<KeyedId>& keyed, const SupervisorCursor& after, int limit);
    static QList<qint64> idsOf(const QList<KeyedId>& keyed);
    // The queue and filter as a WHERE clause on "q", the queue's table.
    Query whereClause(Queue queue, const SupervisorFilter& filter) const;
    // The queries a page runs in turn, each reading on where the one before stopped, until the page is full.
    Result<QList<Query>> pageSteps(Queue queue, const SupervisorFilter& filter, const SupervisorSort& sort,
        const SupervisorCursor& after, int limit);
    // The ids of a page, in order, with their sort values.
    Result<QList<KeyedId>> pageIds(Queue queue, const SupervisorFilter& filter, const SupervisorSort& sort,
        const SupervisorCursor& after, int limit, const QString& what);
    Result<QHash<qint64, QString>> merchantNames(QSqlDatabase& connection, const QString& what);
    Result<qint64> count(Queue queue, const SupervisorFilter& filter, const QString& what);

    Database& m_database;
};

} // namespace Dockside
