#include "SupervisorSeed.h"

#include "storage/Database.h"
#include "storage/Sql.h"
#include "storage/Transaction.h"

using namespace Qt::StringLiterals;

namespace Dockside::Testing {

namespace {
// Numbers are written into the SQL: PostgreSQL would infer a bound parameter next to an INTEGER counter as INTEGER,
// which epoch milliseconds overflow.
QString counter(int count)
{
    return uR"(WITH RECURSIVE "n"("i") AS (SELECT 1 UNION ALL SELECT "i" + 1 FROM "n" WHERE "i" < %1) )"_s.arg(count);
}

QString stamp(const QDateTime& first)
{
    return u"(%1 + \"i\" * 1000)"_s.arg(first.toMSecsSinceEpoch());
}

QString quoted(const QString& text)
{
    return u'\'' + QString(text).replace(u'\'', u"''"_s) + u'\'';
}
} // namespace

Status SupervisorSeed::exec(const QString& sql)
{
    Result<Transaction> transaction = Transaction::begin(database, u"seeding the supervisor queues"_s);
    if (!transaction)
        return fail(transaction.error());
    const Result<QSqlQuery> query = Sql::exec(database, transaction->connection(), sql, {}, u"seeding"_s);
    if (!query)
        return fail(query.error());
    if (const Status committed = transaction->commit(); !committed)
        return committed;
    // What autovacuum does a little after a bulk load: without fresh statistics PostgreSQL's planner takes the
    // grown table for a small one and reads every row below the page's key (about 60 ms a page at 100,000 rows).
    if (database.url().isSqlite())
        return {};
    Result<QSqlDatabase> connection = database.connection();
    if (!connection)
        return fail(connection.error());
    const Result<QSqlQuery> analyzed = Sql::exec(database, *connection, u"ANALYZE"_s, {}, u"analyzing"_s);
    if (!analyzed)
        return fail(analyzed.error());
    return {};
}

Status SupervisorSeed::flagged(qint64 merchantId, qint64 returnId, int count, const QString& reasonCode)
{
    const QString at = stamp(first);
    return exec(uR"(INSERT INTO "receipts" ("return_id", "merchant_id", "station", "user_name", "status", "started_at",
                    "submitted_at", "decision", "decision_reasons", "decided_at", "decided_by") )"_s
        + counter(count)
        + uR"(SELECT %1, %2, 'dock-' || ("i" % 4 + 1), 'maria', 'submitted', %3, %3, 'flag', %4, %3, 'maria' FROM "n")"_s
              .arg(returnId)
              .arg(merchantId)
              .arg(at, quoted(reasonCode)));
}

Status SupervisorSeed::unknown(int count, const QString& user, const QString& station)
{
    const QString at = stamp(first);
    return exec(uR"(INSERT INTO "unknown_packages" ("raw_scan", "station", "user_name", "note", "photo_refs",
                    "received_at", "status") )"_s
        + counter(count)
        + uR"(SELECT '1ZSEED' || "i", %2, %3, 'No slip in the box', '[]', %1, 'open' FROM "n")"_s.arg(
            at, quoted(station), quoted(user)));
}

Status SupervisorSeed::parked(qint64 merchantId, qint64 returnId, qint64 loopReturnId, int count, const QString& error)
{
    const QString at = stamp(first);
    return exec(uR"(INSERT INTO "outbox" ("merchant_id", "return_id", "loop_return_id", "kind", "payload", "status",
                    "attempts", "next_attempt_at", "last_attempt_at", "last_error", "created_at", "updated_at") )"_s
        + counter(count)
        + uR"(SELECT %1, %2, %3, 'process', '{}', 'parked', 1, %4, %4, %5, %4, %4 FROM "n")"_s.arg(merchantId)
              .arg(returnId)
              .arg(loopReturnId)
              .arg(at, quoted(error)));
}

} // namespace Dockside::Testing
