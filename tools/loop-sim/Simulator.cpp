#include "Simulator.h"

#include "JsonWriter.h"
#include "LoopShop.h"
#include "ResponseChannel.h"
#include "SimHttpServer.h"
#include "WebhookDispatcher.h"

#include <QDateTime>
#include <QHostAddress>
#include <QPointer>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

const QByteArray unauthorizedBody
    = R"({"error":{"code":"401","http_code":"GEN-UNAUTHORIZED","message":"Unauthorized."}})";

const QStringList& versions()
{
    static const QStringList versions { u"v1"_s, u"2026-07"_s, u"2026-10"_s, u"unstable"_s };
    return versions;
}

bool isNumericSegment(QStringView text)
{
    if (text.isEmpty() || text.size() > 18)
        return false;
    for (const QChar c : text) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return true;
}

qint64 anchorFor(const SimOptions& options)
{
    return options.epochSecs != 0 ? options.epochSecs : QDateTime::currentSecsSinceEpoch();
}

QString outcomeName(ResponseChannel::Outcome outcome)
{
    switch (outcome) {
    case ResponseChannel::Outcome::Sent:
        return u"sent"_s;
    case ResponseChannel::Outcome::Truncated:
        return u"truncated"_s;
    case ResponseChannel::Outcome::Reset:
        return u"reset"_s;
    case ResponseChannel::Outcome::ClientGone:
        return u"client_gone"_s;
    }
    return {};
}

} // namespace

QString Simulator::Route::name() const
{
    return QString::fromLatin1(method) + u" /api/{version}/"_s + pattern.join(u'/');
}

Simulator::Simulator(SimOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_clock(anchorFor(m_options))
    , m_shop(new LoopShop(m_options, m_clock, this))
    , m_registry(m_options.shopId, m_options.webhookUrl)
    , m_dispatcher(new WebhookDispatcher(m_options, m_clock, *m_shop, m_registry, this))
    , m_faults(m_options.seed)
    , m_warehouse(*m_shop, m_options, m_clock)
    , m_dispositioning(*m_shop)
    , m_webhooks(m_registry)
    , m_control({ m_options, m_clock, *m_shop, m_registry, *m_dispatcher, m_faults, m_counters, [this] {
                     resetAll();
                 } })
{
    connect(m_shop, &LoopShop::returnEvent, m_dispatcher, &WebhookDispatcher::onReturnEvent);
    connect(m_shop, &LoopShop::processingFailed, m_dispatcher, &WebhookDispatcher::onProcessingFailed);
    buildRoutes();
}

Simulator::~Simulator()
{
    // The server (and with it every socket and pending ResponseChannel) goes first: their callbacks point here.
    delete m_server;
}

std::expected<quint16, QString> Simulator::start()
{
    if (!m_options.requestLogPath.isEmpty()) {
        const QString error = m_requestLog.open(m_options.requestLogPath);
        if (!error.isEmpty())
            return std::unexpected(error);
    }
    QHostAddress address;
    if (m_options.host == u"localhost")
        address = QHostAddress(QHostAddress::LocalHost);
    else if (!address.setAddress(m_options.host))
        return std::unexpected(
            u"--host must be an IP address such as 127.0.0.1 or 0.0.0.0, got '%1'"_s.arg(m_options.host));
    m_server = new SimHttpServer(
        [this](SimRequest request, ResponseChannel* channel) { handle(std::move(request), channel); });
    m_port = m_server->listen(address, quint16(m_options.port));
    if (m_port == 0)
        return std::unexpected(
            u"cannot listen on %1:%2 (port in use or not permitted)"_s.arg(m_options.host).arg(m_options.port));
    return m_port;
}

void Simulator::resetAll()
{
    m_shop->reset();
    m_registry.reset();
    m_dispatcher->reset();
    m_rateLimiter.reset();
    m_faults.reset(m_options.seed);
    m_counters.reset();
}

QString Simulator::baseUrl(const SimRequest& request) const
{
    if (!request.host.isEmpty())
        return u"http://"_s + request.host;
    return u"http://"_s + m_options.host + u':' + QString::number(m_port);
}

void Simulator::buildRoutes()
{
    const QString returns = u"returns"_s;
    const QString developer = u"developer_tools"_s;
    auto add = [this](const char* method, const QString& path, const QString& scope,
                   std::function<SimResponse(const SimRequest&, ApiContext&)> handler) {
        m_routes.append({ QByteArray(method), path.split(u'/'), scope, std::move(handler) });
    };
    add("GET", u"warehouse/return/list"_s, returns,
        [this](const SimRequest& r, ApiContext& c) { return m_warehouse.list(r, c); });
    add("GET", u"warehouse/return/details"_s, returns,
        [this](const SimRequest& r, ApiContext&) { return m_warehouse.details(r); });
    add("GET", u"warehouse/reporting/asn"_s, returns,
        [this](const SimRequest& r, ApiContext&) { return m_warehouse.asn(r); });
    for (const QString& action : { u"process"_s, u"remove"_s, u"cancel"_s, u"flag"_s, u"close"_s, u"note"_s }) {
        add("POST", u"warehouse/return/{id}/"_s + action, returns,
            [this, action](const SimRequest& r, ApiContext& c) { return m_warehouse.action(action, r, c); });
    }
    add("GET", u"warehouse/return/{id}/notes"_s, returns,
        [this](const SimRequest&, ApiContext& c) { return m_warehouse.notes(c); });
    add("POST", u"dispositioning/grade"_s, returns, [this](const SimRequest& r, ApiContext&) {
        return m_dispositioning.handle(DispositioningApi::Kind::Grade, r);
    });
    add("POST", u"dispositioning/assess"_s, returns, [this](const SimRequest& r, ApiContext&) {
        return m_dispositioning.handle(DispositioningApi::Kind::Assess, r);
    });
    add("GET", u"webhooks"_s, developer, [this](const SimRequest&, ApiContext&) { return m_webhooks.list(); });
    add("POST", u"webhooks"_s, developer, [this](const SimRequest& r, ApiContext&) { return m_webhooks.create(r); });
    add("PUT", u"webhooks/{id}"_s, developer,
        [this](const SimRequest& r, ApiContext& c) { return m_webhooks.update(r, c); });
    add("DELETE", u"webhooks/{id}"_s, developer,
        [this](const SimRequest&, ApiContext& c) { return m_webhooks.remove(c); });
}

void Simulator::watch(ResponseChannel* channel, const SimRequest& request, const QString& route, const QString& fault)
{
    QPointer<Simulator> self(this);
    RequestLog::Entry entry;
    entry.method = QString::fromLatin1(request.method);
    entry.path = request.path;
    entry.rawQuery = request.rawQuery;
    entry.fault = fault;
    channel->setFinishedCallback([self, entry, route](ResponseChannel::Outcome outcome, int status, qint64 ms) mutable {
        if (!self)
            return;
        entry.status = status;
        entry.ms = ms;
        entry.outcome = outcomeName(outcome);
        self->m_counters.count(route, status, entry.fault, entry.outcome);
        self->m_requestLog.write(entry);
    });
}

void Simulator::handle(SimRequest request, ResponseChannel* channel)
{
    if (request.body.size() > m_options.maxBodyBytes) {
        watch(channel, request, u"* (too large)"_s, QString());
        deliver(channel, SimResponse::json(413, "{\"message\":\"The request body is too large.\"}"),
            FaultInjector::Fault::None);
        return;
    }
    if (request.method == "HEAD") {
        // Answering HEAD with a body would desynchronise a keep-alive connection; no route supports it.
        watch(channel, request, u"* (method not allowed)"_s, QString());
        channel->send(SimResponse::empty(405));
        return;
    }
    if (request.path == u"/__sim" || request.path.startsWith(u"/__sim/")) {
        watch(channel, request, ControlApi::routeName(request), QString());
        channel->send(m_control.handle(request));
        return;
    }
    if (request.path.startsWith(u"/api/")) {
        handleApi(request, channel);
        return;
    }
    watch(channel, request, u"* (unknown)"_s, QString());
    channel->send(SimResponse::json(404, "{\"message\":\"Not Found\"}"));
}

void Simulator::handleApi(const SimRequest& request, ResponseChannel* channel)
{
    QStringList segments = request.path.mid(5).split(u'/');
    ApiContext context;
    context.baseUrl = baseUrl(request);
    if (!segments.isEmpty() && versions().contains(segments.constFirst()))
        context.version = segments.takeFirst();
    else if (segments.isEmpty()
        || (segments.constFirst() != u"warehouse" && segments.constFirst() != u"dispositioning"
            && segments.constFirst() != u"webhooks"))
        segments.clear();

    const Route* matched = nullptr;
    QStringList allowed;
    for (const Route& route : std::as_const(m_routes)) {
        if (route.pattern.size() != segments.size())
            continue;
        bool same = true;
        QString id;
        for (qsizetype i = 0; i < segments.size() && same; ++i) {
            if (route.pattern.at(i) == u"{id}") {
                same = isNumericSegment(segments.at(i));
                id = segments.at(i);
            } else {
                same = route.pattern.at(i) == segments.at(i);
            }
        }
        if (!same)
            continue;
        allowed.append(QString::fromLatin1(route.method));
        if (route.method == request.method) {
            matched = &route;
            context.pathId = id;
        }
    }
    const QString laravelPath = request.path.mid(1);
    if (!matched) {
        const bool wrongMethod = !allowed.isEmpty();
        watch(channel, request, wrongMethod ? u"* (method not allowed)"_s : u"* (unknown)"_s, QString());
        JsonWriter w;
        w.beginObject();
        if (wrongMethod)
            w.field("message",
                u"The %1 method is not supported for route %2. Supported methods: %3."_s.arg(
                    QString::fromLatin1(request.method), laravelPath, allowed.join(u", ")));
        else
            w.field("message", u"The route %1 could not be found."_s.arg(laravelPath));
        w.endObject();
        deliver(channel, SimResponse::json(wrongMethod ? 405 : 404, w.take()), FaultInjector::Fault::None);
        return;
    }
    const QString routeName = matched->name();

    // X-Authorization: raw key; a valid key without the route's scope is a 401 as well (CONTRACT.md §1.2).
    const QString key = QString::fromUtf8(request.header("X-Authorization")).trimmed();
    const auto keyIt = m_options.apiKeys.constFind(key);
    if (key.isEmpty() || keyIt == m_options.apiKeys.cend() || !keyIt->contains(matched->scope)) {
        watch(channel, request, routeName, QString());
        deliver(channel, SimResponse::json(401, unauthorizedBody), FaultInjector::Fault::None);
        return;
    }

    const RateLimiter::Decision rate = m_rateLimiter.hit(key, m_clock.uptimeMs(), m_options.rateLimit);
    auto rateHeaders = [&](SimResponse& response) {
        response.headers.emplaceBack("Cache-Control", "no-cache, private");
        if (rate.limit > 0) {
            response.headers.emplaceBack("X-RateLimit-Limit", QByteArray::number(rate.limit));
            response.headers.emplaceBack("X-RateLimit-Remaining", QByteArray::number(rate.remaining));
        }
    };
    auto tooManyAttempts = [&](int retryAfter) {
        SimResponse response = SimResponse::json(429, "{\"message\":\"Too Many Attempts.\"}");
        response.headers.emplaceBack("Retry-After", QByteArray::number(retryAfter));
        response.headers.emplaceBack("X-RateLimit-Limit", QByteArray::number(std::max(rate.limit, 1)));
        response.headers.emplaceBack("X-RateLimit-Remaining", "0");
        return response;
    };
    if (!rate.allowed) {
        watch(channel, request, routeName, QString());
        deliver(channel, tooManyAttempts(rate.retryAfterSecs), FaultInjector::Fault::None);
        return;
    }

    const FaultInjector::Fault fault
        = m_faults.decide(QString::fromLatin1(request.method), request.path, m_options.faultRate, m_options.faultKinds);
    watch(channel, request, routeName, FaultInjector::name(fault));
    if (fault == FaultInjector::Fault::Error500) {
        deliver(channel, SimResponse::json(500, "{\"message\":\"Server Error\"}"), fault);
        return;
    }
    if (fault == FaultInjector::Fault::TooMany429) {
        deliver(channel, tooManyAttempts(1), fault);
        return;
    }
    context.postFault = FaultInjector::name(fault);
    SimResponse response = matched->handler(request, context);
    rateHeaders(response);
    deliver(channel, std::move(response), fault);
}

void Simulator::deliver(ResponseChannel* channel, SimResponse response, FaultInjector::Fault fault)
{
    using Fault = FaultInjector::Fault;
    int delay = m_options.latencyMs;
    if (fault == Fault::Slow)
        delay += m_options.slowMs;
    if (fault == Fault::BadJson)
        response.body = response.body.left(std::max<qsizetype>(1, response.body.size() / 2));
    auto act = [channel, fault, response = std::move(response)] {
        if (fault == Fault::Reset)
            channel->reset();
        else if (fault == Fault::Truncated)
            channel->sendTruncated(response);
        else
            channel->send(response);
    };
    if (delay <= 0) {
        act();
        return;
    }
    // The channel is the timer's context: if the client goes away first, nothing fires.
    QTimer::singleShot(delay, channel, std::move(act));
}
