#pragma once

#include <QElapsedTimer>

// Simulated "now": the anchor (process start, or --epoch) plus real elapsed time, in whole seconds like Loop's
// MySQL timestamps. Seeded data lies before the anchor, everything that happens later after it.
class SimClock final
{
public:
    explicit SimClock(qint64 anchorSecs)
        : m_anchorSecs(anchorSecs)
    {
        m_elapsed.start();
    }

    qint64 anchorSecs() const { return m_anchorSecs; }
    qint64 nowSecs() const { return m_anchorSecs + m_elapsed.elapsed() / 1000; }
    qint64 uptimeMs() const { return m_elapsed.elapsed(); }

private:
    qint64 m_anchorSecs;
    QElapsedTimer m_elapsed;
};
