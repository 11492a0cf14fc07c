#include "GuiStation.h"
#include "MainWindow.h"
#include "storage/Migration.h"

#include <QFile>
#include <QLabel>
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
};

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
