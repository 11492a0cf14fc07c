#include "Database.h"

#include "Migrator.h"
#include "util/Logging.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlQuery>
#include <QThread>

#include <atomic>

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {
std::atomic<int> s_nextInstance {1};

// SQLite result codes (sqlite3.h) that the QSQLITE driver reports as native error codes.
constexpr int kSqliteReadOnly = 8;
constexpr int kSqliteCorrupt = 11;
constexpr int kSqliteCantOpen = 14;
constexpr int kSqliteNotADb = 26;

int sqliteCode(const QSqlError& error)
{
    // Extended result codes carry the primary code in the low byte.
    return error.nativeErrorCode().toInt() & 0xff;
}

void removeConnection(const QString& name)
{
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(name);
}
} // namespace

Database::Database(const DatabaseUrl& url, const Options& options)
    : m_url(url)
    , m_dialect(url.isSqlite() ? SqlDialect::Kind::Sqlite : SqlDialect::Kind::Postgres)
    , m_options(options)
    , m_instance(s_nextInstance++)
    , m_ownerThread(QThread::currentThread())
{
}

Database::~Database()
{
    // Connections of other threads are removed when those threads finish; ours goes now.
    if (QThread::currentThread() == m_ownerThread)
        removeConnection(connectionName());
}

Result<std::unique_ptr<Database>> Database::open(const DatabaseUrl& url, const Options& options)
{
    if (!QSqlDatabase::isDriverAvailable(url.isSqlite() ? u"QSQLITE"_s : u"QPSQL"_s)) {
        return fail(Error::storage(u"db.driver.missing"_s,
            u"The Qt SQL driver for %1 is not installed. Install %2 (scripts/setup.sh does) and start again."_s)
                        .with(url.toDisplayString(), url.isSqlite() ? u"libqt6sql6-sqlite"_s : u"libqt6sql6-psql"_s));
    }
    std::unique_ptr<Database> db(new Database(url, options));
    if (url.isSqlite()) {
        if (const Status checked = db->checkSqliteFile(); !checked)
            return fail(checked.error());
    }
    const Result<QSqlDatabase> connection = db->connection();
    if (!connection)
        return fail(connection.error());
    if (options.migrate) {
        Migrator migrator(*db);
        if (const Result<int> migrated = migrator.migrate(); !migrated)
            return fail(migrated.error());
    }
    return db;
}

QString Database::connectionName() const
{
    return u"dockside-%1-%2"_s.arg(m_instance).arg(reinterpret_cast<quintptr>(QThread::currentThreadId()), 0, 16);
}

Result<QSqlDatabase> Database::connection()
{
    const QString name = connectionName();
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen())
            return db;
        if (!db.open())
            return fail(openFailure(db.lastError()));
        if (const Status configured = configure(db); !configured) {
            db.close();
            return fail(configured.error());
        }
        return db;
    }

    QSqlDatabase db = QSqlDatabase::addDatabase(m_dialect.driverName(), name);
    if (m_url.isSqlite()) {
        db.setDatabaseName(m_url.sqlitePath());
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(m_options.busyTimeoutMs));
    } else {
        db.setHostName(m_url.host());
        if (m_url.port() > 0)
            db.setPort(m_url.port());
        db.setDatabaseName(m_url.databaseName());
        db.setUserName(m_url.userName());
        db.setPassword(m_url.password());
        QStringList options {u"connect_timeout=%1"_s.arg(m_options.connectTimeoutS)};
        const auto extra = m_url.options();
        for (auto it = extra.cbegin(); it != extra.cend(); ++it) {
            if (it.key() != u"connect_timeout"_s || it.value().isEmpty())
                options << it.key() + u'=' + it.value();
        }
        if (!extra.contains(u"application_name"_s))
            options << u"application_name=dockside"_s;
        db.setConnectOptions(options.join(u';'));
    }

    {
        QMutexLocker lock(&m_mutex);
        m_names << name;
    }
    QThread* thread = QThread::currentThread();
    if (thread != m_ownerThread) {
        QObject::connect(thread, &QThread::finished, thread, [name] { removeConnection(name); }, Qt::DirectConnection);
    }

    if (!db.open())
        return fail(openFailure(db.lastError()));
    if (const Status configured = configure(db); !configured) {
        db.close();
        return fail(configured.error());
    }
    return db;
}

Status Database::configure(QSqlDatabase& db)
{
    QSqlQuery query(db);
    if (m_url.isSqlite()) {
        // Read something first: a file that is not an SQLite database fails here, before we try to
        // change its journal mode.
        if (!query.exec(u"SELECT count(*) FROM sqlite_master"_s))
            return fail(failure(query.lastError(), u"reading the database"_s));
        const QStringList pragmas = {
            u"PRAGMA busy_timeout = %1"_s.arg(m_options.busyTimeoutMs),
            u"PRAGMA foreign_keys = ON"_s,
            u"PRAGMA synchronous = NORMAL"_s,
        };
        for (const QString& pragma : pragmas) {
            if (!query.exec(pragma))
                return fail(failure(query.lastError(), u"configuring the connection"_s));
        }
        if (!query.exec(u"PRAGMA journal_mode = WAL"_s) || !query.next())
            return fail(failure(query.lastError(), u"switching to WAL mode"_s));
        if (query.value(0).toString().compare(u"wal"_s, Qt::CaseInsensitive) != 0) {
            return fail(Error::storage(u"db.sqlite.nowal"_s,
                u"The SQLite database %1 could not switch to WAL mode (it stayed in %2 mode). Put the file on a "
                u"local disk that allows shared memory files, or pass --db with another location."_s)
                            .with(m_url.toDisplayString(), query.value(0).toString()));
        }
    } else {
        if (!query.exec(u"SET TIME ZONE 'UTC'"_s))
            return fail(failure(query.lastError(), u"configuring the connection"_s));
    }
    return {};
}

Status Database::checkSqliteFile() const
{
    const QString path = m_url.sqlitePath();
    const QString shown = m_url.toDisplayString();
    const QFileInfo file(path);
    const QDir folder = file.absoluteDir();
    if (!folder.exists() && !QDir().mkpath(folder.absolutePath())) {
        return fail(Error::storage(u"db.sqlite.folder"_s,
            u"Cannot create the folder %1 for the database %2. Create it, make it writable, or pass --db with "
            u"another location."_s)
                        .with(folder.absolutePath(), shown));
    }
    if (file.exists()) {
        if (!file.isFile()) {
            return fail(Error::storage(u"db.sqlite.notfile"_s,
                u"The database path %1 is not a file. Pass --db with the path of an SQLite file."_s)
                            .with(shown));
        }
        if (!file.isReadable()) {
            return fail(Error::storage(u"db.sqlite.unreadable"_s,
                u"The database file %1 cannot be read by this user. Fix its permissions or pass --db with another "
                u"file; nothing was changed."_s)
                            .with(shown));
        }
        if (!file.isWritable()) {
            return fail(Error::storage(u"db.sqlite.readonly"_s,
                u"The database file %1 is read-only. Make it writable for this user (or move it off a read-only "
                u"disk), or pass --db with another file; nothing was changed."_s)
                            .with(shown));
        }
    }
    if (!QFileInfo(folder.absolutePath()).isWritable()) {
        return fail(Error::storage(u"db.sqlite.folder.readonly"_s,
            u"The folder %1 is read-only, but SQLite needs to create its journal files next to the database %2. "
            u"Make the folder writable or pass --db with another location; nothing was changed."_s)
                        .with(folder.absolutePath(), shown));
    }
    return {};
}

Error Database::openFailure(const QSqlError& error) const
{
    const QString shown = m_url.toDisplayString();
    const QString detail = error.text();
    if (m_url.isSqlite()) {
        return Error::storage(u"db.sqlite.open"_s,
            u"Cannot open the SQLite database %1. Check that the path is right and writable, or pass --db with "
            u"another file."_s,
            detail)
            .with(shown);
    }
    const QString text = error.databaseText();
    if (text.contains(u"password authentication failed"_s) || text.contains(u"no password supplied"_s)
        || text.contains(u"role \""_s)) {
        return Error::auth(u"db.postgres.auth"_s,
            u"PostgreSQL at %1 refused the user name or password. Check the user and password in the URL."_s, detail)
            .with(shown);
    }
    if (text.contains(u"database \""_s) && text.contains(u"does not exist"_s)) {
        return Error::storage(u"db.postgres.nodb"_s,
            u"The PostgreSQL server at %1 has no database named %2. Create it (createdb %2) or fix the URL."_s, detail)
            .with(shown, m_url.databaseName());
    }
    return Error::storage(u"db.postgres.unreachable"_s,
        u"Cannot connect to PostgreSQL at %1. Check that the server is running and reachable from this station, "
        u"and that the host and port in the URL are right."_s,
        detail)
        .with(shown);
}

Error Database::failure(const QSqlError& error, const QString& what)
{
    const QString shown = m_url.toDisplayString();
    const QString detail = error.text();
    qCWarning(lcStorage).noquote() << "database error while" << what << "on" << shown << ":" << detail;

    if (m_url.isSqlite()) {
        switch (sqliteCode(error)) {
        case kSqliteNotADb:
        case kSqliteCorrupt:
            return Error::storage(u"db.sqlite.corrupt"_s,
                u"The file %1 is not a Dockside database or is damaged. Dockside did not change it. Restore it from a "
                u"backup, or start with another file: --db sqlite:///path/to/new.sqlite"_s,
                detail)
                .with(shown);
        case kSqliteReadOnly:
            return Error::storage(u"db.sqlite.readonly"_s,
                u"The database %1 is read-only, so %2 failed. Make the file and its folder writable; nothing was "
                u"saved by this action."_s,
                detail)
                .with(shown, what);
        case kSqliteCantOpen:
            return Error::storage(u"db.sqlite.open"_s,
                u"Cannot open the SQLite database %1 while %2. Check that the file and its folder exist and are "
                u"writable."_s,
                detail)
                .with(shown, what);
        default:
            break;
        }
        return Error::storage(u"db.error"_s,
            u"The database %1 failed while %2. Nothing was saved by this action; try again, and if it keeps failing "
            u"give this message to your administrator."_s,
            detail)
            .with(shown, what);
    }

    if (error.type() == QSqlError::ConnectionError
        || m_dialect.isConnectionLost(error.nativeErrorCode(), error.databaseText() + u' ' + error.driverText())) {
        // Close it so that the next connection() on this thread reconnects.
        QSqlDatabase db = QSqlDatabase::database(connectionName(), false);
        if (db.isOpen())
            db.close();
        return Error::storage(u"db.postgres.lost"_s,
            u"Lost the connection to PostgreSQL at %1 while %2. Check that the server is running; Dockside "
            u"reconnects on the next try and nothing already stored is lost."_s,
            detail)
            .with(shown, what);
    }
    return Error::storage(u"db.error"_s,
        u"The database %1 failed while %2. Nothing was saved by this action; try again, and if it keeps failing "
        u"give this message to your administrator."_s,
        detail)
        .with(shown, what);
}

} // namespace Dockside
