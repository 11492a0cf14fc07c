#include "GuiStation.h"

#include "MainWindow.h"
#include "MerchantSecrets.h"
#include "storage/MerchantRepository.h"
#include "sync/SyncThread.h"
#include "sync/SyncWorker.h"
#include "storage/DatabaseSummary.h"
#include "util/Logging.h"

#include <QSysInfo>

using namespace Qt::StringLiterals;

namespace Dockside {

GuiStation::GuiStation(DatabaseUrl url, MainWindow& window, QObject* parent)
    : QObject(parent)
    , m_url(std::move(url))
    , m_window(window)
{
    connect(&m_window, &MainWindow::retryDatabaseRequested, this, &GuiStation::start);
    connect(&m_window, &MainWindow::refreshRequested, this, &GuiStation::refresh);
}

GuiStation::~GuiStation()
{
    m_sync.reset();
}

bool GuiStation::start()
{
    m_sync.reset();
    m_context.reset();
    Result<std::unique_ptr<StationContext>> context = StationContext::open(m_url);
    if (!context) {
        qCWarning(lcStorage).noquote() << context.error().toLogString();
        m_window.showDatabaseError(context.error().message);
        return false;
    }
    m_context = std::move(*context);
    refresh();
    startSync();
    return true;
}

void GuiStation::startSync()
{
    const Result<QList<Merchant>> merchants = MerchantRepository(m_context->database()).list();
    if (!merchants) {
        qCWarning(lcSync).noquote() << merchants.error().toLogString();
        return;
    }
    if (merchants->isEmpty()) {
        m_window.showSyncStatus(SyncStatus {});
        return;
    }
    // Secrets come asynchronously (the OS keychain answers over D-Bus); the sync starts once they are in.
    MerchantSecrets::load(*merchants, this, [this](MerchantSecrets::Loaded loaded, QStringList problems) {
        for (const QString& problem : std::as_const(problems))
            qCWarning(lcSync).noquote() << problem;
        if (!m_context)
            return;
        SyncSettings settings;
        settings.stationId = QSysInfo::machineHostName().isEmpty() ? u"station"_s : QSysInfo::machineHostName();
        auto worker = std::make_unique<SyncWorker>(m_context->database(), m_clock, settings,
            [loaded](const Merchant& merchant) -> std::optional<QByteArray> {
                const auto found = loaded.constFind(merchant.id);
                if (found == loaded.cend() || found->apiKey.isEmpty())
                    return std::nullopt;
                return found->apiKey;
            });
        // Queued: the worker lives on the sync thread and hands over values.
        connect(worker.get(), &SyncWorker::statusChanged, this, &GuiStation::onSyncStatus, Qt::QueuedConnection);
        m_sync = std::make_unique<SyncThread>(std::move(worker));
    });
}

void GuiStation::onSyncStatus(const SyncStatus& status)
{
    m_syncStatus = status;
    m_window.showSyncStatus(status);
    Q_EMIT syncStatusChanged(status);
    // The counts on screen follow the sync, but at most once a second however fast pages arrive.
    const QDateTime now = m_clock.now();
    if (!m_lastRefresh.isValid() || m_lastRefresh.msecsTo(now) >= 1000) {
        m_lastRefresh = now;
        refresh();
    }
}

void GuiStation::refresh()
{
    if (!m_context) {
        start();
        return;
    }
    const Result<DatabaseSummary> summary = DatabaseSummary::read(m_context->database());
    if (!summary) {
        qCWarning(lcStorage).noquote() << summary.error().toLogString();
        m_window.showDatabaseError(summary.error().message);
        return;
    }
    m_window.showSummary(*summary);
}

} // namespace Dockside
