#pragma once

#include "util/Error.h"

#include <QSqlDatabase>
#include <QString>

namespace Dockside {

class Database;

// RAII transaction on this thread's connection: rolls back unless commit() succeeded. Nested use on the
// same connection becomes a savepoint, so a repository method can open its own transaction and still
// join a caller's (a receipt, its decision and its outbox rows commit together or not at all).
class Transaction final
{
public:
    static Result<Transaction> begin(Database& database, const QString& what);

    Transaction(Transaction&& other) noexcept;
    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();

    QSqlDatabase& connection() { return m_connection; }
    Status commit();

private:
    Transaction(Database& database, QSqlDatabase connection, int depth, QString what);
    void rollback();

    Database* m_database;
    QSqlDatabase m_connection;
    int m_depth; // 1 = the outer transaction, >1 = savepoint
    QString m_what;
    bool m_active = true;
};

} // namespace Dockside
