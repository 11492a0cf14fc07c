#include "TempDatabase.h"
#include "storage/Migrator.h"
#include "storage/Sql.h"

#include <QSqlQuery>
#include <QThread>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;
using namespace Dockside::Testing;

class TestMigrator final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { Testing::TempDatabase::addBackendRows(); }

    void init() { DOCKSIDE_OPEN_TEST_DATABASE(m_db, /*migrate=*/false); }
    void cleanup() { m_db.reset(); }

    void shouldStartAtVersionZeroOnAnEmptyDatabase()
    {
        Migrator migrator(m_db->database());
        const Result<int> version = migrator.currentVersion();
        QVERIFY(version);
        QCOMPARE(*version, 0);
    }

    void shouldApplyEveryMigrationOnceAndRecordIt()
    {
        Migrator migrator(m_db->database());
        // WHEN migrating twice
        const Result<int> first = migrator.migrate();
        QVERIFY2(first, qPrintable(first ? QString() : first.error().toLogString()));
        const Result<int> second = migrator.migrate();
        QVERIFY(second);
        // THEN both end at the latest version and each migration is recorded once
        QCOMPARE(*first, migrator.latestVersion());
        QCOMPARE(*second, migrator.latestVersion());
        const auto count = rows(u"SELECT COUNT(*) FROM \"schema_migrations\""_s);
        QCOMPARE(count, qint64(migrator.latestVersion()));
        // AND the tables exist
        QCOMPARE(rows(u"SELECT COUNT(*) FROM \"returns\""_s), qint64(0));
        QCOMPARE(rows(u"SELECT COUNT(*) FROM \"scan_keys\""_s), qint64(0));
    }

    void shouldRefuseADatabaseFromANewerDockside()
    {
        // GIVEN a database migrated by a newer Dockside
        Migrator migrator(m_db->database());
        QVERIFY(migrator.migrate());
        QVERIFY(exec(u"INSERT INTO \"schema_migrations\" (\"version\", \"name\", \"applied_at\") VALUES (%1, 'from the "
                     u"future', 0)"_s.arg(migrator.latestVersion() + 1)));
        // WHEN this build migrates it
        const Result<int> result = migrator.migrate();
        // THEN it refuses with advice and changes nothing
        QVERIFY(!result);
        QCOMPARE(result.error().code, u"db.schema.newer"_s);
        QVERIFY(result.error().message.contains(u"Update Dockside"_s));
        QCOMPARE(rows(u"SELECT COUNT(*) FROM \"schema_migrations\""_s), qint64(migrator.latestVersion() + 1));
    }

    void shouldLetTwoStationsMigrateAtOnceWithoutConflict()
    {
        // GIVEN two "stations" (threads with their own connections) starting on the same empty database
        Dockside::Database& database = m_db->database();
        QList<QString> errors;
        QMutex mutex;
        const auto migrateOnThread = [&database, &errors, &mutex] {
            Migrator migrator(database);
            const Result<int> result = migrator.migrate();
            if (!result) {
                QMutexLocker lock(&mutex);
                errors << result.error().toLogString();
            }
        };
        std::unique_ptr<QThread> first(QThread::create(migrateOnThread));
        std::unique_ptr<QThread> second(QThread::create(migrateOnThread));
        // WHEN both migrate at the same time
        first->start();
        second->start();
        QVERIFY(first->wait(30000));
        QVERIFY(second->wait(30000));
        // THEN neither failed and the schema was applied exactly once
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
        Migrator migrator(database);
        QCOMPARE(rows(u"SELECT COUNT(*) FROM \"schema_migrations\""_s), qint64(migrator.latestVersion()));
    }

private:
    bool exec(const QString& sql)
    {
        Result<QSqlDatabase> connection = m_db->database().connection();
        return connection && Sql::exec(m_db->database(), *connection, sql, {}, u"test"_s).has_value();
    }

    qint64 rows(const QString& sql)
    {
        Result<QSqlDatabase> connection = m_db->database().connection();
        if (!connection)
            return -1;
        Result<QSqlQuery> query = Sql::exec(m_db->database(), *connection, sql, {}, u"test"_s);
        return query && query->next() ? query->value(0).toLongLong() : -1;
    }

    std::unique_ptr<Testing::TempDatabase> m_db;
};

QTEST_GUILESS_MAIN(TestMigrator)
#include "TestMigrator.moc"
