#include "Builders.h"
#include "FakeClock.h"
#include "LoopSimProcess.h"
#include "TempDatabase.h"
#include "loop/LoopClient.h"
#include "loop/LoopJson.h"
#include "outbox/OutboxDispatcher.h"
#include "outbox/OutboxPayload.h"
#include "receiving/ReceivingService.h"
#include "receiving/ReceivingSession.h"
#include "storage/AuditRepository.h"
#include "storage/DatabaseSummary.h"
#include "storage/MerchantRepository.h"
#include "storage/OutboxRepository.h"
#include "storage/ReceiptRepository.h"
#include "storage/ReturnRepository.h"
#include "storage/UnknownPackageRepository.h"
#include "supervisor/SupervisorService.h"
#include "util/SystemClock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;
using namespace Dockside::Testing;

namespace {
constexpr qint64 kLoopId = 41000007;
constexpr qint64 kTote = 55500101; // the builder's line, barcode 0123456789012
constexpr qint64 kTee = 55500102;
const QString kTeeBarcode = u"0012345678905"_s;
const SupervisorActor kSam { u"office-1"_s, u"sam"_s };

QString describe(const Error& error)
{
    return error.toLogString();
}
} // namespace

// The supervisor's decisions on both backends: each changes the state, queues its calls to Loop and is audited
// in one transaction, or refuses with a clear message and changes nothing. The last tests run the decisions
// through the real dispatcher against loop-sim.
class TestSupervisorService final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TempDatabase::addBackendRows(); }

    void init()
    {
        DOCKSIDE_OPEN_TEST_DATABASE(m_db);
        m_clock = std::make_unique<FakeClock>();
        m_merchantId = *MerchantRepository(m_db->database()).insert(merchant(u"Acme"_s));
        ReturnRepository returns(m_db->database());
        QVERIFY(returns.upsert(ReturnBuilder(m_merchantId, kLoopId)
                                   .line(kTee, u"TEE-BLK-M"_s, kTeeBarcode, u"Organic Tee - Black"_s)
                                   .labelStatus(u"delivered"_s),
            m_clock->now()));
        m_returnId = (**returns.findByLoopId(m_merchantId, kLoopId)).id;
        m_service = std::make_unique<SupervisorService>(m_db->database(), *m_clock);
    }

    void cleanup()
    {
        m_dispatcher.reset();
        m_service.reset();
        m_sim.reset();
        m_db.reset();
    }

    // -- flagged receipts ---------------------------------------------------------------------------------------

    void shouldProcessAFlaggedReceiptAnywayInsteadOfTheFlagNotYetSent()
    {
        // GIVEN a receipt flagged because the tote is missing, its note, flag and grades not sent yet
        const qint64 receiptId = flaggedReceipt();
        const qint64 flagId = entryOf(receiptId, OutboxKind::Flag).id;
        m_clock->advance(5 * 60'000);

        // WHEN a supervisor processes it anyway
        const Status done = m_service->processAnyway(receiptId, kSam, u"  Tote found in a second box  "_s);

        // THEN the decision is Process for a supervisor override, and the receipt leaves the flagged queue
        QVERIFY2(done, qPrintable(done ? QString() : describe(done.error())));
        const Receipt receipt = storedReceipt(receiptId);
        QVERIFY(receipt.decision);
        QCOMPARE(receipt.decision->kind, DecisionKind::Process);
        QCOMPARE(receipt.decision->reasons, QList<ReasonCode> { ReasonCode::SupervisorOverride });
        QCOMPARE(receipt.decision->decidedBy, u"sam"_s);
        QCOMPARE(receipt.decision->decidedAt, m_clock->now());
        QCOMPARE(*SupervisorQueues(m_db->database()).countFlagged({}), qint64(0));
        const auto detail = SupervisorQueues(m_db->database()).returnDetail(m_returnId);
        QCOMPARE(detail->resolutions.size(), 1);
        QCOMPARE(detail->resolutions.at(0).resolution, u"process_anyway"_s);
        QCOMPARE(detail->resolutions.at(0).note, u"Tote found in a second box"_s);
        // AND the flag that had not left never will; the supervisor's note, then Process, are queued behind the
        // receipt's own calls, for the same receipt
        QCOMPARE(status(flagId), OutboxStatus::Dismissed);
        QVERIFY(entry(flagId).lastError.contains(u"Superseded"_s));
        const QList<OutboxEntry> all = *OutboxRepository(m_db->database()).forReturn(m_merchantId, kLoopId);
        QCOMPARE(kinds(all),
            (QList<OutboxKind> { OutboxKind::Note, OutboxKind::Flag, OutboxKind::Grade, OutboxKind::Assess,
                OutboxKind::Note, OutboxKind::Process }));
        QCOMPARE(all.at(4).status, OutboxStatus::Pending);
        QCOMPARE(all.at(4).receiptId, receiptId);
        QCOMPARE(*OutboxPayload::noteContent(all.at(4).payload), u"Warehouse supervisor: Tote found in a second box"_s);
        QCOMPARE(all.at(5).receiptId, receiptId);
        QCOMPARE(all.at(5).nextAttemptAt, m_clock->now());
        // AND the override is audited with the old and new decision
        const AuditEvent event = lastOverride();
        QCOMPARE(event.user, u"sam"_s);
        QCOMPARE(event.station, u"office-1"_s);
        QCOMPARE(event.receiptId, receiptId);
        QCOMPARE(event.returnId, m_returnId);
        QCOMPARE(event.merchantId, m_merchantId);
        QVERIFY2(event.summary.contains(u"processed return 41000007 anyway"_s), qPrintable(event.summary));
        const QJsonObject detailJson = QJsonDocument::fromJson(event.detail).object();
        QCOMPARE(detailJson.value(u"action"_s).toString(), u"process_anyway"_s);
        QCOMPARE(detailJson.value(u"old"_s).toObject().value(u"decision"_s).toString(), u"flag"_s);
        QCOMPARE(detailJson.value(u"old"_s).toObject().value(u"reasons"_s).toArray(), QJsonArray { u"missing_item"_s });
        QCOMPARE(detailJson.value(u"new"_s).toObject().value(u"decision"_s).toString(), u"process"_s);
        QCOMPARE(detailJson.value(u"superseded"_s).toArray(), QJsonArray { flagId });
        QCOMPARE(detailJson.value(u"outbox"_s).toArray().size(), 2);
    }

    void shouldLeaveAFlagThatMayHaveReachedLoopAndProcessBehindIt()
    {
        // GIVEN the receipt's flag is on its way: an attempt was recorded
        const qint64 receiptId = flaggedReceipt();
        const qint64 flagId = entryOf(receiptId, OutboxKind::Flag).id;
        QVERIFY(OutboxRepository(m_db->database()).markAttempt(flagId, m_clock->now()));

        // WHEN a supervisor processes it anyway
        QVERIFY(m_service->processAnyway(receiptId, kSam, u"Customer sent the tote separately"_s));

        // THEN the flag keeps its course and the process waits behind it
        QCOMPARE(status(flagId), OutboxStatus::Pending);
        QCOMPARE(entry(flagId).attempts, 1);
        QVERIFY(entryOf(receiptId, OutboxKind::Process).id > flagId);
        const QJsonObject detail = QJsonDocument::fromJson(lastOverride().detail).object();
        QVERIFY(detail.value(u"superseded"_s).toArray().isEmpty());
    }

    void shouldSettleAFlagLoopRefusedSoTheOverrideIsNotHeldBehindIt()
    {
        // GIVEN the receipt's note went to Loop but Loop refused its flag: parked, holding back what follows
        const qint64 receiptId = flaggedReceipt();
        OutboxRepository outbox(m_db->database());
        const qint64 noteId = entryOf(receiptId, OutboxKind::Note).id;
        const qint64 flagId = entryOf(receiptId, OutboxKind::Flag).id;
        QVERIFY(outbox.markAttempt(noteId, m_clock->now()));
        QVERIFY(outbox.markDone(noteId, m_clock->now()));
        QVERIFY(outbox.markAttempt(flagId, m_clock->now()));
        QVERIFY(outbox.park(flagId, u"Return is open and therefore cannot be processed."_s, m_clock->now()));
        QVERIFY(outbox.due(m_clock->now(), 10)->isEmpty());

        // WHEN a supervisor processes it anyway
        QVERIFY(m_service->processAnyway(receiptId, kSam, u"Good to go"_s));

        // THEN the refused flag is settled, keeping Loop's answer, and the calls behind it are due again
        QCOMPARE(status(flagId), OutboxStatus::Dismissed);
        QVERIFY(entry(flagId).lastError.contains(u"cannot be processed"_s));
        const auto due = *outbox.due(m_clock->now(), 10);
        QCOMPARE(due.size(), 1);
        QCOMPARE(due.at(0).kind, OutboxKind::Grade);
        QCOMPARE(QJsonDocument::fromJson(lastOverride().detail).object().value(u"superseded"_s).toArray(),
            QJsonArray { flagId });
        QCOMPARE(*SupervisorQueues(m_db->database()).countParkedPushes({}), qint64(0));
    }

    void shouldKeepAReceiptFlaggedAndTakeItOffTheQueue()
    {
        // GIVEN a flagged receipt
        const qint64 receiptId = flaggedReceipt();
        const qint64 flagId = entryOf(receiptId, OutboxKind::Flag).id;

        // WHEN a supervisor keeps it flagged
        QVERIFY(m_service->keepFlagged(receiptId, kSam, u"Refund only the tee; merchant decides"_s));

        // THEN its decision stays Flag, it leaves the queue, the flag still goes and the note follows it
        const Receipt receipt = storedReceipt(receiptId);
        QCOMPARE(receipt.decision->kind, DecisionKind::Flag);
        QCOMPARE(receipt.decision->reasons, QList<ReasonCode> { ReasonCode::MissingItem });
        QCOMPARE(*SupervisorQueues(m_db->database()).countFlagged({}), qint64(0));
        QCOMPARE(status(flagId), OutboxStatus::Pending);
        const QList<OutboxEntry> all = *OutboxRepository(m_db->database()).forReceipt(receiptId);
        QCOMPARE(all.constLast().kind, OutboxKind::Note);
        QVERIFY(!kinds(all).contains(OutboxKind::Process));
        const QJsonObject detail = QJsonDocument::fromJson(lastOverride().detail).object();
        QCOMPARE(detail.value(u"action"_s).toString(), u"keep_flagged"_s);
        QCOMPARE(detail.value(u"note"_s).toString(), u"Refund only the tee; merchant decides"_s);

        // AND it cannot be resolved a second time
        const Status again = m_service->processAnyway(receiptId, kSam, u"Changed my mind"_s);
        QVERIFY(!again);
        QCOMPARE(again.error().code, u"supervisor.receipt.resolved"_s);
        QVERIFY2(again.error().message.contains(u"sam"_s), qPrintable(again.error().message));
    }

    // -- returns ------------------------------------------------------------------------------------------------

    void shouldCloseAReturnAndResolveItsFlaggedReceipt()
    {
        // GIVEN a flagged receipt whose flag has not left
        const qint64 receiptId = flaggedReceipt();
        const qint64 flagId = entryOf(receiptId, OutboxKind::Flag).id;

        // WHEN a supervisor closes the return
        QVERIFY(m_service->closeReturn(m_returnId, kSam, u"Customer keeps the tee, nothing to refund"_s));

        // THEN Loop gets the note, then the close; the flag never goes; the receipt leaves the queue
        const QList<OutboxEntry> all = *OutboxRepository(m_db->database()).forReturn(m_merchantId, kLoopId);
        QCOMPARE(all.at(all.size() - 2).kind, OutboxKind::Note);
        QCOMPARE(all.constLast().kind, OutboxKind::Close);
        QCOMPARE(all.constLast().receiptId, qint64(0));
        QCOMPARE(status(flagId), OutboxStatus::Dismissed);
        QCOMPARE(*SupervisorQueues(m_db->database()).countFlagged({}), qint64(0));
        QCOMPARE(
            SupervisorQueues(m_db->database()).returnDetail(m_returnId)->resolutions.at(0).resolution, u"closed"_s);
        const QJsonObject detail = QJsonDocument::fromJson(lastOverride().detail).object();
        QCOMPARE(detail.value(u"action"_s).toString(), u"close_return"_s);
        QCOMPARE(detail.value(u"resolved_receipts"_s).toArray(), QJsonArray { receiptId });

        // AND a second final call is refused while this one waits
        const Status cancel = m_service->cancelReturn(m_returnId, kSam, u"Cancel instead"_s);
        QVERIFY(!cancel);
        QCOMPARE(cancel.error().code, u"supervisor.final_waiting"_s);
        QVERIFY2(cancel.error().message.contains(u"close"_s), qPrintable(cancel.error().message));
    }

    void shouldCancelAnOpenReturn()
    {
        // WHEN a supervisor cancels a return nobody received
        QVERIFY(m_service->cancelReturn(m_returnId, kSam, u"Shopper asked to cancel by phone"_s));

        // THEN Loop gets the note and the cancel, and it is audited
        const QList<OutboxEntry> all = *OutboxRepository(m_db->database()).forReturn(m_merchantId, kLoopId);
        QCOMPARE(kinds(all), (QList<OutboxKind> { OutboxKind::Note, OutboxKind::Cancel }));
        QCOMPARE(lastOverride().returnId, m_returnId);
        QCOMPARE(
            QJsonDocument::fromJson(lastOverride().detail).object().value(u"action"_s).toString(), u"cancel_return"_s);
    }

    void shouldRefuseToCancelAReturnThatWasFlaggedInLoop()
    {
        // GIVEN a flagged receipt whose flag reached Loop after the last sync
        const qint64 receiptId = flaggedReceipt();
        OutboxRepository outbox(m_db->database());
        m_clock->advance(1000);
        const QList<OutboxEntry> sent = *outbox.forReceipt(receiptId);
        for (const OutboxEntry& entry : sent) {
            QVERIFY(outbox.markAttempt(entry.id, m_clock->now()));
            QVERIFY(outbox.markDone(entry.id, m_clock->now()));
        }

        // WHEN a supervisor cancels it THEN it is refused, with what to do instead
        const Status cancel = m_service->cancelReturn(m_returnId, kSam, u"Cancel it"_s);
        QVERIFY(!cancel);
        QCOMPARE(cancel.error().kind, Error::Kind::Validation);
        QCOMPARE(cancel.error().code, u"supervisor.return.flagged"_s);
        QVERIFY2(cancel.error().message.contains(u"Close it instead"_s), qPrintable(cancel.error().message));
        QCOMPARE(overrideCount(), 0);
        // AND closing it is allowed
        QVERIFY(m_service->closeReturn(m_returnId, kSam, u"Close it then"_s));
    }

    void shouldRefuseWhatLoopRefusesInTheReturnsState_data()
    {
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("code");
        QTest::newRow("close closed") << u"closed"_s << u"close"_s << u"supervisor.return.closed"_s;
        QTest::newRow("close cancelled") << u"cancelled"_s << u"close"_s << u"supervisor.return.cancelled"_s;
        QTest::newRow("cancel cancelled") << u"cancelled"_s << u"cancel"_s << u"supervisor.return.cancelled"_s;
        QTest::newRow("cancel review") << u"review"_s << u"cancel"_s << u"supervisor.return.not_cancellable"_s;
        QTest::newRow("cancel expired") << u"expired"_s << u"cancel"_s << u"supervisor.return.not_cancellable"_s;
        QTest::newRow("process closed") << u"closed"_s << u"process"_s << u"supervisor.return.closed"_s;
        QTest::newRow("process cancelled") << u"cancelled"_s << u"process"_s << u"supervisor.return.not_processable"_s;
    }

    void shouldRefuseWhatLoopRefusesInTheReturnsState()
    {
        QFETCH(QString, state);
        QFETCH(QString, action);
        QFETCH(QString, code);
        // GIVEN a flagged receipt, and the return since synced in this state
        const qint64 receiptId = flaggedReceipt();
        QVERIFY(ReturnRepository(m_db->database())
                    .upsert(ReturnBuilder(m_merchantId, kLoopId)
                                .line(kTee, u"TEE-BLK-M"_s, kTeeBarcode, u"Organic Tee - Black"_s)
                                .state(returnStateFromCode(state))
                                .updatedAt(m_clock->now()),
                        m_clock->now()));
        const qsizetype before = OutboxRepository(m_db->database()).forReturn(m_merchantId, kLoopId)->size();

        // WHEN the supervisor tries
        const Status result = action == u"close"_s ? m_service->closeReturn(m_returnId, kSam, u"Why not"_s)
            : action == u"cancel"_s                ? m_service->cancelReturn(m_returnId, kSam, u"Why not"_s)
                                                   : m_service->processAnyway(receiptId, kSam, u"Why not"_s);

        // THEN it is refused with a message naming the return, and nothing changed
        QVERIFY(!result);
        QCOMPARE(result.error().kind, Error::Kind::Validation);
        QCOMPARE(result.error().code, code);
        QVERIFY2(result.error().message.contains(QString::number(kLoopId)), qPrintable(result.error().message));
        QCOMPARE(OutboxRepository(m_db->database()).forReturn(m_merchantId, kLoopId)->size(), before);
        QCOMPARE(*SupervisorQueues(m_db->database()).countFlagged({}), qint64(1));
        QCOMPARE(overrideCount(), 0);
    }

    // -- unknown packages ---------------------------------------------------------------------------------------

    void shouldRelinkAnUnknownPackageToItsReturnByHand()
    {
        // GIVEN a package in the exception queue
        UnknownPackage package;
        package.rawScan = u"]C1420088101402\u001d9400111202555842332669"_s;
        package.note = u"Blue box"_s;
        const qint64 packageId = *UnknownPackageRepository(m_db->database()).add(package);

        // WHEN a supervisor relinks it to a return that does not exist THEN it is refused and stays open
        const Status wrong = m_service->relinkUnknownPackage(packageId, m_returnId + 1000, kSam, u"Slip says so"_s);
        QVERIFY(!wrong);
        QCOMPARE(wrong.error().code, u"supervisor.return.unknown"_s);
        QCOMPARE(UnknownPackageRepository(m_db->database()).list(UnknownPackage::Status::Open)->size(), 1);

        // WHEN relinked to the right return
        QVERIFY(m_service->relinkUnknownPackage(packageId, m_returnId, kSam, u"Packing slip names order #1042"_s));

        // THEN it is matched to it, audited with its raw scan, and nothing goes to Loop
        const auto matched = *UnknownPackageRepository(m_db->database()).list(UnknownPackage::Status::Matched);
        QCOMPARE(matched.size(), 1);
        QCOMPARE(matched.at(0).matchedReturnId, m_returnId);
        QCOMPARE(matched.at(0).matchedAt, m_clock->now());
        QCOMPARE(*SupervisorQueues(m_db->database()).countUnknownPackages({}), qint64(0));
        const AuditEvent event = lastOverride();
        QCOMPARE(event.rawScan, package.rawScan);
        QCOMPARE(event.returnId, m_returnId);
        QCOMPARE(QJsonDocument::fromJson(event.detail).object().value(u"unknown_package"_s).toInteger(), packageId);
        QVERIFY(OutboxRepository(m_db->database()).forReturn(m_merchantId, kLoopId)->isEmpty());

        // AND a matched package cannot be relinked
        const Status again = m_service->relinkUnknownPackage(packageId, m_returnId, kSam, u"Again"_s);
        QVERIFY(!again);
        QCOMPARE(again.error().code, u"supervisor.unknown.matched"_s);
        QVERIFY2(again.error().message.contains(QString::number(kLoopId)), qPrintable(again.error().message));
    }

    // -- parked pushes ------------------------------------------------------------------------------------------

    void shouldRetryAParkedPushDueNowWithItsAttemptsKept()
    {
        // GIVEN a process call parked after two attempts
        OutboxRepository outbox(m_db->database());
        const qint64 id = queue(OutboxKind::Process);
        QVERIFY(outbox.markAttempt(id, m_clock->now()));
        QVERIFY(outbox.markAttempt(id, m_clock->now()));
        QVERIFY(outbox.park(id, u"Unconfirmed: the answer was lost"_s, m_clock->now()));
        m_clock->advance(3600'000);

        // WHEN a supervisor retries it
        QVERIFY(m_service->retryParkedPush(id, kSam, u"Checked Loop Admin: not processed"_s));

        // THEN it is pending, due now, with its attempts kept, and the audit tells the dispatcher they are settled
        const OutboxEntry retried = entry(id);
        QCOMPARE(retried.status, OutboxStatus::Pending);
        QCOMPARE(retried.nextAttemptAt, m_clock->now());
        QCOMPARE(retried.attempts, 2);
        QCOMPARE(outbox.due(m_clock->now(), 10)->size(), 1);
        const QJsonObject detail = QJsonDocument::fromJson(lastOverride().detail).object();
        QCOMPARE(detail.value(u"action"_s).toString(), u"retry_parked_push"_s);
        QCOMPARE(detail.value(u"entry"_s).toInteger(), id);
        QCOMPARE(detail.value(u"attempts_settled"_s).toInt(), 2);
        QCOMPARE(*SupervisorQueues(m_db->database()).countParkedPushes({}), qint64(0));

        // AND an entry that is not parked cannot be retried or dismissed
        for (const bool retry : { true, false }) {
            const Status again = retry ? m_service->retryParkedPush(id, kSam, u"Again"_s)
                                       : m_service->dismissParkedPush(id, kSam, u"Again"_s);
            QVERIFY(!again);
            QCOMPARE(again.error().code, u"supervisor.outbox.not_parked"_s);
            QVERIFY2(again.error().message.contains(u"pending"_s), qPrintable(again.error().message));
        }
    }

    void shouldDismissAParkedPushAndLetTheCallsBehindItGo()
    {
        // GIVEN a parked process call with a note waiting behind it
        OutboxRepository outbox(m_db->database());
        const qint64 parked = queue(OutboxKind::Process);
        const qint64 behind = queue(OutboxKind::Note, LoopJson::noteBody(u"Received"_s));
        QVERIFY(outbox.park(parked, u"Return is cancelled and therefore cannot be processed."_s, m_clock->now()));
        QVERIFY(outbox.due(m_clock->now(), 10)->isEmpty());
        const DatabaseSummary before = *DatabaseSummary::read(m_db->database());
        QCOMPARE(before.parkedPushes, qint64(1));
        // (the station's outbox indicator lists them per merchant)
        QCOMPARE(before.pushesByMerchant.size(), 1);
        QCOMPARE(before.pushesByMerchant.at(0).pending, qint64(1));
        QCOMPARE(before.pushesByMerchant.at(0).parked, qint64(1));
        QVERIFY(!before.pushesByMerchant.at(0).merchantName.isEmpty());

        // WHEN a supervisor dismisses it
        QVERIFY(m_service->dismissParkedPush(parked, kSam, u"Cancelled in Loop Admin already"_s));

        // THEN it is settled without being sent, its error kept, and the note behind it is due
        const OutboxEntry dismissed = entry(parked);
        QCOMPARE(dismissed.status, OutboxStatus::Dismissed);
        QCOMPARE(dismissed.attempts, 0);
        QVERIFY(dismissed.lastError.contains(u"cancelled"_s));
        const auto due = *outbox.due(m_clock->now(), 10);
        QCOMPARE(due.size(), 1);
        QCOMPARE(due.at(0).id, behind);
        // AND the counts see it as neither pending nor parked
        const DatabaseSummary summary = *DatabaseSummary::read(m_db->database());
        QCOMPARE(summary.parkedPushes, qint64(0));
        QCOMPARE(summary.pendingPushes, qint64(1));
        QCOMPARE(outbox.countByStatus()->value(OutboxStatus::Dismissed), 1);
        QCOMPARE(QJsonDocument::fromJson(lastOverride().detail).object().value(u"action"_s).toString(),
            u"dismiss_parked_push"_s);
        // AND a settled entry takes no attempt, so nothing can send it
        const Status attempt = outbox.markAttempt(parked, m_clock->now());
        QVERIFY(!attempt);
        QCOMPARE(attempt.error().code, u"outbox.settled"_s);
    }

    // -- refusals -----------------------------------------------------------------------------------------------

    void shouldRefuseAnEmptyNoteOrUserAndUnknownIdsChangingNothing()
    {
        // GIVEN a flagged receipt, a parked call and an unknown package
        const qint64 receiptId = flaggedReceipt();
        const qint64 parked = queue(OutboxKind::Note, LoopJson::noteBody(u"x"_s));
        QVERIFY(OutboxRepository(m_db->database()).park(parked, u"refused"_s, m_clock->now()));
        UnknownPackage package;
        package.rawScan = u"1Z999AA10123456784"_s;
        const qint64 packageId = *UnknownPackageRepository(m_db->database()).add(package);
        const qint64 processed = processedReceipt();
        const qsizetype entries = OutboxRepository(m_db->database()).list(std::nullopt, 1000)->size();

        const QList<std::pair<QString, std::function<Status(const SupervisorActor&, const QString&)>>> actions {
            { u"process"_s,
                [&](auto& who, auto& note) {
                    return m_service->processAnyway(receiptId, who, note);
                } },
            { u"keep"_s,
                [&](auto& who, auto& note) {
                    return m_service->keepFlagged(receiptId, who, note);
                } },
            { u"close"_s,
                [&](auto& who, auto& note) {
                    return m_service->closeReturn(m_returnId, who, note);
                } },
            { u"cancel"_s,
                [&](auto& who, auto& note) {
                    return m_service->cancelReturn(m_returnId, who, note);
                } },
            { u"relink"_s,
                [&](auto& who, auto& note) {
                    return m_service->relinkUnknownPackage(packageId, m_returnId, who, note);
                } },
            { u"retry"_s,
                [&](auto& who, auto& note) {
                    return m_service->retryParkedPush(parked, who, note);
                } },
            { u"dismiss"_s,
                [&](auto& who, auto& note) {
                    return m_service->dismissParkedPush(parked, who, note);
                } },
        };
        for (const auto& [name, act] : actions) {
            // WHEN an action comes without a note, or without a name
            for (const QString& note : { QString(), u"   "_s }) {
                const Status result = act(kSam, note);
                // THEN it is refused, saying what to do
                QVERIFY2(!result, qPrintable(name));
                QCOMPARE(result.error().kind, Error::Kind::Validation);
                QCOMPARE(result.error().code, u"supervisor.note.empty"_s);
                QVERIFY(result.error().message.contains(u"Write a note"_s));
            }
            const Status anonymous = act({ u"office-1"_s, u" "_s }, u"A good reason"_s);
            QVERIFY2(!anonymous, qPrintable(name));
            QCOMPARE(anonymous.error().code, u"supervisor.user.empty"_s);
        }
        // WHEN the ids are unknown THEN each says which id and where to pick it again
        const QList<std::pair<Status, QString>> unknown {
            { m_service->processAnyway(receiptId + 1000, kSam, u"n"_s), u"supervisor.receipt.unknown"_s },
            { m_service->keepFlagged(receiptId + 1000, kSam, u"n"_s), u"supervisor.receipt.unknown"_s },
            { m_service->closeReturn(m_returnId + 1000, kSam, u"n"_s), u"supervisor.return.unknown"_s },
            { m_service->cancelReturn(m_returnId + 1000, kSam, u"n"_s), u"supervisor.return.unknown"_s },
            { m_service->relinkUnknownPackage(packageId + 1000, m_returnId, kSam, u"n"_s),
                u"supervisor.unknown.unknown"_s },
            { m_service->retryParkedPush(parked + 1000, kSam, u"n"_s), u"supervisor.outbox.unknown"_s },
            { m_service->dismissParkedPush(parked + 1000, kSam, u"n"_s), u"supervisor.outbox.unknown"_s },
        };
        for (const auto& [result, code] : unknown) {
            QVERIFY2(!result, qPrintable(code));
            QCOMPARE(result.error().kind, Error::Kind::Validation);
            QCOMPARE(result.error().code, code);
        }
        // AND a receipt that was not flagged cannot be processed anyway
        const Status notFlagged = m_service->processAnyway(processed, kSam, u"n"_s);
        QVERIFY(!notFlagged);
        QCOMPARE(notFlagged.error().code, u"supervisor.receipt.not_flagged"_s);
        // AND nothing changed anywhere
        QCOMPARE(overrideCount(), 0);
        QCOMPARE(OutboxRepository(m_db->database()).list(std::nullopt, 1000)->size(), entries);
        QCOMPARE(*SupervisorQueues(m_db->database()).countFlagged({}), qint64(1));
        QCOMPARE(*SupervisorQueues(m_db->database()).countUnknownPackages({}), qint64(1));
        QCOMPARE(*SupervisorQueues(m_db->database()).countParkedPushes({}), qint64(1));
    }

    // -- end to end against loop-sim ----------------------------------------------------------------------------

    void shouldProcessAFlaggedReturnExactlyOnceInLoopAfterTheOverride()
    {
        // GIVEN a merchant that lets Loop process flagged returns, and a delivered two-item return received
        // with one item missing: flagged, and the flag already in Loop
        startSim({ u"--allow-flagged-process"_s });
        const auto [loopId, localId] = receivedWithAMissingItem();
        const qint64 receiptId = flagEntries(localId).first;
        startDispatcher();
        QTRY_VERIFY_WITH_TIMEOUT(allSettled(loopId), 20'000);
        QCOMPARE(truthOf(loopId).value(u"state"_s).toString(), u"review"_s);

        // WHEN a supervisor processes it anyway and the dispatcher drains
        QVERIFY(m_service->processAnyway(receiptId, kSam, u"Customer confirmed the second item is lost in transit"_s));
        m_dispatcher->wake();

        // THEN Loop received exactly one process call and closed the return, with the supervisor's note
        const qint64 processId = entryOf(receiptId, OutboxKind::Process).id;
        QTRY_COMPARE_WITH_TIMEOUT(status(processId), OutboxStatus::Done, 30'000);
        const QJsonObject truth = truthOf(loopId);
        QCOMPARE(truth.value(u"process"_s).toObject().value(u"calls_received"_s).toInt(), 1);
        QCOMPARE(truth.value(u"state"_s).toString(), u"closed"_s);
        QVERIFY(noteTexts(truth).contains(
            u"Warehouse supervisor: Customer confirmed the second item is lost in transit"_s));
        // AND the return is closed here too, the receipt says Process, and nothing is left to send
        QCOMPARE((*ReturnRepository(m_db->database()).find(localId))->state, ReturnState::Closed);
        QCOMPARE(storedReceipt(receiptId).decision->kind, DecisionKind::Process);
        QVERIFY(allSettled(loopId));
    }

    void shouldProcessBeforeTheFlagLeavesSoLoopNeverSeesTheFlag()
    {
        // GIVEN Loop's default: flagged returns are not processed; a receipt flagged but nothing sent yet
        startSim({});
        const auto [loopId, localId] = receivedWithAMissingItem();
        const qint64 receiptId = flagEntries(localId).first;

        // WHEN a supervisor processes it anyway before the dispatcher runs
        QVERIFY(m_service->processAnyway(receiptId, kSam, u"Second item was in another box"_s));
        startDispatcher();

        // THEN the flag never reaches Loop and the return closes after exactly one process call
        const qint64 processId = entryOf(receiptId, OutboxKind::Process).id;
        QTRY_COMPARE_WITH_TIMEOUT(status(processId), OutboxStatus::Done, 30'000);
        const QJsonObject truth = truthOf(loopId);
        QCOMPARE(truth.value(u"process"_s).toObject().value(u"calls_received"_s).toInt(), 1);
        QCOMPARE(truth.value(u"state"_s).toString(), u"closed"_s);
        QVERIFY(!truth.value(u"flagged"_s).toBool());
        for (const QJsonValue& call : truth.value(u"actions"_s).toArray())
            QVERIFY(call.toObject().value(u"action"_s).toString() != u"flag"_s);
        QCOMPARE((*ReturnRepository(m_db->database()).find(localId))->state, ReturnState::Closed);
    }

    void shouldParkTheOverrideWhereLoopRefusesFlaggedReturnsAndCloseAfterADismiss()
    {
        // GIVEN Loop's default (no processing of flagged returns) and a flagged return already flagged in Loop
        startSim({});
        const auto [loopId, localId] = receivedWithAMissingItem();
        const qint64 receiptId = flagEntries(localId).first;
        startDispatcher();
        QTRY_VERIFY_WITH_TIMEOUT(allSettled(loopId), 20'000);

        // WHEN a supervisor processes it anyway
        QVERIFY(m_service->processAnyway(receiptId, kSam, u"Process it"_s));
        m_dispatcher->wake();

        // THEN Loop refuses and the process call is parked with Loop's words; nothing was processed
        const qint64 processId = entryOf(receiptId, OutboxKind::Process).id;
        QTRY_COMPARE_WITH_TIMEOUT(status(processId), OutboxStatus::Parked, 30'000);
        QVERIFY2(entry(processId).lastError.contains(u"Return is review and therefore cannot be processed."_s),
            qPrintable(entry(processId).lastError));
        QCOMPARE(truthOf(loopId).value(u"process"_s).toObject().value(u"calls_accepted"_s).toInt(), 0);
        // AND closing is refused while that parked call stands
        const Status blocked = m_service->closeReturn(localId, kSam, u"Close"_s);
        QVERIFY(!blocked);
        QCOMPARE(blocked.error().code, u"supervisor.final_waiting"_s);

        // WHEN the supervisor dismisses it and closes the return instead
        QVERIFY(m_service->dismissParkedPush(processId, kSam, u"Loop will not process it; closing"_s));
        QVERIFY(m_service->closeReturn(localId, kSam, u"Closed without outcomes, agreed with the merchant"_s));
        m_dispatcher->wake();

        // THEN Loop closes it, without a process call
        QTRY_VERIFY_WITH_TIMEOUT(allSettled(loopId), 30'000);
        const QJsonObject truth = truthOf(loopId);
        QCOMPARE(truth.value(u"state"_s).toString(), u"closed"_s);
        QCOMPARE(truth.value(u"process"_s).toObject().value(u"calls_accepted"_s).toInt(), 0);
        QCOMPARE(status(processId), OutboxStatus::Dismissed);
    }

private:
    // A receipt of the fixture's return: the tee received in grade A, the tote missing, so flagged.
    qint64 flaggedReceipt()
    {
        ReceivingService receiving(m_db->database(), *m_clock);
        auto session = receiving.open(m_returnId, u"bench-1"_s, u"maria"_s);
        if (!session)
            qFatal("cannot open: %s", qPrintable(describe(session.error())));
        const auto scanned = (*session)->scan(kTeeBarcode);
        if (!scanned || !(*session)->setCondition(scanned->key, Condition::GradeA))
            qFatal("cannot scan the tee");
        const auto outcome = (*session)->submit();
        if (!outcome || outcome->evaluation.decision.kind != DecisionKind::Flag)
            qFatal("the receipt was not flagged");
        return outcome->receipt.id;
    }

    // A receipt of another return, decided Process.
    qint64 processedReceipt()
    {
        ReturnRepository returns(m_db->database());
        if (!returns.upsert(ReturnBuilder(m_merchantId, kLoopId + 1).labelStatus(u"delivered"_s), m_clock->now()))
            qFatal("cannot store return");
        const qint64 other = (*returns.findByLoopId(m_merchantId, kLoopId + 1))->id;
        ReceivingService receiving(m_db->database(), *m_clock);
        auto session = receiving.open(other, u"bench-1"_s, u"maria"_s);
        if (!session)
            qFatal("cannot open: %s", qPrintable(describe(session.error())));
        const auto scanned = (*session)->scan(u"0123456789012"_s);
        if (!scanned || !(*session)->setCondition(scanned->key, Condition::GradeA))
            qFatal("cannot scan the tote");
        const auto outcome = (*session)->submit();
        if (!outcome || outcome->evaluation.decision.kind != DecisionKind::Process)
            qFatal("the receipt was not processed");
        return outcome->receipt.id;
    }

    qint64 queue(OutboxKind kind, const QByteArray& payload = "{}")
    {
        OutboxEntry value;
        value.merchantId = m_merchantId;
        value.returnId = m_returnId;
        value.loopReturnId = kLoopId;
        value.kind = kind;
        value.payload = payload;
        value.createdAt = m_clock->now();
        return *OutboxRepository(m_db->database()).enqueue(value);
    }

    Receipt storedReceipt(qint64 id)
    {
        const auto found = ReceiptRepository(m_db->database()).find(id);
        return found && found->has_value() ? **found : Receipt {};
    }

    OutboxEntry entry(qint64 id)
    {
        const auto found = OutboxRepository(m_db->database()).find(id);
        return found && found->has_value() ? **found : OutboxEntry {};
    }

    OutboxStatus status(qint64 id) { return entry(id).status; }

    OutboxEntry entryOf(qint64 receiptId, OutboxKind kind)
    {
        for (const OutboxEntry& candidate :
            OutboxRepository(m_db->database()).forReceipt(receiptId).value_or(QList<OutboxEntry>())) {
            if (candidate.kind == kind)
                return candidate;
        }
        return {};
    }

    static QList<OutboxKind> kinds(const QList<OutboxEntry>& entries)
    {
        QList<OutboxKind> out;
        for (const OutboxEntry& candidate : entries)
            out << candidate.kind;
        return out;
    }

    AuditEvent lastOverride()
    {
        const auto events = AuditRepository(m_db->database()).recent(1000);
        for (const AuditEvent& event : events.value_or(QList<AuditEvent>())) {
            if (event.action == u"override"_s)
                return event;
        }
        return {};
    }

    int overrideCount()
    {
        int count = 0;
        for (const AuditEvent& event : AuditRepository(m_db->database()).recent(1000).value_or(QList<AuditEvent>()))
            count += event.action == u"override"_s ? 1 : 0;
        return count;
    }

    // -- loop-sim -----------------------------------------------------------------------------------------------

    // The end-to-end tests run on the wall clock: the dispatcher sends what is due by it.
    void startSim(const QStringList& extra)
    {
        m_service = std::make_unique<SupervisorService>(m_db->database(), m_wallClock);
        m_sim = std::make_unique<LoopSimProcess>();
        QVERIFY2(m_sim->start(QStringList { u"--returns"_s, u"0"_s, u"--process-delay-ms"_s, u"200"_s } + extra),
            qPrintable(m_sim->errorString()));
    }

    LoopClient::Options clientOptions() const
    {
        LoopClient::Options options;
        QUrl base = m_sim->baseUrl();
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

    // A delivered two-item return created in Loop, read from Loop and stored here, then received with the
    // second item missing: a flagged receipt whose calls wait in the outbox.
    std::pair<qint64, qint64> receivedWithAMissingItem()
    {
        const QJsonObject created = m_sim
                                        ->control("POST", u"returns"_s,
                                            "{\"state\":\"open\",\"label_status\":\"delivered\",\"line_item_count\":2}")
                                        .object();
        const qint64 loopId = created.value(u"id"_s).toInteger();
        LoopClient client(clientOptions(), m_wallClock);
        std::optional<Result<Return>> fetched;
        client.returnById(loopId, this, [&fetched](Result<Return> value) { fetched = std::move(value); });
        if (!QTest::qWaitFor([&fetched] { return fetched.has_value(); }, 20'000) || !*fetched)
            qFatal("cannot read return %lld from the simulator", loopId);
        Return held = **fetched;
        held.merchantId = m_merchantId;
        ReturnRepository returns(m_db->database());
        if (!returns.upsert(held, m_wallClock.now()))
            qFatal("cannot store return %lld", loopId);
        const qint64 localId = (*returns.findByLoopId(m_merchantId, loopId))->id;

        ReceivingService receiving(m_db->database(), m_wallClock);
        auto session = receiving.open(localId, u"bench-1"_s, u"maria"_s);
        if (!session)
            qFatal("cannot open: %s", qPrintable(describe(session.error())));
        const QString first = created.value(u"line_items"_s).toArray().at(0).toObject().value(u"barcode"_s).toString();
        const auto scanned = (*session)->scan(first);
        if (!scanned || !(*session)->setCondition(scanned->key, Condition::GradeA))
            qFatal("cannot scan %s", qPrintable(first));
        const auto outcome = (*session)->submit();
        if (!outcome || outcome->evaluation.decision.kind != DecisionKind::Flag
            || !outcome->evaluation.decision.reasons.contains(ReasonCode::MissingItem))
            qFatal("the receipt was not flagged for a missing item");
        return { loopId, localId };
    }

    // The flagged receipt of a return and its flag entry.
    std::pair<qint64, qint64> flagEntries(qint64 localId)
    {
        for (const Receipt& receipt :
            ReceiptRepository(m_db->database()).forReturn(localId).value_or(QList<Receipt>())) {
            if (receipt.decision && receipt.decision->kind == DecisionKind::Flag)
                return { receipt.id, entryOf(receipt.id, OutboxKind::Flag).id };
        }
        return { 0, 0 };
    }

    void startDispatcher()
    {
        OutboxSettings settings;
        settings.stationId = u"station-test"_s;
        settings.lookIntervalMs = 50;
        settings.retryBaseMs = 50;
        settings.retryMaxMs = 300;
        settings.confirmFirstPollMs = 50;
        settings.confirmMaxPollMs = 300;
        settings.confirmWindowMs = 8'000;
        m_dispatcher = std::make_unique<OutboxDispatcher>(m_db->database(), m_wallClock, settings,
            [this](qint64, QObject* parent) { return new LoopClient(clientOptions(), m_wallClock, parent); });
        m_dispatcher->start();
    }

    // Nothing of this return is pending any more.
    bool allSettled(qint64 loopId)
    {
        const auto entries = OutboxRepository(m_db->database()).forReturn(m_merchantId, loopId);
        if (!entries || entries->isEmpty())
            return false;
        return std::none_of(entries->cbegin(), entries->cend(),
            [](const OutboxEntry& candidate) { return candidate.status == OutboxStatus::Pending; });
    }

    QJsonObject truthOf(qint64 loopId) { return m_sim->control("GET", u"returns/%1"_s.arg(loopId)).object(); }

    static QStringList noteTexts(const QJsonObject& truth)
    {
        QStringList out;
        for (const QJsonValue& note : truth.value(u"notes"_s).toArray())
            out << note.toObject().value(u"content"_s).toString();
        return out;
    }

    std::unique_ptr<TempDatabase> m_db;
    std::unique_ptr<FakeClock> m_clock;
    SystemClock m_wallClock;
    std::unique_ptr<SupervisorService> m_service;
    std::unique_ptr<LoopSimProcess> m_sim;
    std::unique_ptr<OutboxDispatcher> m_dispatcher;
    qint64 m_merchantId = 0;
    qint64 m_returnId = 0;
};

QTEST_GUILESS_MAIN(TestSupervisorService)
#include "TestSupervisorService.moc"
