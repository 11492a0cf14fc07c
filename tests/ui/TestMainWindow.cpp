#include "Builders.h"
#include "GuiStation.h"
#include "LoopSimProcess.h"
#include "MainWindow.h"
#include "ReceivePage.h"
#include "settings/FileSecretStore.h"
#include "storage/MerchantRepository.h"
#include "storage/Migration.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTimer>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;

class TestMainWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldOpenOnAFreshSqliteDatabase()
    {
        // GIVEN a fresh database location
        QTemporaryDir dir;
        const DatabaseUrl url = DatabaseUrl::sqliteFile(dir.filePath(u"station.sqlite"_s));
        MainWindow window;
        GuiStation station(url, window);

        // WHEN the station starts and the window shows
        QVERIFY(station.start());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        // THEN the overview shows where the data lives and its schema
        auto* pages = window.findChild<QStackedWidget*>(u"pagesStackedWidget"_s);
        QVERIFY(pages);
        QCOMPARE(pages->currentWidget()->objectName(), u"overviewPage"_s);
        QCOMPARE(window.findChild<QLabel*>(u"databaseValueLabel"_s)->text(), url.toDisplayString());
        QCOMPARE(window.findChild<QLabel*>(u"schemaValueLabel"_s)->text(), QString::number(Migration::latestVersion()));
        QCOMPARE(window.findChild<QLabel*>(u"returnsValueLabel"_s)->text(), u"0"_s);
        QVERIFY(window.findChild<QLabel*>(u"nextStepsLabel"_s)->isVisible());
    }

    void shouldListEveryReceiveShortcutOnF1()
    {
        // GIVEN the main window
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.activateWindow();

        // WHEN F1 is pressed
        QTest::keyClick(&window, Qt::Key_F1);

        // THEN the shortcut list opens, with the window's own keys and every key the receive screen lists
        QMessageBox* box = nullptr;
        QTRY_VERIFY((box = window.findChild<QMessageBox*>(u"shortcutsMessageBox"_s)) && box->isVisible());
        const QString text = box->text();
        QVERIFY2(text.contains(u"Ctrl+L"_s) && text.contains(u"F5"_s), qPrintable(text));
        const QList<std::pair<QString, QString>> receive = window.receivePage()->shortcutHelp();
        QVERIFY(receive.size() > 10);
        for (const auto& [keys, what] : receive)
            QVERIFY2(text.contains(keys.toHtmlEscaped()) && text.contains(what.toHtmlEscaped()), qPrintable(keys));
        QVERIFY(text.contains(u"Ctrl+Shift+N"_s));
        box->close();
    }

    void shouldExplainABrokenDatabaseAndRecoverOnRetry()
    {
        // GIVEN the database path holds a file that is not a database
        QTemporaryDir dir;
        const QString path = dir.filePath(u"station.sqlite"_s);
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QByteArray("garbage ").repeated(100));
        }
        MainWindow window;
        GuiStation station(DatabaseUrl::sqliteFile(path), window);

        // WHEN the station starts
        QVERIFY(!station.start());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        // THEN the window says what is wrong instead of crashing
        auto* pages = window.findChild<QStackedWidget*>(u"pagesStackedWidget"_s);
        QCOMPARE(pages->currentWidget()->objectName(), u"databaseErrorPage"_s);
        const QString message = window.findChild<QLabel*>(u"databaseErrorLabel"_s)->text();
        QVERIFY2(message.contains(path), qPrintable(message));
        QVERIFY(message.contains(u"backup"_s));

        // WHEN an administrator moves the bad file away and the receiver presses Retry
        QVERIFY(QFile::rename(path, path + u".bad"_s));
        QTest::mouseClick(window.findChild<QPushButton*>(u"retryPushButton"_s), Qt::LeftButton);

        // THEN the station opens on a fresh database
        QTRY_COMPARE(pages->currentWidget()->objectName(), u"overviewPage"_s);
        QVERIFY(station.context());
    }

    void shouldSyncInTheBackgroundWhileTheWindowStaysResponsive()
    {
        // GIVEN a station with one merchant whose key is in the protected file, and its Loop shop
        Testing::LoopSimProcess sim;
        QVERIFY2(sim.start({u"--returns"_s, u"1500"_s, u"--seed"_s, u"9"_s}), qPrintable(sim.errorString()));
        QTemporaryDir dir;
        const QString secrets = dir.filePath(u"secrets.json"_s);
        qputenv("DOCKSIDE_SECRETS_FILE", secrets.toUtf8());
        const DatabaseUrl url = DatabaseUrl::sqliteFile(dir.filePath(u"station.sqlite"_s));
        {
            auto db = Database::open(url);
            QVERIFY(db);
            Merchant merchant = Testing::merchant(u"Whiplash Demo"_s);
            QUrl api = sim.baseUrl();
            api.setPath(u"/api"_s);
            merchant.baseUrl = api.toString();
            merchant.apiKeyRef = u"file:merchant/test/api-key"_s;
            QVERIFY(MerchantRepository(**db).insert(merchant));
            QVERIFY(FileSecretStore(secrets).writeNow(merchant.apiKeyRef, "sim-key"));
        }
        MainWindow window;
        GuiStation station(url, window);
        QElapsedTimer sinceTick;
        qint64 longestGap = 0;
        QTimer ticker;
        ticker.setInterval(5);
        connect(&ticker, &QTimer::timeout, this, [&] {
            if (sinceTick.isValid())
                longestGap = std::max(longestGap, sinceTick.elapsed());
            sinceTick.restart();
        });

        // WHEN the station starts
        QVERIFY(station.start());
        window.show();
        ticker.start();

        // THEN the returns arrive in the background, the sync indicator says so, and the window kept painting
        auto* returnsLabel = window.findChild<QLabel*>(u"returnsValueLabel"_s);
        QTRY_COMPARE_WITH_TIMEOUT(returnsLabel->text(), QLocale().toString(1500), 90000);
        auto* syncLabel = window.findChild<QLabel*>(u"syncStatusLabel"_s);
        QTRY_VERIFY_WITH_TIMEOUT(syncLabel->text().contains(u"Whiplash Demo: synced"_s), 30000);
        ticker.stop();
        QVERIFY2(longestGap < 250, qPrintable(u"the window stalled for %1 ms"_s.arg(longestGap)));
        qunsetenv("DOCKSIDE_SECRETS_FILE");
    }

    void shouldShowWhyAMerchantCannotSync()
    {
        MainWindow window;
        SyncStatus status;
        status.leader = true;
        MerchantSyncStatus merchant;
        merchant.merchantName = u"Acme"_s;
        merchant.lastError = u"Loop refused the API key"_s;
        status.merchants << merchant;
        window.showSyncStatus(status);
        auto* label = window.findChild<QLabel*>(u"syncStatusLabel"_s);
        QVERIFY(label->text().contains(u"Acme: sync failed"_s));
        QVERIFY(label->toolTip().contains(u"Loop refused the API key"_s));
    }
};

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
