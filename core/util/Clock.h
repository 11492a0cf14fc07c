#pragma once

#include <QDateTime>

namespace Dockside {

// Where "now" comes from. Services take a Clock so that retries, leases and schedules are testable
// without sleeping; production code passes a SystemClock.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0;

    qint64 nowMs() const { return now().toMSecsSinceEpoch(); }
};

} // namespace Dockside
