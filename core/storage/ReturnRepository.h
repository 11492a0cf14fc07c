#pragma once

#include "domain/LabelEvent.h"
#include "domain/Return.h"
#include "domain/ScanKey.h"
#include "util/Error.h"

#include <QList>
#include <QSqlDatabase>

#include <optional>

namespace Dockside {

class Database;

enum class UpsertOutcome {
    Inserted,
    Updated,
    Stale, // the stored copy has a newer updated_at: nothing was written
    Unknown, // (labels) no such return here yet: fetch it from Loop
};

class ReturnRepository final
{
public:
    struct KeyMatch
    {
        qint64 returnId = 0;
        ScanKeyKind kind = ScanKeyKind::Tracking;

        friend bool operator==(const KeyMatch&, const KeyMatch&) = default;
    };

    struct UpsertCounts
    {
        int inserted = 0;
        int updated = 0;
        int stale = 0;
        int unchanged = 0; // identical to the copy stored last: nothing written
        QList<Error> rejected; // returns that cannot be stored as sent (no id, a line listed twice)
    };

    explicit ReturnRepository(Database& database);

    // Inserts or replaces a return with its lines and scan keys, keyed by (merchant, Loop id).
    // Idempotent, and order-insensitive: a copy with an older updated_at never overwrites newer data.
    Result<UpsertOutcome> upsert(const Return& value, const QDateTime& syncedAt);
    // The same for many returns in a few multi-row statements and one transaction (joining the caller's):
    // what a page of Loop's list costs to store. Invalid returns are reported in `rejected`, not stored.
    Result<UpsertCounts> upsertMany(const QList<Return>& values, const QDateTime& syncedAt);

    // A label webhook: carrier, tracking number and label status of a return we hold, ordered by
    // label_updated_at so that a late, older label event changes nothing.
    Result<UpsertOutcome> applyLabel(qint64 merchantId, const LabelEvent& label);

    Result<std::optional<Return>> find(qint64 id);
    Result<std::optional<Return>> findByLoopId(qint64 merchantId, qint64 loopId);

    // Exact lookups only: which returns have one of these (already normalised) keys.
    Result<QList<KeyMatch>> findByKeys(const QList<ScanKey>& keys, int limit = 50);

    // All scan keys Dockside derives from a return; public so tests and the resolver agree on them.
    static QList<ScanKey> scanKeysFor(const Return& value);
    // A fingerprint of everything stored of a return as Loop sent it (local ids aside).
    static QByteArray contentHash(const Return& value);

    Result<qint64> count(qint64 merchantId = 0);

    // The Loop return id of the return that has this line item, if held.
    Result<std::optional<qint64>> loopIdForLineItem(qint64 merchantId, qint64 lineItemId);

private:
    Status upsertChunk(QSqlDatabase& connection, const QList<Return>& candidates, const QDateTime& syncedAt,
        UpsertCounts& counts, const QString& what);
    Result<std::optional<Return>> load(const QString& where, const QVariantList& binds, const QString& what);

    Database& m_database;
};

} // namespace Dockside
