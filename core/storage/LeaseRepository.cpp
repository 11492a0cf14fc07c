#include "LeaseRepository.h"

#include "Database.h"
#include "Sql.h"

using namespace Qt::StringLiterals;

namespace Dockside {

LeaseRepository::LeaseRepository(Database& database)
    : m_database(database)
{
}

Result<bool> LeaseRepository::tryAcquire(const QString& name, const QString& holder, qint64 ttlMs, const QDateTime& now)
{
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    // One statement, atomic on both backends: insert, or take over when ours or expired. The row lock of
    // ON CONFLICT makes two stations racing for an expired lease serialise; the second sees a live lease.
    Result<QSqlQuery> query = Sql::exec(m_database, *connection,
        uR"(INSERT INTO "leases" ("name", "holder", "acquired_at", "expires_at") VALUES (?, ?, ?, ?)
            ON CONFLICT ("name") DO UPDATE SET
                "holder" = excluded."holder",
                "acquired_at" = CASE WHEN "leases"."holder" = excluded."holder" THEN "leases"."acquired_at"
                                     ELSE excluded."acquired_at" END,
                "expires_at" = excluded."expires_at"
            WHERE "leases"."holder" = excluded."holder" OR "leases"."expires_at" <= ?
            RETURNING "holder")"_s,
        {name, holder, Sql::time(now), Sql::time(now.addMSecs(ttlMs)), Sql::time(now)},
        u"taking the lease %1"_s.arg(name));
    if (!query)
        return fail(query.error());
    return query->next() && query->value(0).toString() == holder;
}

Status LeaseRepository::release(const QString& name, const QString& holder)
{
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    Result<QSqlQuery> query = Sql::exec(m_database, *connection,
        uR"(DELETE FROM "leases" WHERE "name" = ? AND "holder" = ?)"_s, {name, holder},
        u"releasing the lease %1"_s.arg(name));
    if (!query)
        return fail(query.error());
    return {};
}

Result<std::optional<LeaseRepository::Lease>> LeaseRepository::current(const QString& name)
{
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    Result<QSqlQuery> query = Sql::exec(m_database, *connection,
        uR"(SELECT "name", "holder", "acquired_at", "expires_at" FROM "leases" WHERE "name" = ?)"_s, {name},
        u"reading the lease %1"_s.arg(name));
    if (!query)
        return fail(query.error());
    if (!query->next())
        return std::optional<Lease>();
    return std::optional<Lease>(Lease {query->value(0).toString(), query->value(1).toString(),
        Sql::time(query->value(2)), Sql::time(query->value(3))});
}

} // namespace Dockside
