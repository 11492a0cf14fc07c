#include "LoopClient.h"

#include "LoopJson.h"
#include "OneShotUpload.h"
#include "util/Logging.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QTimer>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace Dockside {

struct LoopClient::Call
{
    QByteArray method;
    QUrl url;
    QByteArray body;
    QString what; // "GET /warehouse/return/list", for messages and logs (never the key)
    Retry retry = Retry::Reads;
    int extraOkStatus = 0;
    int attempt = 0;
    bool tooLarge = false;
    // Decodes and hands the result over; returns the decoding error instead when the body was cut off,
    // so the call can be retried like any lost answer.
    std::function<std::optional<Error>(const QByteArray&)> deliver;
    std::function<void(const Error&)> fail;
};

namespace {
bool isCutOff(const Error& error)
{
    return error.code == u"loop.json.malformed"_s;
}

// Network errors after which the server cannot have acted on the request.
bool neverReachedServer(QNetworkReply::NetworkError error)
{
    return error == QNetworkReply::ConnectionRefusedError || error == QNetworkReply::HostNotFoundError;
}

qint64 retryAfterMs(const QNetworkReply* reply, qint64 nowMs)
{
    const QByteArray header = reply->rawHeader("Retry-After").trimmed();
    if (header.isEmpty())
        return -1;
    bool ok = false;
    const qint64 seconds = header.toLongLong(&ok);
    if (ok)
        return std::max<qint64>(0, seconds * 1000);
    const QDateTime at = QDateTime::fromString(QString::fromLatin1(header), Qt::RFC2822Date);
    return at.isValid() ? std::max<qint64>(0, at.toMSecsSinceEpoch() - nowMs) : -1;
}
} // namespace

LoopClient::LoopClient(Options options, const Clock& clock, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_clock(clock)
    , m_limiter(clock, m_options.perMinute)
    , m_network(new QNetworkAccessManager(this))
{
    m_network->setAutoDeleteReplies(false);
}

LoopClient::~LoopClient() = default;

template <typename T>
void LoopClient::call(const QByteArray& method, const QString& path, const Query& query, const QByteArray& body,
    Retry retry, std::function<Result<T>(const QByteArray&)> decode, QObject* context, Callback<T> done,
    int extraOkStatus)
{
    auto pending = std::make_shared<Call>();
    pending->method = method;
    QUrl url = m_options.baseUrl;
    QString basePath = url.path();
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    url.setPath(basePath + u'/' + m_options.version + path);
    if (!query.isEmpty()) {
        QUrlQuery urlQuery;
        for (const auto& [key, value] : query)
            urlQuery.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(value)));
        url.setQuery(urlQuery);
    }
    pending->url = url;
    pending->body = body;
    pending->what = QString::fromLatin1(method) + u' ' + path;
    pending->retry = retry;
    pending->extraOkStatus = extraOkStatus;

    // The callback runs only while its context lives: a screen or worker that went away gets nothing.
    const QPointer<QObject> guard(context);
    const bool guarded = context != nullptr;
    pending->deliver = [decode, done, guard, guarded](const QByteArray& bytes) -> std::optional<Error> {
        Result<T> result = decode(bytes);
        if (!result && isCutOff(result.error()))
            return result.error();
        if (!guarded || guard)
            done(std::move(result));
        return std::nullopt;
    };
    pending->fail = [done, guard, guarded](const Error& error) {
        if (!guarded || guard)
            done(Dockside::fail(error));
    };
    send(pending);
}

void LoopClient::send(const std::shared_ptr<Call>& call)
{
    const qint64 wait = m_limiter.tryAcquire();
    if (wait > 0) {
        Q_EMIT rateLimitWaited(wait);
        QTimer::singleShot(std::chrono::milliseconds(wait), this, [this, call] { send(call); });
        return;
    }
    QNetworkRequest request(call->url);
    request.setRawHeader("X-Authorization", m_options.apiKey);
    request.setRawHeader("Accept", "application/json");
    if (call->method != "GET" && call->method != "DELETE")
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(m_options.timeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);

    QNetworkReply* reply = nullptr;
    if (call->method == "GET") {
        reply = m_network->get(request);
    } else if (call->retry == Retry::SafeOnly) {
        // Never let the network stack repeat an action behind our back (see OneShotUpload).
        const QByteArray body = call->body.isEmpty() ? QByteArrayLiteral("{}") : call->body;
        request.setHeader(QNetworkRequest::ContentLengthHeader, body.size());
        request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
        auto* upload = new OneShotUpload(body);
        reply = m_network->sendCustomRequest(request, call->method, upload);
        upload->setParent(reply);
    } else {
        reply = m_network->sendCustomRequest(request, call->method, call->body);
    }
    connect(reply, &QNetworkReply::downloadProgress, reply, [this, call, reply](qint64 received, qint64 total) {
        if (received > m_options.maxResponseBytes || total > m_options.maxResponseBytes) {
            call->tooLarge = true;
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, this, [this, call, reply] { finished(call, reply); });
}

void LoopClient::finished(const std::shared_ptr<Call>& call, QNetworkReply* reply)
{
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QNetworkReply::NetworkError networkError = reply->error();
    const qint64 retryAfter = retryAfterMs(reply, m_clock.nowMs());

    if (call->tooLarge) {
        call->fail(Error::permanent(u"loop.response.too_large"_s,
            u"Loop's answer to %1 was larger than %2 MiB and was refused. Use smaller pages or a narrower "
            u"window."_s.arg(call->what)
                .arg(m_options.maxResponseBytes / (1024 * 1024))));
        return;
    }

    const bool ok = (status >= 200 && status < 300) || (status != 0 && status == call->extraOkStatus);
    // Qt reports HTTP error statuses as network errors too (codes 201 and up); only codes below 200 mean
    // the transfer itself failed (reset, timeout, proxy, a body we could not send again).
    const bool transportFailed = networkError != QNetworkReply::NoError
        && (networkError < QNetworkReply::ContentAccessDenied || networkError == QNetworkReply::ContentReSendError);
    if (ok && !transportFailed) {
        const QByteArray body = reply->readAll();
        if (const auto cutOff = call->deliver(body)) {
            Error error = Error::transient(u"loop.response.cut_off"_s,
                u"Loop's answer to %1 was cut off. Dockside retries."_s.arg(call->what), cutOff->detail);
            retryOrFail(call, error, call->retry == Retry::Reads, -1);
        }
        return;
    }

    if (status == 0 || transportFailed) {
        if (neverReachedServer(networkError)) {
            // No connection was made, so this request never left: an action's body cannot be rewound
            // (OneShotUpload), so Qt cannot have sent it once and then failed to reconnect for a second try. The
            // caller may send it again, even an action, without reading anything back.
            const Error error = Error::transient(u"loop.unreachable"_s,
                u"Could not connect to Loop for %1: %2. Nothing was sent. Check the network and the merchant's base "
                u"URL; Dockside retries."_s.arg(call->what, reply->errorString()),
                reply->errorString());
            retryOrFail(call, error, true, -1);
            return;
        }
        const bool timedOut = networkError == QNetworkReply::OperationCanceledError
            || networkError == QNetworkReply::TimeoutError;
        const Error error = Error::transient(timedOut ? u"loop.timeout"_s : u"loop.network"_s,
            timedOut ? u"Loop did not answer %1 within %2 s. Check the network; Dockside retries."_s.arg(call->what)
                           .arg(m_options.timeoutMs / 1000)
                     : u"Could not reach Loop for %1: %2. Check the network; Dockside retries."_s.arg(
                           call->what, reply->errorString()),
            reply->errorString());
        retryOrFail(call, error, call->retry == Retry::Reads, -1);
        return;
    }

    const QByteArray body = reply->readAll();
    const std::optional<Error> refusal = LoopJson::refusal(body);
    const QString loopSays = refusal && !refusal->message.isEmpty() ? refusal->message : QString();
    if (status == 429) {
        Q_EMIT rateLimited();
        retryOrFail(call,
            Error::transient(u"loop.rate_limited"_s,
                u"Loop refused %1: too many requests for this API key. Dockside waits and retries."_s.arg(call->what)),
            true, retryAfter);
        return;
    }
    if (status >= 500) {
        retryOrFail(call,
            Error::transient(u"loop.server"_s,
                u"Loop failed on %1 (HTTP %2). Dockside retries."_s.arg(call->what).arg(status), loopSays),
            call->retry == Retry::Reads, retryAfter);
        return;
    }
    if (status == 401) {
        call->fail(Error::auth(u"loop.unauthorized"_s,
            u"Loop refused the API key for %1 (HTTP 401). Check the merchant's API key and that it has the "
            u"Returns scope."_s.arg(call->what),
            loopSays));
        return;
    }
    Error error = refusal ? *refusal
                          : Error::permanent(u"loop.http.%1"_s.arg(status), QString(), QString::fromUtf8(body.left(300)));
    error.kind = Error::Kind::Permanent;
    error.message = u"Loop refused %1 (HTTP %2)%3"_s.arg(call->what).arg(status).arg(
        loopSays.isEmpty() ? u"."_s : u": "_s + loopSays);
    call->fail(error);
}

void LoopClient::retryOrFail(const std::shared_ptr<Call>& call, const Error& error, bool retryable, qint64 retryAfter)
{
    ++call->attempt;
    if (!retryable || call->attempt >= m_options.maxAttempts) {
        Error final = error;
        if (retryable)
            final.message += u" (gave up after %1 attempts)"_s.arg(call->attempt);
        call->fail(final);
        return;
    }
    if (retryAfter > m_options.retryAfterMaxMs) {
        Error final = error;
        final.message += u" Loop asked to wait %1 s, longer than Dockside waits in one go."_s.arg(retryAfter / 1000);
        call->fail(final);
        return;
    }
    const qint64 delay = retryAfter >= 0 ? std::max(retryAfter, backoffMs(call->attempt) / 2) : backoffMs(call->attempt);
    qCInfo(lcLoop).noquote() << error.toLogString() << "- retry" << call->attempt << "in" << delay << "ms";
    QTimer::singleShot(std::chrono::milliseconds(delay), this, [this, call] { send(call); });
}

qint64 LoopClient::backoffMs(int attempt) const
{
    // Exponential with "equal jitter": half the step is fixed, half random, so retries of many stations
    // spread out but never come back sooner than half the step.
    const qint64 step = std::min<qint64>(m_options.backoffMaxMs, qint64(m_options.backoffBaseMs) << std::min(attempt - 1, 20));
    return step / 2 + QRandomGenerator::global()->bounded(step / 2 + 1);
}

void LoopClient::listReturns(const ReturnListQuery& query, QObject* context, Callback<ReturnPage> done)
{
    Query items;
    if (query.from.isValid())
        items << std::pair(u"from"_s, LoopJson::requestTime(query.from));
    if (query.to.isValid())
        items << std::pair(u"to"_s, LoopJson::requestTime(query.to));
    if (!query.filter.isEmpty())
        items << std::pair(u"filter"_s, query.filter);
    if (!query.state.isEmpty())
        items << std::pair(u"state"_s, query.state);
    items << std::pair(u"paginate"_s, u"true"_s) << std::pair(u"pageSize"_s, QString::number(query.pageSize));
    if (!query.cursor.isEmpty())
        items << std::pair(u"cursor"_s, query.cursor);
    call<ReturnPage>("GET", u"/warehouse/return/list"_s, items, {}, Retry::Reads, &LoopJson::parseReturnList, context,
        std::move(done));
}

// One walk through a list's pages: the cursors seen (a repeated one would loop forever) and whether it ended.
struct LoopClient::PageWalk
{
    QSet<QString> seen;
    bool ended = false;
};

void LoopClient::forEachReturnPage(const ReturnListQuery& query, QObject* context, PageCallback onPage,
    Callback<int> done)
{
    nextPage(query, QPointer<QObject>(context), std::make_shared<PageWalk>(), 0, std::move(onPage), std::move(done));
}

void LoopClient::nextPage(ReturnListQuery query, QPointer<QObject> context, std::shared_ptr<PageWalk> walk,
    int count, PageCallback onPage, Callback<int> done)
{
    // Loop's nextPageUrl may drop our filters (CONTRACT §3.1), so each page re-sends the whole query
    // with the new cursor.
    listReturns(query, context, [this, query, context, walk, count, onPage, done](Result<ReturnPage> page) mutable {
        if (walk->ended)
            return; // an earlier page failed to be handled; this answer is not wanted any more
        if (!page) {
            walk->ended = true;
            done(fail(page.error()));
            return;
        }
        if (!context)
            return;
        const int seenSoFar = count + int(page->returns.size());
        const QString cursor = page->nextCursor;
        const bool repeated = !cursor.isEmpty() && walk->seen.contains(cursor);
        if (!cursor.isEmpty() && !repeated) {
            // Ask for the next page before handling this one, so Loop's answer travels while this page is stored:
            // the walk is bound by Loop's pace, not by Loop's plus ours.
            walk->seen.insert(cursor);
            query.cursor = cursor;
            nextPage(query, context, walk, seenSoFar, onPage, done);
        }
        // Handled from the event loop, so that the request just asked for is on its way first even where it starts
        // from a queued call (a rate-limit wait does); pages are still handled one at a time and in order, as posted
        // calls run in the order they were posted and the next answer can only be posted after this call was.
        QMetaObject::invokeMethod(
            this,
            [context, walk, page = std::move(*page), cursor, repeated, seenSoFar, onPage, done]() mutable {
                if (walk->ended || !context)
                    return;
                handlePage(page, cursor, repeated, seenSoFar, *walk, onPage, done);
            },
            Qt::QueuedConnection);
    });
}

void LoopClient::handlePage(const ReturnPage& page, const QString& cursor, bool repeated, int seenSoFar,
    PageWalk& walk, const PageCallback& onPage, const Callback<int>& done)
{
    if (const Status handled = onPage(page); !handled) {
        walk.ended = true;
        done(fail(handled.error()));
        return;
    }
    if (cursor.isEmpty()) {
        walk.ended = true;
        done(seenSoFar);
        return;
    }
    if (repeated) {
        walk.ended = true;
        done(fail(Error::permanent(u"loop.cursor.repeated"_s,
            u"Loop sent the same page cursor twice while listing returns; stopped to avoid an endless loop. "
            u"The next sync starts again from the last saved point."_s,
            cursor)));
    }
}

void LoopClient::returnById(qint64 returnId, QObject* context, Callback<Return> done)
{
    call<Return>("GET", u"/warehouse/return/details"_s, {std::pair(u"return_id"_s, QString::number(returnId))}, {},
        Retry::Reads, &LoopJson::parseReturn, context, std::move(done));
}

void LoopClient::returnByOrderName(const QString& orderName, QObject* context, Callback<Return> done)
{
    call<Return>("GET", u"/warehouse/return/details"_s, {std::pair(u"order_name"_s, orderName)}, {}, Retry::Reads,
        &LoopJson::parseReturn, context, std::move(done));
}

void LoopClient::returnByOrderId(const QString& orderId, QObject* context, Callback<Return> done)
{
    call<Return>("GET", u"/warehouse/return/details"_s, {std::pair(u"order_id"_s, orderId)}, {}, Retry::Reads,
        &LoopJson::parseReturn, context, std::move(done));
}

void LoopClient::asn(const QDateTime& from, const QDateTime& to, QObject* context, Callback<QList<AsnRow>> done)
{
    Query items;
    if (from.isValid())
        items << std::pair(u"from"_s, LoopJson::requestTime(from));
    if (to.isValid())
        items << std::pair(u"to"_s, LoopJson::requestTime(to));
    call<QList<AsnRow>>("GET", u"/warehouse/reporting/asn"_s, items, {}, Retry::Reads, &LoopJson::parseAsn, context,
        std::move(done));
}

void LoopClient::action(const QString& verb, qint64 returnId, const Query& query, QObject* context, StatusCallback done)
{
    const QString what = verb;
    // An answer that cannot be read says nothing about whether Loop acted: report it as lost (Transient),
    // so the caller reads the return back instead of trusting or repeating the call.
    const std::function<Status(const QByteArray&)> decode = [what](const QByteArray& body) -> Status {
        Status result = LoopJson::parseActionResult(body);
        if (!result && result.error().code.startsWith(u"loop.json."_s)) {
            return fail(Error::transient(u"loop.answer.lost"_s,
                u"Loop's answer to %1 could not be read, so whether it acted is unknown."_s.arg(what),
                result.error().detail));
        }
        return result;
    };
    call<void>("POST", u"/warehouse/return/%1/%2"_s.arg(returnId).arg(verb), query, {}, Retry::SafeOnly, decode,
        context, std::move(done));
}

void LoopClient::process(qint64 returnId, QObject* context, StatusCallback done)
{
    action(u"process"_s, returnId, {}, context, std::move(done));
}

void LoopClient::flag(qint64 returnId, QObject* context, StatusCallback done)
{
    action(u"flag"_s, returnId, {}, context, std::move(done));
}

void LoopClient::close(qint64 returnId, QObject* context, StatusCallback done)
{
    action(u"close"_s, returnId, {}, context, std::move(done));
}

void LoopClient::cancel(qint64 returnId, QObject* context, StatusCallback done)
{
    action(u"cancel"_s, returnId, {}, context, std::move(done));
}

void LoopClient::removeLineItems(qint64 returnId, const QList<qint64>& lineItemIds, QObject* context,
    StatusCallback done)
{
    QStringList ids;
    for (const qint64 id : lineItemIds)
        ids << QString::number(id);
    action(u"remove"_s, returnId, {std::pair(u"line_item_id"_s, ids.join(u','))}, context, std::move(done));
}

void LoopClient::addNote(qint64 returnId, const QString& content, QObject* context, StatusCallback done)
{
    call<void>("POST", u"/warehouse/return/%1/note"_s.arg(returnId), {}, LoopJson::noteBody(content),
        Retry::SafeOnly, &LoopJson::parseActionResult, context, std::move(done));
}

void LoopClient::notes(qint64 returnId, QObject* context, Callback<QList<ReturnNote>> done)
{
    // Loop answers 422 "false" for a return without notes: that is an empty list, not a failure.
    call<QList<ReturnNote>>("GET", u"/warehouse/return/%1/notes"_s.arg(returnId), {}, {}, Retry::Reads,
        &LoopJson::parseNotes, context, std::move(done), 422);
}

void LoopClient::grade(const QList<GradeItem>& items, QObject* context, Callback<int> done)
{
    call<int>("POST", u"/dispositioning/grade"_s, {}, LoopJson::gradeBody(items), Retry::SafeOnly,
        &LoopJson::parseItemsEcho, context, std::move(done));
}

void LoopClient::assess(const QList<AssessItem>& items, QObject* context, Callback<int> done)
{
    call<int>("POST", u"/dispositioning/assess"_s, {}, LoopJson::assessBody(items), Retry::SafeOnly,
        &LoopJson::parseItemsEcho, context, std::move(done));
}

void LoopClient::webhooks(QObject* context, Callback<QList<WebhookSubscription>> done)
{
    call<QList<WebhookSubscription>>("GET", u"/webhooks"_s, {}, {}, Retry::Reads, &LoopJson::parseWebhookList,
        context, std::move(done));
}

void LoopClient::createWebhook(const WebhookSubscription& subscription, QObject* context,
    Callback<WebhookSubscription> done)
{
    call<WebhookSubscription>("POST", u"/webhooks"_s, {}, LoopJson::webhookBody(subscription), Retry::SafeOnly,
        &LoopJson::parseWebhookSubscription, context, std::move(done));
}

void LoopClient::updateWebhook(const WebhookSubscription& subscription, QObject* context, StatusCallback done)
{
    const std::function<Status(const QByteArray&)> accept = [](const QByteArray&) -> Status { return {}; };
    call<void>("PUT", u"/webhooks/%1"_s.arg(subscription.id), {}, LoopJson::webhookBody(subscription),
        Retry::SafeOnly, accept, context, std::move(done));
}

void LoopClient::deleteWebhook(qint64 id, QObject* context, StatusCallback done)
{
    const std::function<Status(const QByteArray&)> accept = [](const QByteArray&) -> Status { return {}; };
    call<void>("DELETE", u"/webhooks/%1"_s.arg(id), {}, {}, Retry::SafeOnly, accept, context, std::move(done));
}

} // namespace Dockside
