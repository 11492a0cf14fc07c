#include "Builders.h"
#include "FakeClock.h"
#include "LoopSimProcess.h"
#include "TempDatabase.h"
#include "loop/LoopClient.h"
#include "storage/MerchantRepository.h"
#include "storage/ReturnRepository.h"
#include "storage/WebhookInboxRepository.h"
#include "util/SystemClock.h"
#include "webhook/WebhookProcessor.h"

#include <QFile>
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

namespace {

QJsonObject fixture(const QString& name)
{
    QFile file(QStringLiteral(DOCKSIDE_TEST_DATA_DIR) + u"/loop/"_s + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(file.fileName()));
    return QJsonDocument::fromJson(file.readAll()).object();
}

QString iso(const QDateTime& at)
{
    return at.toUTC().toString(Qt::ISODateWithMs);
}

QByteArray compact(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// A `return` webhook as Loop sends it (the documented fixture) for return `loopId`, in `state`, last updated at
// `updatedAt`, with two line items and a label that is new as of `labelAt`.
QByteArray returnWebhook(qint64 loopId, const QString& state, const QDateTime& updatedAt, const QDateTime& labelAt)
{
    QJsonObject object = fixture(u"webhook_return.json"_s);
    object.insert(u"id"_s, QString::number(loopId));
    object.insert(u"state"_s, state);
    object.insert(u"updated_at"_s, iso(updatedAt));
    object.insert(u"labels"_s, QJsonArray());
    object.insert(u"label_status"_s, u"new"_s);
    object.insert(u"label_updated_at"_s, iso(labelAt));
    QJsonArray lines = object.value(u"line_items"_s).toArray();
    QJsonObject second = lines.first().toObject();
    second.insert(u"line_item_id"_s, u"55500102"_s);
    second.insert(u"sku"_s, u"TOTE-NVY"_s);
    second.insert(u"barcode"_s, u"0123456789029"_s);
    lines.append(second);
    object.insert(u"line_items"_s, lines);
    return compact(object);
}

QByteArray labelWebhook(qint64 loopId, const QString& status, const QDateTime& labelAt, const QString& tracking)
{
    QJsonObject object = fixture(u"webhook_label.json"_s);
    object.insert(u"id"_s, loopId);
    object.insert(u"label_status"_s, status);
    object.insert(u"label_updated_at"_s, iso(labelAt));
    object.insert(u"tracking_number"_s, tracking);
    return compact(object);
}

} // namespace

// WebhookProcessor on the test's thread, against both database backends and, for fetches, the real loop-sim.
class TestWebhookProcessor final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TempDatabase::addBackendRows(); }

    void init()
    {
        DOCKSIDE_OPEN_TEST_DATABASE(m_db);
        const Result<qint64> merchant = MerchantRepository(m_db->database()).insert(Testing::merchant());
        QVERIFY2(merchant, qPrintable(merchant ? QString() : merchant.error().toLogString()));
        m_merchantId = *merchant;
        m_clock.set(m_t0);
    }

    void cleanup() { m_db.reset(); }

    void shouldStoreTheReturnOfAReturnWebhook()
    {
        // GIVEN a return.created delivery in the inbox
        WebhookProcessor processor(m_db->database(), m_clock, noClients());
        QSignalSpy stored(&processor, &WebhookProcessor::returnStored);
        const qint64 delivery = deliver(returnWebhook(41000007, u"open"_s, m_t0, m_t0));

        // WHEN the processor is woken
        processor.wake();

        // THEN the return is held with its lines, for this merchant, and the delivery is settled
        const auto held = ReturnRepository(m_db->database()).findByLoopId(m_merchantId, 41000007);
        QVERIFY(held && held->has_value());
        QCOMPARE((*held)->state, ReturnState::Open);
        QCOMPARE((*held)->orderName, u"#1042"_s);
        QCOMPARE((*held)->lines.size(), 2);
        QCOMPARE((*held)->updatedAt, m_t0);
        QCOMPARE(stored.count(), 1);
        QCOMPARE(stored.first().at(0).toLongLong(), m_merchantId);
        QCOMPARE(stored.first().at(1).toLongLong(), 41000007);
        QVERIFY(isSettled(delivery));
    }

    void shouldChangeNothingWhenAnOlderUpdateArrivesAfterANewerOne()
    {
        // GIVEN the closing update (newer) was applied first
        WebhookProcessor processor(m_db->database(), m_clock, noClients());
        QSignalSpy stored(&processor, &WebhookProcessor::returnStored);
        const qint64 newer = deliver(returnWebhook(41000007, u"closed"_s, m_t0.addSecs(3600), m_t0));
        processor.wake();
        QCOMPARE(stored.count(), 1);

        // WHEN the earlier "open" update arrives late
        const qint64 older = deliver(returnWebhook(41000007, u"open"_s, m_t0.addSecs(60), m_t0));
        processor.wake();

        // THEN the return stays closed, nothing is reported as stored, and both deliveries are settled
        const auto held = ReturnRepository(m_db->database()).findByLoopId(m_merchantId, 41000007);
        QVERIFY(held && held->has_value());
        QCOMPARE((*held)->state, ReturnState::Closed);
        QCOMPARE((*held)->updatedAt, m_t0.addSecs(3600));
        QCOMPARE(stored.count(), 1);
        QVERIFY(isSettled(newer));
        QVERIFY(isSettled(older));
    }

    void shouldHoldOneReturnWhenTheSameDeliveryComesThreeTimes()
    {
        // GIVEN Loop retried a delivery: three identical bodies in the inbox
        WebhookProcessor processor(m_db->database(), m_clock, noClients());
        const QByteArray body = returnWebhook(41000007, u"open"_s, m_t0, m_t0);
        const QList<qint64> deliveries = { deliver(body), deliver(body), deliver(body) };

        // WHEN they are processed
        processor.wake();

        // THEN one return with its two lines is held, each scan key matches it once, all three are settled
        ReturnRepository returns(m_db->database());
        QCOMPARE(*returns.count(m_merchantId), 1);
        const auto held = returns.findByLoopId(m_merchantId, 41000007);
        QCOMPARE((*held)->lines.size(), 2);
        const auto matches = returns.findByKeys({ ScanKey::sku(u"TOTE-NVY"_s) });
        QVERIFY(matches);
        QCOMPARE(matches->size(), 1);
        for (const qint64 delivery : deliveries)
            QVERIFY(isSettled(delivery));
    }

    void shouldApplyLabelsOfAHeldReturnInLabelOrderWhateverTheArrivalOrder()
    {
        // GIVEN a held return whose label is new
        WebhookProcessor processor(m_db->database(), m_clock, noClients());
        QSignalSpy stored(&processor, &WebhookProcessor::returnStored);
        deliver(returnWebhook(41000007, u"open"_s, m_t0, m_t0));
        processor.wake();

        // WHEN "delivered" (later) arrives before "in_transit" (earlier)
        const qint64 delivered = deliver(labelWebhook(41000007, u"delivered"_s, m_t0.addSecs(7200), u"9400111"_s));
        const qint64 inTransit = deliver(labelWebhook(41000007, u"in_transit"_s, m_t0.addSecs(3600), u"9400111"_s));
        processor.wake();

        // THEN the label is the latest one, its tracking number scans, and both deliveries are settled
        ReturnRepository returns(m_db->database());
        const auto held = returns.findByLoopId(m_merchantId, 41000007);
        QCOMPARE((*held)->labelStatus, u"delivered"_s);
        QCOMPARE((*held)->labelUpdatedAt, m_t0.addSecs(7200));
        QCOMPARE((*held)->trackingNumber, u"9400111"_s);
        QCOMPARE(returns.findByKeys({ ScanKey::tracking(u"9400111"_s) })->size(), 1);
        QCOMPARE(stored.count(), 2); // the return, then the newer label; the stale one stores nothing
        QVERIFY(isSettled(delivered));
        QVERIFY(isSettled(inTransit));
    }

    void shouldFetchTheReturnFromLoopWhenItsLabelArrivesFirst()
    {
        // GIVEN a return that exists in Loop (loop-sim) but not here, and a label webhook for it
        LoopSimProcess sim;
        QVERIFY2(sim.start({ u"--returns"_s, u"0"_s }), qPrintable(sim.errorString()));
        const qint64 loopId = createReturn(sim);
        QVERIFY(loopId > 0);
        QList<qint64> factoryCalls;
        WebhookProcessor processor(m_db->database(), m_clock, clientsFor(sim, &factoryCalls));
        QSignalSpy stored(&processor, &WebhookProcessor::returnStored);
        const QDateTime labelAt = m_t0.addYears(10); // later than anything the simulator has
        const qint64 delivery = deliver(labelWebhook(loopId, u"in_transit"_s, labelAt, u"9400222"_s));

        // WHEN the processor is woken
        processor.wake();

        // THEN it fetches the return with this merchant's client and holds it with Loop's lines and the label
        QVERIFY(stored.wait(20000));
        QCOMPARE(factoryCalls, QList<qint64> { m_merchantId });
        QCOMPARE(stored.first().at(1).toLongLong(), loopId);
        const auto held = ReturnRepository(m_db->database()).findByLoopId(m_merchantId, loopId);
        QVERIFY(held && held->has_value());
        const QJsonObject truth = control(sim, "GET", u"returns/%1"_s.arg(loopId)).object();
        QCOMPARE((*held)->lines.size(), truth.value(u"line_items"_s).toArray().size());
        QVERIFY(!(*held)->lines.isEmpty());
        QCOMPARE((*held)->orderName, truth.value(u"order_name"_s).toString());
        QCOMPARE((*held)->labelStatus, u"in_transit"_s);
        QCOMPARE((*held)->trackingNumber, u"9400222"_s);
        QVERIFY(isSettled(delivery));
    }

    void shouldRetryAFetchAfterBackoffWhenLoopFails()
    {
        // GIVEN Loop answers the next details request with a 500, and the client does not retry by itself
        LoopSimProcess sim;
        QVERIFY2(sim.start({ u"--returns"_s, u"0"_s }), qPrintable(sim.errorString()));
        const qint64 loopId = createReturn(sim);
        control(sim, "POST", u"faults"_s, "{\"kind\":\"500\",\"count\":1,\"path_contains\":\"return/details\"}");
        WebhookProcessor::Options options;
        options.retryBaseMs = 60'000;
        WebhookProcessor processor(m_db->database(), m_clock, clientsFor(sim, nullptr), options);
        QSignalSpy stored(&processor, &WebhookProcessor::returnStored);
        QSignalSpy failed(&processor, &WebhookProcessor::deliveryFailed);
        const qint64 delivery = deliver(labelWebhook(loopId, u"in_transit"_s, m_t0, u"9400333"_s));

        // WHEN the first attempt fails
        processor.wake();
        QVERIFY(failed.wait(20000));

        // THEN the delivery stays pending with the attempt and Loop's error recorded, to be retried
        QCOMPARE(failed.first().at(0).toLongLong(), delivery);
        QCOMPARE(failed.first().at(3).toBool(), false);
        WebhookDelivery row = **WebhookInboxRepository(m_db->database()).find(delivery);
        QVERIFY(row.isPending());
        QCOMPARE(row.attempts, 1);
        QVERIFY2(row.lastError.contains(u"500"_s), qPrintable(row.lastError));

        // AND once the backoff has passed, the next wake fetches and stores it
        m_clock.advance(60'000);
        processor.wake();
        QVERIFY(stored.wait(20000));
        QVERIFY(ReturnRepository(m_db->database()).findByLoopId(m_merchantId, loopId)->has_value());
        QVERIFY(isSettled(delivery));
        QCOMPARE(failed.count(), 1);
    }

    void shouldParkUndecodableDeliveriesWithTheirErrorAndGoOn()
    {
        // GIVEN a body that is not JSON and a return webhook without an id, between two good deliveries
        WebhookProcessor processor(m_db->database(), m_clock, noClients());
        QSignalSpy failed(&processor, &WebhookProcessor::deliveryFailed);
        const qint64 first = deliver(returnWebhook(41000001, u"open"_s, m_t0, m_t0));
        const qint64 garbage = deliver("{\"topic\":\"return\",\"state\":");
        const qint64 anonymous = deliver("{\"topic\":\"return\",\"trigger\":\"return.created\",\"state\":\"open\"}");
        const qint64 last = deliver(returnWebhook(41000002, u"open"_s, m_t0, m_t0));

        // WHEN the processor runs
        processor.wake();

        // THEN both bad ones are parked with a decoding error (kept, not retried), and the good ones are applied
        QCOMPARE(failed.count(), 2);
        for (const qint64 bad : { garbage, anonymous }) {
            const WebhookDelivery row = **WebhookInboxRepository(m_db->database()).find(bad);
            QVERIFY(row.isParked());
            QCOMPARE(row.attempts, 1);
            QVERIFY2(row.lastError.contains(u"loop.json"_s), qPrintable(row.lastError));
        }
        QCOMPARE(failed.at(0).at(3).toBool(), true);
        const auto parked = WebhookInboxRepository(m_db->database()).parked(10);
        QCOMPARE(parked->size(), 2);
        QVERIFY(isSettled(first));
        QVERIFY(isSettled(last));
        QCOMPARE(*ReturnRepository(m_db->database()).count(m_merchantId), 2);

        // AND waking again does not try them again
        processor.wake();
        QCOMPARE(failed.count(), 2);
    }

    void shouldAcknowledgeTopicsItDoesNotActOn()
    {
        WebhookProcessor processor(m_db->database(), m_clock, noClients());
        QSignalSpy stored(&processor, &WebhookProcessor::returnStored);
        QSignalSpy failed(&processor, &WebhookProcessor::deliveryFailed);
        const qint64 restock = deliver(compact(fixture(u"webhook_restock.json"_s)));
        processor.wake();
        QVERIFY(isSettled(restock));
        QCOMPARE(stored.count(), 0);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(*ReturnRepository(m_db->database()).count(m_merchantId), 0);
    }

    void shouldParkALabelAfterTooManyAttemptsWithoutALoopConnection()
    {
        // GIVEN a merchant without a Loop connection and a label for a return not held
        WebhookProcessor::Options options;
        options.retryBaseMs = 1000;
        options.maxAttempts = 2;
        WebhookProcessor processor(m_db->database(), m_clock, noClients(), options);
        QSignalSpy failed(&processor, &WebhookProcessor::deliveryFailed);
        const qint64 delivery = deliver(labelWebhook(41000009, u"in_transit"_s, m_t0, u"9400444"_s));

        // WHEN it is attempted, then attempted again before and after the backoff
        processor.wake();
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.last().at(3).toBool(), false);
        processor.wake(); // too early: not attempted
        QCOMPARE(failed.count(), 1);
        m_clock.advance(1000);
        processor.wake();

        // THEN the second failure parks it with the reason
        QCOMPARE(failed.count(), 2);
        QCOMPARE(failed.last().at(3).toBool(), true);
        const WebhookDelivery row = **WebhookInboxRepository(m_db->database()).find(delivery);
        QVERIFY(row.isParked());
        QCOMPARE(row.attempts, 2);
        QVERIFY2(row.lastError.contains(u"webhook.client.unavailable"_s), qPrintable(row.lastError));
    }

    void shouldPickUpPendingDeliveriesOnItsOwnWhenStarted()
    {
        // GIVEN deliveries stored while no processor ran (e.g. before a restart)
        const qint64 delivery = deliver(returnWebhook(41000007, u"open"_s, m_t0, m_t0));
        WebhookProcessor::Options options;
        options.pollIntervalMs = 50;
        WebhookProcessor processor(m_db->database(), m_clock, noClients(), options);
        // WHEN it starts, THEN it processes them without being woken
        processor.start();
        QVERIFY(isSettled(delivery));
        // AND its timer picks up rows stored without a wake
        const qint64 later = deliver(returnWebhook(41000008, u"open"_s, m_t0, m_t0));
        QTRY_VERIFY_WITH_TIMEOUT(isSettled(later), 5000);
    }

private:
    qint64 deliver(const QByteArray& body)
    {
        const QJsonObject object = QJsonDocument::fromJson(body).object();
        const Result<qint64> id = WebhookInboxRepository(m_db->database())
                                      .append(m_merchantId, m_clock.now(), object.value(u"topic"_s).toString(),
                                          object.value(u"trigger"_s).toString(), body);
        if (!id)
            qFatal("cannot append to the inbox: %s", qPrintable(id.error().toLogString()));
        return *id;
    }

    bool isSettled(qint64 delivery)
    {
        const auto row = WebhookInboxRepository(m_db->database()).find(delivery);
        return row && row->has_value() && !(*row)->isPending() && !(*row)->isParked();
    }

    static WebhookProcessor::ClientFactory noClients()
    {
        return [](qint64, QObject*) -> LoopClient* {
            return nullptr;
        };
    }

    WebhookProcessor::ClientFactory clientsFor(const LoopSimProcess& sim, QList<qint64>* calls)
    {
        QUrl base = sim.baseUrl();
        base.setPath(u"/api"_s);
        return [this, base, calls](qint64 merchantId, QObject* parent) -> LoopClient* {
            if (calls)
                *calls << merchantId;
            LoopClient::Options options;
            options.baseUrl = base;
            options.apiKey = "sim-key";
            options.timeoutMs = 10'000;
            options.maxAttempts = 1;
            options.perMinute = 6000;
            return new LoopClient(options, m_systemClock, parent);
        };
    }

    QJsonDocument control(
        const LoopSimProcess& sim, const QByteArray& method, const QString& path, const QByteArray& body = "{}")
    {
        return sim.control(method, path, body);
    }

    qint64 createReturn(const LoopSimProcess& sim)
    {
        // No label of its own during the test: the label webhook is the test's.
        return control(sim, "POST", u"returns"_s, "{\"state\":\"open\",\"label_delay_ms\":600000}")
            .object()
            .value(u"id"_s)
            .toInteger();
    }

    std::unique_ptr<TempDatabase> m_db;
    qint64 m_merchantId = 0;
    const QDateTime m_t0 = QDateTime(QDate(2026, 11, 2), QTime(9, 0), Qt::UTC);
    FakeClock m_clock;
    SystemClock m_systemClock;
};

QTEST_GUILESS_MAIN(TestWebhookProcessor)
#include "TestWebhookProcessor.moc"
