#include "MerchantRulesRepository.h"

#include "Database.h"
#include "Sql.h"

using namespace Qt::StringLiterals;

namespace Dockside {

MerchantRulesRepository::MerchantRulesRepository(Database& database)
    : m_database(database)
{
}

Result<MerchantRules> MerchantRulesRepository::forMerchant(qint64 merchantId)
{
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    Result<QSqlQuery> query
        = Sql::exec(m_database, *connection, uR"(SELECT "rules" FROM "merchant_rules" WHERE "merchant_id" = ?)"_s,
            { merchantId }, u"reading the receiving rules of merchant %1"_s.arg(merchantId));
    if (!query)
        return fail(query.error());
    if (!query->next())
        return MerchantRules {};
    Result<MerchantRules> rules = MerchantRules::fromJson(query->value(0).toString().toUtf8());
    if (!rules) {
        Error error = rules.error();
        error.message += u" Merchant %1: fix its rules (dockside-cli) before receiving its returns."_s.arg(merchantId);
        return fail(error);
    }
    return rules;
}

Status MerchantRulesRepository::save(qint64 merchantId, const MerchantRules& rules, const QDateTime& at)
{
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    Result<QSqlQuery> query = Sql::exec(m_database, *connection,
        uR"(INSERT INTO "merchant_rules" ("merchant_id", "rules", "updated_at") VALUES (?, ?, ?)
            ON CONFLICT ("merchant_id") DO UPDATE SET "rules" = excluded."rules", "updated_at" = excluded."updated_at")"_s,
        { merchantId, QString::fromUtf8(rules.toJson()), Sql::time(at) },
        u"saving the receiving rules of merchant %1"_s.arg(merchantId));
    if (!query)
        return fail(query.error());
    return {};
}

} // namespace Dockside
