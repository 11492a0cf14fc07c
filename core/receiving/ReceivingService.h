#pragma once

#include "ReceivingSession.h"
#include "util/Error.h"

#include <QString>

#include <memory>

namespace Dockside {

class Clock;
class Database;

// Where receiving starts: opens a return for receiving at a station, which claims it so that no other station
// receives it at the same time.
class ReceivingService final
{
public:
    struct Settings
    {
        // Long enough for a slow inspection between two scans; every change in the session renews it.
        qint64 claimTtlMs = 15 * 60 * 1000;
    };

    ReceivingService(Database& database, const Clock& clock, Settings settings);
    ReceivingService(Database& database, const Clock& clock)
        : ReceivingService(database, clock, Settings {})
    {
    }

    // Claims the return (local row id) for this station and loads it with its merchant's rules. Refused with a
    // Validation error when another station holds a live claim (naming it, its user and when the claim lapses),
    // when the return was already received, or when it is unknown. The same station opens it again freely.
    Result<std::unique_ptr<ReceivingSession>> open(qint64 returnId, const QString& station, const QString& user);

    // Frees this station's claim on a return, e.g. one a crashed session left behind.
    Status release(qint64 returnId, const QString& station);

private:
    Database& m_database;
    const Clock& m_clock;
    Settings m_settings;
};

} // namespace Dockside
