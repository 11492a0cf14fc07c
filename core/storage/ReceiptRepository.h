#pragma once

#include "domain/Receipt.h"
#include "util/Error.h"

#include <QList>
#include <QSqlDatabase>

#include <optional>

namespace Dockside {

class Database;

class ReceiptRepository final
{
public:
    explicit ReceiptRepository(Database& database);

    // Stores a receipt with its lines; returns its id. Joins the caller's transaction when there is one.
    Result<qint64> insert(const Receipt& receipt);
    // Rewrites status, note, decision and lines of a stored receipt.
    Status update(const Receipt& receipt);
    Result<std::optional<Receipt>> find(qint64 id);
    Result<QList<Receipt>> forReturn(qint64 returnId);

private:
    Status writeLines(QSqlDatabase& connection, qint64 receiptId, const QList<ReceiptLine>& lines, const QString& what);
    Result<QList<Receipt>> select(const QString& where, const QVariantList& binds, const QString& what);

    Database& m_database;
};

} // namespace Dockside
