#pragma once

#include "SqlDialect.h"
#include "util/Error.h"

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringEncoder>
#include <QVariantList>

#include <functional>
#include <memory>

struct sqlite3_stmt;

namespace Dockside {

class Database;

// One statement run for many rows of parameters, as cheaply as each backend allows: what storing a page of
// Loop's list costs. The caller writes the statement once with SqlDialect::bulkInsertSql() or bulkMatchSql()
// for the rows, so the rest of its text is the same portable SQL on both backends.
// - SQLite runs in-process: the statement is prepared on SQLite's own handle for `rowsPerStatement` rows and
//   executed once per that many (the few left over at the end, one row at a time). Going around QSqlQuery there
//   matters: its binding costs more per value than SQLite's insert of the whole row. This relies on Qt's SQLite
//   driver using the system libsqlite3, as Debian's libqt6sql6-sqlite does.
// - PostgreSQL pays a round trip per statement: the rows travel as one array parameter per column and the
//   statement runs once for all of them, in finish().
// Use: add() each column of a row in order, endRow(), and finish() once; rows the statement returns (RETURNING,
// SELECT) come back from finish().
class BulkStatement final
{
public:
    // The statement for this many rows of parameters (SQLite; PostgreSQL asks once, for 1).
    using SqlForRows = std::function<QString(qsizetype rows)>;

    static Result<BulkStatement> prepare(Database& database, QSqlDatabase& connection,
        const QList<SqlDialect::Column>& columns, const SqlForRows& sql, qsizetype rowsPerStatement,
        const QString& what);

    BulkStatement(BulkStatement&& other) noexcept;
    BulkStatement& operator=(BulkStatement&&) = delete;
    BulkStatement(const BulkStatement&) = delete;
    BulkStatement& operator=(const BulkStatement&) = delete;
    ~BulkStatement();

    void add(qint64 value);
    void add(const QString& value); // '' for a null string: text columns are NOT NULL
    void addNull();
    Status endRow();
    Result<QList<QVariantList>> finish();

private:
    struct StatementDeleter
    {
        void operator()(sqlite3_stmt* statement) const;
    };
    using SqliteStatement = std::unique_ptr<sqlite3_stmt, StatementDeleter>;
    // SQLite: a value waiting for its statement.
    struct Value
    {
        enum class Kind : quint8 {
            Null,
            Integer,
            Text,
        };
        Kind kind = Kind::Null;
        qint64 integer = 0; // or where the text starts in m_texts
        qsizetype size = 0; // of the text, in bytes
    };

    BulkStatement(Database& database, QSqlDatabase connection, qsizetype columns, SqlForRows sql,
        qsizetype rowsPerStatement, QString what);
    Result<SqliteStatement> prepareSqlite(qsizetype rows);
    Status runSqlite(sqlite3_stmt* statement, qsizetype rows);
    Error sqliteFailure(int code) const;
    QByteArray& arrayElement();
    QByteArrayView utf8(const QString& value, QByteArray& buffer);

    Database* m_database;
    QSqlDatabase m_connection;
    qsizetype m_columns;
    SqlForRows m_sql;
    qsizetype m_rowsPerStatement;
    QString m_what;
    bool m_sqlite;
    SqliteStatement m_full; // SQLite: for m_rowsPerStatement rows
    QList<Value> m_pending; // SQLite: rows not run yet
    QByteArray m_texts; // SQLite: their text, one after the other, bound without a copy
    QStringEncoder m_utf8;
    QByteArray m_scratch; // PostgreSQL: one value in UTF-8, before it is escaped into its array
    QList<QByteArray> m_arrays; // PostgreSQL: the rows so far, one array literal per column
    QList<QVariantList> m_returned;
    qsizetype m_column = 0;
    qsizetype m_rows = 0;
};

} // namespace Dockside
