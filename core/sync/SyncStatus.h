#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

namespace Dockside {

// What one merchant's sync looks like right now; a value, so it can cross threads to the UI.
struct MerchantSyncStatus
{
    qint64 merchantId = 0;
    QString merchantName;
    bool running = false;
    bool fullSweep = false;
    QDateTime lastRunAt;
    QDateTime lastSuccessAt;
    QString lastError; // empty when the last run succeeded
    QDateTime lastErrorAt;
    qint64 returnsPulled = 0; // by the last (or current) run
    qint64 returnsInserted = 0;
    qint64 returnsUpdated = 0;
    int returnsRejected = 0; // sent by Loop but unreadable; logged with detail
    int rateLimitWaits = 0;
    qint64 rateLimitWaitedMs = 0;
    int windowsDone = 0; // progress through the current run
    int windowsTotal = 0;

    friend bool operator==(const MerchantSyncStatus&, const MerchantSyncStatus&) = default;
};

struct SyncStatus
{
    bool leader = false; // this station runs the schedule
    QString leaderId; // who does, when known
    QDateTime nextRunAt;
    QList<MerchantSyncStatus> merchants;

    friend bool operator==(const SyncStatus&, const SyncStatus&) = default;
};

} // namespace Dockside

Q_DECLARE_METATYPE(Dockside::SyncStatus)
