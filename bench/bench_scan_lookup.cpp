// Measures how long a scan takes to resolve to its return(s) on a large database, next to the raw indexed
// query it is built on.
// Usage: bench_scan_lookup [--db URL] [--returns N] [--lookups N] [--reuse]
// Builds N returns with three lines each (default 1,000,000 and 3,000,000) in an empty database (default a
// temporary SQLite file; stored through ReturnRepository::upsertMany a page at a time, as a sync stores them),
// then resolves a mix of raw scans (parcel labels in their printed barcode forms, order names, item barcodes,
// unknown labels) and prints p50/p99 in microseconds, together with those of
// `SELECT "return_id" FROM "scan_keys" WHERE "key" = ?` for the same keys.

#include "domain/Merchant.h"
#include "receiving/ScanResolver.h"
#include "storage/Database.h"
#include "storage/MerchantRepository.h"
#include "storage/ReturnRepository.h"
#include "storage/Transaction.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <ctime>

using namespace Qt::StringLiterals;
using namespace Dockside;

namespace {
constexpr int kVariants = 500; // a shop's catalogue: every item barcode is on about N * 3 / 500 returns
const QString kGs = QString(QChar(0x1D));

QString withGs1Check(const QString& data)
{
    int sum = 0;
    for (qsizetype i = 0; i < data.size(); ++i)
        sum += data.at(i).digitValue() * ((data.size() - i) % 2 == 1 ? 3 : 1);
    return data + QString::number((10 - sum % 10) % 10);
}

QString withFedEx12Check(const QString& data11)
{
    static constexpr int kWeights[] = {3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1};
    int sum = 0;
    for (int i = 0; i < 11; ++i)
        sum += data11.at(i).digitValue() * kWeights[i];
    return data11 + QString::number(sum % 11 % 10);
}

QString withUpsCheck(const QString& serial15)
{
    int sum = 0;
    for (int i = 0; i < 15; ++i) {
        const QChar c = serial15.at(i);
        const int value = c.isDigit() ? c.digitValue() : (c.unicode() - 63) % 10;
        sum += value * (i % 2 == 0 ? 1 : 2);
    }
    return u"1Z"_s + serial15 + QString::number((10 - sum % 10) % 10);
}

// Return n's label: USPS 60%, UPS 25%, FedEx 15%, like the simulator; the tracking number as Loop stores it and
// the barcode a scanner reads off the parcel.
struct Label
{
    QString tracking;
    QString scan;
};

Label labelOf(qint64 n)
{
    const qint64 slot = n % 20;
    if (slot < 12) {
        const QString pic = withGs1Check(u"9400111899"_s + u"%1"_s.arg(n, 11, 10, QChar(u'0')));
        return {pic, (n % 3 == 0 ? u"]C1"_s : QString()) + u"42008810"_s + kGs + pic};
    }
    if (slot < 17) {
        const QString ups = withUpsCheck(u"A1B2C390"_s + u"%1"_s.arg(n, 7, 10, QChar(u'0')));
        return {ups, ups};
    }
    const QString fedex = withFedEx12Check(u"7"_s + u"%1"_s.arg(n, 10, 10, QChar(u'0')));
    return {fedex, u"100190123456789"_s + u"08810"_s + u"00"_s + fedex};
}

QString variantBarcode(qint64 variant)
{
    return withGs1Check(u"08123"_s + u"%1"_s.arg(variant, 6, 10, QChar(u'0'))); // UPC-A
}

// About 2% are a second return on an earlier order, as in Loop.
QString orderNameOf(qint64 n)
{
    return u"#%1"_s.arg(1001 + (n % 50 == 49 ? n - 1 : n));
}

Return makeReturn(qint64 merchantId, qint64 n, const QDateTime& at)
{
    Return value;
    value.merchantId = merchantId;
    value.loopId = 10000000 + n;
    value.state = ReturnState::Open;
    value.outcome = u"refund"_s;
    value.orderName = orderNameOf(n);
    value.customerEmail = u"shopper%1@example.test"_s.arg(n);
    value.carrier = u"USPS"_s;
    value.trackingNumber = labelOf(n).tracking;
    value.labelStatus = u"in_transit"_s;
    value.currency = u"USD"_s;
    value.createdAt = at;
    value.updatedAt = at;
    for (int i = 0; i < 3; ++i) {
        const qint64 variant = (n * 7 + i * 131) % kVariants;
        ReturnLine line;
        line.lineItemId = value.loopId * 10 + i;
        line.sku = u"SKU-%1"_s.arg(variant);
        line.barcode = variantBarcode(variant);
        line.title = u"Item %1"_s.arg(variant);
        line.priceMinor = 1999;
        value.lines << line;
    }
    return value;
}

// Fills the database through ReturnRepository::upsertMany, a page of Loop's list (750 returns) per call, as a
// sync would: the same rows, lines and scan keys, written by the same bulk statements. Many pages share one
// transaction (each call then joins it as a savepoint), which keeps SQLite's commits and checkpoints out of the
// way of a million rows.
bool generate(Database& db, qint64 merchantId, qint64 total)
{
    constexpr qint64 kPerTransaction = 15000;
    constexpr qint64 kPerPage = 750;
    const QDateTime at = QDateTime::currentDateTimeUtc();
    ReturnRepository returns(db);
    QElapsedTimer timer;
    timer.start();
    for (qint64 start = 0; start < total; start += kPerTransaction) {
        Result<Transaction> transaction = Transaction::begin(db, u"bench generation"_s);
        if (!transaction) {
            fprintf(stderr, "%s\n", qPrintable(transaction.error().toLogString()));
            return false;
        }
        for (qint64 first = start; first < std::min(total, start + kPerTransaction); first += kPerPage) {
            QList<Return> page;
            page.reserve(kPerPage);
            for (qint64 n = first; n < std::min(total, first + kPerPage); ++n)
                page << makeReturn(merchantId, n, at);
            const Result<ReturnRepository::UpsertCounts> stored = returns.upsertMany(page, at);
            if (!stored) {
                fprintf(stderr, "%s\n", qPrintable(stored.error().toLogString()));
                return false;
            }
            if (stored->inserted != page.size()) {
                fprintf(stderr, "stored %d of %lld returns\n", stored->inserted, qlonglong(page.size()));
                return false;
            }
        }
        if (const Status committed = transaction->commit(); !committed) {
            fprintf(stderr, "%s\n", qPrintable(committed.error().toLogString()));
            return false;
        }
        const qint64 done = std::min(total, start + kPerTransaction);
        if ((start / kPerTransaction) % 10 == 9 || done == total)
            fprintf(stderr, "  %lld returns stored, %.0f s\n", done, double(timer.elapsed()) / 1000.0);
    }
    printf("generated %lld returns with %lld lines in %.1f s (%.0f returns/s)\n", total, total * 3,
        double(timer.elapsed()) / 1000.0, double(total) / (double(timer.elapsed()) / 1000.0));
    return true;
}

// This thread's CPU time: unlike the wall clock, it does not count the time the scheduler gave the core to
// other processes, which on a busy machine dominates the tail of the wall-clock figures.
qint64 threadCpuNs()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

struct Lookup
{
    QString scan; // what the scanner sends
    QString key; // the stored key the raw query looks for
    const char* kind;
};

struct Percentiles
{
    double p50 = 0;
    double p99 = 0;
    double max = 0;
};

Percentiles percentiles(QList<qint64> nanoseconds)
{
    std::sort(nanoseconds.begin(), nanoseconds.end());
    const auto at = [&nanoseconds](double q) {
        return double(nanoseconds.at(std::min(nanoseconds.size() - 1, qsizetype(q * double(nanoseconds.size()))))) / 1000.0;
    };
    return {at(0.50), at(0.99), double(nanoseconds.constLast()) / 1000.0};
}
} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption dbOption(
        u"db"_s, u"Database URL, empty (default: a temporary SQLite file)."_s, u"URL"_s);
    const QCommandLineOption returnsOption(u"returns"_s, u"How many returns (default 1000000)."_s, u"N"_s, u"1000000"_s);
    const QCommandLineOption lookupsOption(u"lookups"_s, u"How many scans to resolve (default 20000)."_s, u"N"_s, u"20000"_s);
    const QCommandLineOption reuseOption(u"reuse"_s,
        u"Resolve scans on the returns an earlier run stored in --db instead of storing them again."_s);
    parser.addOptions({dbOption, returnsOption, lookupsOption, reuseOption});
    parser.process(app);

    bool ok = false;
    const qint64 total = parser.value(returnsOption).toLongLong(&ok);
    const int lookups = parser.value(lookupsOption).toInt(&ok);
    if (total < 100 || lookups < 100) {
        fprintf(stderr, "--returns and --lookups take numbers of at least 100\n");
        return 2;
    }
    QTemporaryDir dir;
    Result<DatabaseUrl> url = parser.isSet(dbOption) ? DatabaseUrl::parse(parser.value(dbOption))
                                                     : DatabaseUrl::sqliteFile(dir.filePath(u"bench.sqlite"_s));
    if (!url) {
        fprintf(stderr, "%s\n", qPrintable(url.error().message));
        return 2;
    }
    Result<std::unique_ptr<Database>> db = Database::open(*url);
    if (!db) {
        fprintf(stderr, "%s\n", qPrintable(db.error().toLogString()));
        return 1;
    }
    Merchant merchant;
    merchant.name = u"bench-%1"_s.arg(QDateTime::currentMSecsSinceEpoch());
    merchant.baseUrl = u"http://127.0.0.1/api"_s;
    const Result<qint64> merchantId = MerchantRepository(**db).insert(merchant);
    if (!merchantId) {
        fprintf(stderr, "%s\n", qPrintable(merchantId.error().toLogString()));
        return 1;
    }
    printf("%s, %lld returns, %d lookups\n", qPrintable((*db)->dialect().name()), total, lookups);
    if (parser.isSet(reuseOption)) {
        const Result<qint64> stored = ReturnRepository(**db).count();
        if (!stored || *stored < total) {
            fprintf(stderr, "--reuse: the database holds %lld returns, fewer than --returns\n",
                stored ? qlonglong(*stored) : 0LL);
            return 1;
        }
    } else if (!generate(**db, *merchantId, total)) {
        return 1;
    }
    if ((*url).isSqlite())
        printf("database file: %.0f MB\n", double(QFileInfo((*url).sqlitePath()).size()) / 1e6);

    // 40% parcel labels as printed, 20% order names, 20% item barcodes, 20% labels of no return here.
    QRandomGenerator random(20240221);
    QList<Lookup> mix;
    mix.reserve(lookups);
    for (int i = 0; i < lookups; ++i) {
        const qint64 n = qint64(random.bounded(quint64(total)));
        const int pick = int(random.bounded(10));
        if (pick < 4) {
            const Label label = labelOf(n);
            mix << Lookup {label.scan, label.tracking, "label"};
        } else if (pick < 6) {
            mix << Lookup {orderNameOf(n), orderNameOf(n).mid(1), "order"};
        } else if (pick < 8) {
            const QString barcode = variantBarcode(n % kVariants);
            mix << Lookup {barcode, barcode, "item"};
        } else {
            const Label label = labelOf(total + n); // generated like the others, never stored
            mix << Lookup {label.scan, label.tracking, "unknown"};
        }
    }

    ScanResolver resolver(**db);
    QHash<QString, int> outcomes;
    QHash<QString, QList<qint64>> resolveNsByKind;
    QList<qint64> resolveNs;
    QList<qint64> resolveCpuNs;
    resolveNs.reserve(lookups);
    QElapsedTimer timer;
    for (int pass = 0; pass < 2; ++pass) { // the first pass of 1,000 warms the caches and is not counted
        const int count = pass == 0 ? std::min(1000, lookups) : lookups;
        for (int i = 0; i < count; ++i) {
            const qint64 cpuStart = threadCpuNs();
            timer.start();
            const Result<ScanResolver::Resolution> resolved = resolver.resolve(mix.at(i).scan);
            const qint64 ns = timer.nsecsElapsed();
            const qint64 cpuNs = threadCpuNs() - cpuStart;
            if (!resolved) {
                fprintf(stderr, "%s\n", qPrintable(resolved.error().toLogString()));
                return 1;
            }
            if (pass == 1) {
                resolveNs << ns;
                resolveCpuNs << cpuNs;
                resolveNsByKind[QString::fromLatin1(mix.at(i).kind)] << ns;
                ++outcomes[QString::fromLatin1(mix.at(i).kind) + u'/' + ScanResolver::outcomeCode(resolved->outcome)];
            }
        }
    }

    Result<QSqlDatabase> connection = (*db)->connection();
    if (!connection) {
        fprintf(stderr, "%s\n", qPrintable(connection.error().toLogString()));
        return 1;
    }
    QSqlQuery raw(*connection);
    raw.setForwardOnly(true);
    if (!raw.prepare(uR"(SELECT "return_id" FROM "scan_keys" WHERE "key" = ?)"_s)) {
        fprintf(stderr, "%s\n", qPrintable((*db)->failure(raw.lastError(), u"preparing"_s).toLogString()));
        return 1;
    }
    QList<qint64> rawNs;
    QList<qint64> rawCpuNs;
    rawNs.reserve(lookups);
    qint64 rows = 0;
    for (int pass = 0; pass < 2; ++pass) {
        const int count = pass == 0 ? std::min(1000, lookups) : lookups;
        for (int i = 0; i < count; ++i) {
            const qint64 cpuStart = threadCpuNs();
            timer.start();
            raw.bindValue(0, mix.at(i).key);
            if (!raw.exec()) {
                fprintf(stderr, "%s\n", qPrintable((*db)->failure(raw.lastError(), u"raw lookup"_s).toLogString()));
                return 1;
            }
            qint64 found = 0;
            while (raw.next())
                ++found;
            const qint64 ns = timer.nsecsElapsed();
            const qint64 cpuNs = threadCpuNs() - cpuStart;
            if (pass == 1) {
                rawNs << ns;
                rawCpuNs << cpuNs;
                rows += found;
            }
        }
    }

    const Percentiles resolvePs = percentiles(resolveNs);
    const Percentiles rawPs = percentiles(rawNs);
    printf("ScanResolver::resolve (raw scan -> returns): p50 %8.0f us  p99 %8.0f us  max %8.0f us\n", resolvePs.p50,
        resolvePs.p99, resolvePs.max);
    printf("raw SELECT by key (one indexed query):       p50 %8.0f us  p99 %8.0f us  max %8.0f us  (%lld rows)\n",
        rawPs.p50, rawPs.p99, rawPs.max, rows);
    const Percentiles resolveCpu = percentiles(resolveCpuNs);
    const Percentiles rawCpu = percentiles(rawCpuNs);
    printf("same, thread CPU time only:  resolve p50 %8.0f us  p99 %8.0f us;  raw SELECT p50 %8.0f us  p99 %8.0f us\n",
        resolveCpu.p50, resolveCpu.p99, rawCpu.p50, rawCpu.p99);
    QStringList kinds = resolveNsByKind.keys();
    kinds.sort();
    for (const QString& kind : std::as_const(kinds)) {
        const Percentiles ps = percentiles(resolveNsByKind.value(kind));
        printf("  resolve %-8s scans: p50 %8.0f us  p99 %8.0f us  max %8.0f us\n", qPrintable(kind), ps.p50, ps.p99,
            ps.max);
    }
    printf("outcomes:\n");
    QStringList keys = outcomes.keys();
    keys.sort();
    for (const QString& key : std::as_const(keys))
        printf("  %-20s %d\n", qPrintable(key), outcomes.value(key));
    return 0;
}
