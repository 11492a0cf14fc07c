#include "ControlApi.h"

#include "FaultInjector.h"
#include "JsonWriter.h"
#include "LoopShop.h"
#include "SimClock.h"
#include "SimCounters.h"
#include "SimOptions.h"
#include "TimeFormat.h"
#include "WebhookDispatcher.h"
#include "WebhookRegistry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace {

SimResponse problem(int status, const QString& message)
{
    JsonWriter w;
    w.beginObject();
    w.field("message", message);
    w.endObject();
    return SimResponse::json(status, w.take());
}

// Control bodies are optional; an unreadable one is an error the test author should see.
std::optional<QJsonObject> jsonBody(const SimRequest& request)
{
    if (request.body.trimmed().isEmpty())
        return QJsonObject();
    const QJsonDocument document = QJsonDocument::fromJson(request.body);
    if (!document.isObject())
        return std::nullopt;
    return document.object();
}

bool isDigits(QStringView text)
{
    if (text.isEmpty() || text.size() > 18)
        return false;
    for (const QChar c : text) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return true;
}

} // namespace

ControlApi::ControlApi(Services services)
    : m_services(std::move(services))
{
}

QString ControlApi::routeName(const SimRequest& request)
{
    QStringList segments = request.path.split(u'/');
    for (QString& segment : segments) {
        if (isDigits(segment))
            segment = u"{id}"_s;
    }
    return QString::fromLatin1(request.method) + u' ' + segments.join(u'/');
}

SimResponse ControlApi::truth(qint64 returnId, int status) const
{
    const ReturnRecord* record = m_services.shop.store().find(returnId);
    if (!record)
        return problem(404, u"no return with id %1"_s.arg(returnId));
    QList<qint64> sameOrder;
    for (const ReturnRecord* other : m_services.shop.store().findByOrderId(record->orderId)) {
        if (other->id != record->id)
            sameOrder.append(other->id);
    }
    JsonWriter w(4096);
    m_services.shop.serializer().writeTruth(w, *record, sameOrder);
    return SimResponse::json(status, w.take());
}

SimResponse ControlApi::handle(const SimRequest& request)
{
    const QStringList segments = request.path.mid(QStringLiteral("/__sim/").size()).split(u'/', Qt::SkipEmptyParts);
    const QByteArray& method = request.method;
    const auto body = jsonBody(request);
    if (!body)
        return problem(400, u"the request body must be a JSON object"_s);
    LoopShop& shop = m_services.shop;
    const qsizetype count = segments.size();
    const QString first = count > 0 ? segments.at(0) : QString();

    if (count == 1 && first == u"health" && method == "GET") {
        JsonWriter w;
        w.beginObject();
        w.fieldBool("ok", true);
        w.fieldInt("shop_id", shop.shopId());
        w.fieldInt("returns", shop.store().size());
        w.field("now", TimeFormat::isoMillis(m_services.clock.nowSecs()));
        w.field("anchor", TimeFormat::isoMillis(m_services.clock.anchorSecs()));
        w.endObject();
        return SimResponse::json(200, w.take());
    }
    if (first == u"returns") {
        if (count == 1 && method == "GET") {
            JsonWriter w(shop.store().size() * 200 + 64);
            w.beginObject();
            w.fieldInt("count", shop.store().size());
            w.key("returns");
            w.beginArray();
            for (const ReturnRecord& record : shop.store().records())
                shop.serializer().writeSummary(w, record);
            w.endArray();
            w.endObject();
            return SimResponse::json(200, w.take());
        }
        if (count == 1 && method == "POST") {
            const auto created = shop.createReturn(*body);
            if (!created)
                return problem(422, created.error());
            return truth(*created, 201);
        }
        if (count >= 2 && !isDigits(segments.at(1)))
            return problem(404, u"return ids are numeric"_s);
        const qint64 id = count >= 2 ? segments.at(1).toLongLong() : 0;
        if (count >= 2 && !shop.store().find(id))
            return problem(404, u"no return with id %1"_s.arg(id));
        if (count == 2 && method == "GET")
            return truth(id);
        if (count == 3 && method == "POST") {
            const QString action = segments.at(2);
            std::expected<void, QString> result;
            if (action == u"label")
                result = shop.advanceLabel(id, body->value(u"status"_s).toString());
            else if (action == u"state") {
                if (!body->value(u"state"_s).isString())
                    return problem(422, u"body needs {\"state\": \"open|closed|cancelled|expired|review\"}"_s);
                result = shop.setState(id, body->value(u"state"_s).toString(),
                    body->contains(u"flagged"_s) ? std::optional<bool>(body->value(u"flagged"_s).toBool())
                                                 : std::nullopt);
            } else if (action == u"fail-next-process")
                result = shop.failNextProcessing(id, body->value(u"message"_s).toString());
            else
                return problem(404, u"unknown control action '%1'"_s.arg(action));
            if (!result)
                return problem(422, result.error());
            return truth(id);
        }
    }
    if (count == 1 && first == u"config") {
        if (method == "GET")
            return config();
        if (method == "POST")
            return updateConfig(request);
    }
    if (count == 1 && first == u"faults") {
        if (method == "POST")
            return scheduleFaults(request);
        if (method == "DELETE") {
            m_services.faults.clearScheduled();
            return SimResponse::json(200, "{\"scheduled\":[]}");
        }
        if (method == "GET") {
            JsonWriter w;
            w.beginObject();
            w.key("scheduled");
            m_services.faults.writeScheduled(w);
            w.endObject();
            return SimResponse::json(200, w.take());
        }
    }
    if (count == 1 && first == u"reset" && method == "POST") {
        m_services.resetAll();
        JsonWriter w;
        w.beginObject();
        w.fieldBool("ok", true);
        w.fieldInt("returns", shop.store().size());
        w.endObject();
        return SimResponse::json(200, w.take());
    }
    if (count == 1 && first == u"counters" && method == "GET") {
        JsonWriter w;
        w.beginObject();
        w.key("requests");
        m_services.counters.write(w);
        w.key("webhooks");
        m_services.dispatcher.writeCounters(w);
        w.endObject();
        return SimResponse::json(200, w.take());
    }
    if (first == u"webhooks" && method == "GET") {
        if (count == 1) {
            JsonWriter w;
            w.beginObject();
            w.field("secret", m_services.options.webhookSecret);
            w.key("subscriptions");
            w.beginArray();
            for (const auto& subscription : m_services.registry.subscriptions()) {
                w.beginObject();
                w.fieldInt("id", subscription.id);
                w.field("topic", subscription.topic);
                w.field("trigger", subscription.trigger);
                w.field("url", subscription.url);
                w.field("status", subscription.active ? u"active"_s : u"inactive"_s);
                w.fieldBool("admin_created", subscription.adminCreated);
                w.endObject();
            }
            w.endArray();
            w.endObject();
            return SimResponse::json(200, w.take());
        }
        if (count == 2 && segments.at(1) == u"deliveries") {
            const qint64 returnId = request.queryValue(u"return_id").value_or(QString()).toLongLong();
            const QString trigger = request.queryValue(u"trigger").value_or(QString());
            JsonWriter w;
            w.beginObject();
            w.key("deliveries");
            m_services.dispatcher.writeDeliveries(w, returnId, trigger);
            w.endObject();
            return SimResponse::json(200, w.take());
        }
    }
    return problem(404,
        u"unknown control endpoint %1 %2 (see tools/loop-sim/README.md)"_s.arg(
            QString::fromLatin1(method), request.path));
}

SimResponse ControlApi::config() const
{
    const SimOptions& o = m_services.options;
    JsonWriter w;
    w.beginObject();
    w.fieldInt("shop_id", o.shopId);
    w.fieldInt("seed", qint64(o.seed));
    w.fieldInt("returns", o.returns);
    w.key("fault_rate");
    w.number(o.faultRate);
    w.key("fault_kinds");
    w.beginArray();
    for (const QString& kind : o.faultKinds)
        w.string(kind);
    w.endArray();
    w.fieldInt("latency_ms", o.latencyMs);
    w.fieldInt("slow_ms", o.slowMs);
    w.fieldInt("rate_limit", o.rateLimit);
    w.fieldInt("process_delay_ms", o.processDelayMs);
    w.key("process_failure_rate");
    w.number(o.processFailureRate);
    w.fieldBool("allow_flagged_process", o.allowFlaggedProcess);
    w.fieldInt("action_errors_status", o.actionErrorsStatus);
    w.field("success_body", o.successBodyLiteral ? u"json-literal"_s : u"json-string"_s);
    w.field("page_urls", o.fullPageUrls ? u"full"_s : u"documented"_s);
    w.field("details_multiple", o.detailsPickFirst ? u"first"_s : u"latest"_s);
    w.fieldInt("label_delay_ms", o.labelDelayMs);
    w.fieldInt("label_tick_ms", o.labelTickMs);
    w.fieldInt("webhook_retry_base_ms", o.webhookRetryBaseMs);
    w.fieldInt("webhook_max_retries", o.webhookMaxRetries);
    w.fieldInt("webhook_timeout_ms", o.webhookTimeoutMs);
    w.fieldInt("max_body_bytes", o.maxBodyBytes);
    w.endObject();
    return SimResponse::json(200, w.take());
}

SimResponse ControlApi::updateConfig(const SimRequest& request)
{
    const auto body = jsonBody(request);
    if (!body)
        return problem(400, u"the request body must be a JSON object"_s);
    // Validate everything first so a bad field changes nothing.
    SimOptions next = m_services.options;
    for (auto it = body->begin(); it != body->end(); ++it) {
        const QString key = it.key();
        const QJsonValue value = it.value();
        auto integer = [&](int& field, qint64 min, qint64 max) -> bool {
            if (!value.isDouble() || value.toDouble() != double(value.toInteger()) || value.toInteger() < min
                || value.toInteger() > max)
                return false;
            field = int(value.toInteger());
            return true;
        };
        auto fraction = [&](double& field) -> bool {
            if (!value.isDouble() || value.toDouble() < 0.0 || value.toDouble() > 1.0)
                return false;
            field = value.toDouble();
            return true;
        };
        bool ok = true;
        if (key == u"fault_rate")
            ok = fraction(next.faultRate);
        else if (key == u"process_failure_rate")
            ok = fraction(next.processFailureRate);
        else if (key == u"latency_ms")
            ok = integer(next.latencyMs, 0, 600'000);
        else if (key == u"slow_ms")
            ok = integer(next.slowMs, 0, 600'000);
        else if (key == u"rate_limit")
            ok = integer(next.rateLimit, 0, 1'000'000);
        else if (key == u"process_delay_ms")
            ok = integer(next.processDelayMs, 0, 86'400'000);
        else if (key == u"label_delay_ms")
            ok = integer(next.labelDelayMs, 0, 86'400'000);
        else if (key == u"label_tick_ms")
            ok = integer(next.labelTickMs, 0, 86'400'000);
        else if (key == u"webhook_retry_base_ms")
            ok = integer(next.webhookRetryBaseMs, 0, 86'400'000);
        else if (key == u"webhook_max_retries")
            ok = integer(next.webhookMaxRetries, 0, 50);
        else if (key == u"webhook_timeout_ms")
            ok = integer(next.webhookTimeoutMs, 1, 86'400'000);
        else if (key == u"action_errors_status")
            ok = integer(next.actionErrorsStatus, 200, 422)
                && (next.actionErrorsStatus == 200 || next.actionErrorsStatus == 422);
        else if (key == u"allow_flagged_process") {
            ok = value.isBool();
            next.allowFlaggedProcess = value.toBool();
        } else if (key == u"success_body") {
            ok = value.toString() == u"json-string" || value.toString() == u"json-literal";
            next.successBodyLiteral = value.toString() == u"json-literal";
        } else if (key == u"page_urls") {
            ok = value.toString() == u"documented" || value.toString() == u"full";
            next.fullPageUrls = value.toString() == u"full";
        } else if (key == u"details_multiple") {
            ok = value.toString() == u"latest" || value.toString() == u"first";
            next.detailsPickFirst = value.toString() == u"first";
        } else if (key == u"fault_kinds") {
            next.faultKinds.clear();
            ok = value.isArray() && !value.toArray().isEmpty();
            for (const QJsonValue& kind : value.toArray()) {
                ok = ok && SimOptions::allFaultKinds().contains(kind.toString());
                next.faultKinds.append(kind.toString());
            }
        } else {
            return problem(422, u"unknown config field '%1'"_s.arg(key));
        }
        if (!ok)
            return problem(422, u"invalid value for config field '%1'"_s.arg(key));
    }
    const bool tickChanged = next.labelTickMs != m_services.options.labelTickMs;
    m_services.options = next;
    if (tickChanged)
        m_services.shop.applyLabelTick();
    return config();
}

SimResponse ControlApi::scheduleFaults(const SimRequest& request)
{
    const auto body = jsonBody(request);
    if (!body)
        return problem(400, u"the request body must be a JSON object"_s);
    const FaultInjector::Fault fault = FaultInjector::fromName(body->value(u"kind"_s).toString());
    if (fault == FaultInjector::Fault::None)
        return problem(422, u"kind must be one of %1"_s.arg(SimOptions::allFaultKinds().join(u", ")));
    const int countValue = body->value(u"count"_s).toInt(1);
    if (countValue < 1 || countValue > 100000)
        return problem(422, u"count must be 1 to 100000"_s);
    m_services.faults.schedule(
        { fault, body->value(u"method"_s).toString(), body->value(u"path_contains"_s).toString(), countValue });
    JsonWriter w;
    w.beginObject();
    w.key("scheduled");
    m_services.faults.writeScheduled(w);
    w.endObject();
    return SimResponse::json(200, w.take());
}
