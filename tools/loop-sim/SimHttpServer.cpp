#include "SimHttpServer.h"

#include "ResponseChannel.h"
#include "SimRequest.h"

#include <QHttpServerRequest>

SimHttpServer::SimHttpServer(Handler handler, QObject* parent)
    : QAbstractHttpServer(parent)
    , m_handler(std::move(handler))
{
}

bool SimHttpServer::handleRequest(const QHttpServerRequest& request, QTcpSocket* socket)
{
    auto* channel = new ResponseChannel(makeResponder(request, socket), socket);
    m_handler(SimRequest::fromHttp(request), channel);
    return true;
}

void SimHttpServer::missingHandler(const QHttpServerRequest& request, QTcpSocket* socket)
{
    // handleRequest() takes every request; kept for completeness of the abstract interface.
    auto* channel = new ResponseChannel(makeResponder(request, socket), socket);
    SimResponse response = SimResponse::json(404, "{\"message\":\"Not Found\"}");
    channel->send(response);
}
