#include "SyncStateRepository.h"

#include "Database.h"
#include "Sql.h"

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {
const QString kColumns = uR"("merchant_id", "stream", "watermark", "last_attempt_at", "last_success_at",
    "last_error", "last_error_at", "returns_seen")"_s;

SyncState fromRow(const QSqlQuery& row)
{
    SyncState state;
    state.merchantId = row.value(0).toLongLong();
    state.stream = row.value(1).toString();
    state.watermark = Sql::time(row.value(2));
    state.lastAttemptAt = Sql::time(row.value(3));
    state.lastSuccessAt = Sql::time(row.value(4));
    state.lastError = row.value(5).toString();
    state.lastErrorAt = Sql::time(row.value(6));
    state.returnsSeen = row.value(7).toLongLong();
    return state;
}
} // namespace

SyncStateRepository::SyncStateRepository(Database& database)
    : m_database(database)
{
}

Result<SyncState> SyncStateRepository::get(qint64 merchantId, const QString& stream)
{
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    Result<QSqlQuery> query = Sql::exec(m_database, *connection,
        u"SELECT "_s + kColumns + uR"( FROM "sync_state" WHERE "merchant_id" = ? AND "stream" = ?)"_s,
        {merchantId, stream}, u"reading the sync state"_s);
    if (!query)
        return fail(query.error());
    if (query->next())
        return fromRow(*query);
    SyncState empty;
    empty.merchantId = merchantId;
    empty.stream = stream;
    return empty;
}

Result<QList<SyncState>> SyncStateRepository::all()
{
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    Result<QSqlQuery> query = Sql::exec(m_database, *connection,
        u"SELECT "_s + kColumns + uR"( FROM "sync_state" ORDER BY "merchant_id", "stream")"_s, {},
        u"reading the sync state"_s);
    if (!query)
        return fail(query.error());
    QList<SyncState> states;
    while (query->next())
        states << fromRow(*query);
    return states;
}

Status SyncStateRepository::ensureRow(qint64 merchantId, const QString& stream, const QString& what)
{
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    Result<QSqlQuery> query = Sql::exec(m_database, *connection,
        uR"(INSERT INTO "sync_state" ("merchant_id", "stream") VALUES (?, ?)
            ON CONFLICT ("merchant_id", "stream") DO NOTHING)"_s,
        {merchantId, stream}, what);
    if (!query)
        return fail(query.error());
    return {};
}

Status SyncStateRepository::recordAttempt(qint64 merchantId, const QString& stream, const QDateTime& at)
{
    const QString what = u"recording a sync attempt"_s;
    if (const Status ensured = ensureRow(merchantId, stream, what); !ensured)
        return ensured;
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    Result<QSqlQuery> query = Sql::exec(m_database, *connection,
        uR"(UPDATE "sync_state" SET "last_attempt_at" = ? WHERE "merchant_id" = ? AND "stream" = ?)"_s,
        {Sql::time(at), merchantId, stream}, what);
    if (!query)
        return fail(query.error());
    return {};
}

Status SyncStateRepository::recordSuccess(
    qint64 merchantId, const QString& stream, const QDateTime& watermark, qint64 returnsSeen, const QDateTime& at)
{
    const QString what = u"recording a sync success"_s;
    if (const Status ensured = ensureRow(merchantId, stream, what); !ensured)
        return ensured;
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    // The watermark only moves forward, even if an older pull finishes late.
    Result<QSqlQuery> query = Sql::exec(m_database, *connection,
        uR"(UPDATE "sync_state" SET
                "watermark" = CASE WHEN "watermark" IS NULL OR "watermark" < ? THEN ? ELSE "watermark" END,
                "last_success_at" = ?, "last_error" = '', "last_error_at" = NULL,
                "returns_seen" = "returns_seen" + ?
            WHERE "merchant_id" = ? AND "stream" = ?)"_s,
        {Sql::time(watermark), Sql::time(watermark), Sql::time(at), returnsSeen, merchantId, stream}, what);
    if (!query)
        return fail(query.error());
    return {};
}

Status SyncStateRepository::recordFailure(
    qint64 merchantId, const QString& stream, const QString& error, const QDateTime& at)
{
    const QString what = u"recording a sync failure"_s;
    if (const Status ensured = ensureRow(merchantId, stream, what); !ensured)
        return ensured;
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    Result<QSqlQuery> query = Sql::exec(m_database, *connection,
        uR"(UPDATE "sync_state" SET "last_error" = ?, "last_error_at" = ? WHERE "merchant_id" = ? AND "stream" = ?)"_s,
        {Sql::text(error), Sql::time(at), merchantId, stream}, what);
    if (!query)
        return fail(query.error());
    return {};
}

} // namespace Dockside
