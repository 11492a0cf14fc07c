#include "TimeWindow.h"

namespace Dockside {

QList<TimeWindow> TimeWindow::split(const QDateTime& from, const QDateTime& to, int maxDays)
{
    QList<TimeWindow> windows;
    if (!from.isValid() || !to.isValid() || to <= from || maxDays <= 0)
        return windows;
    QDateTime start = from;
    while (start < to) {
        const QDateTime end = std::min(start.addDays(maxDays), to);
        windows << TimeWindow {start, end};
        start = end;
    }
    return windows;
}

} // namespace Dockside
