#include "Builders.h"
#include "FlaggedReceiptsModel.h"
#include "ParkedPushesModel.h"
#include "SupervisorSeed.h"
#include "TempDatabase.h"
#include "UnknownPackagesModel.h"
#include "storage/MerchantRepository.h"
#include "storage/ReturnRepository.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QScrollBar>
#include <QTableView>
#include <QtTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Dockside;
using namespace Dockside::Testing;

namespace {
constexpr qint64 kLoopId = 41000007;

bool newestFirst(const SupervisorQueueModel& model)
{
    for (int row = 1; row < model.rowCount(); ++row) {
        if (model.idAt(row - 1) <= model.idAt(row))
            return false;
    }
    return true;
}
} // namespace

class TestSupervisorModels final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TempDatabase::addBackendRows(); }

    void init()
    {
        DOCKSIDE_OPEN_TEST_DATABASE(m_db);
        MerchantRepository merchants(m_db->database());
        m_acme = *merchants.insert(merchant(u"Acme Outfitters"_s));
        m_birch = *merchants.insert(merchant(u"Birch & Co"_s));
        ReturnRepository returns(m_db->database());
        QVERIFY(returns.upsert(ReturnBuilder(m_acme, kLoopId).orderName(u"#1042"_s), m_now));
        QVERIFY(returns.upsert(ReturnBuilder(m_birch, kLoopId + 1).orderName(u"#2001"_s), m_now));
        m_acmeReturn = (**returns.findByLoopId(m_acme, kLoopId)).id;
        m_birchReturn = (**returns.findByLoopId(m_birch, kLoopId + 1)).id;
        m_seeded = 0;
    }
    void cleanup() { m_db.reset(); }

    void shouldStayConsistentWhilePagingRefreshingAndFiltering_data()
    {
        QTest::addColumn<QString>("queue");
        QTest::newRow("flagged") << u"flagged"_s;
        QTest::newRow("unknown") << u"unknown"_s;
        QTest::newRow("parked") << u"parked"_s;
    }

    void shouldStayConsistentWhilePagingRefreshingAndFiltering()
    {
        QFETCH(QString, queue);
        // GIVEN 450 rows for Acme and 30 for Birch in the queue, read in pages of 200 under the model tester
        QVERIFY(seed(queue, m_acme, 450));
        QVERIFY(seed(queue, m_birch, 30));
        std::unique_ptr<SupervisorQueueModel> model = makeModel(queue);
        const auto tester = modelTester(model.get());
        model->setDatabase(&m_db->database());
        QCOMPARE(model->totalCount(), 480);

        // WHEN every page is fetched
        while (model->canFetchMore({}))
            model->fetchMore({});
        // THEN every row is there once, newest first
        QCOMPARE(model->rowCount(), 480);
        QVERIFY(newestFirst(*model));
        QCOMPARE(model->index(0, 0).data(SupervisorQueueModel::IdRole).toLongLong(), model->idAt(0));
        QVERIFY(!model->index(0, 1).data().toString().isEmpty());

        // WHEN three rows leave the queue and five new ones arrive, and the model refreshes
        const QList<qint64> leaving { model->idAt(40), model->idAt(100),
            model->idAt(479) }; // Acme's (Birch's are newer)
        QVERIFY(leave(queue, leaving));
        QVERIFY(seed(queue, m_acme, 5));
        QSignalSpy counted(model.get(), &SupervisorQueueModel::totalCountChanged);
        model->refresh();
        // THEN the model shows exactly the queue as it is now
        QCOMPARE(model->rowCount(), 482);
        QCOMPARE(model->totalCount(), 482);
        QCOMPARE(counted.count(), 1);
        QVERIFY(newestFirst(*model));
        for (const qint64 id : leaving)
            QCOMPARE(model->rowOfId(id), -1);
        QVERIFY(!model->canFetchMore({}));

        // WHEN the queue is narrowed (merchants narrow flagged and parked; unknown packages have no merchant yet)
        SupervisorFilter filter;
        filter.merchantId = m_birch;
        model->setFilter(filter);
        // THEN it starts over with the matching rows only
        const int birch = queue == u"unknown" ? 200 : 30;
        QCOMPARE(model->rowCount(), birch);
        QCOMPARE(model->totalCount(), queue == u"unknown" ? 482 : 30);

        // WHEN the filter is cleared THEN the first page is back
        model->setFilter({});
        QCOMPARE(model->rowCount(), 200);
        QVERIFY(model->canFetchMore({}));
    }

    void shouldFilterByReasonAndDate()
    {
        // GIVEN 20 receipts flagged for a missing item, then 10 for a wrong item
        QVERIFY(SupervisorSeed { m_db->database() }.flagged(m_acme, m_acmeReturn, 20, u"missing_item"_s));
        SupervisorSeed later { m_db->database(), QDateTime(QDate(2026, 10, 5), QTime(8, 0), Qt::UTC) };
        QVERIFY(later.flagged(m_acme, m_acmeReturn, 10, u"incorrect_item"_s));
        FlaggedReceiptsModel model;
        const auto tester = modelTester(&model);
        model.setDatabase(&m_db->database());
        QCOMPARE(model.rowCount(), 30);

        // WHEN filtered by reason THEN only those receipts show, with the reason in words
        SupervisorFilter filter;
        filter.reason = reasonCode(ReasonCode::IncorrectItem);
        model.setFilter(filter);
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(model.index(0, FlaggedReceiptsModel::ReasonsColumn).data().toString(), u"Wrong item"_s);
        QCOMPARE(model.index(0, FlaggedReceiptsModel::MerchantColumn).data().toString(), u"Acme Outfitters"_s);
        QCOMPARE(model.index(0, FlaggedReceiptsModel::OrderColumn).data().toString(), u"#1042"_s);

        // WHEN filtered by dates THEN only the days asked for show
        filter = {};
        filter.from = QDateTime(QDate(2026, 10, 1), QTime(0, 0), Qt::UTC);
        filter.to = QDateTime(QDate(2026, 10, 2), QTime(0, 0), Qt::UTC);
        model.setFilter(filter);
        QCOMPARE(model.rowCount(), 20);
        QCOMPARE(model.totalCount(), 20);
    }

    void shouldLoadOnlyThePagesScrolledTo_data()
    {
        QTest::addColumn<QString>("queue");
        QTest::newRow("flagged") << u"flagged"_s;
        QTest::newRow("unknown") << u"unknown"_s;
        QTest::newRow("parked") << u"parked"_s;
    }

    void shouldLoadOnlyThePagesScrolledTo()
    {
        QFETCH(QString, queue);
        // GIVEN 100,000 rows in the queue
        QElapsedTimer seeding;
        seeding.start();
        QVERIFY(seed(queue, m_acme, 100'000));
        qInfo("%s: seeded 100,000 rows in %lld ms", qPrintable(queue), seeding.elapsed());

        // WHEN the model loads
        std::unique_ptr<SupervisorQueueModel> model = makeModel(queue);
        auto tester = modelTester(model.get());
        QElapsedTimer first;
        first.start();
        model->setDatabase(&m_db->database());
        const qint64 firstMs = first.elapsed();
        // THEN it holds one page and knows the whole count
        QCOMPARE(model->rowCount(), SupervisorQueueModel::kDefaultPageSize);
        QCOMPARE(model->totalCount(), 100'000);
        QVERIFY(model->canFetchMore({}));
        // AND fetchMore adds exactly one page
        QElapsedTimer next;
        next.start();
        model->fetchMore({});
        const qint64 nextMs = next.elapsed();
        QCOMPARE(model->rowCount(), 2 * SupervisorQueueModel::kDefaultPageSize);
        qInfo("%s: first page with count %lld ms, next page %lld ms", qPrintable(queue), firstMs, nextMs);

        // The tester walks every loaded row on every change: fine above, but it would dominate the timings below.
        tester.reset();

        // WHEN a view shows it and is scrolled to the bottom, again and again
        QTableView view;
        view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
        view.setModel(model.get());
        view.resize(800, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCoreApplication::processEvents();
        QCOMPARE(model->rowCount(), 2 * SupervisorQueueModel::kDefaultPageSize); // the view is full: nothing more
        // From the scroll to the new page's rows being in the model, whether the view fetches at once or a moment
        // later.
        constexpr int kScrolls = 20;
        qint64 slowestMs = 0;
        qint64 totalMs = 0;
        QElapsedTimer scrolling;
        connect(model.get(), &QAbstractItemModel::rowsInserted, this, [&] {
            const qint64 ms = scrolling.elapsed();
            slowestMs = std::max(slowestMs, ms);
            totalMs += ms;
        });
        for (int scroll = 1; scroll <= kScrolls; ++scroll) {
            scrolling.start();
            view.scrollToBottom();
            // THEN each scroll to the end loads one more page, not the rest of the queue
            QTRY_COMPARE(model->rowCount(), (2 + scroll) * SupervisorQueueModel::kDefaultPageSize);
            QCoreApplication::processEvents();
            QCOMPARE(model->rowCount(), (2 + scroll) * SupervisorQueueModel::kDefaultPageSize);
        }
        qInfo("%s: %d scrolls to the end, a page each: %lld ms on average, %lld ms at most", qPrintable(queue),
            kScrolls, totalMs / kScrolls, slowestMs);
        QVERIFY(newestFirst(*model));
        QVERIFY(view.verticalScrollBar()->value() > 0);
    }

    void shouldKeepTheSelectionThroughARefresh()
    {
        // GIVEN ten flagged receipts in a view, the fourth selected
        QVERIFY(SupervisorSeed { m_db->database() }.flagged(m_acme, m_acmeReturn, 10));
        FlaggedReceiptsModel model;
        const auto tester = modelTester(&model);
        model.setDatabase(&m_db->database());
        QTableView view;
        view.setSelectionBehavior(QAbstractItemView::SelectRows);
        view.setModel(&model);
        view.selectRow(3);
        const qint64 selected = model.idAt(3);

        // WHEN the newest receipt is resolved elsewhere, two new ones arrive, and the model refreshes
        QVERIFY(leave(u"flagged"_s, { model.idAt(0) }));
        SupervisorSeed later { m_db->database(), QDateTime(QDate(2026, 10, 9), QTime(8, 0), Qt::UTC) };
        QVERIFY(later.flagged(m_acme, m_acmeReturn, 2));
        model.refresh();

        // THEN the same receipt is still selected, now one row further down
        QCOMPARE(model.rowCount(), 11);
        const QModelIndexList rows = view.selectionModel()->selectedRows();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().row(), 4);
        QCOMPARE(rows.first().data(SupervisorQueueModel::IdRole).toLongLong(), selected);
        QCOMPARE(view.currentIndex().row(), 4);
    }

    void shouldRefreshMoreRowsThanOneReadHolds()
    {
        // GIVEN 2,500 flagged receipts of which 1,800 are loaded (more than the queues hand out in one read)
        QVERIFY(SupervisorSeed { m_db->database() }.flagged(m_acme, m_acmeReturn, 2500));
        FlaggedReceiptsModel model;
        model.setPageSize(600);
        model.setDatabase(&m_db->database());
        model.fetchMore({});
        model.fetchMore({});
        QCOMPARE(model.rowCount(), 1800);
        const qint64 lastLoaded = model.idAt(1799);
        const qint64 newestBefore = model.idAt(0);

        // WHEN three loaded rows are resolved, five new ones arrive and the model refreshes
        QVERIFY(leave(u"flagged"_s, { model.idAt(5), model.idAt(900), model.idAt(1500) }));
        SupervisorSeed later { m_db->database(), QDateTime(QDate(2026, 10, 9), QTime(8, 0), Qt::UTC) };
        QVERIFY(later.flagged(m_acme, m_acmeReturn, 5));
        model.refresh();

        // THEN it shows the newest 1,800 again: the new five on top, the oldest two loaded pushed back below the fold
        QCOMPARE(model.rowCount(), 1800);
        QVERIFY(newestFirst(model));
        QCOMPARE(model.totalCount(), 2502);
        QVERIFY(model.idAt(0) > newestBefore); // a new receipt
        QVERIFY(model.idAt(1799) > lastLoaded);
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QCOMPARE(model.rowOfId(lastLoaded), 1799 + 2);
    }

    void shouldSortByEachSortableColumnStartingOverFromTheTop_data()
    {
        QTest::addColumn<QString>("queue");
        QTest::newRow("flagged") << u"flagged"_s;
        QTest::newRow("unknown") << u"unknown"_s;
        QTest::newRow("parked") << u"parked"_s;
    }

    void shouldSortByEachSortableColumnStartingOverFromTheTop()
    {
        QFETCH(QString, queue);
        // GIVEN 480 rows of two merchants, received by different people, refused for different reasons, all loaded
        // under the model tester
        QVERIFY(seed(queue, m_acme, 450));
        QVERIFY(seed(queue, m_birch, 30));
        QVERIFY(seedVariety(queue));
        std::unique_ptr<SupervisorQueueModel> model = makeModel(queue);
        const auto tester = modelTester(model.get());
        model->setDatabase(&m_db->database());
        while (model->canFetchMore({}))
            model->fetchMore({});
        const int total = model->rowCount();
        QCOMPARE(model->totalCount(), total);
        QCOMPARE(model->sortColumn(), 0);
        QCOMPARE(model->sortOrder(), Qt::DescendingOrder);
        QVERIFY(inOrder(*model, queue, 0, Qt::DescendingOrder));
        QSignalSpy sorted(model.get(), &SupervisorQueueModel::sorted);
        QSignalSpy counted(model.get(), &SupervisorQueueModel::totalCountChanged);

        int sortable = 0;
        for (int column = 0; column < model->columnCount(); ++column) {
            for (const Qt::SortOrder order : { Qt::AscendingOrder, Qt::DescendingOrder }) {
                const int sortedBefore = int(sorted.count());
                const int columnBefore = model->sortColumn();
                const qint64 firstBefore = model->idAt(0);
                // WHEN the model is sorted by the column
                model->sort(column, order);
                if (!model->isSortable(column)) {
                    // THEN a column that does not sort changes nothing
                    QCOMPARE(sorted.count(), sortedBefore);
                    QCOMPARE(model->sortColumn(), columnBefore);
                    QCOMPARE(model->idAt(0), firstBefore);
                    QVERIFY(!model->headerData(column, Qt::Horizontal, Qt::InitialSortOrderRole).isValid());
                    continue;
                }
                ++sortable;
                // THEN it starts over with one page in that order, and says so
                const QString context = u"%1 column %2 %3"_s.arg(queue).arg(column).arg(int(order));
                QCOMPARE(sorted.count(), sortedBefore + 1);
                QCOMPARE(sorted.constLast().at(0).toInt(), column);
                QCOMPARE(model->sortColumn(), column);
                QCOMPARE(model->sortOrder(), order);
                QCOMPARE(model->rowCount(), SupervisorQueueModel::kDefaultPageSize);
                QVERIFY2(inOrder(*model, queue, column, order), qPrintable(context));
                // AND the pages after it go on in the same order, to the end, every row once
                while (model->canFetchMore({}))
                    model->fetchMore({});
                QCOMPARE(model->rowCount(), total);
                QVERIFY2(inOrder(*model, queue, column, order), qPrintable(context));
                QSet<qint64> ids;
                for (int row = 0; row < model->rowCount(); ++row)
                    ids.insert(model->idAt(row));
                QCOMPARE(ids.size(), total);
            }
        }
        QVERIFY(sortable >= 2);
        // AND the count never moved
        QCOMPARE(counted.count(), 0);
        QCOMPARE(model->totalCount(), total);
        // AND a refresh keeps the order it was sorted in
        model->refresh();
        QCOMPARE(model->rowCount(), total);
        QVERIFY(inOrder(*model, queue, model->sortColumn(), model->sortOrder()));
    }

    void shouldLoadOneSortedPageAtATimeFromAHundredThousandRows_data()
    {
        QTest::addColumn<QString>("queue");
        QTest::addColumn<int>("column");
        QTest::newRow("flagged by merchant") << u"flagged"_s << int(FlaggedReceiptsModel::MerchantColumn);
        QTest::newRow("flagged by received by") << u"flagged"_s << int(FlaggedReceiptsModel::ReceivedByColumn);
        QTest::newRow("unknown by received by") << u"unknown"_s << int(UnknownPackagesModel::ReceivedByColumn);
        QTest::newRow("parked by what Loop said") << u"parked"_s << int(ParkedPushesModel::ErrorColumn);
    }

    void shouldLoadOneSortedPageAtATimeFromAHundredThousandRows()
    {
        QFETCH(QString, queue);
        QFETCH(int, column);
        // GIVEN 100,000 rows in the queue, shown in a view that sorts
        QVERIFY(seed(queue, m_acme, 60'000));
        QVERIFY(seed(queue, m_birch, 40'000));
        std::unique_ptr<SupervisorQueueModel> model = makeModel(queue);
        auto tester = modelTester(model.get());
        model->setDatabase(&m_db->database());
        QTableView view;
        view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
        view.setModel(model.get());
        view.setSortingEnabled(true);
        view.resize(800, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCoreApplication::processEvents();
        QCOMPARE(model->rowCount(), SupervisorQueueModel::kDefaultPageSize);

        // WHEN the view sorts by the column, one way and then the other
        for (const Qt::SortOrder order : { Qt::AscendingOrder, Qt::DescendingOrder }) {
            QElapsedTimer timer;
            timer.start();
            view.sortByColumn(column, order);
            const qint64 sortMs = timer.elapsed();
            QCoreApplication::processEvents();
            // THEN the model holds the first page in that order, not the queue, and still knows the whole count
            QCOMPARE(model->sortColumn(), column);
            QCOMPARE(model->sortOrder(), order);
            QCOMPARE(model->rowCount(), SupervisorQueueModel::kDefaultPageSize);
            QCOMPARE(model->totalCount(), 100'000);
            QVERIFY(inOrder(*model, queue, column, order));
            // AND the next page is one more page, in the same order
            timer.restart();
            model->fetchMore({});
            const qint64 nextMs = timer.elapsed();
            QCOMPARE(model->rowCount(), 2 * SupervisorQueueModel::kDefaultPageSize);
            QVERIFY(inOrder(*model, queue, column, order));
            qInfo("%s sorted by column %d (%s): first page %lld ms, next page %lld ms", qPrintable(queue), column,
                order == Qt::AscendingOrder ? "ascending" : "descending", sortMs, nextMs);
        }
    }

    void shouldKeepTheSelectedRowSelectedWhenSortedIfItIsStillLoaded()
    {
        // GIVEN ten flagged receipts at four docks, pages of five, the third newest selected
        QVERIFY(SupervisorSeed { m_db->database() }.flagged(m_acme, m_acmeReturn, 10));
        FlaggedReceiptsModel model;
        const auto tester = modelTester(&model);
        model.setPageSize(5);
        model.setDatabase(&m_db->database());
        model.fetchMore({});
        QTableView view;
        view.setSelectionBehavior(QAbstractItemView::SelectRows);
        view.setModel(&model);
        view.selectRow(2);
        const qint64 selected = model.idAt(2);

        // WHEN sorted by the time the other way round, so the first page holds the five oldest
        model.sort(FlaggedReceiptsModel::SubmittedColumn, Qt::AscendingOrder);
        // THEN the selected receipt, not among them, is no longer selected (nor loaded)
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.rowOfId(selected), -1);
        QVERIFY(view.selectionModel()->selectedRows().isEmpty());

        // WHEN the oldest (received at dock-2) is selected and the queue is sorted by who received it
        view.selectRow(0);
        const qint64 oldest = model.idAt(0);
        model.sort(FlaggedReceiptsModel::ReceivedByColumn, Qt::AscendingOrder);
        // THEN it is still selected, after dock-1's two, since it is on the first page again
        QCOMPARE(model.rowCount(), 5);
        const QModelIndexList rows = view.selectionModel()->selectedRows();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().row(), 2);
        QCOMPARE(rows.first().data(SupervisorQueueModel::IdRole).toLongLong(), oldest);
        QCOMPARE(view.currentIndex().data(SupervisorQueueModel::IdRole).toLongLong(), oldest);
        QVERIFY(inOrder(model, u"flagged"_s, FlaggedReceiptsModel::ReceivedByColumn, Qt::AscendingOrder));
    }

    void shouldMoveARowWhoseSortValueChangedWhenRefreshed()
    {
        // GIVEN twelve flagged receipts sorted by who received them, one selected
        QVERIFY(SupervisorSeed { m_db->database() }.flagged(m_acme, m_acmeReturn, 12));
        FlaggedReceiptsModel model;
        const auto tester = modelTester(&model);
        model.setDatabase(&m_db->database());
        model.sort(FlaggedReceiptsModel::ReceivedByColumn, Qt::AscendingOrder);
        QTableView view;
        view.setSelectionBehavior(QAbstractItemView::SelectRows);
        view.setModel(&model);
        view.selectRow(1);
        const qint64 selected = model.idAt(1);

        // WHEN its station is written again (a correction) so that it sorts last, and the model refreshes
        QVERIFY(SupervisorSeed { m_db->database() }.exec(
            u"UPDATE \"receipts\" SET \"station\" = 'zz-dock' WHERE \"id\" = %1"_s.arg(selected)));
        QSignalSpy moved(&model, &QAbstractItemModel::layoutChanged);
        model.refresh();

        // THEN the row moved to the end, once, and is still the selected one
        QCOMPARE(model.rowCount(), 12);
        QCOMPARE(moved.count(), 1);
        QCOMPARE(model.rowOfId(selected), 11);
        QVERIFY(inOrder(model, u"flagged"_s, FlaggedReceiptsModel::ReceivedByColumn, Qt::AscendingOrder));
        const QModelIndexList rows = view.selectionModel()->selectedRows();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().row(), 11);
    }

private:
    // The tester checks every signal and index the model gives. It is told not to call fetchMore() itself: Qt 6.4's
    // tester runs its checks (fetchMore included) from modelReset before it has marked the reset as finished, so a
    // model that loads its next page synchronously would be reported as inserting rows in the middle of a reset.
    // The tests call fetchMore() themselves, and the tester checks the rows it inserts.
    static std::unique_ptr<QAbstractItemModelTester> modelTester(QAbstractItemModel* model)
    {
        auto tester
            = std::make_unique<QAbstractItemModelTester>(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        tester->setUseFetchMore(false);
        return tester;
    }

    std::unique_ptr<SupervisorQueueModel> makeModel(const QString& queue)
    {
        if (queue == u"flagged")
            return std::make_unique<FlaggedReceiptsModel>();
        if (queue == u"unknown")
            return std::make_unique<UnknownPackagesModel>();
        return std::make_unique<ParkedPushesModel>();
    }

    Status seed(const QString& queue, qint64 merchantId, int count)
    {
        SupervisorSeed seeder { m_db->database() };
        seeder.first = seeder.first.addSecs(m_seeded); // later seeds are newer
        m_seeded += count;
        const qint64 returnId = merchantId == m_acme ? m_acmeReturn : m_birchReturn;
        if (queue == u"flagged")
            return seeder.flagged(merchantId, returnId, count);
        if (queue == u"unknown")
            return seeder.unknown(count);
        return seeder.parked(merchantId, returnId, merchantId == m_acme ? kLoopId : kLoopId + 1, count);
    }

    // More kinds of rows: other people at other docks, other reasons, other answers from Loop.
    Status seedVariety(const QString& queue)
    {
        SupervisorSeed seeder { m_db->database() };
        seeder.first = seeder.first.addSecs(m_seeded);
        m_seeded += 60;
        if (queue == u"flagged")
            return seeder.flagged(m_birch, m_birchReturn, 60, u"incorrect_item"_s);
        if (queue == u"unknown") {
            if (const Status ana = seeder.unknown(40, u"Ana"_s, u"dock-1"_s); !ana)
                return ana;
            seeder.first = seeder.first.addSecs(40);
            return seeder.unknown(20, u"zoe"_s, u"Dock-3"_s);
        }
        return seeder.parked(m_birch, m_birchReturn, kLoopId + 1, 60, u"Loop refused: Return not found."_s);
    }

    // What the test expects a row to be sorted by in `column`, read from the row the model holds.
    static QVariantList sortValues(const SupervisorQueueModel& model, const QString& queue, int column, int row)
    {
        if (queue == u"flagged") {
            const FlaggedReceiptRow* value = static_cast<const FlaggedReceiptsModel&>(model).rowAt(row);
            switch (column) {
            case FlaggedReceiptsModel::SubmittedColumn:
                return { value->submittedAt.toMSecsSinceEpoch() };
            case FlaggedReceiptsModel::OrderColumn:
                return { value->orderName };
            case FlaggedReceiptsModel::MerchantColumn:
                return { value->merchantName };
            case FlaggedReceiptsModel::ReasonsColumn: {
                QStringList codes;
                for (const ReasonCode reason : value->reasons)
                    codes << reasonCode(reason);
                return { codes.join(u',') };
            }
            case FlaggedReceiptsModel::ReceivedByColumn:
                return { value->user, value->station };
            default:
                return {};
            }
        }
        if (queue == u"unknown") {
            const UnknownPackage* value = static_cast<const UnknownPackagesModel&>(model).rowAt(row);
            if (column == UnknownPackagesModel::ReceivedColumn)
                return { value->receivedAt.toMSecsSinceEpoch() };
            if (column == UnknownPackagesModel::ReceivedByColumn)
                return { value->user, value->station };
            return {};
        }
        const ParkedPushRow* value = static_cast<const ParkedPushesModel&>(model).rowAt(row);
        switch (column) {
        case ParkedPushesModel::ParkedColumn:
            return { value->entry.updatedAt.toMSecsSinceEpoch() };
        case ParkedPushesModel::OrderColumn:
            return { value->orderName };
        case ParkedPushesModel::MerchantColumn:
            return { value->merchantName };
        case ParkedPushesModel::CallColumn:
            return { outboxKindCode(value->entry.kind) };
        case ParkedPushesModel::ErrorColumn:
            return { value->entry.lastError.left(100) };
        default:
            return {};
        }
    }

    // Whether the loaded rows are in `order` by the column's values (text by code point), rows that tie by id.
    static bool inOrder(const SupervisorQueueModel& model, const QString& queue, int column, Qt::SortOrder order)
    {
        const auto compare = [](const QVariantList& a, const QVariantList& b) {
            for (qsizetype i = 0; i < a.size(); ++i) {
                const int c = a.at(i).typeId() == QMetaType::QString
                    ? QString::compare(a.at(i).toString(), b.at(i).toString(), Qt::CaseSensitive)
                    : (a.at(i).toLongLong() < b.at(i).toLongLong() ? -1 : a.at(i).toLongLong() > b.at(i).toLongLong());
                if (c != 0)
                    return c;
            }
            return 0;
        };
        for (int row = 1; row < model.rowCount(); ++row) {
            int c = compare(sortValues(model, queue, column, row - 1), sortValues(model, queue, column, row));
            if (c == 0)
                c = model.idAt(row - 1) < model.idAt(row) ? -1 : 1;
            if ((order == Qt::AscendingOrder) != (c < 0)) {
                qWarning("rows %d and %d (ids %lld, %lld) are out of order", row - 1, row, model.idAt(row - 1),
                    model.idAt(row));
                return false;
            }
        }
        return true;
    }

    // Takes rows out of their queue the way the station does: resolved, matched, or sent after all.
    Status leave(const QString& queue, const QList<qint64>& ids)
    {
        QStringList list;
        for (const qint64 id : ids)
            list << QString::number(id);
        const QString in = list.join(u", "_s);
        if (queue == u"flagged")
            return SupervisorSeed { m_db->database() }.exec(
                u"UPDATE \"receipts\" SET \"resolved_at\" = 1, \"resolution\" = 'keep_flagged' WHERE \"id\" IN ("_s + in
                + u")"_s);
        if (queue == u"unknown")
            return SupervisorSeed { m_db->database() }.exec(
                u"UPDATE \"unknown_packages\" SET \"status\" = 'matched' WHERE \"id\" IN ("_s + in + u")"_s);
        return SupervisorSeed { m_db->database() }.exec(
            u"UPDATE \"outbox\" SET \"status\" = 'done' WHERE \"id\" IN ("_s + in + u")"_s);
    }

    std::unique_ptr<TempDatabase> m_db;
    QDateTime m_now = QDateTime(QDate(2026, 11, 2), QTime(9, 0), Qt::UTC);
    qint64 m_acme = 0;
    qint64 m_birch = 0;
    qint64 m_acmeReturn = 0;
    qint64 m_birchReturn = 0;
    int m_seeded = 0;
};

QTEST_MAIN(TestSupervisorModels)
#include "TestSupervisorModels.moc"
