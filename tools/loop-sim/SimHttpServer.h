#pragma once

#include <QAbstractHttpServer>

#include <functional>

class ResponseChannel;
struct SimRequest;

// Qt HttpServer's low-level entry point: we get the socket with each request, which is what lets the simulator
// answer late, cut a body short or reset the connection (none of which QHttpServer's route API can express).
class SimHttpServer final : public QAbstractHttpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimHttpServer)

public:
    using Handler = std::function<void(SimRequest request, ResponseChannel* channel)>;

    explicit SimHttpServer(Handler handler, QObject* parent = nullptr);

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override;
    void missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) override;

private:
    Handler m_handler;
};
