#include "Builders.h"
#include "TempDatabase.h"
#include "storage/MerchantRepository.h"
#include "storage/Sql.h"

#include <QTcpServer>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;
using namespace Dockside::Testing;

// What a station sees when PostgreSQL is wrong, unreachable, or goes away under it.
class TestPostgresConnection final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!TempDatabase::postgresServer()) {
            if (TempDatabase::postgresRequired())
                QFAIL("DOCKSIDE_REQUIRE_PG=1 but DOCKSIDE_TEST_PG_URL is not set");
            QSKIP("No PostgreSQL test server: set DOCKSIDE_TEST_PG_URL (scripts/test.sh does)");
        }
    }

    void shouldNameTheServerWithoutThePasswordWhenNothingListens()
    {
        // GIVEN a port nobody listens on
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        const DatabaseUrl url = *DatabaseUrl::parse(u"postgresql://dock:hunter2@127.0.0.1:%1/dockside"_s.arg(port));

        // WHEN opening it
        const Result<std::unique_ptr<Database>> db = Database::open(url);

        // THEN the message names the masked URL and says what to check
        QVERIFY(!db);
        QCOMPARE(db.error().code, u"db.postgres.unreachable"_s);
        QVERIFY2(db.error().message.contains(u"postgresql://dock:***@127.0.0.1:%1/dockside"_s.arg(port)),
            qPrintable(db.error().message));
        QVERIFY(db.error().message.contains(u"running"_s));
        QVERIFY(!db.error().message.contains(u"hunter2"_s));
        QVERIFY(!db.error().detail.contains(u"hunter2"_s));
    }

    void shouldSayWhenTheDatabaseDoesNotExist()
    {
        const DatabaseUrl url = TempDatabase::postgresServer()->withDatabaseName(u"no_such_dockside_db"_s);
        const Result<std::unique_ptr<Database>> db = Database::open(url);
        QVERIFY(!db);
        QCOMPARE(db.error().code, u"db.postgres.nodb"_s);
        QVERIFY(db.error().message.contains(u"createdb"_s));
    }

    void shouldRecoverWhenTheServerDropsTheConnection()
    {
        // GIVEN a station connected to PostgreSQL with a merchant stored
        auto created = TempDatabase::create(u"postgresql"_s);
        QVERIFY2(created, qPrintable(created ? QString() : created.error().toLogString()));
        auto& test = **created;
        MerchantRepository merchants(test.database());
        QVERIFY(merchants.insert(merchant(u"Acme"_s)));

        // WHEN the server terminates our backend (as on a restart or a failover)
        Result<QSqlDatabase> connection = test.database().connection();
        QVERIFY(connection);
        Result<QSqlQuery> pid = Sql::exec(test.database(), *connection, u"SELECT pg_backend_pid()"_s, {}, u"test"_s);
        QVERIFY(pid && pid->next());
        const qint64 backendPid = pid->value(0).toLongLong();
        pid->finish();
        QVERIFY(TempDatabase::adminExec(*TempDatabase::postgresServer(),
            u"SELECT pg_terminate_backend(%1)"_s.arg(backendPid)));

        // THEN the next action fails with a clear message, not a crash
        const auto lost = merchants.list();
        QVERIFY(!lost);
        QCOMPARE(lost.error().code, u"db.postgres.lost"_s);
        QVERIFY(lost.error().message.contains(u"reconnects"_s));

        // AND the one after reconnects and finds the data intact
        const auto again = merchants.list();
        QVERIFY2(again, qPrintable(again ? QString() : again.error().toLogString()));
        QCOMPARE(again->size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestPostgresConnection)
#include "TestPostgresConnection.moc"
