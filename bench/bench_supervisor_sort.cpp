// Measures how long one page of a supervisor queue takes to read in each order the queue can be sorted in.
// Usage: bench_supervisor_sort [--db URL] [--rows N] [--pages N]
// Fills each queue (flagged receipts, unknown packages, parked pushes) with N rows (default 100,000) in an empty
// database (default a temporary SQLite file): five merchants, 20,000 returns with their order names, a dozen users
// at six stations, a few reasons, kinds of call and answers from Loop. Then, for every sortable column and both
// directions, it reads the first page of 200 rows, and pages of 200 from the middle of the queue on, as a view
// scrolling there would, and prints the median and the slowest of them in milliseconds.

#include "domain/Merchant.h"
#include "storage/Database.h"
#include "storage/MerchantRepository.h"
#include "storage/Sql.h"
#include "storage/Transaction.h"
#include "supervisor/SupervisorQueues.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace Qt::StringLiterals;
using namespace Dockside;

namespace {
constexpr int kPageRows = 200;
constexpr int kReturns = 20'000;
constexpr qint64 kBaseMs = 1'790'000'000'000; // 2026-09-21

// CASE "i" % n WHEN 0 THEN 'a' ... END over `texts`, picked by `of` (an SQL expression of "i").
QString pick(const QString& of, const QStringList& texts)
{
    QString sql = u"CASE (%1) % %2"_s.arg(of).arg(texts.size());
    for (qsizetype k = 0; k < texts.size(); ++k)
        sql += u" WHEN %1 THEN '%2'"_s.arg(k).arg(QString(texts.at(k)).replace(u'\'', u"''"_s));
    return sql + u" END"_s;
}

QString counter(int rows)
{
    return u"WITH RECURSIVE \"n\" (\"i\") AS (SELECT 1 UNION ALL SELECT \"i\" + 1 FROM \"n\" WHERE \"i\" < %1) "_s.arg(
        rows);
}

bool exec(Database& db, const QString& sql, const QString& what)
{
    Result<Transaction> transaction = Transaction::begin(db, what);
    if (!transaction) {
        fprintf(stderr, "%s\n", qPrintable(transaction.error().toLogString()));
        return false;
    }
    const Result<QSqlQuery> done = Sql::exec(db, transaction->connection(), sql, {}, what);
    if (!done) {
        fprintf(stderr, "%s\n", qPrintable(done.error().toLogString()));
        return false;
    }
    if (const Status committed = transaction->commit(); !committed) {
        fprintf(stderr, "%s\n", qPrintable(committed.error().toLogString()));
        return false;
    }
    return true;
}

bool seed(Database& db, int rows)
{
    QList<qint64> merchants;
    for (const QString& name :
        { u"Acme Outdoor"_s, u"Bergen Bikes"_s, u"Cobalt Coffee"_s, u"delta denim"_s, u"Evergreen"_s }) {
        Merchant merchant;
        merchant.name = name;
        merchant.baseUrl = u"http://127.0.0.1/api"_s;
        const Result<qint64> id = MerchantRepository(db).insert(merchant);
        if (!id) {
            fprintf(stderr, "%s\n", qPrintable(id.error().toLogString()));
            return false;
        }
        merchants << *id;
    }
    const QString merchantOf
        = u"CASE (%6) % 5 WHEN 0 THEN %1 WHEN 1 THEN %2 WHEN 2 THEN %3 WHEN 3 THEN %4 ELSE %5 END"_s
              .arg(merchants.at(0))
              .arg(merchants.at(1))
              .arg(merchants.at(2))
              .arg(merchants.at(3))
              .arg(merchants.at(4));
    const QString base = QString::number(kBaseMs);
    // Return r belongs to merchant r % 5; about 2% share an order name with the one before (a second return).
    if (!exec(db,
            u"INSERT INTO \"returns\" (\"id\", \"merchant_id\", \"loop_id\", \"state\", \"order_name\", "
            "\"customer_email\", \"updated_at\", \"synced_at\") "_s
                + counter(kReturns)
                + u"SELECT \"i\", %1, 40000000 + \"i\", 'open', '#' || (1000 + \"i\" - CASE WHEN \"i\" % 50 = 49 THEN "
                  u"1 "
                  "ELSE 0 END), 'shopper' || \"i\" || '@example.test', %2, %2 FROM \"n\""_s.arg(
                      merchantOf.arg(u"\"i\""_s), base),
            u"storing the returns"_s))
        return false;

    const QString user = pick(u"\"i\" * 7"_s,
        { u"maria"_s, u"jon"_s, u"Ana"_s, u"li"_s, u"Sam"_s, u"tomas"_s, u"Priya"_s, u"kofi"_s, u"Eva"_s, u"omar"_s,
            u"Zoe"_s, u"ines"_s });
    const QString station
        = pick(u"\"i\" / 3"_s, { u"dock-1"_s, u"dock-2"_s, u"dock-3"_s, u"dock-4"_s, u"returns-1"_s, u"returns-2"_s });
    // Receipt i was submitted about i seconds after the first, give or take a minute; its return is spread over all.
    const QString returnOf = u"(1 + (\"i\" * 7919) % %1)"_s.arg(kReturns);
    if (!exec(db,
            u"INSERT INTO \"receipts\" (\"return_id\", \"merchant_id\", \"station\", \"user_name\", \"status\", "
            "\"started_at\", \"submitted_at\", \"decision\", \"decision_reasons\", \"decided_at\", \"decided_by\") "_s
                + counter(rows)
                + u"SELECT %1, %2, %3, %4, 'submitted', %5 + \"i\" * 1000 - 90000, %5 + \"i\" * 1000 + (\"i\" * 37) % "
                  u"60000, "
                  "'flag', %6, %5 + \"i\" * 1000, 'station' FROM \"n\""_s.arg(returnOf, merchantOf.arg(returnOf),
                      station, user, base,
                      pick(u"\"i\" * 3"_s,
                          { u"missing_item"_s, u"condition_below_threshold"_s, u"unexpected_item"_s,
                              u"condition_below_threshold,unexpected_item"_s, u"missing_item,value_above_limit"_s })),
            u"storing the flagged receipts"_s))
        return false;
    if (!exec(db,
            u"INSERT INTO \"unknown_packages\" (\"raw_scan\", \"station\", \"user_name\", \"note\", \"received_at\", "
            "\"status\") "_s
                + counter(rows)
                + u"SELECT '1ZBENCH' || \"i\", %1, %2, 'No slip in the box', %3 + \"i\" * 1000, 'open' FROM \"n\""_s
                      .arg(station, user, base),
            u"storing the unknown packages"_s))
        return false;
    const QString error = pick(u"\"i\" * 11"_s,
        { u"Loop refused POST /warehouse/return/40001234/process (HTTP 422): Return is closed and therefore cannot be "
          "processed."_s,
            u"Loop refused POST /warehouse/return/40001234/flag (HTTP 404): Return not found."_s,
            u"Loop refused POST /warehouse/return/40001234/cancel (HTTP 422): A flagged return cannot be cancelled."_s,
            u"The stored note cannot be sent to Loop: 255 characters."_s,
            u"Loop refused POST /warehouse/return/40001234/process (HTTP 403): This shop does not allow processing "
            u"flagged "
            "returns."_s,
            u"Loop answered 200 without the return."_s });
    if (!exec(db,
            u"INSERT INTO \"outbox\" (\"merchant_id\", \"return_id\", \"loop_return_id\", \"kind\", \"payload\", "
            "\"status\", \"attempts\", \"next_attempt_at\", \"last_attempt_at\", \"last_error\", \"created_at\", "
            "\"updated_at\") "_s
                + counter(rows)
                + u"SELECT %1, %2, 40000000 + %2, %3, '{}', 'parked', 1 + \"i\" % 4, %4 + \"i\" * 1000, "
                  "%4 + \"i\" * 1000, %5, %4 + \"i\" * 1000 - 60000, %4 + \"i\" * 1000 + (\"i\" * 53) % 90000 "
                  "FROM \"n\""_s.arg(merchantOf.arg(returnOf), returnOf,
                      pick(u"\"i\""_s, { u"process"_s, u"flag"_s, u"note"_s, u"close"_s, u"cancel"_s }), base, error),
            u"storing the parked pushes"_s))
        return false;
    // What PostgreSQL's autovacuum would do shortly after such a load (VACUUM also lets index-only scans skip the
    // table); not in a transaction, which VACUUM refuses.
    if (db.dialect().kind() == SqlDialect::Kind::Postgres) {
        Result<QSqlDatabase> connection = db.connection();
        if (!connection) {
            fprintf(stderr, "%s\n", qPrintable(connection.error().toLogString()));
            return false;
        }
        const Result<QSqlQuery> vacuumed = Sql::exec(db, *connection, u"VACUUM ANALYZE"_s, {}, u"vacuuming"_s);
        if (!vacuumed) {
            fprintf(stderr, "%s\n", qPrintable(vacuumed.error().toLogString()));
            return false;
        }
    }
    return true;
}

// One page read, and where the next one starts.
struct Read
{
    int rows = 0;
    SupervisorCursor next;
    bool atEnd = true;
};
using Reader = std::function<Result<Read>(const SupervisorCursor& after, int limit)>;

template <typename Row>
Result<Read> asRead(const Result<SupervisorQueuePage<Row>>& page)
{
    if (!page)
        return fail(page.error());
    return Read { int(page->rows.size()), page->next, page->atEnd };
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}
} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption dbOption(
        u"db"_s, u"Database URL of an empty database (default: a temporary SQLite file)."_s, u"URL"_s);
    const QCommandLineOption rowsOption(u"rows"_s, u"Rows in each queue (default 100000)."_s, u"N"_s, u"100000"_s);
    const QCommandLineOption pagesOption(
        u"pages"_s, u"Pages read from the middle on, per order (default 10)."_s, u"N"_s, u"10"_s);
    parser.addOptions({ dbOption, rowsOption, pagesOption });
    parser.process(app);

    bool ok = false;
    const int rows = parser.value(rowsOption).toInt(&ok);
    const int pages = ok ? parser.value(pagesOption).toInt(&ok) : 0;
    if (!ok || rows < 1000 || pages < 1) {
        fprintf(stderr, "--rows takes a number of at least 1000, --pages one of at least 1\n");
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
    QElapsedTimer timer;
    timer.start();
    if (!seed(**db, rows))
        return 1;
    printf("%s, %d rows in each queue (stored in %.1f s), pages of %d rows\n", qPrintable((*db)->dialect().name()),
        rows, double(timer.elapsed()) / 1000.0, kPageRows);

    SupervisorQueues queues(**db);
    using Q = SupervisorQueues::Queue;
    using K = SupervisorSortKey;
    const QList<std::pair<Q, const char*>> queueNames { { Q::Flagged, "flagged" }, { Q::Unknown, "unknown" },
        { Q::Parked, "parked" } };
    const QList<std::pair<K, const char*>> keyNames { { K::Id, "id (before)" }, { K::Time, "time" },
        { K::Merchant, "merchant" }, { K::Order, "order" }, { K::ReceivedBy, "received by" }, { K::Reasons, "reasons" },
        { K::Call, "call" }, { K::Error, "Loop's answer" } };
    printf("%-8s %-14s %-5s %12s %16s %14s\n", "queue", "sorted by", "order", "first page", "middle: median",
        "middle: max");
    for (const auto& [queue, queueName] : queueNames) {
        for (const auto& [key, keyName] : keyNames) {
            if (!SupervisorQueues::canSort(queue, key))
                continue;
            for (const Qt::SortOrder order : { Qt::DescendingOrder, Qt::AscendingOrder }) {
                const SupervisorSort sort { key, order };
                const Reader read = [&, queue = queue](const SupervisorCursor& after, int limit) -> Result<Read> {
                    switch (queue) {
                    case Q::Flagged:
                        return asRead(queues.flagged({}, sort, after, limit));
                    case Q::Unknown:
                        return asRead(queues.unknownPackages({}, sort, after, limit));
                    case Q::Parked:
                        break;
                    }
                    return asRead(queues.parkedPushes({}, sort, after, limit));
                };
                // The first page, three times: the first warms the caches.
                QList<double> firstMs;
                for (int run = 0; run < 3; ++run) {
                    timer.restart();
                    const Result<Read> page = read({}, kPageRows);
                    if (!page) {
                        fprintf(stderr, "%s\n", qPrintable(page.error().toLogString()));
                        return 1;
                    }
                    if (run > 0)
                        firstMs << double(timer.nsecsElapsed()) / 1e6;
                }
                // To the middle in the largest pages, then on a page at a time.
                SupervisorCursor cursor;
                for (int skipped = 0; skipped < rows / 2;) {
                    const Result<Read> page = read(cursor, SupervisorQueues::kMaxLimit);
                    if (!page) {
                        fprintf(stderr, "%s\n", qPrintable(page.error().toLogString()));
                        return 1;
                    }
                    skipped += page->rows;
                    cursor = page->next;
                    if (page->atEnd)
                        break;
                }
                QList<double> middleMs;
                for (int i = 0; i < pages; ++i) {
                    timer.restart();
                    const Result<Read> page = read(cursor, kPageRows);
                    middleMs << double(timer.nsecsElapsed()) / 1e6;
                    if (!page) {
                        fprintf(stderr, "%s\n", qPrintable(page.error().toLogString()));
                        return 1;
                    }
                    if (page->rows != kPageRows) {
                        fprintf(stderr, "a page from the middle had %d rows\n", page->rows);
                        return 1;
                    }
                    cursor = page->next;
                }
                printf("%-8s %-14s %-5s %9.2f ms %13.2f ms %11.2f ms\n", queueName, keyName,
                    order == Qt::DescendingOrder ? "desc" : "asc", median(firstMs), median(middleMs),
                    *std::max_element(middleMs.cbegin(), middleMs.cend()));
            }
        }
    }
    return 0;
}
