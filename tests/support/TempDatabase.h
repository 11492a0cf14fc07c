#pragma once

#include "storage/Database.h"
#include "storage/DatabaseUrl.h"

#include <QTemporaryDir>
#include <QtTest>

#include <memory>

namespace Dockside::Testing {

// A fresh database for one test on one backend: an SQLite file in a temporary folder, or a new
// database on the PostgreSQL server named by $DOCKSIDE_TEST_PG_URL (scripts/test.sh starts one).
// Dropped again when the object goes.
class TempDatabase final
{
public:
    // Adds one global data row per backend ("sqlite", "postgresql"); call it from initTestCase_data().
    // $DOCKSIDE_TEST_BACKEND limits the rows to one backend, as ctest does.
    static void addBackendRows();

    static Result<std::unique_ptr<TempDatabase>> create(const QString& backend, bool migrate = true);

    // The server from $DOCKSIDE_TEST_PG_URL, if any.
    static std::optional<DatabaseUrl> postgresServer();
    // $DOCKSIDE_REQUIRE_PG=1 (set by scripts/test.sh) turns a missing server into a failure, not a skip.
    static bool postgresRequired();

    ~TempDatabase();
    TempDatabase(const TempDatabase&) = delete;
    TempDatabase& operator=(const TempDatabase&) = delete;

    Database& database() { return *m_database; }
    const DatabaseUrl& url() const { return m_url; }
    QString backend() const { return m_url.isSqlite() ? QStringLiteral("sqlite") : QStringLiteral("postgresql"); }

    // Closes this thread's connection; the next use reopens it (used to test reopening and restarts).
    void reopen();

    // Runs SQL on a separate administrative connection (PostgreSQL: the server's maintenance database).
    static Status adminExec(const DatabaseUrl& server, const QString& sql);

private:
    TempDatabase() = default;

    std::unique_ptr<QTemporaryDir> m_folder;
    DatabaseUrl m_url;
    std::optional<DatabaseUrl> m_server;
    std::unique_ptr<Database> m_database;
};

} // namespace Dockside::Testing

// Opens a fresh test database for the current global backend row into `target`, skipping the test when
// no PostgreSQL server is configured (and that is allowed) and failing it on any other error.
#define DOCKSIDE_OPEN_TEST_DATABASE(target, ...)                                                                       \
    do {                                                                                                               \
        QFETCH_GLOBAL(QString, backend);                                                                               \
        auto created_ = ::Dockside::Testing::TempDatabase::create(backend __VA_OPT__(, ) __VA_ARGS__);                 \
        if (!created_) {                                                                                               \
            if (created_.error().code == QStringLiteral("test.pg.unconfigured")                                        \
                && !::Dockside::Testing::TempDatabase::postgresRequired())                                             \
                QSKIP(qPrintable(created_.error().message));                                                           \
            QFAIL(qPrintable(created_.error().toLogString()));                                                         \
        }                                                                                                              \
        target = std::move(*created_);                                                                                 \
    } while (false)
