#pragma once

#include "ApiContext.h"
#include "SimRequest.h"
#include "SimResponse.h"

#include <optional>

class LoopShop;
class SimClock;
struct SimOptions;
class ValidationErrors;

// /warehouse/...: Detailed Returns List, Get Return Details, ASN and the return actions (CONTRACT.md §3, §4).
class WarehouseApi final
{
public:
    WarehouseApi(LoopShop& shop, const SimOptions& options, const SimClock& clock);

    SimResponse list(const SimRequest& request, const ApiContext& context) const;
    SimResponse details(const SimRequest& request) const;
    SimResponse asn(const SimRequest& request) const;
    SimResponse action(const QString& action, const SimRequest& request, const ApiContext& context);
    SimResponse notes(const ApiContext& context) const;

private:
    struct Window
    {
        qint64 from = 0;
        qint64 to = 0;
        bool byUpdatedAt = false;
    };

    std::optional<Window> window(const SimRequest& request, ValidationErrors& errors) const;

    LoopShop& m_shop;
    const SimOptions& m_options;
    const SimClock& m_clock;
};
