#pragma once

#include "domain/OutboxEntry.h"
#include "util/Error.h"

#include <QHash>
#include <QList>

#include <optional>

namespace Dockside {

class Database;

class OutboxRepository final
{
public:
    explicit OutboxRepository(Database& database);

    // Joins the caller's transaction when there is one, so a state change and the call that tells Loop
    // about it are written together.
    Result<qint64> enqueue(const OutboxEntry& entry);

    // Pending entries whose time has come, at most one per return: the oldest one not yet done (or dismissed). An
    // entry behind a parked one waits until a supervisor resolves the parked one.
    Result<QList<OutboxEntry>> due(const QDateTime& now, int limit);

    // Recorded before the request leaves, so after a crash we know it may have reached Loop. Only a pending entry
    // takes an attempt: one a supervisor settled meanwhile fails with code "outbox.settled" and must not be sent.
    // With `expectedAttempts`, only when the entry still has that many attempts: a second sender that read the
    // same entry gets an "outbox.taken" Transient error instead of sending it again.
    Status markAttempt(qint64 id, const QDateTime& at, std::optional<int> expectedAttempts = std::nullopt);
    Status markDone(qint64 id, const QDateTime& at);
    Status reschedule(qint64 id, const QDateTime& nextAttemptAt, const QString& error, const QDateTime& at);
    Status park(qint64 id, const QString& error, const QDateTime& at);

    // A supervisor's decisions on a parked entry (Validation "outbox.not_parked" when it is not parked):
    // send it again (pending, due at `at`, attempts and last error kept), or settle it without sending
    // (Dismissed), which lets the entries behind it for the same return go.
    Status requeue(qint64 id, const QDateTime& at);
    Status dismiss(qint64 id, const QDateTime& at);
    // Settles a pending entry that never left (no attempt recorded) as Dismissed with `reason`, e.g. a flag a
    // supervisor overrode before it was sent. False, and nothing changed, when it is not pending or was attempted.
    Result<bool> supersedeUnsent(qint64 id, const QString& reason, const QDateTime& at);

    Result<std::optional<OutboxEntry>> find(qint64 id);
    // The entries with these ids that exist, by id ascending.
    Result<QList<OutboxEntry>> findMany(const QList<qint64>& ids);
    // One return's entries (merchant and Loop id, as the dispatcher orders them), oldest first.
    Result<QList<OutboxEntry>> forReturn(qint64 merchantId, qint64 loopReturnId);
    // The entries written for one receipt, oldest first.
    Result<QList<OutboxEntry>> forReceipt(qint64 receiptId);
    Result<QList<OutboxEntry>> list(std::optional<OutboxStatus> status, int limit);
    Result<QHash<OutboxStatus, int>> countByStatus();

private:
    Status setStatus(qint64 id, const QString& assignments, const QVariantList& binds, const QString& what);
    // UPDATE ... WHERE "id" = ? AND `condition`; the number of rows changed.
    Result<int> updateWhere(qint64 id, const QString& assignments, const QString& condition, const QVariantList& binds,
        const QString& what);
    // The Validation error for an entry that is not in the state an update needed.
    Error notIn(qint64 id, const QString& expected, const QString& code);
    Result<QList<OutboxEntry>> select(const QString& where, const QVariantList& binds, const QString& what);

    Database& m_database;
};

} // namespace Dockside
