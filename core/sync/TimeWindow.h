#pragma once

#include <QDateTime>
#include <QList>

namespace Dockside {

// A half-open time range [from, to) for a Loop list query.
struct TimeWindow
{
    QDateTime from;
    QDateTime to;

    // Loop refuses list windows over 120 days (CONTRACT §3.1): splits [from, to) into consecutive windows of
    // at most `maxDays`, oldest first. Empty when to <= from.
    static QList<TimeWindow> split(const QDateTime& from, const QDateTime& to, int maxDays = 120);

    friend bool operator==(const TimeWindow&, const TimeWindow&) = default;
};

} // namespace Dockside
