#include "MerchantRepository.h"

#include "Database.h"
#include "Sql.h"
#include "Transaction.h"

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {
const QString kColumns = uR"("id", "name", "shop_id", "base_url", "api_version", "api_key_ref",
    "webhook_secret_ref", "rate_limit_per_minute", "active", "created_at")"_s;

Merchant fromRow(const QSqlQuery& row)
{
    Merchant merchant;
    merchant.id = row.value(0).toLongLong();
    merchant.name = row.value(1).toString();
    merchant.shopId = row.value(2).toString();
    merchant.baseUrl = row.value(3).toString();
    merchant.apiVersion = row.value(4).toString();
    merchant.apiKeyRef = row.value(5).toString();
    merchant.webhookSecretRef = row.value(6).toString();
    merchant.rateLimitPerMinute = row.value(7).toInt();
    merchant.active = row.value(8).toInt() != 0;
    merchant.createdAt = Sql::time(row.value(9));
    return merchant;
}
} // namespace

MerchantRepository::MerchantRepository(Database& database)
    : m_database(database)
{
}

Result<qint64> MerchantRepository::insert(const Merchant& merchant)
{
    const QString what = u"adding the merchant %1"_s.arg(merchant.name);
    if (merchant.name.trimmed().isEmpty())
        return fail(Error::validation(u"merchant.name.empty"_s, u"A merchant needs a name."_s));
    Result<Transaction> transaction = Transaction::begin(m_database, what);
    if (!transaction)
        return fail(transaction.error());
    Result<QList<Merchant>> existing = select(uR"("name" = ?)"_s, {merchant.name}, what);
    if (!existing)
        return fail(existing.error());
    if (!existing->isEmpty()) {
        return fail(Error::validation(u"merchant.name.taken"_s,
            u"A merchant named %1 already exists. Choose another name or edit that merchant."_s)
                        .with(merchant.name));
    }
    Result<QSqlQuery> query = Sql::exec(m_database, transaction->connection(),
        uR"(INSERT INTO "merchants" ("name", "shop_id", "base_url", "api_version", "api_key_ref",
            "webhook_secret_ref", "rate_limit_per_minute", "active", "created_at")
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING "id")"_s,
        {merchant.name, Sql::text(merchant.shopId), Sql::text(merchant.baseUrl), Sql::text(merchant.apiVersion),
            Sql::text(merchant.apiKeyRef), Sql::text(merchant.webhookSecretRef), merchant.rateLimitPerMinute,
            merchant.active ? 1 : 0, Sql::time(merchant.createdAt.isValid() ? merchant.createdAt
                                                                             : QDateTime::currentDateTimeUtc())},
        what);
    if (!query)
        return fail(query.error());
    if (!query->next())
        return fail(Error::storage(u"db.insert.noid"_s, u"The database returned no id while %1."_s.arg(what)));
    const qint64 id = query->value(0).toLongLong();
    query->finish();
    if (const Status committed = transaction->commit(); !committed)
        return fail(committed.error());
    return id;
}

Status MerchantRepository::update(const Merchant& merchant)
{
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    Result<QSqlQuery> query = Sql::exec(m_database, *connection,
        uR"(UPDATE "merchants" SET "name" = ?, "shop_id" = ?, "base_url" = ?, "api_version" = ?, "api_key_ref" = ?,
            "webhook_secret_ref" = ?, "rate_limit_per_minute" = ?, "active" = ? WHERE "id" = ?)"_s,
        {merchant.name, Sql::text(merchant.shopId), Sql::text(merchant.baseUrl), Sql::text(merchant.apiVersion),
            Sql::text(merchant.apiKeyRef), Sql::text(merchant.webhookSecretRef), merchant.rateLimitPerMinute,
            merchant.active ? 1 : 0, merchant.id},
        u"updating the merchant %1"_s.arg(merchant.name));
    if (!query)
        return fail(query.error());
    if (query->numRowsAffected() == 0) {
        return fail(Error::validation(u"merchant.unknown"_s,
            u"There is no merchant with id %1 to update; it may have been removed at another station."_s)
                        .with(merchant.id));
    }
    return {};
}

Result<std::optional<Merchant>> MerchantRepository::find(qint64 id)
{
    Result<QList<Merchant>> found = select(uR"("id" = ?)"_s, {id}, u"reading merchant %1"_s.arg(id));
    if (!found)
        return fail(found.error());
    return found->isEmpty() ? std::nullopt : std::optional<Merchant>(found->constFirst());
}

Result<std::optional<Merchant>> MerchantRepository::findByName(const QString& name)
{
    Result<QList<Merchant>> found = select(uR"("name" = ?)"_s, {name}, u"reading merchant %1"_s.arg(name));
    if (!found)
        return fail(found.error());
    return found->isEmpty() ? std::nullopt : std::optional<Merchant>(found->constFirst());
}

Result<QList<Merchant>> MerchantRepository::list()
{
    return select(u"1 = 1"_s, {}, u"listing merchants"_s);
}

Result<QList<Merchant>> MerchantRepository::select(const QString& where, const QVariantList& binds, const QString& what)
{
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    Result<QSqlQuery> query = Sql::exec(m_database, *connection,
        u"SELECT "_s + kColumns + uR"( FROM "merchants" WHERE )"_s + where + uR"( ORDER BY "name")"_s, binds, what);
    if (!query)
        return fail(query.error());
    QList<Merchant> merchants;
    while (query->next())
        merchants << fromRow(*query);
    return merchants;
}

} // namespace Dockside
