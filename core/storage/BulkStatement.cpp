#include "BulkStatement.h"

#include "Database.h"
#include "Sql.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {

sqlite3* sqliteHandle(const QSqlDatabase& connection)
{
    const QVariant handle = connection.driver() ? connection.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.metaType().name(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3* const*>(handle.constData());
}

// An element of a PostgreSQL array literal: double-quoted, with quotes and backslashes escaped.
void appendArrayText(QByteArray& out, QByteArrayView utf8)
{
    out += '"';
    qsizetype plain = 0; // start of the run not yet copied
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const char c = utf8.at(i);
        if (c != '"' && c != '\\')
            continue;
        out.append(utf8.constData() + plain, i - plain);
        out += '\\';
        plain = i; // the character itself goes with the next run
    }
    out.append(utf8.constData() + plain, utf8.size() - plain);
    out += '"';
}

} // namespace

void BulkStatement::StatementDeleter::operator()(sqlite3_stmt* statement) const
{
    sqlite3_finalize(statement);
}

Result<BulkStatement> BulkStatement::prepare(Database& database, QSqlDatabase& connection,
    const QList<SqlDialect::Column>& columns, const SqlForRows& sql, qsizetype rowsPerStatement, const QString& what)
{
    BulkStatement statement(database, connection, columns.size(), sql, std::max<qsizetype>(1, rowsPerStatement), what);
    if (statement.m_sqlite) {
        Result<SqliteStatement> full = statement.prepareSqlite(statement.m_rowsPerStatement);
        if (!full)
            return fail(full.error());
        statement.m_full = std::move(*full);
        statement.m_pending.reserve(statement.m_rowsPerStatement * statement.m_columns);
    } else {
        statement.m_arrays.fill(QByteArray("{"), columns.size());
    }
    return statement;
}

BulkStatement::BulkStatement(Database& database, QSqlDatabase connection, qsizetype columns, SqlForRows sql,
    qsizetype rowsPerStatement, QString what)
    : m_database(&database)
    , m_connection(std::move(connection))
    , m_columns(columns)
    , m_sql(std::move(sql))
    , m_rowsPerStatement(rowsPerStatement)
    , m_what(std::move(what))
    , m_sqlite(database.dialect().kind() == SqlDialect::Kind::Sqlite)
    , m_utf8(QStringEncoder::Utf8)
{
}

BulkStatement::BulkStatement(BulkStatement&& other) noexcept = default;

BulkStatement::~BulkStatement() = default;

Result<BulkStatement::SqliteStatement> BulkStatement::prepareSqlite(qsizetype rows)
{
    sqlite3* handle = sqliteHandle(m_connection);
    if (!handle) {
        return fail(Error::storage(
            u"db.sqlite.handle"_s, u"Internal error: the SQLite connection has no handle while %1."_s.arg(m_what)));
    }
    const QByteArray utf8 = m_sql(rows).toUtf8();
    sqlite3_stmt* prepared = nullptr;
    const int code
        = sqlite3_prepare_v3(handle, utf8.constData(), int(utf8.size()), SQLITE_PREPARE_PERSISTENT, &prepared, nullptr);
    SqliteStatement statement(prepared);
    if (code != SQLITE_OK) {
        const QSqlError error(u"Unable to prepare statement"_s, QString::fromUtf8(sqlite3_errmsg(handle)),
            QSqlError::StatementError, QString::number(sqlite3_extended_errcode(handle)));
        return fail(m_database->failure(error, m_what));
    }
    return statement;
}

QByteArray& BulkStatement::arrayElement()
{
    QByteArray& array = m_arrays[m_column];
    if (m_rows > 0)
        array += ',';
    return array;
}

void BulkStatement::add(qint64 value)
{
    if (m_sqlite) {
        m_pending.append(Value { Value::Kind::Integer, value });
    } else {
        arrayElement() += QByteArray::number(value);
    }
    ++m_column;
}

// Appends the UTF-8 of `value` to `buffer` without a temporary, and returns where it is.
QByteArrayView BulkStatement::utf8(const QString& value, QByteArray& buffer)
{
    const qsizetype start = buffer.size();
    buffer.resize(start + m_utf8.requiredSpace(value.size()));
    char* end = m_utf8.appendToBuffer(buffer.data() + start, value);
    buffer.truncate(end - buffer.constData());
    return QByteArrayView(buffer).sliced(start);
}

void BulkStatement::add(const QString& value)
{
    if (m_sqlite) {
        const qsizetype start = m_texts.size();
        m_pending.append(Value { Value::Kind::Text, start, utf8(value, m_texts).size() });
    } else {
        m_scratch.truncate(0);
        appendArrayText(arrayElement(), utf8(value, m_scratch));
    }
    ++m_column;
}

void BulkStatement::addNull()
{
    if (m_sqlite) {
        m_pending.append(Value {});
    } else {
        arrayElement() += "NULL";
    }
    ++m_column;
}

Error BulkStatement::sqliteFailure(int code) const
{
    sqlite3* handle = sqliteHandle(m_connection);
    const QSqlError error(u"Unable to execute statement"_s,
        handle ? QString::fromUtf8(sqlite3_errmsg(handle)) : QString::fromUtf8(sqlite3_errstr(code)),
        QSqlError::StatementError, QString::number(handle ? sqlite3_extended_errcode(handle) : code));
    return m_database->failure(error, m_what);
}

Status BulkStatement::endRow()
{
    Q_ASSERT(m_column == m_columns);
    m_column = 0;
    ++m_rows;
    if (!m_sqlite)
        return {};
    if (m_pending.size() < m_rowsPerStatement * m_columns)
        return {};
    return runSqlite(m_full.get(), m_rowsPerStatement);
}

// Binds the first `rows` pending rows, runs the statement, keeps what it returns and drops those rows.
Status BulkStatement::runSqlite(sqlite3_stmt* statement, qsizetype rows)
{
    const qsizetype values = rows * m_columns;
    for (qsizetype i = 0; i < values; ++i) {
        const Value& value = m_pending.at(i);
        const int index = int(i + 1);
        switch (value.kind) {
        case Value::Kind::Integer:
            sqlite3_bind_int64(statement, index, value.integer);
            break;
        case Value::Kind::Text:
            // Not null even when empty: the text columns are NOT NULL.
            sqlite3_bind_text(statement, index, m_texts.constData() + value.integer, int(value.size), SQLITE_STATIC);
            break;
        case Value::Kind::Null:
            sqlite3_bind_null(statement, index);
            break;
        }
    }
    int code = SQLITE_ROW;
    while ((code = sqlite3_step(statement)) == SQLITE_ROW) {
        const int count = sqlite3_column_count(statement);
        QVariantList row;
        row.reserve(count);
        for (int i = 0; i < count; ++i) {
            switch (sqlite3_column_type(statement, i)) {
            case SQLITE_INTEGER:
                row << QVariant::fromValue<qint64>(sqlite3_column_int64(statement, i));
                break;
            case SQLITE_FLOAT:
                row << sqlite3_column_double(statement, i);
                break;
            case SQLITE_TEXT:
                row << QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(statement, i)),
                    sqlite3_column_bytes(statement, i));
                break;
            case SQLITE_BLOB:
                row << QByteArray(
                    static_cast<const char*>(sqlite3_column_blob(statement, i)), sqlite3_column_bytes(statement, i));
                break;
            default:
                row << QVariant();
                break;
            }
        }
        m_returned << row;
    }
    const Error error = code == SQLITE_DONE ? Error {} : sqliteFailure(code);
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
    if (code != SQLITE_DONE)
        return fail(error);
    m_pending.remove(0, values);
    if (m_pending.isEmpty())
        m_texts.truncate(0);
    return {};
}

Result<QList<QVariantList>> BulkStatement::finish()
{
    if (m_sqlite) {
        m_full.reset();
        if (!m_pending.isEmpty()) {
            // The rest, one row at a time: fewer than a full statement's worth.
            Result<SqliteStatement> single = prepareSqlite(1);
            if (!single)
                return fail(single.error());
            while (!m_pending.isEmpty()) {
                if (const Status ran = runSqlite(single->get(), 1); !ran)
                    return fail(ran.error());
            }
        }
        return std::move(m_returned);
    }
    if (m_rows == 0)
        return QList<QVariantList>();
    QVariantList arrays;
    arrays.reserve(m_arrays.size());
    for (QByteArray& array : m_arrays) {
        array += '}';
        arrays << QString::fromUtf8(array);
        array.clear();
    }
    Result<QSqlQuery> query = Sql::exec(*m_database, m_connection, m_sql(1), arrays, m_what);
    if (!query)
        return fail(query.error());
    QList<QVariantList> returned;
    const int count = query->record().count();
    while (query->next()) {
        QVariantList row;
        row.reserve(count);
        for (int i = 0; i < count; ++i)
            row << query->value(i);
        returned << row;
    }
    return returned;
}

} // namespace Dockside
