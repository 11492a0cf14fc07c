#include "receiving/MerchantRules.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;

class TestMerchantRules final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldRoundTripThroughJson()
    {
        // GIVEN rules different from the defaults in every field
        MerchantRules rules;
        rules.acceptableConditions = { Condition::GradeA, Condition::GradeB, Condition::GradeC };
        rules.supervisorValueMinor = 25000;
        rules.autoProcess = false;
        rules.requireDeliveredLabel = false;
        rules.deliveredLabelStatuses = { u"delivered"_s, u"available_for_pickup"_s };
        rules.sendGrades = false;
        rules.sendDispositions = false;
        // WHEN written and read back
        const Result<MerchantRules> read = MerchantRules::fromJson(rules.toJson());
        // THEN nothing is lost
        QVERIFY2(read, qPrintable(read ? QString() : read.error().toLogString()));
        QCOMPARE(*read, rules);
    }

    void shouldKeepDefaultsForAbsentKeys()
    {
        const Result<MerchantRules> read = MerchantRules::fromJson("{\"auto_process\":false}");
        QVERIFY(read);
        MerchantRules expected;
        expected.autoProcess = false;
        QCOMPARE(*read, expected);
        QCOMPARE(read->acceptableConditions, (QList<Condition> { Condition::GradeA, Condition::GradeB }));
        QVERIFY(!read->supervisorValueMinor);
        QVERIFY(read->sendGrades);
    }

    void shouldRefuseRulesThatDoNotMeanWhatTheySay_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("not JSON") << QByteArray("{auto_process: false");
        QTest::newRow("not an object") << QByteArray("[]");
        QTest::newRow("a flag as a string") << QByteArray("{\"auto_process\":\"no\"}");
        QTest::newRow("an unknown grade") << QByteArray("{\"acceptable_conditions\":[\"grade_a\",\"grade_e\"]}");
        QTest::newRow("missing is not a grade") << QByteArray("{\"acceptable_conditions\":[\"missing\"]}");
        QTest::newRow("a negative limit") << QByteArray("{\"supervisor_value_minor\":-1}");
        QTest::newRow("a fractional limit") << QByteArray("{\"supervisor_value_minor\":10.5}");
        QTest::newRow("a limit as text") << QByteArray("{\"supervisor_value_minor\":\"100\"}");
        QTest::newRow("an empty label status") << QByteArray("{\"delivered_label_statuses\":[\"\"]}");
    }

    void shouldRefuseRulesThatDoNotMeanWhatTheySay()
    {
        QFETCH(QByteArray, json);
        const Result<MerchantRules> read = MerchantRules::fromJson(json);
        QVERIFY(!read);
        QCOMPARE(read.error().code, u"rules.invalid"_s);
        QCOMPARE(read.error().kind, Error::Kind::Validation);
    }

    void shouldCompareLabelStatusesLeniently()
    {
        const MerchantRules rules;
        QVERIFY(rules.isDelivered(u"delivered"_s));
        QVERIFY(rules.isDelivered(u" Delivered "_s));
        QVERIFY(!rules.isDelivered(u"in_transit"_s));
        QVERIFY(!rules.isDelivered(QString()));
    }
};

QTEST_GUILESS_MAIN(TestMerchantRules)
#include "TestMerchantRules.moc"
