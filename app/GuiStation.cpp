#include "GuiStation.h"

#include "ErrorTexts.h"
#include "MainWindow.h"
#include "ReceivePage.h"
#include "SecretStoreFactory.h"
#include "SerialScanner.h"
#include "SettingsDialog.h"
#include "SignInDialog.h"
#include "WebhookService.h"
#include "loop/LoopClient.h"
#include "outbox/OutboxDispatcher.h"
#include "outbox/OutboxThread.h"
#include "settings/FileSecretStore.h"
#include "storage/DatabaseSummary.h"
#include "storage/MerchantRepository.h"
#include "sync/SyncThread.h"
#include "sync/SyncWorker.h"
#include "util/Logging.h"

#include <QHostAddress>
#include <QStatusBar>
#include <QSysInfo>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace Dockside {


GuiStation::GuiStation(DatabaseUrl url, MainWindow& window, QObject* parent)
    : QObject(parent)
    , m_url(std::move(url))
    , m_window(window)
    , m_ownSettings(std::make_unique<StationSettings>(StationSettings::defaultPath()))
    , m_settings(*m_ownSettings)
{
    connectWindow();
}

GuiStation::GuiStation(DatabaseUrl url, MainWindow& window, StationSettings& settings, QObject* parent)
    : QObject(parent)
    , m_url(std::move(url))
    , m_window(window)
    , m_settings(settings)
{
    connectWindow();
}

GuiStation::~GuiStation()
{
    // The screens give an open return back while the database is still there.
    m_window.setStation(nullptr, &m_clock, m_identity);
    stopServices();
}

void GuiStation::connectWindow()
{
    connect(&m_window, &MainWindow::retryDatabaseRequested, this, &GuiStation::start);
    connect(&m_window, &MainWindow::refreshRequested, this, &GuiStation::refresh);
    connect(&m_window, &MainWindow::syncNowRequested, this, [this] { syncNow(); });
    connect(&m_window, &MainWindow::outboxChanged, this, &GuiStation::wakeOutbox);
    connect(&m_window, &MainWindow::settingsRequested, this, [this] { openSettings(&m_window); });
    connect(&m_window, &MainWindow::signInRequested, this, [this] { openSignIn(&m_window); });
    connect(this, &GuiStation::signedIn, this, &GuiStation::setIdentity);
    connect(&m_settings, &StationSettings::changed, this, &GuiStation::onSettingsChanged);
    m_identity.stationName = m_settings.stationName();
    m_identity.userName = m_settings.lastUserName();
    m_window.receivePage()->setSoundMuted(!m_settings.soundsEnabled());
}

bool GuiStation::start()
{
    ++m_generation;
    ++m_contextGeneration;
    // The dialog works on the database and secret store about to go.
    delete m_settingsDialog.data();
    stopServices();
    // The screens let go of the database about to close (an open return is given back first).
    m_window.setStation(nullptr, &m_clock, m_identity);
    m_context.reset();
    Result<std::unique_ptr<StationContext>> context = StationContext::open(m_url);
    if (!context) {
        qCWarning(lcStorage).noquote() << context.error().toLogString();
        m_window.showDatabaseError(ErrorTexts::message(context.error()));
        return false;
    }
    m_context = std::move(*context);
    m_window.setStation(&m_context->database(), &m_clock, m_identity);
    refresh();
    // Scan-first: a station that can receive opens on the receive screen; a fresh one shows what to set up.
    const Result<DatabaseSummary> summary = DatabaseSummary::read(m_context->database());
    m_window.showPage(summary && summary->merchants > 0 ? MainWindow::Page::Receive : MainWindow::Page::Overview);
    if (m_identity.userName.isEmpty())
        openSignIn(&m_window);
    startScanner();
    chooseSecretStore();
    startServices();
    return true;
}

void GuiStation::chooseSecretStore()
{
    if (m_fileSecretsOnly) {
        m_context->setSecretStore(std::make_unique<FileSecretStore>(SecretStoreFactory::fileStorePath()));
        return;
    }
    const int generation = m_contextGeneration;
    SecretStoreFactory::choose(this, [this, generation](SecretStoreFactory::Choice choice) {
        if (generation != m_contextGeneration || !m_context)
            return;
        if (!choice.notice.isEmpty())
            qCInfo(lcSync).noquote() << choice.notice;
        m_context->setSecretStore(std::move(choice.store));
        if (m_settingsDialog)
            m_settingsDialog->setSecretStore(m_context->secretStore());
    });
}

void GuiStation::reloadMerchants()
{
    if (!m_context) {
        start();
        return;
    }
    ++m_generation;
    stopServices();
    startServices();
    refresh();
}

void GuiStation::stopServices()
{
    // The receiver first (no new deliveries), then the sender, then the sync; each waits for its thread.
    m_webhooks.reset();
    m_outbox.reset();
    m_sync.reset();
    m_servicesRunning = false;
}

void GuiStation::startServices()
{
    const Result<QList<Merchant>> merchants = MerchantRepository(m_context->database()).list();
    if (!merchants) {
        qCWarning(lcSync).noquote() << merchants.error().toLogString();
        showMessage(
            tr("The merchants could not be read, so nothing syncs: %1").arg(ErrorTexts::message(merchants.error())));
        return;
    }
    // Secrets come asynchronously (the OS keychain answers over D-Bus); the services start once they are in.
    const int generation = m_generation;
    MerchantSecrets::load(
        *merchants, this, [this, generation, all = *merchants](MerchantSecrets::Loaded loaded, QStringList problems) {
            if (generation != m_generation || !m_context)
                return;
            for (const QString& problem : std::as_const(problems))
                qCWarning(lcSync).noquote() << problem;
            m_merchants = all;
            m_secrets = std::move(loaded);
            startSync();
            startOutbox();
            startWebhooks();
            m_servicesRunning = true;
            Q_EMIT servicesStarted();
        });
}

QString GuiStation::stationId() const
{
    // The sync lease needs a name no other station of the site uses: the host name, with the station's name
    // when it differs, so "done by ..." reads well too.
    const QString host = QSysInfo::machineHostName().isEmpty() ? u"station"_s : QSysInfo::machineHostName();
    const QString name = m_settings.stationName();
    return name.isEmpty() || name == host ? host : u"%1 (%2)"_s.arg(name, host);
}

void GuiStation::startSync()
{
    m_sync.reset();
    if (m_merchants.isEmpty()) {
        m_syncStatus = SyncStatus {};
        m_window.showSyncStatus(m_syncStatus);
        Q_EMIT syncStatusChanged(m_syncStatus);
        return;
    }
    SyncSettings settings;
    settings.stationId = stationId();
    settings.intervalMs = m_settings.syncIntervalMinutes() * 60 * 1000;
    settings.sweepDays = m_settings.sweepDays();
    auto worker = std::make_unique<SyncWorker>(m_context->database(), m_clock, settings,
        [loaded = m_secrets](const Merchant& merchant) -> std::optional<QByteArray> {
            const auto found = loaded.constFind(merchant.id);
            if (found == loaded.cend() || found->apiKey.isEmpty())
                return std::nullopt;
            return found->apiKey;
        });
    // Queued: the worker lives on the sync thread and hands over values.
    connect(worker.get(), &SyncWorker::statusChanged, this, &GuiStation::onSyncStatus, Qt::QueuedConnection);
    m_sync = std::make_unique<SyncThread>(std::move(worker));
}

void GuiStation::startOutbox()
{
    m_outbox.reset();
    OutboxSettings settings;
    settings.stationId = stationId();
    auto dispatcher = std::make_unique<OutboxDispatcher>(m_context->database(), m_clock, settings,
        [clients = MerchantSecrets::clientOptions(m_merchants, m_secrets), clock = &m_clock](
            qint64 merchantId, QObject* parent) -> LoopClient* {
            const auto found = clients.constFind(merchantId);
            return found == clients.cend() ? nullptr : new LoopClient(*found, *clock, parent);
        });
    connect(
        dispatcher.get(), &OutboxDispatcher::statusChanged, this, &GuiStation::onOutboxStatus, Qt::QueuedConnection);
    // A push that settled changes what the overview counts.
    connect(dispatcher.get(), &OutboxDispatcher::entrySettled, this, &GuiStation::refresh, Qt::QueuedConnection);
    m_outbox = std::make_unique<OutboxThread>(std::move(dispatcher));
}

void GuiStation::startWebhooks()
{
    m_webhooks.reset();
    m_webhookProblem.clear();
    if (!m_settings.webhookEnabled())
        return;
    QHash<qint64, QByteArray> secrets;
    for (const Merchant& merchant : std::as_const(m_merchants)) {
        const QByteArray secret = m_secrets.value(merchant.id).webhookSecret;
        if (!secret.isEmpty())
            secrets.insert(merchant.id, secret);
    }
    WebhookService::Options options;
    // Loop reaches the station from outside, so the receiver listens on every interface; each delivery is
    // checked against its merchant's secret.
    options.receiver.address = QHostAddress(QHostAddress::Any);
    options.receiver.port = quint16(m_settings.webhookPort());
    Result<std::unique_ptr<WebhookService>> service = WebhookService::start(
        m_context->database(), m_clock,
        [secrets](qint64 merchantId) -> std::optional<QByteArray> {
            const auto found = secrets.constFind(merchantId);
            return found == secrets.cend() ? std::nullopt : std::optional<QByteArray>(*found);
        },
        [clients = MerchantSecrets::clientOptions(m_merchants, m_secrets), clock = &m_clock](
            qint64 merchantId, QObject* parent) -> LoopClient* {
            const auto found = clients.constFind(merchantId);
            return found == clients.cend() ? nullptr : new LoopClient(*found, *clock, parent);
        },
        options);
    if (!service) {
        qCWarning(lcWebhook).noquote() << service.error().toLogString();
        m_webhookProblem = tr("The webhook receiver could not start on port %1 (%2). Choose another port in "
                              "Settings, or stop the program that uses it; returns still arrive with the regular "
                              "sync.")
                               .arg(m_settings.webhookPort())
                               .arg(ErrorTexts::message(service.error()));
        showMessage(m_webhookProblem);
        return;
    }
    m_webhooks = std::move(*service);
    connect(m_webhooks.get(), &WebhookService::returnStored, this, [this] {
        // At most once a second, however fast deliveries arrive.
        const QDateTime now = m_clock.now();
        if (!m_lastRefresh.isValid() || m_lastRefresh.msecsTo(now) >= 1000) {
            m_lastRefresh = now;
            refresh();
        }
    });
    connect(m_webhooks.get(), &WebhookService::deliveryFailed, this,
        [](qint64 deliveryId, qint64 merchantId, const QString& error, bool parked) {
            qCWarning(lcWebhook).noquote() << "webhook delivery" << deliveryId << "of merchant" << merchantId
                                           << (parked ? "parked:" : "failed:") << error;
        });
    qCInfo(lcWebhook).noquote() << "webhook receiver listening on port" << m_webhooks->port();
    showMessage(tr("Receiving Loop's webhooks on port %1.").arg(m_webhooks->port()));
}

quint16 GuiStation::webhookPort() const
{
    return m_webhooks ? m_webhooks->port() : 0;
}

void GuiStation::wakeOutbox()
{
    if (m_outbox)
        QMetaObject::invokeMethod(m_outbox->dispatcher(), &OutboxDispatcher::wake, Qt::QueuedConnection);
}

void GuiStation::syncNow(bool full)
{
    if (m_sync)
        QMetaObject::invokeMethod(
            m_sync->worker(), [worker = m_sync->worker(), full] { worker->syncNow(full); }, Qt::QueuedConnection);
}

void GuiStation::onSettingsChanged(const StationSettings::Values& before, const StationSettings::Values& after)
{
    if (!m_context || !m_servicesRunning)
        return; // the services read the settings when they start
    if (before.syncIntervalMinutes != after.syncIntervalMinutes || before.sweepDays != after.sweepDays
        || before.stationName != after.stationName) {
        startSync();
        startOutbox();
    }
    if (before.stationName != after.stationName)
        setIdentity(m_identity);
    if (before.soundsEnabled != after.soundsEnabled)
        m_window.receivePage()->setSoundMuted(!after.soundsEnabled);
    if (before.scannerPort != after.scannerPort || before.scannerBaud != after.scannerBaud)
        startScanner();
    if (before.webhookEnabled != after.webhookEnabled || before.webhookPort != after.webhookPort) {
        startWebhooks();
        if (!after.webhookEnabled)
            showMessage(tr("The webhook receiver is off."));
    }
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

void GuiStation::onOutboxStatus(const OutboxDispatchStatus& status)
{
    m_outboxStatus = status;
    m_window.showOutboxStatus(status);
    Q_EMIT outboxStatusChanged(status);
}

void GuiStation::setIdentity(const StationIdentity& identity)
{
    m_identity = identity;
    m_identity.stationName = m_settings.stationName();
    m_window.setStation(database(), &m_clock, m_identity);
}

void GuiStation::startScanner()
{
    delete m_scanner.data();
    const QString port = m_settings.scannerPort();
    if (port.isEmpty())
        return;
    m_scanner = new SerialScanner(this);
    connect(m_scanner, &SerialScanner::scanned, m_window.receivePage(), &ReceivePage::scan);
    connect(m_scanner, &SerialScanner::errorOccurred, this, &GuiStation::showMessage);
    m_scanner->open(port, m_settings.scannerBaud());
}

void GuiStation::showMessage(const QString& message)
{
    m_window.showStationMessage(message);
    Q_EMIT stationMessage(message);
}

SettingsDialog* GuiStation::openSettings(QWidget* parent)
{
    if (m_settingsDialog) {
        m_settingsDialog->raise();
        m_settingsDialog->activateWindow();
        return m_settingsDialog;
    }
    auto* dialog = new SettingsDialog(m_settings, m_clock, database(), secretStore(), parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SettingsDialog::merchantsChanged, this, &GuiStation::reloadMerchants);
    m_settingsDialog = dialog;
    dialog->open();
    return dialog;
}

SignInDialog* GuiStation::openSignIn(QWidget* parent, bool asSupervisor)
{
    auto* dialog = new SignInDialog(m_settings, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (asSupervisor)
        dialog->preferSupervisor();
    connect(dialog, &QDialog::accepted, this, [this, dialog] { Q_EMIT signedIn(dialog->identity()); });
    dialog->open();
    return dialog;
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
        m_window.showDatabaseError(ErrorTexts::message(summary.error()));
        return;
    }
    m_window.showSummary(*summary);
}

} // namespace Dockside
