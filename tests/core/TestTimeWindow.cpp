#include "sync/TimeWindow.h"

#include <QtTest>

using namespace Dockside;

class TestTimeWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldKeepAShortRangeWhole()
    {
        const QDateTime from(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
        const auto windows = TimeWindow::split(from, from.addDays(3));
        QCOMPARE(windows.size(), 1);
        QCOMPARE(windows.first(), (TimeWindow {from, from.addDays(3)}));
    }

    void shouldSplitALongRangeIntoConsecutiveWindowsLoopAccepts()
    {
        // GIVEN a station that was off for 300 days
        const QDateTime from(QDate(2025, 1, 1), QTime(8, 30), Qt::UTC);
        const QDateTime to = from.addDays(300).addSecs(17);
        // WHEN splitting
        const auto windows = TimeWindow::split(from, to, 120);
        // THEN the windows cover the range without gaps or overlaps, none over 120 days
        QCOMPARE(windows.size(), 3);
        QCOMPARE(windows.first().from, from);
        QCOMPARE(windows.last().to, to);
        for (int i = 0; i < windows.size(); ++i) {
            QVERIFY(windows[i].from.daysTo(windows[i].to) <= 120);
            if (i > 0)
                QCOMPARE(windows[i].from, windows[i - 1].to);
        }
    }

    void shouldReturnNothingForAnEmptyOrInvertedRange()
    {
        const QDateTime at(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
        QVERIFY(TimeWindow::split(at, at).isEmpty());
        QVERIFY(TimeWindow::split(at, at.addDays(-1)).isEmpty());
        QVERIFY(TimeWindow::split(QDateTime(), at).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTimeWindow)
#include "TestTimeWindow.moc"
