#pragma once

#include "domain/LabelEvent.h"
#include "domain/Return.h"
#include "domain/WebhookDelivery.h"
#include "util/Error.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <functional>

class QTimer;

namespace Dockside {

class Clock;
class Database;
class LoopClient;

// Drains the webhook inbox: decodes each delivery and applies it through ReturnRepository, whose rules make
// the result idempotent and order-insensitive. A label for a return not held yet makes it fetch the return
// from Loop with that merchant's client. Transient failures (database, network, Loop's 429/5xx, missing
// credentials) are retried with exponential backoff; permanent ones (undecodable bodies, refusals) and
// deliveries that keep failing are parked with their error for a supervisor, never dropped.
//
// A worker: its owner moves it to a dedicated thread and invokes start() there. The Loop clients are made by
// the injected factory on that thread, as children of the processor. Other threads talk to it only through
// queued slots (wake()) and value signals.
class WebhookProcessor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebhookProcessor)

public:
    // Returns a client for the merchant, parented to `parent`, or nullptr when the merchant has no Loop
    // connection (the delivery is then retried later).
    using ClientFactory = std::function<LoopClient*(qint64 merchantId, QObject* parent)>;

    struct Options
    {
        int batchSize = 100;
        int pollIntervalMs = 30'000; // safety net for rows a wake() did not announce
        int retryBaseMs = 1'000;
        int retryMaxMs = 15 * 60'000;
        int maxAttempts = 100; // transient failures before a delivery is parked
    };

    WebhookProcessor(Database& database, const Clock& clock, ClientFactory clientFactory, const Options& options,
        QObject* parent = nullptr);
    WebhookProcessor(Database& database, const Clock& clock, ClientFactory clientFactory, QObject* parent = nullptr);
    ~WebhookProcessor() override;

    const Options& options() const { return m_options; }

public Q_SLOTS:
    // Starts the periodic safety net and processes what is pending. Call on the processor's thread.
    void start();
    // Processes what is pending and due now; cheap when there is nothing.
    void wake();

Q_SIGNALS:
    // A return was inserted or changed (by a return webhook, a label, or a fetch a label triggered).
    void returnStored(qint64 merchantId, qint64 loopReturnId);
    // The delivery is settled: applied, stale, or a topic Dockside does not act on.
    void deliverySettled(qint64 deliveryId);
    // An attempt failed; `parked` says whether it will not be retried.
    void deliveryFailed(qint64 deliveryId, qint64 merchantId, const QString& error, bool parked);

private:
    void drain();
    void process(const WebhookDelivery& delivery);
    void storeReturn(const WebhookDelivery& delivery, Return value);
    void fetchForLabel(const WebhookDelivery& delivery, const LabelEvent& label);
    void settle(const WebhookDelivery& delivery);
    void failed(const WebhookDelivery& delivery, const Error& error);
    LoopClient* clientFor(qint64 merchantId);
    qint64 backoffMs(int attempts) const;
    void armRetryTimer();

    Database& m_database;
    const Clock& m_clock;
    ClientFactory m_clientFactory;
    Options m_options;
    QTimer* m_pollTimer;
    QTimer* m_retryTimer;
    QHash<qint64, LoopClient*> m_clients; // by merchant id; children of this
    QHash<qint64, qint64> m_notBefore; // delivery id -> epoch ms of its next attempt
    QSet<qint64> m_inFlight; // deliveries waiting for a fetch from Loop
    qint64 m_storageNotBefore = 0; // the inbox itself could not be read: wait until then
    int m_storageFailures = 0;
    bool m_draining = false;
};

} // namespace Dockside
