#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

namespace Dockside {

// A merchant whose calls wait because Loop refused its API key (or it has none on this station).
struct PausedMerchant
{
    qint64 merchantId = 0;
    QString reason;

    friend bool operator==(const PausedMerchant&, const PausedMerchant&) = default;
};

// What the outbox looks like right now; a value, so it can cross threads to the UI and the CLI.
struct OutboxDispatchStatus
{
    bool running = false;
    bool sender = false; // this station holds the site's sender lease and sends
    QString senderId; // the station that sends, when known (this one or another)
    int pending = 0; // waiting for their turn or their next attempt (in-flight ones not included)
    int inFlight = 0; // being sent or confirmed right now
    int parked = 0; // refused or unconfirmed: a supervisor decides
    int done = 0;
    QString lastError; // empty until something failed
    QDateTime lastErrorAt;
    QList<PausedMerchant> pausedMerchants;

    friend bool operator==(const OutboxDispatchStatus&, const OutboxDispatchStatus&) = default;
};

} // namespace Dockside

Q_DECLARE_METATYPE(Dockside::OutboxDispatchStatus)
