#pragma once

#include "storage/DatabaseSummary.h"
#include "sync/SyncStatus.h"

#include <QMainWindow>

#include <memory>

class QLabel;

namespace Ui {
class MainWindow;
}

namespace Dockside {

// The station's one window. It shows what it is given and asks its owner (the composition root) for
// everything else through signals, so tests can drive it without a network or a real station.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    void showSummary(const DatabaseSummary& summary);
    // `message` is already the text a person can act on; it names the database with its password masked.
    void showDatabaseError(const QString& message);
    // The permanent sync indicator in the status bar: per merchant the last sync, errors and progress.
    void showSyncStatus(const SyncStatus& status);

Q_SIGNALS:
    void retryDatabaseRequested();
    void refreshRequested();

private:
    void showAbout();

    std::unique_ptr<Ui::MainWindow> m_ui;
    QLabel* m_syncLabel = nullptr;
};

} // namespace Dockside
