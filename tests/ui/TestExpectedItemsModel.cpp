#include "Builders.h"
#include "ExpectedItemsModel.h"

#include <QAbstractItemModelTester>
#include <QIcon>
#include <QSignalSpy>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;
using namespace Dockside::Testing;

namespace {
ReceivingSession::Unit unit(int key, ReceivingSession::UnitKind kind, std::optional<qint64> lineItemId,
    const QString& scanned = {}, std::optional<Condition> condition = std::nullopt)
{
    ReceivingSession::Unit value;
    value.key = key;
    value.kind = kind;
    value.line.lineItemId = lineItemId;
    value.line.scannedCode = scanned;
    value.line.condition = condition;
    if (kind == ReceivingSession::UnitKind::Missing) {
        value.line.condition = Condition::Missing;
        value.line.disposition = Disposition::Missing;
    }
    return value;
}

Return threeLines()
{
    Return value = ReturnBuilder(1, 41000007)
                       .line(55500102, u"MCS-NVY-M"_s, u"0012345678905"_s, u"Merino Crew Sweater - Navy / M"_s)
                       .line(55500103, u"SOCK-GRY"_s, QString(), u"Wool Socks - Grey"_s);
    value.lines[0].imageUrl = u"https://cdn.example.test/tote.jpg"_s;
    value.lines[1].returnComment = u"Arrived with a hole"_s;
    return value;
}
} // namespace

// The receive screen's item list, checked by Qt's model tester through a whole receipt.
class TestExpectedItemsModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldListTheExpectedItemsWithTheirDetails()
    {
        // GIVEN a model checked by the tester
        ExpectedItemsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);

        // WHEN a return with three line items is shown
        model.setReturn(threeLines());

        // THEN each line item is a row waiting to be scanned, with title, SKU, barcode and reason
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), int(ExpectedItemsModel::ColumnCount));
        QCOMPARE(model.index(0, ExpectedItemsModel::ItemColumn).data().toString(), u"Canvas Tote - Olive"_s);
        QCOMPARE(model.index(1, ExpectedItemsModel::SkuColumn).data().toString(), u"MCS-NVY-M"_s);
        QCOMPARE(model.index(1, ExpectedItemsModel::BarcodeColumn).data().toString(), u"0012345678905"_s);
        QCOMPARE(model.index(0, ExpectedItemsModel::ReasonColumn).data().toString(), u"Too small"_s);
        QVERIFY(model.index(1, ExpectedItemsModel::ReasonColumn).data().toString().contains(u"Arrived with a hole"_s));
        QCOMPARE(model.index(0, ExpectedItemsModel::QuantityColumn).data().toString(), u"0/1"_s);
        for (int row = 0; row < 3; ++row) {
            QCOMPARE(model.rowKind(row), ExpectedItemsModel::RowKind::Waiting);
            QCOMPARE(model.index(row, ExpectedItemsModel::StatusColumn).data().toString(), u"To scan"_s);
            QVERIFY(!model.unitKeyAt(row));
        }
        // AND the image is a placeholder drawn locally, the URL kept for the tooltip
        QVERIFY(
            model.index(0, ExpectedItemsModel::ItemColumn).data(Qt::DecorationRole).value<QIcon>().isNull() == false);
        QVERIFY(!model.index(1, ExpectedItemsModel::ItemColumn).data(Qt::DecorationRole).isValid());
        QCOMPARE(model.index(0, 0).data(ExpectedItemsModel::ImageUrlRole).toString(),
            u"https://cdn.example.test/tote.jpg"_s);
        QVERIFY(
            model.index(0, ExpectedItemsModel::ItemColumn).data(Qt::ToolTipRole).toString().contains(u"tote.jpg"_s));
        QCOMPARE(model.rowForLine(55500103), 2);
    }

    void shouldTickScannedItemsAndListExtraAndUnexpectedOnes()
    {
        ExpectedItemsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setReturn(threeLines());
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

        // WHEN the first item was scanned and graded, the third marked missing
        model.setUnits({ unit(1, ReceivingSession::UnitKind::Expected, 55500101, u"0123456789012"_s, Condition::GradeB),
            unit(2, ReceivingSession::UnitKind::Missing, 55500103) });

        // THEN those rows changed in place and show it
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(model.rowKind(0), ExpectedItemsModel::RowKind::Received);
        QVERIFY(model.index(0, ExpectedItemsModel::StatusColumn).data().toString().endsWith(u"Received"_s));
        QCOMPARE(model.index(0, ExpectedItemsModel::ConditionColumn).data().toString(), u"Grade B"_s);
        QCOMPARE(model.index(0, ExpectedItemsModel::QuantityColumn).data().toString(), u"1/1"_s);
        QCOMPARE(model.unitKeyAt(0), std::optional<int>(1));
        QCOMPARE(model.rowKind(2), ExpectedItemsModel::RowKind::Missing);
        QCOMPARE(model.unitKeyAt(2), std::optional<int>(2));
        QCOMPARE(model.receivedCount(), 1);
        QCOMPARE(model.missingCount(), 1);

        // WHEN a second tote and an unknown code are scanned
        model.setUnits({ unit(1, ReceivingSession::UnitKind::Expected, 55500101, u"0123456789012"_s, Condition::GradeB),
            unit(2, ReceivingSession::UnitKind::Missing, 55500103),
            unit(3, ReceivingSession::UnitKind::OverQuantity, 55500101, u"0123456789012"_s),
            unit(4, ReceivingSession::UnitKind::Unexpected, std::nullopt, u"4006381333931"_s) });

        // THEN they follow the expected rows, each with its own unit
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.rowKind(3), ExpectedItemsModel::RowKind::Extra);
        QCOMPARE(model.lineItemIdAt(3), std::optional<qint64>(55500101));
        QCOMPARE(model.index(0, ExpectedItemsModel::QuantityColumn).data().toString(), u"2/1"_s);
        QCOMPARE(model.rowKind(4), ExpectedItemsModel::RowKind::Unexpected);
        QCOMPARE(model.index(4, ExpectedItemsModel::ItemColumn).data().toString(), u"4006381333931"_s);
        QVERIFY(!model.lineItemIdAt(4));
        QCOMPARE(model.rowForUnit(4), 4);
        QCOMPARE(model.unexpectedCount(), 2);
        QCOMPARE(model.index(3, ExpectedItemsModel::ConditionColumn).data().toString(), u"needs a grade"_s);

        // WHEN the last scans are undone
        model.setUnits({ unit(1, ReceivingSession::UnitKind::Expected, 55500101, u"0123456789012"_s, Condition::GradeB),
            unit(2, ReceivingSession::UnitKind::Missing, 55500103) });

        // THEN their rows go again
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(model.rowForUnit(4), -1);

        // WHEN the next return replaces it, or the page clears
        model.setReturn(ReturnBuilder(1, 41000008));
        QCOMPARE(model.rowCount(), 1);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void shouldKeepNotesAndPhotosOnTheirRow()
    {
        ExpectedItemsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setReturn(threeLines());
        ReceivingSession::Unit graded
            = unit(1, ReceivingSession::UnitKind::Expected, 55500102, u"0012345678905"_s, Condition::GradeC);
        graded.line.note = u"Pilling on the sleeve"_s;
        graded.line.photoRefs = { u"/tmp/a.jpg"_s, u"/tmp/b.jpg"_s };
        graded.line.disposition = Disposition::ResaleHold;

        model.setUnits({ graded });

        const QString notes = model.index(1, ExpectedItemsModel::NotesColumn).data().toString();
        QVERIFY2(notes.contains(u"2 photos"_s) && notes.contains(u"Pilling on the sleeve"_s), qPrintable(notes));
        QCOMPARE(model.index(1, ExpectedItemsModel::DispositionColumn).data().toString(), u"Resale hold"_s);
        QVERIFY(
            model.index(1, ExpectedItemsModel::NotesColumn).data(Qt::ToolTipRole).toString().contains(u"/tmp/b.jpg"_s));
        QCOMPARE(model.index(1, 0).data(ExpectedItemsModel::UnitKeyRole).toInt(), 1);
        QCOMPARE(model.index(1, 0).data(ExpectedItemsModel::LineItemIdRole).toLongLong(), 55500102);
    }
};

QTEST_MAIN(TestExpectedItemsModel)
#include "TestExpectedItemsModel.moc"
