#include "RateLimiter.h"

namespace {

constexpr qint64 windowMs = 60'000;

} // namespace

RateLimiter::Decision RateLimiter::hit(const QString& key, qint64 nowMs, int limitPerMinute)
{
    Decision decision;
    decision.limit = limitPerMinute;
    if (limitPerMinute <= 0) {
        decision.remaining = 0;
        return decision;
    }
    std::deque<qint64>& hits = m_hits[key];
    while (!hits.empty() && hits.front() <= nowMs - windowMs)
        hits.pop_front();
    if (qsizetype(hits.size()) >= limitPerMinute) {
        // Rejected requests do not count, like Laravel's throttle.
        decision.allowed = false;
        decision.remaining = 0;
        decision.retryAfterSecs = int(std::max<qint64>(1, (hits.front() + windowMs - nowMs + 999) / 1000));
        return decision;
    }
    hits.push_back(nowMs);
    decision.remaining = limitPerMinute - int(hits.size());
    return decision;
}
