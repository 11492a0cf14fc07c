#include "OutboxRepository.h"

#include "Database.h"
#include "Sql.h"

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {
const QString kColumns = uR"("id", "merchant_id", "return_id", "loop_return_id", "receipt_id", "kind", "payload",
    "status", "attempts", "next_attempt_at", "last_attempt_at", "last_error", "created_at", "updated_at")"_s;

OutboxEntry fromRow(const QSqlQuery& row)
{
    OutboxEntry entry;
    entry.id = row.value(0).toLongLong();
    entry.merchantId = row.value(1).toLongLong();
    entry.returnId = row.value(2).toLongLong();
    entry.loopReturnId = row.value(3).toLongLong();
    entry.receiptId = row.value(4).toLongLong();
    entry.kind = outboxKindFromCode(row.value(5).toString()).value_or(OutboxKind::Note);
    entry.payload = row.value(6).toString().toUtf8();
    entry.status = outboxStatusFromCode(row.value(7).toString()).value_or(OutboxStatus::Parked);
    entry.attempts = row.value(8).toInt();
    entry.nextAttemptAt = Sql::time(row.value(9));
    entry.lastAttemptAt = Sql::time(row.value(10));
    entry.lastError = row.value(11).toString();
    entry.createdAt = Sql::time(row.value(12));
    entry.updatedAt = Sql::time(row.value(13));
    return entry;
}
} // namespace

OutboxRepository::OutboxRepository(Database& database)
    : m_database(database)
{
}

Result<qint64> OutboxRepository::enqueue(const OutboxEntry& entry)
{
    const QString what = u"queueing a %1 call for return %2"_s.arg(outboxKindCode(entry.kind)).arg(entry.loopReturnId);
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    const QDateTime created = entry.createdAt.isValid() ? entry.createdAt : QDateTime::currentDateTimeUtc();
    Result<QSqlQuery> query = Sql::exec(m_database, *connection,
        uR"(INSERT INTO "outbox" ("merchant_id", "return_id", "loop_return_id", "receipt_id", "kind", "payload",
            "status", "attempts", "next_attempt_at", "last_attempt_at", "last_error", "created_at", "updated_at")
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING "id")"_s,
        {entry.merchantId, Sql::optionalId(entry.returnId), entry.loopReturnId, Sql::optionalId(entry.receiptId),
            outboxKindCode(entry.kind), QString::fromUtf8(entry.payload), outboxStatusCode(entry.status),
            entry.attempts, Sql::time(entry.nextAttemptAt.isValid() ? entry.nextAttemptAt : created),
            Sql::time(entry.lastAttemptAt), Sql::text(entry.lastError), Sql::time(created), Sql::time(created)},
        what);
    if (!query)
        return fail(query.error());
    if (!query->next())
        return fail(Error::storage(u"db.insert.noid"_s, u"The database returned no id while %1."_s.arg(what)));
    return query->value(0).toLongLong();
}

Result<QList<OutboxEntry>> OutboxRepository::due(const QDateTime& now, int limit)
{
    return select(uR"("status" = 'pending' AND "next_attempt_at" <= ? AND NOT EXISTS (
            SELECT 1 FROM "outbox" AS "earlier"
            WHERE "earlier"."merchant_id" = "outbox"."merchant_id"
              AND "earlier"."loop_return_id" = "outbox"."loop_return_id"
              AND "earlier"."id" < "outbox"."id"
              AND "earlier"."status" NOT IN ('done', 'dismissed'))
        ORDER BY "id" LIMIT ?)"_s,
        {Sql::time(now), limit}, u"reading the outbox"_s);
}

Status OutboxRepository::markAttempt(qint64 id, const QDateTime& at, std::optional<int> expectedAttempts)
{
    QString condition = uR"("status" = 'pending')"_s;
    // An integer, written into the statement: updateWhere() binds the id after the assignments.
    if (expectedAttempts)
        condition += uR"( AND "attempts" = %1)"_s.arg(*expectedAttempts);
    const Result<int> changed = updateWhere(id,
        uR"("attempts" = "attempts" + 1, "last_attempt_at" = ?, "updated_at" = ?)"_s, condition,
        {Sql::time(at), Sql::time(at)},
        u"recording an attempt of outbox entry %1"_s.arg(id));
    if (!changed)
        return fail(changed.error());
    if (*changed == 0 && expectedAttempts) {
        const Result<std::optional<OutboxEntry>> now = find(id);
        if (now && now->has_value() && (*now)->status == OutboxStatus::Pending)
            return fail(Error::transient(u"outbox.taken"_s,
                u"Outbox entry %1 was attempted by another sender in the meantime; it is not sent again from here."_s
                    .arg(id)));
    }
    if (*changed == 0)
        return fail(notIn(id, u"pending"_s, u"outbox.settled"_s));
    return {};
}

Status OutboxRepository::requeue(qint64 id, const QDateTime& at)
{
    const Result<int> changed = updateWhere(id, uR"("status" = 'pending', "next_attempt_at" = ?, "updated_at" = ?)"_s,
        uR"("status" = 'parked')"_s, {Sql::time(at), Sql::time(at)}, u"re-queueing outbox entry %1"_s.arg(id));
    if (!changed)
        return fail(changed.error());
    if (*changed == 0)
        return fail(notIn(id, u"parked"_s, u"outbox.not_parked"_s));
    return {};
}

Status OutboxRepository::dismiss(qint64 id, const QDateTime& at)
{
    const Result<int> changed = updateWhere(id, uR"("status" = 'dismissed', "updated_at" = ?)"_s,
        uR"("status" = 'parked')"_s, {Sql::time(at)}, u"dismissing outbox entry %1"_s.arg(id));
    if (!changed)
        return fail(changed.error());
    if (*changed == 0)
        return fail(notIn(id, u"parked"_s, u"outbox.not_parked"_s));
    return {};
}

Result<bool> OutboxRepository::supersedeUnsent(qint64 id, const QString& reason, const QDateTime& at)
{
    const Result<int> changed = updateWhere(id, uR"("status" = 'dismissed', "last_error" = ?, "updated_at" = ?)"_s,
        uR"("status" = 'pending' AND "attempts" = 0)"_s, {Sql::text(reason), Sql::time(at)},
        u"superseding outbox entry %1"_s.arg(id));
    if (!changed)
        return fail(changed.error());
    return *changed > 0;
}

Result<int> OutboxRepository::updateWhere(qint64 id, const QString& assignments, const QString& condition,
    const QVariantList& binds, const QString& what)
{
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    QVariantList all = binds;
    all << id;
    Result<QSqlQuery> query = Sql::exec(m_database, *connection,
        uR"(UPDATE "outbox" SET )"_s + assignments + uR"( WHERE "id" = ? AND )"_s + condition, all, what);
    if (!query)
        return fail(query.error());
    return query->numRowsAffected();
}

Error OutboxRepository::notIn(qint64 id, const QString& expected, const QString& code)
{
    const Result<std::optional<OutboxEntry>> found = find(id);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error::validation(u"outbox.unknown"_s, u"There is no outbox entry %1."_s).with(id);
    return Error::validation(code, u"Outbox entry %1 (%2 for return %3) is %4, not %5."_s)
        .with(id, outboxKindCode((*found)->kind), (*found)->loopReturnId, outboxStatusCode((*found)->status), expected);
}

Status OutboxRepository::markDone(qint64 id, const QDateTime& at)
{
    return setStatus(id, uR"("status" = 'done', "last_error" = '', "updated_at" = ?)"_s, {Sql::time(at)},
        u"completing outbox entry %1"_s.arg(id));
}

Status OutboxRepository::reschedule(qint64 id, const QDateTime& nextAttemptAt, const QString& error, const QDateTime& at)
{
    return setStatus(id, uR"("status" = 'pending', "next_attempt_at" = ?, "last_error" = ?, "updated_at" = ?)"_s,
        {Sql::time(nextAttemptAt), Sql::text(error), Sql::time(at)}, u"rescheduling outbox entry %1"_s.arg(id));
}

Status OutboxRepository::park(qint64 id, const QString& error, const QDateTime& at)
{
    return setStatus(id, uR"("status" = 'parked', "last_error" = ?, "updated_at" = ?)"_s,
        {Sql::text(error), Sql::time(at)}, u"parking outbox entry %1"_s.arg(id));
}

Status OutboxRepository::setStatus(qint64 id, const QString& assignments, const QVariantList& binds, const QString& what)
{
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    QVariantList all = binds;
    all << id;
    Result<QSqlQuery> query = Sql::exec(m_database, *connection,
        uR"(UPDATE "outbox" SET )"_s + assignments + uR"( WHERE "id" = ?)"_s, all, what);
    if (!query)
        return fail(query.error());
    if (query->numRowsAffected() == 0)
        return fail(Error::validation(u"outbox.unknown"_s, u"There is no outbox entry %1."_s).with(id));
    return {};
}

Result<std::optional<OutboxEntry>> OutboxRepository::find(qint64 id)
{
    Result<QList<OutboxEntry>> found = select(uR"("id" = ?)"_s, {id}, u"reading outbox entry %1"_s.arg(id));
    if (!found)
        return fail(found.error());
    return found->isEmpty() ? std::nullopt : std::optional<OutboxEntry>(found->constFirst());
}

Result<QList<OutboxEntry>> OutboxRepository::findMany(const QList<qint64>& ids)
{
    if (ids.isEmpty())
        return QList<OutboxEntry>();
    QStringList marks;
    QVariantList binds;
    for (const qint64 id : ids) {
        marks << u"?"_s;
        binds << id;
    }
    return select(uR"("id" IN ()"_s + marks.join(u", "_s) + uR"() ORDER BY "id")"_s, binds,
        u"reading %1 outbox entries"_s.arg(ids.size()));
}

Result<QList<OutboxEntry>> OutboxRepository::forReturn(qint64 merchantId, qint64 loopReturnId)
{
    return select(uR"("merchant_id" = ? AND "loop_return_id" = ? ORDER BY "id")"_s, {merchantId, loopReturnId},
        u"reading the outbox entries of return %1"_s.arg(loopReturnId));
}

Result<QList<OutboxEntry>> OutboxRepository::forReceipt(qint64 receiptId)
{
    return select(uR"("receipt_id" = ? ORDER BY "id")"_s, {receiptId},
        u"reading the outbox entries of receipt %1"_s.arg(receiptId));
}

Result<QList<OutboxEntry>> OutboxRepository::list(std::optional<OutboxStatus> status, int limit)
{
    if (status) {
        return select(uR"("status" = ? ORDER BY "id" LIMIT ?)"_s, {outboxStatusCode(*status), limit},
            u"listing the outbox"_s);
    }
    return select(uR"(1 = 1 ORDER BY "id" LIMIT ?)"_s, {limit}, u"listing the outbox"_s);
}

Result<QHash<OutboxStatus, int>> OutboxRepository::countByStatus()
{
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    Result<QSqlQuery> query = Sql::exec(m_database, *connection,
        uR"(SELECT "status", COUNT(*) FROM "outbox" GROUP BY "status")"_s, {}, u"counting the outbox"_s);
    if (!query)
        return fail(query.error());
    QHash<OutboxStatus, int> counts;
    while (query->next()) {
        if (const auto status = outboxStatusFromCode(query->value(0).toString()))
            counts.insert(*status, query->value(1).toInt());
    }
    return counts;
}

Result<QList<OutboxEntry>> OutboxRepository::select(const QString& where, const QVariantList& binds, const QString& what)
{
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    Result<QSqlQuery> query = Sql::exec(m_database, *connection,
        u"SELECT "_s + kColumns + uR"( FROM "outbox" WHERE )"_s + where, binds, what);
    if (!query)
        return fail(query.error());
    QList<OutboxEntry> entries;
    while (query->next())
        entries << fromRow(*query);
    return entries;
}

} // namespace Dockside
