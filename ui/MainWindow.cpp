#include "MainWindow.h"

#include "ui_MainWindow.h"

#include <QApplication>
#include <QLabel>
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

    connect(m_ui->retryPushButton, &QPushButton::clicked, this, &MainWindow::retryDatabaseRequested);
    connect(m_ui->quitPushButton, &QPushButton::clicked, this, &MainWindow::close);
    connect(m_ui->quitAction, &QAction::triggered, this, &MainWindow::close);
    connect(m_ui->refreshAction, &QAction::triggered, this, &MainWindow::refreshRequested);
    connect(m_ui->aboutAction, &QAction::triggered, this, &MainWindow::showAbout);

    m_syncLabel = new QLabel(tr("Sync: not started"), this);
    m_syncLabel->setObjectName(u"syncStatusLabel"_s);
    statusBar()->addPermanentWidget(m_syncLabel);
}

MainWindow::~MainWindow() = default;

void MainWindow::showSummary(const DatabaseSummary& summary)
{
    m_ui->databaseValueLabel->setText(summary.displayUrl);
    m_ui->schemaValueLabel->setText(QString::number(summary.schemaVersion));
    m_ui->merchantsValueLabel->setText(QLocale().toString(summary.merchants));
    m_ui->returnsValueLabel->setText(QLocale().toString(summary.returns));
    m_ui->outboxValueLabel->setText(tr("%1 waiting, %2 need a supervisor")
                                        .arg(QLocale().toString(summary.pendingPushes),
                                            QLocale().toString(summary.parkedPushes)));
    m_ui->nextStepsLabel->setVisible(summary.merchants == 0);
    m_ui->pagesStackedWidget->setCurrentWidget(m_ui->overviewPage);
    statusBar()->showMessage(tr("Database: %1").arg(summary.displayUrl));
}

void MainWindow::showDatabaseError(const QString& message)
{
    m_ui->databaseErrorLabel->setText(message);
    m_ui->pagesStackedWidget->setCurrentWidget(m_ui->databaseErrorPage);
    m_ui->retryPushButton->setFocus();
    statusBar()->showMessage(tr("Database unavailable"));
}

void MainWindow::showSyncStatus(const SyncStatus& status)
{
    if (status.merchants.isEmpty()) {
        m_syncLabel->setText(tr("Sync: no merchants"));
        m_syncLabel->setToolTip(QString());
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

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Dockside"),
        tr("<h3>Dockside %1</h3><p>Receiving station for warehouses that handle Loop Returns.</p>")
            .arg(QApplication::applicationVersion()));
}

} // namespace Dockside
