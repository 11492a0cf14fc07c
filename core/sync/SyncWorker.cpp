#include "SyncWorker.h"

#include "loop/LoopClient.h"
#include "receiving/ExceptionQueue.h"
#include "storage/Database.h"
#include "storage/LeaseRepository.h"
#include "storage/MerchantRepository.h"
#include "storage/SyncStateRepository.h"
#include "util/Clock.h"
#include "util/Logging.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace Dockside {

SyncWorker::SyncWorker(Database& database, const Clock& clock, SyncSettings settings, ApiKeyLookup apiKeys,
    QObject* parent)
    : QObject(parent)
    , m_database(database)
    , m_clock(clock)
    , m_settings(std::move(settings))
    , m_apiKeys(std::move(apiKeys))
{
    qRegisterMetaType<Dockside::SyncStatus>();
    qRegisterMetaType<Dockside::MerchantSyncStatus>();
    m_clientFactory = [this](const Merchant& merchant, const QByteArray& apiKey, QObject* owner) {
        LoopClient::Options options;
        options.baseUrl = QUrl(merchant.baseUrl);
        options.version = merchant.apiVersion;
        options.apiKey = apiKey;
        options.perMinute = merchant.rateLimitPerMinute;
        return new LoopClient(options, m_clock, owner);
    };
}

SyncWorker::~SyncWorker() = default;

void SyncWorker::start()
{
    m_stopped = false;
    if (!m_runTimer) {
        m_runTimer = new QTimer(this);
        m_runTimer->setInterval(m_settings.intervalMs);
        connect(m_runTimer, &QTimer::timeout, this, &SyncWorker::runScheduled);
        m_leaseTimer = new QTimer(this);
        // Renew well before expiry, so a busy moment does not cost the lease.
        m_leaseTimer->setInterval(std::max(1000, m_settings.leaseTtlMs / 3));
        connect(m_leaseTimer, &QTimer::timeout, this, &SyncWorker::renewLease);
    }
    reloadMerchants();
    m_leaseTimer->start();
    m_runTimer->start();
    run(std::exchange(m_firstRunFull, false));
}

void SyncWorker::stop()
{
    m_stopped = true;
    if (m_runTimer)
        m_runTimer->stop();
    if (m_leaseTimer)
        m_leaseTimer->stop();
    if (m_status.leader) {
        if (const Status released = LeaseRepository(m_database).release(QString::fromLatin1(kLeaseName), m_settings.stationId);
            !released)
            qCWarning(lcSync).noquote() << released.error().toLogString();
    }
    m_status.leader = false;
    rebuildStatus();
}

void SyncWorker::reloadMerchants()
{
    const Result<QList<Merchant>> merchants = MerchantRepository(m_database).list();
    if (!merchants) {
        qCWarning(lcSync).noquote() << merchants.error().toLogString();
        return;
    }
    for (const Merchant& merchant : *merchants) {
        if (!merchant.active || m_entries.contains(merchant.id))
            continue;
        Entry entry;
        entry.merchant = merchant;
        const std::optional<QByteArray> key = m_apiKeys ? m_apiKeys(merchant) : std::nullopt;
        if (!key || key->isEmpty()) {
            entry.problem = u"No API key is stored for %1 on this station. Add it again with dockside-cli merchant add, "
                            u"or in Settings."_s.arg(merchant.name);
        } else {
            entry.client = m_clientFactory(merchant, *key, this);
            entry.sync = new MerchantSync(merchant, *entry.client, m_database, m_clock, m_settings, this);
            connect(entry.sync, &MerchantSync::statusChanged, this, &SyncWorker::rebuildStatus);
            connect(entry.sync, &MerchantSync::finished, this, &SyncWorker::merchantFinished);
        }
        m_entries.emplace(merchant.id, std::move(entry));
    }
    rebuildStatus();
}

bool SyncWorker::renewLease()
{
    if (m_stopped)
        return false;
    LeaseRepository leases(m_database);
    const Result<bool> held
        = leases.tryAcquire(QString::fromLatin1(kLeaseName), m_settings.stationId, m_settings.leaseTtlMs, m_clock.now());
    const bool wasLeader = m_status.leader;
    if (!held) {
        // Without the database we cannot prove we lead: stop pulling until we can.
        qCWarning(lcSync).noquote() << held.error().toLogString();
        m_status.leader = false;
    } else {
        m_status.leader = *held;
    }
    if (m_status.leader) {
        m_status.leaderId = m_settings.stationId;
    } else if (const auto current = leases.current(QString::fromLatin1(kLeaseName)); current && current->has_value()) {
        m_status.leaderId = (*current)->holder;
    }
    if (wasLeader != m_status.leader) {
        qCInfo(lcSync).noquote() << "station" << m_settings.stationId
                                 << (m_status.leader ? "now leads the sync" : "no longer leads the sync");
        rebuildStatus();
    }
    return m_status.leader;
}

void SyncWorker::runScheduled()
{
    run(false);
}

void SyncWorker::syncNow(bool full)
{
    run(full);
}

bool SyncWorker::sweepDue(qint64 merchantId) const
{
    const Result<SyncState> sweep
        = SyncStateRepository(m_database).get(merchantId, MerchantSync::streamFor(QString(), true));
    if (!sweep)
        return false;
    return !sweep->lastSuccessAt.isValid()
        || sweep->lastSuccessAt.addSecs(qint64(m_settings.sweepEveryHours) * 3600) <= m_clock.now();
}

void SyncWorker::run(bool full)
{
    if (m_stopped || m_running > 0)
        return;
    if (!renewLease()) {
        rebuildStatus();
        Q_EMIT runFinished(false);
        return;
    }
    m_runOk = true;
    for (auto& [id, entry] : m_entries) {
        if (!entry.sync) {
            m_runOk = false;
            continue;
        }
        ++m_running;
        entry.sync->start(full || sweepDue(id) ? MerchantSync::Mode::Full : MerchantSync::Mode::Incremental);
    }
    if (m_runTimer)
        m_status.nextRunAt = m_clock.now().addMSecs(m_runTimer->remainingTime());
    rebuildStatus();
    if (m_running == 0)
        Q_EMIT runFinished(m_runOk);
}

void SyncWorker::merchantFinished(qint64, bool ok)
{
    m_runOk = m_runOk && ok;
    if (--m_running > 0)
        return;
    // New returns may be what unknown packages were waiting for.
    const Result<int> matched = ExceptionQueue(m_database, m_clock).rematch();
    if (!matched)
        qCWarning(lcSync).noquote() << matched.error().toLogString();
    else if (*matched > 0)
        qCInfo(lcSync).noquote() << *matched << "unknown package(s) now match a return";
    Q_EMIT runFinished(m_runOk);
}

void SyncWorker::rebuildStatus()
{
    SyncStatus status;
    status.leader = m_status.leader;
    status.leaderId = m_status.leaderId;
    status.nextRunAt = m_status.nextRunAt;
    for (const auto& [id, entry] : m_entries) {
        MerchantSyncStatus merchant = entry.sync ? entry.sync->status() : MerchantSyncStatus {};
        merchant.merchantId = id;
        merchant.merchantName = entry.merchant.name;
        if (!entry.problem.isEmpty())
            merchant.lastError = entry.problem;
        status.merchants << merchant;
    }
    if (status == m_status)
        return;
    m_status = status;
    Q_EMIT statusChanged(m_status);
}

} // namespace Dockside
