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

    // Pending entries whose time has come, at most one per return: the oldest one not yet done. An entry
    // behind a parked one waits until a supervisor resolves the parked one.
    Result<QList<OutboxEntry>> due(const QDateTime& now, int limit);

    // Recorded before the request leaves, so after a crash we know it may have reached Loop.
    Status markAttempt(qint64 id, const QDateTime& at);
    Status markDone(qint64 id, const QDateTime& at);
    Status reschedule(qint64 id, const QDateTime& nextAttemptAt, const QString& error, const QDateTime& at);
    Status park(qint64 id, const QString& error, const QDateTime& at);

    Result<std::optional<OutboxEntry>> find(qint64 id);
    Result<QList<OutboxEntry>> list(std::optional<OutboxStatus> status, int limit);
    Result<QHash<OutboxStatus, int>> countByStatus();

private:
    Status setStatus(qint64 id, const QString& assignments, const QVariantList& binds, const QString& what);
    Result<QList<OutboxEntry>> select(const QString& where, const QVariantList& binds, const QString& what);

    Database& m_database;
};

} // namespace Dockside
