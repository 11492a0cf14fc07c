#pragma once

#include "domain/LabelEvent.h"
#include "domain/Return.h"

#include <QString>

#include <optional>

namespace Dockside {

// A decoded webhook delivery. Exactly one of `returnValue` / `label` is set for the topics we use;
// neither for topics the app does not act on (restock, giftcard, ...), which are acknowledged and dropped.
struct WebhookEvent
{
    QString topic;
    QString trigger;
    QString shopId;
    std::optional<Return> returnValue;
    std::optional<LabelEvent> label;
};

} // namespace Dockside
