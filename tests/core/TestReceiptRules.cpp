#include "Builders.h"
#include "receiving/FlagNote.h"
#include "receiving/MerchantRules.h"
#include "receiving/ReceiptRules.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;
using namespace Dockside::Testing;

namespace {
constexpr qint64 kTote = 55500101;
constexpr qint64 kTee = 55500102;

// The input of one rules case: the return as held, what the bench recorded, the merchant's rules.
struct Case
{
    Return value;
    QList<ReceiptLine> lines;
    MerchantRules rules;
};

ReceiptLine unit(std::optional<qint64> lineItemId, std::optional<Condition> condition, const QString& code = {})
{
    ReceiptLine line;
    line.scannedCode = code.isEmpty() && lineItemId ? QString::number(*lineItemId) : code;
    line.lineItemId = lineItemId;
    line.condition = condition;
    line.station = u"bench-1"_s;
    line.user = u"maria"_s;
    return line;
}

ReceiptLine missing(qint64 lineItemId)
{
    ReceiptLine line;
    line.lineItemId = lineItemId;
    line.condition = Condition::Missing;
    line.disposition = Disposition::Missing;
    return line;
}

// A delivered, open return of two lines (a tote and a tee), both at 40.00, total 80.00.
ReturnBuilder twoLines()
{
    ReturnBuilder builder(7);
    builder.line(kTee, u"TEE-BLK-M"_s, u"0012345678905"_s, u"Organic Tee - Black"_s).labelStatus(u"delivered"_s);
    return builder;
}

Return withTotal(Return value, qint64 totalMinor)
{
    value.totalMinor = totalMinor;
    return value;
}

// Three pairs of the same socks: three line items that share one SKU and one barcode.
Return socks()
{
    return ReturnBuilder(7)
        .noLines()
        .line(1, u"SOCK-GRY"_s, u"0400000000017"_s, u"Wool Socks"_s)
        .line(2, u"SOCK-GRY"_s, u"0400000000017"_s, u"Wool Socks"_s)
        .line(3, u"SOCK-GRY"_s, u"0400000000017"_s, u"Wool Socks"_s)
        .labelStatus(u"delivered"_s);
}

Case fine(Return value = twoLines())
{
    return { value, { unit(kTote, Condition::GradeA), unit(kTee, Condition::GradeB) }, MerchantRules {} };
}

Case withLines(QList<ReceiptLine> lines)
{
    Case input = fine();
    input.lines = std::move(lines);
    return input;
}

Case withRules(MerchantRules rules, Case input = fine())
{
    input.rules = std::move(rules);
    return input;
}

Case withState(ReturnState state)
{
    return fine(twoLines().state(state));
}

Case withLabel(const QString& status, MerchantRules rules = {})
{
    Case input = fine(twoLines().labelStatus(status));
    input.rules = std::move(rules);
    return input;
}

Receipt receiptOf(const Case& input)
{
    Receipt receipt;
    receipt.station = u"bench-1"_s;
    receipt.user = u"maria"_s;
    receipt.lines = input.lines;
    return receipt;
}

using Reasons = QList<ReasonCode>;
} // namespace

Q_DECLARE_METATYPE(Case)
Q_DECLARE_METATYPE(DecisionKind)
Q_DECLARE_METATYPE(Reasons)

class TestReceiptRules final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldDecideFromWhatArrived_data()
    {
        QTest::addColumn<Case>("input");
        QTest::addColumn<DecisionKind>("kind");
        QTest::addColumn<Reasons>("reasons");
        const auto flag = DecisionKind::Flag;
        const auto process = DecisionKind::Process;

        QTest::newRow("everything arrived in an accepted condition") << fine() << process << Reasons {};
        QTest::newRow("items not graded yet are not judged on condition")
            << withLines({ unit(kTote, std::nullopt), unit(kTee, std::nullopt) }) << process << Reasons {};

        // each reason alone
        QTest::newRow("an item nothing was recorded for is missing")
            << withLines({ unit(kTote, Condition::GradeA) }) << flag << Reasons { ReasonCode::MissingItem };
        QTest::newRow("an item marked missing is missing")
            << withLines({ unit(kTote, Condition::GradeA), missing(kTee) }) << flag
            << Reasons { ReasonCode::MissingItem };
        QTest::newRow("a scan that matched no line is unexpected") << withLines({ unit(kTote, Condition::GradeA),
            unit(kTee, Condition::GradeA), unit(std::nullopt, std::nullopt, u"0099999999994"_s) })
                                                                   << flag << Reasons { ReasonCode::UnexpectedItem };
        QTest::newRow("a unit for a line item the return does not have is unexpected")
            << withLines({ unit(kTote, Condition::GradeA), unit(kTee, Condition::GradeA), unit(99, Condition::GradeA) })
            << flag << Reasons { ReasonCode::UnexpectedItem };
        QTest::newRow("an item graded incorrect_item is incorrect")
            << withLines({ unit(kTote, Condition::GradeA), unit(kTee, Condition::IncorrectItem) }) << flag
            << Reasons { ReasonCode::IncorrectItem };
        QTest::newRow("grade_c is below the default threshold")
            << withLines({ unit(kTote, Condition::GradeC), unit(kTee, Condition::GradeA) }) << flag
            << Reasons { ReasonCode::ConditionBelowThreshold };
        QTest::newRow("grade_d is below the default threshold")
            << withLines({ unit(kTote, Condition::GradeA), unit(kTee, Condition::GradeD) }) << flag
            << Reasons { ReasonCode::ConditionBelowThreshold };
        QTest::newRow("junk is below the default threshold")
            << withLines({ unit(kTote, Condition::Junk), unit(kTee, Condition::GradeA) }) << flag
            << Reasons { ReasonCode::ConditionBelowThreshold };
        MerchantRules lenient;
        lenient.acceptableConditions = { Condition::GradeA, Condition::GradeB, Condition::GradeC };
        QTest::newRow("grade_c is fine for a merchant who accepts it")
            << withRules(lenient, withLines({ unit(kTote, Condition::GradeC), unit(kTee, Condition::GradeA) }))
            << process << Reasons {};
        MerchantRules strict;
        strict.acceptableConditions = { Condition::GradeA };
        QTest::newRow("grade_b is below the threshold of a merchant who accepts only grade_a")
            << withRules(strict) << flag << Reasons { ReasonCode::ConditionBelowThreshold };
        QTest::newRow("a second unit of a one-unit line item is over quantity")
            << withLines(
                   { unit(kTote, Condition::GradeA), unit(kTote, Condition::GradeA), unit(kTee, Condition::GradeA) })
            << flag << Reasons { ReasonCode::QuantityOverExpected };
        ReceiptLine two = unit(kTote, Condition::GradeA);
        two.quantity = 2;
        QTest::newRow("a receipt line of two units for a one-unit line item is over quantity") << withLines(
            { two, unit(kTee, Condition::GradeA) }) << flag << Reasons { ReasonCode::QuantityOverExpected };

        // over quantity with line items that share a SKU and barcode
        Case threeSocks { socks(),
            { unit(1, Condition::GradeA), unit(2, Condition::GradeA), unit(3, Condition::GradeA) }, {} };
        QTest::newRow("three units for three same-SKU line items are exactly right")
            << threeSocks << process << Reasons {};
        Case piledUp { socks(), { unit(1, Condition::GradeA), unit(1, Condition::GradeA), unit(1, Condition::GradeA) },
            {} };
        QTest::newRow("units piled on one same-SKU line item fill its siblings first")
            << piledUp << process << Reasons {};
        Case fourSocks = threeSocks;
        fourSocks.lines << unit(2, Condition::GradeA);
        QTest::newRow("a fourth unit for three same-SKU line items is over quantity")
            << fourSocks << flag << Reasons { ReasonCode::QuantityOverExpected };
        Case twoSocks { socks(), { unit(1, Condition::GradeA), unit(1, Condition::GradeA) }, {} };
        QTest::newRow("two units for three same-SKU line items leave one missing")
            << twoSocks << flag << Reasons { ReasonCode::MissingItem };
        Case otherLine = withLines({ unit(kTote, Condition::GradeA), unit(kTote, Condition::GradeA) });
        QTest::newRow("a second unit does not fill a line item with another SKU")
            << otherLine << flag << Reasons { ReasonCode::MissingItem, ReasonCode::QuantityOverExpected };

        // the return's state
        QTest::newRow("a cancelled return")
            << withState(ReturnState::Cancelled) << flag << Reasons { ReasonCode::ReturnNotOpen };
        QTest::newRow("a closed return") << withState(ReturnState::Closed) << flag
                                         << Reasons { ReasonCode::ReturnNotOpen };
        QTest::newRow("an expired return")
            << withState(ReturnState::Expired) << flag << Reasons { ReasonCode::ReturnNotOpen };
        QTest::newRow("a return in review")
            << withState(ReturnState::Review) << flag << Reasons { ReasonCode::ReturnNotOpen };
        QTest::newRow("a return in a state Loop added later")
            << withState(ReturnState::Unknown) << flag << Reasons { ReasonCode::ReturnNotOpen };

        // label statuses (open vocabulary)
        for (const QString& status : { u"new"_s, u"pending"_s, u"N/A"_s, u"pre_transit"_s, u"in_transit"_s,
                 u"out_for_delivery"_s, u"return_to_sender"_s, u"failure"_s, u"something_new"_s, QString() }) {
            QTest::addRow("label status \"%s\" is not delivered", qPrintable(status))
                << withLabel(status) << flag << Reasons { ReasonCode::LabelNotDelivered };
        }
        QTest::newRow("label status DELIVERED in capitals is delivered")
            << withLabel(u" DELIVERED "_s) << process << Reasons {};
        MerchantRules pickup;
        pickup.deliveredLabelStatuses = { u"delivered"_s, u"available_for_pickup"_s };
        QTest::newRow("a merchant may count available_for_pickup as delivered")
            << withLabel(u"available_for_pickup"_s, pickup) << process << Reasons {};
        MerchantRules noLabelCheck;
        noLabelCheck.requireDeliveredLabel = false;
        QTest::newRow("a merchant may not care about the label")
            << withLabel(u"in_transit"_s, noLabelCheck) << process << Reasons {};

        // value threshold: the return's total, or its line prices when they add up to more
        MerchantRules limit;
        limit.supervisorValueMinor = 7999;
        QTest::newRow("a return worth more than the limit needs a supervisor")
            << withRules(limit) << flag << Reasons { ReasonCode::ValueNeedsSupervisor };
        limit.supervisorValueMinor = 8000;
        QTest::newRow("a return worth exactly the limit does not") << withRules(limit) << process << Reasons {};
        limit.supervisorValueMinor = 9000;
        QTest::newRow("a total above the limit counts") << withRules(limit, fine(withTotal(twoLines(), 9001))) << flag
                                                        << Reasons { ReasonCode::ValueNeedsSupervisor };
        QTest::newRow("line prices above the limit count when the total is net of an exchange")
            << withRules(limit, fine(withTotal(twoLines().line(55500103, u"HAT"_s, u"0777"_s), 0))) << flag
            << Reasons { ReasonCode::MissingItem, ReasonCode::ValueNeedsSupervisor };

        // auto-process off
        MerchantRules manual;
        manual.autoProcess = false;
        QTest::newRow("with auto-processing off a perfect receipt goes to a supervisor")
            << withRules(manual) << flag << Reasons { ReasonCode::AutoProcessDisabled };
        QTest::newRow("with auto-processing off the other reasons are still named")
            << withRules(manual, withLines({ unit(kTote, Condition::GradeA) })) << flag
            << Reasons { ReasonCode::MissingItem, ReasonCode::AutoProcessDisabled };

        // combinations, in order of importance whatever the order of discovery
        MerchantRules everything;
        everything.autoProcess = false;
        everything.supervisorValueMinor = 100;
        Case all {
            twoLines().state(ReturnState::Review).labelStatus(u"in_transit"_s).line(55500104, u"CAP"_s, u"0888"_s),
            { unit(std::nullopt, std::nullopt, u"0099999999994"_s), unit(kTee, Condition::Junk),
                unit(kTee, Condition::GradeA), unit(kTote, Condition::IncorrectItem) },
            everything
        };
        QTest::newRow("every reason at once")
            << all << flag
            << Reasons { ReasonCode::ReturnNotOpen, ReasonCode::MissingItem, ReasonCode::IncorrectItem,
                   ReasonCode::UnexpectedItem, ReasonCode::QuantityOverExpected, ReasonCode::ConditionBelowThreshold,
                   ReasonCode::LabelNotDelivered, ReasonCode::ValueNeedsSupervisor, ReasonCode::AutoProcessDisabled };
        QTest::newRow("missing and below threshold")
            << withLines({ unit(kTee, Condition::GradeD) }) << flag
            << Reasons { ReasonCode::MissingItem, ReasonCode::ConditionBelowThreshold };
    }

    void shouldDecideFromWhatArrived()
    {
        QFETCH(Case, input);
        QFETCH(DecisionKind, kind);
        QFETCH(Reasons, reasons);
        // GIVEN a return, what the bench recorded and the merchant's rules
        // WHEN the rules judge the receipt
        const ReceiptRules::Evaluation evaluation = ReceiptRules::evaluate(input.value, receiptOf(input), input.rules);
        // THEN the decision and its reasons, most important first, are as expected, with one finding per reason
        QCOMPARE(evaluation.decision.reasons, reasons);
        QCOMPARE(evaluation.decision.kind, kind);
        QCOMPARE(evaluation.findings.size(), reasons.size());
        for (qsizetype i = 0; i < reasons.size(); ++i)
            QCOMPARE(evaluation.findings[i].reason, reasons[i]);
        // AND the flag note for it always fits Loop's limit
        const QString note = FlagNote::compose(evaluation.findings);
        QVERIFY(note.toUtf8().size() < 255);
        QCOMPARE(note.isEmpty(), kind == DecisionKind::Process);
    }

    void shouldNameTheItemsEachReasonIsAbout()
    {
        // GIVEN a tote graded C, the tee missing, a stray scan, on a cancelled return with the label in transit
        Case input { twoLines().state(ReturnState::Cancelled).labelStatus(u"in_transit"_s),
            { unit(kTote, Condition::GradeC), unit(std::nullopt, std::nullopt, u"0099999999994"_s) }, {} };
        // WHEN judged
        const auto evaluation = ReceiptRules::evaluate(input.value, receiptOf(input), input.rules);
        // THEN each finding carries what the note needs
        QCOMPARE(evaluation.findings.size(), 5);
        QCOMPARE(evaluation.findings[0].code, u"cancelled"_s);
        QCOMPARE(evaluation.findings[1].items.size(), 1);
        QCOMPARE(evaluation.findings[1].items[0].lineItemId, kTee);
        QCOMPARE(evaluation.findings[1].items[0].title, u"Organic Tee - Black"_s);
        QCOMPARE(evaluation.findings[1].items[0].sku, u"TEE-BLK-M"_s);
        QCOMPARE(evaluation.findings[2].items[0].scannedCode, u"0099999999994"_s);
        QCOMPARE(evaluation.findings[3].items[0].condition, Condition::GradeC);
        QCOMPARE(evaluation.findings[4].code, u"in_transit"_s);
        // AND the note says it in that order
        const QString note = FlagNote::compose(evaluation.findings);
        QCOMPARE(note,
            u"Dockside: return is cancelled, not open; 1 item missing: Organic Tee - Black (TEE-BLK-M); "
            u"1 unexpected item scanned: 0099999999994; 1 item below accepted condition: "
            u"Canvas Tote - Olive (TOTE-OLV) grade_c; label not delivered (in_transit)."_s);
    }

    void shouldSayHowMuchAndWhatLimitForValue()
    {
        MerchantRules rules;
        rules.supervisorValueMinor = 5000;
        const Case input = withRules(rules);
        const auto evaluation = ReceiptRules::evaluate(input.value, receiptOf(input), input.rules);
        QCOMPARE(FlagNote::compose(evaluation.findings), u"Dockside: value 80.00 USD over the 50.00 USD limit."_s);
    }

    void shouldKeepTheNoteUnderLoopsLimitWithFiftyLongMissingItems_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<QString>("titleStem");
        QTest::newRow("50 long ASCII titles") << 50 << QString(200, u'x');
        QTest::newRow("50 long accented titles") << 50 << QString(120, QChar(0x00E9));
        QTest::newRow("50 titles of emoji (surrogate pairs)")
            << 50 << QString::fromUtf8("\xF0\x9F\x91\x9F").repeated(80);
        QTest::newRow("3 long titles") << 3 << QString(150, u'y');
        QTest::newRow("1 title just over an item's share") << 1 << QString(300, u'z');
    }

    void shouldKeepTheNoteUnderLoopsLimitWithFiftyLongMissingItems()
    {
        QFETCH(int, count);
        QFETCH(QString, titleStem);
        // GIVEN a closed return, label lost, of `count` line items with very long titles, none of which arrived
        ReturnBuilder builder(7);
        builder.noLines().state(ReturnState::Closed).labelStatus(u"return_to_sender"_s);
        for (int i = 0; i < count; ++i)
            builder.line(1000 + i, u"SKU-%1"_s.arg(i), u"04%1"_s.arg(i), titleStem + QString::number(i));
        MerchantRules rules;
        rules.autoProcess = false;
        const auto evaluation = ReceiptRules::evaluate(builder.build(), Receipt {}, rules);
        // WHEN the note is written
        const QString note = FlagNote::compose(evaluation.findings);
        qInfo().noquote() << note;
        // THEN it is shorter than 255 however Loop counts (UTF-8 bytes >= code points >= UTF-16 units here)
        QVERIFY2(note.toUtf8().size() < 255, qPrintable(note));
        QVERIFY(note.size() < 255);
        // AND no surrogate pair was cut in half
        QCOMPARE(QString::fromUtf8(note.toUtf8()), note);
        // AND every reason is still named, the most important first
        const qsizetype state = note.indexOf(u"return is closed, not open"_s);
        const qsizetype missingItems
            = note.indexOf(count == 1 ? u"1 item missing"_s : u"%1 items missing"_s.arg(count));
        const qsizetype label = note.indexOf(u"label not delivered (return_to_sender)"_s);
        const qsizetype manual = note.indexOf(u"auto-processing is off"_s);
        QVERIFY2(state == 10 && missingItems > state && label > missingItems && manual > label, qPrintable(note));
        // AND the item list is cut gracefully
        QVERIFY2(note.contains(QChar(0x2026)), qPrintable(note));
    }

    void shouldDropTheLeastImportantReasonsWhenEvenTheirNamesDoNotFit()
    {
        // GIVEN findings whose headlines alone are too long (a label status of 300 characters)
        ReceiptRules::Finding state { ReasonCode::ReturnNotOpen, {}, u"review"_s, 0, 0, {} };
        ReceiptRules::Finding label { ReasonCode::LabelNotDelivered, {}, QString(300, u'q'), 0, 0, {} };
        ReceiptRules::Finding manual { ReasonCode::AutoProcessDisabled, {}, {}, 0, 0, {} };
        // WHEN the note is written
        const QString note = FlagNote::compose({ state, label, manual });
        // THEN it still fits, keeps the first reason whole and ends in an ellipsis
        QVERIFY2(note.toUtf8().size() < 255, qPrintable(note));
        QVERIFY(note.startsWith(u"Dockside: return is review, not open; "_s));
        QVERIFY(note.endsWith(QChar(0x2026)));
    }

    void shouldEndTheNoteWithTheReceiversNote()
    {
        ReceiptRules::Finding manual { ReasonCode::AutoProcessDisabled, {}, {}, 0, 0, {} };
        // GIVEN a flag and a note about the package WHEN the note is written THEN the receiver's words end it
        QCOMPARE(FlagNote::compose({ manual }, u"Box crushed"_s),
            u"Dockside: auto-processing is off for this merchant; receiver: Box crushed."_s);
        // AND a blank note adds nothing
        QCOMPARE(FlagNote::compose({ manual }, u" \n "_s), u"Dockside: auto-processing is off for this merchant."_s);
        // AND with nothing to flag there is no note, whatever the receiver wrote
        QVERIFY(FlagNote::compose({}, u"Box crushed"_s).isEmpty());
        // AND a long note is cut to its share
        const QString note = FlagNote::compose({ manual }, QString(400, u'w'));
        QVERIFY2(note.toUtf8().size() < 255, qPrintable(note));
        const QString kept = note.mid(note.indexOf(u"receiver: "_s) + 10);
        QCOMPARE(kept.toUtf8().size(), FlagNote::maxReceiverNoteBytes);
        QVERIFY(kept.endsWith(QChar(0x2026)));
    }

    void shouldKeepTheReceiversNoteAheadOfLongItemLists()
    {
        // GIVEN 50 long missing items and a note about the package
        ReturnBuilder builder(7);
        builder.noLines();
        for (int i = 0; i < 50; ++i)
            builder.line(1000 + i, u"SKU-%1"_s.arg(i), u"04%1"_s.arg(i), QString(80, u'x') + QString::number(i));
        const auto evaluation = ReceiptRules::evaluate(builder.build(), Receipt {}, MerchantRules {});
        // WHEN the note is written
        const QString note = FlagNote::compose(evaluation.findings, u"Tape cut, items loose in the box"_s);
        // THEN it fits, names the reason, lists what items fit, and still ends with the receiver's words
        QVERIFY2(note.toUtf8().size() < 255, qPrintable(note));
        QVERIFY2(note.startsWith(u"Dockside: 50 items missing: xxx"_s), qPrintable(note));
        QVERIFY2(note.endsWith(u"; receiver: Tape cut, items loose in the box."_s), qPrintable(note));
    }

    void shouldFitTextAtCharacterBoundaries()
    {
        QCOMPARE(FlagNote::fit(u"short"_s, 10), u"short"_s);
        QCOMPARE(FlagNote::fit(u"abcdefghij"_s, 8), u"abcde"_s + QChar(0x2026));
        const QString feet = QString::fromUtf8("\xF0\x9F\x91\x9F").repeated(3); // 12 bytes
        QCOMPARE(FlagNote::fit(feet, 10), QString::fromUtf8("\xF0\x9F\x91\x9F") + QChar(0x2026));
        QVERIFY(FlagNote::fit(feet, 10).toUtf8().size() <= 10);
    }
};

QTEST_GUILESS_MAIN(TestReceiptRules)
#include "TestReceiptRules.moc"
