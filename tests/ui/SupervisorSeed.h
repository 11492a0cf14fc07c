#pragma once

#include "util/Error.h"

#include <QDateTime>
#include <QString>

namespace Dockside {
class Database;
}

namespace Dockside::Testing {

// Fills the supervisor's queues fast for paging tests: each call is one INSERT ... SELECT over a recursive counter,
// so 100,000 rows cost one statement on either backend. Row i (1..count) is stamped `first + i` seconds, so later
// rows are newer and have higher ids, as in real use.
struct SupervisorSeed
{
    Database& database;
    QDateTime first = QDateTime(QDate(2026, 10, 1), QTime(8, 0), Qt::UTC);

    // Flagged, unresolved receipts of one return, reason `reasonCode` (e.g. "missing_item").
    Status flagged(
        qint64 merchantId, qint64 returnId, int count, const QString& reasonCode = QStringLiteral("missing_item"));
    // Open unknown packages scanned as "1ZSEED<i>", received by `user` at `station`.
    Status unknown(
        int count, const QString& user = QStringLiteral("jon"), const QString& station = QStringLiteral("dock-2"));
    // Parked Process calls of one return, refused with `error`.
    Status parked(qint64 merchantId, qint64 returnId, qint64 loopReturnId, int count,
        const QString& error = QStringLiteral("Loop refused: Return is closed and therefore cannot be processed."));

    Status exec(const QString& sql);
};

} // namespace Dockside::Testing
