#pragma once

#include <QDateTime>
#include <QString>

namespace Dockside {

// A note on a return's timeline in Loop (CONTRACT §4.6).
struct ReturnNote
{
    qint64 id = 0;
    QString content;
    QDateTime createdAt;

    friend bool operator==(const ReturnNote&, const ReturnNote&) = default;
};

} // namespace Dockside
