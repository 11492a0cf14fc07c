#include "ResponseChannel.h"

#include <QMetaEnum>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

ResponseChannel::ResponseChannel(QHttpServerResponder&& responder, QTcpSocket* socket)
    : QObject(socket)
    , m_responder(std::move(responder))
    , m_socket(socket)
{
    m_clock.start();
}

ResponseChannel::~ResponseChannel()
{
    if (!m_done) {
        m_done = true;
        if (m_finished)
            m_finished(Outcome::ClientGone, 0, m_clock.elapsed());
    }
}

bool ResponseChannel::isOpen() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

void ResponseChannel::finish(Outcome outcome, int status)
{
    m_done = true;
    if (m_finished)
        m_finished(outcome, status, m_clock.elapsed());
    // One channel per request: on a keep-alive connection they would pile up under the socket otherwise.
    deleteLater();
}

void ResponseChannel::writeHead(const SimResponse& response)
{
    // Qt 6.4 looks the reason phrase up with std::map::at(), so only statuses it knows may reach it.
    static const QMetaEnum codes = QMetaEnum::fromType<QHttpServerResponder::StatusCode>();
    const int status = codes.valueToKey(response.status) ? response.status : 500;
    m_responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(status));
    if (!response.contentType.isEmpty())
        m_responder.writeHeader("Content-Type", response.contentType);
    for (const auto& [name, value] : response.headers)
        m_responder.writeHeader(name, value);
    m_responder.writeHeader("Content-Length", QByteArray::number(response.body.size()));
}

void ResponseChannel::send(const SimResponse& response)
{
    if (m_done)
        return;
    if (!isOpen()) {
        finish(Outcome::ClientGone, response.status);
        return;
    }
    writeHead(response);
    m_responder.writeBody(response.body);
    finish(Outcome::Sent, response.status);
}

void ResponseChannel::sendTruncated(const SimResponse& response)
{
    if (m_done)
        return;
    if (!isOpen()) {
        finish(Outcome::ClientGone, response.status);
        return;
    }
    writeHead(response);
    m_responder.writeBody(response.body.left(response.body.size() / 2));
    finish(Outcome::Truncated, response.status);
    // Graceful close after the partial body has been flushed: the client sees a premature end of stream.
    m_socket->disconnectFromHost();
}

void ResponseChannel::reset()
{
    if (m_done)
        return;
    if (!isOpen()) {
        finish(Outcome::ClientGone, 0);
        return;
    }
    finish(Outcome::Reset, 0);
#ifdef Q_OS_UNIX
    const qintptr descriptor = m_socket->socketDescriptor();
    if (descriptor >= 0) {
        linger option { 1, 0 };
        ::setsockopt(int(descriptor), SOL_SOCKET, SO_LINGER, &option, sizeof(option));
    }
#endif
    m_socket->abort();
}
