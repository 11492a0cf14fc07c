#pragma once

#include "StationContext.h"
#include "sync/SyncStatus.h"
#include "util/SystemClock.h"

#include <QObject>

#include <memory>

namespace Dockside {

class MainWindow;
class SyncThread;

// The GUI side of the composition root: opens the station's services and wires them into the main
// window. When the database cannot be opened the window says why and offers to retry; it never crashes.
class GuiStation final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GuiStation)

public:
    GuiStation(DatabaseUrl url, MainWindow& window, QObject* parent = nullptr);
    ~GuiStation() override;

    // Opens the database (again), shows the result in the window, and starts the background sync of every
    // merchant whose API key this station holds. The window never waits for Loop.
    bool start();
    StationContext* context() const { return m_context.get(); }
    const SyncStatus& syncStatus() const { return m_syncStatus; }

Q_SIGNALS:
    void syncStatusChanged(const Dockside::SyncStatus& status);

private:
    void refresh();
    void startSync();
    void onSyncStatus(const SyncStatus& status);

    DatabaseUrl m_url;
    MainWindow& m_window;
    SystemClock m_clock;
    std::unique_ptr<StationContext> m_context;
    std::unique_ptr<SyncThread> m_sync; // after m_context: stops (and leaves the database) first
    SyncStatus m_syncStatus;
    QDateTime m_lastRefresh;
};

} // namespace Dockside
