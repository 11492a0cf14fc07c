#pragma once

#include "WebhookReceiver.h"
#include "webhook/WebhookProcessor.h"

#include <QObject>
#include <QThread>
#include <QUrl>

#include <memory>

namespace Dockside {

class Clock;
class Database;

// The whole webhook flow in one call, for the CLI and the GUI: a WebhookReceiver on one thread stores verified
// deliveries and wakes a WebhookProcessor on another, which applies them. Owns both threads; destroying the
// service stops them and waits. The Database, Clock and whatever the callbacks use must outlive it.
class WebhookService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebhookService)

public:
    struct Options
    {
        WebhookReceiver::Options receiver;
        WebhookProcessor::Options processor;
    };

    // Starts listening and processing; fails (with nothing left running) when the port cannot be opened.
    static Result<std::unique_ptr<WebhookService>> start(Database& database, const Clock& clock,
        WebhookReceiver::SecretLookup secrets, WebhookProcessor::ClientFactory clients, const Options& options);
    ~WebhookService() override;

    quint16 port() const { return m_port; }
    // Where Loop should deliver the webhooks of a merchant (the address as listened on; behind a proxy or
    // tunnel the public URL differs).
    QUrl endpoint(qint64 merchantId) const;

Q_SIGNALS:
    // Forwarded from the processor, on the service's thread.
    void returnStored(qint64 merchantId, qint64 loopReturnId);
    void deliveryFailed(qint64 deliveryId, qint64 merchantId, const QString& error, bool parked);

private:
    explicit WebhookService(const Options& options);
    void stop();

    Options m_options;
    QThread m_receiverThread;
    QThread m_processorThread;
    quint16 m_port = 0;
};

} // namespace Dockside
