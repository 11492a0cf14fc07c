#include "Builders.h"
#include "TempDatabase.h"
#include "storage/MerchantRepository.h"
#include "storage/WebhookInboxRepository.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;
using namespace Dockside::Testing;

class TestWebhookInboxRepository final : public QObject
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
    }

    void cleanup() { m_db.reset(); }

    void shouldKeepADeliveryExactlyAsAppended()
    {
        // GIVEN a verified delivery with Loop's escaped slashes and non-ASCII text
        WebhookInboxRepository inbox(m_db->database());
        const QByteArray body = "{\"topic\":\"label\",\"trigger\":\"label.updated\",\"url\":\"https:\\/\\/x.test\\/l\","
                                "\"name\":\"Jos\xc3\xa9\"}";
        // WHEN it is appended
        const Result<qint64> id = inbox.append(m_merchantId, m_t0, u"label"_s, u"label.updated"_s, body);
        QVERIFY2(id, qPrintable(id ? QString() : id.error().toLogString()));
        // THEN it reads back byte for byte, pending, never attempted
        const auto found = inbox.find(*id);
        QVERIFY(found && found->has_value());
        const WebhookDelivery& delivery = **found;
        QCOMPARE(delivery.id, *id);
        QCOMPARE(delivery.merchantId, m_merchantId);
        QCOMPARE(delivery.receivedAt, m_t0);
        QCOMPARE(delivery.topic, u"label"_s);
        QCOMPARE(delivery.trigger, u"label.updated"_s);
        QCOMPARE(delivery.body, body);
        QVERIFY(delivery.isPending());
        QCOMPARE(delivery.attempts, 0);
        QVERIFY(delivery.lastError.isEmpty());
    }

    void shouldListPendingOldestFirstWithinTheLimit()
    {
        // GIVEN five deliveries, the second already processed
        WebhookInboxRepository inbox(m_db->database());
        QList<qint64> ids;
        for (int i = 0; i < 5; ++i)
            ids << *inbox.append(m_merchantId, m_t0.addSecs(i), u"return"_s, u"return.updated"_s, body(i));
        QVERIFY(inbox.markProcessed(ids.at(1), m_t0.addSecs(10)));

        // WHEN listing two at a time, then the rest after the last seen
        const auto first = inbox.pending(2);
        QVERIFY(first);
        const auto rest = inbox.pending(10, first->constLast().id);
        QVERIFY(rest);

        // THEN every pending one comes once, in arrival order, and the processed one never
        QCOMPARE(idsOf(*first), (QList<qint64> { ids.at(0), ids.at(2) }));
        QCOMPARE(idsOf(*rest), (QList<qint64> { ids.at(3), ids.at(4) }));
        QCOMPARE(*inbox.countPending(), 4);
    }

    void shouldSettleAProcessedDeliveryAndClearAnEarlierError()
    {
        // GIVEN a delivery whose first attempt failed
        WebhookInboxRepository inbox(m_db->database());
        const qint64 id = *inbox.append(m_merchantId, m_t0, u"return"_s, u"return.created"_s, body(1));
        QVERIFY(inbox.recordFailure(id, u"[db.error] database is locked"_s));
        // WHEN it is processed
        QVERIFY(inbox.markProcessed(id, m_t0.addSecs(5)));
        // THEN it is done: no longer pending, not parked, its attempt counted
        const WebhookDelivery delivery = **inbox.find(id);
        QCOMPARE(delivery.processedAt, m_t0.addSecs(5));
        QVERIFY(!delivery.isPending());
        QVERIFY(!delivery.isParked());
        QCOMPARE(delivery.attempts, 1);
        QVERIFY(inbox.pending(10)->isEmpty());
        QVERIFY(inbox.parked(10)->isEmpty());
    }

    void shouldCountFailedAttemptsAndKeepTheDeliveryPending()
    {
        WebhookInboxRepository inbox(m_db->database());
        const qint64 id = *inbox.append(m_merchantId, m_t0, u"label"_s, u"label.created"_s, body(1));
        // WHEN two attempts fail
        QVERIFY(inbox.recordFailure(id, u"[loop.network] Loop is unreachable"_s));
        QVERIFY(inbox.recordFailure(id, u"[loop.http.503] Loop is unavailable"_s));
        // THEN both are counted, the last error kept, and it is still pending
        const WebhookDelivery delivery = **inbox.find(id);
        QCOMPARE(delivery.attempts, 2);
        QCOMPARE(delivery.lastError, u"[loop.http.503] Loop is unavailable"_s);
        QVERIFY(delivery.isPending());
        QCOMPARE(idsOf(*inbox.pending(10)), QList<qint64> { id });
    }

    void shouldParkAPermanentFailureWithItsError()
    {
        WebhookInboxRepository inbox(m_db->database());
        const qint64 good = *inbox.append(m_merchantId, m_t0, u"return"_s, u"return.created"_s, body(1));
        const qint64 bad = *inbox.append(m_merchantId, m_t0, QString(), QString(), "{not json");
        // WHEN the undecodable one is parked
        QVERIFY(inbox.park(bad, u"[loop.json.syntax] not JSON"_s, m_t0.addSecs(1)));
        // THEN it leaves the pending list and is listed as parked with its error, for a supervisor
        QCOMPARE(idsOf(*inbox.pending(10)), QList<qint64> { good });
        const auto parked = inbox.parked(10);
        QVERIFY(parked);
        QCOMPARE(parked->size(), 1);
        QCOMPARE(parked->constFirst().id, bad);
        QCOMPARE(parked->constFirst().lastError, u"[loop.json.syntax] not JSON"_s);
        QCOMPARE(parked->constFirst().attempts, 1);
        QCOMPARE(parked->constFirst().body, QByteArray("{not json"));
        QVERIFY(parked->constFirst().isParked());
        // AND a late failure report or a second park does not disturb it
        QVERIFY(inbox.recordFailure(bad, u"late"_s));
        QVERIFY(inbox.park(bad, u"again"_s, m_t0.addSecs(9)));
        const WebhookDelivery after = **inbox.find(bad);
        QCOMPARE(after.attempts, 1);
        QCOMPARE(after.lastError, u"[loop.json.syntax] not JSON"_s);
        QCOMPARE(after.processedAt, m_t0.addSecs(1));
    }

    void shouldStoreBytesThatAreNotTextWithoutFailing()
    {
        // GIVEN a signed body with a NUL and invalid UTF-8 (never sent by Loop, but the station must not choke)
        WebhookInboxRepository inbox(m_db->database());
        const QByteArray body("{\"a\":\"\0\xff\"}", 10);
        // WHEN it is appended
        const Result<qint64> id = inbox.append(m_merchantId, m_t0, QString(), QString(), body);
        // THEN it is kept (with replacement characters) so the processor can park it with an error
        QVERIFY2(id, qPrintable(id ? QString() : id.error().toLogString()));
        const WebhookDelivery delivery = **inbox.find(*id);
        QVERIFY(delivery.body.startsWith("{\"a\":\""));
        QVERIFY(!delivery.body.contains('\0'));
    }

    void shouldReportNothingForAnUnknownId()
    {
        WebhookInboxRepository inbox(m_db->database());
        const auto found = inbox.find(424242);
        QVERIFY(found);
        QVERIFY(!found->has_value());
    }

private:
    static QByteArray body(int i) { return "{\"topic\":\"return\",\"id\":" + QByteArray::number(41000000 + i) + "}"; }

    static QList<qint64> idsOf(const QList<WebhookDelivery>& deliveries)
    {
        QList<qint64> ids;
        for (const WebhookDelivery& delivery : deliveries)
            ids << delivery.id;
        return ids;
    }

    std::unique_ptr<TempDatabase> m_db;
    qint64 m_merchantId = 0;
    const QDateTime m_t0 = QDateTime(QDate(2026, 11, 2), QTime(9, 0), Qt::UTC);
};

QTEST_GUILESS_MAIN(TestWebhookInboxRepository)
#include "TestWebhookInboxRepository.moc"
