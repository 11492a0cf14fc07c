#include "Builders.h"
#include "LoopSimProcess.h"
#include "TempDatabase.h"
#include "loop/LoopJson.h"
#include "storage/MerchantRepository.h"
#include "storage/OutboxRepository.h"
#include "storage/ReturnRepository.h"
#include "util/SystemClock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;
using namespace Dockside::Testing;

// Crash injection: a station draining the outbox is killed (SIGKILL) at random points 50 times and
// restarted; Loop must still see every call take effect exactly once.
class TestOutboxCrash final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TempDatabase::addBackendRows(); }
    void init() { DOCKSIDE_OPEN_TEST_DATABASE(m_db); }
    void cleanup() { m_db.reset(); }

    void shouldTellLoopEachThingOnceThoughTheStationIsKilledFiftyTimes()
    {
        // GIVEN a Loop shop whose processing takes a moment and whose answers are a little slow
        LoopSimProcess sim;
        QVERIFY2(sim.start({u"--returns"_s, u"0"_s, u"--process-delay-ms"_s, u"600"_s, u"--latency-ms"_s, u"250"_s}),
            qPrintable(sim.errorString()));
        Merchant shop = merchant(u"Crash Test Shop"_s);
        QUrl base = sim.baseUrl();
        base.setPath(u"/api"_s);
        shop.baseUrl = base.toString();
        const Result<qint64> merchantId = MerchantRepository(m_db->database()).insert(shop);
        QVERIFY(merchantId);
        // AND, all queued up front, 20 processed receipts (5 with a note first) and 6 flagged ones (note, flag)
        QList<qint64> processed;
        QList<qint64> flagged;
        QMap<qint64, QString> notes; // Loop return id -> the note it must hold once
        for (int i = 0; i < 26; ++i) {
            const qint64 loopId = control(sim, "POST", u"returns"_s, "{\"state\":\"open\"}").object().value(u"id"_s).toInteger();
            QVERIFY(loopId > 0);
            ReturnRepository returns(m_db->database());
            QVERIFY(returns.upsert(ReturnBuilder(*merchantId, loopId), m_clock.now()));
            const qint64 localId = (*returns.findByLoopId(*merchantId, loopId))->id;
            const bool flag = i >= 20;
            if (flag || i % 4 == 0) {
                notes.insert(loopId, u"Receipt %1: %2"_s.arg(i).arg(flag ? u"flagged, item missing"_s : u"box dented"_s));
                enqueue(*merchantId, loopId, localId, OutboxKind::Note, LoopJson::noteBody(notes.value(loopId)));
            }
            enqueue(*merchantId, loopId, localId, flag ? OutboxKind::Flag : OutboxKind::Process);
            (flag ? flagged : processed) << loopId;
        }

        // WHEN a worker drains the outbox and is killed at a random moment, 50 times over
        QFETCH_GLOBAL(QString, backend);
        const QStringList arguments = backend == u"sqlite"_s
            ? QStringList {u"--sqlite"_s, m_db->url().sqlitePath()}
            : QStringList {u"--pg-database"_s, m_db->url().databaseName()};
        int killedWhileRunning = 0;
        for (int round = 0; round < 50; ++round) {
            QProcess worker;
            worker.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            worker.start(QStringLiteral(DOCKSIDE_OUTBOX_CRASH_WORKER), arguments);
            QVERIFY2(worker.waitForStarted(10'000), qPrintable(worker.errorString()));
            // The random moment: waitForFinished returns early only when the worker drained everything.
            const int delayMs = 50 + int(QRandomGenerator::global()->bounded(400));
            if (!worker.waitForFinished(delayMs)) {
                ++killedWhileRunning;
                worker.kill(); // SIGKILL: no clean-up, no stop(), half-written work stays as it is
                QVERIFY(worker.waitForFinished(10'000));
            }
        }
        // AND then a last one runs until nothing is pending
        QProcess last;
        last.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        last.start(QStringLiteral(DOCKSIDE_OUTBOX_CRASH_WORKER), arguments);
        QVERIFY(last.waitForFinished(120'000));
        QCOMPARE(last.exitStatus(), QProcess::NormalExit);
        QCOMPARE(last.exitCode(), 0);

        // THEN the kills really hit a working station, most of them mid-drain
        qInfo() << "killed" << killedWhileRunning << "times while the worker was still draining";
        QVERIFY2(killedWhileRunning >= 20, qPrintable(QString::number(killedWhileRunning)));
        // AND every entry is done, or parked as unconfirmed where a process call may never have left
        const Result<QList<OutboxEntry>> entries = OutboxRepository(m_db->database()).list(std::nullopt, 1000);
        QVERIFY(entries);
        QCOMPARE(entries->size(), 20 + 6 + notes.size());
        QSet<qint64> unconfirmed;
        for (const OutboxEntry& entry : *entries) {
            if (entry.status == OutboxStatus::Parked && entry.kind == OutboxKind::Process
                && entry.lastError.startsWith(u"Unconfirmed"_s)) {
                unconfirmed.insert(entry.loopReturnId);
                continue;
            }
            QVERIFY2(entry.status == OutboxStatus::Done,
                qPrintable(u"entry %1 (%2 of %3) is %4: %5"_s.arg(entry.id)
                               .arg(outboxKindCode(entry.kind))
                               .arg(entry.loopReturnId)
                               .arg(outboxStatusCode(entry.status), entry.lastError)));
        }
        qInfo() << unconfirmed.size() << "process entries parked as unconfirmed";
        QVERIFY2(unconfirmed.size() <= 3, qPrintable(QString::number(unconfirmed.size())));
        // AND no return received more than one process call; the done ones are closed, in Loop and here
        ReturnRepository returns(m_db->database());
        for (const qint64 loopId : processed) {
            const QJsonObject truth = control(sim, "GET", u"returns/%1"_s.arg(loopId)).object();
            const int received = truth.value(u"process"_s).toObject().value(u"calls_received"_s).toInt();
            QVERIFY2(received <= 1, qPrintable(u"return %1 received %2 process calls"_s.arg(loopId).arg(received)));
            if (unconfirmed.contains(loopId)) {
                // parked only where Loop really never got it: nothing was processed behind the supervisor's back
                QCOMPARE(received, 0);
                QCOMPARE(truth.value(u"state"_s).toString(), u"open"_s);
                continue;
            }
            QCOMPARE(received, 1);
            QCOMPARE(truth.value(u"state"_s).toString(), u"closed"_s);
            QCOMPARE((*returns.findByLoopId(*merchantId, loopId))->state, ReturnState::Closed);
        }
        // AND every note is there exactly once, every flag took effect once
        for (auto note = notes.cbegin(); note != notes.cend(); ++note) {
            const QJsonObject truth = control(sim, "GET", u"returns/%1"_s.arg(note.key())).object();
            int count = 0;
            for (const QJsonValue& held : truth.value(u"notes"_s).toArray())
                count += held.toObject().value(u"content"_s).toString() == note.value() ? 1 : 0;
            QVERIFY2(count == 1, qPrintable(u"return %1 holds its note %2 times"_s.arg(note.key()).arg(count)));
        }
        for (const qint64 loopId : flagged) {
            const QJsonObject truth = control(sim, "GET", u"returns/%1"_s.arg(loopId)).object();
            QVERIFY(truth.value(u"flagged"_s).toBool());
            int effective = 0;
            for (const QJsonValue& call : truth.value(u"actions"_s).toArray()) {
                const QJsonObject object = call.toObject();
                effective += object.value(u"action"_s).toString() == u"flag"_s && object.value(u"effective"_s).toBool();
            }
            QCOMPARE(effective, 1);
        }
    }

private:
    void enqueue(qint64 merchantId, qint64 loopId, qint64 localId, OutboxKind kind, const QByteArray& payload = "{}")
    {
        OutboxEntry value;
        value.merchantId = merchantId;
        value.returnId = localId;
        value.loopReturnId = loopId;
        value.kind = kind;
        value.payload = payload;
        if (const Result<qint64> id = OutboxRepository(m_db->database()).enqueue(value); !id)
            qFatal("cannot enqueue: %s", qPrintable(id.error().toLogString()));
    }

    QJsonDocument control(const LoopSimProcess& sim, const QByteArray& method, const QString& path,
        const QByteArray& body = "{}")
    {
        return sim.control(method, path, body);
    }

    SystemClock m_clock;
    std::unique_ptr<TempDatabase> m_db;
};

QTEST_GUILESS_MAIN(TestOutboxCrash)
#include "TestOutboxCrash.moc"
