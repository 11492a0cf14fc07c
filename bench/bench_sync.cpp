// The sync's two figures (issue 4):
// 1. Client-side work per page of 750 returns: decoding Loop's JSON and storing it, on SQLite and PostgreSQL,
//    next to the 200 ms a request costs at Loop's 300 requests per minute.
// 2. The main thread's longest stall while the sync thread pulls a whole shop (default 100,000 returns), next to
//    the same figure for an idle main thread with no sync running (the machine's own share).
//
// Usage: bench_sync [--returns N] [--stall-returns N] [--idle-seconds S] [--pg URL] [--loop-sim PATH]
// PostgreSQL is measured when --pg or $DOCKSIDE_TEST_PG_URL names a server (scripts/with-postgres.sh sets it);
// a fresh database is created there and dropped afterwards.

#include "domain/Merchant.h"
#include "loop/LoopJson.h"
#include "storage/Database.h"
#include "storage/MerchantRepository.h"
#include "storage/ReturnRepository.h"
#include "storage/Transaction.h"
#include "sync/SyncStatus.h"
#include "sync/SyncThread.h"
#include "sync/SyncWorker.h"
#include "util/SystemClock.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <numeric>
#include <ctime>

#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace Dockside;

namespace {

struct Sim
{
    QProcess process;
    QUrl base;

    bool start(const QString& program, int returns)
    {
        process.setProgram(program);
        process.setArguments({u"--port"_s, u"0"_s, u"--returns"_s, QString::number(returns), u"--seed"_s, u"77"_s,
            u"--rate-limit"_s, u"100000"_s});
        process.start();
        if (!process.waitForStarted(10000))
            return false;
        QByteArray out;
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 120000) {
            process.waitForReadyRead(1000);
            out += process.readAllStandardOutput();
            const QRegularExpressionMatch match
                = QRegularExpression(u"listening on (http://[^\\s]+)"_s).match(QString::fromUtf8(out));
            if (match.hasMatch()) {
                base = QUrl(match.captured(1));
                return true;
            }
        }
        return false;
    }
    ~Sim()
    {
        process.kill();
        process.waitForFinished();
    }
};

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    return values.at(std::min<qsizetype>(values.size() - 1, qsizetype(p * double(values.size()))));
}

// CPU time, which a busy shared machine inflates far less than wall time: this thread's, and a process's
// (the PostgreSQL backend serving the bench) from /proc, 0 when unknown.
double threadCpuMs()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

double processCpuMs(qint64 pid)
{
    if (pid <= 0)
        return 0;
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    // Fields 14 and 15 (utime, stime) in clock ticks, counted after the ")" that ends the command name.
    const QByteArray text = stat.readAll();
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return 0;
    const double ticks = double(fields.at(11).toLongLong() + fields.at(12).toLongLong());
    return ticks * 1e3 / double(sysconf(_SC_CLK_TCK));
}

// Fetches every page body once, so that decoding and storing can be timed without the network in them.
QList<QByteArray> fetchPages(const QUrl& base)
{
    QList<QByteArray> pages;
    QNetworkAccessManager network;
    QString cursor;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (;;) {
        QUrl url = base;
        url.setPath(u"/api/v1/warehouse/return/list"_s);
        QUrlQuery query;
        query.addQueryItem(u"from"_s, LoopJson::requestTime(now.addDays(-119)));
        query.addQueryItem(u"to"_s, LoopJson::requestTime(now.addDays(1)));
        query.addQueryItem(u"filter"_s, u"created_at"_s);
        query.addQueryItem(u"paginate"_s, u"true"_s);
        query.addQueryItem(u"pageSize"_s, u"750"_s);
        if (!cursor.isEmpty())
            query.addQueryItem(u"cursor"_s, cursor);
        url.setQuery(query);
        QNetworkRequest request(url);
        request.setRawHeader("X-Authorization", "sim-key");
        QNetworkReply* reply = network.get(request);
        while (!reply->isFinished())
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        const QByteArray body = reply->readAll();
        reply->deleteLater();
        const Result<ReturnPage> page = LoopJson::parseReturnList(body);
        if (!page || page->returns.isEmpty())
            break;
        pages << body;
        if (page->nextCursor.isEmpty())
            break;
        cursor = page->nextCursor;
    }
    return pages;
}

void measureIngest(const QString& label, const DatabaseUrl& url, const QList<QByteArray>& pages)
{
    Result<std::unique_ptr<Database>> db = Database::open(url);
    if (!db) {
        fprintf(stderr, "%s\n", qPrintable(db.error().toLogString()));
        return;
    }
    Merchant merchant;
    merchant.name = u"bench"_s;
    merchant.baseUrl = u"http://127.0.0.1/api"_s;
    const Result<qint64> merchantId = MerchantRepository(**db).insert(merchant);
    if (!merchantId)
        return;
    ReturnRepository returns(**db);
    // The PostgreSQL server process that serves this thread's connection, to count its CPU time too.
    qint64 serverPid = 0;
    if (!url.isSqlite()) {
        QSqlQuery query(*(*db)->connection());
        if (query.exec(u"SELECT pg_backend_pid()"_s) && query.next())
            serverPid = query.value(0).toLongLong();
    }
    // First read (every return new), then a re-read of the same pages (what the overlap window and the
    // daily sweep mostly see: nothing changed).
    for (const char* round : {"first-read", "re-read"}) {
        QList<double> decodeMs;
        QList<double> storeMs;
        QList<double> storeCpuMs; // this thread's CPU time, plus the server's on PostgreSQL
        qint64 total = 0;
        QElapsedTimer all;
        all.start();
        for (const QByteArray& body : pages) {
            QElapsedTimer timer;
            timer.start();
            Result<ReturnPage> page = LoopJson::parseReturnList(body);
            decodeMs << double(timer.nsecsElapsed()) / 1e6;
            if (!page)
                continue;
            for (Return& value : page->returns)
                value.merchantId = *merchantId;
            const double cpuBefore = threadCpuMs() + processCpuMs(serverPid);
            timer.restart();
            const auto counts = returns.upsertMany(page->returns, QDateTime::currentDateTimeUtc());
            storeMs << double(timer.nsecsElapsed()) / 1e6;
            storeCpuMs << threadCpuMs() + processCpuMs(serverPid) - cpuBefore;
            if (!counts)
                fprintf(stderr, "%s\n", qPrintable(counts.error().toLogString()));
            total += page->returns.size();
        }
        const double seconds = double(all.nsecsElapsed()) / 1e9;
        printf("ingest %-10s %-10s pages=%lld returns=%lld  decode ms/page p50=%.1f p95=%.1f  store ms/page p50=%.1f "
               "p95=%.1f (CPU p50=%.1f%s)  returns/s=%.0f\n",
            qPrintable(label), round, qlonglong(decodeMs.size()), qlonglong(total), percentile(decodeMs, 0.5),
            percentile(decodeMs, 0.95), percentile(storeMs, 0.5), percentile(storeMs, 0.95),
            percentile(storeCpuMs, 0.5), serverPid > 0 ? " with the server's" : "", double(total) / seconds);
    }
}

bool adminExec(const DatabaseUrl& server, const QString& sql)
{
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, u"bench-admin"_s);
        db.setHostName(server.host());
        if (server.port() > 0)
            db.setPort(server.port());
        db.setDatabaseName(server.databaseName());
        db.setUserName(server.userName());
        db.setPassword(server.password());
        ok = db.open() && QSqlQuery(db).exec(sql);
        db.close();
    }
    QSqlDatabase::removeDatabase(u"bench-admin"_s);
    return ok;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption returnsOption(u"returns"_s, u"Returns for the ingest figure (default 15000)."_s, u"N"_s,
        u"15000"_s);
    const QCommandLineOption stallOption(u"stall-returns"_s, u"Returns for the stall figure (default 100000)."_s,
        u"N"_s, u"100000"_s);
    const QCommandLineOption pgOption(u"pg"_s, u"PostgreSQL server URL (default $DOCKSIDE_TEST_PG_URL)."_s, u"URL"_s);
    const QCommandLineOption simOption(u"loop-sim"_s, u"The loop-sim program."_s, u"PATH"_s,
        QStringLiteral(DOCKSIDE_LOOP_SIM_PATH));
    const QCommandLineOption idleOption(u"idle-seconds"_s,
        u"Seconds of the main-thread timer with no sync running, the machine's own figure (default 10; 0 skips it)."_s,
        u"S"_s, u"10"_s);
    parser.addOptions({returnsOption, stallOption, idleOption, pgOption, simOption});
    parser.process(app);
    const QString simProgram = parser.value(simOption);

    // 1. Client-side work per page.
    {
        Sim sim;
        if (!sim.start(simProgram, parser.value(returnsOption).toInt())) {
            fprintf(stderr, "cannot start %s\n", qPrintable(simProgram));
            return 1;
        }
        const QList<QByteArray> pages = fetchPages(sim.base);
        printf("fetched %lld pages of up to 750 returns (%.1f MB) from loop-sim\n", qlonglong(pages.size()),
            double(std::accumulate(pages.cbegin(), pages.cend(), qsizetype(0),
                       [](qsizetype sum, const QByteArray& page) { return sum + page.size(); }))
                / 1e6);
        QTemporaryDir dir;
        measureIngest(u"sqlite"_s, DatabaseUrl::sqliteFile(dir.filePath(u"bench.sqlite"_s)), pages);
        const QString pgText = parser.isSet(pgOption) ? parser.value(pgOption) : qEnvironmentVariable("DOCKSIDE_TEST_PG_URL");
        if (!pgText.isEmpty()) {
            const Result<DatabaseUrl> server = DatabaseUrl::parse(pgText);
            const QString name = u"dockside_bench_%1"_s.arg(QCoreApplication::applicationPid());
            if (server && adminExec(*server, u"CREATE DATABASE \"%1\""_s.arg(name))) {
                measureIngest(u"postgresql"_s, server->withDatabaseName(name), pages);
                adminExec(*server, u"DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)"_s.arg(name));
            } else {
                fprintf(stderr, "PostgreSQL not measured: cannot create a database on %s\n", qPrintable(pgText));
            }
        } else {
            printf("ingest postgresql: not measured (no --pg and no $DOCKSIDE_TEST_PG_URL)\n");
        }
    }

    // 2. The main thread's longest stall during a full sync on the sync thread. A 1 ms timer on the main thread
    // records the gaps between its ticks; the same timer with nothing running in the process first gives the
    // machine's own figure (a shared, busy machine delays a waking thread by itself), so the two can be told apart.
    {
        const int stallReturns = parser.value(stallOption).toInt();
        const int idleSeconds = parser.value(idleOption).toInt();
        Sim sim;
        if (!sim.start(simProgram, stallReturns))
            return 1;
        QTemporaryDir dir;
        Result<std::unique_ptr<Database>> db = Database::open(DatabaseUrl::sqliteFile(dir.filePath(u"stall.sqlite"_s)));
        if (!db)
            return 1;
        Merchant merchant;
        merchant.name = u"bench"_s;
        QUrl api = sim.base;
        api.setPath(u"/api"_s);
        merchant.baseUrl = api.toString();
        merchant.rateLimitPerMinute = 100000;
        if (!MerchantRepository(**db).insert(merchant))
            return 1;

        QList<double> gaps;
        QElapsedTimer sinceTick;
        QTimer ticker;
        ticker.setTimerType(Qt::PreciseTimer);
        ticker.setInterval(1);
        QObject::connect(&ticker, &QTimer::timeout, &app, [&] {
            if (sinceTick.isValid())
                gaps << double(sinceTick.nsecsElapsed()) / 1e6;
            sinceTick.restart();
        });
        const auto report = [&gaps](const char* what) {
            QList<double> sorted = gaps;
            std::sort(sorted.begin(), sorted.end(), std::greater<>());
            QStringList top;
            for (qsizetype i = 0; i < std::min<qsizetype>(5, sorted.size()); ++i)
                top << QString::number(sorted.at(i), 'f', 1);
            printf("main thread, %s: %lld ticks of 1 ms, longest stall %.1f ms, p99 gap %.2f ms, gaps over 16 ms: %lld "
                   "(longest five: %s ms)\n",
                what, qlonglong(gaps.size()), sorted.isEmpty() ? 0.0 : sorted.constFirst(), percentile(gaps, 0.99),
                qlonglong(std::count_if(gaps.cbegin(), gaps.cend(), [](double gap) { return gap > 16.0; })),
                qPrintable(top.join(u", "_s)));
        };

        if (idleSeconds > 0) {
            ticker.start();
            QTimer::singleShot(idleSeconds * 1000, &app, [&] {
                ticker.stop();
                QCoreApplication::quit();
            });
            QCoreApplication::exec();
            report(qPrintable(u"idle for %1 s (no sync running)"_s.arg(idleSeconds)));
            gaps.clear();
            sinceTick.invalidate();
        }

        SystemClock clock;
        SyncSettings settings;
        settings.stationId = u"bench"_s;
        settings.sweepDays = 0; // the pull itself is the full sync here
        settings.pullAsn = false;
        auto worker = std::make_unique<SyncWorker>(**db, clock, settings,
            [](const Merchant&) { return std::optional<QByteArray>("sim-key"); });
        SyncWorker* raw = worker.get();
        // What a window does with the sync: receive its status, a value, each time it changes.
        qint64 statusSignals = 0;
        qint64 pulled = 0;
        double statusHandlingMs = 0;
        QObject::connect(raw, &SyncWorker::statusChanged, &app, [&](const SyncStatus& status) {
            QElapsedTimer handling;
            handling.start();
            ++statusSignals;
            qint64 sum = 0;
            for (const MerchantSyncStatus& merchantStatus : status.merchants)
                sum += merchantStatus.returnsPulled;
            pulled = std::max(pulled, sum);
            statusHandlingMs += double(handling.nsecsElapsed()) / 1e6;
        });
        QElapsedTimer total;
        const double simCpuBefore = processCpuMs(sim.process.processId());
        const double ownCpuBefore = processCpuMs(QCoreApplication::applicationPid());
        QObject::connect(raw, &SyncWorker::runFinished, &app, [&](bool ok) {
            ticker.stop();
            const double seconds = double(total.elapsed()) / 1000.0;
            printf("full sync of %d returns on the sync thread: %s in %.1f s (%.0f returns/s); the main thread "
                   "received %lld status signals and spent %.1f ms on them\n",
                stallReturns, ok ? "ok" : "FAILED", seconds, double(pulled) / seconds, statusSignals, statusHandlingMs);
            // Both cores' worth of work on a two-core machine leaves a waking main thread waiting for one.
            printf("CPU used meanwhile: this process %.1f s, loop-sim (serving the pages) %.1f s, in %.1f s on %d "
                   "cores\n",
                (processCpuMs(QCoreApplication::applicationPid()) - ownCpuBefore) / 1000.0,
                (processCpuMs(sim.process.processId()) - simCpuBefore) / 1000.0, seconds, QThread::idealThreadCount());
            report("during the sync");
            QCoreApplication::quit();
        });
        total.start();
        ticker.start();
        SyncThread thread(std::move(worker));
        QCoreApplication::exec();
    }
    return 0;
}
