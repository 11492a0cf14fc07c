#include "DatabaseUrl.h"

#include <QDir>
#include <QStandardPaths>
#include <QUrl>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {
const QStringList kPostgresOptions = {
    u"sslmode"_s,
    u"connect_timeout"_s,
    u"application_name"_s,
    u"sslrootcert"_s,
    u"sslcert"_s,
    u"sslkey"_s,
    u"options"_s,
    u"target_session_attrs"_s,
};

Error badUrl(const QString& shown, const QString& why)
{
    return Error::validation(u"db.url.invalid"_s,
        u"The database URL %1 is not valid: %2. Use sqlite:///path/to/file.sqlite or "
        u"postgresql://user:password@host:port/database."_s)
        .with(shown, why);
}

// Masks the password of a URL we could not parse, so even a bad URL never echoes a secret.
QString maskRaw(const QString& text)
{
    const qsizetype scheme = text.indexOf(u"://"_s);
    const qsizetype at = text.lastIndexOf(u'@');
    if (scheme < 0 || at < 0 || at < scheme)
        return text;
    const qsizetype colon = text.indexOf(u':', scheme + 3);
    if (colon < 0 || colon > at)
        return text;
    return text.left(colon + 1) + u"***"_s + text.mid(at);
}
} // namespace

Result<DatabaseUrl> DatabaseUrl::parse(const QString& text)
{
    const QString trimmed = text.trimmed();
    const QString shown = maskRaw(trimmed);
    if (trimmed.isEmpty())
        return fail(badUrl(u"\"\""_s, u"it is empty"_s));

    DatabaseUrl url;
    if (trimmed.startsWith(u"sqlite:"_s, Qt::CaseInsensitive)) {
        // sqlite:///abs/path, sqlite://relative/path is ambiguous, so we only take an absolute path or
        // a path relative to the working directory written as sqlite:relative.sqlite.
        QString rest = trimmed.mid(7);
        QString path;
        if (rest.startsWith(u"///"_s))
            path = rest.mid(2);
        else if (rest.startsWith(u"//"_s))
            return fail(badUrl(shown, u"an SQLite URL needs three slashes before an absolute path (sqlite:///var/lib/x.sqlite)"_s));
        else
            path = rest;
        path = QUrl::fromPercentEncoding(path.toUtf8());
        if (path.isEmpty() || path == u"/"_s)
            return fail(badUrl(shown, u"it names no file"_s));
        url.m_backend = Backend::Sqlite;
        url.m_path = QDir::cleanPath(QDir::current().absoluteFilePath(path));
        return url;
    }

    const QUrl parsed(trimmed, QUrl::StrictMode);
    const QString scheme = parsed.scheme().toLower();
    if (scheme != u"postgresql"_s && scheme != u"postgres"_s) {
        return fail(badUrl(shown, parsed.scheme().isEmpty() ? u"it has no scheme"_s
                                                            : u"the scheme %1 is not supported"_s.arg(parsed.scheme())));
    }
    if (!parsed.isValid())
        return fail(badUrl(shown, parsed.errorString()));

    url.m_backend = Backend::Postgres;
    url.m_host = parsed.host();
    url.m_port = parsed.port(-1);
    url.m_userName = parsed.userName(QUrl::FullyDecoded);
    url.m_password = parsed.password(QUrl::FullyDecoded);
    url.m_databaseName = parsed.path(QUrl::FullyDecoded).mid(1);
    if (url.m_databaseName.isEmpty())
        return fail(badUrl(shown, u"it names no database (add /dockside after the host)"_s));
    if (url.m_databaseName.contains(u'/'))
        return fail(badUrl(shown, u"the database name must not contain a slash"_s));

    const QUrlQuery query(parsed);
    for (const auto& [key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == u"host"_s) {
            url.m_host = value; // a unix socket directory, as libpq allows
        } else if (key == u"port"_s) {
            bool ok = false;
            url.m_port = value.toInt(&ok);
            if (!ok || url.m_port <= 0 || url.m_port > 65535)
                return fail(badUrl(shown, u"the port %1 is not a number from 1 to 65535"_s.arg(value)));
        } else if (kPostgresOptions.contains(key)) {
            url.m_options.insert(key, value);
        } else {
            return fail(badUrl(shown, u"the option %1 is not known (known: host, port, %2)"_s.arg(key, kPostgresOptions.join(u", "_s))));
        }
    }
    if (url.m_host.isEmpty())
        url.m_host = u"localhost"_s;
    return url;
}

DatabaseUrl DatabaseUrl::defaultSqlite()
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (dir.isEmpty())
        dir = QDir::homePath() + u"/.local/share/Dockside"_s;
    return sqliteFile(dir + u"/dockside.sqlite"_s);
}

DatabaseUrl DatabaseUrl::sqliteFile(const QString& path)
{
    DatabaseUrl url;
    url.m_backend = Backend::Sqlite;
    url.m_path = QDir::cleanPath(QDir::current().absoluteFilePath(path));
    return url;
}

QString DatabaseUrl::toDisplayString() const
{
    if (m_backend == Backend::Sqlite)
        return u"sqlite://"_s + m_path;

    QUrl url;
    url.setScheme(u"postgresql"_s);
    const bool socket = m_host.startsWith(u'/');
    if (!socket)
        url.setHost(m_host);
    if (m_port > 0)
        url.setPort(m_port);
    url.setUserName(m_userName);
    if (!m_password.isEmpty())
        url.setPassword(u"***"_s);
    url.setPath(u"/"_s + m_databaseName);
    QUrlQuery query;
    if (socket)
        query.addQueryItem(u"host"_s, m_host);
    for (auto it = m_options.cbegin(); it != m_options.cend(); ++it)
        query.addQueryItem(it.key(), it.value());
    url.setQuery(query);
    return url.toString(QUrl::PrettyDecoded);
}

DatabaseUrl DatabaseUrl::withDatabaseName(const QString& name) const
{
    DatabaseUrl copy = *this;
    copy.m_databaseName = name;
    return copy;
}

} // namespace Dockside
