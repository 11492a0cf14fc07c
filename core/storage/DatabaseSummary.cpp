#include "DatabaseSummary.h"

#include "Database.h"
#include "Migrator.h"
#include "Sql.h"

using namespace Qt::StringLiterals;

namespace Dockside {

Result<DatabaseSummary> DatabaseSummary::read(Database& database)
{
    DatabaseSummary summary;
    summary.backend = database.dialect().name();
    summary.displayUrl = database.url().toDisplayString();
    Migrator migrator(database);
    Result<int> version = migrator.currentVersion();
    if (!version)
        return fail(version.error());
    summary.schemaVersion = *version;

    Result<QSqlDatabase> connection = database.connection();
    if (!connection)
        return fail(connection.error());
    Result<QSqlQuery> query = Sql::exec(database, *connection,
        uR"(SELECT (SELECT COUNT(*) FROM "merchants"), (SELECT COUNT(*) FROM "returns"),
            (SELECT COUNT(*) FROM "outbox" WHERE "status" = 'pending'),
            (SELECT COUNT(*) FROM "outbox" WHERE "status" = 'parked'))"_s,
        {}, u"summarising the database"_s);
    if (!query)
        return fail(query.error());
    if (query->next()) {
        summary.merchants = query->value(0).toLongLong();
        summary.returns = query->value(1).toLongLong();
        summary.pendingPushes = query->value(2).toLongLong();
        summary.parkedPushes = query->value(3).toLongLong();
    }
    if (summary.pendingPushes + summary.parkedPushes == 0)
        return summary;
    Result<QSqlQuery> perMerchant = Sql::exec(database, *connection,
        uR"(SELECT "m"."name",
                   SUM(CASE WHEN "o"."status" = 'pending' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN "o"."status" = 'parked' THEN 1 ELSE 0 END)
            FROM "outbox" AS "o" JOIN "merchants" AS "m" ON "m"."id" = "o"."merchant_id"
            WHERE "o"."status" IN ('pending', 'parked')
            GROUP BY "m"."name" ORDER BY "m"."name")"_s,
        {}, u"counting pushes per merchant"_s);
    if (!perMerchant)
        return fail(perMerchant.error());
    while (perMerchant->next())
        summary.pushesByMerchant << MerchantPushes {perMerchant->value(0).toString(), perMerchant->value(1).toLongLong(),
            perMerchant->value(2).toLongLong()};
    return summary;
}

} // namespace Dockside
