#pragma once

#include "SimResponse.h"

#include <QElapsedTimer>
#include <QHttpServerResponder>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>

#include <functional>

// The way back to one client for one request. A child of the connection's socket, so it disappears with it:
// timers that deliver late answers use it as their context and simply never fire for a vanished client.
class ResponseChannel final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResponseChannel)

public:
    enum class Outcome {
        Sent,
        Truncated,
        Reset,
        ClientGone,
    };

    // Called once, when the exchange ends one way or another.
    using Finished = std::function<void(Outcome outcome, int status, qint64 elapsedMs)>;

    ResponseChannel(QHttpServerResponder&& responder, QTcpSocket* socket);
    ~ResponseChannel() override;

    void setFinishedCallback(Finished callback) { m_finished = std::move(callback); }
    qint64 elapsedMs() const { return m_clock.elapsed(); }
    bool isOpen() const;

    void send(const SimResponse& response);
    // Announces the full Content-Length, sends only the first half of the body, then closes the connection.
    void sendTruncated(const SimResponse& response);
    // Drops the connection with a TCP RST (SO_LINGER 0), so the client sees "connection reset by peer".
    void reset();

private:
    void writeHead(const SimResponse& response);
    void finish(Outcome outcome, int status);

    QHttpServerResponder m_responder;
    QPointer<QTcpSocket> m_socket;
    QElapsedTimer m_clock;
    Finished m_finished;
    bool m_done = false;
};
