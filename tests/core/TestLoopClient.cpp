#include "LoopSimProcess.h"
#include "loop/LoopClient.h"
#include "util/SystemClock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QFile>
#include <QFileInfo>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;
using namespace Dockside::Testing;

// LoopClient against the real loop-sim program: every endpoint, pagination, faults, rate limits.
class TestLoopClient final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldListEveryReturnAcrossPagesExactlyOnce()
    {
        // GIVEN a shop with 2,100 returns in every state
        LoopSimProcess sim;
        QVERIFY2(sim.start({u"--returns"_s, u"2100"_s, u"--seed"_s, u"11"_s}), qPrintable(sim.errorString()));
        LoopClient client(options(sim), m_clock);

        // WHEN the client pulls every state over a 120-day window in pages of 750
        int pages = 0;
        const auto held = pullEverything(client, sim, &pages);
        QVERIFY2(held, qPrintable(held ? QString() : held.error().toLogString()));

        // THEN it holds exactly the simulator's returns, each once, with their updated_at
        QCOMPARE(held->size(), 2100);
        QCOMPARE(*held, truth(sim));
        QVERIFY2(pages >= 5, qPrintable(QString::number(pages)));
    }

    void shouldAskForTheNextPageWhileTheCurrentOneIsStored()
    {
        // GIVEN a shop whose every answer takes 300 ms, and a request log of when each request arrived
        QTemporaryDir dir;
        const QString log = dir.filePath(u"requests.jsonl"_s);
        LoopSimProcess sim;
        QVERIFY2(sim.start({u"--returns"_s, u"400"_s, u"--seed"_s, u"5"_s, u"--latency-ms"_s, u"300"_s,
                     u"--request-log"_s, log}),
            qPrintable(sim.errorString()));
        LoopClient client(options(sim), m_clock);
        const QDateTime now = simNow(sim);
        ReturnListQuery query;
        query.from = now.addDays(-119);
        query.to = now.addDays(1);
        query.filter = u"created_at"_s;
        query.pageSize = 100;

        // WHEN every page takes 400 ms to store (a slow disk), and the time each store ended is noted
        QList<qint64> storedAt;
        const auto count = wait<int>([&](auto done) {
            client.forEachReturnPage(query, this,
                [&](const ReturnPage&) -> Status {
                    QThread::msleep(400);
                    storedAt << QDateTime::currentMSecsSinceEpoch();
                    return {};
                },
                done);
        });
        QVERIFY2(count, qPrintable(count ? QString() : count.error().toLogString()));
        QVERIFY(storedAt.size() >= 3);

        // THEN each next page's request reached Loop before the page before it was stored
        QTRY_VERIFY(QFileInfo(log).size() > 0);
        QFile file(log);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QList<qint64> arrivedAt;
        for (const QByteArray& line : file.readAll().split('\n')) {
            const QJsonObject entry = QJsonDocument::fromJson(line).object();
            if (!entry.value(u"path"_s).toString().contains(u"/return/list"_s))
                continue;
            const qint64 ended = QDateTime::fromString(entry.value(u"ts"_s).toString(), Qt::ISODateWithMs).toMSecsSinceEpoch();
            arrivedAt << ended - entry.value(u"ms"_s).toInteger();
        }
        std::sort(arrivedAt.begin(), arrivedAt.end());
        QCOMPARE(arrivedAt.size(), storedAt.size());
        for (qsizetype page = 1; page < arrivedAt.size(); ++page)
            QVERIFY2(arrivedAt.at(page) < storedAt.at(page - 1),
                qPrintable(u"page %1 asked for at %2, page %3 stored at %4"_s.arg(page + 1)
                               .arg(arrivedAt.at(page))
                               .arg(page)
                               .arg(storedAt.at(page - 1))));
    }

    void shouldHoldTheExactDataSetDespiteInjectedFaults()
    {
        // GIVEN a shop where 20% of API answers are 500s, 429s, resets, slow or truncated
        LoopSimProcess sim;
        QVERIFY2(sim.start({u"--returns"_s, u"2100"_s, u"--seed"_s, u"12"_s, u"--fault-rate"_s, u"0.2"_s,
                     u"--slow-ms"_s, u"1500"_s}),
            qPrintable(sim.errorString()));
        LoopClient::Options opts = options(sim);
        opts.timeoutMs = 1000; // slow answers time out and are retried
        opts.maxAttempts = 12;
        opts.backoffBaseMs = 50;
        opts.backoffMaxMs = 400;
        LoopClient client(opts, m_clock);
        // AND, so that every kind is met at least once whatever the dice say, one of each on the list
        for (const char* kind : {"500", "429", "reset", "slow", "truncated", "badjson"}) {
            control(sim, "POST", u"faults"_s,
                "{\"kind\":\"" + QByteArray(kind) + "\",\"count\":1,\"path_contains\":\"/return/list\"}");
        }

        // WHEN the client pulls everything in pages of 200
        const auto held = pullEverything(client, sim, nullptr, 200);

        // THEN it still converges to the exact truth
        QVERIFY2(held, qPrintable(held ? QString() : held.error().toLogString()));
        QCOMPARE(*held, truth(sim));
        const QJsonObject faults
            = control(sim, "GET", u"counters"_s).object().value(u"requests"_s).toObject().value(u"faults"_s).toObject();
        for (const char* kind : {"500", "429", "reset", "slow", "truncated", "badjson"})
            QVERIFY2(faults.value(QLatin1StringView(kind)).toInt() >= 1, kind);
    }

    void shouldFetchDetailsByReturnIdAndByOrderName()
    {
        LoopSimProcess sim;
        QVERIFY(sim.start({u"--returns"_s, u"30"_s}));
        LoopClient client(options(sim), m_clock);
        const QJsonObject known = control(sim, "GET", u"returns"_s).object().value(u"returns"_s).toArray().first().toObject();
        const qint64 id = known.value(u"id"_s).toInteger();

        const auto byId = wait<Return>([&](auto done) { client.returnById(id, this, done); });
        QVERIFY2(byId, qPrintable(byId ? QString() : byId.error().toLogString()));
        QCOMPARE(byId->loopId, id);
        QVERIFY(!byId->lines.isEmpty());
        QVERIFY(byId->lines.first().lineItemId > 0);

        const auto byOrder = wait<Return>([&](auto done) { client.returnByOrderName(byId->orderName, this, done); });
        QVERIFY2(byOrder, qPrintable(byOrder ? QString() : byOrder.error().toLogString()));
        QCOMPARE(byOrder->orderName, byId->orderName);

        const auto missing = wait<Return>([&](auto done) { client.returnById(999, this, done); });
        QVERIFY(!missing);
        QCOMPARE(missing.error().kind, Error::Kind::Permanent);
    }

    void shouldReadAdvancedShippingNoticeRows()
    {
        LoopSimProcess sim;
        QVERIFY(sim.start({u"--returns"_s, u"40"_s}));
        LoopClient client(options(sim), m_clock);
        const QDateTime now = simNow(sim);
        const auto rows
            = wait<QList<AsnRow>>([&](auto done) { client.asn(now.addDays(-100), now.addDays(1), this, done); });
        QVERIFY2(rows, qPrintable(rows ? QString() : rows.error().toLogString()));
        QVERIFY(rows->size() >= 40); // one row per line item, at least one item per return
        QVERIFY(rows->first().returnLineItemId > 0);
    }

    void shouldProcessOnceAndReportLoopsRefusalOfASecondProcess()
    {
        LoopSimProcess sim;
        QVERIFY(sim.start({u"--returns"_s, u"0"_s, u"--process-delay-ms"_s, u"100"_s}));
        LoopClient client(options(sim), m_clock);
        const qint64 id = createReturn(sim);

        // WHEN processing it
        const auto processed = wait<void>([&](auto done) { client.process(id, this, done); });
        QVERIFY2(processed, qPrintable(processed ? QString() : processed.error().toLogString()));
        // THEN Loop closes it asynchronously
        QTRY_COMPARE_WITH_TIMEOUT(truthOf(sim, id).value(u"state"_s).toString(), u"closed"_s, 10000);
        // AND a second process is refused with Loop's code
        const auto again = wait<void>([&](auto done) { client.process(id, this, done); });
        QVERIFY(!again);
        QCOMPARE(again.error().kind, Error::Kind::Permanent);
        QCOMPARE(again.error().code, u"UNPROCESSABLE_RETURN"_s);
        QCOMPARE(truthOf(sim, id).value(u"process"_s).toObject().value(u"calls_accepted"_s).toInt(), 1);
    }

    void shouldFlagAddANoteAndReadNotesBack()
    {
        LoopSimProcess sim;
        QVERIFY(sim.start({u"--returns"_s, u"0"_s}));
        LoopClient client(options(sim), m_clock);
        const qint64 id = createReturn(sim);

        const auto none = wait<QList<ReturnNote>>([&](auto done) { client.notes(id, this, done); });
        QVERIFY2(none, qPrintable(none ? QString() : none.error().toLogString()));
        QVERIFY(none->isEmpty());

        QVERIFY(wait<void>([&](auto done) { client.addNote(id, u"Flagged: missing item Tote"_s, this, done); }));
        QVERIFY(wait<void>([&](auto done) { client.flag(id, this, done); }));

        const auto notes = wait<QList<ReturnNote>>([&](auto done) { client.notes(id, this, done); });
        QVERIFY(notes);
        QCOMPARE(notes->size(), 1);
        QCOMPARE(notes->first().content, u"Flagged: missing item Tote"_s);
        const QJsonObject truthNow = truthOf(sim, id);
        QCOMPARE(truthNow.value(u"state"_s).toString(), u"review"_s);
        QVERIFY(truthNow.value(u"flagged"_s).toBool());

        // A note over Loop's 254-character limit is refused, not truncated silently
        const auto tooLong = wait<void>([&](auto done) { client.addNote(id, QString(300, u'x'), this, done); });
        QVERIFY(!tooLong);
        QCOMPARE(tooLong.error().kind, Error::Kind::Permanent);
    }

    void shouldCloseAndCancelOpenReturns()
    {
        LoopSimProcess sim;
        QVERIFY(sim.start({u"--returns"_s, u"0"_s}));
        LoopClient client(options(sim), m_clock);
        const qint64 toClose = createReturn(sim);
        const qint64 toCancel = createReturn(sim);
        QVERIFY(wait<void>([&](auto done) { client.close(toClose, this, done); }));
        QVERIFY(wait<void>([&](auto done) { client.cancel(toCancel, this, done); }));
        QCOMPARE(truthOf(sim, toClose).value(u"state"_s).toString(), u"closed"_s);
        QCOMPARE(truthOf(sim, toCancel).value(u"state"_s).toString(), u"cancelled"_s);
        // AND closing a cancelled return is refused
        const auto refused = wait<void>([&](auto done) { client.close(toCancel, this, done); });
        QVERIFY(!refused);
        QVERIFY(refused.error().message.contains(u"cancelled"_s));
    }

    void shouldGradeAndAssessItems()
    {
        LoopSimProcess sim;
        QVERIFY(sim.start({u"--returns"_s, u"0"_s}));
        LoopClient client(options(sim), m_clock);
        const qint64 id = createReturn(sim);
        const qint64 lineItemId
            = truthOf(sim, id).value(u"line_items"_s).toArray().first().toObject().value(u"line_item_id"_s).toInteger();

        GradeItem grade;
        grade.lineItemId = lineItemId;
        grade.description = u"Worn once"_s;
        grade.condition = Condition::GradeB;
        grade.inspectedAt = m_clock.now();
        const auto graded = wait<int>([&](auto done) { client.grade({grade}, this, done); });
        QVERIFY2(graded, qPrintable(graded ? QString() : graded.error().toLogString()));
        QCOMPARE(*graded, 1);

        AssessItem assess;
        assess.lineItemId = lineItemId;
        assess.disposition = Disposition::BackToStock;
        assess.inspectedAt = m_clock.now();
        const auto assessed = wait<int>([&](auto done) { client.assess({assess}, this, done); });
        QVERIFY2(assessed, qPrintable(assessed ? QString() : assessed.error().toLogString()));
        QCOMPARE(*assessed, 1);

        const QJsonObject line = truthOf(sim, id).value(u"line_items"_s).toArray().first().toObject();
        QVERIFY2(QJsonDocument(line).toJson().contains("grade_b"), QJsonDocument(line).toJson().constData());
        QVERIFY(QJsonDocument(line).toJson().contains("back_to_stock"));

        // A line item of another shop is refused
        grade.lineItemId = 1;
        const auto foreign = wait<int>([&](auto done) { client.grade({grade}, this, done); });
        QVERIFY(!foreign);
        QCOMPARE(foreign.error().kind, Error::Kind::Permanent);
    }

    void shouldCreateListAndDeleteWebhookSubscriptions()
    {
        LoopSimProcess sim;
        QVERIFY(sim.start({u"--returns"_s, u"0"_s}));
        LoopClient client(options(sim), m_clock);
        WebhookSubscription wanted;
        wanted.topic = u"label"_s;
        wanted.trigger = u"label.updated"_s;
        wanted.url = u"http://127.0.0.1:9/loop"_s;
        wanted.status = u"active"_s;
        const auto created = wait<WebhookSubscription>([&](auto done) { client.createWebhook(wanted, this, done); });
        QVERIFY2(created, qPrintable(created ? QString() : created.error().toLogString()));
        QVERIFY(created->id > 0);
        QCOMPARE(created->status, u"active"_s);

        auto listed = wait<QList<WebhookSubscription>>([&](auto done) { client.webhooks(this, done); });
        QVERIFY(listed);
        QVERIFY(std::any_of(listed->cbegin(), listed->cend(), [&](const auto& s) { return s.id == created->id; }));

        WebhookSubscription changed = *created;
        changed.url = u"http://127.0.0.1:10/loop"_s;
        changed.status = u"inactive"_s;
        QVERIFY(wait<void>([&](auto done) { client.updateWebhook(changed, this, done); }));
        listed = wait<QList<WebhookSubscription>>([&](auto done) { client.webhooks(this, done); });
        QVERIFY(std::any_of(listed->cbegin(), listed->cend(), [&](const auto& s) { return s == changed; }));

        QVERIFY(wait<void>([&](auto done) { client.deleteWebhook(created->id, this, done); }));
        listed = wait<QList<WebhookSubscription>>([&](auto done) { client.webhooks(this, done); });
        QVERIFY(std::none_of(listed->cbegin(), listed->cend(), [&](const auto& s) { return s.id == created->id; }));
    }

    void shouldRemoveLineItemsThatDidNotArrive()
    {
        LoopSimProcess sim;
        QVERIFY(sim.start({u"--returns"_s, u"0"_s, u"--seed"_s, u"5"_s}));
        LoopClient client(options(sim), m_clock);
        // GIVEN an open return with a refund or credit line (exchange lines cannot be removed)
        qint64 id = 0;
        qint64 removable = 0;
        for (int tries = 0; tries < 30 && removable == 0; ++tries) {
            id = createReturn(sim);
            const QJsonArray lines = truthOf(sim, id).value(u"line_items"_s).toArray();
            for (const QJsonValue& line : lines) {
                if (line.toObject().value(u"resolution"_s).toString() != u"exchange"_s) {
                    removable = line.toObject().value(u"line_item_id"_s).toInteger();
                    break;
                }
            }
        }
        QVERIFY2(removable > 0, "the simulator made no return with a removable line in 30 tries");
        // WHEN removing it
        const auto removed = wait<void>([&](auto done) { client.removeLineItems(id, {removable}, this, done); });
        QVERIFY2(removed, qPrintable(removed ? QString() : removed.error().toLogString()));
        // THEN the simulator shows it removed, and a second removal is refused with Loop's message
        const QJsonArray lines = truthOf(sim, id).value(u"line_items"_s).toArray();
        const auto line = std::find_if(lines.begin(), lines.end(),
            [removable](const QJsonValue& value) { return value.toObject().value(u"line_item_id"_s).toInteger() == removable; });
        QVERIFY(line != lines.end());
        QVERIFY(line->toObject().value(u"removed"_s).toBool());
        const auto again = wait<void>([&](auto done) { client.removeLineItems(id, {removable}, this, done); });
        QVERIFY(!again);
        QCOMPARE(again.error().kind, Error::Kind::Permanent);
    }

    void shouldRefuseAnAnswerOverTheSizeCap()
    {
        LoopSimProcess sim;
        QVERIFY(sim.start({u"--returns"_s, u"300"_s}));
        LoopClient::Options opts = options(sim);
        opts.maxResponseBytes = 64 * 1024;
        LoopClient client(opts, m_clock);
        ReturnListQuery query;
        query.from = simNow(sim).addDays(-100);
        query.to = simNow(sim);
        query.pageSize = 300;
        const auto page = wait<ReturnPage>([&](auto done) { client.listReturns(query, this, done); });
        QVERIFY(!page);
        QCOMPARE(page.error().code, u"loop.response.too_large"_s);
    }

    void shouldReportAWrongKeyAsAnAuthError()
    {
        LoopSimProcess sim;
        QVERIFY(sim.start({u"--returns"_s, u"5"_s}));
        LoopClient::Options opts = options(sim);
        opts.apiKey = "not-the-key";
        LoopClient client(opts, m_clock);
        const auto page = wait<ReturnPage>([&](auto done) { client.listReturns({}, this, done); });
        QVERIFY(!page);
        QCOMPARE(page.error().kind, Error::Kind::Auth);
        QVERIFY(page.error().message.contains(u"API key"_s));
        QVERIFY(!page.error().message.contains(u"not-the-key"_s));
    }

    void shouldRefuseAWindowOverOneHundredTwentyDays()
    {
        LoopSimProcess sim;
        QVERIFY(sim.start({u"--returns"_s, u"5"_s}));
        LoopClient client(options(sim), m_clock);
        ReturnListQuery query;
        query.from = simNow(sim).addDays(-130);
        query.to = simNow(sim);
        const auto page = wait<ReturnPage>([&](auto done) { client.listReturns(query, this, done); });
        QVERIFY(!page);
        QCOMPARE(page.error().kind, Error::Kind::Permanent);
        QVERIFY2(page.error().message.contains(u"422"_s), qPrintable(page.error().message));
    }

    void shouldRideOutA429StormHonouringRetryAfter()
    {
        // GIVEN Loop answers the next five list calls with 429 (Retry-After: 1)
        LoopSimProcess sim;
        QVERIFY(sim.start({u"--returns"_s, u"5"_s}));
        control(sim, "POST", u"faults"_s, "{\"kind\":\"429\",\"count\":5,\"path_contains\":\"/return/list\"}");
        LoopClient client(options(sim), m_clock);
        QSignalSpy limited(&client, &LoopClient::rateLimited);
        QElapsedTimer timer;
        timer.start();

        // WHEN listing
        const auto page = wait<ReturnPage>([&](auto done) { client.listReturns({}, this, done); });

        // THEN the client waited out every 429 and succeeded
        QVERIFY2(page, qPrintable(page ? QString() : page.error().toLogString()));
        QCOMPARE(limited.count(), 5);
        QVERIFY2(timer.elapsed() >= 4500, qPrintable(QString::number(timer.elapsed())));
    }

    void shouldNotResendAProcessWhoseAnswerWasLost()
    {
        // GIVEN Loop acts on the next process call but the connection drops before the answer
        LoopSimProcess sim;
        QVERIFY(sim.start({u"--returns"_s, u"0"_s}));
        const qint64 id = createReturn(sim);
        control(sim, "POST", u"faults"_s, "{\"kind\":\"reset\",\"count\":1,\"path_contains\":\"/process\"}");
        LoopClient client(options(sim), m_clock);

        // WHEN processing
        const auto processed = wait<void>([&](auto done) { client.process(id, this, done); });

        // THEN the caller learns the outcome is unknown (Transient), and the client did not send it twice
        QVERIFY(!processed);
        QCOMPARE(processed.error().kind, Error::Kind::Transient);
        QCOMPARE(truthOf(sim, id).value(u"process"_s).toObject().value(u"calls_received"_s).toInt(), 1);
        QVERIFY2(processed.error().code != u"loop.unreachable"_s, qPrintable(processed.error().toLogString()));
    }

    void shouldTellARefusedConnectionApartFromALostAnswer()
    {
        // GIVEN a Loop base URL where nothing listens (a simulator that was started and stopped again)
        LoopSimProcess sim;
        QVERIFY(sim.start({u"--returns"_s, u"0"_s}));
        LoopClient::Options opts = options(sim);
        sim.stop();
        opts.maxAttempts = 3;
        opts.backoffBaseMs = 10;
        LoopClient client(opts, m_clock);

        // WHEN an action and a read are sent there
        const auto processed = wait<void>([&](auto done) { client.process(10000001, this, done); });
        const auto read = wait<Return>([&](auto done) { client.returnById(10000001, this, done); });

        // THEN both fail as unreachable (nothing was sent, so even the action may be sent again), retried first
        QVERIFY(!processed);
        QVERIFY(!read);
        for (const Error& error : {processed.error(), read.error()}) {
            QCOMPARE(error.kind, Error::Kind::Transient);
            QCOMPARE(error.code, u"loop.unreachable"_s);
            QVERIFY2(error.message.contains(u"Nothing was sent"_s), qPrintable(error.message));
            QVERIFY2(error.message.contains(u"gave up after 3 attempts"_s), qPrintable(error.message));
        }
    }

private:
    using Snapshot = QMap<qint64, qint64>; // return id -> updated_at (ms)

    LoopClient::Options options(const LoopSimProcess& sim) const
    {
        LoopClient::Options opts;
        QUrl base = sim.baseUrl();
        base.setPath(u"/api"_s);
        opts.baseUrl = base;
        opts.apiKey = "sim-key";
        opts.timeoutMs = 10'000;
        opts.backoffBaseMs = 50;
        opts.backoffMaxMs = 500;
        opts.perMinute = 6000;
        return opts;
    }

    template <typename T>
    Result<T> wait(const std::function<void(LoopClient::Callback<T>)>& start)
    {
        std::optional<Result<T>> out;
        start([&out](Result<T> result) { out = std::move(result); });
        if (!QTest::qWaitFor([&out] { return out.has_value(); }, 120'000))
            return fail(Error::transient(u"test.timeout"_s, u"no answer within 120 s"_s));
        return std::move(*out);
    }

    // Every state: Loop's default list leaves out cancelled and review, so they are asked for separately.
    Result<Snapshot> pullEverything(LoopClient& client, const LoopSimProcess& sim, int* pages, int pageSize = 750)
    {
        Snapshot held;
        const QDateTime now = simNow(sim);
        for (const QString& state : {QString(), u"cancelled"_s, u"review"_s}) {
            ReturnListQuery query;
            query.from = now.addDays(-119);
            query.to = now.addDays(1);
            query.filter = u"created_at"_s;
            query.state = state;
            query.pageSize = pageSize;
            QList<qint64> duplicates;
            const auto count = wait<int>([&](auto done) {
                client.forEachReturnPage(query, this,
                    [&](const ReturnPage& page) -> Status {
                        if (pages)
                            ++*pages;
                        for (const Return& value : page.returns) {
                            if (held.contains(value.loopId))
                                duplicates << value.loopId;
                            held.insert(value.loopId, value.updatedAt.toMSecsSinceEpoch());
                        }
                        return {};
                    },
                    done);
            });
            if (!count)
                return fail(count.error());
            if (!duplicates.isEmpty())
                return fail(Error::permanent(u"test.duplicates"_s, u"%1 returns came twice"_s.arg(duplicates.size())));
        }
        return held;
    }

    QJsonDocument control(const LoopSimProcess& sim, const QByteArray& method, const QString& path,
        const QByteArray& body = "{}")
    {
        return sim.control(method, path, body);
    }

    Snapshot truth(const LoopSimProcess& sim)
    {
        Snapshot snapshot;
        const QJsonArray returns = control(sim, "GET", u"returns"_s).object().value(u"returns"_s).toArray();
        for (const QJsonValue& value : returns) {
            const QJsonObject object = value.toObject();
            snapshot.insert(object.value(u"id"_s).toInteger(),
                QDateTime::fromString(object.value(u"updated_at"_s).toString(), Qt::ISODateWithMs).toMSecsSinceEpoch());
        }
        return snapshot;
    }

    QJsonObject truthOf(const LoopSimProcess& sim, qint64 id)
    {
        return control(sim, "GET", u"returns/%1"_s.arg(id)).object();
    }

    QDateTime simNow(const LoopSimProcess& sim)
    {
        return QDateTime::fromString(control(sim, "GET", u"health"_s).object().value(u"now"_s).toString(),
            Qt::ISODateWithMs);
    }

    qint64 createReturn(const LoopSimProcess& sim)
    {
        return control(sim, "POST", u"returns"_s, "{\"state\":\"open\"}").object().value(u"id"_s).toInteger();
    }

    SystemClock m_clock;
};

QTEST_GUILESS_MAIN(TestLoopClient)
#include "TestLoopClient.moc"
