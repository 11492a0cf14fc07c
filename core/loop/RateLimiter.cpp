#include "RateLimiter.h"

#include <algorithm>

namespace Dockside {

namespace {
constexpr qint64 kUnitsPerToken = 60'000;
}

RateLimiter::RateLimiter(const Clock& clock, int perMinute, int burst)
    : m_clock(clock)
    , m_perMinute(std::max(1, perMinute))
    , m_burst(burst > 0 ? std::min(burst, m_perMinute) : std::max(1, m_perMinute / 10))
    , m_refillPerMinute(std::max(1, m_perMinute - m_burst))
    , m_units(m_burst * kUnitsPerToken)
    , m_lastMs(clock.nowMs())
{
}

void RateLimiter::refill()
{
    const qint64 now = m_clock.nowMs();
    // A clock stepped backwards (NTP) must not mint tokens later; just restart from here.
    if (now > m_lastMs)
        m_units = std::min(m_units + (now - m_lastMs) * m_refillPerMinute, m_burst * kUnitsPerToken);
    m_lastMs = now;
}

qint64 RateLimiter::tryAcquire()
{
    refill();
    if (m_units >= kUnitsPerToken) {
        m_units -= kUnitsPerToken;
        return 0;
    }
    const qint64 missing = kUnitsPerToken - m_units;
    return (missing + m_refillPerMinute - 1) / m_refillPerMinute;
}

int RateLimiter::available() const
{
    const qint64 now = m_clock.nowMs();
    qint64 units = m_units;
    if (now > m_lastMs)
        units = std::min(units + (now - m_lastMs) * m_refillPerMinute, m_burst * kUnitsPerToken);
    return int(units / kUnitsPerToken);
}

} // namespace Dockside
