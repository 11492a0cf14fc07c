#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <optional>

namespace Dockside {

// One call to make to Loop's Warehouse API on behalf of a receipt or a supervisor action.
enum class OutboxKind {
    Process,
    Flag,
    Note,
    Grade,
    Assess,
    Close,
    Cancel,
};

enum class OutboxStatus {
    Pending, // waiting for its turn or its next attempt
    Done, // Loop accepted it (and, for Process, the return was read back closed)
    Parked, // Loop refused it for good; a supervisor decides
    Dismissed, // settled without sending: a supervisor dismissed it (handled in Loop Admin), or it was superseded
               // before it left (a supervisor overrode the flag it would have sent). Never sent again.
};

QString outboxKindCode(OutboxKind kind);
std::optional<OutboxKind> outboxKindFromCode(QStringView code);
QString outboxStatusCode(OutboxStatus status);
std::optional<OutboxStatus> outboxStatusFromCode(QStringView code);

struct OutboxEntry
{
    qint64 id = 0; // local row id; also the order in which one return's entries are sent
    qint64 merchantId = 0;
    qint64 returnId = 0; // local return row
    qint64 loopReturnId = 0;
    qint64 receiptId = 0; // 0 when a supervisor action created it
    OutboxKind kind = OutboxKind::Process;
    QByteArray payload; // JSON body to send, compact
    OutboxStatus status = OutboxStatus::Pending;
    int attempts = 0;
    QDateTime nextAttemptAt;
    QDateTime lastAttemptAt; // set before a request leaves, so a crash leaves a trace of "maybe sent"
    QString lastError;
    QDateTime createdAt;
    QDateTime updatedAt;

    friend bool operator==(const OutboxEntry&, const OutboxEntry&) = default;
};

} // namespace Dockside
