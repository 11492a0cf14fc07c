#include "ReturnRepository.h"

#include "Database.h"
#include "Sql.h"
#include "Transaction.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QIODevice>
#include <QSet>

#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {
const QString kReturnColumns = uR"("id", "merchant_id", "loop_id", "state", "outcome", "order_id", "order_name",
    "order_number", "provider_order_id", "customer_email", "carrier", "tracking_number", "extra_tracking_numbers",
    "label_status", "label_updated_at", "currency", "total_minor", "created_at", "updated_at")"_s;

const QString kLineColumns = uR"("line_item_id", "product_id", "variant_id", "sku", "barcode", "title",
    "variant_title", "image_url", "price_minor", "return_reason", "parent_return_reason", "return_comment",
    "outcome")"_s;

// A label webhook may have brought a newer label than the copy of the return being saved: the label
// fields keep whichever is newer by label_updated_at. Loop's times are whole seconds, so on a tie the stored
// label stays: it may come from a label event of that same second, which is the more specific source.
const QString kKeepStoredLabel = uR"(("returns"."label_updated_at" IS NOT NULL AND
    (excluded."label_updated_at" IS NULL OR excluded."label_updated_at" <= "returns"."label_updated_at")))"_s;

// A return without updated_at (Loop's older webhooks omit it) sorts before any real one, so it can
// create a row but never overwrite one.
qint64 updatedAtMs(const Return& value)
{
    return value.updatedAt.isValid() ? value.updatedAt.toMSecsSinceEpoch() : 0;
}

Return returnFromRow(const QSqlQuery& row)
{
    Return value;
    value.id = row.value(0).toLongLong();
    value.merchantId = row.value(1).toLongLong();
    value.loopId = row.value(2).toLongLong();
    value.state = returnStateFromCode(row.value(3).toString());
    value.outcome = row.value(4).toString();
    value.orderId = row.value(5).toString();
    value.orderName = row.value(6).toString();
    value.orderNumber = row.value(7).toString();
    value.providerOrderId = row.value(8).toString();
    value.customerEmail = row.value(9).toString();
    value.carrier = row.value(10).toString();
    value.trackingNumber = row.value(11).toString();
    value.extraTrackingNumbers = Sql::fromJsonArray(row.value(12).toString());
    value.labelStatus = row.value(13).toString();
    value.labelUpdatedAt = Sql::time(row.value(14));
    value.currency = row.value(15).toString();
    value.totalMinor = row.value(16).toLongLong();
    value.createdAt = Sql::time(row.value(17));
    const qint64 updated = row.value(18).toLongLong();
    value.updatedAt = updated == 0 ? QDateTime() : QDateTime::fromMSecsSinceEpoch(updated, Qt::UTC);
    return value;
}

ReturnLine lineFromRow(const QSqlQuery& row)
{
    ReturnLine line;
    line.lineItemId = row.value(0).toLongLong();
    line.productId = row.value(1).toString();
    line.variantId = row.value(2).toString();
    line.sku = row.value(3).toString();
    line.barcode = row.value(4).toString();
    line.title = row.value(5).toString();
    line.variantTitle = row.value(6).toString();
    line.imageUrl = row.value(7).toString();
    line.priceMinor = row.value(8).toLongLong();
    line.returnReason = row.value(9).toString();
    line.parentReturnReason = row.value(10).toString();
    line.returnComment = row.value(11).toString();
    line.outcome = row.value(12).toString();
    return line;
}
} // namespace

ReturnRepository::ReturnRepository(Database& database)
    : m_database(database)
{
}

QList<ScanKey> ReturnRepository::scanKeysFor(const Return& value)
{
    QList<ScanKey> keys;
    QSet<QString> seen;
    const auto add = [&keys, &seen](const ScanKey& key) {
        if (key.value.isEmpty() || key.value == u"NA"_s)
            return;
        const QString id = scanKeyKindCode(key.kind) + u':' + key.value;
        if (seen.contains(id))
            return;
        seen.insert(id);
        keys << key;
    };
    add(ScanKey::tracking(value.trackingNumber));
    for (const QString& tracking : value.extraTrackingNumbers)
        add(ScanKey::tracking(tracking));
    if (value.loopId > 0)
        add(ScanKey::returnId(value.loopId));
    add(ScanKey::orderName(value.orderName));
    add(ScanKey::email(value.customerEmail));
    for (const ReturnLine& line : value.lines) {
        add(ScanKey::barcode(line.barcode));
        add(ScanKey::sku(line.sku));
    }
    return keys;
}

Result<UpsertOutcome> ReturnRepository::upsert(const Return& value, const QDateTime& syncedAt)
{
    const Result<UpsertCounts> counts = upsertMany({value}, syncedAt);
    if (!counts)
        return fail(counts.error());
    if (!counts->rejected.isEmpty())
        return fail(counts->rejected.constFirst());
    if (counts->inserted > 0)
        return UpsertOutcome::Inserted;
    // Unchanged counts as updated: the stored copy is exactly this one.
    return counts->updated > 0 || counts->unchanged > 0 ? UpsertOutcome::Updated : UpsertOutcome::Stale;
}

namespace {
// Rows per statement. PostgreSQL pays a round trip per statement, so it gets many rows at once (well under
// its 65,535 parameters). SQLite runs in-process: there one prepared single-row statement executed per row
// is cheapest, as binding thousands of parameters through QSqlQuery costs more than it saves.
qsizetype returnsPerStatement(const SqlDialect& dialect)
{
    return dialect.kind() == SqlDialect::Kind::Postgres ? 200 : 25;
}

qsizetype rowsPerStatement(const SqlDialect& dialect)
{
    return dialect.kind() == SqlDialect::Kind::Postgres ? 200 : 1;
}

QString placeholders(qsizetype rows, int columns)
{
    QString row = u"("_s;
    for (int i = 0; i < columns; ++i)
        row += i == 0 ? u"?"_s : u", ?"_s;
    row += u')';
    QStringList all;
    all.reserve(rows);
    for (qsizetype i = 0; i < rows; ++i)
        all << row;
    return all.join(u", "_s);
}

QString idList(qsizetype count)
{
    QStringList marks;
    marks.reserve(count);
    for (qsizetype i = 0; i < count; ++i)
        marks << u"?"_s;
    return marks.join(u", "_s);
}
} // namespace

Result<ReturnRepository::UpsertCounts> ReturnRepository::upsertMany(const QList<Return>& values, const QDateTime& syncedAt)
{
    UpsertCounts counts;
    // Validate first, and keep one copy per return (the newest) so one statement never touches a row twice.
    QHash<std::pair<qint64, qint64>, qsizetype> newest;
    QList<Return> batch;
    batch.reserve(values.size());
    for (const Return& value : values) {
        if (value.merchantId <= 0 || value.loopId <= 0) {
            counts.rejected << Error::validation(u"return.identity"_s,
                u"Return %1 of merchant %2 cannot be saved: it needs a merchant and a Loop return id."_s
                    .arg(value.loopId)
                    .arg(value.merchantId));
            continue;
        }
        QSet<qint64> lineIds;
        bool duplicateLine = false;
        for (const ReturnLine& line : value.lines) {
            duplicateLine = duplicateLine || lineIds.contains(line.lineItemId);
            lineIds.insert(line.lineItemId);
        }
        if (duplicateLine) {
            counts.rejected << Error::validation(u"return.line.duplicate"_s,
                u"Return %1 lists a line item twice; it was not saved. Report this to Loop support."_s.arg(
                    value.loopId));
            continue;
        }
        const auto key = std::pair(value.merchantId, value.loopId);
        if (const auto found = newest.constFind(key); found != newest.cend()) {
            if (updatedAtMs(batch[*found]) <= updatedAtMs(value))
                batch[*found] = value;
            continue;
        }
        newest.insert(key, batch.size());
        batch << value;
    }
    if (batch.isEmpty())
        return counts;

    const QString what = batch.size() == 1 ? u"saving return %1"_s.arg(batch.constFirst().loopId)
                                           : u"saving %1 returns"_s.arg(batch.size());
    Result<Transaction> transaction = Transaction::begin(m_database, what);
    if (!transaction)
        return fail(transaction.error());
    QSqlDatabase& connection = transaction->connection();

    const qsizetype perStatement = returnsPerStatement(m_database.dialect());
    for (qsizetype start = 0; start < batch.size(); start += perStatement) {
        const QList<Return> chunk = batch.mid(start, perStatement);
        if (const Status stored = upsertChunk(connection, chunk, syncedAt, counts, what); !stored)
            return fail(stored.error());
    }
    if (const Status committed = transaction->commit(); !committed)
        return fail(committed.error());
    return counts;
}

QByteArray ReturnRepository::contentHash(const Return& value)
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    const auto ms = [](const QDateTime& at) { return at.isValid() ? at.toMSecsSinceEpoch() : qint64(-1); };
    out << value.loopId << returnStateCode(value.state) << value.outcome << value.orderId << value.orderName
        << value.orderNumber << value.providerOrderId << value.customerEmail << value.carrier << value.trackingNumber
        << value.extraTrackingNumbers << value.labelStatus << ms(value.labelUpdatedAt) << value.currency
        << value.totalMinor << ms(value.createdAt) << ms(value.updatedAt) << qint64(value.lines.size());
    for (const ReturnLine& line : value.lines) {
        out << line.lineItemId << line.productId << line.variantId << line.sku << line.barcode << line.title
            << line.variantTitle << line.imageUrl << line.priceMinor << line.returnReason << line.parentReturnReason
            << line.returnComment << line.outcome;
    }
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha1).toHex();
}

Status ReturnRepository::upsertChunk(QSqlDatabase& connection, const QList<Return>& candidates,
    const QDateTime& syncedAt, UpsertCounts& counts, const QString& what)
{
    // Which of these exist already (to tell inserts from updates), and which are exactly the copy stored
    // last (nothing to write: the overlap window and the sweep re-read most returns unchanged).
    QSet<std::pair<qint64, qint64>> existing;
    QHash<std::pair<qint64, qint64>, QByteArray> storedHashes;
    QList<Return> chunk;
    QList<QByteArray> hashes;
    {
        // One merchant per page in practice: an IN list on the unique index. Mixed batches (rare) use ORs.
        const bool oneMerchant = std::all_of(candidates.cbegin(), candidates.cend(),
            [&candidates](const Return& value) { return value.merchantId == candidates.constFirst().merchantId; });
        QVariantList binds;
        QString where;
        if (oneMerchant) {
            binds << candidates.constFirst().merchantId;
            for (const Return& value : candidates)
                binds << value.loopId;
            where = uR"("merchant_id" = ? AND "loop_id" IN ()"_s + idList(candidates.size()) + u')';
        } else {
            QStringList conditions;
            for (const Return& value : candidates) {
                conditions << uR"(("merchant_id" = ? AND "loop_id" = ?))"_s;
                binds << value.merchantId << value.loopId;
            }
            where = conditions.join(u" OR "_s);
        }
        Result<QSqlQuery> found = Sql::exec(m_database, connection,
            uR"(SELECT "merchant_id", "loop_id", "content_hash" FROM "returns" WHERE )"_s + where, binds, what);
        if (!found)
            return fail(found.error());
        while (found->next()) {
            const auto key = std::pair(found->value(0).toLongLong(), found->value(1).toLongLong());
            existing.insert(key);
            storedHashes.insert(key, found->value(2).toByteArray());
        }
    }
    for (const Return& value : candidates) {
        const QByteArray hash = contentHash(value);
        if (storedHashes.value(std::pair(value.merchantId, value.loopId)) == hash) {
            ++counts.unchanged;
            continue;
        }
        chunk << value;
        hashes << hash;
    }
    if (chunk.isEmpty())
        return {};

    // The WHERE on the update keeps the rule "never older over newer" even when another station writes the
    // same return concurrently: rows it refuses come back from RETURNING not at all, and count as stale.
    QVariantList binds;
    binds.reserve(chunk.size() * 20);
    for (qsizetype i = 0; i < chunk.size(); ++i) {
        const Return& value = chunk.at(i);
        binds << value.merchantId << value.loopId << returnStateCode(value.state) << Sql::text(value.outcome)
              << Sql::text(value.orderId) << Sql::text(value.orderName) << Sql::text(value.orderNumber)
              << Sql::text(value.providerOrderId) << Sql::text(value.customerEmail) << Sql::text(value.carrier)
              << Sql::text(value.trackingNumber) << Sql::jsonArray(value.extraTrackingNumbers)
              << Sql::text(value.labelStatus) << Sql::time(value.labelUpdatedAt) << Sql::text(value.currency)
              << value.totalMinor << Sql::time(value.createdAt) << updatedAtMs(value) << Sql::time(syncedAt)
              << QString::fromLatin1(hashes.at(i));
    }
    Result<QSqlQuery> upserted = Sql::exec(m_database, connection,
        uR"(INSERT INTO "returns" ("merchant_id", "loop_id", "state", "outcome", "order_id", "order_name",
                "order_number", "provider_order_id", "customer_email", "carrier", "tracking_number",
                "extra_tracking_numbers", "label_status", "label_updated_at", "currency", "total_minor",
                "created_at", "updated_at", "synced_at", "content_hash")
            VALUES )"_s + placeholders(chunk.size(), 20) + uR"(
            ON CONFLICT ("merchant_id", "loop_id") DO UPDATE SET
                "state" = excluded."state", "outcome" = excluded."outcome", "order_id" = excluded."order_id",
                "order_name" = excluded."order_name", "order_number" = excluded."order_number",
                "provider_order_id" = excluded."provider_order_id", "customer_email" = excluded."customer_email",
                "carrier" = CASE WHEN )"_s + kKeepStoredLabel + uR"( THEN "returns"."carrier"
                                 ELSE excluded."carrier" END,
                "tracking_number" = CASE WHEN )"_s + kKeepStoredLabel + uR"( THEN "returns"."tracking_number"
                                         ELSE excluded."tracking_number" END,
                "extra_tracking_numbers" = excluded."extra_tracking_numbers",
                "label_status" = CASE WHEN )"_s + kKeepStoredLabel + uR"( THEN "returns"."label_status"
                                      ELSE excluded."label_status" END,
                "label_updated_at" = CASE WHEN )"_s + kKeepStoredLabel + uR"( THEN "returns"."label_updated_at"
                                          ELSE excluded."label_updated_at" END,
                "currency" = excluded."currency", "total_minor" = excluded."total_minor",
                "created_at" = excluded."created_at", "updated_at" = excluded."updated_at",
                "synced_at" = excluded."synced_at", "content_hash" = excluded."content_hash"
            WHERE "returns"."updated_at" <= excluded."updated_at"
            RETURNING "id", "merchant_id", "loop_id", "tracking_number")"_s,
        binds, what);
    if (!upserted)
        return fail(upserted.error());

    QHash<std::pair<qint64, qint64>, std::pair<qint64, QString>> applied; // -> row id, stored tracking number
    while (upserted->next()) {
        applied.insert(std::pair(upserted->value(1).toLongLong(), upserted->value(2).toLongLong()),
            std::pair(upserted->value(0).toLongLong(), upserted->value(3).toString()));
    }
    upserted->finish();

    QVariantList appliedIds;
    for (const Return& value : chunk) {
        const auto key = std::pair(value.merchantId, value.loopId);
        if (!applied.contains(key))
            ++counts.stale;
        else if (existing.contains(key))
            ++counts.updated;
        else
            ++counts.inserted;
        if (applied.contains(key))
            appliedIds << applied.value(key).first;
    }
    if (appliedIds.isEmpty())
        return {};

    // Lines and keys are replaced wholesale: Loop's copy is the truth, and a line removed upstream
    // (Remove Line Items) must stop matching scans.
    for (const QString& table : {u"return_lines"_s, u"scan_keys"_s}) {
        if (auto removed = Sql::exec(m_database, connection,
                u"DELETE FROM \""_s + table + u"\" WHERE \"return_id\" IN ("_s + idList(appliedIds.size()) + u')',
                appliedIds, what);
            !removed)
            return fail(removed.error());
    }

    QList<QVariantList> lineRows;
    QList<QVariantList> keyRows;
    for (const Return& value : chunk) {
        const auto found = applied.constFind(std::pair(value.merchantId, value.loopId));
        if (found == applied.cend())
            continue;
        const qint64 id = found->first;
        int position = 0;
        for (const ReturnLine& line : value.lines) {
            lineRows << QVariantList {id, position++, line.lineItemId, Sql::text(line.productId),
                Sql::text(line.variantId), Sql::text(line.sku), Sql::text(line.barcode), Sql::text(line.title),
                Sql::text(line.variantTitle), Sql::text(line.imageUrl), line.priceMinor, Sql::text(line.returnReason),
                Sql::text(line.parentReturnReason), Sql::text(line.returnComment), Sql::text(line.outcome)};
        }
        Return keyed = value;
        keyed.trackingNumber = found->second; // a newer label event may have kept its own
        for (const ScanKey& key : scanKeysFor(keyed))
            keyRows << QVariantList {key.value, scanKeyKindCode(key.kind), id};
    }
    // Each statement shape is prepared once and executed for every full slice of rows.
    const qsizetype perStatement = rowsPerStatement(m_database.dialect());
    const auto insertRows = [&](const QString& head, const QList<QVariantList>& rows, int columns) -> Status {
        QSqlQuery full(connection);
        bool fullPrepared = false;
        for (qsizetype start = 0; start < rows.size(); start += perStatement) {
            const qsizetype count = std::min(perStatement, rows.size() - start);
            QSqlQuery partial(connection);
            QSqlQuery& query = count == perStatement ? full : partial;
            if (&query == &partial || !fullPrepared) {
                if (!query.prepare(head + placeholders(count, columns)))
                    return fail(m_database.failure(query.lastError(), what));
                fullPrepared = fullPrepared || &query == &full;
            }
            for (qsizetype row = start; row < start + count; ++row) {
                for (const QVariant& value : rows.at(row))
                    query.addBindValue(value);
            }
            if (!query.exec())
                return fail(m_database.failure(query.lastError(), what));
        }
        return {};
    };
    if (const Status lines = insertRows(
            u"INSERT INTO \"return_lines\" (\"return_id\", \"position\", "_s + kLineColumns + u") VALUES "_s, lineRows, 15);
        !lines)
        return lines;
    return insertRows(uR"(INSERT INTO "scan_keys" ("key", "kind", "return_id") VALUES )"_s, keyRows, 3);
}

Result<UpsertOutcome> ReturnRepository::applyLabel(qint64 merchantId, const LabelEvent& label)
{
    const QString what = u"saving the label of return %1"_s.arg(label.returnId);
    Result<Transaction> transaction = Transaction::begin(m_database, what);
    if (!transaction)
        return fail(transaction.error());
    QSqlDatabase& connection = transaction->connection();
    Result<QSqlQuery> existing = Sql::exec(m_database, connection,
        uR"(SELECT "id", "label_updated_at" FROM "returns" WHERE "merchant_id" = ? AND "loop_id" = ?)"_s,
        {merchantId, label.returnId}, what);
    if (!existing)
        return fail(existing.error());
    if (!existing->next())
        return UpsertOutcome::Unknown;
    const qint64 id = existing->value(0).toLongLong();
    const QDateTime storedAt = Sql::time(existing->value(1));
    existing->finish();
    if (storedAt.isValid() && label.labelUpdatedAt.isValid() && storedAt > label.labelUpdatedAt)
        return UpsertOutcome::Stale;

    // An event without a carrier or tracking number (Loop's "N/A") keeps what we have.
    Result<QSqlQuery> updated = Sql::exec(m_database, connection,
        uR"(UPDATE "returns" SET
                "carrier" = CASE WHEN ? = '' THEN "carrier" ELSE ? END,
                "tracking_number" = CASE WHEN ? = '' THEN "tracking_number" ELSE ? END,
                "label_status" = ?, "label_updated_at" = ?
            WHERE "id" = ?)"_s,
        {Sql::text(label.carrier), Sql::text(label.carrier), Sql::text(label.trackingNumber),
            Sql::text(label.trackingNumber), Sql::text(label.labelStatus), Sql::time(label.labelUpdatedAt), id},
        what);
    if (!updated)
        return fail(updated.error());
    const ScanKey key = ScanKey::tracking(label.trackingNumber);
    if (!key.value.isEmpty() && key.value != u"NA"_s) {
        Result<QSqlQuery> keyed = Sql::exec(m_database, connection,
            uR"(INSERT INTO "scan_keys" ("key", "kind", "return_id") VALUES (?, ?, ?)
                ON CONFLICT ("key", "kind", "return_id") DO NOTHING)"_s,
            {key.value, scanKeyKindCode(key.kind), id}, what);
        if (!keyed)
            return fail(keyed.error());
    }
    if (const Status committed = transaction->commit(); !committed)
        return fail(committed.error());
    return UpsertOutcome::Updated;
}

Result<std::optional<Return>> ReturnRepository::find(qint64 id)
{
    return load(uR"("id" = ?)"_s, {id}, u"reading return row %1"_s.arg(id));
}

Result<std::optional<Return>> ReturnRepository::findByLoopId(qint64 merchantId, qint64 loopId)
{
    return load(uR"("merchant_id" = ? AND "loop_id" = ?)"_s, {merchantId, loopId},
        u"reading return %1"_s.arg(loopId));
}

Result<std::optional<Return>> ReturnRepository::load(const QString& where, const QVariantList& binds, const QString& what)
{
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    Result<QSqlQuery> row = Sql::exec(m_database, *connection,
        u"SELECT "_s + kReturnColumns + uR"( FROM "returns" WHERE )"_s + where, binds, what);
    if (!row)
        return fail(row.error());
    if (!row->next())
        return std::optional<Return>();
    Return value = returnFromRow(*row);
    row->finish();

    Result<QSqlQuery> lines = Sql::exec(m_database, *connection,
        u"SELECT "_s + kLineColumns + uR"( FROM "return_lines" WHERE "return_id" = ? ORDER BY "position")"_s,
        {value.id}, what);
    if (!lines)
        return fail(lines.error());
    while (lines->next())
        value.lines << lineFromRow(*lines);
    return std::optional<Return>(std::move(value));
}

Result<QList<ReturnRepository::KeyMatch>> ReturnRepository::findByKeys(const QList<ScanKey>& keys, int limit)
{
    QList<KeyMatch> matches;
    if (keys.isEmpty())
        return matches;
    QStringList conditions;
    QVariantList binds;
    for (const ScanKey& key : keys) {
        conditions << uR"(("key" = ? AND "kind" = ?))"_s;
        binds << key.value << scanKeyKindCode(key.kind);
    }
    binds << limit;
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    Result<QSqlQuery> query = Sql::exec(m_database, *connection,
        uR"(SELECT DISTINCT "return_id", "kind" FROM "scan_keys" WHERE )"_s + conditions.join(u" OR "_s)
            + uR"( ORDER BY "return_id" LIMIT ?)"_s,
        binds, u"looking up a scan"_s);
    if (!query)
        return fail(query.error());
    while (query->next()) {
        const auto kind = scanKeyKindFromCode(query->value(1).toString());
        if (kind)
            matches << KeyMatch {query->value(0).toLongLong(), *kind};
    }
    return matches;
}

Result<std::optional<qint64>> ReturnRepository::loopIdForLineItem(qint64 merchantId, qint64 lineItemId)
{
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    Result<QSqlQuery> query = Sql::exec(m_database, *connection,
        uR"(SELECT "returns"."loop_id" FROM "return_lines" JOIN "returns" ON "returns"."id" = "return_lines"."return_id"
            WHERE "return_lines"."line_item_id" = ? AND "returns"."merchant_id" = ?)"_s,
        {lineItemId, merchantId}, u"looking up line item %1"_s.arg(lineItemId));
    if (!query)
        return fail(query.error());
    if (!query->next())
        return std::optional<qint64>();
    return std::optional<qint64>(query->value(0).toLongLong());
}

Result<qint64> ReturnRepository::count(qint64 merchantId)
{
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    Result<QSqlQuery> query = merchantId > 0
        ? Sql::exec(m_database, *connection, uR"(SELECT COUNT(*) FROM "returns" WHERE "merchant_id" = ?)"_s,
              {merchantId}, u"counting returns"_s)
        : Sql::exec(m_database, *connection, uR"(SELECT COUNT(*) FROM "returns")"_s, {}, u"counting returns"_s);
    if (!query)
        return fail(query.error());
    return query->next() ? query->value(0).toLongLong() : 0;
}

} // namespace Dockside
