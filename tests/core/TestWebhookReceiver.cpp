#include "Builders.h"
#include "LoopSimProcess.h"
#include "TempDatabase.h"
#include "WebhookService.h"
#include "loop/LoopClient.h"
#include "loop/WebhookVerifier.h"
#include "storage/MerchantRepository.h"
#include "storage/ReturnRepository.h"
#include "storage/Sql.h"
#include "storage/WebhookInboxRepository.h"
#include "util/SystemClock.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;
using namespace Dockside::Testing;

namespace {

const QByteArray kSecret = QByteArrayLiteral("whsec-dockside-e2e");

struct Answer
{
    int status = 0;
    QByteArray body;
    QByteArray allow;
};

} // namespace

// The whole webhook flow end to end: WebhookService (receiver and processor on their threads) on a free port,
// the real loop-sim delivering signed webhooks to it, and hand-made requests for everything Loop must not do.
class TestWebhookReceiver final : public QObject
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
        const qint64 merchantId = m_merchantId;
        WebhookService::Options options;
        options.processor.retryBaseMs = 200;
        auto started = WebhookService::start(
            m_db->database(), m_clock,
            [merchantId](qint64 id) -> std::optional<QByteArray> {
                return id == merchantId ? std::optional<QByteArray>(kSecret) : std::nullopt;
            },
            [this](qint64, QObject* parent) -> LoopClient* {
                const QMutexLocker lock(&m_simMutex);
                if (m_simApi.isEmpty())
                    return nullptr;
                LoopClient::Options client;
                client.baseUrl = m_simApi;
                client.apiKey = "sim-key";
                client.timeoutMs = 10'000;
                client.perMinute = 6000;
                return new LoopClient(client, m_clock, parent);
            },
            options);
        QVERIFY2(started, qPrintable(started ? QString() : started.error().toLogString()));
        m_service = std::move(*started);
        QVERIFY(m_service->port() > 0);
    }

    void cleanup()
    {
        m_service.reset(); // stops and joins both threads before the database goes
        m_sim.reset();
        m_db.reset();
        const QMutexLocker lock(&m_simMutex);
        m_simApi.clear();
    }

    void shouldHoldACreatedReturnWithinOneSecondOfItsCreation()
    {
        // GIVEN loop-sim delivering this merchant's webhooks to the service
        startSim();
        QSignalSpy stored(m_service.get(), &WebhookService::returnStored);

        // WHEN a return is created in Loop
        QElapsedTimer sinceCreation;
        sinceCreation.start();
        const qint64 loopId = createReturn();
        QVERIFY(loopId > 0);

        // THEN it is in the database within a second, from its return.created webhook
        QTRY_VERIFY_WITH_TIMEOUT(isHeld(loopId), 1000);
        qInfo() << "held" << sinceCreation.elapsed() << "ms after the create call started";
        const auto held = ReturnRepository(m_db->database()).findByLoopId(m_merchantId, loopId);
        const QJsonObject truth = control("GET", u"returns/%1"_s.arg(loopId)).object();
        QCOMPARE((*held)->orderName, truth.value(u"order_name"_s).toString());
        QVERIFY(!(*held)->lines.isEmpty());
        QTRY_VERIFY(!stored.isEmpty());
        QCOMPARE(stored.first().at(0).toLongLong(), m_merchantId);
        QCOMPARE(stored.first().at(1).toLongLong(), loopId);
        // AND the verified delivery was kept and settled
        QTRY_COMPARE(*WebhookInboxRepository(m_db->database()).countPending(), 0);
        QCOMPARE(inboxRows(u"return.created"_s), 1);
    }

    void shouldFollowTheLabelAsItAdvances()
    {
        // GIVEN a held return without a label yet
        startSim();
        const qint64 loopId = createReturn();
        QTRY_VERIFY_WITH_TIMEOUT(isHeld(loopId), 5000);

        // WHEN Loop generates its label in transit
        control("POST", u"returns/%1/label"_s.arg(loopId), "{\"status\":\"in_transit\"}");

        // THEN label status, carrier and tracking number follow Loop's
        QTRY_COMPARE_WITH_TIMEOUT(labelStatus(loopId), u"in_transit"_s, 5000);
        const QJsonObject truth = control("GET", u"returns/%1"_s.arg(loopId)).object();
        const auto held = ReturnRepository(m_db->database()).findByLoopId(m_merchantId, loopId);
        QCOMPARE((*held)->trackingNumber, truth.value(u"tracking_number"_s).toString());
        QVERIFY(!(*held)->trackingNumber.isEmpty());

        // AND when it is delivered (after this round of webhooks is settled: Loop's times are whole seconds, so
        // a late copy from the same second could otherwise tie with the new one)
        QTRY_COMPARE_WITH_TIMEOUT(inboxRows(), 3, 5000); // return.created, label.created, return.updated
        QTRY_COMPARE_WITH_TIMEOUT(*WebhookInboxRepository(m_db->database()).countPending(), 0, 5000);
        control("POST", u"returns/%1/label"_s.arg(loopId), "{\"status\":\"delivered\"}");
        QTRY_COMPARE_WITH_TIMEOUT(labelStatus(loopId), u"delivered"_s, 5000);
    }

    void shouldStoreALabelThatOvertakesItsReturnByFetchingTheReturn()
    {
        // GIVEN a return Loop holds but whose webhooks never reached us (created before we listened)
        startSim(false);
        const qint64 loopId = createReturn();
        QVERIFY(!isHeld(loopId));

        // WHEN a signed label webhook for it arrives
        const QByteArray body
            = "{\"topic\":\"label\",\"trigger\":\"label.updated\",\"id\":" + QByteArray::number(loopId)
            + ",\"carrier\":\"USPS\",\"tracking_number\":\"9400999\",\"label_status\":\"in_transit\","
              "\"label_updated_at\":\"2040-01-01T00:00:00Z\"}";
        const Answer answer = post(m_service->endpoint(m_merchantId), body, WebhookVerifier::sign(body, kSecret));

        // THEN it is accepted, and the processor fetches the return from Loop and applies the label
        QCOMPARE(answer.status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(isHeld(loopId), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(labelStatus(loopId), u"in_transit"_s, 5000);
    }

    void shouldRefuseAndStoreNothingWithoutAValidSignature_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("signature");
        const QByteArray body
            = "{\"topic\":\"return\",\"trigger\":\"return.created\",\"id\":41000007,\"state\":\"open\"}";
        const QByteArray other
            = "{\"topic\":\"return\",\"trigger\":\"return.created\",\"id\":41000008,\"state\":\"open\"}";
        QTest::newRow("tampered body") << body << WebhookVerifier::sign(other, kSecret);
        QTest::newRow("wrong secret") << body << WebhookVerifier::sign(body, "whsec-another-shop");
        QTest::newRow("missing header") << body << QByteArray();
        QTest::newRow("garbage header") << body << QByteArray("not base64 at all");
    }

    void shouldRefuseAndStoreNothingWithoutAValidSignature()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, signature);
        QSignalSpy refused(m_service.get(), &WebhookService::returnStored);
        // WHEN a delivery comes without a signature made with this merchant's secret over these bytes
        const Answer answer = post(m_service->endpoint(m_merchantId), body, signature);
        // THEN it is refused with 401 and a JSON reason, and nothing is stored
        QCOMPARE(answer.status, 401);
        QVERIFY2(QJsonDocument::fromJson(answer.body).object().value(u"error"_s).toString().endsWith(u"_signature"_s),
            answer.body.constData());
        QVERIFY(!answer.body.contains(kSecret));
        QCOMPARE(inboxRows(), 0);
        QCOMPARE(*ReturnRepository(m_db->database()).count(), 0);
    }

    void shouldRefuseABodyAboveOneMebibyte()
    {
        // GIVEN a correctly signed body one byte over the cap
        QByteArray body = "{\"topic\":\"return\",\"pad\":\"";
        body.append(QByteArray(1024 * 1024 - body.size() - 2 + 1, 'x'));
        body.append("\"}");
        QCOMPARE(body.size(), 1024 * 1024 + 1);
        const Answer answer = post(m_service->endpoint(m_merchantId), body, WebhookVerifier::sign(body, kSecret));
        // THEN it gets 413 and is not stored
        QCOMPARE(answer.status, 413);
        QCOMPARE(inboxRows(), 0);
    }

    void shouldAnswerNotFoundForAnUnknownMerchantOrPath()
    {
        const QByteArray body = "{\"topic\":\"return\",\"id\":41000007}";
        const QByteArray signature = WebhookVerifier::sign(body, kSecret);
        QCOMPARE(post(m_service->endpoint(m_merchantId + 1000), body, signature).status, 404);
        QUrl other = m_service->endpoint(m_merchantId);
        for (const QString& path : { u"/loop/webhooks"_s, u"/loop/webhooks/abc"_s, u"/loop/webhooks/0"_s,
                 u"/loop/webhooks/%1/extra"_s.arg(m_merchantId), u"/"_s, u"/loop/webhooks/99999999999999999999"_s }) {
            other.setPath(path);
            QCOMPARE(post(other, body, signature).status, 404);
        }
        QCOMPARE(inboxRows(), 0);
    }

    void shouldAnswerMethodNotAllowedForAnythingButPost()
    {
        for (const QByteArray& method : { QByteArray("GET"), QByteArray("PUT"), QByteArray("DELETE") }) {
            const Answer answer = send(method, m_service->endpoint(m_merchantId), "{}", {});
            QCOMPARE(answer.status, 405);
            QCOMPARE(answer.allow, QByteArray("POST"));
        }
        QCOMPARE(inboxRows(), 0);
    }

    void shouldAcceptASignedBodyThatIsNotJsonAndParkItWithItsError()
    {
        // GIVEN a delivery correctly signed whose body is not a webhook
        QSignalSpy failed(m_service.get(), &WebhookService::deliveryFailed);
        const QByteArray body = "this is not json \x01\x02";
        // WHEN it arrives
        const Answer answer = post(m_service->endpoint(m_merchantId), body, WebhookVerifier::sign(body, kSecret));
        // THEN Loop gets its 200 (retrying will not help), and the delivery is kept, parked with its error
        QCOMPARE(answer.status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 5000);
        QCOMPARE(failed.first().at(3).toBool(), true);
        const auto parked = WebhookInboxRepository(m_db->database()).parked(10);
        QVERIFY(parked);
        QCOMPARE(parked->size(), 1);
        QCOMPARE(parked->constFirst().body, body);
        QVERIFY2(parked->constFirst().lastError.contains(u"loop.json"_s), qPrintable(parked->constFirst().lastError));
    }

    void shouldSurviveMalformedHttpAndKeepServing()
    {
        // GIVEN a client that sends bytes that are not HTTP, and one that hangs up mid-request
        for (const QByteArray& junk : { QByteArray("\x16\x03\x01\x02\x00garbage\r\n\r\n", 17),
                 QByteArray("POST /loop/webhooks/1 HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n{"),
                 QByteArray("GET /%%%%%zz HTTP/1.1\r\nHost: x\r\n\r\n") }) {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, m_service->port());
            QVERIFY(socket.waitForConnected(5000));
            socket.write(junk);
            QVERIFY(socket.waitForBytesWritten(5000));
            socket.disconnectFromHost();
        }
        // WHEN a real delivery follows
        const QByteArray body = "{\"topic\":\"restock\",\"trigger\":\"restock.requested\",\"id\":1}";
        const Answer answer = post(m_service->endpoint(m_merchantId), body, WebhookVerifier::sign(body, kSecret));
        // THEN it is served as usual
        QCOMPARE(answer.status, 200);
        QTRY_COMPARE(*WebhookInboxRepository(m_db->database()).countPending(), 0);
        QCOMPARE(inboxRows(), 1);
    }

private:
    void startSim(bool withWebhooks = true)
    {
        m_sim = std::make_unique<LoopSimProcess>();
        QStringList arguments = { u"--returns"_s, u"0"_s };
        if (withWebhooks) {
            arguments << u"--webhook-url"_s << m_service->endpoint(m_merchantId).toString() << u"--webhook-secret"_s
                      << QString::fromLatin1(kSecret);
        }
        QVERIFY2(m_sim->start(arguments), qPrintable(m_sim->errorString()));
        QUrl api = m_sim->baseUrl();
        api.setPath(u"/api"_s);
        const QMutexLocker lock(&m_simMutex);
        m_simApi = api;
    }

    qint64 createReturn()
    {
        // Its label comes when the test says so.
        return control("POST", u"returns"_s, "{\"state\":\"open\",\"label_delay_ms\":600000}")
            .object()
            .value(u"id"_s)
            .toInteger();
    }

    QJsonDocument control(const QByteArray& method, const QString& path, const QByteArray& body = "{}")
    {
        const Answer answer = send(method, m_sim->controlUrl(path), method == "GET" ? QByteArray() : body, {});
        if (answer.status < 200 || answer.status >= 300)
            qWarning("loop-sim %s %s answered %d: %s", method.constData(), qPrintable(path), answer.status,
                answer.body.constData());
        return QJsonDocument::fromJson(answer.body);
    }

    Answer post(const QUrl& url, const QByteArray& body, const QByteArray& signature)
    {
        return send("POST", url, body, signature);
    }

    Answer send(const QByteArray& method, const QUrl& url, const QByteArray& body, const QByteArray& signature)
    {
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        if (!signature.isEmpty())
            request.setRawHeader("X-Loop-Signature", signature);
        QNetworkReply* reply = m_network.sendCustomRequest(request, method, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished() && !finished.wait(30000))
            qFatal("%s %s timed out", method.constData(), qPrintable(url.toString()));
        Answer answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.body = reply->readAll();
        answer.allow = reply->rawHeader("Allow");
        reply->deleteLater();
        return answer;
    }

    bool isHeld(qint64 loopId)
    {
        const auto held = ReturnRepository(m_db->database()).findByLoopId(m_merchantId, loopId);
        return held && held->has_value();
    }

    QString labelStatus(qint64 loopId)
    {
        const auto held = ReturnRepository(m_db->database()).findByLoopId(m_merchantId, loopId);
        return held && held->has_value() ? (*held)->labelStatus : QString();
    }

    // Rows in the inbox, optionally of one trigger.
    int inboxRows(const QString& trigger = {})
    {
        Result<QSqlDatabase> connection = m_db->database().connection();
        if (!connection)
            return -1;
        Result<QSqlQuery> query = trigger.isEmpty()
            ? Sql::exec(m_db->database(), *connection, u"SELECT COUNT(*) FROM \"webhook_inbox\""_s, {}, u"test"_s)
            : Sql::exec(m_db->database(), *connection,
                u"SELECT COUNT(*) FROM \"webhook_inbox\" WHERE \"trigger_name\" = ?"_s, { trigger }, u"test"_s);
        if (!query)
            return -1;
        return query->next() ? query->value(0).toInt() : -1;
    }

    std::unique_ptr<TempDatabase> m_db;
    std::unique_ptr<LoopSimProcess> m_sim;
    std::unique_ptr<WebhookService> m_service;
    QNetworkAccessManager m_network;
    SystemClock m_clock;
    QMutex m_simMutex;
    QUrl m_simApi;
    qint64 m_merchantId = 0;
};

QTEST_GUILESS_MAIN(TestWebhookReceiver)
#include "TestWebhookReceiver.moc"
