#pragma once

#include "ApiContext.h"
#include "ControlApi.h"
#include "DispositioningApi.h"
#include "FaultInjector.h"
#include "RateLimiter.h"
#include "RequestLog.h"
#include "SimClock.h"
#include "SimCounters.h"
#include "SimOptions.h"
#include "SimRequest.h"
#include "SimResponse.h"
#include "WarehouseApi.h"
#include "WebhookRegistry.h"
#include "WebhooksApi.h"

#include <QObject>

#include <expected>
#include <functional>

class LoopShop;
class ResponseChannel;
class SimHttpServer;
class WebhookDispatcher;

// Composition root of loop-sim: owns the shop, webhooks, fault/latency/rate-limit machinery and the HTTP server,
// and takes every request through auth -> rate limit -> fault -> handler -> latency.
class Simulator final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Simulator)

public:
    explicit Simulator(SimOptions options, QObject* parent = nullptr);
    ~Simulator() override;

    // Opens the request log and starts listening; returns the port actually bound.
    std::expected<quint16, QString> start();

private:
    struct Route
    {
        QByteArray method;
        QStringList pattern; // "{id}" matches a numeric segment
        QString scope;
        std::function<SimResponse(const SimRequest&, ApiContext&)> handler;
        QString name() const;
    };

    void handle(SimRequest request, ResponseChannel* channel);
    void handleApi(const SimRequest& request, ResponseChannel* channel);
    void watch(ResponseChannel* channel, const SimRequest& request, const QString& route, const QString& fault);
    void deliver(ResponseChannel* channel, SimResponse response, FaultInjector::Fault fault);
    void resetAll();
    void buildRoutes();
    QString baseUrl(const SimRequest& request) const;

    SimOptions m_options;
    SimClock m_clock;
    LoopShop* m_shop;
    WebhookRegistry m_registry;
    WebhookDispatcher* m_dispatcher;
    RateLimiter m_rateLimiter;
    FaultInjector m_faults;
    SimCounters m_counters;
    RequestLog m_requestLog;
    WarehouseApi m_warehouse;
    DispositioningApi m_dispositioning;
    WebhooksApi m_webhooks;
    ControlApi m_control;
    QList<Route> m_routes;
    SimHttpServer* m_server = nullptr;
    quint16 m_port = 0;
};
