#pragma once

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

#include <expected>

// Command line of loop-sim (see README.md). The fields marked "runtime" may be changed through
// POST /__sim/config while the simulator runs.
struct SimOptions
{
    QString host = QStringLiteral("127.0.0.1");
    int port = -1;
    // API key -> scopes it carries. --api-key keys carry every scope.
    QHash<QString, QSet<QString>> apiKeys;
    quint64 seed = 1;
    int returns = 200;
    qint64 shopId = 1;
    QString webhookUrl;
    QString webhookSecret;
    qint64 epochSecs = 0; // 0 = process start
    QString requestLogPath;

    // runtime
    double faultRate = 0.0;
    QStringList faultKinds;
    int latencyMs = 0;
    int slowMs = 5000;
    int rateLimit = 300;
    int processDelayMs = 2000;
    double processFailureRate = 0.0;
    bool allowFlaggedProcess = false;
    int actionErrorsStatus = 200;
    bool successBodyLiteral = false;
    bool fullPageUrls = false;
    bool detailsPickFirst = false;
    int labelDelayMs = 2000;
    int labelTickMs = 0;
    int webhookRetryBaseMs = 1000;
    int webhookMaxRetries = 5;
    int webhookTimeoutMs = 10000;
    qint64 maxBodyBytes = 1024 * 1024;

    static QStringList allFaultKinds();
    static QStringList defaultFaultKinds();
    static QSet<QString> allScopes();
    static QString defaultApiKey();

    struct ParseError
    {
        QString message; // what to fix, or the help text
        bool helpRequested = false;
    };

    // Parses argv; the error says what to fix.
    static std::expected<SimOptions, ParseError> parse(const QStringList& arguments);
};
