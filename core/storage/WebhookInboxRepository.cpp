#include "WebhookInboxRepository.h"

#include "Database.h"
#include "Sql.h"

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {
const QString kColumns = uR"("id", "merchant_id", "received_at", "topic", "trigger_name", "body", "processed_at",
    "attempts", "last_error")"_s;

// The column is TEXT: PostgreSQL refuses NUL characters in it, so they become replacement characters like
// every other byte that is not UTF-8. Loop's bodies are JSON and contain neither.
QString storableText(const QByteArray& body)
{
    QString text = QString::fromUtf8(body);
    text.replace(QChar(u'\0'), QChar(QChar::ReplacementCharacter));
    return text;
}

WebhookDelivery deliveryFromRow(const QSqlQuery& row)
{
    WebhookDelivery delivery;
    delivery.id = row.value(0).toLongLong();
    delivery.merchantId = row.value(1).toLongLong();
    delivery.receivedAt = Sql::time(row.value(2));
    delivery.topic = row.value(3).toString();
    delivery.trigger = row.value(4).toString();
    delivery.body = row.value(5).toString().toUtf8();
    delivery.processedAt = Sql::time(row.value(6));
    delivery.attempts = row.value(7).toInt();
    delivery.lastError = row.value(8).toString();
    return delivery;
}
} // namespace

WebhookInboxRepository::WebhookInboxRepository(Database& database)
    : m_database(database)
{
}

Result<qint64> WebhookInboxRepository::append(qint64 merchantId, const QDateTime& receivedAt, const QString& topic,
    const QString& trigger, const QByteArray& body)
{
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    Result<QSqlQuery> query = Sql::exec(m_database, *connection,
        uR"(INSERT INTO "webhook_inbox" ("merchant_id", "received_at", "topic", "trigger_name", "body", "attempts",
                "last_error")
            VALUES (?, ?, ?, ?, ?, 0, '') RETURNING "id")"_s,
        { merchantId, Sql::time(receivedAt), Sql::text(topic), Sql::text(trigger), storableText(body) },
        u"storing a webhook of merchant %1"_s.arg(merchantId));
    if (!query)
        return fail(query.error());
    if (!query->next()) {
        return fail(Error::storage(u"webhook.inbox.noid"_s,
            u"The database stored a webhook of merchant %1 but returned no id."_s.arg(merchantId)));
    }
    return query->value(0).toLongLong();
}

Result<QList<WebhookDelivery>> WebhookInboxRepository::pending(int limit, qint64 afterId)
{
    return select(uR"("processed_at" IS NULL AND "id" > ? ORDER BY "id" LIMIT ?)"_s, { afterId, limit },
        u"reading pending webhooks"_s);
}

Result<QList<WebhookDelivery>> WebhookInboxRepository::parked(int limit)
{
    return select(uR"("processed_at" IS NOT NULL AND "last_error" <> '' ORDER BY "id" LIMIT ?)"_s, { limit },
        u"reading parked webhooks"_s);
}

Result<std::optional<WebhookDelivery>> WebhookInboxRepository::find(qint64 id)
{
    Result<QList<WebhookDelivery>> found = select(uR"("id" = ?)"_s, { id }, u"reading webhook %1"_s.arg(id));
    if (!found)
        return fail(found.error());
    if (found->isEmpty())
        return std::optional<WebhookDelivery>();
    return std::optional<WebhookDelivery>(found->constFirst());
}

Result<qint64> WebhookInboxRepository::countPending()
{
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    Result<QSqlQuery> query = Sql::exec(m_database, *connection,
        uR"(SELECT COUNT(*) FROM "webhook_inbox" WHERE "processed_at" IS NULL)"_s, {}, u"counting pending webhooks"_s);
    if (!query)
        return fail(query.error());
    return query->next() ? query->value(0).toLongLong() : 0;
}

Status WebhookInboxRepository::markProcessed(qint64 id, const QDateTime& at)
{
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    Result<QSqlQuery> query = Sql::exec(m_database, *connection,
        uR"(UPDATE "webhook_inbox" SET "processed_at" = ?, "last_error" = '' WHERE "id" = ?)"_s, { Sql::time(at), id },
        u"settling webhook %1"_s.arg(id));
    if (!query)
        return fail(query.error());
    return {};
}

Status WebhookInboxRepository::recordFailure(qint64 id, const QString& error)
{
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    Result<QSqlQuery> query = Sql::exec(m_database, *connection,
        uR"(UPDATE "webhook_inbox" SET "attempts" = "attempts" + 1, "last_error" = ?
            WHERE "id" = ? AND "processed_at" IS NULL)"_s,
        { Sql::text(error), id }, u"recording a failure of webhook %1"_s.arg(id));
    if (!query)
        return fail(query.error());
    return {};
}

Status WebhookInboxRepository::park(qint64 id, const QString& error, const QDateTime& at)
{
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    // A parked row must stay recognisable as failed: an empty message would read as "done".
    const QString message = error.isEmpty() ? u"failed without a message"_s : error;
    Result<QSqlQuery> query = Sql::exec(m_database, *connection,
        uR"(UPDATE "webhook_inbox" SET "attempts" = "attempts" + 1, "last_error" = ?, "processed_at" = ?
            WHERE "id" = ? AND "processed_at" IS NULL)"_s,
        { message, Sql::time(at), id }, u"parking webhook %1"_s.arg(id));
    if (!query)
        return fail(query.error());
    return {};
}

Result<QList<WebhookDelivery>> WebhookInboxRepository::select(
    const QString& where, const QVariantList& binds, const QString& what)
{
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    Result<QSqlQuery> query = Sql::exec(
        m_database, *connection, u"SELECT "_s + kColumns + uR"( FROM "webhook_inbox" WHERE )"_s + where, binds, what);
    if (!query)
        return fail(query.error());
    QList<WebhookDelivery> deliveries;
    while (query->next())
        deliveries << deliveryFromRow(*query);
    return deliveries;
}

} // namespace Dockside
