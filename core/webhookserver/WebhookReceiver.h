#pragma once

#include "util/Error.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;

namespace Dockside {

class Clock;
class Database;

// The HTTP endpoint Loop delivers webhooks to: `POST /loop/webhooks/<merchantId>`. It checks X-Loop-Signature
// over the exact bytes received with that merchant's secret, stores the verified body in the webhook inbox
// and answers 200 at once; processing happens elsewhere (WebhookProcessor), so Loop never waits on it and a
// crash after the 200 loses nothing. Refusals: 401 (signature missing or wrong; nothing stored), 404 (unknown
// path or merchant), 405 (not POST), 413 (body over the cap), 503 (the inbox cannot be written: Loop retries).
// Logs name the merchant, the peer and the reason, never a body, a signature or a secret.
//
// A worker: its owner moves it to a dedicated thread and calls listen() there; the server, its sockets and the
// inbox connection then live on that thread.
class WebhookReceiver final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebhookReceiver)

public:
    // The merchant's webhook secret, or nothing for a merchant Dockside does not serve. Called on the
    // receiver's thread, so it must be thread-safe.
    using SecretLookup = std::function<std::optional<QByteArray>(qint64 merchantId)>;

    struct Options
    {
        QHostAddress address = QHostAddress(QHostAddress::LocalHost);
        quint16 port = 0; // 0: any free port; port() tells which
        qint64 maxBodyBytes = 1024 * 1024;
    };

    WebhookReceiver(Database& database, const Clock& clock, SecretLookup secrets, const Options& options,
        QObject* parent = nullptr);
    ~WebhookReceiver() override;

    // Starts listening; returns the port. Call on the receiver's thread.
    Result<quint16> listen();
    quint16 port() const { return m_port; }

    static QString path(qint64 merchantId);

Q_SIGNALS:
    // A verified delivery is in the inbox (connect WebhookProcessor::wake to it).
    void deliveryStored(qint64 merchantId, qint64 deliveryId);
    // A request was refused with `status`; merchantId is 0 when the path named none.
    void deliveryRefused(qint64 merchantId, int status, const QString& reason);

private:
    void handle(const QHttpServerRequest& request, QHttpServerResponder&& responder);
    void refuse(QHttpServerResponder& responder, const QHttpServerRequest& request, qint64 merchantId, int status,
        const QString& code, const QString& message);

    Database& m_database;
    const Clock& m_clock;
    SecretLookup m_secrets;
    Options m_options;
    QHttpServer* m_server = nullptr;
    quint16 m_port = 0;
};

} // namespace Dockside
