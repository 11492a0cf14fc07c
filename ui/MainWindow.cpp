#include "MainWindow.h"

#include "ReceivePage.h"
#include "SupervisorPage.h"
#include "ui_MainWindow.h"

#include <QActionGroup>
#include <QApplication>
#include <QEvent>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>

using namespace Qt::StringLiterals;

namespace Dockside {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
{
    m_ui->setupUi(this);
    setObjectName(u"mainWindow"_s);
    setWindowIcon(QIcon(u":/icons/dockside.svg"_s));

    m_receivePage = new ReceivePage(m_ui->pagesStackedWidget);
    m_receivePage->setObjectName(u"receivePage"_s);
    m_ui->pagesStackedWidget->addWidget(m_receivePage);
    m_supervisorPage = new SupervisorPage(m_ui->pagesStackedWidget);
    m_supervisorPage->setObjectName(u"supervisorPage"_s);
    m_ui->pagesStackedWidget->addWidget(m_supervisorPage);

    m_pageActions = new QActionGroup(this);
    m_pageActions->addAction(m_ui->receiveAction);
    m_pageActions->addAction(m_ui->supervisorAction);
    m_pageActions->addAction(m_ui->overviewAction);
    connect(m_ui->receiveAction, &QAction::triggered, this, [this] { showPage(Page::Receive); });
    connect(m_ui->supervisorAction, &QAction::triggered, this, [this] { showPage(Page::Supervisor); });
    connect(m_ui->overviewAction, &QAction::triggered, this, [this] { showPage(Page::Overview); });

    connect(m_ui->retryPushButton, &QPushButton::clicked, this, &MainWindow::retryDatabaseRequested);
    connect(m_ui->quitPushButton, &QPushButton::clicked, this, &MainWindow::close);
    connect(m_ui->quitAction, &QAction::triggered, this, &MainWindow::close);
    connect(m_ui->syncNowAction, &QAction::triggered, this, &MainWindow::syncNowRequested);
    connect(m_ui->syncNowAction, &QAction::triggered, this, &MainWindow::refreshRequested);
    connect(m_ui->signInAction, &QAction::triggered, this, &MainWindow::signInRequested);
    connect(m_ui->settingsAction, &QAction::triggered, this, &MainWindow::settingsRequested);
    connect(m_ui->shortcutsAction, &QAction::triggered, this, &MainWindow::showShortcuts);
    connect(m_ui->aboutAction, &QAction::triggered, this, &MainWindow::showAbout);

    connect(m_receivePage, &ReceivePage::receiptSubmitted, this, [this] {
        Q_EMIT outboxChanged();
        Q_EMIT refreshRequested();
    });
    connect(m_receivePage, &ReceivePage::unknownPackageRecorded, this, [this] { Q_EMIT refreshRequested(); });
    connect(m_receivePage, &ReceivePage::statusMessage, this, [this](const QString& message) {
        statusBar()->showMessage(message, 10000);
    });
    connect(m_supervisorPage, &SupervisorPage::overrideApplied, this, [this] {
        Q_EMIT outboxChanged();
        Q_EMIT refreshRequested();
    });

    connect(m_ui->demoCodesListWidget, &QListWidget::itemActivated, this,
        [this](QListWidgetItem* item) { scanDemoCode(item->data(Qt::UserRole).toString()); });
    m_ui->demoDockWidget->hide();

    m_identityLabel = new QLabel(this);
    m_identityLabel->setObjectName(u"identityLabel"_s);
    statusBar()->addPermanentWidget(m_identityLabel);
    m_outboxLabel = new QLabel(this);
    m_outboxLabel->setObjectName(u"outboxStatusLabel"_s);
    statusBar()->addPermanentWidget(m_outboxLabel);
    m_syncLabel = new QLabel(this);
    m_syncLabel->setObjectName(u"syncStatusLabel"_s);
    statusBar()->addPermanentWidget(m_syncLabel);

    setStation(nullptr, nullptr, StationIdentity {});
    showPage(Page::Overview);
    retranslate();
}

MainWindow::~MainWindow() = default;

void MainWindow::setStation(Database* database, const Clock* clock, const StationIdentity& identity)
{
    m_identity = identity;
    m_databaseOpen = database != nullptr;
    m_receivePage->setStation(database, clock, identity);
    m_supervisorPage->setStation(database, clock, identity);
    m_ui->receiveAction->setEnabled(m_databaseOpen);
    m_ui->supervisorAction->setEnabled(m_databaseOpen);
    m_ui->overviewAction->setEnabled(m_databaseOpen);
    showIdentity();
}

void MainWindow::showPage(Page page)
{
    if (!m_databaseOpen && page != Page::Overview)
        return;
    switch (page) {
    case Page::Receive:
        m_ui->receiveAction->setChecked(true);
        m_ui->pagesStackedWidget->setCurrentWidget(m_receivePage);
        m_receivePage->setFocus();
        return;
    case Page::Supervisor:
        m_ui->supervisorAction->setChecked(true);
        m_ui->pagesStackedWidget->setCurrentWidget(m_supervisorPage);
        // The queues change behind its back (receipts submitted here and at other stations, syncs).
        m_supervisorPage->refresh();
        m_supervisorPage->setFocus();
        return;
    case Page::Overview:
        m_ui->overviewAction->setChecked(true);
        m_ui->pagesStackedWidget->setCurrentWidget(m_databaseOpen || m_databaseError.isEmpty()
                ? m_ui->overviewPage
                : m_ui->databaseErrorPage);
        return;
    }
}

void MainWindow::showSummary(const DatabaseSummary& summary)
{
    m_summary = summary;
    m_databaseError.clear();
    m_ui->databaseValueLabel->setText(summary.displayUrl);
    m_ui->schemaValueLabel->setText(QString::number(summary.schemaVersion));
    m_ui->merchantsValueLabel->setText(QLocale().toString(summary.merchants));
    m_ui->returnsValueLabel->setText(QLocale().toString(summary.returns));
    m_ui->outboxValueLabel->setText(tr("%1 waiting, %2 need a supervisor")
                                        .arg(QLocale().toString(summary.pendingPushes),
                                            QLocale().toString(summary.parkedPushes)));
    QStringList perMerchant;
    for (const DatabaseSummary::MerchantPushes& pushes : summary.pushesByMerchant)
        perMerchant << tr("%1: %2 waiting, %3 need a supervisor")
                           .arg(pushes.merchantName, QLocale().toString(pushes.pending), QLocale().toString(pushes.parked));
    m_ui->outboxValueLabel->setToolTip(perMerchant.join(u'\n'));
    m_pushesByMerchant = perMerchant;
    if (m_outboxStatus)
        showOutboxStatus(*m_outboxStatus);
    m_ui->nextStepsLabel->setVisible(summary.merchants == 0);
    if (m_ui->pagesStackedWidget->currentWidget() == m_ui->databaseErrorPage)
        m_ui->pagesStackedWidget->setCurrentWidget(m_ui->overviewPage);
    statusBar()->showMessage(tr("Database: %1").arg(summary.displayUrl));
}

void MainWindow::showDatabaseError(const QString& message)
{
    m_databaseError = message;
    setStation(nullptr, nullptr, m_identity);
    m_ui->databaseErrorLabel->setText(message);
    m_ui->pagesStackedWidget->setCurrentWidget(m_ui->databaseErrorPage);
    m_ui->overviewAction->setChecked(true);
    m_ui->retryPushButton->setFocus();
    statusBar()->showMessage(tr("Database unavailable"));
}

void MainWindow::showSyncStatus(const SyncStatus& status)
{
    m_syncStatus = status;
    if (status.merchants.isEmpty()) {
        m_syncLabel->setText(tr("Sync: no merchants"));
        m_syncLabel->setToolTip(tr("Add a merchant in Settings (Ctrl+,) to pull its returns from Loop."));
        return;
    }
    QStringList parts;
    QStringList details;
    if (!status.leader) {
        parts << (status.leaderId.isEmpty() ? tr("Sync: waiting for the sync lease")
                                            : tr("Sync: done by %1").arg(status.leaderId));
    }
    for (const MerchantSyncStatus& merchant : status.merchants) {
        QString part;
        if (merchant.running && merchant.windowsTotal > 0) {
            part = tr("%1: syncing %2%").arg(merchant.merchantName).arg(100 * merchant.windowsDone / merchant.windowsTotal);
        } else if (!merchant.lastError.isEmpty()) {
            part = tr("%1: sync failed").arg(merchant.merchantName);
        } else if (merchant.lastSuccessAt.isValid()) {
            part = tr("%1: synced %2").arg(merchant.merchantName,
                QLocale().toString(merchant.lastSuccessAt.toLocalTime().time(), QLocale::ShortFormat));
        } else {
            part = tr("%1: not synced yet").arg(merchant.merchantName);
        }
        parts << part;
        details << (merchant.lastError.isEmpty() ? part : part + u": "_s + merchant.lastError);
    }
    m_syncLabel->setText(parts.join(u"  ·  "_s));
    m_syncLabel->setToolTip(details.join(u'\n'));
}

void MainWindow::showOutboxStatus(const OutboxDispatchStatus& status)
{
    m_outboxStatus = status;
    const int waiting = status.pending + status.inFlight;
    QString text;
    if (status.parked > 0)
        text = tr("Pushes: %n need a supervisor", nullptr, status.parked);
    else if (waiting > 0)
        text = tr("Pushes: %n waiting", nullptr, waiting);
    else
        text = tr("Pushes: all sent");
    if (status.running && !status.sender && !status.senderId.isEmpty())
        text += u"  ·  "_s + tr("sent by %1").arg(status.senderId);
    if (!status.pausedMerchants.isEmpty())
        text += u"  ·  "_s + tr("%n merchant(s) paused", nullptr, int(status.pausedMerchants.size()));
    m_outboxLabel->setText(text);
    m_outboxLabel->setStyleSheet(status.parked > 0 || !status.pausedMerchants.isEmpty()
            ? u"color: #b00020; font-weight: 600;"_s
            : QString());

    QStringList details;
    details << tr("%1 waiting, %2 being sent, %3 need a supervisor, %4 sent")
                   .arg(status.pending)
                   .arg(status.inFlight)
                   .arg(status.parked)
                   .arg(status.done);
    details << m_pushesByMerchant;
    for (const PausedMerchant& paused : status.pausedMerchants)
        details << paused.reason;
    if (!status.lastError.isEmpty())
        details << tr("Last error: %1").arg(status.lastError);
    m_outboxLabel->setToolTip(details.join(u'\n'));
}

void MainWindow::showStationMessage(const QString& message)
{
    statusBar()->showMessage(message);
}

void MainWindow::showDemoCodes(const QStringList& codes)
{
    m_ui->demoCodesListWidget->clear();
    for (const QString& code : codes) {
        // "CODE  description": the code is what gets scanned; the description goes on a line of its own.
        const QString scan = code.section(u' ', 0, 0);
        const QString description = code.mid(scan.size()).trimmed();
        auto* item = new QListWidgetItem(description.isEmpty() ? scan : scan + u"\n    "_s + description,
            m_ui->demoCodesListWidget);
        item->setData(Qt::UserRole, scan);
        item->setToolTip(code);
    }
    m_ui->demoDockWidget->setVisible(!codes.isEmpty());
}

void MainWindow::scanDemoCode(const QString& code)
{
    if (code.isEmpty() || !m_databaseOpen)
        return;
    showPage(Page::Receive);
    m_receivePage->scan(code);
}

void MainWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslate()
{
    m_ui->retranslateUi(this);
    showIdentity();
    if (m_summary)
        showSummary(*m_summary);
    if (m_syncStatus)
        showSyncStatus(*m_syncStatus);
    else
        m_syncLabel->setText(tr("Sync: not started"));
    if (m_outboxStatus)
        showOutboxStatus(*m_outboxStatus);
    if (!m_databaseError.isEmpty())
        statusBar()->showMessage(tr("Database unavailable"));
}

void MainWindow::showIdentity()
{
    if (m_identity.userName.isEmpty()) {
        m_identityLabel->setText(m_identity.stationName.isEmpty()
                ? tr("Not signed in")
                : tr("%1 · not signed in").arg(m_identity.stationName));
        return;
    }
    const QString role = m_identity.isSupervisor() ? tr("supervisor") : tr("receiver");
    m_identityLabel->setText(tr("%1 · %2 (%3)").arg(m_identity.stationName, m_identity.userName, role));
}

void MainWindow::showShortcuts()
{
    using Shortcuts = QList<std::pair<QString, QString>>;
    const Shortcuts everywhere {
        {u"F1"_s, tr("This list")},
        {u"F2"_s, tr("Receive screen")},
        {u"F3"_s, tr("Supervisor screen")},
        {u"F4"_s, tr("Overview")},
        {u"F5"_s, tr("Sync now")},
        {u"Ctrl+L"_s, tr("Sign in as someone else")},
        {u"Ctrl+,"_s, tr("Settings")},
        {u"Ctrl+Q"_s, tr("Quit")},
    };
    const Shortcuts supervisor {
        {u"Ctrl+P / Ctrl+K"_s, tr("Process anyway, keep flagged")},
        {u"Ctrl+Shift+C / Ctrl+Shift+X"_s, tr("Close, cancel the return")},
        {u"Ctrl+R"_s, tr("Re-link an unknown package")},
        {u"Ctrl+T / Ctrl+D"_s, tr("Retry, dismiss a refused push")},
        {u"Alt+1 … 3"_s, tr("Switch queue")},
    };
    const auto section = [](const QString& title, const Shortcuts& shortcuts) {
        QString rows = u"<tr><td colspan=\"2\"><h4 style=\"margin: 10px 0 2px 0\">%1</h4></td></tr>"_s.arg(
            title.toHtmlEscaped());
        for (const auto& [keys, what] : shortcuts)
            rows += u"<tr><td><b>%1</b></td><td>&nbsp;&nbsp;%2</td></tr>"_s.arg(keys.toHtmlEscaped(), what.toHtmlEscaped());
        return rows;
    };
    // The receive screen lists its own keys, so this list cannot fall behind it.
    const QString rows = section(tr("Everywhere"), everywhere)
        + section(tr("Receive screen (F2)"), m_receivePage->shortcutHelp())
        + section(tr("Supervisor screen (F3), signed in as a supervisor"), supervisor);
    auto* box = new QMessageBox(QMessageBox::NoIcon, tr("Keyboard shortcuts"),
        tr("<p>A barcode scanner works anywhere in the window: a scan is taken as a scan even when another "
           "field has the focus.</p>")
            + u"<table>"_s + rows + u"</table>"_s,
        QMessageBox::Close, this);
    box->setObjectName(u"shortcutsMessageBox"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Dockside"),
        tr("<h3>Dockside %1</h3><p>Receiving station for warehouses that handle Loop Returns.</p>")
            .arg(QApplication::applicationVersion()));
}

} // namespace Dockside
