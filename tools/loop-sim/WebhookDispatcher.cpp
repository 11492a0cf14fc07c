#include "WebhookDispatcher.h"

#include "JsonWriter.h"
#include "LoopShop.h"
#include "SimClock.h"
#include "SimOptions.h"
#include "WebhookRegistry.h"

#include <QDateTime>
#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 maxRetryAfterSecs = 30 * 60;
constexpr qsizetype logCapacity = 2000;

bool retryable(int status)
{
    if (status == 0 || status == 408 || status == 429 || status >= 500 || (status >= 300 && status < 400))
        return true;
    // Loop never retries 400, 401, 403, 404, 405; other 4xx are not documented and treated the same way [INF].
    return false;
}

// Seconds, or an HTTP date; nullopt when absent or unreadable.
std::optional<qint64> retryAfterSecs(const QByteArray& header)
{
    if (header.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 seconds = header.trimmed().toLongLong(&ok);
    if (ok)
        return std::max<qint64>(0, seconds);
    const QDateTime when = QDateTime::fromString(QString::fromLatin1(header.trimmed()), Qt::RFC2822Date);
    if (!when.isValid())
        return std::nullopt;
    return std::max<qint64>(0, QDateTime::currentDateTimeUtc().secsTo(when));
}

} // namespace

WebhookDispatcher::WebhookDispatcher(const SimOptions& options, const SimClock& clock, const LoopShop& shop,
    const WebhookRegistry& registry, QObject* parent)
    : QObject(parent)
    , m_options(options)
    , m_clock(clock)
    , m_shop(shop)
    , m_registry(registry)
    , m_network(new QNetworkAccessManager(this))
    , m_jitter(SimRandom::mix(options.seed, 0x3E77u))
{
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

QByteArray WebhookDispatcher::sign(const QByteArray& body, const QString& secret)
{
    return QMessageAuthenticationCode::hash(body, secret.toUtf8(), QCryptographicHash::Sha256).toBase64();
}

void WebhookDispatcher::reset()
{
    // In-flight replies and scheduled retries of the old generation are dropped when they come back.
    ++m_generation;
    m_log.clear();
    m_counters.clear();
    m_retries = 0;
}

void WebhookDispatcher::onReturnEvent(const QString& trigger, qint64 returnId)
{
    const ReturnRecord* record = m_shop.store().find(returnId);
    if (!record)
        return;
    ++m_counters[trigger].events;
    for (const auto& subscription : m_registry.activeFor(trigger))
        enqueue(subscription.id, subscription.url, trigger, returnId,
            m_shop.serializer().webhookBody(subscription.topic, trigger, *record));
}

void WebhookDispatcher::onProcessingFailed(qint64 returnId, const QString& message)
{
    const ReturnRecord* record = m_shop.store().find(returnId);
    if (!record)
        return;
    const QString trigger = u"return.processing.failed"_s;
    ++m_counters[trigger].events;
    for (const auto& subscription : m_registry.activeFor(trigger))
        enqueue(subscription.id, subscription.url, trigger, returnId,
            m_shop.serializer().processingFailedBody(*record, message));
}

void WebhookDispatcher::enqueue(
    qint64 subscriptionId, const QString& url, const QString& trigger, qint64 returnId, QByteArray body)
{
    Delivery delivery;
    delivery.id = ++m_nextId;
    delivery.subscriptionId = subscriptionId;
    delivery.url = QUrl(url);
    delivery.trigger = trigger;
    delivery.returnId = returnId;
    delivery.signature = sign(body, m_options.webhookSecret);
    delivery.body = std::move(body);
    delivery.generation = m_generation;
    send(std::move(delivery));
}

void WebhookDispatcher::send(Delivery delivery)
{
    if (delivery.generation != m_generation)
        return;
    ++delivery.attempt;
    ++m_counters[delivery.trigger].attempts;
    QNetworkRequest request(delivery.url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    request.setRawHeader("X-Loop-Signature", delivery.signature);
    request.setRawHeader("User-Agent", "loop-sim-webhooks/1.0");
    request.setTransferTimeout(m_options.webhookTimeoutMs);
    QNetworkReply* reply = m_network->post(request, delivery.body);
    ++m_inFlight;
    connect(reply, &QNetworkReply::finished, this, [this, reply, delivery] { finished(reply, delivery); });
}

void WebhookDispatcher::finished(QNetworkReply* reply, Delivery delivery)
{
    reply->deleteLater();
    --m_inFlight;
    if (delivery.generation != m_generation)
        return;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    Attempt attempt;
    attempt.deliveryId = delivery.id;
    attempt.attempt = delivery.attempt;
    attempt.trigger = delivery.trigger;
    attempt.returnId = delivery.returnId;
    attempt.subscriptionId = delivery.subscriptionId;
    attempt.url = delivery.url.toString();
    attempt.httpStatus = status;
    attempt.atMs = m_clock.uptimeMs();
    attempt.body = delivery.body;
    attempt.signature = delivery.signature;
    if (reply->error() != QNetworkReply::NoError && status == 0)
        attempt.error = reply->errorString();
    auto& counters = m_counters[delivery.trigger];
    if (status >= 200 && status < 300) {
        attempt.result = u"delivered"_s;
        ++counters.delivered;
        remember(std::move(attempt));
        return;
    }
    const auto retryAfter = retryAfterSecs(reply->rawHeader("Retry-After"));
    const bool tooLong = retryAfter && *retryAfter > maxRetryAfterSecs;
    if (!retryable(status) || delivery.attempt > m_options.webhookMaxRetries || tooLong) {
        attempt.result = u"failed"_s;
        if (tooLong)
            attempt.error = u"Retry-After above 30 minutes"_s;
        ++counters.failed;
        remember(std::move(attempt));
        return;
    }
    qint64 delay = 0;
    if (retryAfter) {
        delay = *retryAfter * 1000;
    } else {
        const qint64 backoff = qint64(m_options.webhookRetryBaseMs) << std::min(delivery.attempt - 1, 20);
        delay = backoff + qint64(m_jitter.bounded(quint64(backoff / 2 + 1)));
    }
    attempt.result = u"retry_scheduled"_s;
    attempt.nextDelayMs = delay;
    ++m_retries;
    remember(std::move(attempt));
    QTimer::singleShot(std::chrono::milliseconds(delay), this, [this, delivery] { send(delivery); });
}

void WebhookDispatcher::remember(Attempt attempt)
{
    m_log.push_back(std::move(attempt));
    while (qsizetype(m_log.size()) > logCapacity)
        m_log.pop_front();
}

void WebhookDispatcher::writeCounters(JsonWriter& w) const
{
    TriggerCounters total;
    for (const auto& counters : m_counters) {
        total.events += counters.events;
        total.attempts += counters.attempts;
        total.delivered += counters.delivered;
        total.failed += counters.failed;
    }
    w.beginObject();
    w.fieldInt("events", total.events);
    w.fieldInt("attempts", total.attempts);
    w.fieldInt("delivered", total.delivered);
    w.fieldInt("failed", total.failed);
    w.fieldInt("retries_scheduled", m_retries);
    w.fieldInt("in_flight", m_inFlight);
    w.key("by_trigger");
    w.beginObject();
    QStringList triggers = m_counters.keys();
    triggers.sort();
    for (const QString& trigger : std::as_const(triggers)) {
        const auto& counters = m_counters.value(trigger);
        w.key(trigger.toUtf8());
        w.beginObject();
        w.fieldInt("events", counters.events);
        w.fieldInt("attempts", counters.attempts);
        w.fieldInt("delivered", counters.delivered);
        w.fieldInt("failed", counters.failed);
        w.endObject();
    }
    w.endObject();
    w.endObject();
}

void WebhookDispatcher::writeDeliveries(JsonWriter& w, qint64 returnId, const QString& trigger) const
{
    w.beginArray();
    for (const Attempt& attempt : m_log) {
        if (returnId && attempt.returnId != returnId)
            continue;
        if (!trigger.isEmpty() && attempt.trigger != trigger)
            continue;
        w.beginObject();
        w.fieldInt("delivery_id", qint64(attempt.deliveryId));
        w.fieldInt("attempt", attempt.attempt);
        w.field("trigger", attempt.trigger);
        w.fieldInt("return_id", attempt.returnId);
        w.fieldInt("subscription_id", attempt.subscriptionId);
        w.field("url", attempt.url);
        w.fieldInt("http_status", attempt.httpStatus);
        w.fieldStringOrNull("error", attempt.error.isEmpty() ? QString() : attempt.error);
        w.field("result", attempt.result);
        w.key("next_delay_ms");
        attempt.nextDelayMs >= 0 ? w.integer(attempt.nextDelayMs) : w.null();
        w.fieldInt("at_ms", attempt.atMs);
        w.field("signature", QString::fromLatin1(attempt.signature));
        w.field("body", QString::fromUtf8(attempt.body));
        w.endObject();
    }
    w.endArray();
}
