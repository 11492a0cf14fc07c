#pragma once

#include "SimRandom.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <deque>

class JsonWriter;
class LoopShop;
class QNetworkAccessManager;
class QNetworkReply;
struct SimOptions;
class SimClock;
class WebhookRegistry;

// Signs and delivers webhooks asynchronously (CONTRACT.md §9.2): X-Loop-Signature = base64(HMAC-SHA256(secret,
// body)), 5 retries with exponential backoff and jitter, Retry-After honoured up to 30 minutes, never a retry
// after 400/401/403/404/405. Nothing here ever blocks request handling.
class WebhookDispatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebhookDispatcher)

public:
    WebhookDispatcher(const SimOptions& options, const SimClock& clock, const LoopShop& shop,
        const WebhookRegistry& registry, QObject* parent = nullptr);

    void onReturnEvent(const QString& trigger, qint64 returnId);
    void onProcessingFailed(qint64 returnId, const QString& message);
    void reset();

    void writeCounters(JsonWriter& writer) const;
    void writeDeliveries(JsonWriter& writer, qint64 returnId, const QString& trigger) const;

    static QByteArray sign(const QByteArray& body, const QString& secret);

private:
    struct Delivery
    {
        quint64 id = 0;
        qint64 subscriptionId = 0;
        QUrl url;
        QString trigger;
        qint64 returnId = 0;
        QByteArray body;
        QByteArray signature;
        int attempt = 0;
        quint64 generation = 0;
    };

    struct Attempt
    {
        quint64 deliveryId = 0;
        int attempt = 0;
        QString trigger;
        qint64 returnId = 0;
        qint64 subscriptionId = 0;
        QString url;
        int httpStatus = 0;
        QString error;
        QString result; // delivered, retry_scheduled, failed
        qint64 nextDelayMs = -1;
        qint64 atMs = 0;
        QByteArray body;
        QByteArray signature;
    };

    struct TriggerCounters
    {
        qint64 events = 0;
        qint64 attempts = 0;
        qint64 delivered = 0;
        qint64 failed = 0;
    };

    void enqueue(qint64 subscriptionId, const QString& url, const QString& trigger, qint64 returnId, QByteArray body);
    void send(Delivery delivery);
    void finished(QNetworkReply* reply, Delivery delivery);
    void remember(Attempt attempt);

    const SimOptions& m_options;
    const SimClock& m_clock;
    const LoopShop& m_shop;
    const WebhookRegistry& m_registry;
    QNetworkAccessManager* m_network;
    SimRandom m_jitter;
    quint64 m_generation = 0;
    quint64 m_nextId = 0;
    std::deque<Attempt> m_log;
    QHash<QString, TriggerCounters> m_counters;
    qint64 m_retries = 0;
    qint64 m_inFlight = 0;
};
