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
#include <QSqlRecord>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {

// The predicates the partial indexes of migrations 6 and 7 are declared with, on "q", the queue's table. They must
// appear literally (not as bound values) for the planners to use those indexes.
const QString kFlaggedWhere = uR"("q"."decision" = 'flag' AND "q"."resolved_at" IS NULL)"_s;
const QString kUnknownWhere = uR"("q"."status" = 'open')"_s;
const QString kParkedWhere = uR"("q"."status" = 'parked')"_s;

// Sorted by id descending: the pages of the command line and of the calls that take a `beforeId`.
const SupervisorSort kById { SupervisorSortKey::Id, Qt::DescendingOrder };

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

QString tableName(SupervisorQueues::Queue queue)
{
    switch (queue) {
    case SupervisorQueues::Queue::Flagged:
        return u"receipts"_s;
    case SupervisorQueues::Queue::Unknown:
        return u"unknown_packages"_s;
    case SupervisorQueues::Queue::Parked:
        return u"outbox"_s;
    }
    return {};
}

// How a queue is ordered by one key.
struct SortSpec
{
    QStringList keys; // SQL on "q" (and on "r", the return, when joinsReturns), text with its collation
    bool byMerchant = false; // walked one merchant after the other, in name order
    bool joinsReturns = false; // the key lives with the return: no index to walk, one query sorts what matches
};

SortSpec sortSpec(SupervisorQueues::Queue queue, SupervisorSortKey key, const QString& collation)
{
    SortSpec spec;
    switch (key) {
    case SupervisorSortKey::Id:
        break;
    case SupervisorSortKey::Time:
        switch (queue) {
        case SupervisorQueues::Queue::Flagged:
            // A flagged receipt was submitted; the COALESCE keeps a NULL from breaking the keyset all the same.
            spec.keys << uR"(COALESCE("q"."submitted_at", 0))"_s;
            break;
        case SupervisorQueues::Queue::Unknown:
            spec.keys << uR"("q"."received_at")"_s;
            break;
        case SupervisorQueues::Queue::Parked:
            spec.keys << uR"("q"."updated_at")"_s;
            break;
        }
        break;
    case SupervisorSortKey::Merchant:
        spec.byMerchant = true;
        break;
    case SupervisorSortKey::Order:
        spec.joinsReturns = true;
        spec.keys << uR"(COALESCE("r"."order_name", ''))"_s + collation;
        break;
    case SupervisorSortKey::ReceivedBy:
        spec.keys << uR"("q"."user_name")"_s + collation << uR"("q"."station")"_s + collation;
        break;
    case SupervisorSortKey::Reasons:
        spec.keys << uR"("q"."decision_reasons")"_s + collation;
        break;
    case SupervisorSortKey::Call:
        spec.keys << uR"("q"."kind")"_s + collation;
        break;
    case SupervisorSortKey::Error:
        spec.keys << uR"(SUBSTR("q"."last_error", 1, 100))"_s + collation;
        break;
    }
    return spec;
}

// "?, ?, ?" for `ids`, appended to `binds`.
QString idMarks(const QList<qint64>& ids, QVariantList& binds)
{
    QStringList marks;
    for (const qint64 id : ids) {
        marks << u"?"_s;
        binds << id;
    }
    return marks.join(u", "_s);
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

bool SupervisorQueues::canSort(Queue queue, SupervisorSortKey key)
{
    switch (key) {
    case SupervisorSortKey::Id:
    case SupervisorSortKey::Time:
        return true;
    case SupervisorSortKey::Merchant:
    case SupervisorSortKey::Order:
        return queue != Queue::Unknown; // an unknown package has no merchant or return yet
    case SupervisorSortKey::ReceivedBy:
        return queue != Queue::Parked;
    case SupervisorSortKey::Reasons:
        return queue == Queue::Flagged;
    case SupervisorSortKey::Call:
    case SupervisorSortKey::Error:
        return queue == Queue::Parked;
    }
    return false;
}

SupervisorQueues::Query SupervisorQueues::whereClause(Queue queue, const SupervisorFilter& filter) const
{
    Query query;
    QStringList where;
    QString timeColumn;
    switch (queue) {
    case Queue::Flagged:
        where << kFlaggedWhere;
        timeColumn = u"submitted_at"_s;
        break;
    case Queue::Unknown:
        where << kUnknownWhere;
        timeColumn = u"received_at"_s;
        break;
    case Queue::Parked:
        where << kParkedWhere;
        timeColumn = u"updated_at"_s;
        break;
    }
    if (filter.merchantId && queue != Queue::Unknown) {
        where << uR"("q"."merchant_id" = ?)"_s;
        query.binds << *filter.merchantId;
    }
    if (filter.from.isValid()) {
        where << u"\"q\".\"%1\" >= ?"_s.arg(timeColumn);
        query.binds << Sql::time(filter.from);
    }
    if (filter.to.isValid()) {
        where << u"\"q\".\"%1\" < ?"_s.arg(timeColumn);
        query.binds << Sql::time(filter.to);
    }
    const QString reason = filter.reason.trimmed();
    if (!reason.isEmpty()) {
        switch (queue) {
        case Queue::Flagged:
            // Reasons are stored as "code,code": a whole code, not a part of one.
            where << uR"((',' || "q"."decision_reasons" || ',') LIKE ? ESCAPE '\')"_s;
            query.binds << containsPattern(u',' + reason + u',');
            break;
        case Queue::Unknown:
            where << uR"((LOWER("q"."raw_scan") LIKE ? ESCAPE '\' OR LOWER("q"."note") LIKE ? ESCAPE '\'))"_s;
            query.binds << containsPattern(reason.toLower()) << containsPattern(reason.toLower());
            break;
        case Queue::Parked:
            where << uR"(LOWER("q"."last_error") LIKE ? ESCAPE '\')"_s;
            query.binds << containsPattern(reason.toLower());
            break;
        }
    }
    query.sql = where.join(u" AND "_s);
    return query;
}

Result<QList<SupervisorQueues::Query>> SupervisorQueues::pageSteps(
    Queue queue, const SupervisorFilter& filter, const SupervisorSort& sort, const SupervisorCursor& after, int limit)
{
    if (!canSort(queue, sort.key)) {
        return fail(Error::validation(u"supervisor.sort.unsupported"_s,
            u"This queue cannot be sorted by that column. Sort it by another column."_s));
    }
    const SortSpec spec = sortSpec(queue, sort.key, m_database.dialect().codePointCollation());
    const bool ascending = sort.order == Qt::AscendingOrder;
    const QString beyond = ascending ? u" > ?"_s : u" < ?"_s;
    const QString direction = ascending ? u" ASC"_s : u" DESC"_s;
    const qsizetype wanted = spec.byMerchant ? 2 : spec.keys.size();
    if (!after.atTop() && after.values.size() != wanted) {
        return fail(Error::validation(u"supervisor.sort.cursor"_s,
            u"The page to continue from was read in another order. Read the queue again from the top."_s));
    }

    const Query base = whereClause(queue, filter);
    QString select = uR"(SELECT "q"."id")"_s;
    QStringList orderBy;
    for (const QString& key : spec.keys) {
        select += u", "_s + key;
        orderBy << key + direction;
    }
    orderBy << uR"("q"."id")"_s + direction;
    QString from = u" FROM \"%1\" AS \"q\""_s.arg(tableName(queue));
    if (spec.joinsReturns)
        from += uR"( LEFT JOIN "returns" AS "r" ON "r"."id" = "q"."return_id")"_s;
    // A step whose first `fixed` keys are bound by equality orders by the rest only: SQLite would otherwise sort
    // the rows of an expression key it already holds equal.
    const auto step = [&](const QStringList& conditions, const QVariantList& binds, qsizetype fixed = 0) {
        Query query;
        query.sql = select + from + u" WHERE "_s + (QStringList { base.sql } + conditions).join(u" AND "_s)
            + u" ORDER BY "_s + orderBy.mid(fixed).join(u", "_s) + u" LIMIT ?"_s;
        query.binds = base.binds + binds;
        query.binds << std::clamp(limit, 0, kMaxLimit);
        return query;
    };
    const QString pastId = uR"("q"."id")"_s + beyond;

    QList<Query> steps;
    if (spec.byMerchant) {
        // One step per merchant in name order, each a walk down ("merchant_id", "id"): the cursor's merchant from
        // past its row, then each merchant after it from its first row. Receipts kept without a merchant come as
        // a merchant without a name.
        using Group = std::pair<QString, qint64>;
        QList<Group> groups;
        Result<QSqlDatabase> connection = m_database.connection();
        if (!connection)
            return fail(connection.error());
        const Result<QHash<qint64, QString>> names = merchantNames(*connection, u"sorting by merchant"_s);
        if (!names)
            return fail(names.error());
        if (filter.merchantId) {
            groups << Group { names->value(*filter.merchantId), *filter.merchantId };
        } else {
            for (auto it = names->cbegin(); it != names->cend(); ++it)
                groups << Group { it.value(), it.key() };
            if (queue == Queue::Flagged)
                groups << Group { QString(), 0 };
        }
        const auto precedes = [ascending](const Group& a, const Group& b) {
            return ascending ? a < b : b < a;
        };
        std::sort(groups.begin(), groups.end(), precedes);
        const Group cursorGroup
            = after.atTop() ? Group() : Group { after.values.at(0).toString(), after.values.at(1).toLongLong() };
        for (const Group& group : std::as_const(groups)) {
            if (!after.atTop() && precedes(group, cursorGroup))
                continue;
            QStringList conditions;
            QVariantList binds;
            if (group.second > 0) {
                conditions << uR"("q"."merchant_id" = ?)"_s;
                binds << group.second;
            } else {
                conditions << uR"("q"."merchant_id" IS NULL)"_s;
            }
            if (!after.atTop() && group == cursorGroup) {
                conditions << pastId;
                binds << after.id;
            }
            Query query = step(conditions, binds);
            query.values = { group.first, group.second };
            steps << query;
        }
        return steps;
    }
    if (after.atTop()) {
        steps << step({}, {});
        return steps;
    }
    if (spec.joinsReturns) {
        // No index holds the key: a single query that sorts what is past the cursor.
        const QString& key = spec.keys.constFirst();
        steps << step({ u"(%1%2 OR (%1 = ? AND %3))"_s.arg(key, beyond, pastId) },
            { after.values.at(0), after.values.at(0), after.id });
        return steps;
    }
    // Past the cursor in a keyset (k1, k2, id) means: the rows equal to it on k1 and k2 with a later id; then those
    // equal on k1 and later on k2; then those later on k1. Each is one seek into the (k1, k2, id) index and a walk
    // from there, which neither planner makes of a single row comparison here (SQLite seeks on k1 alone and would
    // step over every row that ties with the cursor on it).
    QStringList equal;
    QVariantList equalBinds;
    for (qsizetype i = 0; i < spec.keys.size(); ++i) {
        equal << spec.keys.at(i) + u" = ?"_s;
        equalBinds << after.values.at(i);
    }
    steps << step(equal + QStringList { pastId }, equalBinds + QVariantList { after.id }, spec.keys.size());
    for (qsizetype i = spec.keys.size() - 1; i >= 0; --i)
        steps << step(equal.mid(0, i) + QStringList { spec.keys.at(i) + beyond },
            equalBinds.mid(0, i) + QVariantList { after.values.at(i) }, i);
    return steps;
}

Result<QList<SupervisorQueues::KeyedId>> SupervisorQueues::pageIds(Queue queue, const SupervisorFilter& filter,
    const SupervisorSort& sort, const SupervisorCursor& after, int limit, const QString& what)
{
    Result<QList<Query>> steps = pageSteps(queue, filter, sort, after, limit);
    if (!steps)
        return fail(steps.error());
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    const qsizetype rows = std::clamp(limit, 0, kMaxLimit);
    QList<KeyedId> ids;
    for (Query& step : *steps) {
        if (ids.size() >= rows)
            break;
        step.binds.last() = rows - ids.size();
        Result<QSqlQuery> query = Sql::exec(m_database, *connection, step.sql, step.binds, what);
        if (!query)
            return fail(query.error());
        const int columns = query->record().count();
        while (query->next()) {
            KeyedId row { query->value(0).toLongLong(), step.values };
            if (step.values.isEmpty()) {
                for (int i = 1; i < columns; ++i)
                    row.values << query->value(i);
            }
            ids << row;
        }
    }
    return ids;
}

Result<QHash<qint64, QString>> SupervisorQueues::merchantNames(QSqlDatabase& connection, const QString& what)
{
    // A handful per site.
    Result<QSqlQuery> query = Sql::exec(m_database, connection, uR"(SELECT "id", "name" FROM "merchants")"_s, {}, what);
    if (!query)
        return fail(query.error());
    QHash<qint64, QString> names;
    while (query->next())
        names.insert(query->value(0).toLongLong(), query->value(1).toString());
    return names;
}

template <typename Row>
SupervisorQueuePage<Row> SupervisorQueues::emptyPage(const QList<KeyedId>& keyed, const SupervisorCursor& after, int limit)
{
    SupervisorQueuePage<Row> page;
    page.next = keyed.isEmpty() ? after : SupervisorCursor { keyed.constLast().id, keyed.constLast().values };
    page.atEnd = keyed.size() < std::clamp(limit, 0, kMaxLimit);
    return page;
}

QList<qint64> SupervisorQueues::idsOf(const QList<KeyedId>& keyed)
{
    QList<qint64> ids;
    ids.reserve(keyed.size());
    for (const KeyedId& row : keyed)
        ids << row.id;
    return ids;
}

Result<SupervisorQueuePage<FlaggedReceiptRow>> SupervisorQueues::flagged(
    const SupervisorFilter& filter, const SupervisorSort& sort, const SupervisorCursor& after, int limit)
{
    const QString what = u"reading the flagged receipts"_s;
    const Result<QList<KeyedId>> keyed = pageIds(Queue::Flagged, filter, sort, after, limit, what);
    if (!keyed)
        return fail(keyed.error());
    auto page = emptyPage<FlaggedReceiptRow>(*keyed, after, limit);
    const QList<qint64> ids = idsOf(*keyed);
    if (ids.isEmpty())
        return page;

    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    QVariantList idBinds;
    const QString marks = idMarks(ids, idBinds);
    // Still in the queue: a receipt resolved since the walk above is left out.
    Result<QSqlQuery> query = Sql::exec(m_database, *connection,
        uR"(SELECT "id", "return_id", "merchant_id", "submitted_at", "station", "user_name", "decision_reasons"
            FROM "receipts" AS "q" WHERE )"_s
            + kFlaggedWhere + uR"( AND "q"."id" IN ()"_s + marks + u')',
        idBinds, what);
    if (!query)
        return fail(query.error());
    QHash<qint64, FlaggedReceiptRow> found;
    QSet<qint64> returnIds;
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
        found.insert(row.receiptId, row);
    }
    query->finish();

    // The page's returns in one lookup by primary key, and the merchants' names.
    QHash<qint64, ReturnSummary> returns;
    if (!returnIds.isEmpty()) {
        QVariantList binds;
        const QString returnMarks = idMarks(QList<qint64>(returnIds.cbegin(), returnIds.cend()), binds);
        Result<QSqlQuery> summaries = Sql::exec(m_database, *connection,
            uR"(SELECT "id", "loop_id", "order_name", "customer_email", "state" FROM "returns" WHERE "id" IN ()"_s
                + returnMarks + u')',
            binds, what);
        if (!summaries)
            return fail(summaries.error());
        while (summaries->next()) {
            returns.insert(summaries->value(0).toLongLong(),
                ReturnSummary { summaries->value(1).toLongLong(), summaries->value(2).toString(),
                    summaries->value(3).toString(), returnStateFromCode(summaries->value(4).toString()) });
        }
    }
    const Result<QHash<qint64, QString>> merchants = merchantNames(*connection, what);
    if (!merchants)
        return fail(merchants.error());

    for (const qint64 id : std::as_const(ids)) {
        const auto hit = found.constFind(id);
        if (hit == found.cend())
            continue;
        FlaggedReceiptRow row = *hit;
        row.merchantName = merchants->value(row.merchantId);
        if (const auto summary = returns.constFind(row.returnId); summary != returns.cend()) {
            row.loopReturnId = summary->loopId;
            row.orderName = summary->orderName;
            row.customerEmail = summary->customerEmail;
            row.returnState = summary->state;
        }
        page.rows << row;
    }
    return page;
}

Result<SupervisorQueuePage<UnknownPackage>> SupervisorQueues::unknownPackages(
    const SupervisorFilter& filter, const SupervisorSort& sort, const SupervisorCursor& after, int limit)
{
    const QString what = u"reading the unknown packages"_s;
    const Result<QList<KeyedId>> keyed = pageIds(Queue::Unknown, filter, sort, after, limit, what);
    if (!keyed)
        return fail(keyed.error());
    auto page = emptyPage<UnknownPackage>(*keyed, after, limit);
    const QList<qint64> ids = idsOf(*keyed);
    if (ids.isEmpty())
        return page;

    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    QVariantList binds;
    const QString marks = idMarks(ids, binds);
    Result<QSqlQuery> query = Sql::exec(m_database, *connection,
        u"SELECT "_s + UnknownPackageRepository::columns() + uR"( FROM "unknown_packages" AS "q" WHERE )"_s
            + kUnknownWhere + uR"( AND "q"."id" IN ()"_s + marks + u')',
        binds, what);
    if (!query)
        return fail(query.error());
    QHash<qint64, UnknownPackage> found;
    for (const UnknownPackage& package : UnknownPackageRepository::readRows(*query))
        found.insert(package.id, package);
    for (const qint64 id : std::as_const(ids)) {
        if (const auto hit = found.constFind(id); hit != found.cend())
            page.rows << *hit;
    }
    return page;
}

Result<SupervisorQueuePage<ParkedPushRow>> SupervisorQueues::parkedPushes(
    const SupervisorFilter& filter, const SupervisorSort& sort, const SupervisorCursor& after, int limit)
{
    const QString what = u"reading the parked pushes"_s;
    const Result<QList<KeyedId>> keyed = pageIds(Queue::Parked, filter, sort, after, limit, what);
    if (!keyed)
        return fail(keyed.error());
    auto page = emptyPage<ParkedPushRow>(*keyed, after, limit);
    const QList<qint64> ids = idsOf(*keyed);
    if (ids.isEmpty())
        return page;

    Result<QList<OutboxEntry>> entries = OutboxRepository(m_database).findMany(ids);
    if (!entries)
        return fail(entries.error());
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    QHash<qint64, OutboxEntry> found;
    QList<qint64> returnIds;
    for (const OutboxEntry& entry : std::as_const(*entries)) {
        found.insert(entry.id, entry);
        if (entry.returnId > 0)
            returnIds << entry.returnId;
    }
    QHash<qint64, QString> orderNames;
    if (!returnIds.isEmpty()) {
        QVariantList binds;
        const QString marks = idMarks(returnIds, binds);
        Result<QSqlQuery> names = Sql::exec(m_database, *connection,
            uR"(SELECT "id", "order_name" FROM "returns" WHERE "id" IN ()"_s + marks + u')', binds, what);
        if (!names)
            return fail(names.error());
        while (names->next())
            orderNames.insert(names->value(0).toLongLong(), names->value(1).toString());
    }
    const Result<QHash<qint64, QString>> merchants = merchantNames(*connection, what);
    if (!merchants)
        return fail(merchants.error());

    for (const qint64 id : std::as_const(ids)) {
        const auto hit = found.constFind(id);
        // An entry settled between the two reads is simply left out.
        if (hit == found.cend() || hit->status != OutboxStatus::Parked)
            continue;
        page.rows << ParkedPushRow { *hit, merchants->value(hit->merchantId), orderNames.value(hit->returnId) };
    }
    return page;
}

Result<QList<FlaggedReceiptRow>> SupervisorQueues::flagged(const SupervisorFilter& filter, qint64 beforeId, int limit)
{
    Result<SupervisorQueuePage<FlaggedReceiptRow>> page
        = flagged(filter, kById, SupervisorCursor { std::max<qint64>(beforeId, 0), {} }, limit);
    if (!page)
        return fail(page.error());
    return page->rows;
}

Result<QList<UnknownPackage>> SupervisorQueues::unknownPackages(
    const SupervisorFilter& filter, qint64 beforeId, int limit)
{
    Result<SupervisorQueuePage<UnknownPackage>> page
        = unknownPackages(filter, kById, SupervisorCursor { std::max<qint64>(beforeId, 0), {} }, limit);
    if (!page)
        return fail(page.error());
    return page->rows;
}

Result<QList<ParkedPushRow>> SupervisorQueues::parkedPushes(const SupervisorFilter& filter, qint64 beforeId, int limit)
{
    Result<SupervisorQueuePage<ParkedPushRow>> page
        = parkedPushes(filter, kById, SupervisorCursor { std::max<qint64>(beforeId, 0), {} }, limit);
    if (!page)
        return fail(page.error());
    return page->rows;
}

Result<qint64> SupervisorQueues::count(Queue queue, const SupervisorFilter& filter, const QString& what)
{
    const Query where = whereClause(queue, filter);
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    Result<QSqlQuery> query = Sql::exec(m_database, *connection,
        u"SELECT COUNT(*) FROM \"%1\" AS \"q\" WHERE %2"_s.arg(tableName(queue), where.sql), where.binds, what);
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
            u"There is no return %1 on this station. Pick it again from the queue; it may have been removed."_s)
                        .with(returnId));
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
    return pagePlan(queue, filter, kById, SupervisorCursor { std::max<qint64>(beforeId, 0), {} }, limit);
}

Result<QStringList> SupervisorQueues::pagePlan(Queue queue, const SupervisorFilter& filter, const SupervisorSort& sort,
    const SupervisorCursor& after, int limit, bool execute)
{
    const Result<QList<Query>> steps = pageSteps(queue, filter, sort, after, limit);
    if (!steps)
        return fail(steps.error());
    const bool sqlite = m_database.dialect().kind() == SqlDialect::Kind::Sqlite;
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    QStringList lines;
    for (const Query& step : *steps) {
        const QString explain = sqlite ? u"EXPLAIN QUERY PLAN "_s : execute ? u"EXPLAIN ANALYZE "_s : u"EXPLAIN "_s;
        const QString sql = explain + inlineBinds(step.sql, step.binds);
        Result<QSqlQuery> query = Sql::exec(
            m_database, *connection, sql, {}, u"explaining the page query of the %1"_s.arg(queueName(queue)));
        if (!query)
            return fail(query.error());
        while (query->next())
            lines << query->value(sqlite ? 3 : 0).toString();
    }
    return lines;
}

} // namespace Dockside
