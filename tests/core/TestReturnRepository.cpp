#include "Builders.h"
#include "TempDatabase.h"
#include "storage/MerchantRepository.h"
#include "storage/ReturnRepository.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;
using namespace Dockside::Testing;

Q_DECLARE_METATYPE(Dockside::ScanKey)

class TestReturnRepository final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { Testing::TempDatabase::addBackendRows(); }

    void init()
    {
        DOCKSIDE_OPEN_TEST_DATABASE(m_db);
        MerchantRepository merchants(m_db->database());
        const Result<qint64> id = merchants.insert(merchant(u"Acme"_s));
        QVERIFY(id);
        m_merchantId = *id;
    }
    void cleanup() { m_db.reset(); }

    void shouldInsertAndReadBackAReturnWithItsLines()
    {
        // GIVEN a return with two lines and a second label
        ReturnRepository returns(m_db->database());
        Return value = ReturnBuilder(m_merchantId)
                           .line(55500102, u"TEE-BLK-M"_s, u"0012345678905"_s, u"Tee - Black / M"_s)
                           .extraTracking(u"1Z999AA10123456784"_s);
        // WHEN it is upserted the first time
        const Result<UpsertOutcome> saved = returns.upsert(value, QDateTime::currentDateTimeUtc());
        // THEN it is inserted, and reads back equal
        QVERIFY2(saved, qPrintable(saved ? QString() : saved.error().toLogString()));
        QCOMPARE(*saved, UpsertOutcome::Inserted);
        const auto found = returns.findByLoopId(m_merchantId, value.loopId);
        QVERIFY(found && found->has_value());
        value.id = (*found)->id;
        QCOMPARE(**found, value);
    }

    void shouldBeIdempotent()
    {
        ReturnRepository returns(m_db->database());
        const Return value = ReturnBuilder(m_merchantId);
        QCOMPARE(*returns.upsert(value, QDateTime::currentDateTimeUtc()), UpsertOutcome::Inserted);
        QCOMPARE(*returns.upsert(value, QDateTime::currentDateTimeUtc()), UpsertOutcome::Updated);
        QCOMPARE(*returns.count(m_merchantId), qint64(1));
        const auto found = returns.findByLoopId(m_merchantId, value.loopId);
        QCOMPARE((*found)->lines.size(), 1);
    }

    void shouldNeverLetAnOlderCopyOverwriteANewerOne()
    {
        ReturnRepository returns(m_db->database());
        const QDateTime t0(QDate(2024, 2, 21), QTime(9, 0), Qt::UTC);
        // GIVEN the newer copy (cancelled upstream) arrived first
        const Return newer = ReturnBuilder(m_merchantId).state(ReturnState::Cancelled).updatedAt(t0.addSecs(60));
        QVERIFY(returns.upsert(newer, QDateTime::currentDateTimeUtc()));
        // WHEN an older copy (still open, different lines) arrives late, e.g. a delayed webhook
        const Return older = ReturnBuilder(m_merchantId)
                                 .state(ReturnState::Open)
                                 .updatedAt(t0)
                                 .line(55500199, u"EXTRA"_s, u"0000000000000"_s);
        const Result<UpsertOutcome> outcome = returns.upsert(older, QDateTime::currentDateTimeUtc());
        // THEN it is reported stale and the stored copy is unchanged
        QVERIFY(outcome);
        QCOMPARE(*outcome, UpsertOutcome::Stale);
        const auto found = returns.findByLoopId(m_merchantId, newer.loopId);
        QCOMPARE((*found)->state, ReturnState::Cancelled);
        QCOMPARE((*found)->lines.size(), 1);
        QCOMPARE((*found)->updatedAt, t0.addSecs(60));
    }

    void shouldReplaceLinesRemovedUpstream()
    {
        ReturnRepository returns(m_db->database());
        const QDateTime t0(QDate(2024, 2, 21), QTime(9, 0), Qt::UTC);
        QVERIFY(returns.upsert(ReturnBuilder(m_merchantId).updatedAt(t0).line(2, u"SKU-2"_s, u"0000000000024"_s),
            QDateTime::currentDateTimeUtc()));
        // WHEN Loop removed the first line
        Return removed = ReturnBuilder(m_merchantId).updatedAt(t0.addSecs(5)).noLines();
        removed.lines << ReturnBuilder(m_merchantId).line(2, u"SKU-2"_s, u"0000000000024"_s).build().lines.last();
        QCOMPARE(*returns.upsert(removed, QDateTime::currentDateTimeUtc()), UpsertOutcome::Updated);
        // THEN its barcode no longer finds the return
        const auto gone = returns.findByKeys({ScanKey::barcode(u"0123456789012"_s)});
        QVERIFY(gone);
        QVERIFY(gone->isEmpty());
        const auto kept = returns.findByKeys({ScanKey::barcode(u"0000000000024"_s)});
        QCOMPARE(kept->size(), 1);
    }

    void shouldFindAReturnByEveryKindOfScanKey_data()
    {
        QTest::addColumn<ScanKey>("key");
        QTest::newRow("tracking") << ScanKey::tracking(u"9400 1000 0000 0000 0000 01"_s);
        QTest::newRow("second label") << ScanKey::tracking(u"1z999aa10123456784"_s);
        QTest::newRow("return id") << ScanKey::returnId(41000007);
        QTest::newRow("order name with hash") << ScanKey::orderName(u"#1042"_s);
        QTest::newRow("order name without hash") << ScanKey::orderName(u"1042"_s);
        QTest::newRow("email") << ScanKey::email(u"Shopper@Example.test"_s);
        QTest::newRow("item barcode") << ScanKey::barcode(u"0123456789012"_s);
        QTest::newRow("sku") << ScanKey::sku(u"tote-olv"_s);
    }

    void shouldFindAReturnByEveryKindOfScanKey()
    {
        QFETCH(ScanKey, key);
        ReturnRepository returns(m_db->database());
        QVERIFY(returns.upsert(ReturnBuilder(m_merchantId).extraTracking(u"1Z999AA10123456784"_s),
            QDateTime::currentDateTimeUtc()));
        QVERIFY(returns.upsert(ReturnBuilder(m_merchantId, 41000008)
                                   .tracking(u"9400111111111111111111"_s)
                                   .orderName(u"#2000"_s)
                                   .email(u"other@example.test"_s)
                                   .noLines()
                                   .line(1, u"OTHER"_s, u"0000000000017"_s),
            QDateTime::currentDateTimeUtc()));

        const auto matches = returns.findByKeys({key});
        QVERIFY(matches);
        QCOMPARE(matches->size(), 1);
        const auto found = returns.find(matches->first().returnId);
        QCOMPARE((*found)->loopId, qint64(41000007));
        QCOMPARE(matches->first().kind, key.kind);
    }

    void shouldNotMatchOnAPartOfAKey()
    {
        ReturnRepository returns(m_db->database());
        QVERIFY(returns.upsert(ReturnBuilder(m_merchantId), QDateTime::currentDateTimeUtc()));
        const auto matches = returns.findByKeys({ScanKey::tracking(u"94001000000000000000"_s),
            ScanKey::orderName(u"104"_s), ScanKey::sku(u"TOTE"_s)});
        QVERIFY(matches);
        QVERIFY(matches->isEmpty());
    }

    void shouldReportEveryReturnThatSharesAKey()
    {
        // Two returns on the same order: a scan of the order name is ambiguous, and both must come back.
        ReturnRepository returns(m_db->database());
        QVERIFY(returns.upsert(ReturnBuilder(m_merchantId, 1), QDateTime::currentDateTimeUtc()));
        QVERIFY(returns.upsert(ReturnBuilder(m_merchantId, 2).tracking(u"9400122222222222222222"_s),
            QDateTime::currentDateTimeUtc()));
        const auto matches = returns.findByKeys({ScanKey::orderName(u"1042"_s)});
        QVERIFY(matches);
        QCOMPARE(matches->size(), 2);
    }

    void shouldIgnoreNotAvailablePlaceholders()
    {
        ReturnRepository returns(m_db->database());
        QVERIFY(returns.upsert(ReturnBuilder(m_merchantId).tracking(u"N/A"_s), QDateTime::currentDateTimeUtc()));
        const auto matches = returns.findByKeys({ScanKey::tracking(u"N/A"_s)});
        QVERIFY(matches);
        QVERIFY(matches->isEmpty());
    }

    void shouldApplyANewerLabelAndIgnoreAnOlderOne()
    {
        ReturnRepository returns(m_db->database());
        const Return value = ReturnBuilder(m_merchantId).tracking(u"N/A"_s).labelStatus(u"new"_s);
        QVERIFY(returns.upsert(value, QDateTime::currentDateTimeUtc()));
        const QDateTime t0 = value.labelUpdatedAt;

        // WHEN a label event brings carrier and tracking
        LabelEvent label {value.loopId, u"USPS"_s, u"9400111899223197428490"_s, u"in_transit"_s, t0.addSecs(60), u"880001"_s};
        QCOMPARE(*returns.applyLabel(m_merchantId, label), UpsertOutcome::Updated);
        // THEN the return has them and is found by the new tracking number
        auto stored = **returns.findByLoopId(m_merchantId, value.loopId);
        QCOMPARE(stored.labelStatus, u"in_transit"_s);
        QCOMPARE(stored.trackingNumber, u"9400111899223197428490"_s);
        QCOMPARE(returns.findByKeys({ScanKey::tracking(u"9400 1118 9922 3197 4284 90"_s)})->size(), 1);

        // WHEN an older label event arrives late
        LabelEvent older = label;
        older.labelStatus = u"pre_transit"_s;
        older.labelUpdatedAt = t0.addSecs(30);
        QCOMPARE(*returns.applyLabel(m_merchantId, older), UpsertOutcome::Stale);
        // AND a copy of the return with its older label is saved (e.g. from a list page pulled earlier)
        const Return olderCopy = ReturnBuilder(m_merchantId).tracking(u"N/A"_s).labelStatus(u"new"_s)
                                     .updatedAt(value.updatedAt.addSecs(1));
        QCOMPARE(*returns.upsert(olderCopy, QDateTime::currentDateTimeUtc()), UpsertOutcome::Updated);
        // THEN the newer label stays, and so does its scan key
        stored = **returns.findByLoopId(m_merchantId, value.loopId);
        QCOMPARE(stored.labelStatus, u"in_transit"_s);
        QCOMPARE(stored.trackingNumber, u"9400111899223197428490"_s);
        QCOMPARE(returns.findByKeys({ScanKey::tracking(u"9400111899223197428490"_s)})->size(), 1);
    }

    void shouldSayWhenALabelIsForAReturnNotHeldYet()
    {
        ReturnRepository returns(m_db->database());
        LabelEvent label {424242, u"UPS"_s, u"1Z999AA10123456784"_s, u"pre_transit"_s, QDateTime::currentDateTimeUtc(), {}};
        QCOMPARE(*returns.applyLabel(m_merchantId, label), UpsertOutcome::Unknown);
    }

    void shouldStoreAPageInOneGoCountingWhatChanged()
    {
        // GIVEN one return held already, at an older and a newer time
        ReturnRepository returns(m_db->database());
        const QDateTime t0(QDate(2024, 2, 21), QTime(9, 0), Qt::UTC);
        QVERIFY(returns.upsert(ReturnBuilder(m_merchantId, 1).updatedAt(t0), t0));
        QVERIFY(returns.upsert(ReturnBuilder(m_merchantId, 2).updatedAt(t0.addSecs(60)), t0));
        // WHEN a page brings 450 new returns (more than one statement holds), a newer copy of return 1, an
        // older copy of return 2, the same new return twice and one with a line item listed twice
        QList<Return> page;
        for (qint64 id = 100; id < 550; ++id) {
            page << ReturnBuilder(m_merchantId, id)
                        .tracking(u"9400%1"_s.arg(id, 18, 10, QChar(u'0')))
                        .line(id * 10, u"SKU-%1"_s.arg(id), u"0%1"_s.arg(id, 12, 10, QChar(u'0')))
                        .build();
        }
        page << ReturnBuilder(m_merchantId, 1).state(ReturnState::Closed).updatedAt(t0.addSecs(30)).build();
        page << ReturnBuilder(m_merchantId, 2).state(ReturnState::Closed).updatedAt(t0).build();
        page << page.first();
        page << ReturnBuilder(m_merchantId, 999).line(55500101, u"DUP"_s, u"0000000000000"_s).build();
        const auto counts = returns.upsertMany(page, t0);

        // THEN it counts each outcome and stores every valid return with its lines and keys
        QVERIFY2(counts, qPrintable(counts ? QString() : counts.error().toLogString()));
        QCOMPARE(counts->inserted, 450);
        QCOMPARE(counts->updated, 1);
        QCOMPARE(counts->stale, 1);
        QCOMPARE(counts->rejected.size(), 1);
        QCOMPARE(*returns.count(m_merchantId), qint64(452));
        QCOMPARE((*returns.findByLoopId(m_merchantId, 1))->state, ReturnState::Closed);
        QCOMPARE((*returns.findByLoopId(m_merchantId, 2))->state, ReturnState::Open);
        QCOMPARE((*returns.findByLoopId(m_merchantId, 549))->lines.size(), 2);
        QCOMPARE(returns.findByKeys({ScanKey::sku(u"SKU-549"_s)})->size(), 1);
        QCOMPARE(returns.findByKeys({ScanKey::tracking(u"9400%1"_s.arg(549, 18, 10, QChar(u'0')))})->size(), 1);
        QVERIFY(!*returns.findByLoopId(m_merchantId, 999));
    }

    void shouldWriteNothingForAnUnchangedCopyAndKeepANewerLabel()
    {
        // GIVEN a page stored once, and a label event applied since
        ReturnRepository returns(m_db->database());
        const QDateTime t0(QDate(2024, 2, 21), QTime(9, 0), Qt::UTC);
        QList<Return> page {ReturnBuilder(m_merchantId, 1).updatedAt(t0), ReturnBuilder(m_merchantId, 2).updatedAt(t0)};
        QCOMPARE(returns.upsertMany(page, t0)->inserted, 2);
        const LabelEvent label {1, u"USPS"_s, u"9400111899223197428490"_s, u"delivered"_s, t0.addDays(2), {}};
        QCOMPARE(*returns.applyLabel(m_merchantId, label), UpsertOutcome::Updated);

        // WHEN the same page is read again (the overlap window), and then a changed copy of return 2
        const auto again = returns.upsertMany(page, t0.addSecs(300));
        Return changed = page[1];
        changed.lines.first().returnReason = u"Changed my mind"_s;
        const auto after = returns.upsertMany({changed}, t0.addSecs(600));

        // THEN the re-read wrote nothing and kept the newer label; the changed copy was written
        QVERIFY(again && after);
        QCOMPARE(again->unchanged, 2);
        QCOMPARE(again->updated, 0);
        QCOMPARE((*returns.findByLoopId(m_merchantId, 1))->labelStatus, u"delivered"_s);
        QCOMPARE(after->updated, 1);
        QCOMPARE((*returns.findByLoopId(m_merchantId, 2))->lines.first().returnReason, u"Changed my mind"_s);
    }

    void shouldRefuseAReturnWithoutIdentity()
    {
        ReturnRepository returns(m_db->database());
        const Result<UpsertOutcome> saved = returns.upsert(ReturnBuilder(m_merchantId, 0), QDateTime());
        QVERIFY(!saved);
        QCOMPARE(saved.error().kind, Error::Kind::Validation);
    }

private:
    std::unique_ptr<Testing::TempDatabase> m_db;
    qint64 m_merchantId = 0;
};


QTEST_GUILESS_MAIN(TestReturnRepository)
#include "TestReturnRepository.moc"
