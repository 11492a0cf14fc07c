#pragma once

#include "domain/Return.h"
#include "util/Error.h"
#include "util/SystemClock.h"

#include <QObject>
#include <QStringList>
#include <QTextStream>

#include <functional>
#include <memory>

namespace Dockside {

class StationContext;
class OutboxDispatcher;
class SyncWorker;
class UnixSignalWatcher;
class WebhookService;
struct Merchant;

// dockside-cli: the station's headless commands, for scripts, kiosks and administrators.
class Cli final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Cli)

public:
    enum ExitCode {
        Success = 0,
        Failure = 1, // the command ran and failed: the database, Loop, ...
        Usage = 2, // the command line itself is wrong
    };

    Cli(QTextStream& out, QTextStream& err, QObject* parent = nullptr);
    ~Cli() override;

    // Runs the command. finished() follows exactly once: from inside this call for commands that need
    // nothing asynchronous, later from the event loop for those that wait for the OS keychain.
    void start(const QStringList& arguments);

Q_SIGNALS:
    void finished(int exitCode);

private:
    // What a handler returns when it has started asynchronous work and will call finish() itself.
    static constexpr int Pending = -1;

    struct Command
    {
        QString name;
        QString summary;
        int (Cli::*handler)(StationContext& context, const QStringList& arguments);
        // Set for commands that need no database: run without opening one.
        int (Cli::*offlineHandler)(const QStringList& arguments) = nullptr;
    };

    QString helpText() const;
    int run(const QStringList& arguments);
    void finish(int exitCode);

    int status(StationContext& context, const QStringList& arguments);
    int migrate(StationContext& context, const QStringList& arguments);
    int merchant(StationContext& context, const QStringList& arguments);
    int addMerchant(StationContext& context, const QStringList& arguments);
    int listMerchants(StationContext& context, const QStringList& arguments);
    int sync(StationContext& context, const QStringList& arguments);
    int serveWebhooks(StationContext& context, const QStringList& arguments);
    int normalize(const QStringList& arguments);
    int lookup(StationContext& context, const QStringList& arguments);
    int receive(StationContext& context, const QStringList& arguments);
    int outbox(StationContext& context, const QStringList& arguments);
    int unknown(StationContext& context, const QStringList& arguments);
    int supervise(StationContext& context, const QStringList& arguments);
    int superviseList(StationContext& context, const QStringList& arguments);
    int superviseAction(StationContext& context, const QString& action, const QStringList& arguments);
    // The local row of Loop return `loopId`, of the merchant named `merchantName` when given. Validation errors:
    // "cli.return.unknown" (not on this station), "cli.return.ambiguous" (several merchants have that id).
    Result<Return> localReturn(StationContext& context, qint64 loopId, const QString& merchantName);
    int drainOutbox(StationContext& context, bool json);
    void printOutbox(StationContext& context, bool json);
    void printSyncSummary();
    // Long-running commands end on SIGINT/SIGTERM: `stop` runs, then the command finishes with success.
    void finishOnTermination(std::function<void()> stop);

    void storeMerchant(const Merchant& merchant, const QByteArray& apiKey, const QByteArray& webhookSecret);
    void insertMerchant(Merchant merchant);
    // Removes secrets written for a merchant that could not be stored, then reports `reason` and fails.
    void discardSecrets(QStringList references, const Error& reason);

    int usageError(const QString& message);
    int failure(const Error& error);

    QTextStream& m_out;
    QTextStream& m_err;
    QList<Command> m_commands;
    std::unique_ptr<StationContext> m_context; // open while a command runs
    SystemClock m_clock;
    std::unique_ptr<SyncWorker> m_sync;
    std::unique_ptr<OutboxDispatcher> m_outbox;
    std::unique_ptr<WebhookService> m_webhooks;
    UnixSignalWatcher* m_signals = nullptr;
};

} // namespace Dockside
