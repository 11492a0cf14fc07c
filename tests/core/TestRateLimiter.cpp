#include "FakeClock.h"
#include "loop/RateLimiter.h"

#include <QList>
#include <QtTest>

using namespace Dockside;
using namespace Dockside::Testing;

class TestRateLimiter final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldAllowABurstThenAskToWait()
    {
        // GIVEN Loop's default budget with a burst of 30
        FakeClock clock;
        RateLimiter limiter(clock, 300, 30);
        // WHEN 30 requests arrive at the same instant
        for (int i = 0; i < 30; ++i)
            QCOMPARE(limiter.tryAcquire(), 0);
        // THEN the 31st is told to wait until the next token: 60,000 ms / 270 per minute, rounded up
        QCOMPARE(limiter.available(), 0);
        QCOMPARE(limiter.tryAcquire(), 223);
    }

    void shouldGrantATokenOnceTheAnnouncedWaitHasPassed()
    {
        FakeClock clock;
        RateLimiter limiter(clock, 60, 1);
        QCOMPARE(limiter.tryAcquire(), 0);
        const qint64 wait = limiter.tryAcquire();
        QVERIFY(wait > 0);
        clock.advance(wait - 1);
        QVERIFY(limiter.tryAcquire() > 0);
        clock.advance(1);
        QCOMPARE(limiter.tryAcquire(), 0);
    }

    void shouldNeverExceedTheBudgetInAnySixtySecondWindow_data()
    {
        QTest::addColumn<int>("perMinute");
        QTest::addColumn<int>("burst");
        QTest::newRow("Loop default") << 300 << 0;
        QTest::newRow("large burst") << 300 << 150;
        QTest::newRow("tiny budget") << 5 << 0;
    }

    void shouldNeverExceedTheBudgetInAnySixtySecondWindow()
    {
        QFETCH(int, perMinute);
        QFETCH(int, burst);
        // GIVEN a caller that sends as fast as the limiter lets it, for ten simulated minutes
        FakeClock clock;
        RateLimiter limiter(clock, perMinute, burst);
        const qint64 start = clock.nowMs();
        QList<qint64> grants;
        while (clock.nowMs() - start < 10 * 60'000) {
            const qint64 wait = limiter.tryAcquire();
            if (wait == 0)
                grants << clock.nowMs();
            else
                clock.advance(wait);
        }
        // THEN no 60-second window holds more than the budget
        qsizetype windowStart = 0;
        for (qsizetype i = 0; i < grants.size(); ++i) {
            while (grants.at(i) - grants.at(windowStart) >= 60'000)
                ++windowStart;
            QVERIFY2(i - windowStart + 1 <= perMinute, qPrintable(QString::number(i - windowStart + 1)));
        }
        // AND the sustained rate is the budget minus the burst (270/min for Loop's default), not less
        const qsizetype sustained = qsizetype(perMinute - limiter.burst()) * 10;
        QVERIFY2(grants.size() >= sustained, qPrintable(QString::number(grants.size())));
    }

    void shouldNotMintTokensWhenTheClockStepsBack()
    {
        // GIVEN an exhausted bucket
        FakeClock clock;
        RateLimiter limiter(clock, 60, 1);
        QCOMPARE(limiter.tryAcquire(), 0);
        // WHEN the wall clock is stepped an hour back and then forward by less than one refill
        clock.advance(-3'600'000);
        QVERIFY(limiter.tryAcquire() > 0);
        clock.advance(500);
        // THEN still no token: the step back did not count as elapsed time
        QVERIFY(limiter.tryAcquire() > 0);
    }

    void shouldRefillNoFurtherThanTheBurst()
    {
        FakeClock clock;
        RateLimiter limiter(clock, 300, 10);
        clock.advance(3'600'000);
        QCOMPARE(limiter.available(), 10);
        QCOMPARE(limiter.burst(), 10);
        QCOMPARE(RateLimiter(clock, 300).burst(), 30);
        QCOMPARE(RateLimiter(clock, 3).burst(), 1);
    }
};

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "TestRateLimiter.moc"
