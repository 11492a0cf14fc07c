#include "receiving/CarrierBarcode.h"
#include "receiving/ScanCandidates.h"

#include <QSet>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;

namespace {
// Check digits computed here, independently of CarrierBarcode, by appending rather than verifying: the test
// data are real formats with honest check digits, next to independently published examples.
QString withGs1Check(const QString& data)
{
    int sum = 0;
    for (qsizetype i = 0; i < data.size(); ++i) {
        const qsizetype fromRight = data.size() - i; // 1 for the digit next to the check digit
        sum += data.at(i).digitValue() * (fromRight % 2 == 1 ? 3 : 1);
    }
    return data + QString::number((10 - sum % 10) % 10);
}

QString withFedEx12Check(const QString& data11)
{
    const int weights[] = {3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1}; // FedEx Express, left to right over 11 digits
    int sum = 0;
    for (int i = 0; i < 11; ++i)
        sum += data11.at(i).digitValue() * weights[i];
    return data11 + QString::number(sum % 11 % 10);
}

QString withUpsCheck(const QString& serial15)
{
    const QString letters = u"ABCDEFGHIJKLMNOPQRSTUVWXYZ"_s;
    int sum = 0;
    for (int i = 0; i < 15; ++i) {
        const QChar c = serial15.at(i);
        const int value = c.isDigit() ? c.digitValue() : (int(letters.indexOf(c)) + 2) % 10;
        sum += value * (i % 2 == 0 ? 1 : 2);
    }
    return u"1Z"_s + serial15 + QString::number((10 - sum % 10) % 10);
}

QString withDhlCheck(const QString& data9)
{
    return data9 + QString::number(data9.toLongLong() % 7);
}

// The last digit changed: a misprint, or a number from no carrier at all.
QString broken(const QString& code)
{
    QString out = code;
    out.back() = QChar(u'0' + (out.back().digitValue() + 1) % 10);
    return out;
}

const QString kGs = QString(QChar(0x1D));

// Generated IMpb PICs of USPS's structure: channel 92-94, service type, 9-digit mailer id, serial.
QString impb22(int serial)
{
    return withGs1Check(u"9400111"_s + u"899223"_s + u"%1"_s.arg(serial, 8, 10, QChar(u'0')));
}

// A 22-digit PIC whose last 12 digits also pass FedEx's check: "420" + ZIP9 + this PIC is then also a
// valid FedEx 34-digit barcode. Found by trying serials, as chance produces such labels in real life.
QString impbThatIsAlsoFedEx()
{
    for (int serial = 0;; ++serial) {
        const QString pic = impb22(serial);
        if (withFedEx12Check(pic.right(12).left(11)) == pic.right(12))
            return pic;
    }
}

QString keyText(const ScanKey& key)
{
    return scanKeyKindCode(key.kind) + u'\t' + key.value;
}
} // namespace

class TestScanCandidates final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldReadEachFormatAndOfferItsExactKeys_data()
    {
        QTest::addColumn<QString>("raw");
        QTest::addColumn<QStringList>("formats"); // "format=value", every reading expected
        QTest::addColumn<bool>("onlyThese"); // true: no other reading may appear
        QTest::addColumn<QStringList>("keys"); // "kind\tvalue", must be among the candidates

        const QString pic = impb22(4711);
        const QString picAmbiguous = impbThatIsAlsoFedEx();
        const QString fedex12 = withFedEx12Check(u"77123456789"_s);
        const QString fedex15 = withGs1Check(u"61299995669352"_s);
        const QString ups = withUpsCheck(u"A1B2C3903456789"_s);

        // Independently published examples.
        QTest::newRow("UPS sample 1Z999AA10123456784")
            << u"1Z999AA10123456784"_s << QStringList {u"ups-1z=1Z999AA10123456784"_s} << true
            << QStringList {u"tracking\t1Z999AA10123456784"_s};
        QTest::newRow("UPS typed lower-case with spaces")
            << u" 1z 999 aa1 0123 4567 84 "_s << QStringList {u"ups-1z=1Z999AA10123456784"_s} << true
            << QStringList {u"tracking\t1Z999AA10123456784"_s};
        QTest::newRow("USPS IMpb 9400111202555842332669")
            << u"9400 1112 0255 5842 3326 69"_s << QStringList {u"usps-impb=9400111202555842332669"_s} << true
            << QStringList {u"tracking\t9400111202555842332669"_s};
        QTest::newRow("USPS IMpb 9205590164917312751089")
            << u"9205590164917312751089"_s << QStringList {u"usps-impb=9205590164917312751089"_s} << true
            << QStringList {u"tracking\t9205590164917312751089"_s};
        QTest::newRow("USPS 20-digit 03071790000523483741")
            << u"0307 1790 0005 2348 3741"_s << QStringList {u"usps-20=03071790000523483741"_s} << true
            << QStringList {u"tracking\t03071790000523483741"_s};
        QTest::newRow("FedEx 12 sample 123456789012, also a valid UPC-A")
            << u"123456789012"_s << QStringList {u"fedex-12=123456789012"_s, u"upc-a=123456789012"_s} << true
            << QStringList {u"tracking\t123456789012"_s, u"barcode\t123456789012"_s, u"barcode\t0123456789012"_s};
        QTest::newRow("FedEx 15 sample 449044304137821")
            << u"449044304137821"_s << QStringList {u"fedex-15=449044304137821"_s} << true
            << QStringList {u"tracking\t449044304137821"_s};
        QTest::newRow("DHL 10 sample 3318810025")
            << u"3318810025"_s << QStringList {u"dhl-10=3318810025"_s} << true
            << QStringList {u"tracking\t3318810025"_s, u"return_id\t3318810025"_s};
        QTest::newRow("EAN-13 4006381333931 with AIM ]E0")
            << u"]E04006381333931"_s << QStringList {u"ean-13=4006381333931"_s} << true
            << QStringList {u"barcode\t4006381333931"_s, u"sku\t4006381333931"_s};
        QTest::newRow("UPC-A 036000291452 and its EAN-13 spelling")
            << u"036000291452"_s << QStringList {u"upc-a=036000291452"_s} << true
            << QStringList {u"barcode\t036000291452"_s, u"barcode\t0036000291452"_s};
        QTest::newRow("EAN-13 with leading zero and its UPC-A spelling")
            << u"0036000291452"_s << QStringList {u"ean-13=0036000291452"_s} << true
            << QStringList {u"barcode\t0036000291452"_s, u"barcode\t036000291452"_s};
        QTest::newRow("EAN-8 96385074") << u"96385074"_s << QStringList {u"ean-8=96385074"_s} << true
                                        << QStringList {u"barcode\t96385074"_s};

        // Generated labels of each structure.
        QTest::newRow("USPS ]C1 420 ZIP5 GS IMpb")
            << u"]C142008810"_s + kGs + pic << QStringList {u"usps-impb=%1=08810"_s.arg(pic)} << false
            << QStringList {u"tracking\t"_s + pic, u"tracking\t42008810"_s + pic};
        QTest::newRow("USPS ]C1 FNC1 420 ZIP5 GS IMpb GS")
            << u"]C1"_s + kGs + u"42091761"_s + kGs + pic + kGs << QStringList {u"usps-impb=%1=91761"_s.arg(pic)}
            << false << QStringList {u"tracking\t"_s + pic};
        QTest::newRow("USPS 420 ZIP9 GS IMpb")
            << u"420088101402"_s + kGs + pic << QStringList {u"usps-impb=%1=088101402"_s.arg(pic)} << false
            << QStringList {u"tracking\t"_s + pic};
        QTest::newRow("USPS 420 ZIP5 IMpb, GS lost by the scanner")
            << u"42008810"_s + pic << QStringList {u"usps-impb=%1=08810"_s.arg(pic)} << false
            << QStringList {u"tracking\t"_s + pic};
        QTest::newRow("USPS 420 ZIP9 IMpb without GS: also a FedEx 34-digit barcode")
            << u"420088101402"_s + picAmbiguous
            << QStringList {u"usps-impb=%1=088101402"_s.arg(picAmbiguous), u"fedex-34=%1"_s.arg(picAmbiguous.right(12))}
            << false << QStringList {u"tracking\t"_s + picAmbiguous, u"tracking\t"_s + picAmbiguous.right(12)};
        QTest::newRow("USPS 420 ZIP9 GS IMpb that is also a FedEx 34-digit barcode")
            << u"420088101402"_s + kGs + picAmbiguous
            << QStringList {u"usps-impb=%1=088101402"_s.arg(picAmbiguous), u"fedex-34=%1"_s.arg(picAmbiguous.right(12))}
            << false << QStringList {u"tracking\t"_s + picAmbiguous, u"tracking\t"_s + picAmbiguous.right(12)};
        for (const int length : {26, 30, 34}) {
            const QString longPic = withGs1Check(u"92"_s + QString(u"1234567890123456789012345678901234"_s).left(length - 3));
            QTest::addRow("USPS IMpb PIC of %d digits", length)
                << longPic << QStringList {u"usps-impb="_s + longPic} << false << QStringList {u"tracking\t"_s + longPic};
        }
        QTest::newRow("UPS generated") << ups << QStringList {u"ups-1z="_s + ups} << true
                                       << QStringList {u"tracking\t"_s + ups};
        QTest::newRow("FedEx 12 generated") << fedex12 << QStringList {u"fedex-12="_s + fedex12} << false
                                            << QStringList {u"tracking\t"_s + fedex12};
        QTest::newRow("FedEx 15 generated") << fedex15 << QStringList {u"fedex-15="_s + fedex15} << false
                                            << QStringList {u"tracking\t"_s + fedex15};
        QTest::newRow("FedEx 22-digit 96 barcode")
            << u"9611020"_s + fedex15 << QStringList {u"fedex-96="_s + fedex15} << false
            << QStringList {u"tracking\t"_s + fedex15, u"tracking\t9611020"_s + fedex15};
        QTest::newRow("FedEx 34-digit barcode")
            << u"100190123456789"_s + u"08810"_s + u"00"_s + fedex12 << QStringList {u"fedex-34="_s + fedex12} << false
            << QStringList {u"tracking\t"_s + fedex12};
        QTest::newRow("DHL 10 generated") << withDhlCheck(u"123456789"_s)
                                          << QStringList {u"dhl-10="_s + withDhlCheck(u"123456789"_s)} << false
                                          << QStringList {u"tracking\t"_s + withDhlCheck(u"123456789"_s)};
        QTest::newRow("DHL JD + 18 digits") << u"JD 0146 0000 6281 3602 09"_s
                                            << QStringList {u"dhl-jd=JD014600006281360209"_s} << true
                                            << QStringList {u"tracking\tJD014600006281360209"_s};

        // Keys that are no barcode format.
        QTest::newRow("order name with #") << u"#1042"_s << QStringList() << true
                                           << QStringList {u"order_name\t1042"_s, u"return_id\t1042"_s};
        QTest::newRow("order name without #") << u"1042"_s << QStringList() << true
                                              << QStringList {u"order_name\t1042"_s};
        QTest::newRow("order name with letters") << u"#us-1042"_s << QStringList() << true
                                                 << QStringList {u"order_name\tUS-1042"_s};
        QTest::newRow("return number") << u"10000042"_s << QStringList() << true
                                       << QStringList {u"return_id\t10000042"_s, u"order_name\t10000042"_s};
        QTest::newRow("SKU keeps its dashes") << u"mcs-nvy-m"_s << QStringList() << true
                                              << QStringList {u"sku\tMCS-NVY-M"_s, u"tracking\tMCSNVYM"_s};
        QTest::newRow("QR code with AIM ]Q3") << u"]Q3#1042"_s << QStringList() << true
                                              << QStringList {u"order_name\t1042"_s};

        // A broken check digit is no longer that carrier, but the characters stay a tracking key.
        QTest::newRow("UPS with a wrong check digit") << broken(u"1Z999AA10123456784"_s) << QStringList() << true
                                                      << QStringList {u"tracking\t1Z999AA10123456785"_s};
        QTest::newRow("IMpb with a wrong check digit")
            << broken(u"9400111202555842332669"_s) << QStringList() << true
            << QStringList {u"tracking\t9400111202555842332660"_s};
        QTest::newRow("420 label whose IMpb check digit is wrong")
            << u"42008810"_s + kGs + broken(pic) << QStringList() << true
            << QStringList {u"tracking\t42008810"_s + broken(pic)};
        QTest::newRow("FedEx 34 with a wrong check digit, not USPS either")
            << u"100190123456789"_s + u"08810"_s + u"00"_s + broken(fedex12) << QStringList() << false
            << QStringList {u"tracking\t10019012345678908810"_s + u"00"_s + broken(fedex12)};
        QTest::newRow("EAN-13 with a wrong check digit") << u"4006381333932"_s << QStringList() << true
                                                         << QStringList {u"barcode\t4006381333932"_s};
        QTest::newRow("DHL with a wrong check digit") << u"3318810026"_s << QStringList() << true
                                                      << QStringList {u"tracking\t3318810026"_s};
    }

    void shouldReadEachFormatAndOfferItsExactKeys()
    {
        QFETCH(QString, raw);
        QFETCH(QStringList, formats);
        QFETCH(bool, onlyThese);
        QFETCH(QStringList, keys);

        // WHEN the scan is normalised
        const Result<ScanCandidates> candidates = ScanCandidates::fromScan(raw);

        // THEN it recognises exactly the formats whose check digits hold
        QVERIFY2(candidates, qPrintable(candidates ? QString() : candidates.error().toLogString()));
        QStringList read;
        for (const CarrierBarcode::Reading& reading : candidates->formats()) {
            QString text = reading.format + u'=' + reading.value;
            if (!reading.detail.isEmpty())
                text += u'=' + reading.detail;
            read << text;
        }
        for (const QString& format : std::as_const(formats))
            QVERIFY2(read.contains(format), qPrintable(u"missing %1 in %2"_s.arg(format, read.join(u", "_s))));
        if (onlyThese)
            QCOMPARE(read.size(), formats.size());
        // AND offers the keys it carries, exactly
        QStringList offered;
        for (const ScanKey& key : candidates->keys())
            offered << keyText(key);
        for (const QString& key : std::as_const(keys))
            QVERIFY2(offered.contains(key), qPrintable(u"missing %1 in %2"_s.arg(key, offered.join(u" | "_s))));
        // AND keeps the list small, without duplicates
        QVERIFY2(offered.size() <= 10, qPrintable(offered.join(u" | "_s)));
        QCOMPARE(QSet<QString>(offered.cbegin(), offered.cend()).size(), offered.size());
    }

    void shouldNeverOfferAPartOfTheScanBeyondWhatAFormatCarries()
    {
        // GIVEN a FedEx 34-digit barcode
        const QString fedex12 = withFedEx12Check(u"77123456789"_s);
        const QString scan = u"100190123456789"_s + u"08810"_s + u"00"_s + fedex12;
        // WHEN it is normalised
        const Result<ScanCandidates> candidates = ScanCandidates::fromScan(scan);
        QVERIFY(candidates);
        // THEN every tracking key is either the whole scan or a verified reading's tracking number
        QStringList allowed {scan};
        for (const CarrierBarcode::Reading& reading : candidates->formats())
            allowed << reading.value;
        for (const ScanKey& key : candidates->keys()) {
            if (key.kind == ScanKeyKind::Tracking)
                QVERIFY2(allowed.contains(key.value), qPrintable(key.value));
        }
        QVERIFY(!candidates->keys().contains(ScanKey::tracking(u"08810"_s)));
    }

    void shouldOfferOnlyTheAddressForAnEmail()
    {
        // WHEN an e-mail address is typed with stray case and spaces
        const Result<ScanCandidates> candidates = ScanCandidates::fromScan(u"  Shopper@Example.TEST "_s);
        // THEN the one candidate is that address, normalised like stored e-mails
        QVERIFY(candidates);
        QCOMPARE(candidates->keys(), QList<ScanKey> {ScanKey::email(u"shopper@example.test"_s)});
        QVERIFY(candidates->formats().isEmpty());
    }

    void shouldNameTheSymbologyPrefix()
    {
        const Result<ScanCandidates> candidates = ScanCandidates::fromScan(u"]d21Z999AA10123456784"_s);
        QVERIFY(candidates);
        QCOMPARE(candidates->symbology(), u"]d2"_s);
        QCOMPARE(candidates->compact(), u"1Z999AA10123456784"_s);
    }

    void shouldSplitParcelKeysFromItemKeys()
    {
        const Result<ScanCandidates> candidates = ScanCandidates::fromScan(u"036000291452"_s);
        QVERIFY(candidates);
        for (const ScanKey& key : candidates->packageKeys())
            QVERIFY(!ScanCandidates::isItemKind(key.kind));
        for (const ScanKey& key : candidates->itemKeys())
            QVERIFY(ScanCandidates::isItemKind(key.kind));
        QCOMPARE(candidates->packageKeys().size() + candidates->itemKeys().size(), candidates->keys().size());
        QVERIFY(candidates->itemKeys().contains(ScanKey::barcode(u"0036000291452"_s)));
    }

    void shouldRefuseWhatIsNoScanAndSayWhatToDo_data()
    {
        QTest::addColumn<QString>("raw");
        QTest::addColumn<QString>("code");
        QTest::newRow("empty") << QString() << u"scan.empty"_s;
        QTest::newRow("whitespace and a newline") << u"  \r\n"_s << u"scan.empty"_s;
        QTest::newRow("separators only") << kGs + kGs << u"scan.unreadable"_s;
        QTest::newRow("control garbage") << u"\u0001\u0002\u001b\u0007"_s << u"scan.unreadable"_s;
        QTest::newRow("punctuation only") << u"#--#"_s << u"scan.unreadable"_s;
        QTest::newRow("replacement characters") << u"1Z\uFFFD\uFFFD"_s << u"scan.unreadable"_s;
        QTest::newRow("201 characters") << QString(201, u'7') << u"scan.too_long"_s;
    }

    void shouldRefuseWhatIsNoScanAndSayWhatToDo()
    {
        QFETCH(QString, raw);
        QFETCH(QString, code);
        const Result<ScanCandidates> candidates = ScanCandidates::fromScan(raw);
        QVERIFY(!candidates);
        QCOMPARE(candidates.error().kind, Error::Kind::Validation);
        QCOMPARE(candidates.error().code, code);
        QVERIFY2(candidates.error().message.contains(u"Scan the label again"_s), qPrintable(candidates.error().message));
    }

    void shouldAcceptTwoHundredCharacters()
    {
        QVERIFY(ScanCandidates::fromScan(QString(200, u'7')));
    }
};

QTEST_GUILESS_MAIN(TestScanCandidates)
#include "TestScanCandidates.moc"
