#pragma once

#include "util/Clock.h"

#include <QtGlobal>

namespace Dockside {

// Token bucket that keeps one API key under Loop's per-minute budget (CONTRACT §1.3: 300/min, 429 above).
// A plain bucket of capacity B refilled at N/min lets B + N requests through in the first minute; to stay
// under N in *every* 60-second window the refill rate is N - B per minute, so the sustained rate is a little
// under the budget and bursts of B are allowed. Pure logic on a Clock: the caller waits with a timer.
// Not thread-safe: one per API key, used from the thread of the client that owns it.
class RateLimiter final
{
public:
    // burst 0 picks a tenth of the budget (at least one).
    explicit RateLimiter(const Clock& clock, int perMinute = 300, int burst = 0);

    // Takes a token and returns 0, or takes nothing and returns how many milliseconds until one is due.
    qint64 tryAcquire();
    int available() const;
    int perMinute() const { return m_perMinute; }
    int burst() const { return m_burst; }

private:
    void refill();

    const Clock& m_clock;
    int m_perMinute;
    int m_burst;
    qint64 m_refillPerMinute;
    // Tokens scaled by 60,000 (ms per minute): a millisecond adds exactly m_refillPerMinute units, so the
    // arithmetic stays in integers and never drifts.
    qint64 m_units;
    qint64 m_lastMs;
};

} // namespace Dockside
