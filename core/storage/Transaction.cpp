#include "Transaction.h"

#include "Database.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {
// Open transaction depth per connection name; connections are per thread, so this is too.
thread_local QHash<QString, int> t_depth;

QString savepoint(int depth)
{
    return u"dockside_sp_%1"_s.arg(depth);
}
} // namespace

Result<Transaction> Transaction::begin(Database& database, const QString& what)
{
    Result<QSqlDatabase> connection = database.connection();
    if (!connection)
        return fail(connection.error());
    const QString name = connection->connectionName();
    const int depth = t_depth.value(name) + 1;
    QSqlQuery query(*connection);
    const QString sql = depth == 1 ? database.dialect().beginSql() : u"SAVEPOINT "_s + savepoint(depth);
    if (!query.exec(sql))
        return fail(database.failure(query.lastError(), what));
    t_depth.insert(name, depth);
    return Transaction(database, *connection, depth, what);
}

Transaction::Transaction(Database& database, QSqlDatabase connection, int depth, QString what)
    : m_database(&database)
    , m_connection(std::move(connection))
    , m_depth(depth)
    , m_what(std::move(what))
{
}

Transaction::Transaction(Transaction&& other) noexcept
    : m_database(other.m_database)
    , m_connection(other.m_connection)
    , m_depth(other.m_depth)
    , m_what(std::move(other.m_what))
    , m_active(other.m_active)
{
    other.m_active = false;
}

Transaction::~Transaction()
{
    if (m_active)
        rollback();
}

Status Transaction::commit()
{
    if (!m_active) {
        return fail(Error::storage(u"db.transaction.closed"_s,
            u"Internal error: a transaction was committed twice while %1."_s.arg(m_what)));
    }
    m_active = false;
    const QString name = m_connection.connectionName();
    t_depth.insert(name, m_depth - 1);
    QSqlQuery query(m_connection);
    const QString sql = m_depth == 1 ? u"COMMIT"_s : u"RELEASE SAVEPOINT "_s + savepoint(m_depth);
    if (!query.exec(sql)) {
        const Error error = m_database->failure(query.lastError(), m_what);
        if (m_depth == 1 && m_connection.isOpen())
            QSqlQuery(m_connection).exec(u"ROLLBACK"_s);
        return fail(error);
    }
    return {};
}

void Transaction::rollback()
{
    m_active = false;
    t_depth.insert(m_connection.connectionName(), m_depth - 1);
    if (!m_connection.isOpen())
        return; // the connection was lost; the server rolled back for us
    QSqlQuery query(m_connection);
    if (m_depth == 1) {
        query.exec(u"ROLLBACK"_s);
    } else {
        query.exec(u"ROLLBACK TO SAVEPOINT "_s + savepoint(m_depth));
        query.exec(u"RELEASE SAVEPOINT "_s + savepoint(m_depth));
    }
}

} // namespace Dockside
