#pragma once

#include "DatabaseUrl.h"
#include "SqlDialect.h"
#include "util/Error.h"

#include <QMutex>
#include <QSqlDatabase>
#include <QSqlError>
#include <QStringList>

#include <memory>

class QThread;

namespace Dockside {

// The connection factory: one named QSqlDatabase connection per thread, created on first use on that
// thread and removed when the thread finishes. The object itself may be shared between threads; it
// must outlive every thread that uses it.
class Database final
{
public:
    struct Options
    {
        bool migrate = true; // bring the schema up to date on open
        int busyTimeoutMs = 5000; // SQLite: how long a writer waits for another writer
        int connectTimeoutS = 5; // PostgreSQL
    };

    // Opens on the calling thread, checks that the database is usable (exists or can be created,
    // is writable, is not damaged, the server answers) and migrates it. Every failure names the URL
    // with its password masked and says what to do. Nothing stored is ever deleted or rewritten here.
    static Result<std::unique_ptr<Database>> open(const DatabaseUrl& url, const Options& options);
    static Result<std::unique_ptr<Database>> open(const DatabaseUrl& url) { return open(url, Options {}); }

    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // This thread's connection, opened (or reopened after a lost connection) on demand.
    Result<QSqlDatabase> connection();

    const DatabaseUrl& url() const { return m_url; }
    const SqlDialect& dialect() const { return m_dialect; }

    // Turns a driver error into an Error that names the database and says what to do. A lost
    // PostgreSQL connection is closed here so the next connection() reconnects.
    Error failure(const QSqlError& error, const QString& what);

private:
    Database(const DatabaseUrl& url, const Options& options);

    QString connectionName() const;
    Status configure(QSqlDatabase& db);
    Status checkSqliteFile() const;
    Error openFailure(const QSqlError& error) const;

    DatabaseUrl m_url;
    SqlDialect m_dialect;
    Options m_options;
    int m_instance;
    QThread* m_ownerThread;
    QMutex m_mutex;
    QStringList m_names; // every connection name this object created, for the destructor
};

} // namespace Dockside
