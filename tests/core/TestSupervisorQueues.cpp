#include "Builders.h"
#include "FakeClock.h"
#include "TempDatabase.h"
#include "storage/AuditRepository.h"
#include "storage/MerchantRepository.h"
#include "storage/OutboxRepository.h"
#include "storage/ReceiptRepository.h"
#include "storage/ReturnRepository.h"
#include "storage/Sql.h"
#include "storage/Transaction.h"
#include "storage/UnknownPackageRepository.h"
#include "supervisor/SupervisorService.h"

#include <QElapsedTimer>
#include <QSqlQuery>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;
using namespace Dockside::Testing;

namespace {
constexpr int kSeedRows = 100'000;
constexpr qint64 kSeedBaseMs = 1'790'000'000'000; // 2026-09-21, one row per second after it

QString describe(const Error& error)
{
    return error.toLogString();
}

// The seeded rows, as the test's own arithmetic: row i (1..kSeedRows) has id i.
bool seededFlagged(int i)
{
    return i % 17 != 0 && i % 3 != 0 && i % 10 != 0;
}
bool seededUnexpected(int i)
{
    return i % 7 == 0;
}
bool seededOpenPackage(int i)
{
    return i % 4 != 0;
}
bool seededParked(int i)
{
    return i % 5 == 0;
}
} // namespace

// The supervisor's queues on both backends: what each page holds, in which order, how filters narrow it, what
// the counts say, and that a page stays one walk down an index when the queue holds 100,000 rows.
class TestSupervisorQueues final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TempDatabase::addBackendRows(); }

    void init()
    {
        DOCKSIDE_OPEN_TEST_DATABASE(m_db);
        MerchantRepository merchants(m_db->database());
        m_acme = *merchants.insert(merchant(u"Acme"_s));
        m_bergen = *merchants.insert(merchant(u"Bergen"_s));
    }

    void cleanup()
    {
        m_db.reset();
        m_sortFlagged.clear();
        m_sortUnknown.clear();
        m_sortParked.clear();
    }

    void shouldListUnresolvedFlaggedReceiptsNewestFirstAndFilterThem()
    {
        // GIVEN flagged receipts of two merchants, a processed one, an abandoned one and one already resolved
        const qint64 first = storeReturn(m_acme, 41000001, u"#1001"_s);
        const qint64 second = storeReturn(m_bergen, 41000002, u"#1002"_s);
        const qint64 third = storeReturn(m_acme, 41000003, u"#1003"_s);
        const QDateTime t0 = m_clock.now();
        const qint64 missing = storeReceipt(first, m_acme, DecisionKind::Flag, { ReasonCode::MissingItem }, t0);
        const qint64 wrong = storeReceipt(second, m_bergen, DecisionKind::Flag,
            { ReasonCode::ConditionBelowThreshold, ReasonCode::UnexpectedItem }, t0.addSecs(60));
        storeReceipt(third, m_acme, DecisionKind::Process, {}, t0.addSecs(120));
        storeAbandoned(third, m_acme);
        const qint64 resolved
            = storeReceipt(third, m_acme, DecisionKind::Flag, { ReasonCode::MissingItem }, t0.addSecs(180));
        QVERIFY(SupervisorService(m_db->database(), m_clock)
                    .keepFlagged(resolved, { u"office"_s, u"sam"_s }, u"Customer informed"_s));
        SupervisorQueues queues(m_db->database());

        // WHEN the whole queue is read
        const auto all = queues.flagged({}, 0, 200);

        // THEN it holds the two unresolved flagged receipts, newest first, with their return and merchant
        QVERIFY2(all, qPrintable(all ? QString() : describe(all.error())));
        QCOMPARE(ids(*all), (QList<qint64> { wrong, missing }));
        const FlaggedReceiptRow& row = all->at(0);
        QCOMPARE(row.returnId, second);
        QCOMPARE(row.loopReturnId, qint64(41000002));
        QCOMPARE(row.merchantId, m_bergen);
        QCOMPARE(row.merchantName, u"Bergen"_s);
        QCOMPARE(row.orderName, u"#1002"_s);
        QCOMPARE(row.customerEmail, u"shopper@example.test"_s);
        QCOMPARE(row.returnState, ReturnState::Open);
        QCOMPARE(row.submittedAt, t0.addSecs(60));
        QCOMPARE(row.station, u"bench-1"_s);
        QCOMPARE(row.user, u"maria"_s);
        QCOMPARE(row.reasons, (QList<ReasonCode> { ReasonCode::ConditionBelowThreshold, ReasonCode::UnexpectedItem }));
        QCOMPARE(*queues.countFlagged({}), qint64(2));

        // AND a page of one, then the page after it, walk the same order
        QCOMPARE(ids(*queues.flagged({}, 0, 1)), QList<qint64> { wrong });
        QCOMPARE(ids(*queues.flagged({}, wrong, 1)), QList<qint64> { missing });
        QVERIFY(queues.flagged({}, missing, 1)->isEmpty());

        // AND each filter narrows the list and its count alike
        SupervisorFilter byMerchant;
        byMerchant.merchantId = m_acme;
        QCOMPARE(ids(*queues.flagged(byMerchant, 0, 200)), QList<qint64> { missing });
        QCOMPARE(*queues.countFlagged(byMerchant), qint64(1));
        SupervisorFilter byReason;
        byReason.reason = reasonCode(ReasonCode::UnexpectedItem);
        QCOMPARE(ids(*queues.flagged(byReason, 0, 200)), QList<qint64> { wrong });
        QCOMPARE(*queues.countFlagged(byReason), qint64(1));
        byReason.reason = u"item"_s; // a whole code, never a part of one
        QVERIFY(queues.flagged(byReason, 0, 200)->isEmpty());
        SupervisorFilter byTime;
        byTime.from = t0.addSecs(30);
        QCOMPARE(ids(*queues.flagged(byTime, 0, 200)), QList<qint64> { wrong });
        byTime.from = QDateTime();
        byTime.to = t0.addSecs(60); // exclusive
        QCOMPARE(ids(*queues.flagged(byTime, 0, 200)), QList<qint64> { missing });
        QCOMPARE(*queues.countFlagged(byTime), qint64(1));
    }

    void shouldListOpenUnknownPackagesAndFindThemByText()
    {
        // GIVEN three packages in the exception queue, one of them matched since
        UnknownPackageRepository packages(m_db->database());
        const QDateTime t0 = m_clock.now();
        const qint64 blue = *packages.add(package(u"9400111202555842332669"_s, u"Blue box, 50% torn"_s, t0));
        const qint64 brown = *packages.add(package(u"1Z999AA10123456784"_s, u"Brown envelope"_s, t0.addSecs(60)));
        const qint64 matched = *packages.add(package(u"420088101402"_s, u"Blue bag"_s, t0.addSecs(120)));
        QVERIFY(packages.markMatched(matched, storeReturn(m_acme, 41000001, u"#1001"_s), t0.addSecs(180)));
        SupervisorQueues queues(m_db->database());

        // WHEN the queue is read THEN the open ones come, newest first, whole
        const auto all = queues.unknownPackages({}, 0, 200);
        QVERIFY2(all, qPrintable(all ? QString() : describe(all.error())));
        QCOMPARE(all->size(), 2);
        QCOMPARE(all->at(0).id, brown);
        QCOMPARE(all->at(0).rawScan, u"1Z999AA10123456784"_s);
        QCOMPARE(all->at(0).note, u"Brown envelope"_s);
        QCOMPARE(all->at(0).station, u"bench-1"_s);
        QCOMPARE(all->at(0).receivedAt, t0.addSecs(60));
        QCOMPARE(all->at(0).status, UnknownPackage::Status::Open);
        QCOMPARE(all->at(1).id, blue);
        QCOMPARE(*queues.countUnknownPackages({}), qint64(2));

        // AND text finds them by note or raw scan, ignoring case, with wildcards taken literally
        SupervisorFilter text;
        text.reason = u"BLUE"_s;
        QCOMPARE(packageIds(*queues.unknownPackages(text, 0, 200)), QList<qint64> { blue });
        text.reason = u"50%"_s;
        QCOMPARE(packageIds(*queues.unknownPackages(text, 0, 200)), QList<qint64> { blue });
        text.reason = u"0%"_s; // "%" is no wildcard: "Blue box, 50% torn" has "0%", the envelope does not
        QCOMPARE(*queues.countUnknownPackages(text), qint64(1));
        text.reason = u"1z999"_s;
        QCOMPARE(packageIds(*queues.unknownPackages(text, 0, 200)), QList<qint64> { brown });
        // AND a merchant does not narrow them (an unknown package belongs to no merchant yet); time does
        SupervisorFilter byMerchant;
        byMerchant.merchantId = m_bergen;
        QCOMPARE(*queues.countUnknownPackages(byMerchant), qint64(2));
        SupervisorFilter byTime;
        byTime.to = t0.addSecs(60);
        QCOMPARE(packageIds(*queues.unknownPackages(byTime, 0, 200)), QList<qint64> { blue });
        QCOMPARE(packageIds(*queues.unknownPackages({}, brown, 200)), QList<qint64> { blue });
    }

    void shouldListParkedPushesWithTheirMerchantAndOrder()
    {
        // GIVEN parked calls of two merchants, and calls that are pending or done
        const qint64 first = storeReturn(m_acme, 41000001, u"#1001"_s);
        const qint64 second = storeReturn(m_bergen, 41000002, u"#1002"_s);
        const QDateTime t0 = m_clock.now();
        const qint64 cancelled = parkedEntry(m_acme, first, 41000001, OutboxKind::Process,
            u"Loop refused POST /warehouse/return/41000001/process (HTTP 200): Return is cancelled."_s, t0);
        const qint64 note = parkedEntry(m_bergen, second, 41000002, OutboxKind::Note,
            u"The stored note cannot be sent to Loop: 255 characters."_s, t0.addSecs(60));
        OutboxRepository outbox(m_db->database());
        OutboxEntry pending;
        pending.merchantId = m_acme;
        pending.returnId = first;
        pending.loopReturnId = 41000001;
        pending.kind = OutboxKind::Flag;
        pending.payload = "{}";
        const qint64 waiting = *outbox.enqueue(pending);
        SupervisorQueues queues(m_db->database());

        // WHEN the queue is read THEN the parked ones come, newest first, with merchant and order
        const auto all = queues.parkedPushes({}, 0, 200);
        QVERIFY2(all, qPrintable(all ? QString() : describe(all.error())));
        QCOMPARE(all->size(), 2);
        QCOMPARE(all->at(0).entry.id, note);
        QCOMPARE(all->at(0).entry.kind, OutboxKind::Note);
        QCOMPARE(all->at(0).entry.status, OutboxStatus::Parked);
        QCOMPARE(all->at(0).merchantName, u"Bergen"_s);
        QCOMPARE(all->at(0).orderName, u"#1002"_s);
        QCOMPARE(all->at(1).entry.id, cancelled);
        QVERIFY(all->at(1).entry.lastError.contains(u"cancelled"_s));
        QCOMPARE(*queues.countParkedPushes({}), qint64(2));
        QVERIFY(waiting > 0);

        // AND the filters narrow it: merchant, text in the error (any case), time parked
        SupervisorFilter filter;
        filter.merchantId = m_acme;
        QCOMPARE(entryIds(*queues.parkedPushes(filter, 0, 200)), QList<qint64> { cancelled });
        filter = {};
        filter.reason = u"CHARACTERS"_s;
        QCOMPARE(entryIds(*queues.parkedPushes(filter, 0, 200)), QList<qint64> { note });
        QCOMPARE(*queues.countParkedPushes(filter), qint64(1));
        filter = {};
        filter.from = t0.addSecs(1);
        QCOMPARE(entryIds(*queues.parkedPushes(filter, 0, 200)), QList<qint64> { note });
        QCOMPARE(entryIds(*queues.parkedPushes({}, note, 1)), QList<qint64> { cancelled });
    }

    void shouldGatherEverythingAboutAReturnForTheDetailView()
    {
        // GIVEN a return received twice (abandoned, then flagged), kept flagged by a supervisor
        const qint64 returnId = storeReturn(m_acme, 41000001, u"#1001"_s);
        const qint64 abandoned = storeAbandoned(returnId, m_acme);
        const qint64 flagged
            = storeReceipt(returnId, m_acme, DecisionKind::Flag, { ReasonCode::MissingItem }, m_clock.now());
        OutboxRepository outbox(m_db->database());
        OutboxEntry flag;
        flag.merchantId = m_acme;
        flag.returnId = returnId;
        flag.loopReturnId = 41000001;
        flag.receiptId = flagged;
        flag.kind = OutboxKind::Flag;
        flag.payload = "{}";
        const qint64 flagId = *outbox.enqueue(flag);
        m_clock.advance(60'000);
        QVERIFY(SupervisorService(m_db->database(), m_clock)
                    .keepFlagged(flagged, { u"office"_s, u"sam"_s }, u"Waiting for the customer"_s));

        // WHEN its detail is read
        const auto detail = SupervisorQueues(m_db->database()).returnDetail(returnId);

        // THEN it has the return with its lines, the merchant, receipts newest first with lines, the calls to
        // Loop oldest first, the audit trail and how the flagged receipt was resolved
        QVERIFY2(detail, qPrintable(detail ? QString() : describe(detail.error())));
        QCOMPARE(detail->returnValue.loopId, qint64(41000001));
        QCOMPARE(detail->returnValue.lines.size(), 1);
        QCOMPARE(detail->merchantName, u"Acme"_s);
        QCOMPARE(detail->receipts.size(), 2);
        QCOMPARE(detail->receipts.at(0).id, flagged);
        QCOMPARE(detail->receipts.at(1).id, abandoned);
        QCOMPARE(detail->receipts.at(1).status, ReceiptStatus::Abandoned);
        QCOMPARE(detail->receipts.at(0).lines.size(), 1);
        QCOMPARE(detail->outbox.size(), 2);
        QCOMPARE(detail->outbox.at(0).id, flagId);
        QCOMPARE(detail->outbox.at(1).kind, OutboxKind::Note);
        QVERIFY(!detail->audit.isEmpty());
        QCOMPARE(detail->audit.constLast().action, u"override"_s);
        QCOMPARE(detail->resolutions.size(), 1);
        QCOMPARE(detail->resolutions.at(0).receiptId, flagged);
        QCOMPARE(detail->resolutions.at(0).resolution, u"keep_flagged"_s);
        QCOMPARE(detail->resolutions.at(0).resolvedBy, u"sam"_s);
        QCOMPARE(detail->resolutions.at(0).resolvedAt, m_clock.now());
        QCOMPARE(detail->resolutions.at(0).note, u"Waiting for the customer"_s);

        // AND an unknown return is a clear Validation error
        const auto unknown = SupervisorQueues(m_db->database()).returnDetail(returnId + 1000);
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().kind, Error::Kind::Validation);
        QCOMPARE(unknown.error().code, u"supervisor.return.unknown"_s);
    }

    void shouldPageAHundredThousandRowQueueThroughItsIndex()
    {
        // GIVEN 100,000 receipts, unknown packages and outbox entries, of which the queues hold a known share
        seed();
        SupervisorQueues queues(m_db->database());
        QList<qint64> flagged;
        QList<qint64> flaggedOfBergenWithUnexpected;
        QList<qint64> open;
        QList<qint64> parked;
        for (int i = kSeedRows; i >= 1; --i) {
            if (seededFlagged(i))
                flagged << i;
            if (seededFlagged(i) && i % 2 == 0 && seededUnexpected(i))
                flaggedOfBergenWithUnexpected << i;
            if (seededOpenPackage(i))
                open << i;
            if (seededParked(i))
                parked << i;
        }

        // WHEN the flagged queue is scrolled from the top, and jumped into deep down
        QElapsedTimer timer;
        timer.start();
        const auto page1 = queues.flagged({}, 0, 200);
        const qint64 firstPageMs = timer.elapsed();
        QVERIFY2(page1, qPrintable(page1 ? QString() : describe(page1.error())));
        const auto page2 = queues.flagged({}, page1->constLast().receiptId, 200);
        const qint64 deepBefore = flagged.at(flagged.size() - 150);
        timer.restart();
        const auto deep = queues.flagged({}, deepBefore, 200);
        const qint64 deepPageMs = timer.elapsed();

        // THEN each page is exactly the next 200 of the queue (fewer at its end), newest first
        QCOMPARE(ids(*page1), flagged.mid(0, 200));
        QCOMPARE(ids(*page2), flagged.mid(200, 200));
        QCOMPARE(ids(*deep), flagged.mid(flagged.size() - 149));
        QCOMPARE(page1->at(0).merchantName, u"Bergen"_s); // the newest flagged, 99998, is even: Bergen's
        QVERIFY(page1->at(0).loopReturnId >= 42000000);
        QCOMPARE(*queues.countFlagged({}), qint64(flagged.size()));
        // AND a filtered page holds only what matches, in the same order
        SupervisorFilter filter;
        filter.merchantId = m_bergen;
        filter.reason = reasonCode(ReasonCode::UnexpectedItem);
        timer.restart();
        QCOMPARE(ids(*queues.flagged(filter, 0, 200)), flaggedOfBergenWithUnexpected.mid(0, 200));
        const qint64 filteredPageMs = timer.elapsed();
        QCOMPARE(*queues.countFlagged(filter), qint64(flaggedOfBergenWithUnexpected.size()));
        // AND the other queues page the same way
        QCOMPARE(packageIds(*queues.unknownPackages({}, 0, 200)), open.mid(0, 200));
        QCOMPARE(packageIds(*queues.unknownPackages({}, open.at(500), 200)), open.mid(501, 200));
        QCOMPARE(*queues.countUnknownPackages({}), qint64(open.size()));
        QCOMPARE(entryIds(*queues.parkedPushes({}, 0, 200)), parked.mid(0, 200));
        QCOMPARE(entryIds(*queues.parkedPushes({}, parked.at(999), 200)), parked.mid(1000, 200));
        QCOMPARE(*queues.countParkedPushes({}), qint64(parked.size()));
        qInfo().noquote() << m_db->backend() << "flagged page of 200 out of" << flagged.size() << ":" << firstPageMs
                          << "ms from the top," << deepPageMs << "ms deep down," << filteredPageMs
                          << "ms filtered by merchant and reason";

        // AND every page query walks an index, never the whole table or a sort of it
        SupervisorFilter byMerchant;
        byMerchant.merchantId = m_acme;
        struct Page
        {
            SupervisorQueues::Queue queue;
            SupervisorFilter narrowed;
            bool mayBeSorted;
        };
        const QList<Page> pages {
            { SupervisorQueues::Queue::Flagged, {}, false },
            { SupervisorQueues::Queue::Flagged, byMerchant, false },
            // PostgreSQL estimates a "%text%" match as a handful of rows, and may then fetch the merchant's flagged
            // rows through the index and sort what matches: still no walk of the table, so allowed.
            { SupervisorQueues::Queue::Flagged, filter, m_db->backend() == u"postgresql"_s },
            { SupervisorQueues::Queue::Unknown, {}, false },
            { SupervisorQueues::Queue::Parked, {}, false },
            { SupervisorQueues::Queue::Parked, byMerchant, false },
        };
        for (const Page& page : pages) {
            for (const qint64 before : { qint64(0), qint64(50'000) }) {
                const auto plan = queues.pagePlan(page.queue, page.narrowed, before, 200);
                QVERIFY2(plan, qPrintable(plan ? QString() : describe(plan.error())));
                const QString text = plan->join(u'\n');
                if (m_db->backend() == u"sqlite"_s) {
                    QVERIFY2(
                        text.contains(u"USING INDEX"_s) || text.contains(u"USING COVERING INDEX"_s), qPrintable(text));
                    QVERIFY2(!text.contains(u"TEMP B-TREE"_s), qPrintable(text));
                } else {
                    QVERIFY2(text.contains(u"Index"_s), qPrintable(text));
                    QVERIFY2(!text.contains(u"Seq Scan"_s), qPrintable(text));
                    QVERIFY2(page.mayBeSorted || !text.contains(u"Sort"_s), qPrintable(text));
                }
            }
        }
        // AND the flagged page walks the partial index made for it
        QVERIFY2(
            queues.pagePlan(SupervisorQueues::Queue::Flagged, {}, 0, 200)->join(u'\n').contains(u"receipts_flagged"_s),
            qPrintable(queues.pagePlan(SupervisorQueues::Queue::Flagged, {}, 0, 200)->join(u'\n')));
    }

    void shouldPageASortedQueueInOrderWithEveryRowOnce_data()
    {
        QTest::addColumn<int>("queue");
        QTest::addColumn<int>("key");
        using Q = SupervisorQueues::Queue;
        using K = SupervisorSortKey;
        const QList<std::pair<Q, QString>> queues { { Q::Flagged, u"flagged"_s }, { Q::Unknown, u"unknown"_s },
            { Q::Parked, u"parked"_s } };
        const QList<std::pair<K, QString>> keys { { K::Id, u"id"_s }, { K::Time, u"time"_s },
            { K::Merchant, u"merchant"_s }, { K::Order, u"order"_s }, { K::ReceivedBy, u"received by"_s },
            { K::Reasons, u"reasons"_s }, { K::Call, u"call"_s }, { K::Error, u"error"_s } };
        for (const auto& [queue, queueText] : queues) {
            for (const auto& [key, keyText] : keys) {
                if (SupervisorQueues::canSort(queue, key))
                    QTest::addRow("%s by %s", qPrintable(queueText), qPrintable(keyText)) << int(queue) << int(key);
            }
        }
    }

    void shouldPageASortedQueueInOrderWithEveryRowOnce()
    {
        QFETCH(int, queue);
        QFETCH(int, key);
        // GIVEN a queue whose rows tie on every sortable column in places (same time, user, reasons, merchant,
        // order name, the first 100 characters of Loop's answer), some kept outside the queue, some without a return
        // or merchant, and text in mixed case
        seedForSorting();
        SupervisorQueues queues(m_db->database());
        const auto which = SupervisorQueues::Queue(queue);
        SupervisorFilter narrowed;
        narrowed.merchantId = m_bergen; // does not narrow unknown packages
        narrowed.from = sortBase().addSecs(10);

        for (const SupervisorFilter& filter : { SupervisorFilter(), narrowed }) {
            for (const Qt::SortOrder order : { Qt::AscendingOrder, Qt::DescendingOrder }) {
                const SupervisorSort sort { SupervisorSortKey(key), order };
                // WHEN the queue is read page by page, 7 rows at a time, each page from where the last one ended
                QString problem;
                std::optional<QList<qint64>> read;
                switch (which) {
                case SupervisorQueues::Queue::Flagged:
                    read = readAll<FlaggedReceiptRow>(
                        [&](const SupervisorCursor& after) { return queues.flagged(filter, sort, after, 7); },
                        [](const FlaggedReceiptRow& row) { return row.receiptId; }, 7, problem);
                    break;
                case SupervisorQueues::Queue::Unknown:
                    read = readAll<UnknownPackage>(
                        [&](const SupervisorCursor& after) { return queues.unknownPackages(filter, sort, after, 7); },
                        [](const UnknownPackage& row) { return row.id; }, 7, problem);
                    break;
                case SupervisorQueues::Queue::Parked:
                    read = readAll<ParkedPushRow>(
                        [&](const SupervisorCursor& after) { return queues.parkedPushes(filter, sort, after, 7); },
                        [](const ParkedPushRow& row) { return row.entry.id; }, 7, problem);
                    break;
                }

                // THEN every row of the queue comes exactly once, in the order a sort of the same rows gives
                QVERIFY2(read, qPrintable(problem));
                const QList<qint64> expected = expectedOrder(which, sort, filter);
                QVERIFY(expected.size() > 20);
                QCOMPARE(*read, expected);
                // AND sorting does not change the count
                QCOMPARE(*count(queues, which, filter), qint64(expected.size()));
            }
        }
    }

    void shouldRefuseASortTheQueueDoesNotHave()
    {
        // GIVEN the unknown packages, which have no merchant
        SupervisorQueues queues(m_db->database());
        // WHEN they are asked for by merchant
        const auto page
            = queues.unknownPackages({}, { SupervisorSortKey::Merchant, Qt::AscendingOrder }, SupervisorCursor(), 50);
        // THEN that is a Validation error, not a page in some other order
        QVERIFY(!page);
        QCOMPARE(page.error().kind, Error::Kind::Validation);
        QCOMPARE(page.error().code, u"supervisor.sort.unsupported"_s);
        QVERIFY(!SupervisorQueues::canSort(SupervisorQueues::Queue::Unknown, SupervisorSortKey::Order));
        QVERIFY(!SupervisorQueues::canSort(SupervisorQueues::Queue::Flagged, SupervisorSortKey::Call));
        QVERIFY(!SupervisorQueues::canSort(SupervisorQueues::Queue::Parked, SupervisorSortKey::ReceivedBy));
    }

    void shouldWalkAnIndexForEverySortedPageOfAHundredThousandRows()
    {
        // GIVEN the 100,000-row queues, where every flagged receipt and unknown package was received by the same
        // user at the same station: one tie as long as the queue
        seed();
        SupervisorQueues queues(m_db->database());
        using Q = SupervisorQueues::Queue;
        using K = SupervisorSortKey;
        const qint64 middle = 50'000;
        const QVariant middleTime = kSeedBaseMs + middle * 1000;
        struct Sorted
        {
            Q queue;
            K key;
            QVariantList middleValues; // the sort values of row 50,000
            QString index; // the index the walk goes down
        };
        const QList<Sorted> sorts {
            { Q::Flagged, K::Time, { middleTime }, u"receipts_flagged_submitted_idx"_s },
            { Q::Flagged, K::Merchant, { u"Bergen"_s, m_bergen }, u"receipts_flagged_merchant_idx"_s },
            { Q::Flagged, K::ReceivedBy, { u"maria"_s, u"bench-1"_s }, u"receipts_flagged_user_idx"_s },
            { Q::Flagged, K::Reasons, { u"missing_item"_s }, u"receipts_flagged_reasons_idx"_s },
            { Q::Unknown, K::Time, { middleTime }, u"unknown_packages_open_received_idx"_s },
            { Q::Unknown, K::ReceivedBy, { u"maria"_s, u"bench-1"_s }, u"unknown_packages_open_user_idx"_s },
            { Q::Parked, K::Time, { middleTime }, u"outbox_parked_updated_idx"_s },
            { Q::Parked, K::Merchant, { u"Bergen"_s, m_bergen }, u"outbox_parked_merchant_idx"_s },
            { Q::Parked, K::Call, { u"process"_s }, u"outbox_parked_kind_idx"_s },
            { Q::Parked, K::Error, { u"Loop refused it"_s }, u"outbox_parked_error_idx"_s },
        };
        for (const Sorted& sorted : sorts) {
            for (const Qt::SortOrder order : { Qt::AscendingOrder, Qt::DescendingOrder }) {
                for (const SupervisorCursor& after :
                    { SupervisorCursor(), SupervisorCursor { middle, sorted.middleValues } }) {
                    // WHEN the plan of a sorted page, from the top and from the middle, is asked for
                    const auto plan = queues.pagePlan(sorted.queue, {}, { sorted.key, order }, after, 200, true);
                    // THEN every query of it walks an index, never the table, and sorts nothing
                    QVERIFY2(plan, qPrintable(plan ? QString() : describe(plan.error())));
                    const QString text = plan->join(u'\n');
                    const QString context = u"%1 %2 %3:\n%4"_s.arg(int(sorted.queue))
                                                .arg(int(sorted.key))
                                                .arg(after.atTop() ? u"top"_s : u"middle"_s, text);
                    if (m_db->backend() == u"sqlite"_s) {
                        // One SEARCH line per query: every one of them goes down the index.
                        for (const QString& step : *plan)
                            QVERIFY2(!step.contains(u"SEARCH"_s) || step.contains(sorted.index), qPrintable(context));
                        QVERIFY2(!text.contains(u"TEMP B-TREE"_s), qPrintable(context));
                        QVERIFY2(!text.contains(u"SCAN q\n"_s) && !text.endsWith(u"SCAN q"_s), qPrintable(context));
                    } else {
                        QVERIFY2(!text.contains(u"Seq Scan"_s), qPrintable(context));
                        // One query per "Limit". Each goes down the sort's index or, where the value a step
                        // holds equal is much of the queue (one user received all of it here, one merchant half),
                        // down another and drops the rows that do not match: a few thousand at most, never the
                        // 50,000 rows on the other side of the cursor. PostgreSQL gives no order for "IS NULL" in an
                        // index, so the step that reads the receipts kept without a merchant (none in practice)
                        // sorts what it finds.
                        static const QRegularExpression removed(u"Rows Removed by Filter: (\\d+)"_s);
                        for (const QString& query : text.split(u"Limit "_s, Qt::SkipEmptyParts)) {
                            QVERIFY2(query.contains(sorted.index) || sorted.key != K::Time, qPrintable(context));
                            for (auto it = removed.globalMatch(query); it.hasNext();)
                                QVERIFY2(it.next().captured(1).toInt() <= 5000, qPrintable(context));
                            QVERIFY2(!query.contains(u"Sort"_s) || query.contains(u"merchant_id IS NULL"_s),
                                qPrintable(context));
                        }
                    }
                }
            }
        }

        // AND a page from the middle of the longest tie is the right one: the rows past the cursor in id order
        QList<qint64> flaggedBelowMiddle;
        for (int i = int(middle) - 1; i >= 1 && flaggedBelowMiddle.size() < 200; --i) {
            if (seededFlagged(i))
                flaggedBelowMiddle << i;
        }
        const auto page = queues.flagged(
            {}, { K::ReceivedBy, Qt::DescendingOrder }, SupervisorCursor { middle, { u"maria"_s, u"bench-1"_s } }, 200);
        QVERIFY2(page, qPrintable(page ? QString() : describe(page.error())));
        QCOMPARE(ids(page->rows), flaggedBelowMiddle);
        QCOMPARE(page->next.id, flaggedBelowMiddle.constLast());
        QVERIFY(!page->atEnd);
    }

private:
    qint64 storeReturn(qint64 merchantId, qint64 loopId, const QString& orderName)
    {
        ReturnRepository returns(m_db->database());
        if (!returns.upsert(ReturnBuilder(merchantId, loopId).orderName(orderName), m_clock.now()))
            qFatal("cannot store return %lld", loopId);
        return (*returns.findByLoopId(merchantId, loopId))->id;
    }

    qint64 storeReceipt(qint64 returnId, qint64 merchantId, DecisionKind kind, const QList<ReasonCode>& reasons,
        const QDateTime& submittedAt)
    {
        Receipt receipt;
        receipt.returnId = returnId;
        receipt.merchantId = merchantId;
        receipt.station = u"bench-1"_s;
        receipt.user = u"maria"_s;
        receipt.status = ReceiptStatus::Submitted;
        receipt.startedAt = submittedAt.addSecs(-30);
        receipt.submittedAt = submittedAt;
        receipt.decision = Decision { kind, reasons, submittedAt, u"maria"_s };
        ReceiptLine line;
        line.scannedCode = u"0123456789012"_s;
        line.lineItemId = 55500101;
        line.condition = Condition::GradeA;
        line.station = u"bench-1"_s;
        line.user = u"maria"_s;
        line.recordedAt = submittedAt.addSecs(-10);
        receipt.lines << line;
        const Result<qint64> id = ReceiptRepository(m_db->database()).insert(receipt);
        if (!id)
            qFatal("cannot store receipt: %s", qPrintable(describe(id.error())));
        return *id;
    }

    qint64 storeAbandoned(qint64 returnId, qint64 merchantId)
    {
        Receipt receipt;
        receipt.returnId = returnId;
        receipt.merchantId = merchantId;
        receipt.station = u"bench-2"_s;
        receipt.user = u"jon"_s;
        receipt.status = ReceiptStatus::Abandoned;
        receipt.startedAt = m_clock.now();
        const Result<qint64> id = ReceiptRepository(m_db->database()).insert(receipt);
        if (!id)
            qFatal("cannot store receipt: %s", qPrintable(describe(id.error())));
        return *id;
    }

    UnknownPackage package(const QString& scan, const QString& note, const QDateTime& at) const
    {
        UnknownPackage value;
        value.rawScan = scan;
        value.note = note;
        value.station = u"bench-1"_s;
        value.user = u"maria"_s;
        value.receivedAt = at;
        return value;
    }

    qint64 parkedEntry(
        qint64 merchantId, qint64 returnId, qint64 loopId, OutboxKind kind, const QString& error, const QDateTime& at)
    {
        OutboxRepository outbox(m_db->database());
        OutboxEntry entry;
        entry.merchantId = merchantId;
        entry.returnId = returnId;
        entry.loopReturnId = loopId;
        entry.kind = kind;
        entry.payload = "{}";
        entry.createdAt = at;
        const qint64 id = *outbox.enqueue(entry);
        if (!outbox.park(id, error, at))
            qFatal("cannot park entry %lld", id);
        return id;
    }

    // Rows 1..100,000 of each queue's table in three statements, ids equal to the row number.
    void seed()
    {
        ReturnRepository returns(m_db->database());
        QList<Return> values;
        for (int n = 0; n < 100; ++n)
            values << ReturnBuilder(n % 2 == 0 ? m_bergen : m_acme, (n % 2 == 0 ? 42000000 : 41000000) + n).build();
        QVERIFY(returns.upsertMany(values, m_clock.now()));
        const qint64 firstReturn = (*returns.findByLoopId(m_bergen, 42000000))->id;
        QCOMPARE((*returns.findByLoopId(m_acme, 41000099))->id, firstReturn + 99);

        const QString rows
            = uR"(WITH RECURSIVE "n" ("i") AS (SELECT 1 UNION ALL SELECT "i" + 1 FROM "n" WHERE "i" < %1) )"_s.arg(
                kSeedRows);
        const QString base = QString::number(kSeedBaseMs);
        // Row i belongs to Bergen when even, to return (i mod 100), which is Bergen's when even too.
        QVERIFY(exec(uR"(INSERT INTO "receipts" ("id", "return_id", "merchant_id", "station", "user_name", "status",
            "started_at", "submitted_at", "decision", "decision_reasons", "resolved_at", "resolution") )"_s
            + rows
            + uR"(SELECT "i", %1 + ("i" % 100), CASE WHEN "i" % 2 = 0 THEN %2 ELSE %3 END, 'bench-1', 'maria',
                CASE WHEN "i" % 17 = 0 THEN 'abandoned' ELSE 'submitted' END, %4 + "i" * 1000,
                CASE WHEN "i" % 17 = 0 THEN NULL ELSE %4 + "i" * 1000 END,
                CASE WHEN "i" % 17 = 0 THEN NULL WHEN "i" % 3 = 0 THEN 'process' ELSE 'flag' END,
                CASE WHEN "i" % 17 = 0 OR "i" % 3 = 0 THEN '' WHEN "i" % 7 = 0
                     THEN 'condition_below_threshold,unexpected_item' ELSE 'missing_item' END,
                CASE WHEN "i" % 10 = 0 THEN %4 + "i" * 1000 + 5 ELSE NULL END,
                CASE WHEN "i" % 10 = 0 THEN 'keep_flagged' ELSE '' END FROM "n")"_s.arg(firstReturn)
                  .arg(m_bergen)
                  .arg(m_acme)
                  .arg(base)));
        QVERIFY(exec(uR"(INSERT INTO "unknown_packages" ("id", "raw_scan", "station", "user_name", "note",
            "received_at", "status") )"_s
            + rows + uR"(SELECT "i", '94001112025558' || "i", 'bench-1', 'maria', 'box ' || "i", %1 + "i" * 1000,
                CASE WHEN "i" % 4 = 0 THEN 'matched' ELSE 'open' END FROM "n")"_s.arg(base)));
        QVERIFY(exec(uR"(INSERT INTO "outbox" ("id", "merchant_id", "return_id", "loop_return_id", "kind", "payload",
            "status", "attempts", "next_attempt_at", "last_error", "created_at", "updated_at") )"_s
            + rows
            + uR"(SELECT "i", CASE WHEN "i" % 2 = 0 THEN %2 ELSE %3 END, %1 + ("i" % 100), 41000000 + ("i" % 100),
                'process', '{}', CASE WHEN "i" % 5 = 0 THEN 'parked' ELSE 'done' END, 1, %4 + "i" * 1000,
                CASE WHEN "i" % 5 = 0 THEN 'Loop refused it' ELSE '' END, %4 + "i" * 1000, %4 + "i" * 1000
                FROM "n")"_s.arg(firstReturn)
                  .arg(m_bergen)
                  .arg(m_acme)
                  .arg(base)));
        // What PostgreSQL's autovacuum would do shortly after such a load; SQLite runs on without statistics.
        if (m_db->backend() == u"postgresql"_s)
            QVERIFY(exec(u"ANALYZE"_s));
    }

    bool exec(const QString& sql)
    {
        Result<QSqlDatabase> connection = m_db->database().connection();
        if (!connection)
            return false;
        QSqlQuery query(*connection);
        if (!query.exec(sql)) {
            qWarning().noquote() << query.lastError().text();
            return false;
        }
        return true;
    }

    static QList<qint64> ids(const QList<FlaggedReceiptRow>& rows)
    {
        QList<qint64> out;
        for (const FlaggedReceiptRow& row : rows)
            out << row.receiptId;
        return out;
    }

    static QList<qint64> packageIds(const QList<UnknownPackage>& rows)
    {
        QList<qint64> out;
        for (const UnknownPackage& row : rows)
            out << row.id;
        return out;
    }

    static QList<qint64> entryIds(const QList<ParkedPushRow>& rows)
    {
        QList<qint64> out;
        for (const ParkedPushRow& row : rows)
            out << row.entry.id;
        return out;
    }

    // One seeded row of a queue's table, as the test knows it.
    struct SortSeed
    {
        qint64 id = 0;
        bool inQueue = false;
        qint64 merchantId = 0; // 0: none
        QString merchantName;
        QString order; // the return's order name, empty without a return
        qint64 time = 0;
        QString user;
        QString station;
        QString reasons;
        QString kind;
        QString error;
    };

    static QDateTime sortBase() { return QDateTime::fromMSecsSinceEpoch(kSeedBaseMs, Qt::UTC); }

    // 240 rows in each queue's table, written one by one so the test's own list is what was stored.
    void seedForSorting()
    {
        MerchantRepository merchants(m_db->database());
        const qint64 outlet = *merchants.insert(merchant(u"acme outlet"_s)); // lower case: after "Bergen" by code point
        const QList<std::pair<qint64, QString>> shops { { m_acme, u"Acme"_s }, { m_bergen, u"Bergen"_s },
            { outlet, u"acme outlet"_s } };
        // Order names that tie across merchants, an empty one, and one that sorts before the digits' "#1".
        const QStringList orderNames { u"#1002"_s, u"#1001"_s, u"#1002"_s, QString(), u"#0999"_s, u"B-7"_s };
        QList<qint64> returnIds;
        for (int k = 0; k < orderNames.size(); ++k)
            returnIds << storeReturn(shops.at(k % 3).first, 41000001 + k, orderNames.at(k));
        const QStringList users { u"Ana"_s, u"bob"_s, u"carl"_s, u"Dave"_s };
        const QStringList stations { u"dock-1"_s, u"Dock-2"_s, u"dock-10"_s };
        const QStringList reasons { u"missing_item"_s, u"condition_below_threshold,unexpected_item"_s,
            u"unexpected_item"_s, u"wrong_item"_s };
        const QStringList kinds { u"process"_s, u"flag"_s, u"note"_s, u"close"_s, u"cancel"_s };
        // 112 characters, one of them not ASCII: two answers that differ after it tie on the first 100.
        const QString refusal
            = u"Loop refused POST /warehouse/return/41000001/process (HTTP 422): the return \u00e9 cannot be "
              "processed now, try later"_s;
        QVERIFY(refusal.size() > 100);
        const QStringList errors { refusal + u" (A)"_s, refusal + u" (B)"_s, u"Return is closed."_s, QString() };

        Result<Transaction> transaction = Transaction::begin(m_db->database(), u"seeding"_s);
        QVERIFY2(transaction, qPrintable(transaction ? QString() : describe(transaction.error())));
        const auto insert = [&](const QString& sql, const QVariantList& binds) {
            const Result<QSqlQuery> done
                = Sql::exec(m_db->database(), transaction->connection(), sql, binds, u"seeding"_s);
            if (!done)
                qFatal("seeding failed: %s", qPrintable(describe(done.error())));
        };
        const qint64 base = kSeedBaseMs;
        for (int i = 1; i <= 240; ++i) {
            const auto& shop = shops.at(i % 3);
            const bool noReturn = i % 11 == 0;
            const qint64 returnId = noReturn ? 0 : returnIds.at(i % 6);
            const QString order = noReturn ? QString() : orderNames.at(i % 6);

            SortSeed receipt;
            receipt.id = i;
            receipt.merchantId = i % 19 == 0 ? 0 : shop.first;
            receipt.merchantName = i % 19 == 0 ? QString() : shop.second;
            receipt.order = order;
            receipt.time = base + ((i * 37) % 50) * 1000; // about five receipts a second, not in id order
            receipt.user = users.at((i / 3) % 4);
            receipt.station = stations.at(i % 3);
            receipt.reasons = reasons.at((i * 7) % 4);
            const bool processed = i % 13 == 0;
            const bool resolved = i % 17 == 0;
            receipt.inQueue = !processed && !resolved;
            insert(u"INSERT INTO \"receipts\" (\"id\", \"return_id\", \"merchant_id\", \"station\", \"user_name\", "
                   "\"status\", \"started_at\", \"submitted_at\", \"decision\", \"decision_reasons\", \"resolved_at\") "
                   "VALUES (?, ?, ?, ?, ?, 'submitted', ?, ?, ?, ?, ?)"_s,
                { receipt.id, Sql::optionalId(returnId), Sql::optionalId(receipt.merchantId), receipt.station,
                    receipt.user, receipt.time - 30'000, receipt.time, processed ? u"process"_s : u"flag"_s,
                    receipt.reasons,
                    resolved ? QVariant(receipt.time + 5) : QVariant(QMetaType(QMetaType::LongLong)) });
            m_sortFlagged << receipt;

            SortSeed package;
            package.id = i;
            package.time = base + ((i * 53) % 40) * 1000;
            package.user = QStringList { u"jon"_s, u"Ana"_s, u"maria"_s }.at(i % 3);
            package.station = QStringList { u"dock-2"_s, u"Dock-1"_s }.at((i / 3) % 2);
            package.inQueue = i % 6 != 0;
            insert(u"INSERT INTO \"unknown_packages\" (\"id\", \"raw_scan\", \"station\", \"user_name\", "
                   "\"received_at\", \"status\") VALUES (?, ?, ?, ?, ?, ?)"_s,
                { package.id, u"1Z%1"_s.arg(i), package.station, package.user, package.time,
                    package.inQueue ? u"open"_s : u"matched"_s });
            m_sortUnknown << package;

            SortSeed entry;
            entry.id = i;
            entry.merchantId = shop.first;
            entry.merchantName = shop.second;
            entry.order = order;
            entry.time = base + ((i * 29) % 45) * 1000;
            entry.kind = kinds.at(i % 5);
            entry.error = errors.at(i % 4);
            entry.inQueue = i % 9 != 0;
            insert(u"INSERT INTO \"outbox\" (\"id\", \"merchant_id\", \"return_id\", \"loop_return_id\", \"kind\", "
                   "\"payload\", \"status\", \"attempts\", \"next_attempt_at\", \"last_error\", \"created_at\", "
                   "\"updated_at\") VALUES (?, ?, ?, ?, ?, '{}', ?, 1, ?, ?, ?, ?)"_s,
                { entry.id, entry.merchantId, Sql::optionalId(returnId), qint64(41000000 + i), entry.kind,
                    entry.inQueue ? u"parked"_s : u"done"_s, base, Sql::text(entry.error), base, entry.time });
            m_sortParked << entry;
        }
        QVERIFY(transaction->commit());
        if (m_db->backend() == u"postgresql"_s)
            QVERIFY(exec(u"ANALYZE"_s));
    }

    // The ids of the seeded queue, narrowed by `filter` and sorted by the test itself.
    QList<qint64> expectedOrder(
        SupervisorQueues::Queue queue, const SupervisorSort& sort, const SupervisorFilter& filter)
    {
        const QList<SortSeed>& seeded = queue == SupervisorQueues::Queue::Flagged ? m_sortFlagged
            : queue == SupervisorQueues::Queue::Unknown                           ? m_sortUnknown
                                                                                  : m_sortParked;
        struct Keyed
        {
            qint64 id;
            QVariantList values;
        };
        QList<Keyed> rows;
        for (const SortSeed& row : seeded) {
            if (!row.inQueue)
                continue;
            if (filter.merchantId && queue != SupervisorQueues::Queue::Unknown && row.merchantId != *filter.merchantId)
                continue;
            if (filter.from.isValid() && row.time < filter.from.toMSecsSinceEpoch())
                continue;
            QVariantList values;
            switch (sort.key) {
            case SupervisorSortKey::Id:
                break;
            case SupervisorSortKey::Time:
                values << row.time;
                break;
            case SupervisorSortKey::Merchant:
                values << row.merchantName;
                break;
            case SupervisorSortKey::Order:
                values << row.order;
                break;
            case SupervisorSortKey::ReceivedBy:
                values << row.user << row.station;
                break;
            case SupervisorSortKey::Reasons:
                values << row.reasons;
                break;
            case SupervisorSortKey::Call:
                values << row.kind;
                break;
            case SupervisorSortKey::Error:
                values << row.error.left(100);
                break;
            }
            rows << Keyed { row.id, values };
        }
        // Text by code point, then the id: what both databases are asked to do.
        const auto less = [](const Keyed& a, const Keyed& b) {
            for (qsizetype i = 0; i < a.values.size(); ++i) {
                const QVariant& x = a.values.at(i);
                const QVariant& y = b.values.at(i);
                const int order = x.typeId() == QMetaType::QString
                    ? QString::compare(x.toString(), y.toString(), Qt::CaseSensitive)
                    : (x.toLongLong() < y.toLongLong()        ? -1
                            : x.toLongLong() > y.toLongLong() ? 1
                                                              : 0);
                if (order != 0)
                    return order < 0;
            }
            return a.id < b.id;
        };
        std::sort(rows.begin(), rows.end(), less);
        if (sort.order == Qt::DescendingOrder)
            std::reverse(rows.begin(), rows.end());
        QList<qint64> ids;
        for (const Keyed& row : rows)
            ids << row.id;
        return ids;
    }

    // Every page from the top until the queue says it is at its end; nullopt (and why) on an error or a page that
    // is short before the end.
    template <typename Row, typename Read, typename IdOf>
    static std::optional<QList<qint64>> readAll(Read read, IdOf idOf, int pageSize, QString& problem)
    {
        QList<qint64> all;
        SupervisorCursor cursor;
        for (int pages = 0; pages < 1000; ++pages) {
            const auto page = read(cursor);
            if (!page) {
                problem = describe(page.error());
                return std::nullopt;
            }
            for (const Row& row : page->rows)
                all << idOf(row);
            if (page->atEnd)
                return all;
            if (page->rows.size() != pageSize) {
                problem = u"page %1 has %2 rows and is not the last"_s.arg(pages).arg(page->rows.size());
                return std::nullopt;
            }
            cursor = page->next;
        }
        problem = u"the pages never end"_s;
        return std::nullopt;
    }

    static Result<qint64> count(SupervisorQueues& queues, SupervisorQueues::Queue queue, const SupervisorFilter& filter)
    {
        switch (queue) {
        case SupervisorQueues::Queue::Flagged:
            return queues.countFlagged(filter);
        case SupervisorQueues::Queue::Unknown:
            return queues.countUnknownPackages(filter);
        case SupervisorQueues::Queue::Parked:
            break;
        }
        return queues.countParkedPushes(filter);
    }

    FakeClock m_clock;
    std::unique_ptr<TempDatabase> m_db;
    qint64 m_acme = 0;
    qint64 m_bergen = 0;
    QList<SortSeed> m_sortFlagged;
    QList<SortSeed> m_sortUnknown;
    QList<SortSeed> m_sortParked;
};

QTEST_GUILESS_MAIN(TestSupervisorQueues)
#include "TestSupervisorQueues.moc"
