#include "TempDatabase.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

#include <atomic>

using namespace Qt::StringLiterals;

namespace Dockside::Testing {

namespace {
std::atomic<int> s_counter {0};
}

void TempDatabase::addBackendRows()
{
    QTest::addColumn<QString>("backend");
    const QString only = qEnvironmentVariable("DOCKSIDE_TEST_BACKEND");
    for (const QString& backend : {u"sqlite"_s, u"postgresql"_s}) {
        if (only.isEmpty() || only == backend)
            QTest::newRow(qPrintable(backend)) << backend;
    }
}

std::optional<DatabaseUrl> TempDatabase::postgresServer()
{
    const QString text = qEnvironmentVariable("DOCKSIDE_TEST_PG_URL");
    if (text.isEmpty())
        return std::nullopt;
    Result<DatabaseUrl> url = DatabaseUrl::parse(text);
    if (!url)
        return std::nullopt;
    return *url;
}

bool TempDatabase::postgresRequired()
{
    return qEnvironmentVariable("DOCKSIDE_REQUIRE_PG") == u"1"_s;
}

Status TempDatabase::adminExec(const DatabaseUrl& server, const QString& sql)
{
    const QString name = u"dockside-test-admin-%1"_s.arg(s_counter++);
    Status status;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
        db.setHostName(server.host());
        if (server.port() > 0)
            db.setPort(server.port());
        db.setDatabaseName(server.databaseName());
        db.setUserName(server.userName());
        db.setPassword(server.password());
        if (!db.open()) {
            status = fail(Error::storage(u"test.pg.admin"_s,
                u"Cannot reach the test PostgreSQL server %1"_s.arg(server.toDisplayString()), db.lastError().text()));
        } else {
            QSqlQuery query(db);
            if (!query.exec(sql)) {
                status = fail(Error::storage(u"test.pg.admin"_s, u"Admin statement failed: %1"_s.arg(sql),
                    query.lastError().text()));
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return status;
}

Result<std::unique_ptr<TempDatabase>> TempDatabase::create(const QString& backend, bool migrate)
{
    std::unique_ptr<TempDatabase> test(new TempDatabase);
    if (backend == u"sqlite"_s) {
        test->m_folder = std::make_unique<QTemporaryDir>();
        if (!test->m_folder->isValid())
            return fail(Error::storage(u"test.tmp"_s, u"Cannot create a temporary folder"_s));
        test->m_url = DatabaseUrl::sqliteFile(test->m_folder->filePath(u"dockside.sqlite"_s));
    } else if (backend == u"postgresql"_s) {
        test->m_server = postgresServer();
        if (!test->m_server) {
            return fail(Error::validation(u"test.pg.unconfigured"_s,
                u"No PostgreSQL test server: set DOCKSIDE_TEST_PG_URL (scripts/test.sh does)"_s));
        }
        const QString name = u"dockside_t_%1_%2"_s.arg(QCoreApplication::applicationPid()).arg(s_counter++);
        if (const Status dropped = adminExec(*test->m_server, u"DROP DATABASE IF EXISTS \"%1\""_s.arg(name)); !dropped)
            return fail(dropped.error());
        if (const Status made = adminExec(*test->m_server, u"CREATE DATABASE \"%1\""_s.arg(name)); !made)
            return fail(made.error());
        test->m_url = test->m_server->withDatabaseName(name);
    } else {
        return fail(Error::validation(u"test.backend"_s, u"Unknown backend %1"_s.arg(backend)));
    }

    Database::Options options;
    options.migrate = migrate;
    Result<std::unique_ptr<Database>> database = Database::open(test->m_url, options);
    if (!database)
        return fail(database.error());
    test->m_database = std::move(*database);
    return test;
}

TempDatabase::~TempDatabase()
{
    m_database.reset();
    if (m_server) {
        const Status dropped
            = adminExec(*m_server, u"DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)"_s.arg(m_url.databaseName()));
        if (!dropped)
            qWarning().noquote() << dropped.error().toLogString();
    }
}

void TempDatabase::reopen()
{
    Result<QSqlDatabase> connection = m_database->connection();
    if (connection)
        connection->close();
}

} // namespace Dockside::Testing
