#include "PhotoRepository.h"

#include "Database.h"
#include "Sql.h"

#include <QCryptographicHash>

using namespace Qt::StringLiterals;

namespace Dockside {

PhotoRepository::PhotoRepository(Database& database)
    : m_database(database)
{
}

QString PhotoRepository::reference(qint64 id)
{
    return QString::fromLatin1(kReferencePrefix) + QString::number(id);
}

std::optional<qint64> PhotoRepository::idFromReference(const QString& reference)
{
    const QString prefix = QString::fromLatin1(kReferencePrefix);
    const QString trimmed = reference.trimmed();
    if (!trimmed.startsWith(prefix, Qt::CaseInsensitive))
        return std::nullopt;
    const QStringView digits = QStringView(trimmed).mid(prefix.size());
    if (digits.isEmpty() || digits.size() > 18)
        return std::nullopt;
    for (const QChar c : digits) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
    }
    const qint64 id = digits.toLongLong();
    if (id <= 0)
        return std::nullopt;
    return id;
}

QString PhotoRepository::sha256Hex(const QByteArray& bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

Result<std::optional<qint64>> PhotoRepository::findBySha256(const QString& sha256, const QString& what)
{
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    Result<QSqlQuery> query
        = Sql::exec(m_database, *connection, uR"(SELECT "id" FROM "photos" WHERE "sha256" = ?)"_s, { sha256 }, what);
    if (!query)
        return fail(query.error());
    if (!query->next())
        return std::optional<qint64>();
    return std::optional<qint64>(query->value(0).toLongLong());
}

Result<qint64> PhotoRepository::insert(const QByteArray& bytes, const QString& contentType, const QString& station,
    const QString& user, const QDateTime& takenAt, int width, int height)
{
    if (bytes.isEmpty())
        return fail(Error::validation(
            u"photo.data.empty"_s, u"The photo file is empty. Take the photo again, or choose another file."_s));
    if (bytes.size() > kMaxBytes) {
        const auto megabytes = [](qint64 size) {
            return QString::number(double(size) / (1024.0 * 1024.0), 'f', 1);
        };
        return fail(Error::validation(u"photo.too_large"_s,
            u"The photo is %1 MB; the database keeps photos of up to %2 MB. Take it again at a lower resolution, "
            u"or shrink the file and add it again."_s)
                        .with(megabytes(bytes.size()), megabytes(kMaxBytes)));
    }
    const QString sha256 = sha256Hex(bytes);
    const QString what = u"storing a photo"_s;
    // Looked up first so that a photo stored already does not travel to the server again.
    Result<std::optional<qint64>> existing = findBySha256(sha256, what);
    if (!existing)
        return fail(existing.error());
    if (*existing)
        return **existing;

    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    // Another station may store the same photo between the lookup and here: the unique sha256 keeps one row, and
    // the loser reads the winner's id.
    Result<QSqlQuery> query = Sql::exec(m_database, *connection,
        uR"(INSERT INTO "photos" ("taken_at", "station", "user_name", "content_type", "size", "sha256", "width",
            "height", "bytes") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT ("sha256") DO NOTHING RETURNING "id")"_s,
        { Sql::time(takenAt.isValid() ? takenAt : QDateTime::currentDateTimeUtc()), Sql::text(station), Sql::text(user),
            contentType.isEmpty() ? u"application/octet-stream"_s : contentType,
            QVariant::fromValue<qint64>(bytes.size()), sha256,
            width > 0 ? QVariant(width) : QVariant(QMetaType::fromType<int>()),
            height > 0 ? QVariant(height) : QVariant(QMetaType::fromType<int>()), bytes },
        what);
    if (!query)
        return fail(query.error());
    if (query->next())
        return query->value(0).toLongLong();
    query->finish();
    existing = findBySha256(sha256, what);
    if (!existing)
        return fail(existing.error());
    if (!*existing)
        return fail(Error::storage(u"db.insert.noid"_s, u"The database returned no id for a photo."_s));
    return **existing;
}

Result<std::optional<StoredPhoto>> PhotoRepository::read(qint64 id)
{
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    Result<QSqlQuery> query = Sql::exec(m_database, *connection,
        uR"(SELECT "id", "taken_at", "station", "user_name", "content_type", "size", "sha256", "width", "height",
            "bytes" FROM "photos" WHERE "id" = ?)"_s,
        { id }, u"reading photo %1"_s.arg(id));
    if (!query)
        return fail(query.error());
    if (!query->next())
        return std::optional<StoredPhoto>();
    StoredPhoto photo;
    photo.id = query->value(0).toLongLong();
    photo.takenAt = Sql::time(query->value(1));
    photo.station = query->value(2).toString();
    photo.user = query->value(3).toString();
    photo.contentType = query->value(4).toString();
    photo.size = query->value(5).toLongLong();
    photo.sha256 = query->value(6).toString();
    photo.width = query->value(7).toInt();
    photo.height = query->value(8).toInt();
    photo.bytes = query->value(9).toByteArray();
    return std::optional<StoredPhoto>(std::move(photo));
}

} // namespace Dockside
