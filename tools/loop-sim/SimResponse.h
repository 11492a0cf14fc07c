#pragma once

#include <QByteArray>
#include <QList>

#include <utility>

// What a handler answers; the dispatcher decides when and how (latency, faults) it reaches the socket.
struct SimResponse
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
    QList<std::pair<QByteArray, QByteArray>> headers;

    static SimResponse json(int status, QByteArray body)
    {
        SimResponse response;
        response.status = status;
        response.body = std::move(body);
        return response;
    }

    static SimResponse empty(int status)
    {
        SimResponse response;
        response.status = status;
        response.contentType.clear();
        return response;
    }
};
