#pragma once

#include "StationIdentity.h"
#include "supervisor/SupervisorService.h"

#include <QWidget>

#include <functional>
#include <memory>

class QTableView;
class QTimer;

namespace Ui {
class SupervisorPage;
}

namespace Dockside {

class Clock;
class Database;
class FlaggedReceiptsModel;
class ParkedPushesModel;
class SupervisorQueueModel;
class UnknownPackagesModel;

// The supervisor's screen: three queues (flagged receipts, unknown packages, parked pushes) with their counts,
// filtered by merchant, date and reason; a detail view of the selected row; and the actions, each asking for a
// note. Only a supervisor identity may act; anyone else sees the queues read-only with a hint saying so.
// Every action goes through SupervisorService (audited, told to Loop through the outbox); afterwards the queues
// refresh and overrideApplied() tells the station to wake its outbox.
class SupervisorPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SupervisorPage)

public:
    explicit SupervisorPage(QWidget* parent = nullptr);
    ~SupervisorPage() override;

    // The database and clock must outlive the page (or the next setStation call); nullptr detaches.
    void setStation(Database* database, const Clock* clock, const StationIdentity& identity);
    // Someone else signed in: the queues stay, the actions follow the role.
    void setIdentity(const StationIdentity& identity);

public Q_SLOTS:
    // Reads the queues, their counts and the merchants again, keeping the selection where the row is still there.
    void refresh();

Q_SIGNALS:
    // A supervisor action was stored (and queued for Loop).
    void overrideApplied();

protected:
    void changeEvent(QEvent* event) override;

private:
    enum class Queue {
        Flagged,
        Unknown,
        Parked,
    };

    Queue currentQueue() const;
    QTableView* view(Queue queue) const;
    SupervisorQueueModel* model(Queue queue) const;
    int selectedRow(Queue queue) const;
    SupervisorFilter filterFor(Queue queue) const;
    SupervisorActor actor() const;

    void setUpView(QTableView* view, SupervisorQueueModel* model, const QList<int>& widths);
    void setUpFilterTexts();
    void loadMerchants();
    void applyFilters();
    void clearFilters();
    void updateFilterWidgets();
    void updateTabTitles();
    void updateDetail();
    void updateActions();
    void showMessage(const QString& text, bool error);

    void processAnyway();
    void keepFlagged();
    void closeReturn();
    void cancelReturn();
    void relink();
    void retryPush();
    void dismissPush();
    // Asks for the note, then runs `action` with it.
    void askNote(const QString& title, const QString& explanation, const QString& acceptText,
        std::function<Status(const QString& note)> action, const QString& doneText);
    void finish(const Status& status, const QString& doneText);

    std::unique_ptr<Ui::SupervisorPage> m_ui;
    FlaggedReceiptsModel* m_flagged = nullptr;
    UnknownPackagesModel* m_unknown = nullptr;
    ParkedPushesModel* m_parked = nullptr;
    QTimer* m_searchTimer = nullptr;
    Database* m_database = nullptr;
    const Clock* m_clock = nullptr;
    StationIdentity m_identity;
    std::unique_ptr<SupervisorQueues> m_queues;
    std::unique_ptr<SupervisorService> m_service;
};

} // namespace Dockside
