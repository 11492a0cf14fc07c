#include "Builders.h"
#include "LoopSimProcess.h"
#include "TempDatabase.h"
#include "loop/LoopClient.h"
#include "loop/LoopJson.h"
#include "outbox/OutboxDispatcher.h"
#include "outbox/OutboxThread.h"
#include "storage/AuditRepository.h"
#include "storage/MerchantRepository.h"
#include "storage/OutboxRepository.h"
#include "storage/ReturnRepository.h"
#include "util/SystemClock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;
using namespace Dockside::Testing;

// The outbox dispatcher against a real loop-sim, on both database backends: what Loop ends up holding
// (the simulator's truth, including how many process calls it received) is what the tests check.
class TestOutboxDispatcher final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TempDatabase::addBackendRows(); }

    void init()
    {
        DOCKSIDE_OPEN_TEST_DATABASE(m_db);
        m_sim = std::make_unique<LoopSimProcess>();
        QVERIFY2(m_sim->start({u"--returns"_s, u"0"_s, u"--process-delay-ms"_s, u"200"_s}),
            qPrintable(m_sim->errorString()));
        Merchant value = merchant(u"Acme Outfitters"_s);
        QUrl base = m_sim->baseUrl();
        base.setPath(u"/api"_s);
        value.baseUrl = base.toString();
        const Result<qint64> id = MerchantRepository(m_db->database()).insert(value);
        QVERIFY(id);
        m_merchantId = *id;
    }

    void cleanup()
    {
        m_dispatcher.reset();
        m_sim.reset();
        m_db.reset();
    }

    void shouldProcessOnceConfirmTheCloseAndCloseTheLocalCopy()
    {
        // GIVEN an open return held locally and a receipt's process entry
        const auto [loopId, localId] = openReturn();
        const qint64 entryId = enqueue(loopId, localId, OutboxKind::Process);

        // WHEN the dispatcher runs
        startDispatcher();

        // THEN the entry is done once Loop shows the return closed, after exactly one process call
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(entryId), OutboxStatus::Done, 20'000);
        const QJsonObject truth = truthOf(loopId);
        QCOMPARE(truth.value(u"state"_s).toString(), u"closed"_s);
        QCOMPARE(truth.value(u"process"_s).toObject().value(u"calls_received"_s).toInt(), 1);
        // AND the local copy is the fresh, closed one, with the close and the push in the audit trail
        QCOMPARE((*ReturnRepository(m_db->database()).find(localId))->state, ReturnState::Closed);
        const QStringList actions = auditActions(localId);
        QVERIFY2(actions.contains(u"rma_closed"_s), qPrintable(actions.join(u',')));
        QCOMPARE(actions.count(u"push"_s), 1);
        // AND the status reports nothing left
        QTRY_COMPARE(m_dispatcher->status().pending, 0);
        QCOMPARE(m_dispatcher->status().inFlight, 0);
        QVERIFY(m_dispatcher->status().done >= 1);
    }

    void shouldSendTheNoteBeforeTheFlag()
    {
        // GIVEN a flag decision: a note with the reason, then the flag
        const auto [loopId, localId] = openReturn();
        const QString reason = u"Flagged: missing item \"Canvas Tote\" (1 of 2 received)"_s;
        const qint64 note = enqueue(loopId, localId, OutboxKind::Note, LoopJson::noteBody(reason));
        const qint64 flag = enqueue(loopId, localId, OutboxKind::Flag);

        // WHEN the dispatcher runs
        startDispatcher();

        // THEN Loop holds the note once and the return is flagged for review, the note first
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(flag), OutboxStatus::Done, 20'000);
        QCOMPARE(statusOf(note), OutboxStatus::Done);
        const QJsonObject truth = truthOf(loopId);
        QCOMPARE(noteCount(truth, reason), 1);
        QVERIFY(truth.value(u"flagged"_s).toBool());
        QCOMPARE(truth.value(u"state"_s).toString(), u"review"_s);
        const QJsonArray calls = truth.value(u"actions"_s).toArray();
        QCOMPARE(calls.size(), 2);
        QCOMPARE(calls.at(0).toObject().value(u"action"_s).toString(), u"note"_s);
        QCOMPARE(calls.at(1).toObject().value(u"action"_s).toString(), u"flag"_s);
    }

    void shouldParkAProcessLoopRefusesBecauseTheReturnWasCancelled()
    {
        // GIVEN a return the merchant cancelled in Loop Admin after it was pulled
        const auto [loopId, localId] = openReturn();
        control("POST", u"returns/%1/state"_s.arg(loopId), "{\"state\":\"cancelled\"}");
        const qint64 entryId = enqueue(loopId, localId, OutboxKind::Process);
        // AND a note queued behind it
        const qint64 behind = enqueue(loopId, localId, OutboxKind::Note, LoopJson::noteBody(u"Received"_s));

        // WHEN the dispatcher runs
        startDispatcher();

        // THEN the process entry is parked with Loop's message and Loop accepted no process call
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(entryId), OutboxStatus::Parked, 20'000);
        const OutboxEntry parked = entry(entryId);
        QVERIFY2(parked.lastError.contains(u"Return is cancelled and therefore cannot be processed."_s),
            qPrintable(parked.lastError));
        const QJsonObject truth = truthOf(loopId);
        QCOMPARE(truth.value(u"process"_s).toObject().value(u"calls_accepted"_s).toInt(), 0);
        QCOMPARE(truth.value(u"state"_s).toString(), u"cancelled"_s);
        // AND the entry behind it waits for a supervisor, unsent
        QTRY_VERIFY(m_dispatcher->status().parked == 1 && m_dispatcher->status().inFlight == 0);
        QCOMPARE(statusOf(behind), OutboxStatus::Pending);
        QCOMPARE(entry(behind).attempts, 0);
        QCOMPARE(noteCount(truthOf(loopId), u"Received"_s), 0);
        QVERIFY(m_dispatcher->status().lastError.contains(u"cancelled"_s));
    }

    void shouldConfirmInsteadOfResendingWhenTheProcessAnswerIsLost()
    {
        // GIVEN Loop acts on the next process call but the connection drops before the answer
        const auto [loopId, localId] = openReturn();
        control("POST", u"faults"_s, "{\"kind\":\"reset\",\"count\":1,\"path_contains\":\"/process\"}");
        const qint64 entryId = enqueue(loopId, localId, OutboxKind::Process);

        // WHEN the dispatcher runs
        startDispatcher();

        // THEN it reads the return back until closed, and Loop received exactly one process call
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(entryId), OutboxStatus::Done, 20'000);
        const QJsonObject truth = truthOf(loopId);
        QCOMPARE(truth.value(u"process"_s).toObject().value(u"calls_received"_s).toInt(), 1);
        QCOMPARE(truth.value(u"state"_s).toString(), u"closed"_s);
        QCOMPARE(entry(entryId).attempts, 1);
        QCOMPARE((*ReturnRepository(m_db->database()).find(localId))->state, ReturnState::Closed);
    }

    void shouldReadBackAfterACrashInsteadOfProcessingAgain()
    {
        // GIVEN a station that recorded the attempt, sent the process call and died before the answer
        const auto [loopId, localId] = openReturn();
        const qint64 entryId = enqueue(loopId, localId, OutboxKind::Process);
        QVERIFY(OutboxRepository(m_db->database()).markAttempt(entryId, m_clock.now()));
        LoopClient crashed(clientOptions(), m_clock);
        std::optional<Status> answer;
        crashed.process(loopId, this, [&answer](const Status& result) { answer = result; });
        QTRY_VERIFY(answer.has_value() && answer->has_value());

        // WHEN the station restarts
        startDispatcher();

        // THEN the entry ends done without a second process call
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(entryId), OutboxStatus::Done, 20'000);
        QCOMPARE(truthOf(loopId).value(u"process"_s).toObject().value(u"calls_received"_s).toInt(), 1);
        QCOMPARE(entry(entryId).attempts, 1);
    }

    void shouldParkAsUnconfirmedWhenAnEarlierAttemptMayHaveReachedLoopAndTheReturnStaysOpen()
    {
        // GIVEN an attempt recorded long ago whose fate is unknown, and a return still open in Loop
        const auto [loopId, localId] = openReturn();
        const qint64 entryId = enqueue(loopId, localId, OutboxKind::Process);
        QVERIFY(OutboxRepository(m_db->database()).markAttempt(entryId, m_clock.now().addSecs(-3600)));

        // WHEN the dispatcher runs
        startDispatcher();

        // THEN it does not send the process call again but parks the entry for a supervisor
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(entryId), OutboxStatus::Parked, 20'000);
        QVERIFY2(entry(entryId).lastError.startsWith(u"Unconfirmed"_s), qPrintable(entry(entryId).lastError));
        QCOMPARE(truthOf(loopId).value(u"process"_s).toObject().value(u"calls_received"_s).toInt(), 0);
    }

    void shouldParkWhenQueuedProcessingDoesNotCloseTheReturnInTime()
    {
        // GIVEN Loop accepts the process call but its processing run fails (the return stays open)
        const auto [loopId, localId] = openReturn();
        control("POST", u"returns/%1/fail-next-process"_s.arg(loopId), "{\"message\":\"Out of stock\"}");
        const qint64 entryId = enqueue(loopId, localId, OutboxKind::Process);

        // WHEN the dispatcher runs with a short confirmation window
        OutboxSettings settings = testSettings();
        settings.confirmWindowMs = 1500;
        startDispatcher(settings);

        // THEN the entry is parked with a clear reason after one process call, never a second one
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(entryId), OutboxStatus::Parked, 20'000);
        QVERIFY2(entry(entryId).lastError.contains(u"still open"_s), qPrintable(entry(entryId).lastError));
        QCOMPARE(truthOf(loopId).value(u"process"_s).toObject().value(u"calls_received"_s).toInt(), 1);
    }

    void shouldRetryTransientFailuresOnNoteAndFlagAndTakeEachEffectOnce()
    {
        // GIVEN Loop fails the next note calls with 500s and throttles the next flag calls with 429s
        const auto [loopId, localId] = openReturn();
        control("POST", u"faults"_s, "{\"kind\":\"500\",\"count\":2,\"method\":\"POST\",\"path_contains\":\"/note\"}");
        control("POST", u"faults"_s, "{\"kind\":\"429\",\"count\":3,\"path_contains\":\"/flag\"}");
        control("POST", u"faults"_s, "{\"kind\":\"500\",\"count\":1,\"path_contains\":\"/flag\"}");
        const QString reason = u"Flagged: wrong item in the box"_s;
        const qint64 note = enqueue(loopId, localId, OutboxKind::Note, LoopJson::noteBody(reason));
        const qint64 flag = enqueue(loopId, localId, OutboxKind::Flag);

        // WHEN the dispatcher runs (its client gives up on a 429 after two tries, leaving the rest to the outbox)
        startDispatcher();

        // THEN both end done after retries, and each took effect once
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(flag), OutboxStatus::Done, 30'000);
        QCOMPARE(statusOf(note), OutboxStatus::Done);
        QVERIFY2(entry(note).attempts >= 3, qPrintable(QString::number(entry(note).attempts)));
        QVERIFY2(entry(flag).attempts >= 2, qPrintable(QString::number(entry(flag).attempts)));
        const QJsonObject truth = truthOf(loopId);
        QCOMPARE(noteCount(truth, reason), 1);
        QVERIFY(truth.value(u"flagged"_s).toBool());
        int effectiveFlags = 0;
        for (const QJsonValue& call : truth.value(u"actions"_s).toArray()) {
            const QJsonObject object = call.toObject();
            if (object.value(u"action"_s).toString() == u"flag"_s && object.value(u"effective"_s).toBool())
                ++effectiveFlags;
        }
        QCOMPARE(effectiveFlags, 1);
    }

    void shouldParkANoteLoopWouldRefuseWithoutSendingIt()
    {
        // GIVEN a note of 255 characters, one more than Loop takes
        const auto [loopId, localId] = openReturn();
        const qint64 entryId = enqueue(loopId, localId, OutboxKind::Note, LoopJson::noteBody(QString(255, u'x')));

        // WHEN the dispatcher runs
        startDispatcher();

        // THEN it is parked with the reason and nothing reached Loop
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(entryId), OutboxStatus::Parked, 20'000);
        QVERIFY2(entry(entryId).lastError.contains(u"254"_s), qPrintable(entry(entryId).lastError));
        QCOMPARE(entry(entryId).attempts, 0);
        QVERIFY(truthOf(loopId).value(u"notes"_s).toArray().isEmpty());
    }

    void shouldPauseTheMerchantWhenLoopRefusesTheKeyWithoutParking()
    {
        // GIVEN a merchant whose stored API key Loop does not know
        const auto [loopId, localId] = openReturn();
        const qint64 entryId = enqueue(loopId, localId, OutboxKind::Note, LoopJson::noteBody(u"Received"_s));
        m_apiKey = "wrong-key";

        // WHEN the dispatcher runs
        startDispatcher();

        // THEN the merchant is paused and reported, and the entry keeps waiting, not parked
        QTRY_COMPARE_WITH_TIMEOUT(m_dispatcher->status().pausedMerchants.size(), 1, 20'000);
        QCOMPARE(m_dispatcher->status().pausedMerchants.first().merchantId, m_merchantId);
        QVERIFY(m_dispatcher->status().pausedMerchants.first().reason.contains(u"401"_s));
        QCOMPARE(statusOf(entryId), OutboxStatus::Pending);
        QCOMPARE(entry(entryId).attempts, 1);

        // WHEN the key is fixed and the merchant resumed
        m_apiKey = "sim-key";
        m_dispatcher->resumeMerchant(m_merchantId);

        // THEN the note goes out, once
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(entryId), OutboxStatus::Done, 20'000);
        QVERIFY(m_dispatcher->status().pausedMerchants.isEmpty());
        QCOMPARE(noteCount(truthOf(loopId), u"Received"_s), 1);
    }

    void shouldReportStatusFromItsOwnThread()
    {
        // GIVEN two processed returns queued, and the dispatcher on its own thread
        const auto [first, firstLocal] = openReturn();
        const auto [second, secondLocal] = openReturn();
        enqueue(first, firstLocal, OutboxKind::Process);
        enqueue(second, secondLocal, OutboxKind::Process);
        // Clients are made on the dispatcher's thread, so the factory may not touch this thread's objects.
        const LoopClient::Options options = clientOptions();
        SystemClock* clock = &m_clock;
        auto dispatcher = std::make_unique<OutboxDispatcher>(m_db->database(), m_clock, testSettings(),
            [options, clock](qint64, QObject* parent) { return new LoopClient(options, *clock, parent); });
        std::optional<OutboxDispatchStatus> last;
        connect(dispatcher.get(), &OutboxDispatcher::statusChanged, this,
            [&last](const OutboxDispatchStatus& status) { last = status; });

        // WHEN it runs there
        {
            OutboxThread thread(std::move(dispatcher));

            // THEN the status values that arrive on this thread end with both done and nothing pending
            QTRY_VERIFY_WITH_TIMEOUT(last && last->done == 2 && last->pending == 0 && last->inFlight == 0, 20'000);
            QVERIFY(last->running);
        }
        QCOMPARE(truthOf(first).value(u"process"_s).toObject().value(u"calls_received"_s).toInt(), 1);
        QCOMPARE(truthOf(second).value(u"process"_s).toObject().value(u"calls_received"_s).toInt(), 1);
    }

    void shouldSendFromOneStationOfTheSiteAtATime()
    {
        // GIVEN eight open returns with a process entry each, and two stations of one site with their own senders
        QList<std::pair<qint64, qint64>> returns;
        QList<qint64> entries;
        for (int i = 0; i < 8; ++i) {
            returns << openReturn();
            entries << enqueue(returns.constLast().first, returns.constLast().second, OutboxKind::Process);
        }
        OutboxSettings first = testSettings();
        first.stationId = u"dock-1"_s;
        first.senderLeaseTtlMs = 2'000;
        OutboxSettings second = first;
        second.stationId = u"dock-2"_s;
        startDispatcher(first);
        auto other = std::make_unique<OutboxDispatcher>(m_db->database(), m_clock, second,
            [this](qint64, QObject* parent) { return new LoopClient(clientOptions(), m_clock, parent); });
        other->start();

        // WHEN both run until every entry is done
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(entries.cbegin(), entries.cend(),
                                     [this](qint64 id) { return statusOf(id) == OutboxStatus::Done; }),
            30'000);

        // THEN only the first station sent, and Loop got exactly one process call per return
        QVERIFY(m_dispatcher->status().sender);
        QVERIFY(!other->status().sender);
        QCOMPARE(other->status().senderId, u"dock-1"_s);
        for (const auto& [loopId, localId] : returns) {
            QCOMPARE(truthOf(loopId).value(u"process"_s).toObject().value(u"calls_received"_s).toInt(), 1);
            for (const AuditEvent& event : AuditRepository(m_db->database()).forReturn(localId).value_or(QList<AuditEvent>())) {
                if (event.action == u"push"_s)
                    QCOMPARE(event.station, u"dock-1"_s);
            }
        }

        // WHEN the first station stops and a new receipt is queued
        m_dispatcher->stop();
        const auto [loopId, localId] = openReturn();
        const qint64 late = enqueue(loopId, localId, OutboxKind::Process);
        other->wake();

        // THEN the second station takes over and sends it, once
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(late), OutboxStatus::Done, 20'000);
        QVERIFY(other->status().sender);
        QCOMPARE(truthOf(loopId).value(u"process"_s).toObject().value(u"calls_received"_s).toInt(), 1);
        other.reset();
    }

    void shouldNotRecordASecondAttemptFromAStaleRead()
    {
        // GIVEN an entry two senders read with no attempts yet
        const auto [loopId, localId] = openReturn();
        const qint64 entryId = enqueue(loopId, localId, OutboxKind::Process);
        OutboxRepository outbox(m_db->database());

        // WHEN the first records its attempt, and the second then tries with what it read
        QVERIFY(outbox.markAttempt(entryId, m_clock.now(), 0));
        const Status second = outbox.markAttempt(entryId, m_clock.now(), 0);

        // THEN the second is told the entry was taken, and only one attempt is on record
        QVERIFY(!second);
        QCOMPARE(second.error().code, u"outbox.taken"_s);
        QCOMPARE(entry(entryId).attempts, 1);
    }

    void shouldRetryAProcessWhileLoopIsUnreachableAndSendItOnceWhenLoopIsBack()
    {
        // GIVEN a shop that comes back identical after a restart (same seed and time anchor), an open return of it
        // held locally and its process entry
        const QStringList shop {u"--returns"_s, u"40"_s, u"--seed"_s, u"7"_s, u"--epoch"_s,
            u"2026-10-01T12:00:00Z"_s, u"--process-delay-ms"_s, u"200"_s};
        QVERIFY2(m_sim->start(shop), qPrintable(m_sim->errorString()));
        const QString port = QString::number(m_sim->port());
        qint64 loopId = 0;
        for (const QJsonValue& value : control("GET", u"returns"_s).object().value(u"returns"_s).toArray()) {
            const QJsonObject candidate = value.toObject();
            if (candidate.value(u"state"_s).toString() == u"open"_s && !candidate.value(u"flagged"_s).toBool()) {
                loopId = candidate.value(u"id"_s).toInteger();
                break;
            }
        }
        QVERIFY(loopId > 0);
        ReturnRepository returns(m_db->database());
        QVERIFY(returns.upsert(ReturnBuilder(m_merchantId, loopId), m_clock.now()));
        const qint64 localId = (*returns.findByLoopId(m_merchantId, loopId))->id;
        const qint64 entryId = enqueue(loopId, localId, OutboxKind::Process);
        // AND nothing listening at Loop's address any more
        m_sim->stop();

        // WHEN the dispatcher runs
        startDispatcher();

        // THEN the process call is retried, never parked as unconfirmed: a refused connection sent nothing
        QTRY_VERIFY_WITH_TIMEOUT(entry(entryId).attempts >= 3, 20'000);
        QCOMPARE(statusOf(entryId), OutboxStatus::Pending);
        QVERIFY2(entry(entryId).lastError.contains(u"Nothing was sent"_s), qPrintable(entry(entryId).lastError));
        QVERIFY(m_dispatcher->status().lastError.contains(u"Could not connect to Loop"_s));

        // WHEN Loop is back at the same address
        QVERIFY2(m_sim->start(shop + QStringList {u"--port"_s, port}), qPrintable(m_sim->errorString()));

        // THEN the process call goes exactly once, is confirmed, and the local copy closes
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(entryId), OutboxStatus::Done, 30'000);
        const QJsonObject truth = truthOf(loopId);
        QCOMPARE(truth.value(u"process"_s).toObject().value(u"calls_received"_s).toInt(), 1);
        QCOMPARE(truth.value(u"state"_s).toString(), u"closed"_s);
        QCOMPARE((*returns.find(localId))->state, ReturnState::Closed);
    }

private:
    OutboxSettings testSettings() const
    {
        OutboxSettings settings;
        settings.stationId = u"station-test"_s;
        settings.lookIntervalMs = 50;
        settings.retryBaseMs = 50;
        settings.retryMaxMs = 300;
        settings.confirmFirstPollMs = 50;
        settings.confirmMaxPollMs = 300;
        settings.confirmWindowMs = 8'000;
        return settings;
    }

    LoopClient::Options clientOptions() const
    {
        LoopClient::Options options;
        QUrl base = m_sim->baseUrl();
        base.setPath(u"/api"_s);
        options.baseUrl = base;
        options.apiKey = m_apiKey;
        options.perMinute = 6000;
        options.timeoutMs = 5'000;
        options.maxAttempts = 2;
        options.backoffBaseMs = 20;
        options.backoffMaxMs = 100;
        return options;
    }

    void startDispatcher(const OutboxSettings& settings)
    {
        m_dispatcher = std::make_unique<OutboxDispatcher>(m_db->database(), m_clock, settings,
            [this](qint64 merchantId, QObject* parent) -> LoopClient* {
                if (merchantId != m_merchantId)
                    return nullptr;
                LoopClient::Options options = clientOptions();
                options.apiKey = m_apiKey; // read when the client is made: a resumed merchant gets the new key
                return new LoopClient(options, m_clock, parent);
            });
        m_dispatcher->start();
    }
    void startDispatcher() { startDispatcher(testSettings()); }

    // A return open in the simulator and held locally (an older copy, as a pull would have left it).
    std::pair<qint64, qint64> openReturn()
    {
        const qint64 loopId = control("POST", u"returns"_s, "{\"state\":\"open\",\"label_status\":\"delivered\"}")
                                  .object()
                                  .value(u"id"_s)
                                  .toInteger();
        ReturnRepository returns(m_db->database());
        const Result<UpsertOutcome> stored = returns.upsert(ReturnBuilder(m_merchantId, loopId), m_clock.now());
        if (!stored)
            qFatal("cannot store return: %s", qPrintable(stored.error().toLogString()));
        return {loopId, (*returns.findByLoopId(m_merchantId, loopId))->id};
    }

    qint64 enqueue(qint64 loopId, qint64 localId, OutboxKind kind, const QByteArray& payload = "{}")
    {
        OutboxEntry value;
        value.merchantId = m_merchantId;
        value.returnId = localId;
        value.loopReturnId = loopId;
        value.kind = kind;
        value.payload = payload;
        const Result<qint64> id = OutboxRepository(m_db->database()).enqueue(value);
        if (!id)
            qFatal("cannot enqueue: %s", qPrintable(id.error().toLogString()));
        return *id;
    }

    OutboxEntry entry(qint64 id)
    {
        const auto found = OutboxRepository(m_db->database()).find(id);
        return found && found->has_value() ? **found : OutboxEntry {};
    }

    OutboxStatus statusOf(qint64 id)
    {
        const auto found = OutboxRepository(m_db->database()).find(id);
        return found && found->has_value() ? (*found)->status : OutboxStatus::Pending;
    }

    QStringList auditActions(qint64 localId)
    {
        QStringList actions;
        const auto events = AuditRepository(m_db->database()).forReturn(localId);
        for (const AuditEvent& event : events.value_or(QList<AuditEvent>()))
            actions << event.action;
        return actions;
    }

    static int noteCount(const QJsonObject& truth, const QString& content)
    {
        int count = 0;
        for (const QJsonValue& note : truth.value(u"notes"_s).toArray())
            count += note.toObject().value(u"content"_s).toString() == content ? 1 : 0;
        return count;
    }

    QJsonObject truthOf(qint64 loopId) { return control("GET", u"returns/%1"_s.arg(loopId)).object(); }

    QJsonDocument control(const QByteArray& method, const QString& path, const QByteArray& body = "{}")
    {
        return m_sim->control(method, path, body);
    }

    SystemClock m_clock;
    std::unique_ptr<TempDatabase> m_db;
    std::unique_ptr<LoopSimProcess> m_sim;
    std::unique_ptr<OutboxDispatcher> m_dispatcher;
    qint64 m_merchantId = 0;
    QByteArray m_apiKey = "sim-key";
};

QTEST_GUILESS_MAIN(TestOutboxDispatcher)
#include "TestOutboxDispatcher.moc"
