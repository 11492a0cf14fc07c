#include "SimOptions.h"

#include "TimeFormat.h"

#include <QCommandLineParser>
#include <QHostAddress>
#include <QUrl>

using namespace Qt::StringLiterals;

QStringList SimOptions::allFaultKinds()
{
    return { u"500"_s, u"429"_s, u"reset"_s, u"slow"_s, u"truncated"_s, u"badjson"_s };
}

QStringList SimOptions::defaultFaultKinds()
{
    return { u"500"_s, u"429"_s, u"reset"_s, u"slow"_s, u"truncated"_s };
}

QSet<QString> SimOptions::allScopes()
{
    return { u"returns"_s, u"orders"_s, u"carts"_s, u"developer_tools"_s, u"destinations:read"_s,
        u"destinations:write"_s, u"happy_returns_shipments:read"_s };
}

QString SimOptions::defaultApiKey()
{
    return u"sim-key"_s;
}

namespace {

std::expected<qint64, QString> integerOption(
    const QCommandLineParser& parser, const QString& name, qint64 min, qint64 max)
{
    bool ok = false;
    const qint64 value = parser.value(name).toLongLong(&ok);
    if (!ok || value < min || value > max)
        return std::unexpected(
            u"--%1 must be an integer from %2 to %3, got '%4'"_s.arg(name).arg(min).arg(max).arg(parser.value(name)));
    return value;
}

std::expected<double, QString> fractionOption(const QCommandLineParser& parser, const QString& name)
{
    bool ok = false;
    const double value = parser.value(name).toDouble(&ok);
    if (!ok || value < 0.0 || value > 1.0)
        return std::unexpected(u"--%1 must be a number from 0 to 1, got '%2'"_s.arg(name, parser.value(name)));
    return value;
}

} // namespace

std::expected<SimOptions, SimOptions::ParseError> SimOptions::parse(const QStringList& arguments)
{
    auto fail = [](const QString& message) {
        return std::unexpected(ParseError { message, false });
    };
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Simulates Loop Returns' warehouse API and webhooks for one shop."_s);
    parser.addHelpOption();
    const QList<QCommandLineOption> options {
        { u"port"_s, u"TCP port to listen on (0 = pick a free one). Required."_s, u"N"_s },
        { u"host"_s, u"Address to listen on."_s, u"HOST"_s, u"127.0.0.1"_s },
        { u"api-key"_s, u"Valid X-Authorization key with every scope; repeatable. Default: sim-key."_s, u"KEY"_s },
        { u"scoped-api-key"_s, u"Valid key with only the listed scopes; repeatable."_s, u"KEY=SCOPE[,SCOPE]"_s },
        { u"seed"_s, u"Seed of the generated data."_s, u"S"_s, u"1"_s },
        { u"returns"_s, u"Number of seeded returns."_s, u"N"_s, u"200"_s },
        { u"shop-id"_s, u"Loop shop id; all ids are derived from it."_s, u"ID"_s, u"1"_s },
        { u"webhook-url"_s, u"Admin-created active subscription for every trigger."_s, u"URL"_s },
        { u"webhook-secret"_s, u"Secret that signs every webhook of this shop."_s, u"SECRET"_s },
        { u"fault-rate"_s, u"Fraction of /api responses that fail."_s, u"F"_s, u"0"_s },
        { u"fault-kinds"_s, u"Comma list from 500,429,reset,slow,truncated,badjson."_s, u"LIST"_s,
            defaultFaultKinds().join(u',') },
        { u"latency-ms"_s, u"Delay added to every /api response."_s, u"MS"_s, u"0"_s },
        { u"slow-ms"_s, u"Delay of a 'slow' fault."_s, u"MS"_s, u"5000"_s },
        { u"rate-limit"_s, u"Requests per minute per API key (0 = unlimited)."_s, u"PER_MIN"_s, u"300"_s },
        { u"process-delay-ms"_s, u"Time a queued process takes before the return closes."_s, u"MS"_s, u"2000"_s },
        { u"process-failure-rate"_s, u"Fraction of processing runs that fail (return.processing.failed)."_s, u"F"_s,
            u"0"_s },
        { u"allow-flagged-process"_s, u"Merchant setting 'Allow flagged returns to process'."_s },
        { u"action-errors-status"_s, u"HTTP status of action state-conflict bodies: 200 or 422."_s, u"CODE"_s,
            u"200"_s },
        { u"success-body"_s, u"Action success body: json-string (\"true\") or json-literal (true)."_s, u"STYLE"_s,
            u"json-string"_s },
        { u"page-urls"_s, u"nextPageUrl query: documented (to, filter, pageSize, cursor) or full."_s, u"STYLE"_s,
            u"documented"_s },
        { u"details-multiple"_s,
            u"Which return Get Return Details picks when an order has several: latest or "
            u"first."_s,
            u"WHICH"_s, u"latest"_s },
        { u"request-log"_s, u"Append one JSON line per request to FILE."_s, u"FILE"_s },
        { u"epoch"_s, u"Pin the time anchor (ISO-8601) instead of the process start."_s, u"ISO8601"_s },
        { u"label-delay-ms"_s, u"Delay before a created return gets its label."_s, u"MS"_s, u"2000"_s },
        { u"label-tick-ms"_s, u"Advance some labels every MS milliseconds (0 = off)."_s, u"MS"_s, u"0"_s },
        { u"webhook-retry-base-ms"_s, u"First retry delay; doubles per retry, plus jitter."_s, u"MS"_s, u"1000"_s },
        { u"webhook-max-retries"_s, u"Retries after the first delivery attempt."_s, u"N"_s, u"5"_s },
        { u"webhook-timeout-ms"_s, u"Timeout of one webhook delivery attempt."_s, u"MS"_s, u"10000"_s },
        { u"max-body-bytes"_s, u"Larger request bodies get 413."_s, u"BYTES"_s, u"1048576"_s },
    };
    parser.addOptions(options);
    if (!parser.parse(arguments))
        return fail(parser.errorText());
    if (parser.isSet(u"help"_s) || parser.isSet(u"help-all"_s))
        return std::unexpected(ParseError { parser.helpText(), true });
    if (!parser.positionalArguments().isEmpty())
        return fail(u"unexpected argument '%1'"_s.arg(parser.positionalArguments().constFirst()));

    SimOptions o;
    if (!parser.isSet(u"port"_s))
        return fail(u"--port is required (use --port 0 to pick a free port)"_s);
    auto assign = [&](const QString& name, qint64 min, qint64 max, auto& field) -> std::optional<QString> {
        const auto value = integerOption(parser, name, min, max);
        if (!value)
            return value.error();
        field = std::remove_reference_t<decltype(field)>(*value);
        return std::nullopt;
    };
    constexpr qint64 day = 86'400'000;
    for (const auto& [name, min, max, field] : std::initializer_list<std::tuple<QString, qint64, qint64, int*>> {
             { u"port"_s, 0, 65535, &o.port },
             { u"returns"_s, 0, 1'000'000, &o.returns },
             { u"latency-ms"_s, 0, 600'000, &o.latencyMs },
             { u"slow-ms"_s, 0, 600'000, &o.slowMs },
             { u"rate-limit"_s, 0, 1'000'000, &o.rateLimit },
             { u"process-delay-ms"_s, 0, day, &o.processDelayMs },
             { u"label-delay-ms"_s, 0, day, &o.labelDelayMs },
             { u"label-tick-ms"_s, 0, day, &o.labelTickMs },
             { u"webhook-retry-base-ms"_s, 0, day, &o.webhookRetryBaseMs },
             { u"webhook-max-retries"_s, 0, 50, &o.webhookMaxRetries },
             { u"webhook-timeout-ms"_s, 1, day, &o.webhookTimeoutMs },
             { u"action-errors-status"_s, 200, 422, &o.actionErrorsStatus },
         }) {
        if (const auto error = assign(name, min, max, *field))
            return fail(*error);
    }
    if (o.actionErrorsStatus != 200 && o.actionErrorsStatus != 422)
        return fail(u"--action-errors-status must be 200 or 422"_s);
    if (const auto error = assign(u"shop-id"_s, 1, 999'999, o.shopId))
        return fail(*error);
    if (const auto error = assign(u"max-body-bytes"_s, 1024, qint64(512) * 1024 * 1024, o.maxBodyBytes))
        return fail(*error);
    {
        bool ok = false;
        o.seed = parser.value(u"seed"_s).toULongLong(&ok);
        if (!ok)
            return fail(u"--seed must be a non-negative integer, got '%1'"_s.arg(parser.value(u"seed"_s)));
    }
    for (const auto& [name, field] : std::initializer_list<std::pair<QString, double*>> {
             { u"fault-rate"_s, &o.faultRate }, { u"process-failure-rate"_s, &o.processFailureRate } }) {
        const auto value = fractionOption(parser, name);
        if (!value)
            return fail(value.error());
        *field = *value;
    }

    o.host = parser.value(u"host"_s);
    if (o.host != u"localhost" && QHostAddress(o.host).isNull())
        return fail(u"--host must be an IP address such as 127.0.0.1 or 0.0.0.0, got '%1'"_s.arg(o.host));
    for (const QString& key : parser.values(u"api-key"_s)) {
        if (key.isEmpty())
            return fail(u"--api-key must not be empty"_s);
        o.apiKeys.insert(key, allScopes());
    }
    for (const QString& spec : parser.values(u"scoped-api-key"_s)) {
        const qsizetype equals = spec.indexOf(u'=');
        if (equals <= 0)
            return fail(u"--scoped-api-key must look like KEY=returns,developer_tools; got '%1'"_s.arg(spec));
        QSet<QString> scopes;
        for (const QString& scope : spec.mid(equals + 1).split(u',', Qt::SkipEmptyParts)) {
            if (!allScopes().contains(scope))
                return fail(u"--scoped-api-key: unknown scope '%1' (known: returns, orders, carts, "
                            u"developer_tools, destinations:read, destinations:write, "
                            u"happy_returns_shipments:read)"_s.arg(scope));
            scopes.insert(scope);
        }
        o.apiKeys.insert(spec.left(equals), scopes);
    }
    if (o.apiKeys.isEmpty())
        o.apiKeys.insert(defaultApiKey(), allScopes());

    o.webhookUrl = parser.value(u"webhook-url"_s);
    o.webhookSecret = parser.value(u"webhook-secret"_s);
    if (!o.webhookUrl.isEmpty()) {
        const QUrl url(o.webhookUrl, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty())
            return fail(u"--webhook-url must be an http(s) URL, got '%1'"_s.arg(o.webhookUrl));
        if (o.webhookSecret.isEmpty())
            return fail(u"--webhook-url needs --webhook-secret (the key that signs X-Loop-Signature)"_s);
    }
    if (o.webhookSecret.isEmpty())
        o.webhookSecret = u"sim-webhook-secret"_s;

    o.faultKinds.clear();
    for (const QString& kind : parser.value(u"fault-kinds"_s).split(u',', Qt::SkipEmptyParts)) {
        if (!allFaultKinds().contains(kind.trimmed()))
            return fail(u"--fault-kinds: unknown kind '%1' (known: %2)"_s.arg(kind, allFaultKinds().join(u", ")));
        o.faultKinds.append(kind.trimmed());
    }
    if (o.faultKinds.isEmpty())
        return fail(u"--fault-kinds must name at least one kind"_s);

    const QString successBody = parser.value(u"success-body"_s);
    if (successBody != u"json-string" && successBody != u"json-literal")
        return fail(u"--success-body must be json-string or json-literal"_s);
    o.successBodyLiteral = successBody == u"json-literal";
    const QString pageUrls = parser.value(u"page-urls"_s);
    if (pageUrls != u"documented" && pageUrls != u"full")
        return fail(u"--page-urls must be documented or full"_s);
    o.fullPageUrls = pageUrls == u"full";
    const QString multiple = parser.value(u"details-multiple"_s);
    if (multiple != u"latest" && multiple != u"first")
        return fail(u"--details-multiple must be latest or first"_s);
    o.detailsPickFirst = multiple == u"first";
    o.allowFlaggedProcess = parser.isSet(u"allow-flagged-process"_s);
    o.requestLogPath = parser.value(u"request-log"_s);
    if (parser.isSet(u"epoch"_s)) {
        const auto epoch = TimeFormat::parse(parser.value(u"epoch"_s));
        if (!epoch)
            return fail(u"--epoch must be an ISO-8601 time such as 2024-03-01T12:00:00Z, got '%1'"_s.arg(
                parser.value(u"epoch"_s)));
        o.epochSecs = *epoch;
    }
    return o;
}
