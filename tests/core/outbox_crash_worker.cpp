// Test helper for TestOutboxCrash: drains the outbox of a given database against a given loop-sim with the
// real dispatcher on its own thread, and exits 0 once nothing is pending. The test kills it at random points.
//   outbox_crash_worker --sqlite PATH | --pg-database NAME   (server from $DOCKSIDE_TEST_PG_URL)
#include "loop/LoopClient.h"
#include "outbox/OutboxDispatcher.h"
#include "outbox/OutboxThread.h"
#include "storage/Database.h"
#include "storage/MerchantRepository.h"
#include "util/SystemClock.h"

#include <QCoreApplication>
#include <QUrl>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace Dockside;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 3) {
        std::fputs("usage: outbox_crash_worker --sqlite PATH | --pg-database NAME\n", stderr);
        return 2;
    }
    std::optional<DatabaseUrl> url;
    if (args.at(1) == u"--sqlite"_s) {
        url = DatabaseUrl::sqliteFile(args.at(2));
    } else if (const Result<DatabaseUrl> server = DatabaseUrl::parse(qEnvironmentVariable("DOCKSIDE_TEST_PG_URL"));
               server && args.at(1) == u"--pg-database"_s) {
        url = server->withDatabaseName(args.at(2));
    }
    if (!url) {
        std::fputs("outbox_crash_worker: no usable database argument\n", stderr);
        return 2;
    }
    Result<std::unique_ptr<Database>> database = Database::open(*url);
    if (!database) {
        std::fprintf(stderr, "outbox_crash_worker: %s\n", qPrintable(database.error().toLogString()));
        return 3;
    }
    SystemClock clock;

    // The composition root's part: where each merchant's Loop is and which key it takes.
    std::map<qint64, LoopClient::Options> clients;
    const Result<QList<Merchant>> merchants = MerchantRepository(**database).list();
    for (const Merchant& merchant : merchants.value_or(QList<Merchant>())) {
        LoopClient::Options options;
        options.baseUrl = QUrl(merchant.baseUrl);
        options.apiKey = "sim-key";
        options.perMinute = 6000;
        options.timeoutMs = 3'000;
        options.backoffBaseMs = 20;
        options.backoffMaxMs = 200;
        clients.emplace(merchant.id, options);
    }

    OutboxSettings settings;
    settings.stationId = u"crash-worker"_s;
    settings.lookIntervalMs = 50;
    settings.maxInFlight = 1; // one request out at a time: kills land on every step of the way
    settings.retryBaseMs = 50;
    settings.retryMaxMs = 500;
    settings.confirmFirstPollMs = 50;
    settings.confirmMaxPollMs = 200;
    settings.confirmWindowMs = 15'000;
    auto dispatcher = std::make_unique<OutboxDispatcher>(**database, clock, settings,
        [clients, &clock](qint64 merchantId, QObject* parent) -> LoopClient* {
            const auto found = clients.find(merchantId);
            return found == clients.end() ? nullptr : new LoopClient(found->second, clock, parent);
        });
    OutboxDispatchStatus last;
    QObject::connect(dispatcher.get(), &OutboxDispatcher::statusChanged, &app,
        [&last](const OutboxDispatchStatus& status) { last = status; });
    QObject::connect(dispatcher.get(), &OutboxDispatcher::idle, &app, [&last, &app] {
        if (last.pending == 0 && last.inFlight == 0)
            app.exit(0);
    });
    int code = 0;
    {
        OutboxThread thread(std::move(dispatcher));
        code = app.exec();
    }
    std::printf("drained: %d done, %d parked\n", last.done, last.parked);
    return code;
}
