#include "Builders.h"
#include "TempDatabase.h"
#include "storage/ClaimRepository.h"
#include "storage/MerchantRepository.h"
#include "storage/ReturnRepository.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;
using namespace Dockside::Testing;

class TestClaimRepository final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TempDatabase::addBackendRows(); }

    void init()
    {
        DOCKSIDE_OPEN_TEST_DATABASE(m_db);
        const Result<qint64> merchantId = MerchantRepository(m_db->database()).insert(merchant(u"Acme"_s));
        QVERIFY(merchantId);
        ReturnRepository returns(m_db->database());
        QVERIFY(returns.upsert(ReturnBuilder(*merchantId), m_t0));
        m_returnId = (**returns.findByLoopId(*merchantId, 41000007)).id;
    }
    void cleanup() { m_db.reset(); }

    void shouldLetOneStationReceiveAReturnUntilItsClaimLapses()
    {
        ClaimRepository claims(m_db->database());
        // GIVEN bench 1 claimed the return for 15 minutes
        const auto first = claims.claim(m_returnId, u"bench-1"_s, u"maria"_s, kTtl, m_t0);
        QVERIFY(first && first->granted);
        QCOMPARE(first->claim.expiresAt, m_t0.addMSecs(kTtl));
        // WHEN bench 2 tries before it lapses
        const auto second = claims.claim(m_returnId, u"bench-2"_s, u"jon"_s, kTtl, m_t0.addSecs(60));
        // THEN it is told who holds it, and until when
        QVERIFY(second && !second->granted);
        QCOMPARE(second->claim,
            (ClaimRepository::Claim { m_returnId, u"bench-1"_s, u"maria"_s, m_t0, m_t0.addMSecs(kTtl) }));
        // AND bench 1 renews it (keeping when it started), which pushes the expiry out
        const auto renewed = claims.claim(m_returnId, u"bench-1"_s, u"maria"_s, kTtl, m_t0.addSecs(600));
        QVERIFY(renewed && renewed->granted);
        QCOMPARE(renewed->claim.claimedAt, m_t0);
        QCOMPARE(renewed->claim.expiresAt, m_t0.addSecs(600).addMSecs(kTtl));
        QVERIFY(!claims.claim(m_returnId, u"bench-2"_s, u"jon"_s, kTtl, m_t0.addMSecs(kTtl + 1000))->granted);
        // WHEN the renewed claim lapses, bench 2 takes it over
        const QDateTime later = m_t0.addSecs(600).addMSecs(kTtl);
        const auto takeover = claims.claim(m_returnId, u"bench-2"_s, u"jon"_s, kTtl, later);
        QVERIFY(takeover && takeover->granted);
        QCOMPARE(takeover->claim,
            (ClaimRepository::Claim { m_returnId, u"bench-2"_s, u"jon"_s, later, later.addMSecs(kTtl) }));
    }

    void shouldLetTheSameStationReclaimWhoeverIsLoggedIn()
    {
        ClaimRepository claims(m_db->database());
        QVERIFY(claims.claim(m_returnId, u"bench-1"_s, u"maria"_s, kTtl, m_t0)->granted);
        const auto again = claims.claim(m_returnId, u"bench-1"_s, u"jon"_s, kTtl, m_t0.addSecs(5));
        QVERIFY(again && again->granted);
        QCOMPARE(again->claim.user, u"jon"_s);
    }

    void shouldReleaseOnlyTheHoldersClaim()
    {
        ClaimRepository claims(m_db->database());
        QVERIFY(claims.claim(m_returnId, u"bench-1"_s, u"maria"_s, kTtl, m_t0)->granted);
        QVERIFY(claims.release(m_returnId, u"bench-2"_s));
        QVERIFY(*claims.current(m_returnId));
        QVERIFY(claims.release(m_returnId, u"bench-1"_s));
        QVERIFY(!*claims.current(m_returnId));
        QVERIFY(claims.claim(m_returnId, u"bench-2"_s, u"jon"_s, kTtl, m_t0)->granted);
    }

private:
    static constexpr qint64 kTtl = 15 * 60 * 1000;
    std::unique_ptr<TempDatabase> m_db;
    qint64 m_returnId = 0;
    const QDateTime m_t0 = QDateTime(QDate(2026, 11, 2), QTime(9, 0), Qt::UTC);
};

QTEST_GUILESS_MAIN(TestClaimRepository)
#include "TestClaimRepository.moc"
