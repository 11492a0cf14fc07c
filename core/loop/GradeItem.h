#pragma once

#include "domain/ReceiptLine.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace Dockside {

// One item of a `POST /dispositioning/grade` call (CONTRACT §5).
struct GradeItem
{
    qint64 lineItemId = 0;
    QString description; // required by Loop, at most 255 characters
    Condition condition = Condition::GradeA;
    QString returnProcessor; // e-mail of the person who inspected, optional
    QString note;
    QStringList images; // at most 5 URLs
    QDateTime inspectedAt;
};

} // namespace Dockside
