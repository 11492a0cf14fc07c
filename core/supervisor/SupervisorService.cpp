#include "SupervisorService.h"

#include "loop/LoopJson.h"
#include "receiving/FlagNote.h"
#include "storage/AuditRepository.h"
#include "storage/Database.h"
#include "storage/OutboxRepository.h"
#include "storage/ReturnRepository.h"
#include "storage/Sql.h"
#include "storage/Transaction.h"
#include "storage/UnknownPackageRepository.h"
#include "util/Clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {

// Process, close and cancel take no parameters from us; the outbox column wants some text.
const QByteArray kNoBody = QByteArrayLiteral("{}");

QByteArray compact(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QString when(const QDateTime& at)
{
    return at.toUTC().toString(Qt::ISODate);
}

Status checkActor(const SupervisorActor& actor, const QString& note)
{
    if (actor.user.trimmed().isEmpty()) {
        return fail(Error::validation(u"supervisor.user.empty"_s,
            u"Say who decides: a supervisor action is kept under the supervisor's name. Sign in as a supervisor."_s));
    }
    if (note.trimmed().isEmpty()) {
        return fail(Error::validation(u"supervisor.note.empty"_s,
            u"Write a note saying why: every supervisor decision is kept with its reason."_s));
    }
    return {};
}

// What Loop's timeline shows of the decision: the supervisor's words, cut to Loop's 254 characters. Names stay
// at the station (the audit trail), as in the notes that come with a flag.
QString loopNote(const QString& note)
{
    return FlagNote::fit(u"Warehouse supervisor: "_s + note.simplified(), FlagNote::maxBytes);
}

// Queues one call to Loop about `value` (for `receiptId`, 0 for none) in the open transaction, and adds it to
// `queued`, the calls the audit event lists.
Status enqueueCall(OutboxRepository& outbox, const Return& value, qint64 receiptId, OutboxKind kind,
    const QByteArray& payload, const QDateTime& now, QJsonArray& queued)
{
    OutboxEntry entry;
    entry.merchantId = value.merchantId;
    entry.returnId = value.id;
    entry.loopReturnId = value.loopId;
    entry.receiptId = receiptId;
    entry.kind = kind;
    entry.payload = payload;
    entry.nextAttemptAt = now;
    entry.createdAt = now;
    const Result<qint64> id = outbox.enqueue(entry);
    if (!id)
        return fail(id.error());
    queued.append(QJsonObject { { u"id"_s, *id }, { u"kind"_s, outboxKindCode(kind) } });
    return {};
}

QJsonArray codes(const QList<ReasonCode>& reasons)
{
    QJsonArray array;
    for (const ReasonCode reason : reasons)
        array.append(reasonCode(reason));
    return array;
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

Result<Return> loadReturn(Database& database, qint64 returnId)
{
    Result<std::optional<Return>> found = ReturnRepository(database).find(returnId);
    if (!found)
        return fail(found.error());
    if (!found->has_value()) {
        return fail(Error::validation(u"supervisor.return.unknown"_s,
            u"There is no return %1 on this station. Check the number, or sync first."_s)
                        .with(returnId));
    }
    return **found;
}

// The flags of a receipt that never took effect in Loop, settled (Dismissed) because a supervisor decided
// otherwise: one that has not left (no attempt recorded), and one Loop refused (parked). A flag that may be on its
// way is left alone. Returns the ids settled.
Result<QJsonArray> supersedeFlags(
    OutboxRepository& outbox, qint64 receiptId, const QString& reason, const QDateTime& now)
{
    Result<QList<OutboxEntry>> own = outbox.forReceipt(receiptId);
    if (!own)
        return fail(own.error());
    QJsonArray settled;
    for (const OutboxEntry& entry : std::as_const(*own)) {
        if (entry.kind != OutboxKind::Flag)
            continue;
        if (entry.status == OutboxStatus::Parked) {
            if (const Status dismissed = outbox.dismiss(entry.id, now); !dismissed)
                return fail(dismissed.error());
            settled.append(entry.id);
            continue;
        }
        if (entry.status != OutboxStatus::Pending || entry.attempts > 0)
            continue;
        Result<bool> done = outbox.supersedeUnsent(entry.id, reason, now);
        if (!done)
            return fail(done.error());
        if (*done)
            settled.append(entry.id);
    }
    return settled;
}

// Another call that ends the return (process, close, cancel) is still to be sent or parked: a second one would
// be refused by Loop, or wait behind the parked one forever.
Status checkNoFinalCallWaiting(Database& database, const Return& value)
{
    Result<QList<OutboxEntry>> entries = OutboxRepository(database).forReturn(value.merchantId, value.loopId);
    if (!entries)
        return fail(entries.error());
    for (const OutboxEntry& entry : std::as_const(*entries)) {
        const bool final
            = entry.kind == OutboxKind::Process || entry.kind == OutboxKind::Close || entry.kind == OutboxKind::Cancel;
        if (!final || (entry.status != OutboxStatus::Pending && entry.status != OutboxStatus::Parked))
            continue;
        return fail(Error::validation(u"supervisor.final_waiting"_s,
            entry.status == OutboxStatus::Parked
                ? u"Return %1 already has a %2 call for Loop that is parked (outbox entry %3). Retry or dismiss that "
                  u"one first."_s
                : u"Return %1 already has a %2 call for Loop waiting to be sent (outbox entry %3). Wait until it "
                  u"has gone, then decide again."_s)
                        .with(value.loopId, outboxKindCode(entry.kind), entry.id));
    }
    return {};
}

// A receipt as the supervisor's checks need it: with how (and whether) it was resolved.
struct StoredReceipt
{
    qint64 id = 0;
    qint64 returnId = 0;
    qint64 merchantId = 0;
    QString status;
    QString decision;
    QList<ReasonCode> reasons;
    QDateTime resolvedAt;
    QString resolvedBy;
    QString resolution;
};

Result<std::optional<StoredReceipt>> loadReceipt(Database& database, qint64 receiptId);

} // namespace

SupervisorService::SupervisorService(Database& database, const Clock& clock)
    : m_database(database)
    , m_clock(clock)
{
}

Status SupervisorService::processAnyway(qint64 receiptId, const SupervisorActor& actor, const QString& note)
{
    return resolveReceipt(receiptId, actor, note, true);
}

Status SupervisorService::keepFlagged(qint64 receiptId, const SupervisorActor& actor, const QString& note)
{
    return resolveReceipt(receiptId, actor, note, false);
}

Status SupervisorService::closeReturn(qint64 returnId, const SupervisorActor& actor, const QString& note)
{
    return finishReturn(returnId, actor, note, Final::Close);
}

Status SupervisorService::cancelReturn(qint64 returnId, const SupervisorActor& actor, const QString& note)
{
    return finishReturn(returnId, actor, note, Final::Cancel);
}

Status SupervisorService::retryParkedPush(qint64 outboxId, const SupervisorActor& actor, const QString& note)
{
    return settleParked(outboxId, actor, note, true);
}

Status SupervisorService::dismissParkedPush(qint64 outboxId, const SupervisorActor& actor, const QString& note)
{
    return settleParked(outboxId, actor, note, false);
}

Status SupervisorService::resolveReceipt(
    qint64 receiptId, const SupervisorActor& actor, const QString& note, bool process)
{
    if (const Status checked = checkActor(actor, note); !checked)
        return checked;
    const QString action = QString::fromLatin1(process ? kProcessAnyway : kKeepFlagged);
    const QString what = u"%1 for receipt %2"_s.arg(action).arg(receiptId);
    Result<Transaction> transaction = Transaction::begin(m_database, what);
    if (!transaction)
        return fail(transaction.error());

    Result<std::optional<StoredReceipt>> loaded = loadReceipt(m_database, receiptId);
    if (!loaded)
        return fail(loaded.error());
    if (!loaded->has_value()) {
        return fail(Error::validation(
            u"supervisor.receipt.unknown"_s, u"There is no receipt %1. Pick it again from the flagged queue."_s)
                        .with(receiptId));
    }
    const StoredReceipt receipt = **loaded;
    if (receipt.resolvedAt.isValid()) {
        return fail(Error::validation(u"supervisor.receipt.resolved"_s,
            u"Receipt %1 was already resolved by %2 on %3 (%4); nothing was changed."_s)
                        .with(receiptId, receipt.resolvedBy, when(receipt.resolvedAt), receipt.resolution));
    }
    if (receipt.status != receiptStatusCode(ReceiptStatus::Submitted) || receipt.decision != u"flag"_s) {
        if (receipt.decision.isEmpty()) {
            return fail(Error::validation(u"supervisor.receipt.not_flagged"_s,
                u"Receipt %1 is not flagged (it is %2); only a flagged receipt can be processed anyway or kept "
                u"flagged."_s)
                            .with(receiptId, receipt.status));
        }
        return fail(Error::validation(u"supervisor.receipt.not_flagged"_s,
            u"Receipt %1 is not flagged (it is %2, decision %3); only a flagged receipt can be processed anyway or "
            u"kept flagged."_s)
                        .with(receiptId, receipt.status, receipt.decision));
    }
    Result<Return> value = loadReturn(m_database, receipt.returnId);
    if (!value)
        return fail(value.error());
    const QDateTime now = m_clock.now();
    OutboxRepository outbox(m_database);

    QJsonArray superseded;
    if (process) {
        switch (value->state) {
        case ReturnState::Closed:
            return fail(Error::validation(u"supervisor.return.closed"_s,
                u"Return %1 is already closed in Loop: there is nothing left to process. Keep it flagged to take "
                u"the receipt off the queue."_s)
                            .with(value->loopId));
        case ReturnState::Cancelled:
        case ReturnState::Expired:
            return fail(Error::validation(u"supervisor.return.not_processable"_s,
                u"Return %1 is %2 in Loop, and Loop does not process it. Keep it flagged, or close it."_s)
                            .with(value->loopId, returnStateCode(value->state)));
        case ReturnState::Open:
        case ReturnState::Review:
        case ReturnState::Unknown:
            break;
        }
        if (const Status free = checkNoFinalCallWaiting(m_database, *value); !free)
            return free;
        // The receipt's flag has not left yet: it never will, so Loop sees the decision as it now stands.
        Result<QJsonArray> settled = supersedeFlags(
            outbox, receiptId, u"Superseded: supervisor %1 processed the receipt anyway."_s.arg(actor.user), now);
        if (!settled)
            return fail(settled.error());
        superseded = *settled;
    }

    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    const QVariantList resolution { Sql::time(now), actor.user, action, note.trimmed() };
    Result<QSqlQuery> updated = process
        ? Sql::exec(m_database, *connection,
            uR"(UPDATE "receipts" SET "decision" = 'process', "decision_reasons" = ?, "decided_at" = ?,
                  "decided_by" = ?, "resolved_at" = ?, "resolved_by" = ?, "resolution" = ?, "resolution_note" = ?
                  WHERE "id" = ? AND "decision" = 'flag' AND "resolved_at" IS NULL)"_s,
            QVariantList { reasonCode(ReasonCode::SupervisorOverride), Sql::time(now), actor.user } + resolution
                + QVariantList { receiptId },
            what)
        : Sql::exec(m_database, *connection,
            uR"(UPDATE "receipts" SET "resolved_at" = ?, "resolved_by" = ?, "resolution" = ?, "resolution_note" = ?
                  WHERE "id" = ? AND "decision" = 'flag' AND "resolved_at" IS NULL)"_s,
            resolution + QVariantList { receiptId }, what);
    if (!updated)
        return fail(updated.error());
    if (updated->numRowsAffected() == 0) {
        return fail(Error::validation(u"supervisor.receipt.resolved"_s,
            u"Receipt %1 was resolved by somebody else a moment ago; nothing was changed. Reload the queue."_s)
                        .with(receiptId));
    }
    updated->finish();

    QJsonArray queued;
    if (const Status noted
        = enqueueCall(outbox, *value, receiptId, OutboxKind::Note, LoopJson::noteBody(loopNote(note)), now, queued);
        !noted)
        return noted;
    if (process) {
        if (const Status processed = enqueueCall(outbox, *value, receiptId, OutboxKind::Process, kNoBody, now, queued);
            !processed)
            return processed;
    }

    QStringList reasonList;
    for (const ReasonCode reason : receipt.reasons)
        reasonList << reasonCode(reason);
    AuditEvent event;
    event.at = now;
    event.station = actor.station;
    event.user = actor.user;
    event.action = QString::fromLatin1(kOverrideAction);
    event.merchantId = value->merchantId;
    event.returnId = value->id;
    event.receiptId = receiptId;
    event.summary = process ? u"Supervisor %1 processed return %2 anyway (flagged for %3): %4"_s.arg(actor.user)
                                  .arg(value->loopId)
                                  .arg(reasonList.join(u", "_s), note.trimmed())
                            : u"Supervisor %1 kept return %2 flagged (%3): %4"_s.arg(actor.user)
                                  .arg(value->loopId)
                                  .arg(reasonList.join(u", "_s), note.trimmed());
    QJsonObject detail {
        { u"action"_s, action },
        { u"note"_s, note.trimmed() },
        { u"old"_s, QJsonObject { { u"decision"_s, receipt.decision }, { u"reasons"_s, codes(receipt.reasons) } } },
        { u"outbox"_s, queued },
    };
    if (process) {
        detail.insert(u"new"_s,
            QJsonObject { { u"decision"_s, decisionKindCode(DecisionKind::Process) },
                { u"reasons"_s, codes({ ReasonCode::SupervisorOverride }) } });
        detail.insert(u"superseded"_s, superseded);
    }
    event.detail = compact(detail);
    if (Result<qint64> appended = AuditRepository(m_database).append(event); !appended)
        return fail(appended.error());
    return transaction->commit();
}

Status SupervisorService::finishReturn(qint64 returnId, const SupervisorActor& actor, const QString& note, Final action)
{
    if (const Status checked = checkActor(actor, note); !checked)
        return checked;
    const bool close = action == Final::Close;
    const QString verb = close ? u"close"_s : u"cancel"_s;
    const QString what = u"%1 return row %2"_s.arg(close ? u"closing"_s : u"cancelling"_s).arg(returnId);
    Result<Transaction> transaction = Transaction::begin(m_database, what);
    if (!transaction)
        return fail(transaction.error());
    Result<Return> value = loadReturn(m_database, returnId);
    if (!value)
        return fail(value.error());
    const qint64 loopId = value->loopId;

    // What Loop refuses (CONTRACT §4.3, §4.5, §8), as far as this station knows the return's state.
    switch (value->state) {
    case ReturnState::Closed:
        return fail(Error::validation(u"supervisor.return.closed"_s,
            close ? u"Return %1 is already closed in Loop; it cannot be closed any more."_s
                  : u"Return %1 is already closed in Loop; it cannot be cancelled any more."_s)
                        .with(loopId));
    case ReturnState::Cancelled:
        return fail(Error::validation(u"supervisor.return.cancelled"_s,
            close ? u"Return %1 is cancelled in Loop, and Loop does not close a cancelled return."_s
                  : u"Return %1 is already cancelled in Loop."_s)
                        .with(loopId));
    case ReturnState::Expired:
    case ReturnState::Review:
        if (!close) {
            return fail(Error::validation(u"supervisor.return.not_cancellable"_s,
                value->state == ReturnState::Review
                    ? u"Return %1 is %2 in Loop, and Loop does not cancel it. Close it instead, or unflag it in Loop "
                      u"Admin first and sync."_s
                    : u"Return %1 is %2 in Loop, and Loop does not cancel it. Close it instead."_s)
                            .with(loopId, returnStateCode(value->state)));
        }
        break;
    case ReturnState::Open:
    case ReturnState::Unknown:
        break;
    }
    if (const Status free = checkNoFinalCallWaiting(m_database, *value); !free)
        return free;

    const QDateTime now = m_clock.now();
    OutboxRepository outbox(m_database);
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());

    // The flagged receipts of the return leave the queue; their flags that have not left never will.
    QList<qint64> receipts;
    {
        Result<QSqlQuery> found = Sql::exec(m_database, *connection,
            uR"(SELECT "id" FROM "receipts" WHERE "return_id" = ? AND "decision" = 'flag' AND "resolved_at" IS NULL
                ORDER BY "id")"_s,
            { returnId }, what);
        if (!found)
            return fail(found.error());
        while (found->next())
            receipts << found->value(0).toLongLong();
    }
    QJsonArray superseded;
    for (const qint64 receiptId : std::as_const(receipts)) {
        Result<QJsonArray> settled = supersedeFlags(
            outbox, receiptId, u"Superseded: supervisor %1 chose to %2 the return."_s.arg(actor.user, verb), now);
        if (!settled)
            return fail(settled.error());
        for (const QJsonValue& id : std::as_const(*settled))
            superseded.append(id);
    }

    if (!close) {
        // A flag that reached Loop (or may have) since the last sync leaves the return flagged there, and Loop
        // does not cancel a flagged return. Older flags are already in the synced state checked above.
        Result<QSqlQuery> synced = Sql::exec(
            m_database, *connection, uR"(SELECT "synced_at" FROM "returns" WHERE "id" = ?)"_s, { returnId }, what);
        if (!synced)
            return fail(synced.error());
        const QDateTime syncedAt = synced->next() ? Sql::time(synced->value(0)) : QDateTime();
        synced->finish();
        Result<QList<OutboxEntry>> entries = outbox.forReturn(value->merchantId, loopId);
        if (!entries)
            return fail(entries.error());
        for (const OutboxEntry& entry : std::as_const(*entries)) {
            if (entry.kind != OutboxKind::Flag)
                continue;
            const bool sentSinceSync
                = entry.status == OutboxStatus::Done && (!syncedAt.isValid() || entry.updatedAt > syncedAt);
            const bool maybeSent
                = (entry.status == OutboxStatus::Pending || entry.status == OutboxStatus::Parked) && entry.attempts > 0;
            if (sentSinceSync || maybeSent) {
                return fail(Error::validation(u"supervisor.return.flagged"_s,
                    u"Return %1 was flagged in Loop by this station (outbox entry %2), and Loop does not cancel a "
                    u"flagged return. Close it instead, or unflag it in Loop Admin first and sync."_s)
                                .with(loopId, entry.id));
            }
        }
    }

    const QString resolution = QString::fromLatin1(close ? kClosed : kCancelled);
    for (const qint64 receiptId : std::as_const(receipts)) {
        Result<QSqlQuery> updated = Sql::exec(m_database, *connection,
            uR"(UPDATE "receipts" SET "resolved_at" = ?, "resolved_by" = ?, "resolution" = ?, "resolution_note" = ?
                WHERE "id" = ? AND "resolved_at" IS NULL)"_s,
            { Sql::time(now), actor.user, resolution, note.trimmed(), receiptId }, what);
        if (!updated)
            return fail(updated.error());
    }

    QJsonArray queued;
    for (const auto& [kind, payload] : { std::pair(OutboxKind::Note, LoopJson::noteBody(loopNote(note))),
             std::pair(close ? OutboxKind::Close : OutboxKind::Cancel, kNoBody) }) {
        if (const Status called = enqueueCall(outbox, *value, 0, kind, payload, now, queued); !called)
            return called;
    }

    QJsonArray resolved;
    for (const qint64 receiptId : std::as_const(receipts))
        resolved.append(receiptId);
    AuditEvent event;
    event.at = now;
    event.station = actor.station;
    event.user = actor.user;
    event.action = QString::fromLatin1(kOverrideAction);
    event.merchantId = value->merchantId;
    event.returnId = value->id;
    event.summary
        = u"Supervisor %1 chose to %2 return %3 in Loop: %4"_s.arg(actor.user, verb).arg(loopId).arg(note.trimmed());
    event.detail = compact(QJsonObject {
        { u"action"_s, close ? u"close_return"_s : u"cancel_return"_s },
        { u"note"_s, note.trimmed() },
        { u"state"_s, returnStateCode(value->state) },
        { u"resolved_receipts"_s, resolved },
        { u"superseded"_s, superseded },
        { u"outbox"_s, queued },
    });
    if (Result<qint64> appended = AuditRepository(m_database).append(event); !appended)
        return fail(appended.error());
    return transaction->commit();
}

Status SupervisorService::relinkUnknownPackage(
    qint64 unknownPackageId, qint64 returnId, const SupervisorActor& actor, const QString& note)
{
    if (const Status checked = checkActor(actor, note); !checked)
        return checked;
    const QString what = u"re-linking unknown package %1"_s.arg(unknownPackageId);
    Result<Transaction> transaction = Transaction::begin(m_database, what);
    if (!transaction)
        return fail(transaction.error());
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());

    auto read = [&]() -> Result<std::optional<std::tuple<QString, QString, qint64>>> {
        Result<QSqlQuery> query = Sql::exec(m_database, *connection,
            uR"(SELECT "raw_scan", "status", "matched_return_id" FROM "unknown_packages" WHERE "id" = ?)"_s,
            { unknownPackageId }, what);
        if (!query)
            return fail(query.error());
        if (!query->next())
            return std::nullopt;
        return std::tuple(query->value(0).toString(), query->value(1).toString(), query->value(2).toLongLong());
    };
    Result<std::optional<std::tuple<QString, QString, qint64>>> package = read();
    if (!package)
        return fail(package.error());
    if (!package->has_value()) {
        return fail(Error::validation(u"supervisor.unknown.unknown"_s,
            u"There is no unknown package %1. Pick it again from the exception queue."_s)
                        .with(unknownPackageId));
    }
    const auto [rawScan, status, matchedTo] = **package;
    const auto matchedLoopId = [&](qint64 localId) {
        const Result<std::optional<Return>> found = ReturnRepository(m_database).find(localId);
        return found && found->has_value() ? QString::number((*found)->loopId) : QString::number(localId);
    };
    if (status != u"open"_s) {
        return fail(Error::validation(u"supervisor.unknown.matched"_s,
            u"Unknown package %1 is already matched to return %2; it is no longer in the exception queue."_s)
                        .with(unknownPackageId, matchedLoopId(matchedTo)));
    }
    Result<Return> value = loadReturn(m_database, returnId);
    if (!value)
        return fail(value.error());

    const QDateTime now = m_clock.now();
    if (const Status marked = UnknownPackageRepository(m_database).markMatched(unknownPackageId, returnId, now);
        !marked)
        return marked;
    // markMatched changes only an open package: read back that it is now this return's, not another's.
    Result<std::optional<std::tuple<QString, QString, qint64>>> after = read();
    if (!after)
        return fail(after.error());
    if (!after->has_value() || std::get<2>(**after) != returnId || std::get<1>(**after) != u"matched"_s) {
        return fail(Error::validation(u"supervisor.unknown.matched"_s,
            u"Unknown package %1 was matched by somebody else a moment ago; nothing was changed."_s)
                        .with(unknownPackageId));
    }

    AuditEvent event;
    event.at = now;
    event.station = actor.station;
    event.user = actor.user;
    event.action = QString::fromLatin1(kOverrideAction);
    event.merchantId = value->merchantId;
    event.returnId = value->id;
    event.rawScan = rawScan;
    event.summary = u"Supervisor %1 matched unknown package %2 to return %3 by hand: %4"_s.arg(actor.user)
                        .arg(unknownPackageId)
                        .arg(value->loopId)
                        .arg(note.trimmed());
    event.detail = compact(QJsonObject {
        { u"action"_s, u"relink_unknown_package"_s },
        { u"unknown_package"_s, unknownPackageId },
        { u"loop_return_id"_s, value->loopId },
        { u"note"_s, note.trimmed() },
    });
    if (Result<qint64> appended = AuditRepository(m_database).append(event); !appended)
        return fail(appended.error());
    return transaction->commit();
}

Status SupervisorService::settleParked(qint64 outboxId, const SupervisorActor& actor, const QString& note, bool retry)
{
    if (const Status checked = checkActor(actor, note); !checked)
        return checked;
    const QString what = u"%1 outbox entry %2"_s.arg(retry ? u"re-queueing"_s : u"dismissing"_s).arg(outboxId);
    Result<Transaction> transaction = Transaction::begin(m_database, what);
    if (!transaction)
        return fail(transaction.error());
    OutboxRepository outbox(m_database);
    Result<std::optional<OutboxEntry>> found = outbox.find(outboxId);
    if (!found)
        return fail(found.error());
    if (!found->has_value()) {
        return fail(Error::validation(
            u"supervisor.outbox.unknown"_s, u"There is no outbox entry %1. Pick it again from the parked queue."_s)
                        .with(outboxId));
    }
    const OutboxEntry entry = **found;
    if (entry.status != OutboxStatus::Parked) {
        return fail(
            Error::validation(u"supervisor.outbox.not_parked"_s,
                retry ? u"Outbox entry %1 (%2 for return %3) is %4, not parked; only a parked call can be retried."_s
                      : u"Outbox entry %1 (%2 for return %3) is %4, not parked; only a parked call can be dismissed."_s)
                .with(outboxId, outboxKindCode(entry.kind), entry.loopReturnId, outboxStatusCode(entry.status)));
    }
    const QDateTime now = m_clock.now();
    if (const Status settled = retry ? outbox.requeue(outboxId, now) : outbox.dismiss(outboxId, now); !settled)
        return settled;

    AuditEvent event;
    event.at = now;
    event.station = actor.station;
    event.user = actor.user;
    event.action = QString::fromLatin1(kOverrideAction);
    event.merchantId = entry.merchantId;
    event.returnId = entry.returnId;
    event.receiptId = entry.receiptId;
    event.summary = retry
        ? u"Supervisor %1 sent the parked %2 call for return %3 again: %4"_s.arg(actor.user)
              .arg(outboxKindCode(entry.kind))
              .arg(entry.loopReturnId)
              .arg(note.trimmed())
        : u"Supervisor %1 dismissed the parked %2 call for return %3 without sending it: %4"_s.arg(actor.user)
              .arg(outboxKindCode(entry.kind))
              .arg(entry.loopReturnId)
              .arg(note.trimmed());
    QJsonObject detail {
        { u"action"_s, retry ? u"retry_parked_push"_s : u"dismiss_parked_push"_s },
        { u"entry"_s, entry.id },
        { u"kind"_s, outboxKindCode(entry.kind) },
        { u"attempts"_s, entry.attempts },
        { u"last_error"_s, entry.lastError },
        { u"note"_s, note.trimmed() },
    };
    // The dispatcher reads this: the attempts before the supervisor's retry no longer hold the entry back.
    if (retry)
        detail.insert(u"attempts_settled"_s, entry.attempts);
    event.detail = compact(detail);
    if (Result<qint64> appended = AuditRepository(m_database).append(event); !appended)
        return fail(appended.error());
    return transaction->commit();
}

namespace {

Result<std::optional<StoredReceipt>> loadReceipt(Database& database, qint64 receiptId)
{
    Result<QSqlDatabase> connection = database.connection();
    if (!connection)
        return fail(connection.error());
    Result<QSqlQuery> query = Sql::exec(database, *connection,
        uR"(SELECT "id", "return_id", "merchant_id", "status", "decision", "decision_reasons", "resolved_at",
            "resolved_by", "resolution" FROM "receipts" WHERE "id" = ?)"_s,
        { receiptId }, u"reading receipt %1"_s.arg(receiptId));
    if (!query)
        return fail(query.error());
    if (!query->next())
        return std::nullopt;
    StoredReceipt receipt;
    receipt.id = query->value(0).toLongLong();
    receipt.returnId = query->value(1).toLongLong();
    receipt.merchantId = query->value(2).toLongLong();
    receipt.status = query->value(3).toString();
    receipt.decision = query->value(4).toString();
    receipt.reasons = reasonsFromText(query->value(5).toString());
    receipt.resolvedAt = Sql::time(query->value(6));
    receipt.resolvedBy = query->value(7).toString();
    receipt.resolution = query->value(8).toString();
    return receipt;
}

} // namespace

} // namespace Dockside
