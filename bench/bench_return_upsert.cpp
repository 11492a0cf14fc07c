// Measures how fast returns are written: the storage half of sync ingest.
// Usage: bench_return_upsert [--db URL] [--returns N] [--page N]
// Prints ms per page and returns per second for first inserts and for re-upserts of unchanged data.

#include "domain/Merchant.h"
#include "storage/Database.h"
#include "storage/MerchantRepository.h"
#include "storage/ReturnRepository.h"
#include "storage/Transaction.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace Dockside;

namespace {
Return makeReturn(qint64 merchantId, qint64 n, const QDateTime& at)
{
    Return value;
    value.merchantId = merchantId;
    value.loopId = 50000000 + n;
    value.state = ReturnState::Open;
    value.outcome = u"refund"_s;
    value.orderName = u"#%1"_s.arg(10000 + n);
    value.customerEmail = u"shopper%1@example.test"_s.arg(n);
    value.carrier = u"USPS"_s;
    value.trackingNumber = u"94001%1"_s.arg(n, 17, 10, QChar(u'0'));
    value.labelStatus = u"in_transit"_s;
    value.currency = u"USD"_s;
    value.createdAt = at;
    value.updatedAt = at;
    for (int i = 0; i < 3; ++i) {
        ReturnLine line;
        line.lineItemId = value.loopId * 10 + i;
        line.sku = u"SKU-%1-%2"_s.arg(n % 5000).arg(i);
        line.barcode = u"0%1%2"_s.arg(n % 1000000, 10, 10, QChar(u'0')).arg(i, 2, 10, QChar(u'0'));
        line.title = u"Item %1"_s.arg(i);
        line.priceMinor = 1999;
        line.returnReason = u"Too small"_s;
        value.lines << line;
    }
    return value;
}

bool ingest(Database& db, qint64 merchantId, int total, int page, const QDateTime& at, const char* label)
{
    ReturnRepository returns(db);
    QElapsedTimer timer;
    timer.start();
    int pages = 0;
    for (int start = 0; start < total; start += page) {
        Result<Transaction> transaction = Transaction::begin(db, u"bench page"_s);
        if (!transaction) {
            fprintf(stderr, "%s\n", qPrintable(transaction.error().toLogString()));
            return false;
        }
        for (int n = start; n < std::min(total, start + page); ++n) {
            if (const auto saved = returns.upsert(makeReturn(merchantId, n, at), at); !saved) {
                fprintf(stderr, "%s\n", qPrintable(saved.error().toLogString()));
                return false;
            }
        }
        if (const Status committed = transaction->commit(); !committed) {
            fprintf(stderr, "%s\n", qPrintable(committed.error().toLogString()));
            return false;
        }
        ++pages;
    }
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    printf("%-10s %-9s returns=%d pages=%d ms_per_page=%.1f returns_per_s=%.0f\n", qPrintable(db.dialect().name()),
        label, total, pages, ms / pages, total / (ms / 1000.0));
    return true;
}
} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption dbOption(u"db"_s, u"Database URL (default: a temporary SQLite file)."_s, u"URL"_s);
    const QCommandLineOption returnsOption(u"returns"_s, u"How many returns (default 7500)."_s, u"N"_s, u"7500"_s);
    const QCommandLineOption pageOption(u"page"_s, u"Returns per transaction (default 750)."_s, u"N"_s, u"750"_s);
    parser.addOptions({dbOption, returnsOption, pageOption});
    parser.process(app);

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
    const int total = parser.value(returnsOption).toInt();
    const int page = std::max(1, parser.value(pageOption).toInt());
    const QDateTime at = QDateTime::currentDateTimeUtc();
    if (!ingest(**db, *merchantId, total, page, at, "insert") || !ingest(**db, *merchantId, total, page, at, "reupsert"))
        return 1;
    return 0;
}
