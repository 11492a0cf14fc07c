#pragma once

#include <QList>
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

    // The parameter columns of a BulkStatement.
    enum class ColumnType {
        Integer,
        Text,
    };
    struct Column
    {
        QString name;
        ColumnType type = ColumnType::Text;
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

    // A COLLATE clause (with its leading space) that makes text compare by code point, as SQLite does by default
    // and PostgreSQL does with "C" rather than the database's locale, so a sort on text gives the same order on
    // both. Empty on SQLite. An index serves such a sort only when its column carries the same clause.
    QString codePointCollation() const;

    // The two shapes of a BulkStatement, which runs one statement for many rows of parameters. On SQLite the
    // statement takes `rows` rows of positional parameters at once and runs once per that many rows (in-process,
    // that is cheapest). On PostgreSQL `rows` does not matter: all rows travel as one array parameter per column,
    // unnested side by side, and the statement runs once (one round trip).
    // The head of an INSERT of those rows into `table` (ON CONFLICT and RETURNING clauses may follow):
    QString bulkInsertSql(const QString& table, const QList<Column>& columns, qsizetype rows) const;
    // A condition true for the table rows whose `columns` equal those of one row of parameters:
    QString bulkMatchSql(const QList<Column>& columns, qsizetype rows) const;

    // For the RETURNING clause of an INSERT ... ON CONFLICT DO UPDATE into `table`: true for a row the statement
    // inserted, false for one it updated. Empty on SQLite, which cannot tell; there a lookup earlier in the same
    // transaction, which holds the write lock, already knows.
    QString upsertInsertedSql(const QString& table) const;

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
