#include "MainWindow.h"

#include "ui_MainWindow.h"

#include <QApplication>
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

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Dockside"),
        tr("<h3>Dockside %1</h3><p>Receiving station for warehouses that handle Loop Returns.</p>")
            .arg(QApplication::applicationVersion()));
}

} // namespace Dockside
