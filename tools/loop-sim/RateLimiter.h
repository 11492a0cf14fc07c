#pragma once

#include <QHash>
#include <QString>

#include <deque>

// Sliding one-minute window per API key (Loop: 300 requests per minute per key).
class RateLimiter final
{
public:
    struct Decision
    {
        bool allowed = true;
        int limit = 0;
        int remaining = 0;
        int retryAfterSecs = 0;
    };

    // limitPerMinute 0 = unlimited.
    Decision hit(const QString& key, qint64 nowMs, int limitPerMinute);
    void reset() { m_hits.clear(); }

private:
    QHash<QString, std::deque<qint64>> m_hits;
};
