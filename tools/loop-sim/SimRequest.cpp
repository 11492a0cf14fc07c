#include "SimRequest.h"

#include <QHttpServerRequest>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    case QHttpServerRequest::Method::Connect:
        return "CONNECT";
    case QHttpServerRequest::Method::Trace:
        return "TRACE";
    default:
        return "UNKNOWN";
    }
}

QString decodeComponent(QByteArray component)
{
    component.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(component));
}

} // namespace

QList<std::pair<QString, QString>> SimRequest::parseQuery(QByteArrayView rawQuery)
{
    QList<std::pair<QString, QString>> items;
    for (const QByteArray& part : rawQuery.toByteArray().split('&')) {
        if (part.isEmpty())
            continue;
        const qsizetype equals = part.indexOf('=');
        if (equals < 0)
            items.append({ decodeComponent(part), QString() });
        else
            items.append({ decodeComponent(part.left(equals)), decodeComponent(part.mid(equals + 1)) });
    }
    return items;
}

SimRequest SimRequest::fromHttp(const QHttpServerRequest& request)
{
    SimRequest copy;
    copy.method = methodName(request.method());
    const QUrl url = request.url();
    QString path = url.path(QUrl::FullyDecoded);
    while (path.size() > 1 && path.endsWith(u'/'))
        path.chop(1);
    copy.path = path.isEmpty() ? u"/"_s : path;
    copy.rawQuery = url.query(QUrl::FullyEncoded).toUtf8();
    copy.query = parseQuery(copy.rawQuery);
    copy.headers = request.headers();
    copy.body = request.body();
    copy.host = QString::fromLatin1(copy.header("host"));
    return copy;
}

bool SimRequest::hasQuery(QStringView name) const
{
    for (const auto& item : query) {
        if (item.first == name)
            return true;
    }
    return false;
}

std::optional<QString> SimRequest::queryValue(QStringView name) const
{
    for (auto it = query.crbegin(); it != query.crend(); ++it) {
        if (it->first == name)
            return it->second;
    }
    return std::nullopt;
}

QByteArray SimRequest::header(QByteArrayView name) const
{
    for (const auto& item : headers) {
        if (item.first.compare(name, Qt::CaseInsensitive) == 0)
            return item.second;
    }
    return {};
}
