#pragma once

#include "StationIdentity.h"
#include "outbox/OutboxDispatchStatus.h"
#include "storage/DatabaseSummary.h"
#include "sync/SyncStatus.h"

#include <QMainWindow>

#include <memory>
#include <optional>

class QActionGroup;
class QLabel;

namespace Ui {
class MainWindow;
}

namespace Dockside {

class Clock;
class Database;
class ReceivePage;
class SupervisorPage;

// The station's one window: the receive screen, the supervisor screen and an overview, with the sync and
// outbox indicator always in view. It shows what it is given and asks its owner (the composition root) for
// everything that needs the network or the settings through signals, so tests can drive it without a station.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    enum class Page {
        Receive,
        Supervisor,
        Overview,
    };

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // The open database (null while there is none) and who works here; handed on to the screens.
    void setStation(Database* database, const Clock* clock, const StationIdentity& identity);
    const StationIdentity& identity() const { return m_identity; }

    void showPage(Page page);
    void showSummary(const DatabaseSummary& summary);
    // `message` is already the text a person can act on; it names the database with its password masked.
    void showDatabaseError(const QString& message);
    // The permanent sync indicator in the status bar: per merchant the last sync, errors and progress.
    void showSyncStatus(const SyncStatus& status);
    // The permanent outbox indicator: pushes waiting, being sent, and refused ones waiting for a supervisor.
    void showOutboxStatus(const OutboxDispatchStatus& status);
    // A message that stays until the next one (e.g. the webhook receiver could not start).
    void showStationMessage(const QString& message);
    // Demo only: codes a newcomer can scan; an empty list hides the panel.
    void showDemoCodes(const QStringList& codes);

    ReceivePage* receivePage() const { return m_receivePage; }
    SupervisorPage* supervisorPage() const { return m_supervisorPage; }

Q_SIGNALS:
    void retryDatabaseRequested();
    void refreshRequested();
    void syncNowRequested();
    void signInRequested();
    void settingsRequested();
    // Something new waits in the outbox (a receipt was submitted, a supervisor acted): wake the sender.
    void outboxChanged();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void showIdentity();
    void showAbout();
    void showShortcuts();
    void scanDemoCode(const QString& code);

    std::unique_ptr<Ui::MainWindow> m_ui;
    ReceivePage* m_receivePage = nullptr;
    SupervisorPage* m_supervisorPage = nullptr;
    QActionGroup* m_pageActions = nullptr;
    QLabel* m_identityLabel = nullptr;
    QLabel* m_syncLabel = nullptr;
    QLabel* m_outboxLabel = nullptr;
    StationIdentity m_identity;
    bool m_databaseOpen = false;
    // Kept to render them again in another language.
    std::optional<DatabaseSummary> m_summary;
    std::optional<SyncStatus> m_syncStatus;
    std::optional<OutboxDispatchStatus> m_outboxStatus;
    QString m_databaseError;
    QStringList m_pushesByMerchant; // from the last summary, for the outbox indicator's tooltip
};

} // namespace Dockside
