#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

class QHttpServerRequest;

// A copy of everything the simulator needs from an HTTP request: QHttpServerRequest is reused by Qt for the
// next request on the same connection, while our answers may go out later (latency, slow faults).
struct SimRequest
{
    QByteArray method;
    QString path; // decoded, without a trailing slash
    QByteArray rawQuery; // as sent, for the request log
    QList<std::pair<QString, QString>> query; // PHP-style decoded ('+' is a space)
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QString host; // Host header, for building absolute page URLs

    static SimRequest fromHttp(const QHttpServerRequest& request);
    static QList<std::pair<QString, QString>> parseQuery(QByteArrayView rawQuery);

    bool hasQuery(QStringView name) const;
    // PHP semantics: the last occurrence wins.
    std::optional<QString> queryValue(QStringView name) const;
    QByteArray header(QByteArrayView name) const;
};
