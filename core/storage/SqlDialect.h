#pragma once

#include <QString>

namespace Dockside {

// Everything that differs between SQLite and PostgreSQL lives here, so the rest of the storage code
// speaks one portable SQL (double-quoted identifiers, ON CONFLICT upserts, RETURNING).
class SqlDialect final
{
public:
    enum class Kind {
        Sqlite,
        Postgres,
    };

    explicit SqlDialect(Kind kind)
        : m_kind(kind)
    {
    }

    Kind kind() const { return m_kind; }
    QString name() const;
    QString driverName() const;

    // BEGIN for a write transaction. SQLite takes the write lock up front (BEGIN IMMEDIATE) so that two
    // writers wait on busy_timeout instead of failing when a read transaction tries to upgrade.
    QString beginSql() const;

    // Replaces ${ID} (auto-increment primary key), ${BIGINT} and ${BLOB} in a DDL statement.
    QString expandDdl(const QString& ddl) const;

    // Statements that make a table append-only: updates and deletes raise an error.
    QStringList appendOnlyTriggerSql(const QString& table) const;

    // SQL that, inside a transaction, serialises schema migrations between stations; empty when the
    // database does that by itself (SQLite takes a write lock).
    QString migrationLockSql() const;

    // True when a server error text or SQLSTATE means the connection itself is gone, so the next use
    // must reconnect rather than reuse it.
    bool isConnectionLost(const QString& nativeCode, const QString& text) const;

private:
    Kind m_kind;
};

} // namespace Dockside
