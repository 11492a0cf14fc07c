#pragma once

#include "util/Error.h"

#include <QMap>
#include <QString>

namespace Dockside {

// Where the data lives: `sqlite:///absolute/path.sqlite` or
// `postgresql://user:password@host:port/database[?host=/socket/dir&sslmode=...]`.
class DatabaseUrl final
{
public:
    enum class Backend {
        Sqlite,
        Postgres,
    };

    static Result<DatabaseUrl> parse(const QString& text);
    // sqlite:///<app data location>/dockside.sqlite
    static DatabaseUrl defaultSqlite();
    static DatabaseUrl sqliteFile(const QString& path);

    Backend backend() const { return m_backend; }
    bool isSqlite() const { return m_backend == Backend::Sqlite; }

    QString sqlitePath() const { return m_path; }

    QString host() const { return m_host; }
    int port() const { return m_port; } // -1: libpq's default
    QString databaseName() const { return m_databaseName; }
    QString userName() const { return m_userName; }
    QString password() const { return m_password; }
    // libpq options from the query string (sslmode, connect_timeout, application_name, ...).
    QMap<QString, QString> options() const { return m_options; }

    // The URL with the password replaced by ***: the only form that may reach a log or a person.
    QString toDisplayString() const;

    // A copy that points at another PostgreSQL database on the same server.
    DatabaseUrl withDatabaseName(const QString& name) const;

private:
    Backend m_backend = Backend::Sqlite;
    QString m_path;
    QString m_host;
    int m_port = -1;
    QString m_databaseName;
    QString m_userName;
    QString m_password;
    QMap<QString, QString> m_options;
};

} // namespace Dockside
