#pragma once

#include "util/Error.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace Dockside {

class Database;

// Named leases in the shared database, e.g. "sync-leader": at most one holder at a time, until the lease
// expires. A holder renews by acquiring again before expiry; a dead holder's lease lapses and another
// station takes it over. Times come from the stations' clocks, so they must be kept in sync (NTP); the
// lease time (tens of seconds) dwarfs ordinary skew.
class LeaseRepository final
{
public:
    struct Lease
    {
        QString name;
        QString holder;
        QDateTime acquiredAt;
        QDateTime expiresAt;
    };

    explicit LeaseRepository(Database& database);

    // True when `holder` holds the lease until now + ttlMs (newly taken, taken over, or renewed).
    Result<bool> tryAcquire(const QString& name, const QString& holder, qint64 ttlMs, const QDateTime& now);
    Status release(const QString& name, const QString& holder);
    Result<std::optional<Lease>> current(const QString& name);

private:
    Database& m_database;
};

} // namespace Dockside
