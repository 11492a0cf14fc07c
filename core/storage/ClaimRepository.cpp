#include "ClaimRepository.h"

#include "Database.h"
#include "Sql.h"

using namespace Qt::StringLiterals;

namespace Dockside {

ClaimRepository::ClaimRepository(Database& database)
    : m_database(database)
{
}

Result<ClaimRepository::Attempt> ClaimRepository::claim(
    qint64 returnId, const QString& station, const QString& user, qint64 ttlMs, const QDateTime& now)
{
    if (station.isEmpty()) {
        return fail(Error::validation(u"receiving.station.empty"_s,
            u"A station name is needed to receive a return. Configure this station's name and try again."_s));
    }
    const QString what = u"claiming return row %1 for station %2"_s.arg(returnId).arg(station);
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    // One statement, atomic on both backends: insert, or renew when ours, or take over when expired. The
    // row lock of ON CONFLICT serialises two stations racing for an expired claim; the second sees a live one.
    // The SET expressions read the old row, so claimed_at survives a renewal.
    Result<QSqlQuery> query = Sql::exec(m_database, *connection,
        uR"(INSERT INTO "receiving_claims" ("return_id", "station", "user_name", "claimed_at", "expires_at")
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT ("return_id") DO UPDATE SET
                "claimed_at" = CASE WHEN "receiving_claims"."station" = excluded."station"
                                         AND "receiving_claims"."expires_at" > ?
                                    THEN "receiving_claims"."claimed_at" ELSE excluded."claimed_at" END,
                "station" = excluded."station",
                "user_name" = excluded."user_name",
                "expires_at" = excluded."expires_at"
            WHERE "receiving_claims"."station" = excluded."station" OR "receiving_claims"."expires_at" <= ?
            RETURNING "station", "user_name", "claimed_at", "expires_at")"_s,
        { returnId, station, Sql::text(user), Sql::time(now), Sql::time(now.addMSecs(ttlMs)), Sql::time(now),
            Sql::time(now) },
        what);
    if (!query)
        return fail(query.error());
    if (query->next()) {
        return Attempt { true,
            Claim { returnId, query->value(0).toString(), query->value(1).toString(), Sql::time(query->value(2)),
                Sql::time(query->value(3)) } };
    }
    query->finish();
    Result<std::optional<Claim>> holder = current(returnId);
    if (!holder)
        return fail(holder.error());
    if (!holder->has_value()) {
        // Released between our statement and this read: nobody holds it, so the caller may simply retry.
        return fail(Error::transient(
            u"receiving.claim.race"_s, u"Another station released return row %1 just now. Try again."_s)
                        .with(returnId));
    }
    return Attempt { false, **holder };
}

Status ClaimRepository::release(qint64 returnId, const QString& station)
{
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    Result<QSqlQuery> query = Sql::exec(m_database, *connection,
        uR"(DELETE FROM "receiving_claims" WHERE "return_id" = ? AND "station" = ?)"_s, { returnId, station },
        u"releasing the claim on return row %1"_s.arg(returnId));
    if (!query)
        return fail(query.error());
    return {};
}

Result<std::optional<ClaimRepository::Claim>> ClaimRepository::current(qint64 returnId)
{
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    Result<QSqlQuery> query = Sql::exec(m_database, *connection,
        uR"(SELECT "station", "user_name", "claimed_at", "expires_at" FROM "receiving_claims"
            WHERE "return_id" = ?)"_s,
        { returnId }, u"reading the claim on return row %1"_s.arg(returnId));
    if (!query)
        return fail(query.error());
    if (!query->next())
        return std::optional<Claim>();
    return std::optional<Claim>(Claim { returnId, query->value(0).toString(), query->value(1).toString(),
        Sql::time(query->value(2)), Sql::time(query->value(3)) });
}

} // namespace Dockside
