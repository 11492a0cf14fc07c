#pragma once

#include <QDateTime>
#include <QString>

namespace Dockside {

// Where one pull stream of one merchant stands (e.g. the incremental pull of open returns).
struct SyncState
{
    qint64 merchantId = 0;
    QString stream;
    QDateTime watermark; // everything updated up to here is held locally; invalid: never pulled
    QDateTime lastAttemptAt;
    QDateTime lastSuccessAt;
    QString lastError; // empty after a success
    QDateTime lastErrorAt;
    qint64 returnsSeen = 0; // over the stream's lifetime

    friend bool operator==(const SyncState&, const SyncState&) = default;
};

} // namespace Dockside
