#include "Builders.h"
#include "TempDatabase.h"
#include "storage/MerchantRepository.h"
#include "storage/Migrator.h"
#include "storage/ReturnRepository.h"

#include <QThread>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;
using namespace Dockside::Testing;

// Behaviour every backend must share. Backend-specific failure modes live in TestSqliteFile and
// TestPostgresConnection.
class TestDatabase final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { Testing::TempDatabase::addBackendRows(); }

    void init() { DOCKSIDE_OPEN_TEST_DATABASE(m_db); }
    void cleanup() { m_db.reset(); }

    void shouldMigrateAFreshDatabaseToTheLatestSchema()
    {
        Migrator migrator(m_db->database());
        const Result<int> version = migrator.currentVersion();
        QVERIFY2(version, qPrintable(version ? QString() : version.error().toLogString()));
        QCOMPARE(*version, migrator.latestVersion());
        QVERIFY(*version >= 1);
    }

    void shouldKeepDataAcrossReopenedConnections()
    {
        // GIVEN a merchant stored
        MerchantRepository merchants(m_db->database());
        QVERIFY(merchants.insert(merchant(u"Bergen Demo"_s)));
        // WHEN the connection is closed and reopened
        m_db->reopen();
        // THEN the merchant is still there
        const auto found = merchants.findByName(u"Bergen Demo"_s);
        QVERIFY(found);
        QVERIFY(found->has_value());
    }

    void shouldGiveEachThreadItsOwnConnectionAndRemoveItWhenTheThreadEnds()
    {
        // GIVEN a merchant written on the main thread
        MerchantRepository merchants(m_db->database());
        QVERIFY(merchants.insert(merchant(u"Whiplash Demo"_s)));
        const QStringList before = QSqlDatabase::connectionNames();

        // WHEN a worker thread reads through the same Database
        QString threadConnection;
        qint64 seenOnThread = -1;
        Dockside::Database& database = m_db->database();
        QThread* worker = QThread::create([&database, &threadConnection, &seenOnThread] {
            Result<QSqlDatabase> connection = database.connection();
            if (!connection)
                return;
            threadConnection = connection->connectionName();
            MerchantRepository threadMerchants(database);
            const auto all = threadMerchants.list();
            seenOnThread = all ? all->size() : -1;
        });
        QSignalSpy finished(worker, &QThread::finished);
        worker->start();
        QVERIFY(worker->wait(10000));
        QCOMPARE(finished.count(), 1);
        delete worker;

        // THEN it saw the data through a connection of its own, which is gone with the thread
        QCOMPARE(seenOnThread, 1);
        QVERIFY(!threadConnection.isEmpty());
        QVERIFY(!before.contains(threadConnection));
        QVERIFY(!QSqlDatabase::connectionNames().contains(threadConnection));
    }

    void shouldEnforceForeignKeys()
    {
        // GIVEN no merchant with id 999
        ReturnRepository returns(m_db->database());
        // WHEN a return claims that merchant
        const Result<UpsertOutcome> saved = returns.upsert(ReturnBuilder(999), QDateTime::currentDateTimeUtc());
        // THEN the database refuses it with a storage error
        QVERIFY(!saved);
        QCOMPARE(saved.error().kind, Error::Kind::Storage);
        QVERIFY(saved.error().message.contains(m_db->url().toDisplayString()));
    }

private:
    std::unique_ptr<Testing::TempDatabase> m_db;
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "TestDatabase.moc"
