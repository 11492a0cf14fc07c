#include "Builders.h"
#include "LoopSimProcess.h"
#include "TempDatabase.h"
#include "loop/LoopClient.h"
#include "storage/MerchantRepository.h"
#include "storage/ReturnRepository.h"
#include "storage/Sql.h"
#include "storage/SyncStateRepository.h"
#include "sync/SyncThread.h"
#include "sync/SyncWorker.h"
#include "util/SystemClock.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTimer>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;
using namespace Dockside::Testing;

// The background sync against real loop-sim processes, on both database backends.
class TestSyncWorker final : public QObject
{
    Q_OBJECT

    struct Held
    {
        qint64 updatedAtMs = 0;
        QString state;
        friend bool operator==(const Held&, const Held&) = default;
    };
    using Snapshot = QMap<qint64, Held>;

private Q_SLOTS:
    void initTestCase_data() { TempDatabase::addBackendRows(); }
    void init() { DOCKSIDE_OPEN_TEST_DATABASE(m_db); }
    void cleanup() { m_db.reset(); }

    void shouldConvergeThreeMerchantsToLoopsTruthDespiteFaults()
    {
        // GIVEN three merchants, each a Loop shop with 2,000 returns where 20% of answers fail
        std::vector<std::unique_ptr<LoopSimProcess>> sims;
        QList<qint64> merchantIds;
        for (int shop = 1; shop <= 3; ++shop) {
            auto sim = std::make_unique<LoopSimProcess>();
            QVERIFY2(sim->start({u"--returns"_s, u"2000"_s, u"--seed"_s, QString::number(40 + shop), u"--shop-id"_s,
                         QString::number(shop), u"--fault-rate"_s, u"0.2"_s, u"--slow-ms"_s, u"1500"_s}),
                qPrintable(sim->errorString()));
            merchantIds << addMerchant(u"Shop %1"_s.arg(shop), *sim);
            sims.push_back(std::move(sim));
        }
        SyncWorker worker(m_db->database(), m_clock, settings(u"station-a"_s), keys());
        worker.setClientFactory(faultTolerantClients());
        QSignalSpy finished(&worker, &SyncWorker::runFinished);

        // WHEN the station syncs (the first run includes the backup sweep)
        worker.start();
        QVERIFY(finished.wait(240'000));

        // THEN every merchant holds exactly its shop's returns, states and updated_at
        QVERIFY2(finished.first().first().toBool(), qPrintable(describe(worker.status())));
        for (int i = 0; i < 3; ++i) {
            const Snapshot truth = simTruth(*sims[i]);
            QCOMPARE(truth.size(), 2000);
            QCOMPARE(held(merchantIds[i]), truth);
        }
        worker.stop();
    }

    void shouldResumeFromTheWatermarkAfterARestartAndShowUpstreamChanges()
    {
        // GIVEN a station that synced once and then stopped
        LoopSimProcess sim;
        QVERIFY(sim.start({u"--returns"_s, u"300"_s, u"--seed"_s, u"8"_s}));
        const qint64 merchantId = addMerchant(u"Bergen Demo"_s, sim);
        {
            SyncWorker first(m_db->database(), m_clock, settings(u"station-a"_s), keys());
            first.setClientFactory(faultTolerantClients());
            QSignalSpy finished(&first, &SyncWorker::runFinished);
            first.start();
            QVERIFY(finished.wait(60'000));
            QVERIFY(finished.first().first().toBool());
            first.stop();
        }
        const auto watermark = SyncStateRepository(m_db->database()).get(merchantId, u"returns"_s);
        QVERIFY(watermark && watermark->watermark.isValid());

        // WHEN, while it was down, Loop cancelled one open return and closed another
        const QList<qint64> open = idsInState(sim, u"open"_s);
        QVERIFY(open.size() >= 2);
        control(sim, "POST", u"returns/%1/state"_s.arg(open[0]), "{\"state\":\"cancelled\"}");
        control(sim, "POST", u"returns/%1/state"_s.arg(open[1]), "{\"state\":\"closed\"}");

        // AND the station restarts and pulls
        SyncWorker second(m_db->database(), m_clock, settings(u"station-a"_s), keys());
        second.setClientFactory(faultTolerantClients());
        QSignalSpy finished(&second, &SyncWorker::runFinished);
        second.start();
        QVERIFY(finished.wait(60'000));
        QVERIFY2(finished.first().first().toBool(), qPrintable(describe(second.status())));

        // THEN it pulled only what changed since the watermark (no sweep: one ran a moment ago), not everything
        const MerchantSyncStatus status = second.status().merchants.first();
        QVERIFY2(status.returnsPulled < 50, qPrintable(QString::number(status.returnsPulled)));
        QVERIFY(!status.fullSweep);
        // AND the station shows the upstream changes
        ReturnRepository returns(m_db->database());
        QCOMPARE((*returns.findByLoopId(merchantId, open[0]))->state, ReturnState::Cancelled);
        QCOMPARE((*returns.findByLoopId(merchantId, open[1]))->state, ReturnState::Closed);
        QCOMPARE(held(merchantId), simTruth(sim));
        second.stop();
    }

    void shouldLetOnlyTheLeaseHolderPullAndHandOverWhenItStops()
    {
        // GIVEN two stations on one database
        LoopSimProcess sim;
        QVERIFY(sim.start({u"--returns"_s, u"50"_s}));
        addMerchant(u"Whiplash Demo"_s, sim);
        SyncWorker stationA(m_db->database(), m_clock, settings(u"station-a"_s), keys());
        SyncWorker stationB(m_db->database(), m_clock, settings(u"station-b"_s), keys());
        QSignalSpy finishedA(&stationA, &SyncWorker::runFinished);
        QSignalSpy finishedB(&stationB, &SyncWorker::runFinished);

        // WHEN A starts first and B after it
        stationA.start();
        stationB.start();
        QVERIFY(finishedA.count() > 0 || finishedA.wait(60'000));
        QVERIFY(finishedB.count() > 0 || finishedB.wait(10'000));

        // THEN A leads and pulled; B follows, knows who leads, and pulled nothing
        QVERIFY(stationA.status().leader);
        QVERIFY(finishedA.first().first().toBool());
        QVERIFY(!stationB.status().leader);
        QCOMPARE(stationB.status().leaderId, u"station-a"_s);
        QVERIFY(!finishedB.first().first().toBool());
        QCOMPARE(stationB.status().merchants.first().returnsPulled, qint64(0));

        // WHEN A stops (releasing the lease) and B is asked to sync
        stationA.stop();
        finishedB.clear();
        stationB.syncNow(false);
        QVERIFY(finishedB.count() > 0 || finishedB.wait(60'000));

        // THEN B leads and pulls
        QVERIFY(stationB.status().leader);
        QVERIFY(finishedB.first().first().toBool());
        stationB.stop();
    }

    void shouldKeepTheMainThreadResponsiveWhileSyncing()
    {
        // GIVEN the sync on its own thread, and a main-thread timer that measures the event loop
        LoopSimProcess sim;
        QVERIFY(sim.start({u"--returns"_s, u"2000"_s, u"--seed"_s, u"3"_s}));
        addMerchant(u"Acme"_s, sim);
        auto worker = std::make_unique<SyncWorker>(m_db->database(), m_clock, settings(u"station-a"_s), keys());
        QSignalSpy finished(worker.get(), &SyncWorker::runFinished);
        QElapsedTimer sinceTick;
        qint64 longestGap = 0;
        int ticks = 0;
        QTimer ticker;
        ticker.setInterval(5);
        connect(&ticker, &QTimer::timeout, this, [&] {
            if (ticks++ > 0)
                longestGap = std::max(longestGap, sinceTick.elapsed());
            sinceTick.restart();
        });
        ticker.start();

        // WHEN a full sync of 2,000 returns runs
        SyncThread thread(std::move(worker));
        QVERIFY(finished.wait(120'000));
        ticker.stop();

        // THEN the main event loop kept ticking throughout
        QVERIFY(finished.first().first().toBool());
        QVERIFY2(ticks > 20, qPrintable(QString::number(ticks)));
        QVERIFY2(longestGap < 250, qPrintable(u"main thread stalled for %1 ms"_s.arg(longestGap)));
    }

private:
    SyncSettings settings(const QString& station) const
    {
        SyncSettings value;
        value.stationId = station;
        value.intervalMs = 3'600'000; // the tests trigger runs themselves
        value.initialDays = 119;
        value.sweepDays = 100;
        value.leaseTtlMs = 30'000;
        value.pageSize = 750;
        return value;
    }

    static SyncWorker::ApiKeyLookup keys()
    {
        return [](const Merchant&) { return std::optional<QByteArray>("sim-key"); };
    }

    SyncWorker::ClientFactory faultTolerantClients()
    {
        return [this](const Merchant& merchant, const QByteArray& key, QObject* parent) {
            LoopClient::Options options;
            options.baseUrl = QUrl(merchant.baseUrl);
            options.version = merchant.apiVersion;
            options.apiKey = key;
            options.perMinute = 6000;
            options.timeoutMs = 1000;
            options.maxAttempts = 12;
            options.backoffBaseMs = 50;
            options.backoffMaxMs = 400;
            return new LoopClient(options, m_clock, parent);
        };
    }

    qint64 addMerchant(const QString& name, const LoopSimProcess& sim)
    {
        Merchant value = merchant(name);
        QUrl base = sim.baseUrl();
        base.setPath(u"/api"_s);
        value.baseUrl = base.toString();
        const Result<qint64> id = MerchantRepository(m_db->database()).insert(value);
        return id ? *id : 0;
    }

    Snapshot held(qint64 merchantId)
    {
        Snapshot snapshot;
        Result<QSqlDatabase> connection = m_db->database().connection();
        if (!connection)
            return snapshot;
        Result<QSqlQuery> rows = Sql::exec(m_db->database(), *connection,
            u"SELECT \"loop_id\", \"updated_at\", \"state\" FROM \"returns\" WHERE \"merchant_id\" = ?"_s,
            {merchantId}, u"test"_s);
        while (rows && rows->next())
            snapshot.insert(rows->value(0).toLongLong(), Held {rows->value(1).toLongLong(), rows->value(2).toString()});
        return snapshot;
    }

    QJsonDocument control(const LoopSimProcess& sim, const QByteArray& method, const QString& path,
        const QByteArray& body = "{}")
    {
        return sim.control(method, path, body);
    }

    Snapshot simTruth(const LoopSimProcess& sim)
    {
        Snapshot snapshot;
        const QJsonArray returns = control(sim, "GET", u"returns"_s).object().value(u"returns"_s).toArray();
        for (const QJsonValue& value : returns) {
            const QJsonObject object = value.toObject();
            snapshot.insert(object.value(u"id"_s).toInteger(),
                Held {QDateTime::fromString(object.value(u"updated_at"_s).toString(), Qt::ISODateWithMs)
                          .toMSecsSinceEpoch(),
                    object.value(u"state"_s).toString()});
        }
        return snapshot;
    }

    QList<qint64> idsInState(const LoopSimProcess& sim, const QString& state)
    {
        QList<qint64> ids;
        const Snapshot truth = simTruth(sim);
        for (auto it = truth.cbegin(); it != truth.cend(); ++it) {
            if (it.value().state == state)
                ids << it.key();
        }
        return ids;
    }

    static QString describe(const SyncStatus& status)
    {
        QStringList lines;
        for (const MerchantSyncStatus& merchant : status.merchants)
            lines << merchant.merchantName + u": "_s + merchant.lastError;
        return lines.join(u"; "_s);
    }

    std::unique_ptr<TempDatabase> m_db;
    SystemClock m_clock;
};

QTEST_GUILESS_MAIN(TestSyncWorker)
#include "TestSyncWorker.moc"
