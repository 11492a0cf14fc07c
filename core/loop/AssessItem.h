#pragma once

#include "domain/ReceiptLine.h"

#include <QDateTime>
#include <QString>

namespace Dockside {

// One item of a `POST /dispositioning/assess` call (CONTRACT §5).
struct AssessItem
{
    qint64 lineItemId = 0;
    Disposition disposition = Disposition::BackToStock;
    QString returnProcessor;
    QString note;
    QDateTime inspectedAt;
};

} // namespace Dockside
