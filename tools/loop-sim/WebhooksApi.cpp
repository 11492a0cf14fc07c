#include "WebhooksApi.h"

#include "JsonWriter.h"
#include "WebhookRegistry.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

#include <variant>

using namespace Qt::StringLiterals;

namespace {

const QByteArray notFound = "{\"errors\":{\"code\":\"NOT_FOUND\"}}";

// Loop's documented webhook validation body: {"message":"…","errors":{}}.
SimResponse invalid(const QString& message)
{
    JsonWriter w;
    w.beginObject();
    w.field("message", message);
    w.key("errors");
    w.beginObject();
    w.endObject();
    w.endObject();
    return SimResponse::json(422, w.take());
}

struct Body
{
    QString topic;
    QString trigger;
    QString url;
    std::optional<bool> active;
};

std::variant<Body, SimResponse> parse(const SimRequest& request)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return SimResponse::json(400, "{\"message\":\"The request body must be a JSON object.\"}");
    const QJsonObject object = document.object();
    Body body;
    for (const auto& name : { u"topic"_s, u"trigger"_s, u"url"_s }) {
        const QJsonValue value = object.value(name);
        if (!value.isString() || value.toString().isEmpty())
            return invalid(u"The %1 field is required."_s.arg(name));
    }
    body.topic = object.value(u"topic"_s).toString();
    body.trigger = object.value(u"trigger"_s).toString();
    body.url = object.value(u"url"_s).toString();
    if (!WebhookRegistry::topics().contains(body.topic))
        return invalid(u"Must be one of the following values:"_s + WebhookRegistry::topics().join(u','));
    if (!WebhookRegistry::triggers().contains(body.trigger))
        return invalid(u"Must be one of the following values:"_s + WebhookRegistry::triggers().join(u','));
    const QUrl url(body.url, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty())
        return invalid(u"The url must be a valid URL."_s);
    const QJsonValue status = object.value(u"status"_s);
    if (!status.isUndefined() && !status.isNull()) {
        if (status.toString() != u"active" && status.toString() != u"inactive")
            return invalid(u"Must be one of the following values:active,inactive"_s);
        body.active = status.toString() == u"active";
    }
    return body;
}

} // namespace

WebhooksApi::WebhooksApi(WebhookRegistry& registry)
    : m_registry(registry)
{
}

SimResponse WebhooksApi::list() const
{
    JsonWriter w;
    w.beginObject();
    w.key("webhooks");
    w.beginArray();
    for (const auto& subscription : m_registry.subscriptions())
        m_registry.write(w, subscription);
    w.endArray();
    w.endObject();
    return SimResponse::json(200, w.take());
}

SimResponse WebhooksApi::create(const SimRequest& request)
{
    auto parsed = parse(request);
    if (auto* response = std::get_if<SimResponse>(&parsed))
        return *response;
    const Body& body = std::get<Body>(parsed);
    // Loop: status defaults to inactive — nothing is delivered until a client activates the subscription.
    const auto& created = m_registry.create(body.topic, body.trigger, body.url, body.active.value_or(false));
    JsonWriter w;
    m_registry.write(w, created);
    return SimResponse::json(201, w.take());
}

SimResponse WebhooksApi::update(const SimRequest& request, const ApiContext& context)
{
    const qint64 id = context.pathId.toLongLong();
    bool exists = false;
    for (const auto& subscription : m_registry.subscriptions())
        exists = exists || subscription.id == id;
    if (!exists)
        return SimResponse::json(404, notFound);
    auto parsed = parse(request);
    if (auto* response = std::get_if<SimResponse>(&parsed))
        return *response;
    const Body& body = std::get<Body>(parsed);
    m_registry.update(id, body.topic, body.trigger, body.url, body.active);
    return SimResponse::empty(204);
}

SimResponse WebhooksApi::remove(const ApiContext& context)
{
    if (!m_registry.remove(context.pathId.toLongLong()))
        return SimResponse::json(404, notFound);
    return SimResponse::empty(204);
}
