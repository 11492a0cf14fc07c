#include "ReceiptRepository.h"

#include "Database.h"
#include "Sql.h"
#include "Transaction.h"

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {
QString reasonsToText(const QList<ReasonCode>& reasons)
{
    QStringList codes;
    for (const ReasonCode reason : reasons)
        codes << reasonCode(reason);
    return codes.join(u',');
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

QVariantList decisionBinds(const Receipt& receipt)
{
    if (!receipt.decision)
        return {QVariant(QMetaType::fromType<QString>()), u""_s, Sql::time(QDateTime()), u""_s};
    return {decisionKindCode(receipt.decision->kind), Sql::text(reasonsToText(receipt.decision->reasons)),
        Sql::time(receipt.decision->decidedAt), Sql::text(receipt.decision->decidedBy)};
}
} // namespace

ReceiptRepository::ReceiptRepository(Database& database)
    : m_database(database)
{
}

Result<qint64> ReceiptRepository::insert(const Receipt& receipt)
{
    const QString what = u"saving a receipt"_s;
    Result<Transaction> transaction = Transaction::begin(m_database, what);
    if (!transaction)
        return fail(transaction.error());
    QVariantList binds = {Sql::optionalId(receipt.returnId), Sql::optionalId(receipt.merchantId),
        Sql::text(receipt.station), Sql::text(receipt.user), receiptStatusCode(receipt.status),
        Sql::time(receipt.startedAt.isValid() ? receipt.startedAt : QDateTime::currentDateTimeUtc()),
        Sql::time(receipt.submittedAt), Sql::text(receipt.note)};
    binds << decisionBinds(receipt);
    Result<QSqlQuery> query = Sql::exec(m_database, transaction->connection(),
        uR"(INSERT INTO "receipts" ("return_id", "merchant_id", "station", "user_name", "status", "started_at",
            "submitted_at", "note", "decision", "decision_reasons", "decided_at", "decided_by")
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING "id")"_s,
        binds, what);
    if (!query)
        return fail(query.error());
    if (!query->next())
        return fail(Error::storage(u"db.insert.noid"_s, u"The database returned no id while saving a receipt."_s));
    const qint64 id = query->value(0).toLongLong();
    query->finish();
    if (const Status written = writeLines(transaction->connection(), id, receipt.lines, what); !written)
        return fail(written.error());
    if (const Status committed = transaction->commit(); !committed)
        return fail(committed.error());
    return id;
}

Status ReceiptRepository::update(const Receipt& receipt)
{
    const QString what = u"updating receipt %1"_s.arg(receipt.id);
    Result<Transaction> transaction = Transaction::begin(m_database, what);
    if (!transaction)
        return fail(transaction.error());
    QVariantList binds = {receiptStatusCode(receipt.status), Sql::time(receipt.submittedAt), Sql::text(receipt.note)};
    binds << decisionBinds(receipt) << receipt.id;
    Result<QSqlQuery> query = Sql::exec(m_database, transaction->connection(),
        uR"(UPDATE "receipts" SET "status" = ?, "submitted_at" = ?, "note" = ?, "decision" = ?,
            "decision_reasons" = ?, "decided_at" = ?, "decided_by" = ? WHERE "id" = ?)"_s,
        binds, what);
    if (!query)
        return fail(query.error());
    if (query->numRowsAffected() == 0)
        return fail(Error::validation(u"receipt.unknown"_s, u"There is no receipt %1 to update."_s).with(receipt.id));
    if (auto removed = Sql::exec(m_database, transaction->connection(),
            uR"(DELETE FROM "receipt_lines" WHERE "receipt_id" = ?)"_s, {receipt.id}, what);
        !removed)
        return fail(removed.error());
    if (const Status written = writeLines(transaction->connection(), receipt.id, receipt.lines, what); !written)
        return fail(written.error());
    return transaction->commit();
}

Status ReceiptRepository::writeLines(
    QSqlDatabase& connection, qint64 receiptId, const QList<ReceiptLine>& lines, const QString& what)
{
    QSqlQuery insert(connection);
    insert.prepare(uR"(INSERT INTO "receipt_lines" ("receipt_id", "position", "scanned_code", "line_item_id",
        "quantity", "condition", "disposition", "note", "photo_refs", "station", "user_name", "recorded_at")
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))"_s);
    int position = 0;
    for (const ReceiptLine& line : lines) {
        const QVariantList binds = {receiptId, position++, Sql::text(line.scannedCode),
            line.lineItemId ? QVariant::fromValue<qint64>(*line.lineItemId) : QVariant(QMetaType::fromType<qint64>()),
            line.quantity,
            line.condition ? QVariant(conditionCode(*line.condition)) : QVariant(QMetaType::fromType<QString>()),
            line.disposition ? QVariant(dispositionCode(*line.disposition)) : QVariant(QMetaType::fromType<QString>()),
            Sql::text(line.note), Sql::jsonArray(line.photoRefs), Sql::text(line.station), Sql::text(line.user),
            Sql::time(line.recordedAt.isValid() ? line.recordedAt : QDateTime::currentDateTimeUtc())};
        for (const QVariant& bind : binds)
            insert.addBindValue(bind);
        if (!insert.exec())
            return fail(m_database.failure(insert.lastError(), what));
    }
    return {};
}

Result<std::optional<Receipt>> ReceiptRepository::find(qint64 id)
{
    Result<QList<Receipt>> found = select(uR"("id" = ?)"_s, {id}, u"reading receipt %1"_s.arg(id));
    if (!found)
        return fail(found.error());
    return found->isEmpty() ? std::nullopt : std::optional<Receipt>(found->constFirst());
}

Result<QList<Receipt>> ReceiptRepository::forReturn(qint64 returnId)
{
    return select(uR"("return_id" = ?)"_s, {returnId}, u"reading the receipts of return row %1"_s.arg(returnId));
}

Result<QList<Receipt>> ReceiptRepository::select(const QString& where, const QVariantList& binds, const QString& what)
{
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    Result<QSqlQuery> query = Sql::exec(m_database, *connection,
        uR"(SELECT "id", "return_id", "merchant_id", "station", "user_name", "status", "started_at", "submitted_at",
            "note", "decision", "decision_reasons", "decided_at", "decided_by" FROM "receipts" WHERE )"_s
            + where + uR"( ORDER BY "id")"_s,
        binds, what);
    if (!query)
        return fail(query.error());
    QList<Receipt> receipts;
    while (query->next()) {
        Receipt receipt;
        receipt.id = query->value(0).toLongLong();
        receipt.returnId = query->value(1).toLongLong();
        receipt.merchantId = query->value(2).toLongLong();
        receipt.station = query->value(3).toString();
        receipt.user = query->value(4).toString();
        receipt.status = receiptStatusFromCode(query->value(5).toString()).value_or(ReceiptStatus::Open);
        receipt.startedAt = Sql::time(query->value(6));
        receipt.submittedAt = Sql::time(query->value(7));
        receipt.note = query->value(8).toString();
        if (const auto kind = decisionKindFromCode(query->value(9).toString())) {
            Decision decision;
            decision.kind = *kind;
            decision.reasons = reasonsFromText(query->value(10).toString());
            decision.decidedAt = Sql::time(query->value(11));
            decision.decidedBy = query->value(12).toString();
            receipt.decision = decision;
        }
        receipts << receipt;
    }
    query->finish();

    for (Receipt& receipt : receipts) {
        Result<QSqlQuery> lines = Sql::exec(m_database, *connection,
            uR"(SELECT "id", "scanned_code", "line_item_id", "quantity", "condition", "disposition", "note",
                "photo_refs", "station", "user_name", "recorded_at" FROM "receipt_lines"
                WHERE "receipt_id" = ? ORDER BY "position")"_s,
            {receipt.id}, what);
        if (!lines)
            return fail(lines.error());
        while (lines->next()) {
            ReceiptLine line;
            line.id = lines->value(0).toLongLong();
            line.scannedCode = lines->value(1).toString();
            if (!lines->value(2).isNull())
                line.lineItemId = lines->value(2).toLongLong();
            line.quantity = lines->value(3).toInt();
            line.condition = conditionFromCode(lines->value(4).toString());
            line.disposition = dispositionFromCode(lines->value(5).toString());
            line.note = lines->value(6).toString();
            line.photoRefs = Sql::fromJsonArray(lines->value(7).toString());
            line.station = lines->value(8).toString();
            line.user = lines->value(9).toString();
            line.recordedAt = Sql::time(lines->value(10));
            receipt.lines << line;
        }
    }
    return receipts;
}

} // namespace Dockside
