#include "TempDatabase.h"
#include "storage/AuditRepository.h"
#include "storage/Sql.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;
using namespace Dockside::Testing;

class TestAuditRepository final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { Testing::TempDatabase::addBackendRows(); }
    void init() { DOCKSIDE_OPEN_TEST_DATABASE(m_db); }
    void cleanup() { m_db.reset(); }

    void shouldAppendAndReadBackInOrder()
    {
        AuditRepository audit(m_db->database());
        const AuditEvent scan = event(u"scan"_s, 0);
        const AuditEvent decision = event(u"decision"_s, 60);
        QVERIFY(audit.append(decision));
        QVERIFY(audit.append(scan));
        const auto events = audit.forReturn(7);
        QVERIFY(events);
        QCOMPARE(events->size(), 2);
        QCOMPARE(events->at(0).action, u"scan"_s);
        QCOMPARE(events->at(0).rawScan, u"]C1420432159\u001D9400100000000000000001"_s);
        QCOMPARE(events->at(1).action, u"decision"_s);
        QCOMPARE(events->at(1).detail, QByteArray(R"({"decision":"flag"})"));
    }

    void shouldRefuseToChangeOrDeleteHistory_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::newRow("update") << u"UPDATE \"audit_events\" SET \"summary\" = 'rewritten'"_s;
        QTest::newRow("delete") << u"DELETE FROM \"audit_events\""_s;
    }

    void shouldRefuseToChangeOrDeleteHistory()
    {
        QFETCH(QString, sql);
        AuditRepository audit(m_db->database());
        QVERIFY(audit.append(event(u"override"_s, 0)));
        Result<QSqlDatabase> connection = m_db->database().connection();
        QVERIFY(connection);
        const Result<QSqlQuery> changed = Sql::exec(m_db->database(), *connection, sql, {}, u"tampering"_s);
        QVERIFY(!changed);
        const auto events = audit.recent(10);
        QCOMPARE(events->size(), 1);
        QCOMPARE(events->first().summary, u"override summary"_s);
    }

private:
    static AuditEvent event(const QString& action, int secondsLater)
    {
        AuditEvent value;
        value.at = QDateTime(QDate(2026, 11, 2), QTime(10, 0), Qt::UTC).addSecs(secondsLater);
        value.station = u"dock-3"_s;
        value.user = u"maria"_s;
        value.action = action;
        value.returnId = 7;
        value.rawScan = u"]C1420432159\u001D9400100000000000000001"_s;
        value.summary = action + u" summary"_s;
        value.detail = R"({"decision":"flag"})";
        return value;
    }

    std::unique_ptr<Testing::TempDatabase> m_db;
};

QTEST_GUILESS_MAIN(TestAuditRepository)
#include "TestAuditRepository.moc"
