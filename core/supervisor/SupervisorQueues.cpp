#include "SupervisorQueues.h"

#include "storage/AuditRepository.h"
#include "storage/Database.h"
#include "storage/MerchantRepository.h"
#include "storage/OutboxRepository.h"
#include "storage/ReceiptRepository.h"
#include "storage/ReturnRepository.h"
#include "storage/Sql.h"
#include "storage/UnknownPackageRepository.h"

#include <QHash>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {

// The predicates the partial indexes of migration 6 are declared with. They must appear literally (not as
// bound values) for the planners to use those indexes.
const QString kFlaggedWhere = uR"("decision" = 'flag' AND "resolved_at" IS NULL)"_s;
const QString kUnknownWhere = uR"("status" = 'open')"_s;
const QString kParkedWhere = uR"("status" = 'parked')"_s;

// A LIKE pattern that finds `text` anywhere, its wildcards taken literally (with ESCAPE '\').
QString containsPattern(const QString& text)
{
    QString escaped;
    for (const QChar c : text) {
        if (c == u'\\' || c == u'%' || c == u'_')
            escaped += u'\\';
        escaped += c;
    }
    return u'%' + escaped + u'%';
}

QString queueName(SupervisorQueues::Queue queue)
{
    switch (queue) {
    case SupervisorQueues::Queue::Flagged:
        return u"flagged receipts"_s;
    case SupervisorQueues::Queue::Unknown:
        return u"unknown packages"_s;
    case SupervisorQueues::Queue::Parked:
        return u"parked pushes"_s;
    }
    return {};
}

QList<ReasonCode> reasonsFromText(const QString& text)
{
    QList<ReasonCode> reasons;
    for (const QString& code : text.split(u',', Qt::SkipEmptyParts)) {
        if (const auto reason = reasonFromCode(code))
            reasons << *reason;
    }
    return reasons;
}

// Only for EXPLAIN, which PostgreSQL cannot PREPARE: the values become literals.
QString inlineBinds(const QString& sql, const QVariantList& binds)
{
    QString out;
    qsizetype next = 0;
    for (const QChar c : sql) {
        if (c != u'?' || next >= binds.size()) {
            out += c;
            continue;
        }
        const QVariant& value = binds.at(next++);
        if (value.typeId() == QMetaType::QString) {
            QString text = value.toString();
            text.replace(u"'"_s, u"''"_s);
            out += u'\'' + text + u'\'';
        } else {
            out += QString::number(value.toLongLong());
        }
    }
    return out;
}

struct ReturnSummary
{
    qint64 loopId = 0;
    QString orderName;
    QString customerEmail;
    ReturnState state = ReturnState::Unknown;
};

} // namespace

SupervisorQueues::SupervisorQueues(Database& database)
    : m_database(database)
{
}

SupervisorQueues::Query SupervisorQueues::pageQuery(
    Queue queue, const SupervisorFilter& filter, qint64 beforeId, int limit, bool count) const
{
    Query query;
    QString table;
    QString columns;
    QStringList where;
    QString timeColumn;
    switch (queue) {
    case Queue::Flagged:
        table = u"receipts"_s;
        columns = uR"("id", "return_id", "merchant_id", "submitted_at", "station", "user_name", "decision_reasons")"_s;
        where << kFlaggedWhere;
        timeColumn = u"submitted_at"_s;
        break;
    case Queue::Unknown:
        table = u"unknown_packages"_s;
        columns = UnknownPackageRepository::columns();
        where << kUnknownWhere;
        timeColumn = u"received_at"_s;
        break;
    case Queue::Parked:
        table = u"outbox"_s;
        columns = uR"("id")"_s;
        where << kParkedWhere;
        timeColumn = u"updated_at"_s;
        break;
    }
    if (filter.merchantId && queue != Queue::Unknown) {
        where << uR"("merchant_id" = ?)"_s;
        query.binds << *filter.merchantId;
    }
    if (filter.from.isValid()) {
        where << u"\"%1\" >= ?"_s.arg(timeColumn);
        query.binds << Sql::time(filter.from);
    }
    if (filter.to.isValid()) {
        where << u"\"%1\" < ?"_s.arg(timeColumn);
        query.binds << Sql::time(filter.to);
    }
    const QString reason = filter.reason.trimmed();
    if (!reason.isEmpty()) {
        switch (queue) {
        case Queue::Flagged:
            // Reasons are stored as "code,code": a whole code, not a part of one.
            where << uR"((',' || "decision_reasons" || ',') LIKE ? ESCAPE '\')"_s;
            query.binds << containsPattern(u',' + reason + u',');
            break;
        case Queue::Unknown:
            where << uR"((LOWER("raw_scan") LIKE ? ESCAPE '\' OR LOWER("note") LIKE ? ESCAPE '\'))"_s;
            query.binds << containsPattern(reason.toLower()) << containsPattern(reason.toLower());
            break;
        case Queue::Parked:
            where << uR"(LOWER("last_error") LIKE ? ESCAPE '\')"_s;
            query.binds << containsPattern(reason.toLower());
            break;
        }
    }
    if (count) {
        query.sql = u"SELECT COUNT(*) FROM \"%1\" WHERE %2"_s.arg(table, where.join(u" AND "_s));
        return query;
    }
    if (beforeId > 0) {
        where << uR"("id" < ?)"_s;
        query.binds << beforeId;
    }
    query.sql
        = u"SELECT %1 FROM \"%2\" WHERE %3 ORDER BY \"id\" DESC LIMIT ?"_s.arg(columns, table, where.join(u" AND "_s));
    query.binds << std::clamp(limit, 0, kMaxLimit);
    return query;
}

Result<QList<FlaggedReceiptRow>> SupervisorQueues::flagged(const SupervisorFilter& filter, qint64 beforeId, int limit)
{
    const QString what = u"reading the flagged receipts"_s;
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    const Query page = pageQuery(Queue::Flagged, filter, beforeId, limit, false);
    Result<QSqlQuery> query = Sql::exec(m_database, *connection, page.sql, page.binds, what);
    if (!query)
        return fail(query.error());
    QList<FlaggedReceiptRow> rows;
    QSet<qint64> returnIds;
    QSet<qint64> merchantIds;
    while (query->next()) {
        FlaggedReceiptRow row;
        row.receiptId = query->value(0).toLongLong();
        row.returnId = query->value(1).toLongLong();
        row.merchantId = query->value(2).toLongLong();
        row.submittedAt = Sql::time(query->value(3));
        row.station = query->value(4).toString();
        row.user = query->value(5).toString();
        row.reasons = reasonsFromText(query->value(6).toString());
        if (row.returnId > 0)
            returnIds.insert(row.returnId);
        merchantIds.insert(row.merchantId);
        rows << row;
    }
    query->finish();
    if (rows.isEmpty())
        return rows;

    // The page's returns in one lookup by primary key, and the merchants' names (a handful per site).
    QHash<qint64, ReturnSummary> returns;
    if (!returnIds.isEmpty()) {
        QStringList marks;
        QVariantList binds;
        for (const qint64 id : std::as_const(returnIds)) {
            marks << u"?"_s;
            binds << id;
        }
        Result<QSqlQuery> found = Sql::exec(m_database, *connection,
            uR"(SELECT "id", "loop_id", "order_name", "customer_email", "state" FROM "returns" WHERE "id" IN ()"_s
                + marks.join(u", "_s) + u')',
            binds, what);
        if (!found)
            return fail(found.error());
        while (found->next()) {
            returns.insert(found->value(0).toLongLong(),
                ReturnSummary { found->value(1).toLongLong(), found->value(2).toString(), found->value(3).toString(),
                    returnStateFromCode(found->value(4).toString()) });
        }
    }
    QHash<qint64, QString> merchants;
    Result<QSqlQuery> names
        = Sql::exec(m_database, *connection, uR"(SELECT "id", "name" FROM "merchants")"_s, {}, what);
    if (!names)
        return fail(names.error());
    while (names->next())
        merchants.insert(names->value(0).toLongLong(), names->value(1).toString());

    for (FlaggedReceiptRow& row : rows) {
        row.merchantName = merchants.value(row.merchantId);
        if (const auto found = returns.constFind(row.returnId); found != returns.cend()) {
            row.loopReturnId = found->loopId;
            row.orderName = found->orderName;
            row.customerEmail = found->customerEmail;
            row.returnState = found->state;
        }
    }
    return rows;
}

Result<QList<UnknownPackage>> SupervisorQueues::unknownPackages(
    const SupervisorFilter& filter, qint64 beforeId, int limit)
{
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    const Query page = pageQuery(Queue::Unknown, filter, beforeId, limit, false);
    Result<QSqlQuery> query
        = Sql::exec(m_database, *connection, page.sql, page.binds, u"reading the unknown packages"_s);
    if (!query)
        return fail(query.error());
    return UnknownPackageRepository::readRows(*query);
}

Result<QList<ParkedPushRow>> SupervisorQueues::parkedPushes(const SupervisorFilter& filter, qint64 beforeId, int limit)
{
    const QString what = u"reading the parked pushes"_s;
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    const Query page = pageQuery(Queue::Parked, filter, beforeId, limit, false);
    Result<QSqlQuery> query = Sql::exec(m_database, *connection, page.sql, page.binds, what);
    if (!query)
        return fail(query.error());
    QList<qint64> ids;
    while (query->next())
        ids << query->value(0).toLongLong();
    query->finish();
    if (ids.isEmpty())
        return QList<ParkedPushRow>();

    Result<QList<OutboxEntry>> entries = OutboxRepository(m_database).findMany(ids);
    if (!entries)
        return fail(entries.error());
    QHash<qint64, QString> orderNames;
    {
        QStringList marks;
        QVariantList binds;
        for (const OutboxEntry& entry : std::as_const(*entries)) {
            if (entry.returnId > 0) {
                marks << u"?"_s;
                binds << entry.returnId;
            }
        }
        if (!binds.isEmpty()) {
            Result<QSqlQuery> found = Sql::exec(m_database, *connection,
                uR"(SELECT "id", "order_name" FROM "returns" WHERE "id" IN ()"_s + marks.join(u", "_s) + u')', binds,
                what);
            if (!found)
                return fail(found.error());
            while (found->next())
                orderNames.insert(found->value(0).toLongLong(), found->value(1).toString());
        }
    }
    QHash<qint64, QString> merchants;
    Result<QSqlQuery> names
        = Sql::exec(m_database, *connection, uR"(SELECT "id", "name" FROM "merchants")"_s, {}, what);
    if (!names)
        return fail(names.error());
    while (names->next())
        merchants.insert(names->value(0).toLongLong(), names->value(1).toString());

    QList<ParkedPushRow> rows;
    // Newest first, like the page; an entry settled between the two reads is simply left out.
    for (auto it = entries->crbegin(); it != entries->crend(); ++it) {
        if (it->status != OutboxStatus::Parked)
            continue;
        rows << ParkedPushRow { *it, merchants.value(it->merchantId), orderNames.value(it->returnId) };
    }
    return rows;
}

Result<qint64> SupervisorQueues::count(Queue queue, const SupervisorFilter& filter, const QString& what)
{
    const Query counting = pageQuery(queue, filter, 0, 0, true);
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    Result<QSqlQuery> query = Sql::exec(m_database, *connection, counting.sql, counting.binds, what);
    if (!query)
        return fail(query.error());
    return query->next() ? query->value(0).toLongLong() : 0;
}

Result<qint64> SupervisorQueues::countFlagged(const SupervisorFilter& filter)
{
    return count(Queue::Flagged, filter, u"counting the flagged receipts"_s);
}

Result<qint64> SupervisorQueues::countUnknownPackages(const SupervisorFilter& filter)
{
    return count(Queue::Unknown, filter, u"counting the unknown packages"_s);
}

Result<qint64> SupervisorQueues::countParkedPushes(const SupervisorFilter& filter)
{
    return count(Queue::Parked, filter, u"counting the parked pushes"_s);
}

Result<ReturnDetail> SupervisorQueues::returnDetail(qint64 returnId)
{
    Result<std::optional<Return>> found = ReturnRepository(m_database).find(returnId);
    if (!found)
        return fail(found.error());
    if (!found->has_value()) {
        return fail(Error::validation(u"supervisor.return.unknown"_s,
            u"There is no return %1 on this station. Pick it again from the queue; it may have been removed."_s.arg(
                returnId)));
    }
    ReturnDetail detail;
    detail.returnValue = **found;

    Result<std::optional<Merchant>> merchant = MerchantRepository(m_database).find(detail.returnValue.merchantId);
    if (!merchant)
        return fail(merchant.error());
    if (merchant->has_value())
        detail.merchantName = (*merchant)->name;

    Result<QList<Receipt>> receipts = ReceiptRepository(m_database).forReturn(returnId);
    if (!receipts)
        return fail(receipts.error());
    detail.receipts = *receipts;
    std::reverse(detail.receipts.begin(), detail.receipts.end());

    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    Result<QSqlQuery> resolved = Sql::exec(m_database, *connection,
        uR"(SELECT "id", "resolved_at", "resolved_by", "resolution", "resolution_note" FROM "receipts"
            WHERE "return_id" = ? AND "resolved_at" IS NOT NULL ORDER BY "id" DESC)"_s,
        { returnId }, u"reading how the receipts of return row %1 were resolved"_s.arg(returnId));
    if (!resolved)
        return fail(resolved.error());
    while (resolved->next()) {
        detail.resolutions << ReceiptResolution { resolved->value(0).toLongLong(), Sql::time(resolved->value(1)),
            resolved->value(2).toString(), resolved->value(3).toString(), resolved->value(4).toString() };
    }
    resolved->finish();

    Result<QList<OutboxEntry>> outbox
        = OutboxRepository(m_database).forReturn(detail.returnValue.merchantId, detail.returnValue.loopId);
    if (!outbox)
        return fail(outbox.error());
    detail.outbox = *outbox;

    Result<QList<AuditEvent>> audit = AuditRepository(m_database).forReturn(returnId);
    if (!audit)
        return fail(audit.error());
    detail.audit = *audit;
    return detail;
}

Result<QStringList> SupervisorQueues::pagePlan(Queue queue, const SupervisorFilter& filter, qint64 beforeId, int limit)
{
    const Query page = pageQuery(queue, filter, beforeId, limit, false);
    const bool sqlite = m_database.dialect().kind() == SqlDialect::Kind::Sqlite;
    const QString sql = (sqlite ? u"EXPLAIN QUERY PLAN "_s : u"EXPLAIN "_s) + inlineBinds(page.sql, page.binds);
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    Result<QSqlQuery> query
        = Sql::exec(m_database, *connection, sql, {}, u"explaining the page query of the %1"_s.arg(queueName(queue)));
    if (!query)
        return fail(query.error());
    QStringList steps;
    while (query->next())
        steps << query->value(sqlite ? 3 : 0).toString();
    return steps;
}

} // namespace Dockside
