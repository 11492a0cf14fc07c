#pragma once

#include "MerchantSecrets.h"
#include "StationContext.h"
#include "StationIdentity.h"
#include "outbox/OutboxDispatchStatus.h"
#include "settings/StationSettings.h"
#include "sync/SyncStatus.h"
#include "util/SystemClock.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>

#include <memory>

class QWidget;

namespace Dockside {

class MainWindow;
class OutboxThread;
class SerialScanner;
class SettingsDialog;
class SignInDialog;
class SyncThread;
class WebhookService;

// The GUI side of the composition root: opens the station's database, finds out where secrets live, loads every
// merchant's API key and webhook secret, and runs the background services with them, each on its own thread:
// the sync (interval and sweep from StationSettings), the outbox that pushes decisions to Loop, and, when enabled
// in the settings, the webhook receiver. The window never waits for Loop; a service that cannot start (a port in
// use, a database that will not open) becomes a message in the window, never a crash.
class GuiStation final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GuiStation)

public:
    // The settings from StationSettings::defaultPath().
    GuiStation(DatabaseUrl url, MainWindow& window, QObject* parent = nullptr);
    // `settings` must outlive the station.
    GuiStation(DatabaseUrl url, MainWindow& window, StationSettings& settings, QObject* parent = nullptr);
    ~GuiStation() override;

    // Keep secrets in the protected file (SecretStoreFactory::fileStorePath()) even where an OS keychain runs:
    // the demo's throwaway keys must not land in the person's keychain. Call before start().
    void setFileSecretsOnly(bool only) { m_fileSecretsOnly = only; }

    // Opens the database (again), shows the result in the window, and starts the background services for every
    // merchant whose API key this station holds. Returns false (and the window says why) when the database does
    // not open; the services start later, once the secrets are read (servicesStarted()).
    bool start();

    StationContext* context() const { return m_context.get(); }
    // The open database, or null.
    Database* database() const { return m_context ? &m_context->database() : nullptr; }
    const Clock& clock() const { return m_clock; }
    StationSettings& settings() const { return m_settings; }
    // Where new secrets go; null until the station has found out (a D-Bus round trip) or without a database.
    SecretStore* secretStore() const { return m_context ? m_context->secretStore() : nullptr; }
    const SyncStatus& syncStatus() const { return m_syncStatus; }
    const OutboxDispatchStatus& outboxStatus() const { return m_outboxStatus; }
    // The webhook receiver's port while it runs, else 0.
    quint16 webhookPort() const;
    // Why the enabled webhook receiver is not running; empty when it runs or is off.
    QString webhookProblem() const { return m_webhookProblem; }
    bool servicesRunning() const { return m_servicesRunning; }

    // The settings dialog over this station's settings, database and secret store, not modal to the event loop
    // (open(), deletes itself on close). Merchants saved there restart the services with their new secrets;
    // station values saved there take effect at once (the database URL at the next start).
    SettingsDialog* openSettings(QWidget* parent);
    // The sign-in dialog; signedIn() follows when someone signs in.
    SignInDialog* openSignIn(QWidget* parent, bool asSupervisor = false);

public Q_SLOTS:
    // Something new waits in the outbox (a receipt was submitted, a supervisor acted): send it now.
    void wakeOutbox();
    // Pull from Loop now (with the full sweep when `full`).
    void syncNow(bool full = false);
    // Reads the merchants and their secrets again and restarts the services with them.
    void reloadMerchants();

Q_SIGNALS:
    void syncStatusChanged(const Dockside::SyncStatus& status);
    void outboxStatusChanged(const Dockside::OutboxDispatchStatus& status);
    // One line for people about the station's services, e.g. the webhook receiver could not start.
    void stationMessage(const QString& message);
    // The secrets are read and the services run (also after reloadMerchants()).
    void servicesStarted();
    void signedIn(const Dockside::StationIdentity& identity);

private:
    void connectWindow();
    void refresh();
    void chooseSecretStore();
    void stopServices();
    void startServices();
    void startSync();
    void startOutbox();
    void startWebhooks();
    void onSyncStatus(const SyncStatus& status);
    void onOutboxStatus(const OutboxDispatchStatus& status);
    void onSettingsChanged(const StationSettings::Values& before, const StationSettings::Values& after);
    void showMessage(const QString& message);
    void setIdentity(const StationIdentity& identity);
    // The serial barcode scanner from the settings, if any; its scans go to the receive screen.
    void startScanner();
    QString stationId() const;

    DatabaseUrl m_url;
    MainWindow& m_window;
    std::unique_ptr<StationSettings> m_ownSettings; // when none was handed in
    StationSettings& m_settings;
    SystemClock m_clock;
    bool m_fileSecretsOnly = false;
    std::unique_ptr<StationContext> m_context;
    // After m_context: these stop (and leave the database) first.
    QList<Merchant> m_merchants;
    MerchantSecrets::Loaded m_secrets;
    std::unique_ptr<SyncThread> m_sync;
    std::unique_ptr<OutboxThread> m_outbox;
    std::unique_ptr<WebhookService> m_webhooks;
    QString m_webhookProblem;
    bool m_servicesRunning = false;
    int m_generation = 0; // secrets read for an older start() or reload are dropped
    int m_contextGeneration = 0; // a store chosen for a database opened before the last start() is dropped
    SyncStatus m_syncStatus;
    OutboxDispatchStatus m_outboxStatus;
    QDateTime m_lastRefresh;
    QPointer<SettingsDialog> m_settingsDialog;
    QPointer<SerialScanner> m_scanner;
    StationIdentity m_identity; // who works here now; the station name follows the settings
};

} // namespace Dockside
