#pragma once

#include <QString>

namespace Dockside {

struct SyncSettings
{
    QString stationId = QStringLiteral("station"); // who holds the sync lease; unique per station
    int intervalMs = 5 * 60 * 1000; // incremental pull
    int overlapMs = 10 * 60 * 1000; // each pull re-reads this much before the watermark
    int initialDays = 120; // how far back the first pull of a merchant goes
    int sweepDays = 120; // the daily full sweep covers this many days
    int sweepEveryHours = 24;
    int leaseTtlMs = 60 * 1000; // a dead leader's lease lapses after this
    int pageSize = 750;
    bool pullAsn = true;
};

} // namespace Dockside
