#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace Dockside {

// One verified webhook delivery kept in the inbox until the processor has dealt with it.
// States: pending (processedAt invalid), done (processedAt set, lastError empty) and parked (processedAt set,
// lastError set: a permanent failure or too many transient ones, kept for a supervisor to look at).
struct WebhookDelivery
{
    qint64 id = 0;
    qint64 merchantId = 0;
    QDateTime receivedAt;
    QString topic; // as the body says, empty when the body is not readable JSON
    QString trigger;
    QByteArray body; // the raw body that was verified, as UTF-8
    QDateTime processedAt;
    int attempts = 0;
    QString lastError;

    bool isPending() const { return !processedAt.isValid(); }
    bool isParked() const { return processedAt.isValid() && !lastError.isEmpty(); }

    friend bool operator==(const WebhookDelivery&, const WebhookDelivery&) = default;
};

} // namespace Dockside
