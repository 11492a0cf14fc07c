#pragma once

#include "Decision.h"
#include "ReceiptLine.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace Dockside {

enum class ReceiptStatus {
    Open, // being received at a station
    Submitted, // decision taken, outbox written
    Abandoned, // the receiver walked away; kept for the audit trail
};

QString receiptStatusCode(ReceiptStatus status);
std::optional<ReceiptStatus> receiptStatusFromCode(QStringView code);

// What a station recorded for one package.
struct Receipt
{
    qint64 id = 0; // local row id, 0 until stored
    qint64 returnId = 0; // local return row
    qint64 merchantId = 0;
    QString station;
    QString user;
    ReceiptStatus status = ReceiptStatus::Open;
    QDateTime startedAt;
    QDateTime submittedAt;
    QString note;
    std::optional<Decision> decision;
    QList<ReceiptLine> lines;

    friend bool operator==(const Receipt&, const Receipt&) = default;
};

} // namespace Dockside
