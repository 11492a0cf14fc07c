#include "Builders.h"
#include "FakeClock.h"
#include "FlaggedReceiptsModel.h"
#include "OverrideNoteDialog.h"
#include "RelinkDialog.h"
#include "SupervisorDetailView.h"
#include "SupervisorPage.h"
#include "SupervisorQueueModel.h"
#include "SupervisorSeed.h"
#include "TempDatabase.h"
#include "outbox/OutboxPayload.h"
#include "receiving/ExceptionQueue.h"
#include "receiving/ReceivingService.h"
#include "receiving/ReceivingSession.h"
#include "storage/AuditRepository.h"
#include "storage/MerchantRepository.h"
#include "storage/OutboxRepository.h"
#include "storage/ReturnRepository.h"
#include "storage/UnknownPackageRepository.h"
#include "supervisor/SupervisorService.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;
using namespace Dockside::Testing;

namespace {
constexpr qint64 kLoopId = 41000007;
constexpr qint64 kTee = 55500102;
const QString kToteBarcode = u"0123456789012"_s;

QString describe(const Error& error)
{
    return error.toLogString();
}

QList<OutboxEntry> outboxOf(Database& database, qint64 returnId)
{
    QList<OutboxEntry> out;
    const Result<QList<OutboxEntry>> all = OutboxRepository(database).list(std::nullopt, 1000);
    for (const OutboxEntry& entry : *all) {
        if (entry.returnId == returnId)
            out << entry;
    }
    std::sort(out.begin(), out.end(), [](const OutboxEntry& a, const OutboxEntry& b) { return a.id < b.id; });
    return out;
}
} // namespace

class TestSupervisorPage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TempDatabase::addBackendRows(); }

    void init()
    {
        DOCKSIDE_OPEN_TEST_DATABASE(m_db);
        m_clock = std::make_unique<FakeClock>();
        m_acme = *MerchantRepository(m_db->database()).insert(merchant(u"Acme Outfitters"_s));
        ReturnRepository returns(m_db->database());
        QVERIFY(returns.upsert(ReturnBuilder(m_acme, kLoopId)
                                   .line(kTee, u"TEE-BLK-M"_s, u"0012345678905"_s, u"Organic Tee - Black"_s)
                                   .labelStatus(u"delivered"_s),
            m_clock->now()));
        m_returnId = (**returns.findByLoopId(m_acme, kLoopId)).id;
        m_page = std::make_unique<SupervisorPage>();
        m_page->resize(1280, 760);
    }

    void cleanup()
    {
        m_page.reset();
        m_db.reset();
    }

    void shouldShowAFlaggedReceiptAndProcessItAnyway()
    {
        // GIVEN maria received the return with the tee missing, so it was flagged
        const qint64 receiptId = receiveWithMissingTee();
        QVERIFY(receiptId > 0);
        // AND sam, a supervisor, opens the supervisor screen
        showPage(supervisor());
        QTableView* flagged = m_page->findChild<QTableView*>(u"flaggedTableView"_s);
        auto* tabs = m_page->findChild<QTabWidget*>(u"queuesTabWidget"_s);

        // THEN the receipt is in the flagged queue, counted in the tab, with why it was flagged
        QCOMPARE(flagged->model()->rowCount(), 1);
        QCOMPARE(tabs->tabText(0), u"Flagged (1)"_s);
        QCOMPARE(flagged->model()->index(0, 0).data(SupervisorQueueModel::IdRole).toLongLong(), receiptId);
        QCOMPARE(flagged->model()->index(0, FlaggedReceiptsModel::ReasonsColumn).data().toString(), u"Item missing"_s);
        QVERIFY(m_page->findChild<QLabel*>(u"readOnlyHintLabel"_s)->isHidden());

        // WHEN he selects it THEN the detail shows the receipt lines with their conditions
        flagged->selectRow(0);
        const QString detail = m_page->findChild<SupervisorDetailView*>(u"supervisorDetailView"_s)->toPlainText();
        QVERIFY2(detail.contains(u"Organic Tee - Black"_s), qPrintable(detail));
        QVERIFY(detail.contains(u"Missing"_s));
        QVERIFY(detail.contains(u"Grade A"_s));
        QVERIFY(detail.contains(u"Item missing"_s));

        // WHEN he chooses Process anyway
        QSignalSpy applied(m_page.get(), &SupervisorPage::overrideApplied);
        auto* process = m_page->findChild<QPushButton*>(u"processAnywayPushButton"_s);
        QVERIFY(process->isEnabled());
        QTest::mouseClick(process, Qt::LeftButton);
        // THEN he is asked for a note, and OK waits for one
        QDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = m_page->findChild<QDialog*>(u"overrideNoteDialog"_s)) && dialog->isVisible());
        QPushButton* ok = dialog->findChild<QDialogButtonBox*>(u"noteDialogButtonBox"_s)->button(QDialogButtonBox::Ok);
        QVERIFY(!ok->isEnabled());
        auto* note = dialog->findChild<QPlainTextEdit*>(u"notePlainTextEdit"_s);
        QTest::keyClicks(note, u"   "_s);
        QVERIFY(!ok->isEnabled());
        QTest::keyClicks(note, u"Tee shipped separately, customer confirmed"_s);
        QVERIFY(ok->isEnabled());
        screenshot(dialog, u"supervisor-note-dialog.png"_s);
        QTest::mouseClick(ok, Qt::LeftButton);

        // THEN the receipt leaves the queue and the station is told to push
        QTRY_COMPARE(flagged->model()->rowCount(), 0);
        QCOMPARE(tabs->tabText(0), u"Flagged (0)"_s);
        QCOMPARE(applied.count(), 1);
        QVERIFY(m_page->findChild<QLabel*>(u"messageLabel"_s)->text().contains(u"processed"_s));
        screenshot(m_page.get(), u"supervisor-after-override.png"_s);
        // AND the outbox has the supervisor's note, then Process, after what the receipt queued
        const QList<OutboxEntry> outbox = outboxOf(m_db->database(), m_returnId);
        QVERIFY(outbox.size() >= 2);
        const OutboxEntry& noteEntry = outbox.at(outbox.size() - 2);
        QCOMPARE(noteEntry.kind, OutboxKind::Note);
        QVERIFY(OutboxPayload::noteContent(noteEntry.payload)->contains(u"Tee shipped separately"_s));
        QCOMPARE(outbox.constLast().kind, OutboxKind::Process);
        QCOMPARE(outbox.constLast().status, OutboxStatus::Pending);
        // AND the audit trail has the override under sam's name
        const QList<AuditEvent> audit = *AuditRepository(m_db->database()).forReturn(m_returnId);
        QCOMPARE(audit.constLast().action, u"override"_s);
        QCOMPARE(audit.constLast().user, u"sam"_s);
        QCOMPARE(audit.constLast().station, u"office-1"_s);
        QCOMPARE(audit.constLast().receiptId, receiptId);
    }

    void shouldKeepAReceiptFlaggedFromTheKeyboard()
    {
        // GIVEN a flagged receipt, selected
        QVERIFY(receiveWithMissingTee() > 0);
        showPage(supervisor());
        QTableView* flagged = m_page->findChild<QTableView*>(u"flaggedTableView"_s);
        flagged->setFocus();
        flagged->selectRow(0);
        // WHEN the supervisor presses Ctrl+K, types a note and presses Ctrl+Enter
        QTest::keyClick(flagged, Qt::Key_K, Qt::ControlModifier);
        QDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = m_page->findChild<QDialog*>(u"overrideNoteDialog"_s)) && dialog->isVisible());
        auto* note = dialog->findChild<QPlainTextEdit*>(u"notePlainTextEdit"_s);
        QTRY_VERIFY(note->hasFocus());
        QTest::keyClicks(note, u"Let the merchant decide"_s);
        QTest::keyClick(note, Qt::Key_Return, Qt::ControlModifier);
        // THEN the receipt leaves the queue, and Loop only gets the note (it stays flagged there)
        QTRY_COMPARE(flagged->model()->rowCount(), 0);
        const QList<OutboxEntry> outbox = outboxOf(m_db->database(), m_returnId);
        QCOMPARE(outbox.constLast().kind, OutboxKind::Note);
        for (const OutboxEntry& entry : outbox)
            QVERIFY(entry.kind != OutboxKind::Process);
    }

    void shouldSayWhenAnotherSupervisorWasFaster()
    {
        // GIVEN sam has a flagged receipt selected, and is about to decide
        const qint64 receiptId = receiveWithMissingTee();
        QVERIFY(receiptId > 0);
        showPage(supervisor());
        QTableView* flagged = m_page->findChild<QTableView*>(u"flaggedTableView"_s);
        flagged->selectRow(0);
        QTest::mouseClick(m_page->findChild<QPushButton*>(u"processAnywayPushButton"_s), Qt::LeftButton);
        QDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = m_page->findChild<QDialog*>(u"overrideNoteDialog"_s)) && dialog->isVisible());
        QTest::keyClicks(dialog->findChild<QPlainTextEdit*>(u"notePlainTextEdit"_s), u"Process it"_s);
        // WHEN another supervisor keeps it flagged from another station first
        QVERIFY(SupervisorService(m_db->database(), *m_clock)
                    .keepFlagged(receiptId, { u"office-2"_s, u"lee"_s }, u"Waiting for the merchant"_s));
        QSignalSpy applied(m_page.get(), &SupervisorPage::overrideApplied);
        QTest::mouseClick(dialog->findChild<QDialogButtonBox*>(u"noteDialogButtonBox"_s)->button(QDialogButtonBox::Ok),
            Qt::LeftButton);
        // THEN sam is told it was not done, and the queue shows it is gone
        auto* message = m_page->findChild<QLabel*>(u"messageLabel"_s);
        QTRY_VERIFY(message->isVisible());
        QVERIFY2(message->text().startsWith(u"Not done: "_s), qPrintable(message->text()));
        QCOMPARE(flagged->model()->rowCount(), 0);
        QCOMPARE(applied.count(), 0);
        for (const OutboxEntry& entry : outboxOf(m_db->database(), m_returnId))
            QVERIFY(entry.kind != OutboxKind::Process);
    }

    void shouldRelinkAnUnknownPackageToTheReturnScanned()
    {
        // GIVEN a package whose label matched nothing, and a return that arrived in the next sync
        const qint64 packageId
            = *ExceptionQueue(m_db->database(), *m_clock)
                   .record(u"1Z999AA10123456784"_s, u"dock-2"_s, u"jon"_s, u"Blue box, no slip"_s, {});
        QVERIFY(
            ReturnRepository(m_db->database())
                .upsert(ReturnBuilder(m_acme, kLoopId + 5).orderName(u"#2002"_s).tracking(u"9400155555555555555555"_s),
                    m_clock->now()));
        const qint64 otherReturn = (**ReturnRepository(m_db->database()).findByLoopId(m_acme, kLoopId + 5)).id;
        showPage(supervisor());
        auto* tabs = m_page->findChild<QTabWidget*>(u"queuesTabWidget"_s);
        QCOMPARE(tabs->tabText(1), u"Unknown packages (1)"_s);

        // WHEN the supervisor opens the unknown packages and selects it
        tabs->setCurrentIndex(1);
        QTableView* unknown = m_page->findChild<QTableView*>(u"unknownTableView"_s);
        unknown->selectRow(0);
        QVERIFY(m_page->findChild<SupervisorDetailView*>(u"supervisorDetailView"_s)
                    ->toPlainText()
                    .contains(u"Blue box, no slip"_s));
        QVERIFY(m_page->findChild<QPushButton*>(u"processAnywayPushButton"_s)->isHidden());
        // AND re-links it, scanning the packing slip's order name
        QTest::mouseClick(m_page->findChild<QPushButton*>(u"relinkPushButton"_s), Qt::LeftButton);
        QDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = m_page->findChild<QDialog*>(u"relinkDialog"_s)) && dialog->isVisible());
        auto* candidates = dialog->findChild<QListWidget*>(u"candidatesListWidget"_s);
        QCOMPARE(candidates->count(), 0); // its own label still names nothing
        QPushButton* ok
            = dialog->findChild<QDialogButtonBox*>(u"relinkDialogButtonBox"_s)->button(QDialogButtonBox::Ok);
        auto* code = dialog->findChild<QLineEdit*>(u"returnCodeLineEdit"_s);
        code->clear();
        QTest::keyClicks(code, u"#2002"_s);
        QTest::keyClick(code, Qt::Key_Return);
        QCOMPARE(candidates->count(), 1);
        QVERIFY(candidates->item(0)->text().contains(u"#2002"_s));
        QVERIFY(!ok->isEnabled()); // no note yet
        QTest::keyClicks(dialog->findChild<QPlainTextEdit*>(u"notePlainTextEdit"_s), u"Slip inside names #2002"_s);
        QVERIFY(ok->isEnabled());
        screenshot(dialog, u"supervisor-relink-dialog.png"_s);
        QTest::mouseClick(ok, Qt::LeftButton);

        // THEN the package leaves the queue, matched to that return, and it is audited
        QTRY_COMPARE(unknown->model()->rowCount(), 0);
        const QList<UnknownPackage> matched
            = *UnknownPackageRepository(m_db->database()).list(UnknownPackage::Status::Matched);
        QCOMPARE(matched.size(), 1);
        QCOMPARE(matched.first().id, packageId);
        QCOMPARE(matched.first().matchedReturnId, otherReturn);
        QCOMPARE(AuditRepository(m_db->database()).forReturn(otherReturn)->constLast().action, u"override"_s);
    }

    void shouldRetryAParkedPush()
    {
        // GIVEN a Process call Loop refused for good
        OutboxEntry entry;
        entry.merchantId = m_acme;
        entry.returnId = m_returnId;
        entry.loopReturnId = kLoopId;
        entry.kind = OutboxKind::Process;
        entry.payload = "{}";
        entry.nextAttemptAt = m_clock->now();
        entry.createdAt = m_clock->now();
        entry.updatedAt = m_clock->now();
        OutboxRepository outbox(m_db->database());
        const qint64 id = *outbox.enqueue(entry);
        QVERIFY(outbox.park(id, u"Loop refused: Return is in review"_s, m_clock->now()));
        showPage(supervisor());
        auto* tabs = m_page->findChild<QTabWidget*>(u"queuesTabWidget"_s);
        QCOMPARE(tabs->tabText(2), u"Parked pushes (1)"_s);

        // WHEN the supervisor selects it THEN the detail shows the call parked with Loop's words
        tabs->setCurrentIndex(2);
        QTableView* parked = m_page->findChild<QTableView*>(u"parkedTableView"_s);
        parked->selectRow(0);
        const QString detail = m_page->findChild<SupervisorDetailView*>(u"supervisorDetailView"_s)->toPlainText();
        QVERIFY2(detail.contains(u"Return is in review"_s), qPrintable(detail));
        QVERIFY(detail.contains(u"Parked"_s));

        // WHEN he retries it with a note
        QTest::mouseClick(m_page->findChild<QPushButton*>(u"retryPushPushButton"_s), Qt::LeftButton);
        QDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = m_page->findChild<QDialog*>(u"overrideNoteDialog"_s)) && dialog->isVisible());
        QTest::keyClicks(
            dialog->findChild<QPlainTextEdit*>(u"notePlainTextEdit"_s), u"Merchant took it out of review"_s);
        QTest::mouseClick(dialog->findChild<QDialogButtonBox*>(u"noteDialogButtonBox"_s)->button(QDialogButtonBox::Ok),
            Qt::LeftButton);

        // THEN the call waits to be sent again and leaves the queue
        QTRY_COMPARE(parked->model()->rowCount(), 0);
        QCOMPARE((**outbox.find(id)).status, OutboxStatus::Pending);
    }

    void shouldLetAReceiverLookButNotAct()
    {
        // GIVEN a flagged receipt, and maria signed in as a receiver
        QVERIFY(receiveWithMissingTee() > 0);
        StationIdentity receiver { u"dock-3"_s, u"maria"_s, StationIdentity::Role::Receiver };
        showPage(receiver);
        QTableView* flagged = m_page->findChild<QTableView*>(u"flaggedTableView"_s);
        flagged->setFocus();
        flagged->selectRow(0);

        // THEN she sees the queue and the detail, a hint, and no action she can take
        QCOMPARE(flagged->model()->rowCount(), 1);
        QVERIFY(m_page->findChild<QLabel*>(u"readOnlyHintLabel"_s)->isVisible());
        QVERIFY(m_page->findChild<SupervisorDetailView*>(u"supervisorDetailView"_s)
                    ->toPlainText()
                    .contains(u"Organic Tee - Black"_s));
        for (const QString& name : { u"processAnywayPushButton"_s, u"keepFlaggedPushButton"_s,
                 u"closeReturnPushButton"_s, u"cancelReturnPushButton"_s }) {
            auto* button = m_page->findChild<QPushButton*>(name);
            QVERIFY2(button->isVisible() && !button->isEnabled(), qPrintable(name));
        }
        // AND the shortcut does nothing either
        QTest::keyClick(flagged, Qt::Key_P, Qt::ControlModifier);
        QCoreApplication::processEvents();
        QVERIFY(!m_page->findChild<QDialog*>(u"overrideNoteDialog"_s));
        QCOMPARE(flagged->model()->rowCount(), 1);

        // WHEN a supervisor signs in at the same screen THEN the actions come alive
        m_page->setIdentity(supervisor());
        QVERIFY(m_page->findChild<QLabel*>(u"readOnlyHintLabel"_s)->isHidden());
        QVERIFY(m_page->findChild<QPushButton*>(u"processAnywayPushButton"_s)->isEnabled());
    }

    void shouldFilterTheQueuesAndCountThemInTheTabs()
    {
        // GIVEN 30 flagged receipts for Acme (20 missing an item, 10 with a wrong item) and 5 for Birch
        const qint64 birch = *MerchantRepository(m_db->database()).insert(merchant(u"Birch & Co"_s));
        QVERIFY(ReturnRepository(m_db->database()).upsert(ReturnBuilder(birch, kLoopId + 9), m_clock->now()));
        const qint64 birchReturn = (**ReturnRepository(m_db->database()).findByLoopId(birch, kLoopId + 9)).id;
        SupervisorSeed seed { m_db->database() };
        QVERIFY(seed.flagged(m_acme, m_returnId, 20, u"missing_item"_s));
        QVERIFY(seed.flagged(m_acme, m_returnId, 10, u"incorrect_item"_s));
        QVERIFY(seed.flagged(birch, birchReturn, 5));
        showPage(supervisor());
        auto* tabs = m_page->findChild<QTabWidget*>(u"queuesTabWidget"_s);
        QCOMPARE(tabs->tabText(0), u"Flagged (35)"_s);

        // WHEN narrowed to Birch THEN the count says so
        auto* merchants = m_page->findChild<QComboBox*>(u"merchantFilterComboBox"_s);
        QCOMPARE(merchants->count(), 3);
        merchants->setCurrentIndex(merchants->findText(u"Birch & Co"_s));
        QTRY_COMPARE(tabs->tabText(0), u"Flagged (5)"_s);
        // WHEN narrowed to Acme's wrong items THEN only those
        merchants->setCurrentIndex(merchants->findText(u"Acme Outfitters"_s));
        auto* reasons = m_page->findChild<QComboBox*>(u"reasonFilterComboBox"_s);
        reasons->setCurrentIndex(reasons->findText(u"Wrong item"_s));
        QTRY_COMPARE(tabs->tabText(0), u"Flagged (10)"_s);
        QCOMPARE(m_page->findChild<QTableView*>(u"flaggedTableView"_s)->model()->rowCount(), 10);
        // WHEN the filters are cleared THEN everything is back
        QTest::mouseClick(m_page->findChild<QPushButton*>(u"clearFiltersPushButton"_s), Qt::LeftButton);
        QTRY_COMPARE(tabs->tabText(0), u"Flagged (35)"_s);

        // WHEN the language changes THEN the texts are set again, counts included
        QEvent languageChange(QEvent::LanguageChange);
        QCoreApplication::sendEvent(m_page.get(), &languageChange);
        QCOMPARE(tabs->tabText(0), u"Flagged (35)"_s);
        QCOMPARE(reasons->itemText(reasons->findData(reasonCode(ReasonCode::IncorrectItem))), u"Wrong item"_s);
        QCOMPARE(merchants->itemText(0), u"All merchants"_s);
    }

    void shouldSortAQueueByClickingItsHeader()
    {
        // GIVEN 250 flagged receipts for Acme, then 5 newer ones for Birch, on the supervisor screen
        const qint64 birch = *MerchantRepository(m_db->database()).insert(merchant(u"Birch & Co"_s));
        QVERIFY(ReturnRepository(m_db->database()).upsert(ReturnBuilder(birch, kLoopId + 9), m_clock->now()));
        const qint64 birchReturn = (**ReturnRepository(m_db->database()).findByLoopId(birch, kLoopId + 9)).id;
        QVERIFY(SupervisorSeed { m_db->database() }.flagged(m_acme, m_returnId, 250));
        SupervisorSeed later { m_db->database(), QDateTime(QDate(2026, 10, 9), QTime(8, 0), Qt::UTC) };
        QVERIFY(later.flagged(birch, birchReturn, 5));
        showPage(supervisor());
        auto* tabs = m_page->findChild<QTabWidget*>(u"queuesTabWidget"_s);
        QTableView* flagged = m_page->findChild<QTableView*>(u"flaggedTableView"_s);
        QHeaderView* header = flagged->horizontalHeader();
        QAbstractItemModel* model = flagged->model();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        tester.setUseFetchMore(false);
        const auto merchantAt = [model](int row) {
            return model->index(row, FlaggedReceiptsModel::MerchantColumn).data().toString();
        };
        // THEN the newest come first, and the header says so
        QVERIFY(header->isSortIndicatorShown());
        QCOMPARE(header->sortIndicatorSection(), int(FlaggedReceiptsModel::SubmittedColumn));
        QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
        QCOMPARE(merchantAt(0), u"Birch & Co"_s);
        QCOMPARE(tabs->tabText(0), u"Flagged (255)"_s);

        // WHEN the Merchant header is clicked
        clickHeader(header, FlaggedReceiptsModel::MerchantColumn);
        // THEN the queue starts over from A, a page of it, with the indicator on Merchant and the same count
        QCOMPARE(header->sortIndicatorSection(), int(FlaggedReceiptsModel::MerchantColumn));
        QCOMPARE(header->sortIndicatorOrder(), Qt::AscendingOrder);
        QCOMPARE(model->rowCount(), SupervisorQueueModel::kDefaultPageSize);
        QCOMPARE(merchantAt(0), u"Acme Outfitters"_s);
        QCOMPARE(tabs->tabText(0), u"Flagged (255)"_s);

        // WHEN it is clicked again THEN from Z: Birch's come first
        clickHeader(header, FlaggedReceiptsModel::MerchantColumn);
        QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
        QCOMPARE(merchantAt(0), u"Birch & Co"_s);
        QCOMPARE(merchantAt(5), u"Acme Outfitters"_s);

        // WHEN one of Birch's is selected and the Submitted header is clicked
        flagged->selectRow(2);
        const qint64 selected = model->index(2, 0).data(SupervisorQueueModel::IdRole).toLongLong();
        clickHeader(header, FlaggedReceiptsModel::SubmittedColumn);
        // THEN the newest come first again, and the selected receipt, among them, is still selected
        QCOMPARE(header->sortIndicatorSection(), int(FlaggedReceiptsModel::SubmittedColumn));
        QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
        QCOMPARE(merchantAt(0), u"Birch & Co"_s);
        QModelIndexList rows = flagged->selectionModel()->selectedRows();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().data(SupervisorQueueModel::IdRole).toLongLong(), selected);

        // WHEN the Customer header, which does not sort, is clicked
        const qint64 first = model->index(0, 0).data(SupervisorQueueModel::IdRole).toLongLong();
        clickHeader(header, FlaggedReceiptsModel::CustomerColumn);
        // THEN nothing moves and the indicator stays where the rows are sorted
        QCOMPARE(header->sortIndicatorSection(), int(FlaggedReceiptsModel::SubmittedColumn));
        QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
        QCOMPARE(model->index(0, 0).data(SupervisorQueueModel::IdRole).toLongLong(), first);
        rows = flagged->selectionModel()->selectedRows();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().data(SupervisorQueueModel::IdRole).toLongLong(), selected);

        // WHEN the filter changes THEN the queue keeps the order it was sorted in
        clickHeader(header, FlaggedReceiptsModel::MerchantColumn);
        auto* merchants = m_page->findChild<QComboBox*>(u"merchantFilterComboBox"_s);
        merchants->setCurrentIndex(merchants->findText(u"Acme Outfitters"_s));
        QTRY_COMPARE(tabs->tabText(0), u"Flagged (250)"_s);
        QCOMPARE(header->sortIndicatorSection(), int(FlaggedReceiptsModel::MerchantColumn));
        QCOMPARE(merchantAt(0), u"Acme Outfitters"_s);
        QCOMPARE(model->rowCount(), SupervisorQueueModel::kDefaultPageSize);
    }

    void shouldRenderEveryQueueWithItsDetail()
    {
        // GIVEN a row in every queue, with a photo stored on this station
        QTemporaryDir photos;
        const QString photo = photos.filePath(u"tote.png"_s);
        QVERIFY(samplePhoto().save(photo));
        QVERIFY(receiveWithMissingTee(photo) > 0);
        QVERIFY(ExceptionQueue(m_db->database(), *m_clock)
                    .record(u"]C1420432159400111202555842332669"_s, u"dock-2"_s, u"jon"_s,
                        u"Blue box, no packing slip. Two shirts inside."_s, { photo }));
        QVERIFY(SupervisorSeed { m_db->database() }.parked(
            m_acme, m_returnId, kLoopId, 1, u"Loop refused: Return is flagged and therefore cannot be processed."_s));
        showPage(supervisor());
        auto* tabs = m_page->findChild<QTabWidget*>(u"queuesTabWidget"_s);
        auto* detail = m_page->findChild<SupervisorDetailView*>(u"supervisorDetailView"_s);

        const QString out = qEnvironmentVariable("DOCKSIDE_SCREENSHOT_DIR");
        const QStringList names { u"supervisor-flagged.png"_s, u"supervisor-unknown.png"_s,
            u"supervisor-parked.png"_s };
        const QStringList views { u"flaggedTableView"_s, u"unknownTableView"_s, u"parkedTableView"_s };
        for (int tab = 0; tab < 3; ++tab) {
            // WHEN each queue is shown with its row selected
            tabs->setCurrentIndex(tab);
            m_page->findChild<QTableView*>(views.at(tab))->selectRow(0);
            QCoreApplication::processEvents();
            // THEN the detail is filled, the photo shows as a thumbnail where there is one, and the page renders
            QVERIFY(!detail->toPlainText().isEmpty());
            QCOMPARE(detail->thumbnailCount(), 1);
            const QImage image = m_page->grab().toImage();
            QCOMPARE(image.size(), m_page->size());
            if (!out.isEmpty())
                QVERIFY(image.save(QDir(out).filePath(names.at(tab))));
        }
        QVERIFY(detail->toPlainText().contains(u"Return is flagged"_s));

        // WHEN a receiver looks at the same screen THEN it says why nothing can be done
        m_page->setIdentity({ u"dock-3"_s, u"maria"_s, StationIdentity::Role::Receiver });
        tabs->setCurrentIndex(0);
        QVERIFY(m_page->findChild<QLabel*>(u"readOnlyHintLabel"_s)->isVisible());
        const QImage readOnly = m_page->grab().toImage();
        QVERIFY(!readOnly.isNull());
        if (!out.isEmpty())
            QVERIFY(readOnly.save(QDir(out).filePath(u"supervisor-read-only.png"_s)));
    }

private:
    // For looking at the screens: saved only when $DOCKSIDE_SCREENSHOT_DIR names a folder.
    static void screenshot(QWidget* widget, const QString& name)
    {
        const QString out = qEnvironmentVariable("DOCKSIDE_SCREENSHOT_DIR");
        if (!out.isEmpty())
            QVERIFY(widget->grab().save(QDir(out).filePath(name)));
    }

    // A click in the middle of a header section, as a person would.
    static void clickHeader(QHeaderView* header, int section)
    {
        const QPoint at(
            header->sectionViewportPosition(section) + header->sectionSize(section) / 2, header->height() / 2);
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, at);
    }

    static StationIdentity supervisor() { return { u"office-1"_s, u"sam"_s, StationIdentity::Role::Supervisor }; }

    void showPage(const StationIdentity& identity)
    {
        m_page->setStation(&m_db->database(), m_clock.get(), identity);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
        m_page->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    }

    // The real workflow: maria scans the tote (grade A) and marks the tee missing, then submits: Flag.
    qint64 receiveWithMissingTee(const QString& photo = {})
    {
        ReceivingService service(m_db->database(), *m_clock);
        auto session = service.open(m_returnId, u"dock-3"_s, u"maria"_s);
        if (!session) {
            qWarning("%s", qPrintable(describe(session.error())));
            return 0;
        }
        const auto tote = (*session)->scan(kToteBarcode);
        if (!tote || !(*session)->setCondition(tote->key, Condition::GradeA) || !(*session)->markMissing(kTee))
            return 0;
        if (!photo.isEmpty() && !(*session)->addPhoto(tote->key, photo))
            return 0;
        const auto submitted = (*session)->submit();
        if (!submitted) {
            qWarning("%s", qPrintable(describe(submitted.error())));
            return 0;
        }
        if (!submitted->receipt.decision || submitted->receipt.decision->kind != DecisionKind::Flag)
            return 0;
        m_clock->advance(60'000);
        return submitted->receipt.id;
    }

    static QImage samplePhoto()
    {
        QImage image(640, 480, QImage::Format_RGB32);
        image.fill(QColor(u"#c8b68e"_s));
        QPainter painter(&image);
        painter.setBrush(QColor(u"#6b7f3a"_s));
        painter.drawRoundedRect(QRect(170, 90, 300, 320), 30, 30);
        return image;
    }

    std::unique_ptr<TempDatabase> m_db;
    std::unique_ptr<FakeClock> m_clock;
    std::unique_ptr<SupervisorPage> m_page;
    qint64 m_acme = 0;
    qint64 m_returnId = 0;
};

QTEST_MAIN(TestSupervisorPage)
#include "TestSupervisorPage.moc"
