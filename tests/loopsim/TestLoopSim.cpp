// Behaviour of tools/loop-sim, checked over HTTP against the real program (CONTRACT.md is the spec).

#include "LoopSimProcess.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <memory>

using namespace Qt::StringLiterals;
using Dockside::Testing::LoopSimProcess;

namespace {

constexpr QByteArrayView documented401
    = R"({"error":{"code":"401","http_code":"GEN-UNAUTHORIZED","message":"Unauthorized."}})";

struct Http
{
    int status = 0;
    QByteArray body;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QList<QNetworkReply::RawHeaderPair> headers;
    qint64 ms = 0;

    QByteArray header(QByteArrayView name) const
    {
        for (const auto& [key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    QJsonObject object() const { return QJsonDocument::fromJson(body).object(); }
    QJsonArray array() const { return QJsonDocument::fromJson(body).array(); }
};

// The independent check-digit rules the simulator must satisfy (same public algorithms, written again here).
int gs1Check(QStringView digits)
{
    int sum = 0;
    bool triple = true;
    for (qsizetype i = digits.size() - 1; i >= 0; --i) {
        sum += digits.at(i).digitValue() * (triple ? 3 : 1);
        triple = !triple;
    }
    return (10 - sum % 10) % 10;
}

bool validUsps(const QString& tracking)
{
    static const QRegularExpression shape(u"^9[234]\\d{20}$"_s);
    return shape.match(tracking).hasMatch() && gs1Check(QStringView(tracking).left(21)) == tracking.at(21).digitValue();
}

bool validUps(const QString& tracking)
{
    static const QRegularExpression shape(u"^1Z[0-9A-Z]{16}$"_s);
    if (!shape.match(tracking).hasMatch())
        return false;
    int sum = 0;
    for (int i = 2; i < 17; ++i) {
        const QChar c = tracking.at(i);
        const int value = c.isDigit() ? c.digitValue() : (c.unicode() - 3) % 10;
        sum += value * ((i - 2) % 2 == 1 ? 2 : 1);
    }
    return (10 - sum % 10) % 10 == tracking.at(17).digitValue();
}

bool validFedex(const QString& tracking)
{
    static const QRegularExpression digits(u"^\\d+$"_s);
    if (!digits.match(tracking).hasMatch())
        return false;
    if (tracking.size() == 12) {
        static constexpr int weights[] = { 3, 1, 7 };
        int sum = 0;
        for (int i = 0; i < 11; ++i)
            sum += tracking.at(i).digitValue() * weights[i % 3];
        return sum % 11 % 10 == tracking.at(11).digitValue();
    }
    if (tracking.size() == 15) {
        int sum = 0;
        for (int i = 0; i < 14; ++i)
            sum += tracking.at(i).digitValue() * (i % 2 == 1 ? 3 : 1);
        return (10 - sum % 10) % 10 == tracking.at(14).digitValue();
    }
    return false;
}

bool validItemBarcode(const QString& barcode)
{
    static const QRegularExpression shape(u"^(\\d{12}|\\d{13})$"_s);
    if (barcode.isEmpty())
        return true; // Loop: barcode may be ""
    return shape.match(barcode).hasMatch()
        && gs1Check(QStringView(barcode).left(barcode.size() - 1)) == barcode.back().digitValue();
}

QString isoNowMinus(qint64 secs)
{
    return QDateTime::currentDateTimeUtc().addSecs(-secs).toString(u"yyyy-MM-ddTHH:mm:ss.000Z"_s);
}

} // namespace

class TestLoopSim final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TestLoopSim)

public:
    TestLoopSim() = default;

private:
    std::unique_ptr<LoopSimProcess> startSim(const QStringList& arguments = {});
    Http call(const QByteArray& verb, const QUrl& url, const QByteArray& body = {}, const QByteArray& key = "sim-key",
        int timeoutMs = 30000);
    Http api(LoopSimProcess& sim, const QByteArray& verb, const QString& path, const QByteArray& body = {},
        const QByteArray& key = "sim-key");
    Http control(LoopSimProcess& sim, const QByteArray& verb, const QString& path, const QJsonObject& body = {});
    qint64 createReturn(LoopSimProcess& sim, const QJsonObject& overrides = {});
    QJsonObject truth(LoopSimProcess& sim, qint64 id);
    QString simNow(LoopSimProcess& sim);

    QNetworkAccessManager m_network;
    // One simulator shared by the rows of the transition-table test.
    std::unique_ptr<LoopSimProcess> m_tableSim;

private Q_SLOTS:
    void cleanupTestCase() { m_tableSim.reset(); }
    void shouldPrintListeningLineWithTheRealPort();
    void shouldExitWithCode2AndSayWhatToFixForBadArguments();
    void shouldAnswer401WithDocumentedBodyForMissingKey();
    void shouldAnswer401WithDocumentedBodyForWrongKey();
    void shouldAnswer401ForKeyWithoutTheRouteScope();
    void shouldServeEveryVersionAlias();
    void shouldAnswerLaravelStyle404And405ForUnknownRoutes();
    void shouldReturnBareArrayOfLast24HoursByDefault();
    void shouldPageThroughWindowExactlyOnceFollowingCursors();
    void shouldPageBackwardsWithPreviousPageUrl();
    void shouldExcludeCancelledAndReviewUnlessAsked();
    void shouldRejectWindowsLongerThan120DaysWithLaravelBody();
    void shouldRejectInvalidDatesStatesAndPageSizes();
    void shouldClampPageSizeAbove750();
    void shouldAcceptBothDocumentedDateFormats();
    void shouldUseListTypesInListAndIntegerIdsInDetails();
    void shouldFindDetailsByOrderNameWithOrWithoutHashAndByOrderId();
    void shouldConvertDetailsToPresentmentCurrencyOnRequest();
    void shouldAnswerLatestReturnForOrderWithTwoReturns();
    void shouldReportOneAsnRowPerLineItem();
    void shouldProcessAsynchronouslyAndTreatRepeatsPerContract();
    void shouldAnswerStateConflictsPerTransitionTable_data();
    void shouldAnswerStateConflictsPerTransitionTable();
    void shouldSendConflictBodiesWith422WhenConfigured();
    void shouldFlagIntoReviewAndRefuseProcessingThen();
    void shouldStoreNotesAndEnforceContentLength();
    void shouldRemoveOnlyRefundOrCreditItemsThenProcess();
    void shouldGradeAndAssessAndStoreResultsOnLineItems();
    void shouldRejectForeignOrInvalidGradingItems();
    void shouldManageWebhookSubscriptionsPerContract();
    void shouldDeliverSignedPhpStyleWebhooksForReturnAndLabelEvents();
    void shouldRetryFailedDeliveriesButNeverAfter404();
    void shouldReportFailedProcessingByWebhookAndKeepTheReturnOpen();
    void shouldAdvanceLabelsOnTheDemoTicker();
    void shouldDeliverOnlyToActiveProgrammaticSubscriptions();
    void shouldRateLimitEachKeyWithLaravelHeaders();
    void shouldFailWith500BeforeTheHandlerWithoutStateChange();
    void shouldChangeStateButResetConnectionUnderResetFault();
    void shouldCutBodyShortUnderTruncatedFault();
    void shouldDelayWithoutBlockingOtherRequests();
    void shouldInjectRandomFaultsAtConfiguredRate();
    void shouldWriteRequestLogWithoutApiKeys();
    void shouldGenerateValidTrackingNumbersLabelBarcodesAndItemBarcodes();
    void shouldBeDeterministicPerSeedAndDisjointAcrossShops();
    void shouldGenerateAHundredThousandReturnsQuickly();
    void shouldSurviveMalformedAndOversizedInput();
    void shouldResetToTheSeededState();
    void shouldEmitWebhooksForUpstreamLabelAndStateChanges();
};

std::unique_ptr<LoopSimProcess> TestLoopSim::startSim(const QStringList& arguments)
{
    auto sim = std::make_unique<LoopSimProcess>();
    sim->setProgram(QStringLiteral(LOOP_SIM_PATH));
    if (!sim->start(arguments)) {
        qWarning("%s", qPrintable(sim->errorString()));
        return nullptr;
    }
    return sim;
}

Http TestLoopSim::call(
    const QByteArray& verb, const QUrl& url, const QByteArray& body, const QByteArray& key, int timeoutMs)
{
    QNetworkRequest request(url);
    if (!key.isEmpty())
        request.setRawHeader("X-Authorization", key);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    request.setTransferTimeout(timeoutMs);
    QElapsedTimer clock;
    clock.start();
    QNetworkReply* reply = m_network.sendCustomRequest(request, verb, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(timeoutMs + 1000);
    Http result;
    result.ms = clock.elapsed();
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.error = reply->error();
    result.body = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return result;
}

Http TestLoopSim::api(
    LoopSimProcess& sim, const QByteArray& verb, const QString& path, const QByteArray& body, const QByteArray& key)
{
    return call(verb, QUrl(sim.apiUrl().toString() + path), body, key);
}

Http TestLoopSim::control(LoopSimProcess& sim, const QByteArray& verb, const QString& path, const QJsonObject& body)
{
    return call(verb, sim.controlUrl(path), body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(), {});
}

qint64 TestLoopSim::createReturn(LoopSimProcess& sim, const QJsonObject& overrides)
{
    const Http created = control(sim, "POST", u"returns"_s, overrides);
    if (created.status != 201)
        qWarning("create failed: %d %s", created.status, created.body.constData());
    return created.object().value(u"id"_s).toInteger();
}

QJsonObject TestLoopSim::truth(LoopSimProcess& sim, qint64 id)
{
    return control(sim, "GET", u"returns/"_s + QString::number(id)).object();
}

QString TestLoopSim::simNow(LoopSimProcess& sim)
{
    return control(sim, "GET", u"health"_s).object().value(u"now"_s).toString();
}

void TestLoopSim::shouldPrintListeningLineWithTheRealPort()
{
    // GIVEN loop-sim started with --port 0
    auto sim = startSim();
    QVERIFY(sim);
    // THEN it printed a real port and answers on it
    QVERIFY(sim->port() > 0);
    QCOMPARE(sim->apiUrl().toString(), sim->baseUrl().toString() + u"/api/v1"_s);
    const Http health = control(*sim, "GET", u"health"_s);
    QCOMPARE(health.status, 200);
    QCOMPARE(health.object().value(u"returns"_s).toInt(), 200);
}

void TestLoopSim::shouldExitWithCode2AndSayWhatToFixForBadArguments()
{
    const QList<std::pair<QStringList, QString>> cases {
        { {}, u"--port"_s },
        { { u"--port"_s, u"abc"_s }, u"--port"_s },
        { { u"--port"_s, u"0"_s, u"--fault-rate"_s, u"1.5"_s }, u"--fault-rate"_s },
        { { u"--port"_s, u"0"_s, u"--webhook-url"_s, u"http://127.0.0.1:9/x"_s }, u"--webhook-secret"_s },
        { { u"--port"_s, u"0"_s, u"--no-such-option"_s }, u"no-such-option"_s },
        { { u"--port"_s, u"0"_s, u"--action-errors-status"_s, u"500"_s }, u"--action-errors-status"_s },
    };
    for (const auto& [arguments, mention] : cases) {
        // GIVEN bad arguments
        QProcess process;
        process.start(QStringLiteral(LOOP_SIM_PATH), arguments);
        // WHEN loop-sim runs
        QVERIFY(process.waitForFinished(10000));
        // THEN it exits with 2 and names what to fix on stderr
        QCOMPARE(process.exitCode(), 2);
        const QString error = QString::fromLocal8Bit(process.readAllStandardError());
        QVERIFY2(error.contains(mention), qPrintable(error));
        QVERIFY(process.readAllStandardOutput().isEmpty());
    }
}

void TestLoopSim::shouldAnswer401WithDocumentedBodyForMissingKey()
{
    auto sim = startSim();
    QVERIFY(sim);
    // WHEN a request carries no X-Authorization header
    const Http reply = api(*sim, "GET", u"/warehouse/return/list"_s, {}, {});
    // THEN 401 with Loop's body byte for byte
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.body, documented401.toByteArray());
}

void TestLoopSim::shouldAnswer401WithDocumentedBodyForWrongKey()
{
    // GIVEN a simulator that knows two keys
    auto sim = startSim({ u"--api-key"_s, u"alpha"_s, u"--api-key"_s, u"beta"_s });
    QVERIFY(sim);
    // WHEN called with an unknown key, then with each known key
    const Http wrong = api(*sim, "POST", u"/warehouse/return/10000001/flag"_s, {}, "sim-key");
    // THEN the unknown key gets the documented 401 and no state changes; both known keys work
    QCOMPARE(wrong.status, 401);
    QCOMPARE(wrong.body, documented401.toByteArray());
    QVERIFY(truth(*sim, 10000001).value(u"actions"_s).toArray().isEmpty());
    QCOMPARE(api(*sim, "GET", u"/webhooks"_s, {}, "alpha").status, 200);
    QCOMPARE(api(*sim, "GET", u"/webhooks"_s, {}, "beta").status, 200);
}

void TestLoopSim::shouldAnswer401ForKeyWithoutTheRouteScope()
{
    // GIVEN a key that only holds the developer_tools scope
    auto sim = startSim({ u"--scoped-api-key"_s, u"hooks-only=developer_tools"_s });
    QVERIFY(sim);
    // THEN webhooks work but returns endpoints answer the documented 401
    QCOMPARE(api(*sim, "GET", u"/webhooks"_s, {}, "hooks-only").status, 200);
    const Http list = api(*sim, "GET", u"/warehouse/return/list"_s, {}, "hooks-only");
    QCOMPARE(list.status, 401);
    QCOMPARE(list.body, documented401.toByteArray());
}

void TestLoopSim::shouldServeEveryVersionAlias()
{
    auto sim = startSim();
    QVERIFY(sim);
    for (const QString& version : { u"v1"_s, u"2026-07"_s, u"2026-10"_s, u"unstable"_s }) {
        const Http reply = call("GET", QUrl(sim->apiUrl(version).toString() + u"/warehouse/return/list"_s));
        QVERIFY2(reply.status == 200, qPrintable(version));
        QVERIFY(QJsonDocument::fromJson(reply.body).isArray());
    }
    QCOMPARE(call("GET", QUrl(sim->apiUrl(u"v9"_s).toString() + u"/warehouse/return/list"_s)).status, 404);
}

void TestLoopSim::shouldAnswerLaravelStyle404And405ForUnknownRoutes()
{
    auto sim = startSim();
    QVERIFY(sim);
    const Http unknown = api(*sim, "GET", u"/warehouse/nothing"_s);
    QCOMPARE(unknown.status, 404);
    QVERIFY(unknown.object().value(u"message"_s).toString().contains(u"could not be found"_s));
    const Http wrongMethod = api(*sim, "GET", u"/warehouse/return/10000001/process"_s);
    QCOMPARE(wrongMethod.status, 405);
    QVERIFY(wrongMethod.object().value(u"message"_s).toString().contains(u"Supported methods: POST"_s));
    // an unknown return id is the catalogue's NOT_FOUND
    const Http missing = api(*sim, "POST", u"/warehouse/return/99999999/process"_s);
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.body, QByteArray(R"({"errors":{"code":"NOT_FOUND"}})"));
}

void TestLoopSim::shouldReturnBareArrayOfLast24HoursByDefault()
{
    // GIVEN a seeded shop and one return created just now
    auto sim = startSim({ u"--returns"_s, u"400"_s });
    QVERIFY(sim);
    const qint64 fresh = createReturn(*sim);
    // WHEN the list is asked for without from/to/paginate
    const Http reply = api(*sim, "GET", u"/warehouse/return/list"_s);
    // THEN a bare array of returns created in the previous 24 hours (open/closed/expired only)
    QCOMPARE(reply.status, 200);
    const QJsonDocument document = QJsonDocument::fromJson(reply.body);
    QVERIFY(document.isArray());
    const QDateTime now = QDateTime::fromString(simNow(*sim), Qt::ISODateWithMs);
    QSet<QString> ids;
    for (const QJsonValue& value : document.array()) {
        const QJsonObject object = value.toObject();
        ids.insert(object.value(u"id"_s).toString());
        const QDateTime created = QDateTime::fromString(object.value(u"created_at"_s).toString(), Qt::ISODateWithMs);
        QVERIFY(created.secsTo(now) <= 24 * 3600 + 2);
        QVERIFY(QStringList({ u"open"_s, u"closed"_s, u"expired"_s }).contains(object.value(u"state"_s).toString()));
    }
    QVERIFY(ids.contains(QString::number(fresh)));
}

void TestLoopSim::shouldPageThroughWindowExactlyOnceFollowingCursors()
{
    // GIVEN 300 seeded returns and the truth about all of them
    auto sim = startSim({ u"--returns"_s, u"300"_s });
    QVERIFY(sim);
    const QString from = isoNowMinus(100LL * 86400);
    QSet<qint64> expected;
    for (const QJsonValue& value : control(*sim, "GET", u"returns"_s).object().value(u"returns"_s).toArray()) {
        const QJsonObject summary = value.toObject();
        const QString state = summary.value(u"state"_s).toString();
        if (state == u"open" || state == u"closed" || state == u"expired")
            expected.insert(summary.value(u"id"_s).toInteger());
    }
    // WHEN the client pages with pageSize 7, taking only the cursor from nextPageUrl and re-sending its own query
    QList<qint64> seen;
    QString cursor;
    QString lastKey;
    int pages = 0;
    for (;;) {
        QUrlQuery query;
        query.addQueryItem(u"from"_s, from);
        query.addQueryItem(u"filter"_s, u"created_at"_s);
        query.addQueryItem(u"paginate"_s, u"true"_s);
        query.addQueryItem(u"pageSize"_s, u"7"_s);
        if (!cursor.isEmpty())
            query.addQueryItem(u"cursor"_s, cursor);
        const Http reply = api(*sim, "GET", u"/warehouse/return/list?"_s + query.toString(QUrl::FullyEncoded));
        QCOMPARE(reply.status, 200);
        const QJsonObject page = reply.object();
        QVERIFY(page.contains(u"returns"_s) && page.contains(u"nextPageUrl"_s) && page.contains(u"previousPageUrl"_s));
        if (pages == 0)
            QVERIFY(page.value(u"previousPageUrl"_s).isNull());
        else
            QVERIFY(page.value(u"previousPageUrl"_s).isString());
        for (const QJsonValue& value : page.value(u"returns"_s).toArray()) {
            const QJsonObject object = value.toObject();
            const QString key = object.value(u"created_at"_s).toString() + u'|'
                + object.value(u"id"_s).toString().rightJustified(12, u'0');
            QVERIFY2(key > lastKey, "ascending by created_at, then id");
            lastKey = key;
            seen.append(object.value(u"id"_s).toString().toLongLong());
        }
        ++pages;
        if (page.value(u"nextPageUrl"_s).isNull())
            break;
        const QUrl next(page.value(u"nextPageUrl"_s).toString());
        // documented shape: to/filter/pageSize/cursor only, no from/paginate
        QVERIFY(!QUrlQuery(next).hasQueryItem(u"from"_s));
        QVERIFY(!QUrlQuery(next).hasQueryItem(u"paginate"_s));
        cursor = QUrlQuery(next).queryItemValue(u"cursor"_s, QUrl::FullyDecoded);
        const QJsonObject decoded
            = QJsonDocument::fromJson(QByteArray::fromBase64(cursor.toLatin1(), QByteArray::Base64UrlEncoding))
                  .object();
        QVERIFY(decoded.value(u"created_at"_s).toString().contains(u' '));
        QCOMPARE(decoded.value(u"_pointsToNextItems"_s).toBool(), true);
        QVERIFY(pages < 200);
    }
    // THEN every expected return came exactly once
    QCOMPARE(seen.size(), expected.size());
    QCOMPARE(QSet<qint64>(seen.cbegin(), seen.cend()), expected);
}

void TestLoopSim::shouldPageBackwardsWithPreviousPageUrl()
{
    auto sim = startSim({ u"--returns"_s, u"100"_s, u"--page-urls"_s, u"full"_s });
    QVERIFY(sim);
    const QString query = u"/warehouse/return/list?from="_s
        + QString::fromLatin1(QUrl::toPercentEncoding(isoNowMinus(100LL * 86400))) + u"&paginate=1&pageSize=5"_s;
    // GIVEN the first and second page
    const QJsonObject first = api(*sim, "GET", query).object();
    const QString nextUrl = first.value(u"nextPageUrl"_s).toString();
    QVERIFY(nextUrl.contains(u"paginate=1"_s)); // full style keeps the client's parameters
    const QJsonObject second = call("GET", QUrl(nextUrl)).object();
    // WHEN following the second page's previousPageUrl
    const QJsonObject back = call("GET", QUrl(second.value(u"previousPageUrl"_s).toString())).object();
    // THEN it is the first page again
    QCOMPARE(back.value(u"returns"_s).toArray(), first.value(u"returns"_s).toArray());
}

void TestLoopSim::shouldExcludeCancelledAndReviewUnlessAsked()
{
    auto sim = startSim({ u"--returns"_s, u"300"_s });
    QVERIFY(sim);
    const QString window = u"from="_s + QString::fromLatin1(QUrl::toPercentEncoding(isoNowMinus(100LL * 86400)));
    QSet<QString> defaultStates;
    for (const QJsonValue& value : api(*sim, "GET", u"/warehouse/return/list?"_s + window).array())
        defaultStates.insert(value.toObject().value(u"state"_s).toString());
    QVERIFY(!defaultStates.contains(u"cancelled"_s));
    QVERIFY(!defaultStates.contains(u"review"_s));
    for (const QString& state : { u"cancelled"_s, u"review"_s, u"expired"_s }) {
        const QJsonArray only = api(*sim, "GET", u"/warehouse/return/list?state="_s + state + u'&' + window).array();
        QVERIFY2(!only.isEmpty(), qPrintable(state));
        for (const QJsonValue& value : only)
            QCOMPARE(value.toObject().value(u"state"_s).toString(), state);
    }
}

void TestLoopSim::shouldRejectWindowsLongerThan120DaysWithLaravelBody()
{
    auto sim = startSim();
    QVERIFY(sim);
    const Http reply
        = api(*sim, "GET", u"/warehouse/return/list?from=2024-01-01%2000:00:00&to=2024-06-01%2000:00:00"_s);
    QCOMPARE(reply.status, 422);
    const QJsonObject body = reply.object();
    QVERIFY(body.value(u"message"_s).toString().contains(u"120 days"_s));
    QVERIFY(body.value(u"errors"_s).toObject().value(u"to"_s).isArray());
    // exactly 120 days is fine
    QCOMPARE(
        api(*sim, "GET", u"/warehouse/return/list?from=2024-01-01T00:00:00Z&to=2024-04-30T00:00:00Z"_s).status, 200);
}

void TestLoopSim::shouldRejectInvalidDatesStatesAndPageSizes()
{
    auto sim = startSim();
    QVERIFY(sim);
    const QList<std::pair<QString, QString>> cases {
        { u"from=yesterday"_s, u"from"_s },
        { u"to=2024-13-01"_s, u"to"_s },
        { u"state=flagged"_s, u"state"_s },
        { u"filter=closed_at"_s, u"filter"_s },
        { u"paginate=true&pageSize=abc"_s, u"pageSize"_s },
        { u"paginate=true&pageSize=0"_s, u"pageSize"_s },
        { u"paginate=maybe"_s, u"paginate"_s },
        { u"from=2024-02-01&to=2024-01-01"_s, u"to"_s },
    };
    for (const auto& [query, field] : cases) {
        const Http reply = api(*sim, "GET", u"/warehouse/return/list?"_s + query);
        QVERIFY2(reply.status == 422, qPrintable(query));
        QVERIFY2(reply.object().value(u"errors"_s).toObject().contains(field), qPrintable(query));
        QVERIFY(reply.object().value(u"message"_s).isString());
    }
}

void TestLoopSim::shouldClampPageSizeAbove750()
{
    auto sim = startSim({ u"--returns"_s, u"1000"_s });
    QVERIFY(sim);
    const Http reply = api(*sim, "GET",
        u"/warehouse/return/list?paginate=true&pageSize=5000&from="_s
            + QString::fromLatin1(QUrl::toPercentEncoding(isoNowMinus(100LL * 86400))));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.object().value(u"returns"_s).toArray().size(), 750);
    QVERIFY(reply.object().value(u"nextPageUrl"_s).toString().contains(u"pageSize=750"_s));
    // default page size is 100
    const Http standard = api(*sim, "GET",
        u"/warehouse/return/list?paginate=true&from="_s
            + QString::fromLatin1(QUrl::toPercentEncoding(isoNowMinus(100LL * 86400))));
    QCOMPARE(standard.object().value(u"returns"_s).toArray().size(), 100);
}

void TestLoopSim::shouldAcceptBothDocumentedDateFormats()
{
    auto sim = startSim({ u"--returns"_s, u"200"_s, u"--epoch"_s, u"2024-03-01T12:00:00Z"_s });
    QVERIFY(sim);
    const Http iso
        = api(*sim, "GET", u"/warehouse/return/list?from=2024-01-01T00:00:00.000Z&to=2024-02-01T00:00:00.000Z"_s);
    const Http sql
        = api(*sim, "GET", u"/warehouse/return/list?from=2024-01-01%2000%3A00%3A00&to=2024-02-01+00:00:00"_s);
    QCOMPARE(iso.status, 200);
    QCOMPARE(sql.status, 200);
    QVERIFY(!iso.array().isEmpty());
    QCOMPARE(iso.body, sql.body);
}

void TestLoopSim::shouldUseListTypesInListAndIntegerIdsInDetails()
{
    auto sim = startSim();
    QVERIFY(sim);
    const qint64 id = createReturn(*sim, { { u"label_status"_s, u"in_transit"_s }, { u"carrier"_s, u"USPS"_s } });
    QJsonObject listed;
    for (const QJsonValue& value : api(*sim, "GET", u"/warehouse/return/list"_s).array()) {
        if (value.toObject().value(u"id"_s).toString() == QString::number(id))
            listed = value.toObject();
    }
    QVERIFY(!listed.isEmpty());
    // list: ids and money as strings, ".000Z" timestamps, line items without quantity
    QVERIFY(listed.value(u"id"_s).isString());
    QVERIFY(listed.value(u"order_id"_s).isString());
    QVERIFY(listed.value(u"total"_s).toString().contains(QRegularExpression(u"^\\d+\\.\\d\\d$"_s)));
    QVERIFY(listed.value(u"created_at"_s)
                .toString()
                .contains(QRegularExpression(u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.000Z$"_s)));
    const QJsonObject item = listed.value(u"line_items"_s).toArray().first().toObject();
    QVERIFY(item.value(u"line_item_id"_s).isString());
    QVERIFY(!item.contains(u"quantity"_s));
    QVERIFY(item.contains(u"refund_item"_s));
    QCOMPARE(listed.value(u"label_status"_s).toString(), u"in_transit"_s);
    QCOMPARE(listed.value(u"labels"_s).toArray().first().toObject().value(u"rate"_s).type(), QJsonValue::Double);

    // details: integer ids, SQL timestamps, the extra fields
    const Http details = api(*sim, "GET", u"/warehouse/return/details?return_id="_s + QString::number(id));
    QCOMPARE(details.status, 200);
    const QJsonObject object = details.object();
    QCOMPARE(object.value(u"id"_s).type(), QJsonValue::Double);
    QCOMPARE(object.value(u"id"_s).toInteger(), id);
    QVERIFY(object.value(u"created_at"_s)
                .toString()
                .contains(QRegularExpression(u"^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d$"_s)));
    QVERIFY(object.contains(u"refunds"_s) && object.contains(u"exchange_order_name"_s));
    const QJsonObject detailItem = object.value(u"line_items"_s).toArray().first().toObject();
    QCOMPARE(detailItem.value(u"line_item_id"_s).type(), QJsonValue::Double);
    QVERIFY(detailItem.contains(u"line_item_title"_s) && detailItem.contains(u"variant_title"_s)
        && detailItem.contains(u"image"_s));
    QCOMPARE(api(*sim, "GET", u"/warehouse/return/details?return_id=1"_s).status, 404);
    QCOMPARE(api(*sim, "GET", u"/warehouse/return/details"_s).status, 422);
}

void TestLoopSim::shouldFindDetailsByOrderNameWithOrWithoutHashAndByOrderId()
{
    auto sim = startSim();
    QVERIFY(sim);
    const QJsonObject created = truth(*sim, createReturn(*sim));
    const QString orderName = created.value(u"order_name"_s).toString();
    QVERIFY(orderName.startsWith(u'#'));
    for (const QString& name : { orderName, orderName.mid(1) }) {
        const Http reply = api(*sim, "GET",
            u"/warehouse/return/details?order_name="_s + QString::fromLatin1(QUrl::toPercentEncoding(name)));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.object().value(u"id"_s).toInteger(), created.value(u"id"_s).toInteger());
    }
    const Http byOrder = api(*sim, "GET",
        u"/warehouse/return/details?order_id="_s + QString::number(created.value(u"order_id"_s).toInteger()));
    QCOMPARE(byOrder.object().value(u"id"_s).toInteger(), created.value(u"id"_s).toInteger());
    QCOMPARE(api(*sim, "GET", u"/warehouse/return/details?order_name=%23999999999"_s).status, 404);
}

void TestLoopSim::shouldConvertDetailsToPresentmentCurrencyOnRequest()
{
    auto sim = startSim();
    QVERIFY(sim);
    // GIVEN a Canadian shopper's return (paid in CAD through Shopify Payments)
    const qint64 id = createReturn(*sim, { { u"country_code"_s, u"CA"_s }, { u"line_item_count"_s, 1 } });
    const QString path = u"/warehouse/return/details?return_id="_s + QString::number(id);
    // WHEN details are asked in shop and in presentment currency
    const QJsonObject shop = api(*sim, "GET", path + u"&currency_type=shop"_s).object();
    const QJsonObject presentment = api(*sim, "GET", path + u"&currency_type=presentment"_s).object();
    // THEN the shop view is USD, the presentment view CAD with converted amounts
    QCOMPARE(shop.value(u"multi_currency"_s).toBool(), true);
    QCOMPARE(shop.value(u"origin_country_code"_s).toString(), u"CA"_s);
    QCOMPARE(shop.value(u"currency"_s).toString(), u"USD"_s);
    QCOMPARE(presentment.value(u"currency"_s).toString(), u"CAD"_s);
    QVERIFY(presentment.value(u"total"_s).toString().toDouble() > shop.value(u"total"_s).toString().toDouble());
    QCOMPARE(api(*sim, "GET", path + u"&currency_type=euro"_s).status, 422);
}

void TestLoopSim::shouldAnswerLatestReturnForOrderWithTwoReturns()
{
    auto sim = startSim();
    QVERIFY(sim);
    // GIVEN a return, and a second return on the same order
    const QJsonObject first = truth(*sim, createReturn(*sim));
    const qint64 second = createReturn(*sim, { { u"order_name"_s, first.value(u"order_name"_s) } });
    const QJsonObject secondTruth = truth(*sim, second);
    // THEN both share the order and know about each other
    QCOMPARE(secondTruth.value(u"order_name"_s), first.value(u"order_name"_s));
    QCOMPARE(
        secondTruth.value(u"same_order_return_ids"_s).toArray().first().toInteger(), first.value(u"id"_s).toInteger());
    // AND details by order name answer one object, the latest
    const Http reply = api(*sim, "GET",
        u"/warehouse/return/details?order_name="_s
            + QString::fromLatin1(QUrl::toPercentEncoding(first.value(u"order_name"_s).toString())));
    QCOMPARE(reply.object().value(u"id"_s).toInteger(), second);
}

void TestLoopSim::shouldReportOneAsnRowPerLineItem()
{
    auto sim = startSim();
    QVERIFY(sim);
    const qint64 id = createReturn(*sim, { { u"line_item_count"_s, 3 }, { u"label_status"_s, u"delivered"_s } });
    const QJsonObject created = truth(*sim, id);
    const Http reply = api(*sim, "GET", u"/warehouse/reporting/asn?tracking_status=delivered"_s);
    QCOMPARE(reply.status, 200);
    QSet<QString> rowItems;
    for (const QJsonValue& value : reply.array()) {
        const QJsonObject row = value.toObject();
        QCOMPARE(row.value(u"label_status"_s).toString(), u"delivered"_s);
        if (row.value(u"order_name"_s) == created.value(u"order_name"_s)) {
            rowItems.insert(row.value(u"return_line_item_id"_s).toString());
            QCOMPARE(row.value(u"tracking_number"_s), created.value(u"tracking_number"_s));
            QVERIFY(row.contains(u"scannable_id"_s) && row.contains(u"destination_name"_s));
        }
    }
    QSet<QString> expected;
    for (const QJsonValue& value : created.value(u"line_items"_s).toArray())
        expected.insert(QString::number(value.toObject().value(u"line_item_id"_s).toInteger()));
    QCOMPARE(rowItems, expected);
}

void TestLoopSim::shouldProcessAsynchronouslyAndTreatRepeatsPerContract()
{
    // GIVEN an open return and a 400 ms processing queue
    auto sim = startSim({ u"--process-delay-ms"_s, u"400"_s });
    QVERIFY(sim);
    const qint64 id = createReturn(*sim, { { u"label_status"_s, u"delivered"_s } });
    const QString path = u"/warehouse/return/"_s + QString::number(id) + u"/process"_s;
    // WHEN processed twice in a row
    const Http first = api(*sim, "POST", path, R"({"bin":"A-12"})");
    const Http second = api(*sim, "POST", path);
    // THEN both answer the JSON string "true", the return is queued but still open
    QCOMPARE(first.status, 200);
    QCOMPARE(first.body, QByteArray("\"true\""));
    QCOMPARE(second.body, QByteArray("\"true\""));
    QJsonObject state = truth(*sim, id);
    QCOMPARE(state.value(u"state"_s).toString(), u"open"_s);
    QCOMPARE(state.value(u"processing_queued"_s).toBool(), true);
    QCOMPARE(state.value(u"process"_s).toObject().value(u"calls_received"_s).toInt(), 2);
    QCOMPARE(state.value(u"process"_s).toObject().value(u"calls_accepted"_s).toInt(), 2);
    QCOMPARE(state.value(u"additional_details"_s).toObject().value(u"bin"_s).toString(), u"A-12"_s);
    // AND after the delay it is closed, processed once
    QTRY_COMPARE_WITH_TIMEOUT(truth(*sim, id).value(u"state"_s).toString(), u"closed"_s, 10000);
    state = truth(*sim, id);
    QCOMPARE(state.value(u"process"_s).toObject().value(u"runs"_s).toInt(), 1);
    // AND a later process call gets UNPROCESSABLE_RETURN
    const Http third = api(*sim, "POST", path);
    QCOMPARE(third.status, 200);
    QCOMPARE(third.body,
        QByteArray(
            R"({"errors":{"message":"Return is closed and therefore cannot be processed.","code":"UNPROCESSABLE_RETURN"}})"));
    QCOMPARE(truth(*sim, id).value(u"actions"_s).toArray().size(), 3);
}

void TestLoopSim::shouldAnswerStateConflictsPerTransitionTable_data()
{
    QTest::addColumn<QString>("state");
    QTest::addColumn<bool>("flagged");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("after");
    const QByteArray ok = "\"true\"";
    auto unprocessable = [](const char* state) -> QByteArray {
        return QByteArray(R"({"errors":{"message":"Return is )") + state
            + R"( and therefore cannot be processed.","code":"UNPROCESSABLE_RETURN"}})";
    };
    QTest::newRow("open cancel") << u"open"_s << false << u"cancel"_s << ok << u"cancelled"_s;
    QTest::newRow("open flag") << u"open"_s << false << u"flag"_s << ok << u"review"_s;
    QTest::newRow("open close") << u"open"_s << false << u"close"_s << ok << u"closed"_s;
    QTest::newRow("open+flagged process")
        << u"open"_s << true << u"process"_s
        << QByteArray(
               R"({"errors":{"message":"Return is open and therefore cannot be processed.","code":"UNPROCESSABLE_FLAGGED_RETURN"}})")
        << u"open"_s;
    QTest::newRow("open+flagged cancel") << u"open"_s << true << u"cancel"_s
                                         << QByteArray(R"({"content":"Return is flagged and cannot be processed."})")
                                         << u"open"_s;
    QTest::newRow("open+flagged close") << u"open"_s << true << u"close"_s << ok << u"closed"_s;
    QTest::newRow("review process") << u"review"_s << true << u"process"_s
                                    << QByteArray(
                                           R"({"message":"Return is review and therefore cannot be processed."})")
                                    << u"review"_s;
    QTest::newRow("review cancel") << u"review"_s << true << u"cancel"_s
                                   << QByteArray(R"({"content":"Return is flagged and cannot be processed."})")
                                   << u"review"_s;
    QTest::newRow("review close") << u"review"_s << true << u"close"_s << ok << u"closed"_s;
    QTest::newRow("closed process") << u"closed"_s << false << u"process"_s << unprocessable("closed") << u"closed"_s;
    QTest::newRow("closed cancel") << u"closed"_s << false << u"cancel"_s << unprocessable("closed") << u"closed"_s;
    QTest::newRow("closed flag") << u"closed"_s << false << u"flag"_s << unprocessable("closed") << u"closed"_s;
    QTest::newRow("closed close") << u"closed"_s << false << u"close"_s << unprocessable("closed") << u"closed"_s;
    QTest::newRow("cancelled process") << u"cancelled"_s << false << u"process"_s
                                       << QByteArray(
                                              R"({"message":"Return is cancelled and therefore cannot be processed."})")
                                       << u"cancelled"_s;
    QTest::newRow("cancelled close") << u"cancelled"_s << false << u"close"_s
                                     << QByteArray(
                                            R"({"message":"Return is cancelled and therefore cannot be processed."})")
                                     << u"cancelled"_s;
    QTest::newRow("cancelled flag") << u"cancelled"_s << false << u"flag"_s << unprocessable("cancelled")
                                    << u"cancelled"_s;
    QTest::newRow("expired cancel") << u"expired"_s << false << u"cancel"_s
                                    << QByteArray(R"({"content":"Return is expired and cannot be processed."})")
                                    << u"expired"_s;
    QTest::newRow("expired process") << u"expired"_s << false << u"process"_s << unprocessable("expired")
                                     << u"expired"_s;
    QTest::newRow("expired close") << u"expired"_s << false << u"close"_s << ok << u"closed"_s;
}

void TestLoopSim::shouldAnswerStateConflictsPerTransitionTable()
{
    QFETCH(QString, state);
    QFETCH(bool, flagged);
    QFETCH(QString, action);
    QFETCH(QByteArray, body);
    QFETCH(QString, after);
    if (!m_tableSim || !m_tableSim->isRunning())
        m_tableSim = startSim({ u"--returns"_s, u"20"_s });
    QVERIFY(m_tableSim);
    LoopSimProcess* sim = m_tableSim.get();
    // GIVEN a return in the row's state
    const qint64 id = createReturn(*sim, { { u"label_status"_s, u"delivered"_s } });
    const Http changed = control(*sim, "POST", u"returns/"_s + QString::number(id) + u"/state"_s,
        { { u"state"_s, state }, { u"flagged"_s, flagged } });
    QCOMPARE(changed.status, 200);
    // WHEN the warehouse calls the action
    const Http reply = api(*sim, "POST", u"/warehouse/return/"_s + QString::number(id) + u'/' + action);
    // THEN Loop's documented body, with HTTP 200, and the expected state
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, body);
    QCOMPARE(truth(*sim, id).value(u"state"_s).toString(), after);
}

void TestLoopSim::shouldSendConflictBodiesWith422WhenConfigured()
{
    auto sim = startSim({ u"--action-errors-status"_s, u"422"_s, u"--success-body"_s, u"json-literal"_s });
    QVERIFY(sim);
    const qint64 id = createReturn(*sim);
    const QString base = u"/warehouse/return/"_s + QString::number(id);
    const Http cancelled = api(*sim, "POST", base + u"/cancel"_s);
    QCOMPARE(cancelled.status, 200);
    QCOMPARE(cancelled.body, QByteArray("true"));
    const Http again = api(*sim, "POST", base + u"/cancel"_s);
    QCOMPARE(again.status, 422);
    QVERIFY(again.body.contains("UNPROCESSABLE_RETURN"));
}

void TestLoopSim::shouldFlagIntoReviewAndRefuseProcessingThen()
{
    auto sim = startSim();
    QVERIFY(sim);
    const qint64 id = createReturn(*sim, { { u"label_status"_s, u"delivered"_s } });
    const QString base = u"/warehouse/return/"_s + QString::number(id);
    QCOMPARE(api(*sim, "POST", base + u"/flag"_s).body, QByteArray("\"true\""));
    const QJsonObject flagged = truth(*sim, id);
    QCOMPARE(flagged.value(u"state"_s).toString(), u"review"_s);
    QCOMPARE(flagged.value(u"flagged"_s).toBool(), true);
    QCOMPARE(api(*sim, "POST", base + u"/process"_s).body,
        QByteArray(R"({"message":"Return is review and therefore cannot be processed."})"));
    QCOMPARE(truth(*sim, id).value(u"process"_s).toObject().value(u"calls_accepted"_s).toInt(), 0);
}

void TestLoopSim::shouldStoreNotesAndEnforceContentLength()
{
    auto sim = startSim();
    QVERIFY(sim);
    const qint64 id = createReturn(*sim);
    const QString base = u"/warehouse/return/"_s + QString::number(id);
    // GIVEN no notes: GET is a 422 with the JSON string "false"
    const Http none = api(*sim, "GET", base + u"/notes"_s);
    QCOMPARE(none.status, 422);
    QCOMPARE(none.body, QByteArray("\"false\""));
    // WHEN notes of 0, 255 and 254 characters are posted
    const QByteArray invalid = R"({"errors":{"message":"Content is required and must be less than 255 characters."}})";
    const Http empty = api(*sim, "POST", base + u"/note"_s, R"({"content":"   "})");
    QCOMPARE(empty.status, 422);
    QCOMPARE(empty.body, invalid);
    const Http tooLong = api(
        *sim, "POST", base + u"/note"_s, QJsonDocument(QJsonObject { { u"content"_s, QString(255, u'x') } }).toJson());
    QCOMPARE(tooLong.status, 422);
    QCOMPARE(api(*sim, "POST", base + u"/note"_s, "not json").body, invalid);
    const QString longest = QString(253, u'y') + u"é"_s;
    const Http ok
        = api(*sim, "POST", base + u"/note"_s, QJsonDocument(QJsonObject { { u"content"_s, longest } }).toJson());
    QCOMPARE(ok.status, 200);
    QCOMPARE(ok.body, QByteArray("\"true\""));
    // THEN exactly the valid note is listed
    const Http notes = api(*sim, "GET", base + u"/notes"_s);
    QCOMPARE(notes.status, 200);
    const QJsonArray list = notes.object().value(u"notes"_s).toArray();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.first().toObject().value(u"content"_s).toString(), longest);
    QVERIFY(list.first().toObject().value(u"id"_s).isDouble());
}

void TestLoopSim::shouldRemoveOnlyRefundOrCreditItemsThenProcess()
{
    auto sim = startSim({ u"--process-delay-ms"_s, u"200"_s });
    QVERIFY(sim);
    const qint64 id = createReturn(*sim,
        { { u"outcome"_s, u"exchange+refund"_s },
            { u"line_items"_s,
                QJsonArray { QJsonObject { { u"resolution"_s, u"exchange"_s } },
                    QJsonObject { { u"resolution"_s, u"refund"_s } },
                    QJsonObject { { u"resolution"_s, u"credit"_s } } } } });
    const QJsonArray items = truth(*sim, id).value(u"line_items"_s).toArray();
    const QString exchangeItem = QString::number(items.at(0).toObject().value(u"line_item_id"_s).toInteger());
    const QString refundItem = QString::number(items.at(1).toObject().value(u"line_item_id"_s).toInteger());
    const QString base = u"/warehouse/return/"_s + QString::number(id) + u"/remove"_s;
    QCOMPARE(
        api(*sim, "POST", base).body, QByteArray(R"({"error":{"message":"The line item id field is required."}})"));
    QCOMPARE(api(*sim, "POST", base + u"?line_item_id="_s + exchangeItem).body,
        QByteArray(R"({"message":"There are no line items that qualify for removal"})"));
    QCOMPARE(api(*sim, "POST", base + u"?line_item_id="_s + refundItem + u',' + exchangeItem).body,
        QByteArray(R"({"message":"Not all line items qualify for removal"})"));
    QCOMPARE(api(*sim, "POST", u"/warehouse/return/99999999/remove?line_item_id=1"_s).status, 403);
    // WHEN the refund item is removed
    const Http removed = api(*sim, "POST", base + u"?line_item_id="_s + refundItem);
    QCOMPARE(removed.status, 200);
    QCOMPARE(removed.body, QByteArray("\"true\""));
    // THEN it is gone from the API view, marked in the truth, and the return gets processed
    const QJsonObject details
        = api(*sim, "GET", u"/warehouse/return/details?return_id="_s + QString::number(id)).object();
    QCOMPARE(details.value(u"line_items"_s).toArray().size(), 2);
    QVERIFY(truth(*sim, id).value(u"line_items"_s).toArray().at(1).toObject().value(u"removed"_s).toBool());
    QTRY_COMPARE_WITH_TIMEOUT(truth(*sim, id).value(u"state"_s).toString(), u"closed"_s, 10000);
    QCOMPARE(api(*sim, "POST", base + u"?line_item_id="_s + exchangeItem).body,
        QByteArray(R"({"message":"Return cannot be modified."})"));
}

void TestLoopSim::shouldGradeAndAssessAndStoreResultsOnLineItems()
{
    auto sim = startSim();
    QVERIFY(sim);
    const qint64 id = createReturn(*sim, { { u"line_item_count"_s, 2 } });
    const qint64 lineItem
        = truth(*sim, id).value(u"line_items"_s).toArray().first().toObject().value(u"line_item_id"_s).toInteger();
    const QJsonObject grade { { u"line_item_id"_s, lineItem }, { u"description"_s, u"Worn once, tags removed"_s },
        { u"condition_category"_s, u"grade_b"_s }, { u"return_processor"_s, u"dock2@warehouse.example.com"_s },
        { u"images"_s, QJsonArray { u"https://img.example.com/1.jpg"_s } },
        { u"inspected_at"_s, u"2024-03-31 23:59:59"_s } };
    const Http graded = api(*sim, "POST", u"/dispositioning/grade"_s,
        QJsonDocument(QJsonObject { { u"items"_s, QJsonArray { grade } } }).toJson());
    QCOMPARE(graded.status, 200);
    QCOMPARE(graded.array().first().toObject(), grade);
    const QJsonObject assess { { u"line_item_id"_s, lineItem }, { u"disposition_outcome"_s, u"back_to_stock"_s } };
    const Http assessed = api(*sim, "POST", u"/dispositioning/assess"_s,
        QJsonDocument(QJsonObject { { u"items"_s, QJsonArray { assess } } }).toJson());
    QCOMPARE(assessed.status, 200);
    // THEN the line item carries condition and disposition, in the truth and in details
    const QJsonObject item = truth(*sim, id).value(u"line_items"_s).toArray().first().toObject();
    QCOMPARE(item.value(u"condition"_s).toObject().value(u"condition_category"_s).toString(), u"grade_b"_s);
    QCOMPARE(item.value(u"disposition"_s).toObject().value(u"disposition_outcome"_s).toString(), u"back_to_stock"_s);
    const QJsonObject details
        = api(*sim, "GET", u"/warehouse/return/details?return_id="_s + QString::number(id)).object();
    QCOMPARE(details.value(u"line_items"_s)
                 .toArray()
                 .first()
                 .toObject()
                 .value(u"condition"_s)
                 .toObject()
                 .value(u"description"_s)
                 .toString(),
        u"Worn once, tags removed"_s);
}

void TestLoopSim::shouldRejectForeignOrInvalidGradingItems()
{
    auto sim = startSim();
    QVERIFY(sim);
    auto post = [&](const QJsonArray& items) {
        return api(
            *sim, "POST", u"/dispositioning/grade"_s, QJsonDocument(QJsonObject { { u"items"_s, items } }).toJson());
    };
    // a line item of another shop
    const Http foreign = post({ QJsonObject { { u"line_item_id"_s, 900000001 }, { u"description"_s, u"x"_s } } });
    QCOMPARE(foreign.status, 403);
    // an invalid category
    const Http invalid = post({ QJsonObject {
        { u"line_item_id"_s, 100000011 }, { u"description"_s, u"x"_s }, { u"condition_category"_s, u"grade_z"_s } } });
    QCOMPARE(invalid.status, 422);
    QVERIFY(invalid.object().value(u"errors"_s).toObject().contains(u"items.0.condition_category"_s));
    // more than 30 items
    QJsonArray many;
    for (int i = 0; i < 31; ++i)
        many.append(QJsonObject { { u"line_item_id"_s, 100000011 }, { u"description"_s, u"x"_s } });
    QCOMPARE(post(many).status, 422);
    // missing items, malformed JSON
    QCOMPARE(api(*sim, "POST", u"/dispositioning/assess"_s, "{").status, 422);
    QCOMPARE(api(*sim, "POST", u"/dispositioning/assess"_s,
                 R"({"items":[{"line_item_id":100000011,"disposition_outcome":"sell_it"}]})")
                 .status,
        422);
}

void TestLoopSim::shouldManageWebhookSubscriptionsPerContract()
{
    auto sim = startSim();
    QVERIFY(sim);
    // create: 201, default inactive
    const Http created = api(*sim, "POST", u"/webhooks"_s,
        R"({"topic":"return","trigger":"return.updated","url":"https://wms.example.test/loop"})");
    QCOMPARE(created.status, 201);
    const QJsonObject hook = created.object();
    QCOMPARE(hook.value(u"status"_s).toString(), u"inactive"_s);
    QCOMPARE(hook.value(u"shop_id"_s).toInt(), 1);
    const QString path = u"/webhooks/"_s + QString::number(hook.value(u"id"_s).toInteger());
    // update: 204; list shows it active
    const Http updated = api(*sim, "PUT", path,
        R"({"topic":"return","trigger":"return.closed","url":"https://wms.example.test/loop","status":"active"})");
    QCOMPARE(updated.status, 204);
    QVERIFY(updated.body.isEmpty());
    const QJsonArray list = api(*sim, "GET", u"/webhooks"_s).object().value(u"webhooks"_s).toArray();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.first().toObject().value(u"trigger"_s).toString(), u"return.closed"_s);
    QCOMPARE(list.first().toObject().value(u"status"_s).toString(), u"active"_s);
    // validation and unknown ids
    const Http badTopic = api(*sim, "POST", u"/webhooks"_s,
        R"({"topic":"orders","trigger":"return.updated","url":"https://x.example.test"})");
    QCOMPARE(badTopic.status, 422);
    QVERIFY(badTopic.object()
                .value(u"message"_s)
                .toString()
                .startsWith(u"Must be one of the following values:return,label,restock"_s));
    QCOMPARE(badTopic.object().value(u"errors"_s).toObject(), QJsonObject());
    QCOMPARE(api(*sim, "POST", u"/webhooks"_s, "not json").status, 400);
    const QByteArray someHook = R"({"topic":"return","trigger":"return.updated","url":"https://x.example.test"})";
    QCOMPARE(api(*sim, "PUT", u"/webhooks/4242"_s, someHook).body, QByteArray(R"({"errors":{"code":"NOT_FOUND"}})"));
    // delete: 204 then 404
    QCOMPARE(api(*sim, "DELETE", path).status, 204);
    QCOMPARE(api(*sim, "DELETE", path).status, 404);
}

namespace {

// An HTTP endpoint the simulator delivers webhooks to; answers scripted statuses, then 200.
struct WebhookSink
{
    struct Received
    {
        QString path;
        QByteArray body;
        QByteArray signature;
        QByteArray contentType;
    };

    QHttpServer server;
    QList<Received> received;
    QHash<QString, QList<int>> script;
    quint16 port = 0;

    WebhookSink()
    {
        for (const QString& path : { u"/hook"_s, u"/gone"_s }) {
            server.route(path, [this, path](const QHttpServerRequest& request) {
                Received entry;
                entry.path = path;
                entry.body = request.body();
                for (const auto& [name, value] : request.headers()) {
                    if (name.compare("X-Loop-Signature", Qt::CaseInsensitive) == 0)
                        entry.signature = value;
                    if (name.compare("Content-Type", Qt::CaseInsensitive) == 0)
                        entry.contentType = value;
                }
                received.append(entry);
                const int status = script[path].isEmpty() ? 200 : script[path].takeFirst();
                return QHttpServerResponse(
                    QByteArray("text/plain"), QByteArray("ok"), static_cast<QHttpServerResponder::StatusCode>(status));
            });
        }
        port = server.listen(QHostAddress::LocalHost, 0);
    }

    QString url(const QString& path) const { return u"http://127.0.0.1:"_s + QString::number(port) + path; }
    QList<QJsonObject> bodies(const QString& trigger) const
    {
        QList<QJsonObject> matching;
        for (const Received& entry : received) {
            const QJsonObject object = QJsonDocument::fromJson(entry.body).object();
            if (object.value(u"trigger"_s).toString() == trigger)
                matching.append(object);
        }
        return matching;
    }
};

} // namespace

void TestLoopSim::shouldDeliverSignedPhpStyleWebhooksForReturnAndLabelEvents()
{
    // GIVEN a receiver registered as the shop's admin webhook with a secret
    WebhookSink sink;
    QVERIFY(sink.port > 0);
    auto sim = startSim({ u"--webhook-url"_s, sink.url(u"/hook"_s), u"--webhook-secret"_s, u"s3cr3t"_s,
        u"--label-delay-ms"_s, u"50"_s });
    QVERIFY(sim);
    // WHEN a customer creates a return (the label follows a moment later)
    const qint64 id = createReturn(*sim);
    // THEN return.created, then label.created and return.updated arrive
    QTRY_VERIFY_WITH_TIMEOUT(sink.bodies(u"label.created"_s).size() == 1, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(sink.bodies(u"return.updated"_s).size() == 1, 10000);
    const QList<QJsonObject> created = sink.bodies(u"return.created"_s);
    QCOMPARE(created.size(), 1);
    QCOMPARE(created.first().value(u"topic"_s).toString(), u"return"_s);
    QCOMPARE(created.first().value(u"id"_s).toString(), QString::number(id));
    QCOMPARE(created.first().value(u"tracking_number"_s).toString(), u"N/A"_s);
    QCOMPARE(created.first().value(u"shop_id"_s).type(), QJsonValue::Double);
    const QJsonObject label = sink.bodies(u"label.created"_s).first();
    QCOMPARE(label.value(u"topic"_s).toString(), u"label"_s);
    QCOMPARE(label.value(u"id"_s).toInteger(), id);
    QCOMPARE(label.value(u"label_status"_s).toString(), u"new"_s);
    QCOMPARE(label.value(u"tracking_number"_s).toString(), truth(*sim, id).value(u"tracking_number"_s).toString());
    // AND every body is signed with base64(HMAC-SHA256(secret, raw body)), compact, slashes escaped
    for (const auto& entry : std::as_const(sink.received)) {
        const QByteArray expected
            = QMessageAuthenticationCode::hash(entry.body, QByteArray("s3cr3t"), QCryptographicHash::Sha256).toBase64();
        QCOMPARE(entry.signature, expected);
        QVERIFY(entry.contentType.startsWith("application/json"));
        QVERIFY(!entry.body.contains('\n'));
    }
    QVERIFY(sink.received.first().body.contains(R"(https:\/\/)"));
}

void TestLoopSim::shouldRetryFailedDeliveriesButNeverAfter404()
{
    WebhookSink sink;
    sink.script[u"/hook"_s] = { 500, 503 };
    sink.script[u"/gone"_s] = { 404, 404, 404 };
    auto sim = startSim({ u"--webhook-url"_s, sink.url(u"/hook"_s), u"--webhook-secret"_s, u"k"_s,
        u"--webhook-retry-base-ms"_s, u"20"_s });
    QVERIFY(sim);
    QCOMPARE(api(*sim, "POST", u"/webhooks"_s,
                 QJsonDocument(QJsonObject { { u"topic"_s, u"return"_s }, { u"trigger"_s, u"return.created"_s },
                                   { u"url"_s, sink.url(u"/gone"_s) }, { u"status"_s, u"active"_s } })
                     .toJson())
                 .status,
        201);
    // WHEN a return is created (label creation suppressed so only return.created fires)
    const qint64 id = createReturn(*sim, { { u"label"_s, false } });
    // THEN /hook got 500, 503 and then the success; /gone got one attempt only
    QTRY_COMPARE_WITH_TIMEOUT(sink.received.size(), 4, 10000);
    auto attempts = [&] {
        return control(*sim, "GET", u"webhooks/deliveries?return_id="_s + QString::number(id))
            .object()
            .value(u"deliveries"_s)
            .toArray();
    };
    // the simulator logs an attempt once the receiver's answer is back
    QTRY_COMPARE_WITH_TIMEOUT(attempts().size(), 4, 10000);
    const QJsonArray deliveries = attempts();
    int hookAttempts = 0;
    int goneAttempts = 0;
    QString goneResult;
    for (const QJsonValue& value : deliveries) {
        const QJsonObject attempt = value.toObject();
        if (attempt.value(u"url"_s).toString().endsWith(u"/hook"_s))
            ++hookAttempts;
        else {
            ++goneAttempts;
            goneResult = attempt.value(u"result"_s).toString();
        }
    }
    QCOMPARE(hookAttempts, 3);
    QCOMPARE(goneAttempts, 1);
    QCOMPARE(goneResult, u"failed"_s);
    // the same bytes and signature on every attempt
    QCOMPARE(sink.received.at(0).body, sink.received.constLast().body);
    QCOMPARE(sink.received.at(0).signature, sink.received.constLast().signature);
}

void TestLoopSim::shouldReportFailedProcessingByWebhookAndKeepTheReturnOpen()
{
    WebhookSink sink;
    auto sim = startSim(
        { u"--webhook-url"_s, sink.url(u"/hook"_s), u"--webhook-secret"_s, u"k"_s, u"--process-delay-ms"_s, u"50"_s });
    QVERIFY(sim);
    // GIVEN a return whose next processing run fails (e.g. refund error)
    const qint64 id = createReturn(*sim, { { u"label_status"_s, u"delivered"_s } });
    QCOMPARE(control(*sim, "POST", u"returns/"_s + QString::number(id) + u"/fail-next-process"_s,
                 { { u"message"_s, u"Refund failed: card expired"_s } })
                 .status,
        200);
    // WHEN the warehouse processes it
    const QString path = u"/warehouse/return/"_s + QString::number(id) + u"/process"_s;
    QCOMPARE(api(*sim, "POST", path).body, QByteArray("\"true\""));
    // THEN Loop reports return.processing.failed and the return stays open
    QTRY_COMPARE_WITH_TIMEOUT(sink.bodies(u"return.processing.failed"_s).size(), 1, 10000);
    const QJsonObject failed = sink.bodies(u"return.processing.failed"_s).first();
    QCOMPARE(failed.value(u"topic"_s).toString(), u"return.processing"_s);
    QCOMPARE(failed.value(u"return_id"_s).toInteger(), id);
    QCOMPARE(failed.value(u"return_state"_s).toString(), u"open"_s);
    QCOMPARE(failed.value(u"message"_s).toString(), u"Refund failed: card expired"_s);
    QCOMPARE(failed.value(u"source"_s).toString(), u"warehouse"_s);
    QCOMPARE(truth(*sim, id).value(u"state"_s).toString(), u"open"_s);
    QCOMPARE(truth(*sim, id).value(u"process"_s).toObject().value(u"failures"_s).toInt(), 1);
    // AND processing again succeeds
    QCOMPARE(api(*sim, "POST", path).body, QByteArray("\"true\""));
    QTRY_COMPARE_WITH_TIMEOUT(truth(*sim, id).value(u"state"_s).toString(), u"closed"_s, 10000);
}

void TestLoopSim::shouldAdvanceLabelsOnTheDemoTicker()
{
    // GIVEN the demo ticker moving labels every 50 ms
    auto sim = startSim({ u"--returns"_s, u"100"_s, u"--label-tick-ms"_s, u"50"_s });
    QVERIFY(sim);
    auto statuses = [&] {
        QHash<qint64, QString> byId;
        for (const QJsonValue& value : control(*sim, "GET", u"returns"_s).object().value(u"returns"_s).toArray())
            byId.insert(
                value.toObject().value(u"id"_s).toInteger(), value.toObject().value(u"label_status"_s).toString());
        return byId;
    };
    const QHash<qint64, QString> before = statuses();
    // THEN open returns' labels move on by themselves, and the ticker stops when configured to 0
    QTRY_VERIFY_WITH_TIMEOUT(statuses() != before, 10000);
    QCOMPARE(control(*sim, "POST", u"config"_s, { { u"label_tick_ms"_s, 0 } }).status, 200);
}

void TestLoopSim::shouldDeliverOnlyToActiveProgrammaticSubscriptions()
{
    WebhookSink sink;
    auto sim = startSim({ u"--process-delay-ms"_s, u"50"_s });
    QVERIFY(sim);
    // GIVEN an inactive subscription for return.closed (the default status)
    const Http created = api(*sim, "POST", u"/webhooks"_s,
        QJsonDocument(QJsonObject { { u"topic"_s, u"return"_s }, { u"trigger"_s, u"return.closed"_s },
                          { u"url"_s, sink.url(u"/hook"_s) } })
            .toJson());
    const qint64 hookId = created.object().value(u"id"_s).toInteger();
    const qint64 first = createReturn(*sim, { { u"label_status"_s, u"delivered"_s } });
    api(*sim, "POST", u"/warehouse/return/"_s + QString::number(first) + u"/close"_s);
    QTRY_COMPARE_WITH_TIMEOUT(truth(*sim, first).value(u"state"_s).toString(), u"closed"_s, 5000);
    // WHEN it is activated and another return closes
    QCOMPARE(api(*sim, "PUT", u"/webhooks/"_s + QString::number(hookId),
                 QJsonDocument(QJsonObject { { u"topic"_s, u"return"_s }, { u"trigger"_s, u"return.closed"_s },
                                   { u"url"_s, sink.url(u"/hook"_s) }, { u"status"_s, u"active"_s } })
                     .toJson())
                 .status,
        204);
    const qint64 second = createReturn(*sim, { { u"label_status"_s, u"delivered"_s } });
    api(*sim, "POST", u"/warehouse/return/"_s + QString::number(second) + u"/process"_s);
    // THEN only the second return's closing was delivered, signed with the shop secret
    QTRY_COMPARE_WITH_TIMEOUT(sink.received.size(), 1, 10000);
    const QJsonObject body = QJsonDocument::fromJson(sink.received.first().body).object();
    QCOMPARE(body.value(u"id"_s).toString(), QString::number(second));
    QCOMPARE(body.value(u"state"_s).toString(), u"closed"_s);
    QCOMPARE(sink.received.first().signature,
        QMessageAuthenticationCode::hash(
            sink.received.first().body, QByteArray("sim-webhook-secret"), QCryptographicHash::Sha256)
            .toBase64());
}

void TestLoopSim::shouldRateLimitEachKeyWithLaravelHeaders()
{
    auto sim = startSim({ u"--rate-limit"_s, u"3"_s, u"--api-key"_s, u"a"_s, u"--api-key"_s, u"b"_s });
    QVERIFY(sim);
    for (int remaining = 2; remaining >= 0; --remaining) {
        const Http reply = api(*sim, "GET", u"/webhooks"_s, {}, "a");
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.header("X-RateLimit-Limit"), QByteArray("3"));
        QCOMPARE(reply.header("X-RateLimit-Remaining"), QByteArray::number(remaining));
    }
    const Http limited = api(*sim, "GET", u"/webhooks"_s, {}, "a");
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.body, QByteArray(R"({"message":"Too Many Attempts."})"));
    QVERIFY(limited.header("Retry-After").toInt() > 0);
    QCOMPARE(limited.header("X-RateLimit-Remaining"), QByteArray("0"));
    // another key has its own bucket
    QCOMPARE(api(*sim, "GET", u"/webhooks"_s, {}, "b").status, 200);
}

void TestLoopSim::shouldFailWith500BeforeTheHandlerWithoutStateChange()
{
    auto sim = startSim();
    QVERIFY(sim);
    const qint64 id = createReturn(*sim);
    // GIVEN a 500 scheduled for the next cancel call
    QCOMPARE(
        control(*sim, "POST", u"faults"_s, { { u"kind"_s, u"500"_s }, { u"path_contains"_s, u"/cancel"_s } }).status,
        200);
    // WHEN the warehouse cancels
    const Http reply = api(*sim, "POST", u"/warehouse/return/"_s + QString::number(id) + u"/cancel"_s);
    // THEN 500 and nothing happened
    QCOMPARE(reply.status, 500);
    const QJsonObject state = truth(*sim, id);
    QCOMPARE(state.value(u"state"_s).toString(), u"open"_s);
    QVERIFY(state.value(u"actions"_s).toArray().isEmpty());
}

void TestLoopSim::shouldChangeStateButResetConnectionUnderResetFault()
{
    auto sim = startSim({ u"--process-delay-ms"_s, u"100"_s });
    QVERIFY(sim);
    const qint64 id = createReturn(*sim, { { u"label_status"_s, u"delivered"_s } });
    // GIVEN resets scheduled for process calls (Qt itself re-sends a request once or twice after a reset)
    control(*sim, "POST", u"faults"_s,
        { { u"kind"_s, u"reset"_s }, { u"path_contains"_s, u"/process"_s }, { u"count"_s, 5 } });
    // WHEN the warehouse processes
    const Http reply = api(*sim, "POST", u"/warehouse/return/"_s + QString::number(id) + u"/process"_s);
    // THEN the client sees a network error, but Loop accepted the process call and closes the return
    QVERIFY2(reply.error != QNetworkReply::NoError, reply.body.constData());
    QCOMPARE(reply.status, 0);
    const QJsonObject state = truth(*sim, id);
    QVERIFY(state.value(u"process"_s).toObject().value(u"calls_accepted"_s).toInt() >= 1);
    // Qt's QNetworkAccessManager transparently re-sends a request whose connection was reset before any answer,
    // so a "single" client call may reach Loop more than once — exactly what exactly-once logic must survive.
    qInfo("process calls received for one client call: %d",
        state.value(u"process"_s).toObject().value(u"calls_received"_s).toInt());
    QCOMPARE(state.value(u"actions"_s).toArray().first().toObject().value(u"fault"_s).toString(), u"reset"_s);
    QTRY_COMPARE_WITH_TIMEOUT(truth(*sim, id).value(u"state"_s).toString(), u"closed"_s, 5000);
    control(*sim, "DELETE", u"faults"_s);
    QVERIFY(control(*sim, "GET", u"counters"_s)
                .object()
                .value(u"requests"_s)
                .toObject()
                .value(u"faults"_s)
                .toObject()
                .value(u"reset"_s)
                .toInt()
        >= 1);
}

void TestLoopSim::shouldCutBodyShortUnderTruncatedFault()
{
    auto sim = startSim({ u"--returns"_s, u"50"_s });
    QVERIFY(sim);
    const QString path
        = u"/warehouse/return/list?from="_s + QString::fromLatin1(QUrl::toPercentEncoding(isoNowMinus(100LL * 86400)));
    // truncated: the announced Content-Length is never reached
    control(*sim, "POST", u"faults"_s,
        { { u"kind"_s, u"truncated"_s }, { u"path_contains"_s, u"/list"_s }, { u"count"_s, 5 } });
    const Http cut = api(*sim, "GET", path);
    QVERIFY(cut.error != QNetworkReply::NoError || QJsonDocument::fromJson(cut.body).isNull());
    control(*sim, "DELETE", u"faults"_s);
    // badjson: a complete HTTP answer whose JSON is cut in half
    control(*sim, "POST", u"faults"_s, { { u"kind"_s, u"badjson"_s }, { u"path_contains"_s, u"/list"_s } });
    const Http bad = api(*sim, "GET", path);
    QCOMPARE(bad.status, 200);
    QVERIFY(!bad.body.isEmpty());
    QJsonParseError error;
    QJsonDocument::fromJson(bad.body, &error);
    QVERIFY(error.error != QJsonParseError::NoError);
    // and the next call is whole again
    QVERIFY(QJsonDocument::fromJson(api(*sim, "GET", path).body).isArray());
}

void TestLoopSim::shouldDelayWithoutBlockingOtherRequests()
{
    auto sim = startSim();
    QVERIFY(sim);
    // GIVEN 700 ms latency on /api set at runtime
    QCOMPARE(
        control(*sim, "POST", u"config"_s, { { u"latency_ms"_s, 700 } }).object().value(u"latency_ms"_s).toInt(), 700);
    // WHEN an API call is in flight and a control call is made meanwhile
    QNetworkRequest request(QUrl(sim->apiUrl().toString() + u"/webhooks"_s));
    request.setRawHeader("X-Authorization", "sim-key");
    QElapsedTimer clock;
    clock.start();
    QNetworkReply* slow = m_network.get(request);
    QSignalSpy slowDone(slow, &QNetworkReply::finished);
    const Http quick = control(*sim, "GET", u"health"_s);
    // THEN the control call is answered first, and the API call after the latency
    QCOMPARE(quick.status, 200);
    QVERIFY(!slow->isFinished());
    QVERIFY(slowDone.wait(10000));
    QVERIFY(clock.elapsed() >= 650);
    QCOMPARE(slow->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    slow->deleteLater();
    // a slow fault adds slow_ms on top
    control(*sim, "POST", u"config"_s, { { u"latency_ms"_s, 0 }, { u"slow_ms"_s, 600 } });
    control(*sim, "POST", u"faults"_s, { { u"kind"_s, u"slow"_s } });
    const Http delayed = api(*sim, "GET", u"/webhooks"_s);
    QCOMPARE(delayed.status, 200);
    QVERIFY(delayed.ms >= 550);
}

void TestLoopSim::shouldInjectRandomFaultsAtConfiguredRate()
{
    auto sim = startSim({ u"--fault-rate"_s, u"0.5"_s, u"--fault-kinds"_s, u"500,429"_s, u"--seed"_s, u"7"_s });
    QVERIFY(sim);
    int failures = 0;
    for (int i = 0; i < 60; ++i) {
        const int status = api(*sim, "GET", u"/webhooks"_s).status;
        QVERIFY(status == 200 || status == 500 || status == 429);
        failures += status == 200 ? 0 : 1;
    }
    QVERIFY2(failures > 10 && failures < 50, qPrintable(QString::number(failures)));
    // control endpoints are never faulted
    for (int i = 0; i < 10; ++i)
        QCOMPARE(control(*sim, "GET", u"health"_s).status, 200);
}

void TestLoopSim::shouldWriteRequestLogWithoutApiKeys()
{
    QTemporaryDir dir;
    const QString logPath = dir.filePath(u"requests.jsonl"_s);
    auto sim = startSim({ u"--request-log"_s, logPath, u"--api-key"_s, u"super-secret-key-123"_s });
    QVERIFY(sim);
    api(*sim, "GET", u"/warehouse/return/list?state=open"_s, {}, "super-secret-key-123");
    api(*sim, "GET", u"/warehouse/return/list?api_key=super-secret-key-123"_s, {}, "super-secret-key-123");
    api(*sim, "GET", u"/webhooks"_s, {}, "wrong");
    auto read = [&logPath] {
        QFile file(logPath);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    };
    QTRY_VERIFY(read().count('\n') >= 3);
    const QByteArray content = read();
    QVERIFY(!content.contains("super-secret-key-123"));
    const QList<QByteArray> lines = content.trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    const QJsonObject first = QJsonDocument::fromJson(lines.at(0)).object();
    QCOMPARE(first.value(u"method"_s).toString(), u"GET"_s);
    QCOMPARE(first.value(u"path"_s).toString(), u"/api/v1/warehouse/return/list"_s);
    QCOMPARE(first.value(u"query"_s).toString(), u"state=open"_s);
    QCOMPARE(first.value(u"status"_s).toInt(), 200);
    QVERIFY(first.value(u"ms"_s).isDouble());
    QCOMPARE(QJsonDocument::fromJson(lines.at(2)).object().value(u"status"_s).toInt(), 401);
}

void TestLoopSim::shouldGenerateValidTrackingNumbersLabelBarcodesAndItemBarcodes()
{
    auto sim = startSim({ u"--returns"_s, u"400"_s, u"--seed"_s, u"99"_s });
    QVERIFY(sim);
    const QJsonArray all = control(*sim, "GET", u"returns"_s).object().value(u"returns"_s).toArray();
    QCOMPARE(all.size(), 400);
    QSet<QString> states;
    QSet<QString> labelStatuses;
    QSet<QString> kinds;
    int checked = 0;
    for (const QJsonValue& value : all) {
        states.insert(value.toObject().value(u"state"_s).toString());
        labelStatuses.insert(value.toObject().value(u"label_status"_s).toString());
    }
    for (qsizetype i = 0; i < all.size(); i += 3) {
        const QJsonObject t = truth(*sim, all.at(i).toObject().value(u"id"_s).toInteger());
        for (const QJsonValue& item : t.value(u"line_items"_s).toArray())
            QVERIFY2(validItemBarcode(item.toObject().value(u"barcode"_s).toString()),
                qPrintable(item.toObject().value(u"barcode"_s).toString()));
        const QString carrier = t.value(u"carrier"_s).toString();
        const QString tracking = t.value(u"tracking_number"_s).toString();
        const QString barcode = t.value(u"label_barcode"_s).toString();
        if (carrier == u"N/A") {
            QVERIFY(t.value(u"label_barcode"_s).isNull());
            continue;
        }
        kinds.insert(t.value(u"label_barcode_kind"_s).toString());
        ++checked;
        if (carrier == u"USPS") {
            QVERIFY2(validUsps(tracking), qPrintable(tracking));
            // 420 + ZIP5 or ZIP9, GS, then the IMpb; sometimes with the AIM "]C1" prefix
            static const QRegularExpression label(u"^(\\]C1)?420(\\d{5}|\\d{9})\\x{1D}(9[234]\\d{20})$"_s);
            const auto match = label.match(barcode);
            QVERIFY2(match.hasMatch(), qPrintable(barcode));
            QCOMPARE(match.captured(3), tracking);
        } else if (carrier == u"UPS") {
            QVERIFY2(validUps(tracking), qPrintable(tracking));
            QCOMPARE(barcode, tracking);
        } else {
            QCOMPARE(carrier, u"FedEx"_s);
            QVERIFY2(validFedex(tracking), qPrintable(tracking));
            if (tracking.size() == 12) {
                QCOMPARE(barcode.size(), 34);
                QVERIFY(barcode.endsWith(tracking));
            } else {
                QCOMPARE(barcode.size(), 22);
                QVERIFY(barcode.startsWith(u"96"_s) && barcode.endsWith(tracking));
            }
        }
    }
    QVERIFY(checked > 50);
    QCOMPARE(states, QSet<QString>({ u"open"_s, u"closed"_s, u"cancelled"_s, u"expired"_s, u"review"_s }));
    QVERIFY(labelStatuses.contains(u"N/A"_s) && labelStatuses.contains(u"new"_s)
        && labelStatuses.contains(u"in_transit"_s) && labelStatuses.contains(u"delivered"_s));
    QVERIFY(kinds.contains(u"usps_420_impb"_s) && kinds.contains(u"usps_420_impb_aim"_s) && kinds.contains(u"ups_1z"_s)
        && kinds.contains(u"fedex_34"_s));
}

void TestLoopSim::shouldBeDeterministicPerSeedAndDisjointAcrossShops()
{
    const QStringList common { u"--returns"_s, u"120"_s, u"--epoch"_s, u"2024-05-01T00:00:00Z"_s, u"--seed"_s,
        u"42"_s };
    auto one = startSim(common);
    auto same = startSim(common);
    auto other = startSim(common + QStringList { u"--shop-id"_s, u"2"_s });
    QVERIFY(one && same && other);
    const QString path = u"/warehouse/return/list?state=open&from=2024-02-01T00:00:00Z"_s;
    const Http a = api(*one, "GET", path);
    QCOMPARE(a.status, 200);
    QVERIFY(!a.array().isEmpty());
    QCOMPARE(api(*same, "GET", path).body, a.body);
    QSet<QString> idsOne;
    QSet<QString> namesOne;
    for (const QJsonValue& value : control(*one, "GET", u"returns"_s).object().value(u"returns"_s).toArray()) {
        idsOne.insert(QString::number(value.toObject().value(u"id"_s).toInteger()));
        namesOne.insert(value.toObject().value(u"order_name"_s).toString());
    }
    bool nameOverlap = false;
    for (const QJsonValue& value : control(*other, "GET", u"returns"_s).object().value(u"returns"_s).toArray()) {
        QVERIFY(!idsOne.contains(QString::number(value.toObject().value(u"id"_s).toInteger())));
        nameOverlap = nameOverlap || namesOne.contains(value.toObject().value(u"order_name"_s).toString());
    }
    QVERIFY2(nameOverlap, "order names may repeat across shops");
}

void TestLoopSim::shouldGenerateAHundredThousandReturnsQuickly()
{
    QElapsedTimer clock;
    clock.start();
    auto sim = startSim({ u"--returns"_s, u"100000"_s });
    QVERIFY(sim);
    qInfo("100k returns ready in %lld ms", clock.elapsed());
    QVERIFY(clock.elapsed() < 20000);
    QCOMPARE(control(*sim, "GET", u"health"_s).object().value(u"returns"_s).toInt(), 100000);
    const Http page = api(*sim, "GET",
        u"/warehouse/return/list?paginate=true&pageSize=750&filter=updated_at&from="_s
            + QString::fromLatin1(QUrl::toPercentEncoding(isoNowMinus(30LL * 86400))));
    QCOMPARE(page.status, 200);
    QCOMPARE(page.object().value(u"returns"_s).toArray().size(), 750);
}

void TestLoopSim::shouldSurviveMalformedAndOversizedInput()
{
    auto sim = startSim({ u"--max-body-bytes"_s, u"65536"_s });
    QVERIFY(sim);
    QCOMPARE(api(*sim, "POST", u"/dispositioning/grade"_s, QByteArray(200000, 'x')).status, 413);
    QCOMPARE(api(*sim, "POST", u"/dispositioning/grade"_s, "[1,2,").status, 422);
    QCOMPARE(api(*sim, "POST", u"/dispositioning/grade"_s, R"({"items":"all"})").status, 422);
    QCOMPARE(api(*sim, "POST", u"/dispositioning/grade"_s, R"({"items":[null,7,"x",{}]})").status, 422);
    QCOMPARE(api(*sim, "POST", u"/warehouse/return/10000001/note"_s, R"({"content":{"nested":true}})").status, 422);
    QCOMPARE(api(*sim, "POST", u"/warehouse/return/10000001/process"_s, "\x01\x02garbage").status, 200);
    QCOMPARE(api(*sim, "GET", u"/warehouse/return/list?cursor=%%%&paginate=true"_s).status, 200);
    QCOMPARE(api(*sim, "GET", u"/warehouse/return/list?paginate=true&cursor=bm90IGpzb24"_s).status, 200);
    QCOMPARE(api(*sim, "GET", u"/warehouse/return/details?return_id=99999999999999999999999"_s).status, 422);
    QCOMPARE(api(*sim, "POST", u"/warehouse/return/99999999999999999999/process"_s).status, 404);
    QCOMPARE(api(*sim, "GET", u"/warehouse/return/%C3%A9/notes"_s).status, 404);
    QCOMPARE(control(*sim, "POST", u"returns"_s, { { u"line_item_count"_s, 99 } }).status, 422);
    QCOMPARE(call("POST", sim->controlUrl(u"config"_s), "{nope", {}).status, 400);
    QCOMPARE(control(*sim, "POST", u"config"_s, { { u"fault_rate"_s, 3 } }).status, 422);
    QCOMPARE(control(*sim, "GET", u"health"_s).status, 200);
}

void TestLoopSim::shouldResetToTheSeededState()
{
    auto sim = startSim({ u"--returns"_s, u"50"_s });
    QVERIFY(sim);
    const QByteArray before = control(*sim, "GET", u"returns"_s).body;
    const qint64 id = control(*sim, "GET", u"returns"_s)
                          .object()
                          .value(u"returns"_s)
                          .toArray()
                          .last()
                          .toObject()
                          .value(u"id"_s)
                          .toInteger();
    api(*sim, "POST", u"/warehouse/return/"_s + QString::number(id) + u"/cancel"_s);
    createReturn(*sim);
    QVERIFY(control(*sim, "GET", u"returns"_s).body != before);
    // WHEN reset
    QCOMPARE(control(*sim, "POST", u"reset"_s).status, 200);
    // THEN the seeded data set is back and the counters start again
    QCOMPARE(control(*sim, "GET", u"returns"_s).body, before);
    QCOMPARE(truth(*sim, id).value(u"actions"_s).toArray().size(), 0);
    const QJsonObject counters = control(*sim, "GET", u"counters"_s).object();
    QVERIFY(counters.value(u"requests"_s).toObject().value(u"total"_s).toInt() <= 3);
}

void TestLoopSim::shouldEmitWebhooksForUpstreamLabelAndStateChanges()
{
    WebhookSink sink;
    auto sim = startSim({ u"--webhook-url"_s, sink.url(u"/hook"_s), u"--webhook-secret"_s, u"k"_s });
    QVERIFY(sim);
    const qint64 id = createReturn(*sim, { { u"carrier"_s, u"UPS"_s }, { u"label_status"_s, u"new"_s } });
    const QString base = u"returns/"_s + QString::number(id);
    // WHEN the carrier moves the label one step, then to delivered, and the merchant cancels in Loop Admin
    QCOMPARE(control(*sim, "POST", base + u"/label"_s).object().value(u"label_status"_s).toString(), u"pre_transit"_s);
    QCOMPARE(control(*sim, "POST", base + u"/label"_s, { { u"status"_s, u"delivered"_s } })
                 .object()
                 .value(u"label_status"_s)
                 .toString(),
        u"delivered"_s);
    QCOMPARE(control(*sim, "POST", base + u"/state"_s, { { u"state"_s, u"cancelled"_s } })
                 .object()
                 .value(u"state"_s)
                 .toString(),
        u"cancelled"_s);
    // THEN label.updated twice and return.updated with the final state went out (deliveries run concurrently, so
    // arrival order is not guaranteed — as with Loop)
    auto seen = [&](const QString& trigger, const QString& field) {
        QSet<QString> values;
        for (const QJsonObject& body : sink.bodies(trigger))
            values.insert(body.value(field).toString());
        return values;
    };
    QTRY_COMPARE_WITH_TIMEOUT(
        seen(u"label.updated"_s, u"label_status"_s), QSet<QString>({ u"pre_transit"_s, u"delivered"_s }), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(seen(u"return.updated"_s, u"state"_s).contains(u"cancelled"_s), 10000);
    const QJsonObject counters = control(*sim, "GET", u"counters"_s).object().value(u"webhooks"_s).toObject();
    QVERIFY(counters.value(u"delivered"_s).toInt() >= 5);
}

QTEST_GUILESS_MAIN(TestLoopSim)
#include "TestLoopSim.moc"
