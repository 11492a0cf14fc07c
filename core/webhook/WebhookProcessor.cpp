#include "WebhookProcessor.h"

#include "loop/LoopClient.h"
#include "loop/LoopJson.h"
#include "storage/ReturnRepository.h"
#include "storage/WebhookInboxRepository.h"
#include "util/Clock.h"
#include "util/Logging.h"

#include <QTimer>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {
// Storage trouble (busy, lost connection), the network and Loop's 429/5xx pass; so may a key someone fixes.
bool isRetryable(const Error& error)
{
    switch (error.kind) {
    case Error::Kind::Storage:
    case Error::Kind::Transient:
    case Error::Kind::Auth:
        return true;
    case Error::Kind::Validation:
    case Error::Kind::Permanent:
        return false;
    }
    return false;
}
} // namespace

WebhookProcessor::WebhookProcessor(
    Database& database, const Clock& clock, ClientFactory clientFactory, const Options& options, QObject* parent)
    : QObject(parent)
    , m_database(database)
    , m_clock(clock)
    , m_clientFactory(std::move(clientFactory))
    , m_options(options)
    , m_pollTimer(new QTimer(this))
    , m_retryTimer(new QTimer(this))
{
    m_pollTimer->setInterval(std::max(1, m_options.pollIntervalMs));
    connect(m_pollTimer, &QTimer::timeout, this, &WebhookProcessor::drain);
    m_retryTimer->setSingleShot(true);
    connect(m_retryTimer, &QTimer::timeout, this, &WebhookProcessor::drain);
}

WebhookProcessor::WebhookProcessor(Database& database, const Clock& clock, ClientFactory clientFactory, QObject* parent)
    : WebhookProcessor(database, clock, std::move(clientFactory), Options {}, parent)
{
}

WebhookProcessor::~WebhookProcessor() = default;

void WebhookProcessor::start()
{
    m_pollTimer->start();
    drain();
}

void WebhookProcessor::wake()
{
    drain();
}

void WebhookProcessor::drain()
{
    // A slot connected directly to one of our signals could call back in; the outer pass sees the rows anyway.
    if (m_draining)
        return;
    m_draining = true;
    WebhookInboxRepository inbox(m_database);
    const qint64 now = m_clock.nowMs();
    qint64 afterId = 0;
    bool complete = false;
    QSet<qint64> seen;
    for (;;) {
        const Result<QList<WebhookDelivery>> batch = inbox.pending(m_options.batchSize, afterId);
        if (!batch) {
            ++m_storageFailures;
            m_storageNotBefore = now + backoffMs(m_storageFailures);
            qCWarning(lcWebhook).noquote()
                << "cannot read the webhook inbox, retrying later:" << batch.error().toLogString();
            break;
        }
        m_storageFailures = 0;
        m_storageNotBefore = 0;
        for (const WebhookDelivery& delivery : *batch) {
            afterId = delivery.id;
            seen.insert(delivery.id);
            if (m_inFlight.contains(delivery.id))
                continue;
            const auto due = m_notBefore.constFind(delivery.id);
            if (due != m_notBefore.cend() && *due > now)
                continue;
            process(delivery);
        }
        if (batch->size() < m_options.batchSize) {
            complete = true;
            break;
        }
    }
    if (complete) {
        // Rows settled elsewhere (another station's processor) need no retry from us.
        m_notBefore.removeIf(
            [&seen](const QHash<qint64, qint64>::iterator& entry) { return !seen.contains(entry.key()); });
    }
    m_draining = false;
    armRetryTimer();
}

void WebhookProcessor::process(const WebhookDelivery& delivery)
{
    Result<WebhookEvent> event = LoopJson::parseWebhook(delivery.body);
    if (!event) {
        failed(delivery, event.error());
        return;
    }
    if (event->returnValue) {
        storeReturn(delivery, std::move(*event->returnValue));
        return;
    }
    if (event->label) {
        ReturnRepository returns(m_database);
        const Result<UpsertOutcome> applied = returns.applyLabel(delivery.merchantId, *event->label);
        if (!applied) {
            failed(delivery, applied.error());
            return;
        }
        if (*applied == UpsertOutcome::Unknown) {
            fetchForLabel(delivery, *event->label);
            return;
        }
        if (*applied == UpsertOutcome::Updated)
            Q_EMIT returnStored(delivery.merchantId, event->label->returnId);
        settle(delivery);
        return;
    }
    // restock, giftcard, ...: acknowledged, nothing for a receiving station to do.
    qCDebug(lcWebhook).noquote() << "webhook" << delivery.id << "with topic" << event->topic << "needs no action";
    settle(delivery);
}

void WebhookProcessor::storeReturn(const WebhookDelivery& delivery, Return value)
{
    // The URL the delivery came to names the merchant; the payload's shop_id is not our id.
    value.merchantId = delivery.merchantId;
    ReturnRepository returns(m_database);
    const Result<UpsertOutcome> stored = returns.upsert(value, m_clock.now());
    if (!stored) {
        failed(delivery, stored.error());
        return;
    }
    if (*stored == UpsertOutcome::Inserted || *stored == UpsertOutcome::Updated)
        Q_EMIT returnStored(delivery.merchantId, value.loopId);
    settle(delivery);
}

void WebhookProcessor::fetchForLabel(const WebhookDelivery& delivery, const LabelEvent& label)
{
    LoopClient* client = clientFor(delivery.merchantId);
    if (!client) {
        failed(delivery,
            Error::auth(u"webhook.client.unavailable"_s,
                u"Merchant %1 has no Loop connection, so return %2 of a label webhook cannot be fetched; it is "
                "retried once the merchant's API key is set up."_s.arg(delivery.merchantId)
                    .arg(label.returnId)));
        return;
    }
    m_inFlight.insert(delivery.id);
    m_notBefore.remove(delivery.id);
    client->returnById(label.returnId, this, [this, delivery, label](Result<Return> fetched) {
        m_inFlight.remove(delivery.id);
        if (!fetched) {
            failed(delivery, fetched.error());
            armRetryTimer();
            return;
        }
        Return value = std::move(*fetched);
        value.merchantId = delivery.merchantId;
        ReturnRepository returns(m_database);
        const Result<UpsertOutcome> stored = returns.upsert(value, m_clock.now());
        if (!stored) {
            failed(delivery, stored.error());
            armRetryTimer();
            return;
        }
        // The event may be newer than the copy just read (Loop's list lags); the label rules keep the newer.
        if (const Result<UpsertOutcome> applied = returns.applyLabel(delivery.merchantId, label); !applied) {
            failed(delivery, applied.error());
            armRetryTimer();
            return;
        }
        Q_EMIT returnStored(delivery.merchantId, value.loopId);
        settle(delivery);
    });
}

void WebhookProcessor::settle(const WebhookDelivery& delivery)
{
    WebhookInboxRepository inbox(m_database);
    if (const Status marked = inbox.markProcessed(delivery.id, m_clock.now()); !marked) {
        // Applied but not marked: the next attempt applies it again, which the repository rules make harmless.
        failed(delivery, marked.error());
        return;
    }
    m_notBefore.remove(delivery.id);
    Q_EMIT deliverySettled(delivery.id);
}

void WebhookProcessor::failed(const WebhookDelivery& delivery, const Error& error)
{
    WebhookInboxRepository inbox(m_database);
    const QString text = error.toLogString();
    const int attempts = delivery.attempts + 1;
    const bool retry = isRetryable(error) && attempts < m_options.maxAttempts;
    const Status recorded
        = retry ? inbox.recordFailure(delivery.id, text) : inbox.park(delivery.id, text, m_clock.now());
    if (retry || !recorded) {
        // When even parking failed the row is still pending: it comes back after the backoff.
        m_notBefore.insert(delivery.id, m_clock.nowMs() + backoffMs(attempts));
    } else {
        m_notBefore.remove(delivery.id);
    }
    if (!recorded) {
        qCWarning(lcWebhook).noquote() << "cannot record the failure of webhook" << delivery.id << ":"
                                       << recorded.error().toLogString();
    }
    if (retry) {
        qCInfo(lcWebhook).noquote() << "webhook" << delivery.id << "of merchant" << delivery.merchantId
                                    << "failed (attempt" << attempts << "), retrying later:" << text;
    } else {
        qCWarning(lcWebhook).noquote() << "webhook" << delivery.id << "of merchant" << delivery.merchantId
                                       << "parked after" << attempts << "attempt(s):" << text;
    }
    Q_EMIT deliveryFailed(delivery.id, delivery.merchantId, text, !retry && bool(recorded));
}

LoopClient* WebhookProcessor::clientFor(qint64 merchantId)
{
    if (LoopClient* client = m_clients.value(merchantId))
        return client;
    if (!m_clientFactory)
        return nullptr;
    LoopClient* client = m_clientFactory(merchantId, this);
    if (client)
        m_clients.insert(merchantId, client);
    return client;
}

qint64 WebhookProcessor::backoffMs(int attempts) const
{
    const int doublings = std::clamp(attempts - 1, 0, 30);
    const qint64 delay = qint64(std::max(1, m_options.retryBaseMs)) << doublings;
    return std::min<qint64>(delay, std::max(m_options.retryBaseMs, m_options.retryMaxMs));
}

void WebhookProcessor::armRetryTimer()
{
    qint64 next = std::numeric_limits<qint64>::max();
    for (auto it = m_notBefore.cbegin(); it != m_notBefore.cend(); ++it)
        next = std::min(next, it.value());
    if (m_storageNotBefore > 0)
        next = std::min(next, m_storageNotBefore);
    if (next == std::numeric_limits<qint64>::max()) {
        m_retryTimer->stop();
        return;
    }
    const qint64 wait = std::clamp<qint64>(next - m_clock.nowMs(), 0, std::max(1, m_options.retryMaxMs));
    m_retryTimer->start(int(wait));
}

} // namespace Dockside
