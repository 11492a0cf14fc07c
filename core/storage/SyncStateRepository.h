#pragma once

#include "domain/SyncState.h"
#include "util/Error.h"

#include <QList>

namespace Dockside {

class Database;

class SyncStateRepository final
{
public:
    explicit SyncStateRepository(Database& database);

    // The stored state, or an empty one (no watermark) for a stream never pulled.
    Result<SyncState> get(qint64 merchantId, const QString& stream);
    Result<QList<SyncState>> all();

    Status recordAttempt(qint64 merchantId, const QString& stream, const QDateTime& at);
    // Moves the watermark forward (never back) and clears the last error.
    Status recordSuccess(
        qint64 merchantId, const QString& stream, const QDateTime& watermark, qint64 returnsSeen, const QDateTime& at);
    Status recordFailure(qint64 merchantId, const QString& stream, const QString& error, const QDateTime& at);

private:
    Status ensureRow(qint64 merchantId, const QString& stream, const QString& what);

    Database& m_database;
};

} // namespace Dockside
