#include "LoopSimProcess.h"
#include "loop/LoopJson.h"
#include "loop/WebhookVerifier.h"

#include <QFile>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;

namespace {

QByteArray fixture(const QString& name)
{
    QFile file(QStringLiteral(DOCKSIDE_TEST_DATA_DIR) + u"/loop/"_s + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(file.fileName()));
    return file.readAll();
}

const QByteArray kSecret = QByteArrayLiteral("whsec_dockside_test");

// Computed outside Qt, on the fixture's exact bytes (including its final newline):
//   openssl dgst -sha256 -hmac 'whsec_dockside_test' -binary tests/data/loop/webhook_label.json | base64
const QByteArray kLabelSignature = QByteArrayLiteral("M+SCa5lLoDr3VlwdNNN3fCz7GoVN+QIDh9/5qhNMZi0=");
//   openssl dgst -sha256 -hmac 'whsec_dockside_test' -binary tests/data/loop/webhook_return.json | base64
const QByteArray kReturnSignature = QByteArrayLiteral("442H1WJjr2UjMBsZc5emu6VvJsuctX6gWpOLyGzaHtc=");

} // namespace

class TestWebhookVerifier final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldAcceptSignaturesComputedIndependently()
    {
        // GIVEN two deliveries signed with the secret by openssl
        // WHEN they are verified
        // THEN both pass
        QVERIFY(WebhookVerifier::verify(fixture(u"webhook_label.json"_s), kLabelSignature, kSecret));
        QVERIFY(WebhookVerifier::verify(fixture(u"webhook_return.json"_s), kReturnSignature, kSecret));
    }

    void shouldMatchTheRfc4231Vector()
    {
        // RFC 4231 test case 2: HMAC-SHA256("Jefe", "what do ya want for nothing?") =
        // 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843, here in base64.
        const QByteArray expected = QByteArray::fromHex(
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
                                        .toBase64();
        QCOMPARE(expected, QByteArrayLiteral("W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM="));
        QVERIFY(WebhookVerifier::verify("what do ya want for nothing?", expected, "Jefe"));
        QCOMPARE(WebhookVerifier::sign("what do ya want for nothing?", "Jefe"), expected);
    }

    void shouldRejectATamperedBody()
    {
        // GIVEN a signed label delivery whose status was changed in transit
        QByteArray body = fixture(u"webhook_label.json"_s);
        body.replace("in_transit", "delivered");
        // THEN the signature no longer matches
        QVERIFY(!WebhookVerifier::verify(body, kLabelSignature, kSecret));
    }

    void shouldRejectAReserialisedBody()
    {
        // GIVEN the same JSON without its final newline, as a re-serialiser would produce
        const QByteArray body = fixture(u"webhook_label.json"_s).trimmed();
        QVERIFY(!WebhookVerifier::verify(body, kLabelSignature, kSecret));
    }

    void shouldRejectTheWrongSecret()
    {
        const QByteArray body = fixture(u"webhook_label.json"_s);
        QVERIFY(!WebhookVerifier::verify(body, kLabelSignature, QByteArrayLiteral("whsec_another_shop")));
        QVERIFY(!WebhookVerifier::verify(body, kLabelSignature, QByteArray()));
    }

    void shouldRejectAMissingOrMangledHeader_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::newRow("missing") << QByteArray();
        QTest::newRow("blank") << QByteArray("   ");
        QTest::newRow("truncated") << kLabelSignature.left(kLabelSignature.size() - 2);
        QTest::newRow("hex instead of base64")
            << QByteArray::fromBase64(kLabelSignature).toHex();
        QTest::newRow("one character off") << QByteArray(kLabelSignature).replace(0, 1, "N");
    }

    void shouldRejectAMissingOrMangledHeader()
    {
        QFETCH(QByteArray, header);
        QVERIFY(!WebhookVerifier::verify(fixture(u"webhook_label.json"_s), header, kSecret));
    }

    void shouldAcceptTheSimulatorsSignedWebhooksAndRejectTamperedOnes()
    {
        // GIVEN a receiver that records raw deliveries, and loop-sim sending it signed webhooks
        struct Delivery
        {
            QByteArray body;
            QByteArray signature;
        };
        QList<Delivery> deliveries;
        QHttpServer receiver;
        receiver.route(u"/loop"_s, [&deliveries](const QHttpServerRequest& request) {
            deliveries << Delivery {request.body(), request.value("X-Loop-Signature")};
            return QHttpServerResponse(QHttpServerResponder::StatusCode::Ok);
        });
        const quint16 port = receiver.listen(QHostAddress::LocalHost, 0);
        QVERIFY(port > 0);
        const QByteArray secret = "whsec-test-42";
        Dockside::Testing::LoopSimProcess sim;
        QVERIFY2(sim.start({u"--returns"_s, u"0"_s, u"--webhook-url"_s, u"http://127.0.0.1:%1/loop"_s.arg(port),
                     u"--webhook-secret"_s, QString::fromLatin1(secret)}),
            qPrintable(sim.errorString()));

        // WHEN a return is created in Loop (return.created, then label events)
        QNetworkAccessManager network;
        QNetworkRequest create(sim.controlUrl(u"returns"_s));
        create.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply* reply = network.post(create, QByteArrayLiteral("{\"state\":\"open\"}"));
        QSignalSpy created(reply, &QNetworkReply::finished);
        QVERIFY(created.wait(10000));
        reply->deleteLater();
        QTRY_VERIFY_WITH_TIMEOUT(!deliveries.isEmpty(), 10000);

        // THEN every delivery verifies with the secret and decodes; any change to body or secret fails
        for (const Delivery& delivery : std::as_const(deliveries)) {
            QVERIFY(!delivery.signature.isEmpty());
            QVERIFY(WebhookVerifier::verify(delivery.body, delivery.signature, secret));
            QVERIFY(LoopJson::parseWebhook(delivery.body).has_value());
            QByteArray tampered = delivery.body;
            tampered.replace("\"open\"", "\"closed\"");
            tampered.append(' ');
            QVERIFY(!WebhookVerifier::verify(tampered, delivery.signature, secret));
            QVERIFY(!WebhookVerifier::verify(delivery.body, delivery.signature, "another-secret"));
            QVERIFY(!WebhookVerifier::verify(delivery.body, QByteArray(), secret));
        }
    }

    void shouldTolerateWhitespaceAroundTheHeader()
    {
        QVERIFY(WebhookVerifier::verify(fixture(u"webhook_label.json"_s), " " + kLabelSignature + "\r\n", kSecret));
    }
};

QTEST_GUILESS_MAIN(TestWebhookVerifier)
#include "TestWebhookVerifier.moc"
