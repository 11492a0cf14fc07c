#pragma once

#include <QDateTime>
#include <QString>

namespace Dockside {

// The query of Loop's Detailed Returns List (CONTRACT §3.1). Loop only returns the last 24 hours when
// neither bound is given and refuses windows over 120 days; the caller chooses the window.
struct ReturnListQuery
{
    QDateTime from;
    QDateTime to;
    QString filter = QStringLiteral("updated_at"); // created_at | updated_at
    QString state; // empty: Loop's default (open, closed, expired); else one state
    int pageSize = 750; // Loop's maximum
    QString cursor; // empty for the first page
};

} // namespace Dockside
