#pragma once

#include "ApiContext.h"
#include "SimRequest.h"
#include "SimResponse.h"

class WebhookRegistry;

// Programmatic Webhooks API (CONTRACT.md §9.8): GET/POST /webhooks, PUT/DELETE /webhooks/{id}.
class WebhooksApi final
{
public:
    explicit WebhooksApi(WebhookRegistry& registry);

    SimResponse list() const;
    SimResponse create(const SimRequest& request);
    SimResponse update(const SimRequest& request, const ApiContext& context);
    SimResponse remove(const ApiContext& context);

private:
    WebhookRegistry& m_registry;
};
