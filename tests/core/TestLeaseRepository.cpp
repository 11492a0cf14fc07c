#include "TempDatabase.h"
#include "storage/LeaseRepository.h"

#include <QMutex>
#include <QThread>
#include <QtTest>

#include <atomic>

using namespace Qt::StringLiterals;
using namespace Dockside;
using namespace Dockside::Testing;

class TestLeaseRepository final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TempDatabase::addBackendRows(); }
    void init() { DOCKSIDE_OPEN_TEST_DATABASE(m_db); }
    void cleanup() { m_db.reset(); }

    void shouldGiveTheLeaseToOneHolderUntilItExpires()
    {
        LeaseRepository leases(m_db->database());
        // GIVEN station A took the lease for 30 s
        QVERIFY(*leases.tryAcquire(u"sync-leader"_s, u"station-a"_s, 30'000, m_t0));
        // THEN station B cannot take it while it lives
        QVERIFY(!*leases.tryAcquire(u"sync-leader"_s, u"station-b"_s, 30'000, m_t0.addSecs(29)));
        // AND A renews it
        QVERIFY(*leases.tryAcquire(u"sync-leader"_s, u"station-a"_s, 30'000, m_t0.addSecs(20)));
        QVERIFY(!*leases.tryAcquire(u"sync-leader"_s, u"station-b"_s, 30'000, m_t0.addSecs(49)));
        // WHEN A dies and the renewed lease lapses, B takes over
        QVERIFY(*leases.tryAcquire(u"sync-leader"_s, u"station-b"_s, 30'000, m_t0.addSecs(50)));
        const auto lease = leases.current(u"sync-leader"_s);
        QVERIFY(lease && lease->has_value());
        QCOMPARE((*lease)->holder, u"station-b"_s);
        QCOMPARE((*lease)->acquiredAt, m_t0.addSecs(50));
        QCOMPARE((*lease)->expiresAt, m_t0.addSecs(80));
        // AND A, back from the dead, does not get it back while B holds it
        QVERIFY(!*leases.tryAcquire(u"sync-leader"_s, u"station-a"_s, 30'000, m_t0.addSecs(60)));
    }

    void shouldFreeTheLeaseOnRelease()
    {
        LeaseRepository leases(m_db->database());
        QVERIFY(*leases.tryAcquire(u"sync-leader"_s, u"station-a"_s, 30'000, m_t0));
        QVERIFY(leases.release(u"sync-leader"_s, u"station-b"_s)); // not B's to release: no effect
        QVERIFY(!*leases.tryAcquire(u"sync-leader"_s, u"station-b"_s, 30'000, m_t0));
        QVERIFY(leases.release(u"sync-leader"_s, u"station-a"_s));
        QVERIFY(*leases.tryAcquire(u"sync-leader"_s, u"station-b"_s, 30'000, m_t0));
    }

    void shouldNeverHaveTwoLeadersWhenStationsCompete()
    {
        // GIVEN four stations (threads with their own connections) competing for a short lease, each
        // claiming to lead only while its acquire succeeded and the lease has not expired
        Dockside::Database& database = m_db->database();
        std::atomic<int> leaders {0};
        std::atomic<int> overlaps {0};
        std::atomic<int> terms {0};
        QStringList errors;
        QMutex mutex;
        const auto station = [&](const QString& name) {
            LeaseRepository leases(database);
            QElapsedTimer running;
            running.start();
            while (running.elapsed() < 1500) {
                const QDateTime now = QDateTime::currentDateTimeUtc();
                const Result<bool> acquired = leases.tryAcquire(u"sync-leader"_s, name, 200, now);
                if (!acquired) {
                    QMutexLocker lock(&mutex);
                    errors << acquired.error().toLogString();
                    return;
                }
                if (!*acquired) {
                    QThread::yieldCurrentThread();
                    continue;
                }
                // WHEN leading: do some database work (well inside the lease), then release
                if (++leaders > 1)
                    ++overlaps;
                ++terms;
                for (int i = 0; i < 20; ++i) {
                    if (!leases.current(u"sync-leader"_s))
                        break;
                }
                --leaders;
                if (const Status released = leases.release(u"sync-leader"_s, name); !released) {
                    QMutexLocker lock(&mutex);
                    errors << released.error().toLogString();
                    return;
                }
            }
        };
        QList<QThread*> threads;
        for (int i = 0; i < 4; ++i)
            threads << QThread::create(station, u"station-%1"_s.arg(i));
        for (QThread* thread : threads)
            thread->start();
        for (QThread* thread : threads) {
            QVERIFY(thread->wait(30000));
            delete thread;
        }
        // THEN leadership changed hands many times, and never overlapped
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
        QVERIFY2(terms > 10, qPrintable(QString::number(terms)));
        QCOMPARE(overlaps.load(), 0);
    }

private:
    std::unique_ptr<TempDatabase> m_db;
    const QDateTime m_t0 = QDateTime(QDate(2026, 11, 2), QTime(10, 0), Qt::UTC);
};

QTEST_GUILESS_MAIN(TestLeaseRepository)
#include "TestLeaseRepository.moc"
