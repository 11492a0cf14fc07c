#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace Dockside {

// One line of the append-only audit trail: who did what, where and when.
struct AuditEvent
{
    qint64 id = 0; // local row id, 0 until stored
    QDateTime at;
    QString station;
    QString user;
    QString action; // code: scan, receive, decision, push, override, sync, ...
    qint64 merchantId = 0; // 0 when not about one merchant
    qint64 returnId = 0; // local return row, 0 when none (e.g. an unknown package)
    qint64 receiptId = 0;
    QString rawScan; // exactly what the scanner sent, when the event is about a scan
    QString summary; // one line for people
    QByteArray detail; // compact JSON: request and response summaries, old and new values

    friend bool operator==(const AuditEvent&, const AuditEvent&) = default;
};

} // namespace Dockside
