#include "Migrator.h"

#include "Database.h"
#include "Migration.h"
#include "Sql.h"
#include "Transaction.h"
#include "util/Logging.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace Dockside {

Migrator::Migrator(Database& database)
    : m_database(database)
{
}

int Migrator::latestVersion() const
{
    return Migration::latestVersion();
}

Status Migrator::ensureVersionTable()
{
    Result<Transaction> transaction = Transaction::begin(m_database, u"creating the schema version table"_s);
    if (!transaction)
        return fail(transaction.error());
    const QString lock = m_database.dialect().migrationLockSql();
    if (!lock.isEmpty()) {
        if (auto locked = Sql::exec(m_database, transaction->connection(), lock, {}, u"locking for migration"_s); !locked)
            return fail(locked.error());
    }
    const QString sql = m_database.dialect().expandDdl(uR"(CREATE TABLE IF NOT EXISTS "schema_migrations" (
            "version" INTEGER PRIMARY KEY,
            "name" TEXT NOT NULL,
            "applied_at" ${BIGINT} NOT NULL))"_s);
    if (auto created = Sql::exec(m_database, transaction->connection(), sql, {}, u"creating the schema version table"_s);
        !created)
        return fail(created.error());
    return transaction->commit();
}

Result<int> Migrator::currentVersion()
{
    if (const Status ensured = ensureVersionTable(); !ensured)
        return fail(ensured.error());
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    Result<QSqlQuery> query = Sql::exec(m_database, *connection,
        uR"(SELECT COALESCE(MAX("version"), 0) FROM "schema_migrations")"_s, {}, u"reading the schema version"_s);
    if (!query)
        return fail(query.error());
    return query->next() ? query->value(0).toInt() : 0;
}

Result<int> Migrator::migrate()
{
    return migrateTo(latestVersion());
}

Result<int> Migrator::migrateTo(int target)
{
    Result<int> version = currentVersion();
    if (!version)
        return fail(version.error());
    if (*version > latestVersion()) {
        return fail(Error::storage(u"db.schema.newer"_s,
            u"The database %1 has schema version %2, newer than this Dockside knows (%3). Update Dockside on this "
            u"station; the database was not changed."_s)
                        .with(m_database.url().toDisplayString(), *version, latestVersion()));
    }

    for (const Migration& migration : Migration::all(m_database.dialect())) {
        if (migration.version > target)
            break;
        const QString what = u"applying migration %1 (%2)"_s.arg(migration.version).arg(migration.name);
        Result<Transaction> transaction = Transaction::begin(m_database, what);
        if (!transaction)
            return fail(transaction.error());
        QSqlDatabase& connection = transaction->connection();
        const QString lock = m_database.dialect().migrationLockSql();
        if (!lock.isEmpty()) {
            if (auto locked = Sql::exec(m_database, connection, lock, {}, what); !locked)
                return fail(locked.error());
        }
        // Another station may have applied it while we waited for the lock.
        Result<QSqlQuery> applied = Sql::exec(m_database, connection,
            uR"(SELECT 1 FROM "schema_migrations" WHERE "version" = ?)"_s, {migration.version}, what);
        if (!applied)
            return fail(applied.error());
        if (applied->next())
            continue;
        for (const QString& statement : migration.statements) {
            if (auto ran = Sql::exec(m_database, connection, statement, {}, what); !ran)
                return fail(ran.error());
        }
        if (auto recorded = Sql::exec(m_database, connection,
                uR"(INSERT INTO "schema_migrations" ("version", "name", "applied_at") VALUES (?, ?, ?))"_s,
                {migration.version, migration.name, QDateTime::currentMSecsSinceEpoch()}, what);
            !recorded)
            return fail(recorded.error());
        if (const Status committed = transaction->commit(); !committed)
            return fail(committed.error());
        qCInfo(lcStorage).noquote() << "applied migration" << migration.version << migration.name << "to"
                                    << m_database.url().toDisplayString();
    }
    return currentVersion();
}

} // namespace Dockside
