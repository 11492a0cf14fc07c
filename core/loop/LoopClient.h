#pragma once

#include "AssessItem.h"
#include "GradeItem.h"
#include "RateLimiter.h"
#include "ReturnListQuery.h"
#include "ReturnPage.h"
#include "WebhookSubscription.h"
#include "domain/AsnRow.h"
#include "domain/Return.h"
#include "domain/ReturnNote.h"
#include "util/Clock.h"
#include "util/Error.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QUrl>

#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace Dockside {

// Loop's Warehouse API for one merchant (one API key). Lives on the thread that creates it, which must
// run an event loop; every call is asynchronous and reports through a callback that runs on that thread,
// and only while `context` is alive. It never blocks, never logs the key, and:
// - waits for a token of the key's per-minute budget before each request;
// - gives every transfer a timeout and refuses bodies over a size cap;
// - retries reads on network failures, timeouts, 429 and 5xx with exponential backoff and jitter,
//   honouring Retry-After; retries actions (process, flag, ...) only where Loop certainly did not act
//   (429, connection refused), because a lost answer to a process call must be settled by reading the
//   return back, not by sending it again (the outbox does that);
// - classifies failures: Transient (0, timeout, 429, 5xx), Auth (401), Permanent (other 4xx, refusals
//   in a 200 body, undecodable bodies). A connection that could not be made (refused, host not found) is
//   Transient with code "loop.unreachable", apart from a lost answer ("loop.network", "loop.timeout"): it proves
//   the request never reached Loop.
class LoopClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoopClient)

public:
    struct Options
    {
        QUrl baseUrl; // e.g. https://api.loopreturns.com/api
        QString version = QStringLiteral("v1"); // v1, 2026-07, 2026-10, unstable
        QByteArray apiKey;
        int perMinute = 300;
        int timeoutMs = 30'000;
        int maxAttempts = 6; // for retryable failures, first try included
        int backoffBaseMs = 500;
        int backoffMaxMs = 30'000;
        int retryAfterMaxMs = 120'000; // a longer Retry-After fails the call instead of stalling it
        qint64 maxResponseBytes = 32 * 1024 * 1024;
    };

    template <typename T>
    using Callback = std::function<void(Result<T>)>;
    using StatusCallback = Callback<void>;
    // Handles one page; an error stops the walk and becomes the result.
    using PageCallback = std::function<Status(const ReturnPage&)>;

    LoopClient(Options options, const Clock& clock, QObject* parent = nullptr);
    ~LoopClient() override;

    const Options& options() const { return m_options; }

    // Data
    void listReturns(const ReturnListQuery& query, QObject* context, Callback<ReturnPage> done);
    // Follows the cursor from `query` to the last page, handing each page over as it arrives; `done`
    // gets the number of returns seen. Stops with an error if Loop repeats a cursor.
    void forEachReturnPage(const ReturnListQuery& query, QObject* context, PageCallback onPage, Callback<int> done);
    void returnById(qint64 returnId, QObject* context, Callback<Return> done);
    void returnByOrderName(const QString& orderName, QObject* context, Callback<Return> done);
    void returnByOrderId(const QString& orderId, QObject* context, Callback<Return> done);
    void asn(const QDateTime& from, const QDateTime& to, QObject* context, Callback<QList<AsnRow>> done);

    // Actions on a return
    void process(qint64 returnId, QObject* context, StatusCallback done);
    void flag(qint64 returnId, QObject* context, StatusCallback done);
    void close(qint64 returnId, QObject* context, StatusCallback done);
    void cancel(qint64 returnId, QObject* context, StatusCallback done);
    // Removes line items that did not arrive (refund or store-credit ones only) and then processes.
    void removeLineItems(qint64 returnId, const QList<qint64>& lineItemIds, QObject* context, StatusCallback done);
    void addNote(qint64 returnId, const QString& content, QObject* context, StatusCallback done);
    void notes(qint64 returnId, QObject* context, Callback<QList<ReturnNote>> done);
    void grade(const QList<GradeItem>& items, QObject* context, Callback<int> done);
    void assess(const QList<AssessItem>& items, QObject* context, Callback<int> done);

    // Programmatic webhooks
    void webhooks(QObject* context, Callback<QList<WebhookSubscription>> done);
    void createWebhook(const WebhookSubscription& subscription, QObject* context, Callback<WebhookSubscription> done);
    // Loop answers 204 with no body; the subscription is then as sent.
    void updateWebhook(const WebhookSubscription& subscription, QObject* context, StatusCallback done);
    void deleteWebhook(qint64 id, QObject* context, StatusCallback done);

Q_SIGNALS:
    // The budget of this key made a request wait; for the sync status display.
    void rateLimitWaited(qint64 ms);
    // Loop answered 429, whatever happened next.
    void rateLimited();

private:
    enum class Retry {
        Reads, // every transient failure
        SafeOnly, // only where the server certainly did not act
    };

    struct Call;
    using Query = QList<std::pair<QString, QString>>;

    // Sends a request and decodes a 2xx body (or a body of an `extraOkStatus`) with `decode`.
    template <typename T>
    void call(const QByteArray& method, const QString& path, const Query& query, const QByteArray& body, Retry retry,
        std::function<Result<T>(const QByteArray&)> decode, QObject* context, Callback<T> done,
        int extraOkStatus = 0);
    void send(const std::shared_ptr<Call>& call);
    void finished(const std::shared_ptr<Call>& call, QNetworkReply* reply);
    void retryOrFail(const std::shared_ptr<Call>& call, const Error& error, bool retryable, qint64 retryAfterMs);
    void action(const QString& verb, qint64 returnId, const Query& query, QObject* context, StatusCallback done);
    struct PageWalk;
    void nextPage(ReturnListQuery query, QPointer<QObject> context, std::shared_ptr<PageWalk> walk, int count,
        PageCallback onPage, Callback<int> done);
    static void handlePage(const ReturnPage& page, const QString& cursor, bool repeated, int seenSoFar, PageWalk& walk,
        const PageCallback& onPage, const Callback<int>& done);
    qint64 backoffMs(int attempt) const;

    Options m_options;
    const Clock& m_clock;
    RateLimiter m_limiter;
    QNetworkAccessManager* m_network;
};

} // namespace Dockside
