#pragma once

#include "MerchantSync.h"
#include "SyncSettings.h"
#include "SyncStatus.h"
#include "domain/Merchant.h"

#include <QObject>

#include <functional>
#include <map>
#include <optional>

class QTimer;

namespace Dockside {

class Clock;
class Database;
class LoopClient;

// The background sync of every merchant, living on its own thread (see SyncThread). It holds the site's
// sync lease so that, with many stations on one PostgreSQL server, exactly one of them pulls from Loop;
// the others wait and take over when the leader's lease lapses. On a lease it runs an incremental pull
// every interval, a full backup sweep when the last one is older than a day, and on demand.
// Everything it reports leaves as a SyncStatus value.
class SyncWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncWorker)

public:
    // The API key of a merchant, from wherever the station keeps secrets; nothing when it has none.
    using ApiKeyLookup = std::function<std::optional<QByteArray>(const Merchant&)>;
    // Lets tests and benchmarks point clients at the simulator with their own options.
    using ClientFactory = std::function<LoopClient*(const Merchant&, const QByteArray& apiKey, QObject* parent)>;

    static constexpr const char* kLeaseName = "sync-leader";

    SyncWorker(Database& database, const Clock& clock, SyncSettings settings, ApiKeyLookup apiKeys,
        QObject* parent = nullptr);
    ~SyncWorker() override;

    void setClientFactory(ClientFactory factory) { m_clientFactory = std::move(factory); }
    // The run that start() begins includes the full backup sweep, due or not.
    void setFirstRunFull(bool full) { m_firstRunFull = full; }
    const SyncStatus& status() const { return m_status; }

public Q_SLOTS:
    // Call on the worker's thread (queued): creates timers and clients there, takes the lease if free
    // and starts the schedule.
    void start();
    // Pulls now (a full sweep when `full`), if this station leads or can take the lease.
    void syncNow(bool full);
    void reloadMerchants();
    // Stops scheduling and gives the lease up so another station can take over at once.
    void stop();

Q_SIGNALS:
    void statusChanged(const Dockside::SyncStatus& status);
    // A run over every merchant ended; `ok` is false when any merchant failed or this station does not lead.
    void runFinished(bool ok);

private:
    struct Entry
    {
        Merchant merchant;
        LoopClient* client = nullptr;
        MerchantSync* sync = nullptr;
        QString problem; // why this merchant cannot sync (e.g. no API key)
    };

    bool renewLease();
    void runScheduled();
    void run(bool full);
    void merchantFinished(qint64 merchantId, bool ok);
    void rebuildStatus();
    bool sweepDue(qint64 merchantId) const;

    Database& m_database;
    const Clock& m_clock;
    SyncSettings m_settings;
    ApiKeyLookup m_apiKeys;
    ClientFactory m_clientFactory;
    QTimer* m_runTimer = nullptr;
    QTimer* m_leaseTimer = nullptr;
    std::map<qint64, Entry> m_entries;
    int m_running = 0;
    bool m_runOk = true;
    bool m_stopped = false;
    bool m_firstRunFull = false;
    SyncStatus m_status;
};

} // namespace Dockside
