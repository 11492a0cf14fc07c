#include "ReturnRepository.h"

#include "BulkStatement.h"
#include "Database.h"
#include "Sql.h"
#include "Transaction.h"

#include <QCryptographicHash>
#include <QtEndian>
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
    keys.reserve(4 + value.extraTrackingNumbers.size() + 2 * value.lines.size());
    // A return has a dozen keys or so: a linear look for duplicates beats hashing them.
    const auto add = [&keys](ScanKey key) {
        if (key.value.isEmpty() || key.value == u"NA"_s)
            return;
        if (std::find(keys.cbegin(), keys.cend(), key) != keys.cend())
            return;
        keys << std::move(key);
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
// Returns per round of statements: a page of Loop's list (750) goes in one round. Bounds the arrays that one
// PostgreSQL statement carries when a caller stores more at once.
constexpr qsizetype kReturnsPerRound = 1000;
// SQLite: rows per execution of a bulk insert. Each execution has a fixed cost (begin, halt, reset) that a few
// dozen rows share; past that the gain is nil.
constexpr qsizetype kSqliteReturnsPerStatement = 16;
constexpr qsizetype kSqliteRowsPerStatement = 32;

using Column = SqlDialect::Column;
using ColumnType = SqlDialect::ColumnType;

const QList<Column>& returnParameterColumns()
{
    static const QList<Column> columns = {
        {u"merchant_id"_s, ColumnType::Integer},
        {u"loop_id"_s, ColumnType::Integer},
        {u"state"_s, ColumnType::Text},
        {u"outcome"_s, ColumnType::Text},
        {u"order_id"_s, ColumnType::Text},
        {u"order_name"_s, ColumnType::Text},
        {u"order_number"_s, ColumnType::Text},
        {u"provider_order_id"_s, ColumnType::Text},
        {u"customer_email"_s, ColumnType::Text},
        {u"carrier"_s, ColumnType::Text},
        {u"tracking_number"_s, ColumnType::Text},
        {u"extra_tracking_numbers"_s, ColumnType::Text},
        {u"label_status"_s, ColumnType::Text},
        {u"label_updated_at"_s, ColumnType::Integer},
        {u"currency"_s, ColumnType::Text},
        {u"total_minor"_s, ColumnType::Integer},
        {u"created_at"_s, ColumnType::Integer},
        {u"updated_at"_s, ColumnType::Integer},
        {u"synced_at"_s, ColumnType::Integer},
        {u"content_hash"_s, ColumnType::Text},
    };
    return columns;
}

const QList<Column>& lineParameterColumns()
{
    static const QList<Column> columns = {
        {u"return_id"_s, ColumnType::Integer},
        {u"position"_s, ColumnType::Integer},
        {u"line_item_id"_s, ColumnType::Integer},
        {u"product_id"_s, ColumnType::Text},
        {u"variant_id"_s, ColumnType::Text},
        {u"sku"_s, ColumnType::Text},
        {u"barcode"_s, ColumnType::Text},
        {u"title"_s, ColumnType::Text},
        {u"variant_title"_s, ColumnType::Text},
        {u"image_url"_s, ColumnType::Text},
        {u"price_minor"_s, ColumnType::Integer},
        {u"return_reason"_s, ColumnType::Text},
        {u"parent_return_reason"_s, ColumnType::Text},
        {u"return_comment"_s, ColumnType::Text},
        {u"outcome"_s, ColumnType::Text},
    };
    return columns;
}

// What QDataStream (Qt 6, big-endian) writes for these types: contentHash() used to serialise through it, and
// the stored hashes must stay comparable. Written by hand it costs a fraction.
void putInt64(QByteArray& out, qint64 value)
{
    const quint64 bits = quint64(value);
    const char bytes[] = {char(bits >> 56), char(bits >> 48), char(bits >> 40), char(bits >> 32), char(bits >> 24),
        char(bits >> 16), char(bits >> 8), char(bits)};
    out.append(bytes, sizeof bytes);
}

void putUInt32(QByteArray& out, quint32 value)
{
    const char bytes[] = {char(value >> 24), char(value >> 16), char(value >> 8), char(value)};
    out.append(bytes, sizeof bytes);
}

void putString(QByteArray& out, const QString& value)
{
    if (value.isNull()) {
        putUInt32(out, 0xffffffffU);
        return;
    }
    putUInt32(out, quint32(value.size() * 2));
    const qsizetype at = out.size();
    out.resize(at + value.size() * 2);
    qToBigEndian<char16_t>(value.utf16(), value.size(), out.data() + at);
}

struct KeyRow
{
    QString key;
    QString kind;
    qint64 returnId = 0;

    friend bool operator<(const KeyRow& a, const KeyRow& b)
    {
        if (const int byKey = a.key.compare(b.key); byKey != 0)
            return byKey < 0;
        if (const int byKind = a.kind.compare(b.kind); byKind != 0)
            return byKind < 0;
        return a.returnId < b.returnId;
    }
};
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

    for (qsizetype start = 0; start < batch.size(); start += kReturnsPerRound) {
        const QList<Return> chunk = batch.mid(start, kReturnsPerRound);
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
    bytes.reserve(2048);
    const auto ms = [](const QDateTime& at) { return at.isValid() ? at.toMSecsSinceEpoch() : qint64(-1); };
    putInt64(bytes, value.loopId);
    putString(bytes, returnStateCode(value.state));
    for (const QString* text : {&value.outcome, &value.orderId, &value.orderName, &value.orderNumber,
             &value.providerOrderId, &value.customerEmail, &value.carrier, &value.trackingNumber})
        putString(bytes, *text);
    putUInt32(bytes, quint32(value.extraTrackingNumbers.size()));
    for (const QString& tracking : value.extraTrackingNumbers)
        putString(bytes, tracking);
    putString(bytes, value.labelStatus);
    putInt64(bytes, ms(value.labelUpdatedAt));
    putString(bytes, value.currency);
    putInt64(bytes, value.totalMinor);
    putInt64(bytes, ms(value.createdAt));
    putInt64(bytes, ms(value.updatedAt));
    putInt64(bytes, qint64(value.lines.size()));
    for (const ReturnLine& line : value.lines) {
        putInt64(bytes, line.lineItemId);
        for (const QString* text : {&line.productId, &line.variantId, &line.sku, &line.barcode, &line.title,
                 &line.variantTitle, &line.imageUrl})
            putString(bytes, *text);
        putInt64(bytes, line.priceMinor);
        for (const QString* text :
            {&line.returnReason, &line.parentReturnReason, &line.returnComment, &line.outcome})
            putString(bytes, *text);
    }
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha1).toHex();
}

Status ReturnRepository::upsertChunk(QSqlDatabase& connection, const QList<Return>& candidates,
    const QDateTime& syncedAt, UpsertCounts& counts, const QString& what)
{
    const SqlDialect& dialect = m_database.dialect();

    // Which of these exist already (to tell inserts from updates), and which are exactly the copy stored
    // last (nothing to write: the overlap window and the sweep re-read most returns unchanged).
    QHash<std::pair<qint64, qint64>, QByteArray> storedHashes;
    {
        static const QList<Column> identity
            = {{u"merchant_id"_s, ColumnType::Integer}, {u"loop_id"_s, ColumnType::Integer}};
        Result<BulkStatement> lookup = BulkStatement::prepare(m_database, connection, identity,
            [&dialect](qsizetype rows) -> QString {
                return uR"(SELECT "merchant_id", "loop_id", "content_hash" FROM "returns" WHERE )"_s
                    + dialect.bulkMatchSql(identity, rows);
            },
            1, what);
        if (!lookup)
            return fail(lookup.error());
        for (const Return& value : candidates) {
            lookup->add(value.merchantId);
            lookup->add(value.loopId);
            if (const Status looked = lookup->endRow(); !looked)
                return looked;
        }
        const Result<QList<QVariantList>> found = lookup->finish();
        if (!found)
            return fail(found.error());
        storedHashes.reserve(found->size());
        for (const QVariantList& row : *found)
            storedHashes.insert(std::pair(row.at(0).toLongLong(), row.at(1).toLongLong()), row.at(2).toByteArray());
    }
    QList<const Return*> chunk;
    QList<QByteArray> hashes;
    chunk.reserve(candidates.size());
    hashes.reserve(candidates.size());
    for (const Return& value : candidates) {
        QByteArray hash = contentHash(value);
        const auto stored = storedHashes.constFind(std::pair(value.merchantId, value.loopId));
        if (stored != storedHashes.cend() && *stored == hash) {
            ++counts.unchanged;
            continue;
        }
        chunk << &value;
        hashes << std::move(hash);
    }
    if (chunk.isEmpty())
        return {};

    // The WHERE on the update keeps the rule "never older over newer" even when another station writes the
    // same return concurrently: rows it refuses come back from RETURNING not at all, and count as stale.
    struct Applied
    {
        qint64 id = 0;
        QString trackingNumber; // as stored: a newer label event may have kept its own
        bool created = false; // by this statement: it has no lines or keys to replace yet
    };
    QHash<std::pair<qint64, qint64>, Applied> applied;
    {
        const QString inserted = dialect.upsertInsertedSql(u"returns"_s);
        const QString tail = uR"(
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
            RETURNING "id", "merchant_id", "loop_id", "tracking_number")"_s
            + (inserted.isEmpty() ? QString() : QString(u", "_s + inserted));
        Result<BulkStatement> upsert = BulkStatement::prepare(m_database, connection, returnParameterColumns(),
            [&dialect, &tail](qsizetype rows) -> QString {
                return dialect.bulkInsertSql(u"returns"_s, returnParameterColumns(), rows) + tail;
            },
            kSqliteReturnsPerStatement, what);
        if (!upsert)
            return fail(upsert.error());
        const auto addTime = [&upsert](const QDateTime& at) {
            if (at.isValid())
                upsert->add(at.toMSecsSinceEpoch());
            else
                upsert->addNull();
        };
        for (qsizetype i = 0; i < chunk.size(); ++i) {
            const Return& value = *chunk.at(i);
            upsert->add(value.merchantId);
            upsert->add(value.loopId);
            upsert->add(returnStateCode(value.state));
            upsert->add(value.outcome);
            upsert->add(value.orderId);
            upsert->add(value.orderName);
            upsert->add(value.orderNumber);
            upsert->add(value.providerOrderId);
            upsert->add(value.customerEmail);
            upsert->add(value.carrier);
            upsert->add(value.trackingNumber);
            upsert->add(Sql::jsonArray(value.extraTrackingNumbers));
            upsert->add(value.labelStatus);
            addTime(value.labelUpdatedAt);
            upsert->add(value.currency);
            upsert->add(value.totalMinor);
            addTime(value.createdAt);
            upsert->add(updatedAtMs(value));
            addTime(syncedAt);
            upsert->add(QString::fromLatin1(hashes.at(i)));
            if (const Status stored = upsert->endRow(); !stored)
                return stored;
        }
        const Result<QList<QVariantList>> returned = upsert->finish();
        if (!returned)
            return fail(returned.error());
        applied.reserve(returned->size());
        for (const QVariantList& row : *returned) {
            const auto key = std::pair(row.at(1).toLongLong(), row.at(2).toLongLong());
            const bool created = row.size() > 4 ? row.at(4).toBool() : !storedHashes.contains(key);
            applied.insert(key, Applied {row.at(0).toLongLong(), row.at(3).toString(), created});
        }
    }

    // Lines and keys are replaced wholesale: Loop's copy is the truth, and a line removed upstream
    // (Remove Line Items) must stop matching scans. A return this statement created has none to remove (on
    // PostgreSQL, another station may have created it since the lookup: the upsert itself tells).
    QList<qint64> replacedIds;
    for (const Return* value : std::as_const(chunk)) {
        const auto key = std::pair(value->merchantId, value->loopId);
        const auto found = applied.constFind(key);
        const bool existed = storedHashes.contains(key);
        if (found == applied.cend())
            ++counts.stale;
        else if (existed)
            ++counts.updated;
        else
            ++counts.inserted;
        if (found != applied.cend() && !found->created)
            replacedIds << found->id;
    }
    if (applied.isEmpty())
        return {};
    for (const QString& table : {u"return_lines"_s, u"scan_keys"_s}) {
        if (replacedIds.isEmpty())
            break;
        static const QList<Column> returnId = {{u"return_id"_s, ColumnType::Integer}};
        Result<BulkStatement> removal = BulkStatement::prepare(m_database, connection, returnId,
            [&dialect, &table](qsizetype rows) -> QString {
                return u"DELETE FROM \""_s + table + u"\" WHERE "_s + dialect.bulkMatchSql(returnId, rows);
            },
            1, what);
        if (!removal)
            return fail(removal.error());
        for (const qint64 id : std::as_const(replacedIds)) {
            removal->add(id);
            if (const Status removed = removal->endRow(); !removed)
                return removed;
        }
        if (const auto removed = removal->finish(); !removed)
            return fail(removed.error());
    }

    Result<BulkStatement> lines = BulkStatement::prepare(m_database, connection, lineParameterColumns(),
        [&dialect](qsizetype rows) -> QString {
            return dialect.bulkInsertSql(u"return_lines"_s, lineParameterColumns(), rows);
        },
        kSqliteRowsPerStatement, what);
    if (!lines)
        return fail(lines.error());
    QList<KeyRow> keyRows;
    keyRows.reserve(applied.size() * 10);
    for (const Return* value : std::as_const(chunk)) {
        const auto found = applied.constFind(std::pair(value->merchantId, value->loopId));
        if (found == applied.cend())
            continue;
        const qint64 id = found->id;
        qint64 position = 0;
        for (const ReturnLine& line : value->lines) {
            lines->add(id);
            lines->add(position++);
            lines->add(line.lineItemId);
            lines->add(line.productId);
            lines->add(line.variantId);
            lines->add(line.sku);
            lines->add(line.barcode);
            lines->add(line.title);
            lines->add(line.variantTitle);
            lines->add(line.imageUrl);
            lines->add(line.priceMinor);
            lines->add(line.returnReason);
            lines->add(line.parentReturnReason);
            lines->add(line.returnComment);
            lines->add(line.outcome);
            if (const Status stored = lines->endRow(); !stored)
                return stored;
        }
        Return keyed = *value;
        keyed.trackingNumber = found->trackingNumber;
        for (const ScanKey& key : scanKeysFor(keyed))
            keyRows.append(KeyRow {key.value, scanKeyKindCode(key.kind), id});
    }
    if (const auto stored = lines->finish(); !stored)
        return fail(stored.error());

    // In key order: each insert then lands next to the previous one in the key index, which is what keeps a
    // big table's inserts in cache.
    std::sort(keyRows.begin(), keyRows.end());
    static const QList<Column> keyColumns
        = {{u"key"_s, ColumnType::Text}, {u"kind"_s, ColumnType::Text}, {u"return_id"_s, ColumnType::Integer}};
    Result<BulkStatement> keys = BulkStatement::prepare(m_database, connection, keyColumns,
        [&dialect](qsizetype rows) -> QString { return dialect.bulkInsertSql(u"scan_keys"_s, keyColumns, rows); },
        kSqliteRowsPerStatement, what);
    if (!keys)
        return fail(keys.error());
    for (const KeyRow& row : std::as_const(keyRows)) {
        keys->add(row.key);
        keys->add(row.kind);
        keys->add(row.returnId);
        if (const Status stored = keys->endRow(); !stored)
            return stored;
    }
    if (const auto stored = keys->finish(); !stored)
        return fail(stored.error());
    return {};
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
