#pragma once

#include "domain/WebhookDelivery.h"
#include "util/Error.h"

#include <QList>

#include <optional>

namespace Dockside {

class Database;

// The webhook inbox: the receiver appends every verified delivery before it answers Loop, the processor
// settles them. Nothing is ever deleted here; a delivery that cannot be processed is parked with its error.
class WebhookInboxRepository final
{
public:
    explicit WebhookInboxRepository(Database& database);

    // Stores a delivery as pending and returns its id. The body must be the bytes that were verified; text that
    // is not valid UTF-8 is stored with replacement characters (it then fails decoding and is parked).
    Result<qint64> append(qint64 merchantId, const QDateTime& receivedAt, const QString& topic, const QString& trigger,
        const QByteArray& body);

    // Pending deliveries with an id above `afterId`, oldest first, at most `limit` of them.
    Result<QList<WebhookDelivery>> pending(int limit, qint64 afterId = 0);
    // Parked deliveries (settled with an error), oldest first.
    Result<QList<WebhookDelivery>> parked(int limit);
    Result<std::optional<WebhookDelivery>> find(qint64 id);
    Result<qint64> countPending();

    // Settles a delivery successfully (clears any error of an earlier attempt).
    Status markProcessed(qint64 id, const QDateTime& at);
    // A failed attempt that will be retried: attempts + 1, the error kept, still pending.
    Status recordFailure(qint64 id, const QString& error);
    // A failure that retrying will not fix: attempts + 1, the error kept, settled so it is not retried.
    Status park(qint64 id, const QString& error, const QDateTime& at);

private:
    Result<QList<WebhookDelivery>> select(const QString& where, const QVariantList& binds, const QString& what);

    Database& m_database;
};

} // namespace Dockside
