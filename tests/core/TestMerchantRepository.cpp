#include "Builders.h"
#include "TempDatabase.h"
#include "storage/MerchantRepository.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;
using namespace Dockside::Testing;

class TestMerchantRepository final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { Testing::TempDatabase::addBackendRows(); }
    void init() { DOCKSIDE_OPEN_TEST_DATABASE(m_db); }
    void cleanup() { m_db.reset(); }

    void shouldStoreAndReadBackEveryField()
    {
        MerchantRepository merchants(m_db->database());
        Merchant stored = merchant(u"Acme"_s);
        stored.shopId = u"65432"_s;
        stored.apiVersion = u"2026-07"_s;
        stored.webhookSecretRef = u"keychain:dockside/acme-webhook"_s;
        stored.rateLimitPerMinute = 120;
        const Result<qint64> id = merchants.insert(stored);
        QVERIFY(id);
        stored.id = *id;

        const auto found = merchants.find(*id);
        QVERIFY(found && found->has_value());
        const Merchant& read = **found;
        QCOMPARE(read.id, stored.id);
        QCOMPARE(read.name, stored.name);
        QCOMPARE(read.shopId, stored.shopId);
        QCOMPARE(read.baseUrl, stored.baseUrl);
        QCOMPARE(read.apiVersion, stored.apiVersion);
        QCOMPARE(read.apiKeyRef, stored.apiKeyRef);
        QCOMPARE(read.webhookSecretRef, stored.webhookSecretRef);
        QCOMPARE(read.rateLimitPerMinute, 120);
        QCOMPARE(read.active, true);
        QCOMPARE(read.createdAt, stored.createdAt);
    }

    void shouldRefuseADuplicateNameWithAClearMessage()
    {
        MerchantRepository merchants(m_db->database());
        QVERIFY(merchants.insert(merchant(u"Acme"_s)));
        const Result<qint64> again = merchants.insert(merchant(u"Acme"_s));
        QVERIFY(!again);
        QCOMPARE(again.error().kind, Error::Kind::Validation);
        QVERIFY(again.error().message.contains(u"already exists"_s));
    }

    void shouldUpdateAndListByName()
    {
        MerchantRepository merchants(m_db->database());
        const Result<qint64> zulu = merchants.insert(merchant(u"Zulu"_s));
        QVERIFY(zulu);
        QVERIFY(merchants.insert(merchant(u"Alpha"_s)));
        Merchant changed = **merchants.find(*zulu);
        changed.active = false;
        changed.baseUrl = u"http://127.0.0.1:9999/api"_s;
        QVERIFY(merchants.update(changed));

        const auto all = merchants.list();
        QVERIFY(all);
        QCOMPARE(all->size(), 2);
        QCOMPARE(all->at(0).name, u"Alpha"_s);
        QCOMPARE(all->at(1).active, false);
        QCOMPARE(all->at(1).baseUrl, u"http://127.0.0.1:9999/api"_s);
    }

    void shouldSayWhenUpdatingAMerchantThatIsGone()
    {
        MerchantRepository merchants(m_db->database());
        Merchant ghost = merchant(u"Ghost"_s);
        ghost.id = 4711;
        const Status updated = merchants.update(ghost);
        QVERIFY(!updated);
        QCOMPARE(updated.error().code, u"merchant.unknown"_s);
    }

private:
    std::unique_ptr<Testing::TempDatabase> m_db;
};

QTEST_GUILESS_MAIN(TestMerchantRepository)
#include "TestMerchantRepository.moc"
