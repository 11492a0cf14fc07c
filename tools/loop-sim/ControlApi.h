#pragma once

#include "SimRequest.h"
#include "SimResponse.h"

#include <functional>

class FaultInjector;
class LoopShop;
class SimClock;
class SimCounters;
struct SimOptions;
class WebhookDispatcher;
class WebhookRegistry;

// Test control endpoints under /__sim (no auth): create returns, move labels and states like a merchant or
// carrier would, read the truth, change faults/latency at runtime, reset, counters. See README.md.
class ControlApi final
{
public:
    struct Services
    {
        SimOptions& options;
        const SimClock& clock;
        LoopShop& shop;
        const WebhookRegistry& registry;
        const WebhookDispatcher& dispatcher;
        FaultInjector& faults;
        const SimCounters& counters;
        std::function<void()> resetAll;
    };

    explicit ControlApi(Services services);

    SimResponse handle(const SimRequest& request);
    // "METHOD /__sim/returns/{id}/label" style name for counters.
    static QString routeName(const SimRequest& request);

private:
    SimResponse truth(qint64 returnId, int status = 200) const;
    SimResponse config() const;
    SimResponse updateConfig(const SimRequest& request);
    SimResponse scheduleFaults(const SimRequest& request);

    Services m_services;
};
