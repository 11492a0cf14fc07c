#pragma once

#include <QString>

namespace Dockside {

// A subscription of the Programmatic Webhooks API (CONTRACT §9.8).
struct WebhookSubscription
{
    qint64 id = 0;
    QString topic;
    QString trigger;
    QString url;
    QString status; // active | inactive; Loop creates subscriptions inactive unless told otherwise

    friend bool operator==(const WebhookSubscription&, const WebhookSubscription&) = default;
};

} // namespace Dockside
