#include "SupervisorPage.h"

#include "ErrorTexts.h"
#include "FlaggedReceiptsModel.h"
#include "OverrideNoteDialog.h"
#include "ParkedPushesModel.h"
#include "RelinkDialog.h"
#include "SupervisorText.h"
#include "UnknownPackagesModel.h"
#include "storage/MerchantRepository.h"
#include "ui_SupervisorPage.h"

#include <QDateTime>
#include <QEvent>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLocale>
#include <QShortcut>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {
const QDate kAnyDate(2000, 1, 1); // the date edits' minimum, shown as "Any"
constexpr int kSearchDelayMs = 250;
} // namespace

SupervisorPage::SupervisorPage(QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::SupervisorPage>())
{
    m_ui->setupUi(this);
    setObjectName(u"supervisorPage"_s);

    m_flagged = new FlaggedReceiptsModel(this);
    m_unknown = new UnknownPackagesModel(this);
    m_parked = new ParkedPushesModel(this);
    // Widths for the columns before the last, which takes the rest (customer, note, Loop's words).
    setUpView(m_ui->flaggedTableView, m_flagged, { 120, 65, 125, 145, 105 });
    setUpView(m_ui->unknownTableView, m_unknown, { 120, 210, 100, 60 });
    setUpView(m_ui->parkedTableView, m_parked, { 120, 65, 125, 75, 65 });

    for (QDateEdit* edit : { m_ui->fromDateEdit, m_ui->toDateEdit }) {
        edit->setMinimumDate(kAnyDate);
        edit->setDate(kAnyDate);
        connect(edit, &QDateEdit::dateChanged, this, &SupervisorPage::applyFilters);
    }
    m_ui->merchantFilterComboBox->addItem(QString(), qint64(0));
    connect(m_ui->merchantFilterComboBox, &QComboBox::currentIndexChanged, this, &SupervisorPage::applyFilters);
    m_ui->reasonFilterComboBox->addItem(QString(), QString());
    for (const ReasonCode reason : SupervisorText::flagReasons())
        m_ui->reasonFilterComboBox->addItem(QString(), reasonCode(reason));
    setUpFilterTexts();
    connect(m_ui->reasonFilterComboBox, &QComboBox::currentIndexChanged, this, &SupervisorPage::applyFilters);
    m_searchTimer = new QTimer(this);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(kSearchDelayMs);
    connect(m_searchTimer, &QTimer::timeout, this, &SupervisorPage::applyFilters);
    connect(m_ui->searchLineEdit, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_ui->clearFiltersPushButton, &QPushButton::clicked, this, &SupervisorPage::clearFilters);
    connect(m_ui->refreshPushButton, &QPushButton::clicked, this, &SupervisorPage::refresh);

    connect(m_ui->queuesTabWidget, &QTabWidget::currentChanged, this, [this] {
        updateFilterWidgets();
        updateDetail();
        updateActions();
    });
    for (SupervisorQueueModel* queueModel : { static_cast<SupervisorQueueModel*>(m_flagged),
             static_cast<SupervisorQueueModel*>(m_unknown), static_cast<SupervisorQueueModel*>(m_parked) }) {
        connect(queueModel, &SupervisorQueueModel::totalCountChanged, this, &SupervisorPage::updateTabTitles);
        connect(queueModel, &SupervisorQueueModel::loadFailed, this,
            [this](const QString& message) { showMessage(message, true); });
    }

    connect(m_ui->processAnywayPushButton, &QPushButton::clicked, this, &SupervisorPage::processAnyway);
    connect(m_ui->keepFlaggedPushButton, &QPushButton::clicked, this, &SupervisorPage::keepFlagged);
    connect(m_ui->closeReturnPushButton, &QPushButton::clicked, this, &SupervisorPage::closeReturn);
    connect(m_ui->cancelReturnPushButton, &QPushButton::clicked, this, &SupervisorPage::cancelReturn);
    connect(m_ui->relinkPushButton, &QPushButton::clicked, this, &SupervisorPage::relink);
    connect(m_ui->retryPushPushButton, &QPushButton::clicked, this, &SupervisorPage::retryPush);
    connect(m_ui->dismissPushPushButton, &QPushButton::clicked, this, &SupervisorPage::dismissPush);

    // Alt+1..3 switch queues, Ctrl+F goes to the filters; only while this page has the focus.
    for (int tab = 0; tab < 3; ++tab) {
        auto* shortcut = new QShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + tab)), this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, [this, tab] {
            m_ui->queuesTabWidget->setCurrentIndex(tab);
            view(currentQueue())->setFocus();
        });
    }
    auto* findShortcut = new QShortcut(QKeySequence::Find, this);
    findShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(findShortcut, &QShortcut::activated, this, [this] {
        if (currentQueue() == Queue::Flagged)
            m_ui->reasonFilterComboBox->setFocus();
        else
            m_ui->searchLineEdit->setFocus();
    });

    // Big enough to hit with a gloved hand at the dock.
    for (QPushButton* button : { m_ui->processAnywayPushButton, m_ui->keepFlaggedPushButton,
             m_ui->closeReturnPushButton, m_ui->cancelReturnPushButton, m_ui->relinkPushButton,
             m_ui->retryPushPushButton, m_ui->dismissPushPushButton })
        button->setMinimumHeight(36);
    m_ui->queueSplitter->setStretchFactor(0, 3);
    m_ui->queueSplitter->setStretchFactor(1, 2);
    m_ui->messageLabel->setVisible(false);
    updateFilterWidgets();
    updateTabTitles();
    updateDetail();
    updateActions();
}

SupervisorPage::~SupervisorPage() = default;

void SupervisorPage::setUpFilterTexts()
{
    for (QDateEdit* edit : { m_ui->fromDateEdit, m_ui->toDateEdit }) {
        edit->setSpecialValueText(tr("Any", "date filter"));
        edit->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
    }
    m_ui->merchantFilterComboBox->setItemText(0, tr("All merchants"));
    m_ui->reasonFilterComboBox->setItemText(0, tr("Any reason"));
    const QList<ReasonCode> reasons = SupervisorText::flagReasons();
    for (int i = 0; i < reasons.size(); ++i)
        m_ui->reasonFilterComboBox->setItemText(i + 1, SupervisorText::reason(reasons.at(i)));
}

void SupervisorPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        setUpFilterTexts();
        for (const Queue queue : { Queue::Flagged, Queue::Unknown, Queue::Parked })
            model(queue)->retranslate();
        updateFilterWidgets();
        updateTabTitles();
        updateDetail();
    }
    QWidget::changeEvent(event);
}

void SupervisorPage::setUpView(QTableView* tableView, SupervisorQueueModel* queueModel, const QList<int>& widths)
{
    tableView->setModel(queueModel);
    tableView->setSelectionBehavior(QAbstractItemView::SelectRows);
    tableView->setSelectionMode(QAbstractItemView::SingleSelection);
    tableView->setAlternatingRowColors(true);
    tableView->setWordWrap(false);
    tableView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    tableView->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    tableView->verticalHeader()->setVisible(false);
    // Fixed row heights: a view of 100,000 rows never measures them.
    tableView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    tableView->verticalHeader()->setDefaultSectionSize(tableView->fontMetrics().height() + 10);
    tableView->horizontalHeader()->setStretchLastSection(true);
    // The stretched last column never gets narrower than the default size: keep that small so it fits.
    tableView->horizontalHeader()->setDefaultSectionSize(80);
    tableView->horizontalHeader()->setHighlightSections(false);
    tableView->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    for (int column = 0; column < widths.size(); ++column)
        tableView->setColumnWidth(column, widths.at(column));
    // The first column is a time: wide enough for a long one in this language, with the sort indicator beside it.
    const QString longTime = SupervisorText::time(QDateTime(QDate(2026, 12, 28), QTime(23, 58)));
    const int timeWidth = tableView->fontMetrics().horizontalAdvance(longTime) + 3 * tableView->fontMetrics().height();
    tableView->setColumnWidth(0, std::max(tableView->columnWidth(0), timeWidth));
    // A click on a header sorts through the model, which reads the queue from the top in that order, a page at a
    // time. A column the queue cannot be sorted by takes no indicator: it goes back where the rows are sorted.
    QHeaderView* header = tableView->horizontalHeader();
    header->setSortIndicator(queueModel->sortColumn(), queueModel->sortOrder());
    tableView->setSortingEnabled(true);
    connect(
        header, &QHeaderView::sortIndicatorChanged, tableView, [header, queueModel](int column, Qt::SortOrder order) {
            if (column != queueModel->sortColumn() || order != queueModel->sortOrder())
                header->setSortIndicator(queueModel->sortColumn(), queueModel->sortOrder());
        });
    connect(queueModel, &SupervisorQueueModel::sorted, tableView, [tableView] {
        const QModelIndexList selected = tableView->selectionModel()->selectedRows();
        if (selected.isEmpty())
            tableView->scrollToTop();
        else
            tableView->scrollTo(selected.constFirst());
    });
    connect(tableView->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateDetail();
        updateActions();
    });
}

void SupervisorPage::setStation(Database* database, const Clock* clock, const StationIdentity& identity)
{
    m_database = database && clock ? database : nullptr;
    m_clock = m_database ? clock : nullptr;
    m_identity = identity;
    m_queues = m_database ? std::make_unique<SupervisorQueues>(*m_database) : nullptr;
    m_service = m_database ? std::make_unique<SupervisorService>(*m_database, *m_clock) : nullptr;
    m_ui->supervisorDetailView->setDatabase(m_database);
    m_ui->messageLabel->setVisible(false);
    loadMerchants();
    for (const Queue queue : { Queue::Flagged, Queue::Unknown, Queue::Parked }) {
        model(queue)->setFilter(filterFor(queue)); // no database yet: costs nothing
        model(queue)->setDatabase(m_database);
    }
    updateTabTitles();
    updateDetail();
    updateActions();
}

void SupervisorPage::setIdentity(const StationIdentity& identity)
{
    m_identity = identity;
    updateActions();
}

void SupervisorPage::refresh()
{
    if (!m_database)
        return;
    loadMerchants();
    m_flagged->refresh();
    m_unknown->refresh();
    m_parked->refresh();
    updateTabTitles();
    updateDetail();
    updateActions();
}

SupervisorPage::Queue SupervisorPage::currentQueue() const
{
    switch (m_ui->queuesTabWidget->currentIndex()) {
    case 1:
        return Queue::Unknown;
    case 2:
        return Queue::Parked;
    default:
        return Queue::Flagged;
    }
}

QTableView* SupervisorPage::view(Queue queue) const
{
    switch (queue) {
    case Queue::Unknown:
        return m_ui->unknownTableView;
    case Queue::Parked:
        return m_ui->parkedTableView;
    case Queue::Flagged:
        break;
    }
    return m_ui->flaggedTableView;
}

SupervisorQueueModel* SupervisorPage::model(Queue queue) const
{
    switch (queue) {
    case Queue::Unknown:
        return m_unknown;
    case Queue::Parked:
        return m_parked;
    case Queue::Flagged:
        break;
    }
    return m_flagged;
}

int SupervisorPage::selectedRow(Queue queue) const
{
    // Only a selected row counts: when the selected row leaves the queue nothing is acted on by accident.
    const QModelIndexList rows = view(queue)->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.constFirst().row();
}

SupervisorFilter SupervisorPage::filterFor(Queue queue) const
{
    SupervisorFilter filter;
    if (const qint64 merchantId = m_ui->merchantFilterComboBox->currentData().toLongLong(); merchantId > 0)
        filter.merchantId = merchantId;
    // Whole local days: "to" includes its day, the filter's end is exclusive.
    if (const QDate from = m_ui->fromDateEdit->date(); from > kAnyDate)
        filter.from = from.startOfDay();
    if (const QDate to = m_ui->toDateEdit->date(); to > kAnyDate)
        filter.to = to.addDays(1).startOfDay();
    filter.reason = queue == Queue::Flagged ? m_ui->reasonFilterComboBox->currentData().toString()
                                            : m_ui->searchLineEdit->text().trimmed();
    return filter;
}

SupervisorActor SupervisorPage::actor() const
{
    return { m_identity.stationName, m_identity.userName };
}

void SupervisorPage::loadMerchants()
{
    QComboBox* combo = m_ui->merchantFilterComboBox;
    const qint64 current = combo->currentData().toLongLong();
    QList<Merchant> merchants;
    if (m_database) {
        const Result<QList<Merchant>> listed = MerchantRepository(*m_database).list();
        if (!listed)
            showMessage(tr("Could not read the merchants: %1").arg(ErrorTexts::message(listed.error())), true);
        else
            merchants = *listed;
    }
    const QSignalBlocker blocker(combo);
    combo->clear();
    combo->addItem(tr("All merchants"), qint64(0));
    for (const Merchant& merchant : merchants)
        combo->addItem(merchant.name, merchant.id);
    combo->setCurrentIndex(std::max(0, combo->findData(current)));
}

void SupervisorPage::applyFilters()
{
    m_searchTimer->stop();
    if (!m_database)
        return;
    for (const Queue queue : { Queue::Flagged, Queue::Unknown, Queue::Parked }) {
        const SupervisorFilter filter = filterFor(queue);
        const SupervisorFilter& was = model(queue)->filter();
        if (filter.merchantId == was.merchantId && filter.from == was.from && filter.to == was.to
            && filter.reason == was.reason)
            continue;
        model(queue)->setFilter(filter);
    }
    updateTabTitles();
    updateDetail();
    updateActions();
}

void SupervisorPage::clearFilters()
{
    {
        const QSignalBlocker merchant(m_ui->merchantFilterComboBox);
        const QSignalBlocker from(m_ui->fromDateEdit);
        const QSignalBlocker to(m_ui->toDateEdit);
        const QSignalBlocker reason(m_ui->reasonFilterComboBox);
        const QSignalBlocker search(m_ui->searchLineEdit);
        m_ui->merchantFilterComboBox->setCurrentIndex(0);
        m_ui->fromDateEdit->setDate(kAnyDate);
        m_ui->toDateEdit->setDate(kAnyDate);
        m_ui->reasonFilterComboBox->setCurrentIndex(0);
        m_ui->searchLineEdit->clear();
    }
    applyFilters();
}

void SupervisorPage::updateFilterWidgets()
{
    const Queue queue = currentQueue();
    const bool flagged = queue == Queue::Flagged;
    m_ui->reasonFilterLabel->setVisible(flagged);
    m_ui->reasonFilterComboBox->setVisible(flagged);
    m_ui->searchLineEdit->setVisible(!flagged);
    // Unknown packages belong to no merchant until they are matched: the merchant filter does not narrow them.
    const bool unknown = queue == Queue::Unknown;
    m_ui->merchantFilterComboBox->setEnabled(!unknown);
    m_ui->merchantFilterComboBox->setToolTip(unknown ? tr("Unknown packages belong to no merchant yet") : QString());
    m_ui->searchLineEdit->setPlaceholderText(
        queue == Queue::Unknown ? tr("Search scanned codes and notes") : tr("Search what Loop said"));
}

void SupervisorPage::updateTabTitles()
{
    const auto title = [](const QString& name, qint64 count) {
        return count < 0 ? name : tr("%1 (%2)", "queue name (row count)").arg(name, QLocale().toString(count));
    };
    m_ui->queuesTabWidget->setTabText(0, title(tr("Flagged"), m_flagged->totalCount()));
    m_ui->queuesTabWidget->setTabText(1, title(tr("Unknown packages"), m_unknown->totalCount()));
    m_ui->queuesTabWidget->setTabText(2, title(tr("Parked pushes"), m_parked->totalCount()));
}

void SupervisorPage::updateDetail()
{
    SupervisorDetailView* detail = m_ui->supervisorDetailView;
    if (!m_queues) {
        detail->showPlaceholder(tr("No database is open."));
        return;
    }
    const Queue queue = currentQueue();
    const int row = selectedRow(queue);
    if (row < 0) {
        detail->showPlaceholder(
            model(queue)->rowCount() == 0 ? tr("Nothing waiting here.") : tr("Select a row to see its details."));
        return;
    }
    if (queue == Queue::Unknown) {
        if (const UnknownPackage* package = m_unknown->rowAt(row))
            detail->showUnknownPackage(*package);
        return;
    }
    const qint64 returnId = model(queue)->returnIdAt(row);
    if (returnId <= 0) {
        detail->showPlaceholder(tr("This row names no return held at this station."));
        return;
    }
    const Result<ReturnDetail> read = m_queues->returnDetail(returnId);
    if (!read) {
        detail->showPlaceholder(tr("Could not read the return: %1").arg(ErrorTexts::message(read.error())));
        return;
    }
    if (queue == Queue::Flagged)
        detail->showReturn(*read, m_flagged->idAt(row), 0);
    else
        detail->showReturn(*read, 0, m_parked->idAt(row));
}

void SupervisorPage::updateActions()
{
    const Queue queue = currentQueue();
    const bool canAct = m_service && m_identity.isSupervisor();
    const bool selected = selectedRow(queue) >= 0;
    m_ui->readOnlyHintLabel->setVisible(m_database && !m_identity.isSupervisor());

    const bool flagged = queue == Queue::Flagged;
    const bool unknown = queue == Queue::Unknown;
    const bool parked = queue == Queue::Parked;
    const QList<std::pair<QPushButton*, bool>> buttons = {
        { m_ui->processAnywayPushButton, flagged },
        { m_ui->keepFlaggedPushButton, flagged },
        { m_ui->closeReturnPushButton, flagged },
        { m_ui->cancelReturnPushButton, flagged },
        { m_ui->relinkPushButton, unknown },
        { m_ui->retryPushPushButton, parked },
        { m_ui->dismissPushPushButton, parked },
    };
    for (const auto& [button, shown] : buttons) {
        button->setVisible(shown);
        button->setEnabled(shown && canAct && selected);
    }
}

void SupervisorPage::showMessage(const QString& text, bool error)
{
    m_ui->messageLabel->setText(text);
    m_ui->messageLabel->setStyleSheet(error
            ? u"background-color: #fdecea; color: #b71c1c; border: 1px solid #f5c6cb; border-radius: 4px; padding: 6px;"_s
            : u"background-color: #e8f5e9; color: #1b5e20; border: 1px solid #a5d6a7; border-radius: 4px; padding: 6px;"_s);
    m_ui->messageLabel->setVisible(!text.isEmpty());
}

void SupervisorPage::askNote(const QString& title, const QString& explanation, const QString& acceptText,
    std::function<Status(const QString& note)> action, const QString& doneText)
{
    auto* dialog = new OverrideNoteDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAction(title, explanation, acceptText);
    connect(dialog, &QDialog::accepted, this, [this, dialog, action = std::move(action), doneText] {
        if (!m_service || !m_identity.isSupervisor())
            return;
        finish(action(dialog->note()), doneText);
    });
    dialog->open();
}

void SupervisorPage::finish(const Status& status, const QString& doneText)
{
    if (!status) {
        // Often another supervisor got there first: show the queues as they are now, under the message.
        refresh();
        showMessage(tr("Not done: %1").arg(ErrorTexts::message(status.error())), true);
        return;
    }
    showMessage(doneText, false);
    refresh();
    view(currentQueue())->setFocus();
    Q_EMIT overrideApplied();
}

void SupervisorPage::processAnyway()
{
    const FlaggedReceiptRow* row = m_flagged->rowAt(selectedRow(Queue::Flagged));
    if (!row || !m_identity.isSupervisor())
        return;
    const qint64 receiptId = row->receiptId;
    const QString order = row->orderName;
    askNote(
        tr("Process order %1 anyway?").arg(order),
        tr("Loop gets your note, then Process: the customer's refund or exchange goes ahead. The receipt leaves the "
           "flagged queue."),
        tr("Process anyway"),
        [this, receiptId](const QString& note) { return m_service->processAnyway(receiptId, actor(), note); },
        tr("Order %1 will be processed in Loop.").arg(order));
}

void SupervisorPage::keepFlagged()
{
    const FlaggedReceiptRow* row = m_flagged->rowAt(selectedRow(Queue::Flagged));
    if (!row || !m_identity.isSupervisor())
        return;
    const qint64 receiptId = row->receiptId;
    const QString order = row->orderName;
    askNote(
        tr("Keep order %1 flagged?").arg(order),
        tr("The return stays flagged in Loop for the merchant to decide. The receipt leaves this queue."),
        tr("Keep flagged"),
        [this, receiptId](const QString& note) { return m_service->keepFlagged(receiptId, actor(), note); },
        tr("Order %1 stays flagged.").arg(order));
}

void SupervisorPage::closeReturn()
{
    const FlaggedReceiptRow* row = m_flagged->rowAt(selectedRow(Queue::Flagged));
    if (!row || !m_identity.isSupervisor())
        return;
    const qint64 returnId = row->returnId;
    const QString order = row->orderName;
    askNote(
        tr("Close the return of order %1?").arg(order),
        tr("Loop closes the return without refund or exchange. Use this when nothing will be given back."),
        tr("Close return"),
        [this, returnId](const QString& note) { return m_service->closeReturn(returnId, actor(), note); },
        tr("The return of order %1 will be closed in Loop.").arg(order));
}

void SupervisorPage::cancelReturn()
{
    const FlaggedReceiptRow* row = m_flagged->rowAt(selectedRow(Queue::Flagged));
    if (!row || !m_identity.isSupervisor())
        return;
    const qint64 returnId = row->returnId;
    const QString order = row->orderName;
    askNote(
        tr("Cancel the return of order %1?").arg(order),
        tr("Loop cancels the return: the customer can start a new return for the same items."), tr("Cancel return"),
        [this, returnId](const QString& note) { return m_service->cancelReturn(returnId, actor(), note); },
        tr("The return of order %1 will be cancelled in Loop.").arg(order));
}

void SupervisorPage::relink()
{
    const UnknownPackage* row = m_unknown->rowAt(selectedRow(Queue::Unknown));
    if (!row || !m_database || !m_identity.isSupervisor())
        return;
    const qint64 packageId = row->id;
    auto* dialog = new RelinkDialog(*m_database, *row, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, packageId] {
        if (!m_service || !m_identity.isSupervisor())
            return;
        finish(m_service->relinkUnknownPackage(packageId, dialog->selectedReturnId(), actor(), dialog->note()),
            tr("The package is linked to its return and can be received."));
    });
    dialog->open();
}

void SupervisorPage::retryPush()
{
    const ParkedPushRow* row = m_parked->rowAt(selectedRow(Queue::Parked));
    if (!row || !m_identity.isSupervisor())
        return;
    const qint64 outboxId = row->entry.id;
    const QString call = SupervisorText::outboxKind(row->entry.kind);
    const QString order = row->orderName;
    askNote(
        tr("Send %1 for order %2 again?").arg(call, order),
        tr("The call goes back to the outbox and is sent to Loop again now. Fix what Loop complained about first."),
        tr("Retry push"),
        [this, outboxId](const QString& note) { return m_service->retryParkedPush(outboxId, actor(), note); },
        tr("%1 for order %2 will be sent again.").arg(call, order));
}

void SupervisorPage::dismissPush()
{
    const ParkedPushRow* row = m_parked->rowAt(selectedRow(Queue::Parked));
    if (!row || !m_identity.isSupervisor())
        return;
    const qint64 outboxId = row->entry.id;
    const QString call = SupervisorText::outboxKind(row->entry.kind);
    const QString order = row->orderName;
    askNote(
        tr("Dismiss %1 for order %2?").arg(call, order),
        tr("The call is settled without being sent, e.g. because it was done in Loop's admin. Calls waiting behind "
           "it for the same return go ahead."),
        tr("Dismiss push"),
        [this, outboxId](const QString& note) { return m_service->dismissParkedPush(outboxId, actor(), note); },
        tr("%1 for order %2 was dismissed.").arg(call, order));
}

} // namespace Dockside
