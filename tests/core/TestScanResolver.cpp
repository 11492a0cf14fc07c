#include "Builders.h"
#include "LoopSimProcess.h"
#include "TempDatabase.h"
#include "loop/LoopClient.h"
#include "receiving/ScanResolver.h"
#include "storage/MerchantRepository.h"
#include "storage/ReturnRepository.h"
#include "util/SystemClock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;
using namespace Dockside::Testing;

Q_DECLARE_METATYPE(Dockside::ScanKeyKind)

namespace {
// Check digits computed here, not by the code under test (see TestScanCandidates for the format details).
QString withGs1Check(const QString& data)
{
    int sum = 0;
    for (qsizetype i = 0; i < data.size(); ++i)
        sum += data.at(i).digitValue() * ((data.size() - i) % 2 == 1 ? 3 : 1);
    return data + QString::number((10 - sum % 10) % 10);
}

QString withFedEx12Check(const QString& data11)
{
    const int weights[] = {3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1};
    int sum = 0;
    for (int i = 0; i < 11; ++i)
        sum += data11.at(i).digitValue() * weights[i];
    return data11 + QString::number(sum % 11 % 10);
}

const QString kGs = QString(QChar(0x1D));
} // namespace

// From a raw scan to the stored return(s), on both database backends and against the simulator's labels.
class TestScanResolver final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TempDatabase::addBackendRows(); }

    void init()
    {
        DOCKSIDE_OPEN_TEST_DATABASE(m_db);
        const Result<qint64> id = MerchantRepository(m_db->database()).insert(merchant(u"Acme"_s));
        QVERIFY(id);
        m_merchantId = *id;
    }
    void cleanup() { m_db.reset(); }

    void shouldResolveEachLabelFormatToItsReturn_data()
    {
        QTest::addColumn<QString>("tracking"); // as Loop stores it
        QTest::addColumn<QString>("scan"); // what the scanner reads off the parcel

        const QString pic = withGs1Check(u"940011189922300004711"_s);
        const QString fedex12 = withFedEx12Check(u"77123456789"_s);
        const QString fedex15 = withGs1Check(u"61299995669352"_s);
        QTest::newRow("USPS ]C1 420 ZIP5 GS IMpb") << pic << u"]C142008810"_s + kGs + pic;
        QTest::newRow("USPS 420 ZIP9 GS IMpb") << pic << u"420917613506"_s + kGs + pic;
        QTest::newRow("USPS 420 ZIP9 IMpb without GS (34 digits)") << pic << u"420917613506"_s + pic;
        QTest::newRow("USPS IMpb alone, with spaces") << u"9400 1112 0255 5842 3326 69"_s
                                                      << u"9400111202555842332669"_s;
        QTest::newRow("USPS 20-digit") << u"03071790000523483741"_s << u"0307 1790 0005 2348 3741"_s;
        QTest::newRow("UPS 1Z") << u"1Z999AA10123456784"_s << u"1z999aa10123456784"_s;
        QTest::newRow("FedEx 34-digit barcode") << fedex12 << u"100190123456789"_s + u"08810"_s + u"00"_s + fedex12;
        QTest::newRow("FedEx 96 barcode") << fedex15 << u"9611020"_s + fedex15;
        QTest::newRow("FedEx 12 typed with dashes") << fedex12 << fedex12.left(4) + u'-' + fedex12.mid(4, 4) + u'-'
                + fedex12.mid(8);
        QTest::newRow("DHL 10") << u"3318810025"_s << u"3318810025"_s;
        QTest::newRow("DHL JD") << u"JD014600006281360209"_s << u"JD 0146 0000 6281 3602 09"_s;
    }

    void shouldResolveEachLabelFormatToItsReturn()
    {
        QFETCH(QString, tracking);
        QFETCH(QString, scan);
        // GIVEN the return with that label, and another one
        ReturnRepository returns(m_db->database());
        QVERIFY(returns.upsert(ReturnBuilder(m_merchantId, 41000001).tracking(tracking), now()));
        QVERIFY(returns.upsert(ReturnBuilder(m_merchantId, 41000002).orderName(u"#2002"_s), now()));
        const qint64 expected = rowId(41000001);

        // WHEN the label is scanned
        const Result<ScanResolver::Resolution> resolved = ScanResolver(m_db->database()).resolve(scan);

        // THEN it resolves to exactly that return, through its tracking number, as a parcel
        QVERIFY2(resolved, qPrintable(resolved ? QString() : resolved.error().toLogString()));
        QCOMPARE(resolved->outcome, ScanResolver::Outcome::One);
        QCOMPARE(resolved->returnId(), std::optional<qint64>(expected));
        QCOMPARE(resolved->kindsFor(expected), QList<ScanKeyKind> {ScanKeyKind::Tracking});
        QVERIFY(!resolved->itemMatch);
    }

    void shouldResolveOneReturnByEachParcelKey_data()
    {
        QTest::addColumn<QString>("scan");
        QTest::addColumn<ScanKeyKind>("kind");
        QTest::newRow("order name with #") << u"#1042"_s << ScanKeyKind::OrderName;
        QTest::newRow("order name without #") << u" 1042"_s << ScanKeyKind::OrderName;
        QTest::newRow("return number") << u"41000001"_s << ScanKeyKind::ReturnId;
        QTest::newRow("e-mail") << u"Shopper@Example.test"_s << ScanKeyKind::Email;
        QTest::newRow("second label") << u"1Z999AA10123456784"_s << ScanKeyKind::Tracking;
    }

    void shouldResolveOneReturnByEachParcelKey()
    {
        QFETCH(QString, scan);
        QFETCH(ScanKeyKind, kind);
        ReturnRepository returns(m_db->database());
        QVERIFY(returns.upsert(ReturnBuilder(m_merchantId, 41000001).extraTracking(u"1Z999AA10123456784"_s), now()));
        QVERIFY(returns.upsert(ReturnBuilder(m_merchantId, 41000002)
                                   .orderName(u"#2002"_s)
                                   .email(u"other@example.test"_s)
                                   .tracking(u"9400111202555842332669"_s),
            now()));

        const Result<ScanResolver::Resolution> resolved = ScanResolver(m_db->database()).resolve(scan);

        QVERIFY(resolved);
        QCOMPARE(resolved->outcome, ScanResolver::Outcome::One);
        QCOMPARE(resolved->returnId(), std::optional<qint64>(rowId(41000001)));
        QCOMPARE(resolved->kindsFor(rowId(41000001)), QList<ScanKeyKind> {kind});
    }

    void shouldOfferBothReturnsOfOneOrder()
    {
        // GIVEN two returns on the same order (a second return on an earlier order)
        ReturnRepository returns(m_db->database());
        QVERIFY(returns.upsert(ReturnBuilder(m_merchantId, 41000001).orderName(u"#3003"_s), now()));
        QVERIFY(returns.upsert(
            ReturnBuilder(m_merchantId, 41000002).orderName(u"#3003"_s).tracking(u"1Z999AA10123456784"_s), now()));
        QVERIFY(returns.upsert(ReturnBuilder(m_merchantId, 41000003).orderName(u"#3004"_s), now()));

        // WHEN the order name on the packing slip is scanned
        const Result<ScanResolver::Resolution> resolved = ScanResolver(m_db->database()).resolve(u"#3003"_s);

        // THEN both are offered for the operator to choose, and nothing else
        QVERIFY(resolved);
        QCOMPARE(resolved->outcome, ScanResolver::Outcome::Several);
        QCOMPARE(resolved->returnIds, (QList<qint64> {rowId(41000001), rowId(41000002)}));
        QVERIFY(!resolved->returnId());
        QVERIFY(!resolved->itemMatch);
        QVERIFY(!resolved->truncated);
    }

    void shouldFindNothingForAnUnknownParcel()
    {
        // GIVEN a return with another label
        ReturnRepository returns(m_db->database());
        QVERIFY(returns.upsert(ReturnBuilder(m_merchantId, 41000001), now()));
        // WHEN a valid UPS label that no return has is scanned
        const Result<ScanResolver::Resolution> resolved
            = ScanResolver(m_db->database()).resolve(u"1Z999AA10123456784"_s);
        // THEN nothing matches (the exception queue takes it), though the label was recognised
        QVERIFY(resolved);
        QCOMPARE(resolved->outcome, ScanResolver::Outcome::None);
        QVERIFY(resolved->matches.isEmpty());
        QCOMPARE(resolved->candidates.formats().constFirst().format, u"ups-1z"_s);
    }

    void shouldNotMatchAScanThatIsOnlyPartOfAKey()
    {
        ReturnRepository returns(m_db->database());
        QVERIFY(returns.upsert(ReturnBuilder(m_merchantId, 41000001).tracking(u"9400111202555842332669"_s), now()));
        for (const QString& scan : {u"940011120255584233266"_s, u"1112025558423326"_s, u"104"_s, u"TOTE"_s}) {
            const Result<ScanResolver::Resolution> resolved = ScanResolver(m_db->database()).resolve(scan);
            QVERIFY(resolved);
            QVERIFY2(resolved->outcome == ScanResolver::Outcome::None, qPrintable(scan));
        }
    }

    void shouldMarkAnItemBarcodeMatchAsAnItemMatch()
    {
        // GIVEN an item stored under the EAN-13 spelling of its UPC-A
        ReturnRepository returns(m_db->database());
        QVERIFY(returns.upsert(
            ReturnBuilder(m_merchantId, 41000001).noLines().line(1, u"CRW-NVY-M"_s, u"0036000291452"_s), now()));
        QVERIFY(returns.upsert(ReturnBuilder(m_merchantId, 41000002).orderName(u"#2002"_s), now()));
        // WHEN the item's UPC-A is scanned
        const Result<ScanResolver::Resolution> resolved = ScanResolver(m_db->database()).resolve(u"036000291452"_s);
        // THEN its return is found, marked as an item match
        QVERIFY(resolved);
        QCOMPARE(resolved->outcome, ScanResolver::Outcome::One);
        QCOMPARE(resolved->returnId(), std::optional<qint64>(rowId(41000001)));
        QVERIFY(resolved->itemMatch);
        QCOMPARE(resolved->kindsFor(rowId(41000001)), QList<ScanKeyKind> {ScanKeyKind::Barcode});
    }

    void shouldOfferEveryReturnWithAScannedSku()
    {
        ReturnRepository returns(m_db->database());
        QVERIFY(returns.upsert(ReturnBuilder(m_merchantId, 41000001).line(2, u"MCS-NVY-M"_s, {}), now()));
        QVERIFY(returns.upsert(ReturnBuilder(m_merchantId, 41000002).orderName(u"#2002"_s).noLines().line(
                                   3, u"MCS-NVY-M"_s, {}),
            now()));
        const Result<ScanResolver::Resolution> resolved = ScanResolver(m_db->database()).resolve(u"mcs-nvy-m"_s);
        QVERIFY(resolved);
        QCOMPARE(resolved->outcome, ScanResolver::Outcome::Several);
        QCOMPARE(resolved->returnIds.size(), 2);
        QVERIFY(resolved->itemMatch);
    }

    void shouldPreferTheParcelWhenACodeIsBothALabelAndAnItem()
    {
        // GIVEN 123456789012, a valid FedEx Express number and a valid UPC-A: one return's label, another's item
        ReturnRepository returns(m_db->database());
        QVERIFY(returns.upsert(ReturnBuilder(m_merchantId, 41000001).tracking(u"123456789012"_s), now()));
        QVERIFY(returns.upsert(ReturnBuilder(m_merchantId, 41000002)
                                   .orderName(u"#2002"_s)
                                   .noLines()
                                   .line(4, u"GADGET"_s, u"0123456789012"_s),
            now()));
        // WHEN it is scanned
        const Result<ScanResolver::Resolution> resolved = ScanResolver(m_db->database()).resolve(u"123456789012"_s);
        // THEN the parcel wins
        QVERIFY(resolved);
        QCOMPARE(resolved->returnId(), std::optional<qint64>(rowId(41000001)));
        QVERIFY(!resolved->itemMatch);
    }

    void shouldSayWhenMoreReturnsMatchThanItShows()
    {
        ReturnRepository returns(m_db->database());
        for (int i = 0; i < 5; ++i) {
            QVERIFY(returns.upsert(
                ReturnBuilder(m_merchantId, 41000001 + i).orderName(u"#%1"_s.arg(5000 + i)).tracking(QString::number(i)),
                now()));
        }
        const Result<ScanResolver::Resolution> resolved = ScanResolver(m_db->database(), 3).resolve(u"TOTE-OLV"_s);
        QVERIFY(resolved);
        QCOMPARE(resolved->outcome, ScanResolver::Outcome::Several);
        QVERIFY(resolved->truncated);
        QCOMPARE(resolved->returnIds.size(), 3);
    }

    void shouldRefuseBadInputWithAValidationError()
    {
        for (const QString& scan : {QString(), u"\u0001\u0002"_s, QString(500, u'9')}) {
            const Result<ScanResolver::Resolution> resolved = ScanResolver(m_db->database()).resolve(scan);
            QVERIFY(!resolved);
            QCOMPARE(resolved.error().kind, Error::Kind::Validation);
            QVERIFY(resolved.error().message.contains(u"Scan the label again"_s));
        }
    }

    void shouldResolveEveryLabelOfTheSimulatorToExactlyItsReturn()
    {
        // GIVEN the simulator's 200 returns pulled into the database, every state
        LoopSimProcess sim;
        QVERIFY2(sim.start({u"--returns"_s, u"200"_s}), qPrintable(sim.errorString()));
        SystemClock clock;
        LoopClient::Options options;
        QUrl base = sim.baseUrl();
        base.setPath(u"/api"_s);
        options.baseUrl = base;
        options.apiKey = "sim-key";
        options.perMinute = 6000;
        LoopClient client(options, clock);
        ReturnRepository returns(m_db->database());
        const QDateTime simNow
            = QDateTime::fromString(control(sim, u"health"_s).value(u"now"_s).toString(), Qt::ISODateWithMs);
        for (const QString& state : {QString(), u"cancelled"_s, u"review"_s}) {
            ReturnListQuery query;
            query.from = simNow.addDays(-119);
            query.to = simNow.addDays(1);
            query.filter = u"created_at"_s;
            query.state = state;
            std::optional<Result<int>> pulled;
            client.forEachReturnPage(
                query, this,
                [this, &returns](const ReturnPage& page) -> Status {
                    QList<Return> values = page.returns;
                    for (Return& value : values)
                        value.merchantId = m_merchantId; // Loop's payload does not name the shop's row here
                    const auto stored = returns.upsertMany(values, QDateTime::currentDateTimeUtc());
                    if (!stored)
                        return fail(stored.error());
                    return stored->rejected.isEmpty() ? Status() : fail(stored->rejected.constFirst());
                },
                [&pulled](Result<int> done) { pulled = std::move(done); });
            QVERIFY(QTest::qWaitFor([&pulled] { return pulled.has_value(); }, 60000));
            QVERIFY2(*pulled, qPrintable(pulled->has_value() ? QString() : pulled->error().toLogString()));
        }
        QCOMPARE(*returns.count(m_merchantId), qint64(200));

        // WHEN every return's label barcode, as the truth endpoint gives it, is scanned
        ScanResolver resolver(m_db->database());
        const QJsonArray all = control(sim, u"returns"_s).value(u"returns"_s).toArray();
        int scanned = 0;
        QSet<QString> kinds;
        for (const QJsonValue& entry : all) {
            const qint64 loopId = entry.toObject().value(u"id"_s).toInteger();
            const QJsonObject truth = control(sim, u"returns/%1"_s.arg(loopId));
            const QString barcode = truth.value(u"label_barcode"_s).toString();
            const QString tracking = truth.value(u"tracking_number"_s).toString();
            // No label yet, or Happy Returns (no carrier): nothing on the parcel a scanner could read.
            if (barcode.isEmpty() || tracking.isEmpty() || tracking == u"N/A"_s || !truth.value(u"label_created"_s).toBool())
                continue;
            const Result<ScanResolver::Resolution> resolved = resolver.resolve(barcode);

            // THEN each resolves to exactly that return, through its tracking number
            QVERIFY2(resolved, qPrintable(resolved ? QString() : resolved.error().toLogString()));
            QVERIFY2(resolved->outcome == ScanResolver::Outcome::One,
                qPrintable(u"return %1 (%2): %3 matches"_s.arg(loopId)
                        .arg(truth.value(u"label_barcode_kind"_s).toString())
                        .arg(resolved->returnIds.size())));
            QCOMPARE(resolved->returnId(), std::optional<qint64>(rowId(loopId)));
            QVERIFY(resolved->kindsFor(*resolved->returnId()).contains(ScanKeyKind::Tracking));
            QVERIFY(!resolved->itemMatch);
            ++scanned;
            kinds.insert(truth.value(u"label_barcode_kind"_s).toString());
        }
        // AND that covered most returns and every kind of label the simulator prints
        QVERIFY2(scanned >= 150, qPrintable(QString::number(scanned)));
        for (const QString& kind : {u"usps_420_impb"_s, u"usps_420_impb_aim"_s, u"ups_1z"_s, u"fedex_34"_s,
                 u"fedex_ground_96"_s})
            QVERIFY2(kinds.contains(kind), qPrintable(kind));
    }

private:
    static QDateTime now() { return QDateTime::currentDateTimeUtc(); }

    qint64 rowId(qint64 loopId)
    {
        const auto found = ReturnRepository(m_db->database()).findByLoopId(m_merchantId, loopId);
        return found && found->has_value() ? (*found)->id : -1;
    }

    QJsonObject control(const LoopSimProcess& sim, const QString& path)
    {
        QNetworkAccessManager network;
        QNetworkReply* reply = network.get(QNetworkRequest(sim.controlUrl(path)));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!finished.wait(30000))
            qFatal("loop-sim control call %s timed out", qPrintable(path));
        const QByteArray answer = reply->readAll();
        reply->deleteLater();
        return QJsonDocument::fromJson(answer).object();
    }

    std::unique_ptr<TempDatabase> m_db;
    qint64 m_merchantId = 0;
};

QTEST_GUILESS_MAIN(TestScanResolver)
#include "TestScanResolver.moc"
