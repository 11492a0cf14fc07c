#include "Builders.h"
#include "ChooserDialog.h"
#include "ExpectedItemsModel.h"
#include "FakeClock.h"
#include "LoopSimProcess.h"
#include "ReceivePage.h"
#include "TempDatabase.h"
#include "UnknownPackageDialog.h"
#include "WedgeScanDetector.h"
#include "loop/LoopClient.h"
#include "outbox/OutboxDispatcher.h"
#include "receiving/ReceivingService.h"
#include "storage/ClaimRepository.h"
#include "storage/MerchantRepository.h"
#include "storage/OutboxRepository.h"
#include "storage/ReceiptRepository.h"
#include "storage/ReturnRepository.h"
#include "storage/PhotoRepository.h"
#include "storage/UnknownPackageRepository.h"
#include "util/SystemClock.h"

#include <QFileDialog>
#include <QFrame>
#include <QImage>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTableView>
#include <QTreeWidget>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;
using namespace Dockside::Testing;

namespace {
// A valid USPS IMpb (GS1 mod-10 check digit computed here, not by the code under test) and the barcode a scanner
// reads off the parcel: AIM prefix, "420" + destination ZIP, GS, the IMpb.
QString withGs1Check(const QString& data)
{
    int sum = 0;
    for (qsizetype i = 0; i < data.size(); ++i)
        sum += data.at(i).digitValue() * ((data.size() - i) % 2 == 1 ? 3 : 1);
    return data + QString::number((10 - sum % 10) % 10);
}

const QString kGs = QString(QChar(0x1D));
const QString kImpb = withGs1Check(u"940011189922300004711"_s);
const QString kLabelScan = u"]C142008810"_s + kGs + kImpb;
const QString kToteBarcode = u"0123456789012"_s;
const QString kSweaterBarcode = u"0012345678905"_s;
} // namespace

// The receive screen on a real database, both backends, driven by keys like a receiver with a scanner.
class TestReceivePage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TempDatabase::addBackendRows(); }

    void init()
    {
        DOCKSIDE_OPEN_TEST_DATABASE(m_db);
        const Result<qint64> id = MerchantRepository(m_db->database()).insert(merchant(u"Acme Outfitters"_s));
        QVERIFY(id);
        m_merchantId = *id;
        m_page = std::make_unique<ReceivePage>();
        m_page->setSoundMuted(true);
        m_page->setStation(&m_db->database(), &m_clock, m_identity);
        m_page->resize(1280, 800);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
        m_page->activateWindow();
        QTRY_VERIFY(scanField()->hasFocus());
    }

    void cleanup()
    {
        if (m_page)
            m_page->setStation(nullptr, &m_clock, m_identity);
        m_page.reset();
        m_db.reset();
    }

    void shouldShowTheReturnBigAndClearForARealCarrierScan()
    {
        // GIVEN a return whose USPS label is known, with two items, and another return
        const qint64 returnId
            = storeReturn(ReturnBuilder(m_merchantId, 41000007)
                              .tracking(kImpb)
                              .labelStatus(u"delivered"_s)
                              .line(55500102, u"MCS-NVY-M"_s, kSweaterBarcode, u"Merino Crew Sweater - Navy / M"_s));
        storeReturn(ReturnBuilder(m_merchantId, 41000008).orderName(u"#2002"_s));

        // WHEN the label's barcode is scanned into the scan field and Enter ends it
        typeScan(kLabelScan);

        // THEN the return is open: merchant, number, order, customer, label status and its two items
        QCOMPARE(m_page->openReturnId(), std::optional<qint64>(returnId));
        QCOMPARE(pages()->currentWidget()->objectName(), u"returnPage"_s);
        const QString header = label(u"returnHeaderLabel"_s)->text();
        QVERIFY2(header.contains(u"Acme Outfitters"_s) && header.contains(u"41000007"_s), qPrintable(header));
        const QString order = label(u"orderLabel"_s)->text();
        QVERIFY2(order.contains(u"#1042"_s) && order.contains(u"shopper@example.test"_s), qPrintable(order));
        QVERIFY(label(u"labelStatusLabel"_s)->text().contains(u"Delivered"_s));
        QVERIFY(!label(u"warningsLabel"_s)->isVisible());
        QAbstractItemModel* items = table()->model();
        QCOMPARE(items->rowCount(), 2);
        QCOMPARE(items->index(0, ExpectedItemsModel::ItemColumn).data().toString(), u"Canvas Tote - Olive"_s);
        QCOMPARE(items->index(1, ExpectedItemsModel::SkuColumn).data().toString(), u"MCS-NVY-M"_s);
        QCOMPARE(items->index(1, ExpectedItemsModel::BarcodeColumn).data().toString(), kSweaterBarcode);
        QCOMPARE(items->index(1, ExpectedItemsModel::ReasonColumn).data().toString(), u"Too small"_s);
        QCOMPARE(banner()->property("cue").toString(), u"good"_s);
        // AND the return is claimed by this station, and the scan field is ready for the items
        const auto claim = ClaimRepository(m_db->database()).current(returnId);
        QVERIFY(claim && claim->has_value());
        QCOMPARE((*claim)->station, m_identity.stationName);
        QVERIFY(scanField()->hasFocus());
        QVERIFY(scanField()->text().isEmpty());
    }

    void shouldWarnAboutAReturnThatIsNotOpenInLoop()
    {
        // GIVEN a return the merchant cancelled in Loop, whose label never arrived
        storeReturn(ReturnBuilder(m_merchantId, 41000007).state(ReturnState::Cancelled).labelStatus(u"in_transit"_s));

        // WHEN its order number is typed
        typeScan(u"#1042"_s);

        // THEN the header says so
        QLabel* warnings = label(u"warningsLabel"_s);
        QVERIFY(warnings->isVisible());
        QVERIFY2(warnings->text().contains(u"Cancelled in Loop"_s), qPrintable(warnings->text()));
        QVERIFY(warnings->text().contains(u"Label never delivered"_s));
        QCOMPARE(banner()->property("cue").toString(), u"flagged"_s);
    }

    void shouldReceiveScannedAndGradedItemsAndQueueProcess()
    {
        // GIVEN a delivered return with two items
        const qint64 returnId
            = storeReturn(ReturnBuilder(m_merchantId, 41000007)
                              .tracking(kImpb)
                              .labelStatus(u"delivered"_s)
                              .line(55500102, u"MCS-NVY-M"_s, kSweaterBarcode, u"Merino Crew Sweater"_s));
        QSignalSpy submitted(m_page.get(), &ReceivePage::receiptSubmitted);
        typeScan(kLabelScan);

        // WHEN both items are scanned, the first graded with the single key 1, the second with Ctrl+2
        typeScan(kToteBarcode);
        QCOMPARE(rowKind(0), ExpectedItemsModel::RowKind::Received);
        QCOMPARE(banner()->property("cue").toString(), u"good"_s);
        QTest::keyClick(scanField(), Qt::Key_1);
        QTRY_COMPARE(cell(0, ExpectedItemsModel::ConditionColumn), u"Grade A"_s);
        QVERIFY(scanField()->text().isEmpty());
        typeScan(kSweaterBarcode);
        QTest::keyClick(scanField(), Qt::Key_2, Qt::ControlModifier);
        QCOMPARE(cell(1, ExpectedItemsModel::ConditionColumn), u"Grade B"_s);
        QVERIFY(label(u"progressLabel"_s)->text().contains(u"2 of 2 received"_s));

        // AND Ctrl+Enter asks for the decision
        QTest::keyClick(scanField(), Qt::Key_Return, Qt::ControlModifier);

        // THEN it shows Process, and nothing is stored yet
        QCOMPARE(actions()->currentWidget()->objectName(), u"decisionPage"_s);
        QCOMPARE(decisionFrame()->property("decision").toString(), u"process"_s);
        QVERIFY(label(u"decisionTitleLabel"_s)->text().contains(u"PROCESS"_s));
        QVERIFY(!label(u"flagNoteLabel"_s)->isVisible());
        QVERIFY((*ReceiptRepository(m_db->database()).forReturn(returnId)).isEmpty());
        QCOMPARE(submitted.count(), 0);

        // WHEN Ctrl+Enter confirms
        QTest::keyClick(scanField(), Qt::Key_Return, Qt::ControlModifier);

        // THEN the receipt is stored with decision Process, its grades and the process call queued for Loop
        QCOMPARE(submitted.count(), 1);
        QCOMPARE(submitted.first().at(0).toLongLong(), returnId);
        const qint64 receiptId = submitted.first().at(1).toLongLong();
        const auto receipt = ReceiptRepository(m_db->database()).find(receiptId);
        QVERIFY(receipt && receipt->has_value());
        QCOMPARE((*receipt)->status, ReceiptStatus::Submitted);
        QVERIFY((*receipt)->decision.has_value());
        QCOMPARE((*receipt)->decision->kind, DecisionKind::Process);
        QCOMPARE((*receipt)->station, m_identity.stationName);
        QCOMPARE((*receipt)->user, m_identity.userName);
        QList<std::optional<Condition>> conditions;
        for (const ReceiptLine& line : (*receipt)->lines)
            conditions << line.condition;
        QCOMPARE(conditions, (QList<std::optional<Condition>> { Condition::GradeA, Condition::GradeB }));
        const QList<OutboxKind> calls = outboxFor(receiptId);
        QVERIFY(!calls.isEmpty());
        QCOMPARE(calls.constLast(), OutboxKind::Process);
        QVERIFY(calls.contains(OutboxKind::Grade));
        QVERIFY(!calls.contains(OutboxKind::Flag));
        // AND the page is clear for the next package
        QVERIFY(!m_page->hasOpenReturn());
        QCOMPARE(pages()->currentWidget()->objectName(), u"idlePage"_s);
        QCOMPARE(table()->model()->rowCount(), 0);
        QVERIFY(scanField()->hasFocus());
        QCOMPARE(banner()->property("cue").toString(), u"good"_s);
    }

    void shouldShowFlagWithItsNoteWhenAnItemIsMissing()
    {
        // GIVEN a delivered return with two items, of which only the tote arrived
        const qint64 returnId
            = storeReturn(ReturnBuilder(m_merchantId, 41000007)
                              .tracking(kImpb)
                              .labelStatus(u"delivered"_s)
                              .line(55500102, u"MCS-NVY-M"_s, kSweaterBarcode, u"Merino Crew Sweater"_s));
        QSignalSpy submitted(m_page.get(), &ReceivePage::receiptSubmitted);
        typeScan(kLabelScan);
        typeScan(kToteBarcode);
        QTest::keyClick(scanField(), Qt::Key_1, Qt::ControlModifier);

        // WHEN the decision is asked for
        QTest::mouseClick(button(u"submitPushButton"_s), Qt::LeftButton);

        // THEN it is Flag, because of the missing sweater, with the note Loop will get
        QCOMPARE(decisionFrame()->property("decision").toString(), u"flag"_s);
        const QString reasons = label(u"decisionReasonsLabel"_s)->text();
        QVERIFY2(reasons.contains(u"missing"_s, Qt::CaseInsensitive) && reasons.contains(u"Merino Crew Sweater"_s),
            qPrintable(reasons));
        QLabel* note = label(u"flagNoteLabel"_s);
        QVERIFY(note->isVisible());
        QVERIFY2(note->text().contains(u"missing"_s) && note->text().contains(u"Merino Crew Sweater"_s),
            qPrintable(note->text()));
        QCOMPARE(banner()->property("cue").toString(), u"flagged"_s);
        QVERIFY(outboxFor(0).isEmpty());

        // WHEN the receiver confirms
        QTest::mouseClick(button(u"confirmSubmitPushButton"_s), Qt::LeftButton);

        // THEN the receipt is flagged for the missing item, and Loop gets the note before the flag
        QCOMPARE(submitted.count(), 1);
        const qint64 receiptId = submitted.first().at(1).toLongLong();
        const auto receipt = ReceiptRepository(m_db->database()).find(receiptId);
        QCOMPARE((*receipt)->decision->kind, DecisionKind::Flag);
        QVERIFY((*receipt)->decision->reasons.contains(ReasonCode::MissingItem));
        const QList<OutboxKind> calls = outboxFor(receiptId);
        QVERIFY(calls.size() >= 2);
        QCOMPARE(calls.at(0), OutboxKind::Note);
        QCOMPARE(calls.at(1), OutboxKind::Flag);
        QVERIFY(!calls.contains(OutboxKind::Process));
        QCOMPARE(submitted.first().at(0).toLongLong(), returnId);
    }

    void shouldSendThePackageNoteWithTheFlag()
    {
        // GIVEN a delivered return with two items, of which only the tote arrived, in a crushed box
        storeReturn(ReturnBuilder(m_merchantId, 41000007)
                        .tracking(kImpb)
                        .labelStatus(u"delivered"_s)
                        .line(55500102, u"MCS-NVY-M"_s, kSweaterBarcode, u"Merino Crew Sweater"_s));
        QSignalSpy submitted(m_page.get(), &ReceivePage::receiptSubmitted);
        m_page->wedgeScanDetector()->setElapsedSource([this] { return m_now; });
        typeScan(kLabelScan);
        typeScan(kToteBarcode);
        QTest::keyClick(scanField(), Qt::Key_1, Qt::ControlModifier);

        // WHEN the receiver presses Ctrl+Shift+N and types a note about the box, by hand
        QTest::keyClick(scanField(), Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
        QLineEdit* packageNote = m_page->findChild<QLineEdit*>(u"packageNoteLineEdit"_s);
        QTRY_VERIFY(packageNote->hasFocus());
        typeByHand(packageNote, u"Box crushed"_s);
        // AND asks for the decision straight from the note, without Enter
        QTest::keyClick(packageNote, Qt::Key_Return, Qt::ControlModifier);

        // THEN the flag's note to Loop ends with what was typed
        QCOMPARE(decisionFrame()->property("decision").toString(), u"flag"_s);
        QLabel* note = label(u"flagNoteLabel"_s);
        QVERIFY(note->isVisible());
        QVERIFY2(note->text().contains(u"Merino Crew Sweater"_s) && note->text().endsWith(u"receiver: Box crushed."_s),
            qPrintable(note->text()));
        QTRY_VERIFY(scanField()->hasFocus());

        // WHEN confirmed
        QTest::keyClick(scanField(), Qt::Key_Return, Qt::ControlModifier);

        // THEN the receipt keeps the note, Loop's note call carries it, and the field is empty for the next parcel
        QCOMPARE(submitted.count(), 1);
        const qint64 receiptId = submitted.first().at(1).toLongLong();
        QCOMPARE((*ReceiptRepository(m_db->database()).find(receiptId))->note, u"Box crushed"_s);
        const auto entries = OutboxRepository(m_db->database()).list(std::nullopt, 1000);
        QVERIFY(entries);
        const auto noteCall = std::find_if(entries->cbegin(), entries->cend(),
            [receiptId](const OutboxEntry& entry) { return entry.receiptId == receiptId && entry.kind == OutboxKind::Note; });
        QVERIFY(noteCall != entries->cend());
        QVERIFY2(noteCall->payload.contains("receiver: Box crushed."), noteCall->payload.constData());
        QVERIFY(packageNote->text().isEmpty());
    }

    void shouldSaveThePackageNoteWithEnterAndRestoreItWithEsc()
    {
        // GIVEN an open return whose only item arrived in grade A
        const qint64 returnId = storeReturn(ReturnBuilder(m_merchantId, 41000007).tracking(kImpb).labelStatus(u"delivered"_s));
        QSignalSpy submitted(m_page.get(), &ReceivePage::receiptSubmitted);
        m_page->wedgeScanDetector()->setElapsedSource([this] { return m_now; });
        typeScan(kLabelScan);
        typeScan(kToteBarcode);
        QTest::keyClick(scanField(), Qt::Key_1, Qt::ControlModifier);
        QLineEdit* packageNote = m_page->findChild<QLineEdit*>(u"packageNoteLineEdit"_s);

        // WHEN a note is typed and saved with Enter
        QTest::keyClick(scanField(), Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY(packageNote->hasFocus());
        typeByHand(packageNote, u"No packing slip"_s);
        QTest::keyClick(packageNote, Qt::Key_Return);
        // THEN the banner says so and the scan field has the focus back
        QVERIFY2(banner()->text().contains(u"Package note saved"_s), qPrintable(banner()->text()));
        QTRY_VERIFY(scanField()->hasFocus());

        // WHEN the note is changed, then Esc pressed
        QTest::keyClick(scanField(), Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY(packageNote->hasFocus());
        typeByHand(packageNote, u"oops"_s);
        QTest::keyClick(packageNote, Qt::Key_Escape);
        // THEN the saved note is back, the return is still open, and the scan field has the focus
        QCOMPARE(packageNote->text(), u"No packing slip"_s);
        QVERIFY(m_page->hasOpenReturn());
        QTRY_VERIFY(scanField()->hasFocus());

        // WHEN the return is processed
        QTest::keyClick(scanField(), Qt::Key_Return, Qt::ControlModifier);
        // THEN the decision shows the note is kept with the receipt (a processed return sends Loop no note)
        QCOMPARE(decisionFrame()->property("decision").toString(), u"process"_s);
        QVERIFY(label(u"flagNoteLabel"_s)->isVisible());
        QVERIFY(label(u"flagNoteLabel"_s)->text().contains(u"No packing slip"_s));
        QTest::keyClick(scanField(), Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(submitted.count(), 1);
        QCOMPARE(ReceiptRepository(m_db->database()).forReturn(returnId)->constFirst().note, u"No packing slip"_s);
        QVERIFY(!outboxFor(submitted.first().at(1).toLongLong()).contains(OutboxKind::Note));
    }

    void shouldKeepNotesPhotosDispositionsAndMissingMarksOnTheReceipt()
    {
        // GIVEN a delivered return with two items, the tote in the box, and a photo of it on disk
        const qint64 returnId
            = storeReturn(ReturnBuilder(m_merchantId, 41000007)
                              .tracking(kImpb)
                              .labelStatus(u"delivered"_s)
                              .line(55500102, u"MCS-NVY-M"_s, kSweaterBarcode, u"Merino Crew Sweater"_s));
        QTemporaryDir photos;
        const QString photo = photos.filePath(u"tote.jpg"_s);
        QImage picture(64, 48, QImage::Format_RGB32);
        picture.fill(Qt::darkGreen);
        QVERIFY(picture.save(photo, "JPEG"));
        QSignalSpy submitted(m_page.get(), &ReceivePage::receiptSubmitted);
        typeScan(kLabelScan);
        typeScan(kToteBarcode);

        // WHEN the tote gets grade B, disposition "back to stock" (Alt+1), a note and a photo file
        QTest::keyClick(scanField(), Qt::Key_2, Qt::ControlModifier);
        QTest::keyClick(scanField(), Qt::Key_1, Qt::AltModifier);
        QTest::keyClick(scanField(), Qt::Key_N, Qt::ControlModifier);
        auto* note = m_page->findChild<QLineEdit*>(u"noteLineEdit"_s);
        QTRY_VERIFY(note->hasFocus());
        m_page->wedgeScanDetector()->setElapsedSource([this] { return m_now; });
        for (const QChar c : u"Tag missing"_s) { // typed by a person: far slower than a scanner
            QTest::keyClick(note, c.toLatin1());
            m_now += 180;
        }
        QTest::keyClick(note, Qt::Key_Return);
        QTRY_VERIFY(scanField()->hasFocus());
        QTest::keyClick(scanField(), Qt::Key_P, Qt::ControlModifier);
        QFileDialog* files = nullptr;
        QTRY_VERIFY((files = m_page->findChild<QFileDialog*>(u"itemPhotoFileDialog"_s)) && files->isVisible());
        files->selectFile(photo);
        static_cast<QDialog*>(files)->accept(); // QFileDialog::accept() checks the file, as the Open button does
        QTRY_VERIFY(scanField()->hasFocus());

        // AND the sweater, selected with the arrow key, is marked missing with Ctrl+M
        QTest::keyClick(scanField(), Qt::Key_Down);
        QTest::keyClick(scanField(), Qt::Key_M, Qt::ControlModifier);

        // THEN the list shows all of it
        QCOMPARE(cell(0, ExpectedItemsModel::DispositionColumn), u"Back to stock"_s);
        QVERIFY(cell(0, ExpectedItemsModel::NotesColumn).contains(u"Tag missing"_s));
        QVERIFY(cell(0, ExpectedItemsModel::NotesColumn).contains(u"1 photo"_s));
        QCOMPARE(rowKind(1), ExpectedItemsModel::RowKind::Missing);

        // WHEN it is submitted (a missing item: Flag)
        QTest::keyClick(scanField(), Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(decisionFrame()->property("decision").toString(), u"flag"_s);
        QTest::keyClick(scanField(), Qt::Key_Return, Qt::ControlModifier);

        // THEN the receipt keeps each of them on its line
        QCOMPARE(submitted.count(), 1);
        QCOMPARE(submitted.first().at(0).toLongLong(), returnId);
        const auto receipt = ReceiptRepository(m_db->database()).find(submitted.first().at(1).toLongLong());
        QVERIFY(receipt && receipt->has_value());
        std::optional<ReceiptLine> tote;
        std::optional<ReceiptLine> sweater;
        for (const ReceiptLine& line : (*receipt)->lines) {
            if (line.lineItemId == 55500101)
                tote = line;
            if (line.lineItemId == 55500102)
                sweater = line;
        }
        QVERIFY(tote && sweater);
        QCOMPARE(tote->condition, std::optional<Condition>(Condition::GradeB));
        QCOMPARE(tote->disposition, std::optional<Disposition>(Disposition::BackToStock));
        QCOMPARE(tote->note, u"Tag missing"_s);
        // (the photo went into the database, byte for byte: other desks see it too)
        QCOMPARE(tote->photoRefs.size(), 1);
        const std::optional<qint64> photoId = PhotoRepository::idFromReference(tote->photoRefs.first());
        QVERIFY2(photoId, qPrintable(tote->photoRefs.first()));
        QFile photoFile(photo);
        QVERIFY(photoFile.open(QIODevice::ReadOnly));
        QCOMPARE((*PhotoRepository(m_db->database()).read(*photoId))->bytes, photoFile.readAll());
        QCOMPARE(tote->scannedCode, kToteBarcode);
        QCOMPARE(sweater->condition, std::optional<Condition>(Condition::Missing));
    }

    void shouldRecordAnUnknownPackageInTheExceptionQueue()
    {
        // GIVEN a return that does not match, and a spy on the page
        storeReturn(ReturnBuilder(m_merchantId, 41000007));
        QSignalSpy recorded(m_page.get(), &ReceivePage::unknownPackageRecorded);
        const QString raw = u"]C1420999"_s + kGs + u"9400111899223000099999"_s;

        // WHEN a label that matches nothing is scanned
        typeScan(raw);

        // THEN the unknown-package form opens with the raw scan, read-only
        UnknownPackageDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = m_page->findChild<UnknownPackageDialog*>()) && dialog->isVisible());
        QCOMPARE(dialog->objectName(), u"unknownPackageDialog"_s);
        auto* rawField = dialog->findChild<QLineEdit*>(u"rawScanLineEdit"_s);
        QVERIFY(rawField->isReadOnly());
        QCOMPARE(rawField->text(), u"]C1420999<GS>9400111899223000099999"_s);
        QCOMPARE(banner()->property("cue").toString(), u"unknown"_s);

        // WHEN the receiver writes a note and records it
        QTest::keyClicks(dialog->findChild<QPlainTextEdit*>(u"notePlainTextEdit"_s), u"Blue box, no slip"_s);
        QTest::mouseClick(dialog->findChild<QPushButton*>(u"recordPushButton"_s), Qt::LeftButton);

        // THEN it is in the exception queue with the scan exactly as read, and the form is gone
        QCOMPARE(recorded.count(), 1);
        const auto packages = UnknownPackageRepository(m_db->database()).list(std::nullopt);
        QVERIFY(packages);
        QCOMPARE(packages->size(), 1);
        const UnknownPackage package = packages->constFirst();
        QCOMPARE(package.id, recorded.first().first().toLongLong());
        QCOMPARE(package.rawScan, raw);
        QCOMPARE(package.note, u"Blue box, no slip"_s);
        QCOMPARE(package.station, m_identity.stationName);
        QCOMPARE(package.status, UnknownPackage::Status::Open);
        QTRY_VERIFY(!m_page->findChild<UnknownPackageDialog*>());
        QTRY_VERIFY(scanField()->hasFocus());
        QVERIFY(!m_page->hasOpenReturn());
    }

    void shouldLetTheReceiverChooseWhenSeveralReturnsMatch()
    {
        // GIVEN two returns on one order
        storeReturn(ReturnBuilder(m_merchantId, 41000001).orderName(u"#3003"_s).tracking(u"1Z999AA10123456784"_s));
        const qint64 second = storeReturn(
            ReturnBuilder(m_merchantId, 41000002).orderName(u"#3003"_s).tracking(u"9400111202555842332669"_s));

        // WHEN the order number on the packing slip is scanned
        typeScan(u"#3003"_s);

        // THEN the chooser lists both
        ChooserDialog* chooser = nullptr;
        QTRY_VERIFY((chooser = m_page->findChild<ChooserDialog*>()) && chooser->isVisible());
        QCOMPARE(chooser->objectName(), u"chooserDialog"_s);
        auto* list = chooser->findChild<QTreeWidget*>(u"candidatesTreeWidget"_s);
        QCOMPARE(list->topLevelItemCount(), 2);
        QCOMPARE(list->topLevelItem(1)->text(1), u"41000002"_s);
        QVERIFY(list->topLevelItem(0)->text(6).contains(u"order number"_s));
        QVERIFY(!m_page->hasOpenReturn());

        // WHEN the receiver moves to the second and presses Enter
        QTest::keyClick(list, Qt::Key_Down);
        QTest::keyClick(list, Qt::Key_Return);

        // THEN that return opens
        QTRY_COMPARE(m_page->openReturnId(), std::optional<qint64>(second));
        QTRY_VERIFY(!m_page->findChild<ChooserDialog*>());
        QTRY_VERIFY(scanField()->hasFocus());
    }

    void shouldSayWhichStationHoldsTheReturn()
    {
        // GIVEN a return being received at another station
        const qint64 returnId = storeReturn(ReturnBuilder(m_merchantId, 41000007).tracking(kImpb));
        auto other = ReceivingService(m_db->database(), m_clock).open(returnId, u"dock-7"_s, u"ben@example.test"_s);
        QVERIFY(other);

        // WHEN its label is scanned here
        typeScan(kLabelScan);

        // THEN the page says who has it, and opens nothing
        QVERIFY(!m_page->hasOpenReturn());
        QCOMPARE(banner()->property("cue").toString(), u"problem"_s);
        QVERIFY2(banner()->text().contains(u"dock-7"_s) && banner()->text().contains(u"ben@example.test"_s),
            qPrintable(banner()->text()));
        QVERIFY(scanField()->hasFocus());
    }

    void shouldAskBeforeSwitchingToAnotherParcel()
    {
        // GIVEN return A open with one item scanned, and return B on the bench too
        const qint64 first = storeReturn(ReturnBuilder(m_merchantId, 41000001).tracking(kImpb).orderName(u"#1001"_s));
        const qint64 second = storeReturn(
            ReturnBuilder(m_merchantId, 41000002).tracking(u"1Z999AA10123456784"_s).orderName(u"#1002"_s));
        typeScan(kLabelScan);
        typeScan(kToteBarcode);

        // WHEN B's label is scanned
        typeScan(u"1Z999AA10123456784"_s);

        // THEN the page asks, and staying keeps A with its scan
        QMessageBox* box = nullptr;
        QTRY_VERIFY((box = m_page->findChild<QMessageBox*>(u"switchReturnMessageBox"_s)) && box->isVisible());
        QTest::mouseClick(box->findChild<QPushButton*>(u"stayOnReturnPushButton"_s), Qt::LeftButton);
        QTRY_VERIFY(!m_page->findChild<QMessageBox*>(u"switchReturnMessageBox"_s));
        QCOMPARE(m_page->openReturnId(), std::optional<qint64>(first));
        QCOMPARE(rowKind(0), ExpectedItemsModel::RowKind::Received);

        // WHEN B is scanned again and the receiver switches
        typeScan(u"1Z999AA10123456784"_s);
        QTRY_VERIFY((box = m_page->findChild<QMessageBox*>(u"switchReturnMessageBox"_s)) && box->isVisible());
        QTest::mouseClick(box->findChild<QPushButton*>(u"switchReturnPushButton"_s), Qt::LeftButton);

        // THEN B is open and A was given back
        QTRY_COMPARE(m_page->openReturnId(), std::optional<qint64>(second));
        const auto claim = ClaimRepository(m_db->database()).current(first);
        QVERIFY(claim && !claim->has_value());
        QTRY_VERIFY(scanField()->hasFocus());
    }

    void shouldNotPutAnUnknownParcelLabelIntoTheOpenReturn()
    {
        // GIVEN an open return
        storeReturn(ReturnBuilder(m_merchantId, 41000007).tracking(kImpb));
        typeScan(kLabelScan);

        // WHEN the UPS label of another parcel, which matches no return, is scanned
        typeScan(u"1Z999AA10123456784"_s);

        // THEN it is not taken for an item of this return, and the receiver is told what to do
        QCOMPARE(table()->model()->rowCount(), 1);
        QCOMPARE(banner()->property("cue").toString(), u"unknown"_s);
        QVERIFY2(banner()->text().contains(u"record the package as unknown"_s), qPrintable(banner()->text()));
        QVERIFY(m_page->hasOpenReturn());
    }

    void shouldUndoTheLastScanWithCtrlZ()
    {
        // GIVEN an open return with its tote scanned
        storeReturn(ReturnBuilder(m_merchantId, 41000007).tracking(kImpb));
        typeScan(kLabelScan);
        typeScan(kToteBarcode);
        QCOMPARE(rowKind(0), ExpectedItemsModel::RowKind::Received);

        // WHEN Ctrl+Z is pressed in the scan field
        QTest::keyClick(scanField(), Qt::Key_Z, Qt::ControlModifier);

        // THEN the tote waits to be scanned again
        QCOMPARE(rowKind(0), ExpectedItemsModel::RowKind::Waiting);
        QVERIFY(m_page->hasOpenReturn());
    }

    void shouldListAnItemThatIsNotOnTheReturn()
    {
        // GIVEN an open return
        storeReturn(ReturnBuilder(m_merchantId, 41000007).tracking(kImpb));
        typeScan(kLabelScan);

        // WHEN an item of no return is scanned
        typeScan(u"4006381333931"_s);

        // THEN it is listed as not on this return, with the wrong-item cue
        QCOMPARE(table()->model()->rowCount(), 2);
        QCOMPARE(rowKind(1), ExpectedItemsModel::RowKind::Unexpected);
        QCOMPARE(banner()->property("cue").toString(), u"wrong"_s);
        QVERIFY(label(u"progressLabel"_s)->text().contains(u"1 extra"_s));
    }

    void shouldTakeAWedgeScanTypedIntoTheNoteField()
    {
        // GIVEN an open return with two items, the first scanned, and the receiver typing its note by hand
        storeReturn(ReturnBuilder(m_merchantId, 41000007)
                        .tracking(kImpb)
                        .line(55500102, u"MCS-NVY-M"_s, kSweaterBarcode, u"Merino Crew Sweater"_s));
        m_page->wedgeScanDetector()->setElapsedSource([this] { return m_now; });
        typeScan(kLabelScan);
        typeScan(kToteBarcode);
        QTest::keyClick(scanField(), Qt::Key_N, Qt::ControlModifier);
        auto* note = m_page->findChild<QLineEdit*>(u"noteLineEdit"_s);
        QTRY_VERIFY(note->hasFocus());
        for (const QChar c : u"Torn"_s) {
            QTest::keyClick(note, c.toLatin1());
            m_now += 200;
        }
        QTRY_COMPARE(note->text(), u"Torn"_s);

        // WHEN the scanner reads the sweater while the focus is still in the note
        m_now += 500;
        for (const QChar c : kSweaterBarcode) {
            QTest::keyClick(note, c.toLatin1());
            m_now += 3;
        }
        QTest::keyClick(note, Qt::Key_Return);

        // THEN the sweater is received, the tote keeps its note as typed, and the focus is back in the scan field
        QCOMPARE(rowKind(1), ExpectedItemsModel::RowKind::Received);
        QCOMPARE(cell(0, ExpectedItemsModel::NotesColumn), u"Torn"_s);
        QTRY_VERIFY(scanField()->hasFocus());
    }

    void shouldBeUnavailableWithoutADatabase()
    {
        // WHEN the station has no database
        m_page->setStation(nullptr, &m_clock, m_identity);

        // THEN the page says so and takes no scans
        QCOMPARE(pages()->currentWidget()->objectName(), u"disconnectedPage"_s);
        QVERIFY(!scanField()->isEnabled());
        m_page->scan(kLabelScan);
        QVERIFY(!m_page->hasOpenReturn());
    }

    void shouldMakeTheSimulatorProcessAReturnReceivedOnThePage()
    {
        // GIVEN a Loop shop with an open, delivered return of two items, pulled into the station
        LoopSimProcess sim;
        QVERIFY2(
            sim.start({ u"--returns"_s, u"0"_s, u"--process-delay-ms"_s, u"200"_s }), qPrintable(sim.errorString()));
        const QJsonObject created
            = sim.control("POST", u"returns"_s,
                     "{\"state\":\"open\",\"carrier\":\"USPS\",\"label_status\":\"delivered\",\"line_items\":["
                     "{\"sku\":\"TOTE-OLV\",\"title\":\"Canvas Tote - Olive\",\"barcode\":\"0123456789012\","
                     "\"price\":\"40.00\"},"
                     "{\"sku\":\"MCS-NVY-M\",\"title\":\"Merino Crew Sweater\",\"barcode\":\"0012345678905\","
                     "\"price\":\"89.00\"}]}")
                  .object();
        const qint64 loopId = created.value(u"id"_s).toInteger();
        const QString labelBarcode = created.value(u"label_barcode"_s).toString();
        QVERIFY2(loopId > 0 && !labelBarcode.isEmpty(), qPrintable(QString::fromUtf8(QJsonDocument(created).toJson())));
        Merchant shop = merchant(u"Sim Shop"_s);
        QUrl api = sim.baseUrl();
        api.setPath(u"/api"_s);
        shop.baseUrl = api.toString();
        const Result<qint64> shopId = MerchantRepository(m_db->database()).insert(shop);
        QVERIFY(shopId);
        SystemClock& clock = m_systemClock;
        LoopClient client(clientOptions(sim), clock);
        std::optional<Result<Return>> fetched;
        client.returnById(loopId, this, [&fetched](Result<Return> value) { fetched = std::move(value); });
        QTRY_VERIFY_WITH_TIMEOUT(fetched.has_value(), 20'000);
        QVERIFY2(*fetched, qPrintable(fetched->error().toLogString()));
        Return pulled = **fetched;
        pulled.merchantId = *shopId;
        QVERIFY(ReturnRepository(m_db->database()).upsert(pulled, clock.now()));
        // Outbox entries are due at the page's clock; the dispatcher runs on the real one.
        m_page->setStation(&m_db->database(), &m_systemClock, m_identity);
        QSignalSpy submitted(m_page.get(), &ReceivePage::receiptSubmitted);

        // WHEN the label is scanned, both items scanned and graded A, and the decision confirmed on the page
        typeScan(labelBarcode);
        QVERIFY2(m_page->hasOpenReturn(), qPrintable(banner()->text()));
        for (const QString& barcode : { kToteBarcode, kSweaterBarcode }) {
            typeScan(barcode);
            QTest::keyClick(scanField(), Qt::Key_1, Qt::ControlModifier);
        }
        QTest::keyClick(scanField(), Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(decisionFrame()->property("decision").toString(), u"process"_s);
        QTest::keyClick(scanField(), Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(submitted.count(), 1);
        const qint64 receiptId = submitted.first().at(1).toLongLong();

        // AND the outbox is drained
        OutboxSettings settings;
        settings.stationId = m_identity.stationName;
        settings.lookIntervalMs = 50;
        settings.retryBaseMs = 50;
        settings.retryMaxMs = 300;
        settings.confirmFirstPollMs = 50;
        settings.confirmMaxPollMs = 300;
        settings.confirmWindowMs = 10'000;
        const LoopClient::Options options = clientOptions(sim);
        OutboxDispatcher dispatcher(m_db->database(), clock, settings,
            [options, &clock](qint64, QObject* parent) { return new LoopClient(options, clock, parent); });
        dispatcher.start();
        QTRY_VERIFY_WITH_TIMEOUT(allDone(receiptId), 30'000);

        // THEN the simulator received exactly one process call, graded both items and closed the return
        const QJsonObject truth = sim.control("GET", u"returns/%1"_s.arg(loopId)).object();
        QCOMPARE(truth.value(u"process"_s).toObject().value(u"calls_received"_s).toInt(), 1);
        QCOMPARE(truth.value(u"state"_s).toString(), u"closed"_s);
        for (const QJsonValue& item : truth.value(u"line_items"_s).toArray())
            QCOMPARE(item.toObject().value(u"condition"_s).toObject().value(u"condition_category"_s).toString(),
                u"grade_a"_s);
    }

private:
    QLineEdit* scanField() const { return m_page->findChild<QLineEdit*>(u"scanLineEdit"_s); }
    QLabel* banner() const { return m_page->findChild<QLabel*>(u"feedbackLabel"_s); }
    QLabel* label(const QString& name) const
    {
        auto* found = m_page->findChild<QLabel*>(name);
        if (!found)
            qFatal("no label %s", qPrintable(name));
        return found;
    }
    QPushButton* button(const QString& name) const { return m_page->findChild<QPushButton*>(name); }
    QStackedWidget* pages() const { return m_page->findChild<QStackedWidget*>(u"pageStackedWidget"_s); }
    QStackedWidget* actions() const { return m_page->findChild<QStackedWidget*>(u"actionsStackedWidget"_s); }
    QFrame* decisionFrame() const { return m_page->findChild<QFrame*>(u"decisionFrame"_s); }
    QTableView* table() const { return m_page->findChild<QTableView*>(u"expectedItemsTableView"_s); }

    ExpectedItemsModel::RowKind rowKind(int row) const
    {
        return ExpectedItemsModel::RowKind(
            table()->model()->index(row, 0).data(ExpectedItemsModel::RowKindRole).toInt());
    }
    QString cell(int row, int column) const { return table()->model()->index(row, column).data().toString(); }

    // Types as a person does, far slower than a scanner (the wedge detector reads m_now).
    void typeByHand(QWidget* field, const QString& text)
    {
        for (const QChar c : text) {
            QTest::keyClick(field, c.toLatin1());
            m_now += 180;
        }
    }

    // Types a scan into the scan field as a wedge scanner would, GS as Ctrl+], and ends it with Enter.
    void typeScan(const QString& scan)
    {
        QLineEdit* field = scanField();
        QTRY_VERIFY(field->hasFocus());
        for (const QChar c : scan) {
            if (c == QChar(0x1D))
                QTest::sendKeyEvent(QTest::Click, field, Qt::Key_BracketRight, QString(c), Qt::ControlModifier);
            else
                QTest::keyClick(field, c.toLatin1());
        }
        QTest::keyClick(field, Qt::Key_Return);
    }

    qint64 storeReturn(const Return& value)
    {
        ReturnRepository returns(m_db->database());
        const Result<UpsertOutcome> stored = returns.upsert(value, m_clock.now());
        if (!stored)
            qFatal("cannot store return: %s", qPrintable(stored.error().toLogString()));
        return (*returns.findByLoopId(value.merchantId, value.loopId))->id;
    }

    // The calls queued for Loop by one receipt (0: by any), in the order they will be sent.
    QList<OutboxKind> outboxFor(qint64 receiptId)
    {
        QList<OutboxKind> kinds;
        const auto entries = OutboxRepository(m_db->database()).list(std::nullopt, 1000);
        if (!entries)
            qFatal("cannot list the outbox: %s", qPrintable(entries.error().toLogString()));
        for (const OutboxEntry& entry : *entries) {
            if (receiptId == 0 || entry.receiptId == receiptId)
                kinds << entry.kind;
        }
        return kinds;
    }

    bool allDone(qint64 receiptId)
    {
        const auto entries = OutboxRepository(m_db->database()).list(std::nullopt, 1000);
        if (!entries || entries->isEmpty())
            return false;
        for (const OutboxEntry& entry : *entries) {
            if (entry.receiptId == receiptId && entry.status != OutboxStatus::Done)
                return false;
        }
        return true;
    }

    static LoopClient::Options clientOptions(const LoopSimProcess& sim)
    {
        LoopClient::Options options;
        QUrl base = sim.baseUrl();
        base.setPath(u"/api"_s);
        options.baseUrl = base;
        options.apiKey = "sim-key";
        options.perMinute = 6000;
        options.timeoutMs = 5'000;
        options.maxAttempts = 2;
        options.backoffBaseMs = 20;
        options.backoffMaxMs = 100;
        return options;
    }

    std::unique_ptr<TempDatabase> m_db;
    FakeClock m_clock;
    SystemClock m_systemClock;
    qint64 m_now = 0;
    StationIdentity m_identity { u"dock-1"_s, u"ana@example.test"_s, StationIdentity::Role::Receiver };
    qint64 m_merchantId = 0;
    std::unique_ptr<ReceivePage> m_page;
};

QTEST_MAIN(TestReceivePage)
#include "TestReceivePage.moc"
