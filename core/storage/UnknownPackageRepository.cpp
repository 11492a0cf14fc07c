#include "UnknownPackageRepository.h"

#include "Database.h"
#include "Sql.h"

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {
QString statusCode(UnknownPackage::Status status)
{
    return status == UnknownPackage::Status::Matched ? u"matched"_s : u"open"_s;
}
} // namespace

UnknownPackageRepository::UnknownPackageRepository(Database& database)
    : m_database(database)
{
}

Result<qint64> UnknownPackageRepository::add(const UnknownPackage& package)
{
    if (package.rawScan.isEmpty()) {
        return fail(Error::validation(u"unknown.scan.empty"_s,
            u"An unknown package needs the scan of its label; scan it again."_s));
    }
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    Result<QSqlQuery> query = Sql::exec(m_database, *connection,
        uR"(INSERT INTO "unknown_packages" ("raw_scan", "station", "user_name", "note", "photo_refs", "received_at",
            "status") VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING "id")"_s,
        {package.rawScan, Sql::text(package.station), Sql::text(package.user), Sql::text(package.note),
            Sql::jsonArray(package.photoRefs),
            Sql::time(package.receivedAt.isValid() ? package.receivedAt : QDateTime::currentDateTimeUtc()),
            statusCode(package.status)},
        u"recording an unknown package"_s);
    if (!query)
        return fail(query.error());
    if (!query->next())
        return fail(Error::storage(u"db.insert.noid"_s, u"The database returned no id for an unknown package."_s));
    return query->value(0).toLongLong();
}

Result<QList<UnknownPackage>> UnknownPackageRepository::list(std::optional<UnknownPackage::Status> status, int limit)
{
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    const QString columns = UnknownPackageRepository::columns();
    Result<QSqlQuery> query = status
        ? Sql::exec(m_database, *connection,
              u"SELECT "_s + columns + uR"( FROM "unknown_packages" WHERE "status" = ? ORDER BY "id" LIMIT ?)"_s,
              {statusCode(*status), limit}, u"reading the exception queue"_s)
        : Sql::exec(m_database, *connection,
              u"SELECT "_s + columns + uR"( FROM "unknown_packages" ORDER BY "id" LIMIT ?)"_s, {limit},
              u"reading the exception queue"_s);
    if (!query)
        return fail(query.error());
    return readRows(*query);
}

QString UnknownPackageRepository::columns()
{
    return uR"("id", "raw_scan", "station", "user_name", "note", "photo_refs", "received_at", "status",
        "matched_return_id", "matched_at")"_s;
}

QList<UnknownPackage> UnknownPackageRepository::readRows(QSqlQuery& query)
{
    QList<UnknownPackage> packages;
    while (query.next()) {
        UnknownPackage package;
        package.id = query.value(0).toLongLong();
        package.rawScan = query.value(1).toString();
        package.station = query.value(2).toString();
        package.user = query.value(3).toString();
        package.note = query.value(4).toString();
        package.photoRefs = Sql::fromJsonArray(query.value(5).toString());
        package.receivedAt = Sql::time(query.value(6));
        package.status = query.value(7).toString() == u"matched"_s ? UnknownPackage::Status::Matched
                                                                   : UnknownPackage::Status::Open;
        package.matchedReturnId = query.value(8).toLongLong();
        package.matchedAt = Sql::time(query.value(9));
        packages << package;
    }
    return packages;
}

Status UnknownPackageRepository::markMatched(qint64 id, qint64 returnId, const QDateTime& at)
{
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    Result<QSqlQuery> query = Sql::exec(m_database, *connection,
        uR"(UPDATE "unknown_packages" SET "status" = 'matched', "matched_return_id" = ?, "matched_at" = ?
            WHERE "id" = ? AND "status" = 'open')"_s,
        {returnId, Sql::time(at), id}, u"matching unknown package %1"_s.arg(id));
    if (!query)
        return fail(query.error());
    return {};
}

} // namespace Dockside
