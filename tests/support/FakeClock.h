#pragma once

#include "util/Clock.h"

namespace Dockside::Testing {

// A clock that only moves when the test says so.
class FakeClock final : public Clock
{
public:
    explicit FakeClock(QDateTime start = QDateTime(QDate(2026, 11, 2), QTime(9, 0), Qt::UTC));

    QDateTime now() const override { return m_now; }
    void advance(qint64 ms) { m_now = m_now.addMSecs(ms); }
    void set(const QDateTime& now) { m_now = now; }

private:
    QDateTime m_now;
};

} // namespace Dockside::Testing
