#include "Builders.h"
#include "FakeClock.h"
#include "TempDatabase.h"
#include "receiving/ExceptionQueue.h"
#include "storage/AuditRepository.h"
#include "storage/MerchantRepository.h"
#include "storage/ReturnRepository.h"
#include "storage/UnknownPackageRepository.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;
using namespace Dockside::Testing;

class TestExceptionQueue final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TempDatabase::addBackendRows(); }
    void init()
    {
        DOCKSIDE_OPEN_TEST_DATABASE(m_db);
        m_merchantId = *MerchantRepository(m_db->database()).insert(merchant(u"Acme"_s));
    }
    void cleanup() { m_db.reset(); }

    void shouldKeepAnUnknownPackageWithItsRawScan()
    {
        // GIVEN a label with a GS and an AIM prefix that matches nothing
        const QString raw = u"]C142043215\u001D9400111202555842332669"_s;
        ExceptionQueue queue(m_db->database(), m_clock);
        // WHEN it is recorded
        const Result<qint64> id = queue.record(raw, u"dock-3"_s, u"maria"_s, u"Blue box, no slip"_s, {u"/photos/p1.jpg"_s});
        QVERIFY2(id, qPrintable(id ? QString() : id.error().toLogString()));
        // THEN it is open, byte for byte as scanned, and audited
        const auto open = UnknownPackageRepository(m_db->database()).list(UnknownPackage::Status::Open);
        QCOMPARE(open->size(), 1);
        QCOMPARE(open->first().rawScan, raw);
        QCOMPARE(open->first().photoRefs, QStringList {u"/photos/p1.jpg"_s});
        QCOMPARE(AuditRepository(m_db->database()).recent(10)->first().action, u"unknown_package"_s);
        QVERIFY(!queue.record(QString(), u"dock-3"_s, u"maria"_s, {}, {}));
    }

    void shouldMatchAPackageOnceItsReturnArrives()
    {
        ExceptionQueue queue(m_db->database(), m_clock);
        QVERIFY(queue.record(u"42043215\u001D9400111202555842332669"_s, u"dock-3"_s, u"maria"_s, {}, {}));
        QVERIFY(queue.record(u"1Z999AA10123456784"_s, u"dock-3"_s, u"maria"_s, {}, {}));
        // WHEN nothing new arrived, nothing matches
        QCOMPARE(*queue.rematch(), 0);
        // WHEN a sync brings the return of the first package
        QVERIFY(ReturnRepository(m_db->database())
                    .upsert(ReturnBuilder(m_merchantId).tracking(u"9400111202555842332669"_s), m_clock.now()));
        // THEN the next rematch matches it, and only it
        QCOMPARE(*queue.rematch(), 1);
        const auto all = UnknownPackageRepository(m_db->database()).list(std::nullopt);
        QCOMPARE(all->at(0).status, UnknownPackage::Status::Matched);
        QVERIFY(all->at(0).matchedReturnId > 0);
        QCOMPARE(all->at(0).matchedAt, m_clock.now());
        QCOMPARE(all->at(1).status, UnknownPackage::Status::Open);
        QCOMPARE(*queue.rematch(), 0);
        QCOMPARE(AuditRepository(m_db->database()).forReturn(all->at(0).matchedReturnId)->first().action,
            u"unknown_matched"_s);
    }

    void shouldLeaveAnAmbiguousPackageForASupervisor()
    {
        // Two returns on one order: a package known only by its order name matches both
        ExceptionQueue queue(m_db->database(), m_clock);
        QVERIFY(queue.record(u"#1042"_s, u"dock-3"_s, u"maria"_s, {}, {}));
        ReturnRepository returns(m_db->database());
        QVERIFY(returns.upsert(ReturnBuilder(m_merchantId, 1), m_clock.now()));
        QVERIFY(returns.upsert(ReturnBuilder(m_merchantId, 2).tracking(u"9400122222222222222222"_s), m_clock.now()));
        QCOMPARE(*queue.rematch(), 0);
        QCOMPARE(UnknownPackageRepository(m_db->database()).list(UnknownPackage::Status::Open)->size(), 1);
    }

private:
    std::unique_ptr<TempDatabase> m_db;
    FakeClock m_clock;
    qint64 m_merchantId = 0;
};

QTEST_GUILESS_MAIN(TestExceptionQueue)
#include "TestExceptionQueue.moc"
