#include "domain/ScanKey.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;

class TestScanKey final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldNormalizeTrackingNumbers_data()
    {
        QTest::addColumn<QString>("raw");
        QTest::addColumn<QString>("expected");
        QTest::newRow("spaces") << u"9400 1000 0000 0000 0000 01"_s << u"9400100000000000000001"_s;
        QTest::newRow("dashes and case") << u"1z-999-aa1-01-2345-6784"_s << u"1Z999AA10123456784"_s;
        QTest::newRow("group separator") << u"420432159\u001D9400100000000000000001"_s
                                         << u"4204321599400100000000000000001"_s;
        QTest::newRow("not available") << u"N/A"_s << u"NA"_s;
    }

    void shouldNormalizeTrackingNumbers()
    {
        QFETCH(QString, raw);
        QFETCH(QString, expected);
        QCOMPARE(ScanKey::normalizeTracking(raw), expected);
    }

    void shouldTreatOrderNameWithAndWithoutHashAlike()
    {
        QCOMPARE(ScanKey::normalizeOrderName(u"#1042"_s), u"1042"_s);
        QCOMPARE(ScanKey::normalizeOrderName(u" 1042 "_s), u"1042"_s);
        QCOMPARE(ScanKey::normalizeOrderName(u"#ca-1042"_s), u"CA-1042"_s);
    }

    void shouldLowerCaseEmails()
    {
        QCOMPARE(ScanKey::normalizeEmail(u"  Shopper@Example.TEST "_s), u"shopper@example.test"_s);
    }

    void shouldKeepInnerDashesOfSkus()
    {
        QCOMPARE(ScanKey::normalizeCode(u" tote-olv "_s), u"TOTE-OLV"_s);
    }
};

QTEST_GUILESS_MAIN(TestScanKey)
#include "TestScanKey.moc"
