#include "Builders.h"
#include "TempDatabase.h"
#include "storage/MerchantRepository.h"
#include "storage/SyncStateRepository.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;
using namespace Dockside::Testing;

class TestSyncStateRepository final : public QObject
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

    void shouldStartWithoutAWatermark()
    {
        SyncStateRepository states(m_db->database());
        const auto state = states.get(m_merchantId, u"returns"_s);
        QVERIFY(state);
        QVERIFY(!state->watermark.isValid());
        QCOMPARE(state->stream, u"returns"_s);
    }

    void shouldMoveTheWatermarkForwardOnly()
    {
        SyncStateRepository states(m_db->database());
        QVERIFY(states.recordSuccess(m_merchantId, u"returns"_s, m_t0.addSecs(600), 40, m_t0.addSecs(601)));
        // An older pull that finishes late does not move it back
        QVERIFY(states.recordSuccess(m_merchantId, u"returns"_s, m_t0, 5, m_t0.addSecs(602)));
        const auto state = states.get(m_merchantId, u"returns"_s);
        QCOMPARE(state->watermark, m_t0.addSecs(600));
        QCOMPARE(state->returnsSeen, qint64(45));
        QCOMPARE(state->lastSuccessAt, m_t0.addSecs(602));
    }

    void shouldKeepTheLastErrorUntilTheNextSuccess()
    {
        SyncStateRepository states(m_db->database());
        QVERIFY(states.recordAttempt(m_merchantId, u"returns"_s, m_t0));
        QVERIFY(states.recordFailure(m_merchantId, u"returns"_s, u"Loop refused the API key"_s, m_t0.addSecs(1)));
        auto state = states.get(m_merchantId, u"returns"_s);
        QCOMPARE(state->lastError, u"Loop refused the API key"_s);
        QCOMPARE(state->lastAttemptAt, m_t0);
        QVERIFY(states.recordSuccess(m_merchantId, u"returns"_s, m_t0, 0, m_t0.addSecs(60)));
        state = states.get(m_merchantId, u"returns"_s);
        QVERIFY(state->lastError.isEmpty());
        QVERIFY(!state->lastErrorAt.isValid());
        QCOMPARE(states.all()->size(), 1);
    }

private:
    std::unique_ptr<TempDatabase> m_db;
    qint64 m_merchantId = 0;
    const QDateTime m_t0 = QDateTime(QDate(2026, 11, 2), QTime(10, 0), Qt::UTC);
};

QTEST_GUILESS_MAIN(TestSyncStateRepository)
#include "TestSyncStateRepository.moc"
