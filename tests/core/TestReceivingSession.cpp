#include "Builders.h"
#include "FakeClock.h"
#include "TempDatabase.h"
#include "loop/LoopJson.h"
#include "receiving/ReceivingService.h"
#include "receiving/ReceivingSession.h"
#include "storage/AuditRepository.h"
#include "storage/ClaimRepository.h"
#include "storage/MerchantRepository.h"
#include "storage/MerchantRulesRepository.h"
#include "storage/OutboxRepository.h"
#include "storage/ReceiptRepository.h"
#include "storage/ReturnRepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;
using namespace Dockside::Testing;

namespace {
constexpr qint64 kTote = 55500101;
constexpr qint64 kTee = 55500102;
constexpr qint64 kSock1 = 55500103;
constexpr qint64 kSock2 = 55500104;
constexpr qint64 kLoopId = 41000007;
const QString kSockBarcode = u"0400000000017"_s;
constexpr qint64 kFifteenMinutes = 15 * 60 * 1000;

QString describe(const Error& error)
{
    return error.toLogString();
}
} // namespace

class TestReceivingSession final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TempDatabase::addBackendRows(); }

    void init()
    {
        DOCKSIDE_OPEN_TEST_DATABASE(m_db);
        m_clock = std::make_unique<FakeClock>();
        const Result<qint64> merchantId = MerchantRepository(m_db->database()).insert(merchant(u"Acme"_s));
        QVERIFY(merchantId);
        m_merchantId = *merchantId;
        // A delivered, open return: a tote, a tee and two pairs of the same socks (one SKU, one barcode).
        ReturnRepository returns(m_db->database());
        QVERIFY(returns.upsert(ReturnBuilder(m_merchantId, kLoopId)
                                   .line(kTee, u"TEE-BLK-M"_s, u"0012345678905"_s, u"Organic Tee - Black"_s)
                                   .line(kSock1, u"SOCK-GRY"_s, kSockBarcode, u"Wool Socks"_s)
                                   .line(kSock2, u"SOCK-GRY"_s, kSockBarcode, u"Wool Socks"_s)
                                   .labelStatus(u"delivered"_s),
            m_clock->now()));
        m_returnId = (**returns.findByLoopId(m_merchantId, kLoopId)).id;
        m_service = std::make_unique<ReceivingService>(m_db->database(), *m_clock);
    }

    void cleanup()
    {
        m_service.reset();
        m_db.reset();
    }

    // -- claims -------------------------------------------------------------------------------------------------

    void shouldRefuseASecondStationNamingTheFirst()
    {
        // GIVEN maria receives the return at bench 1
        auto first = open(u"bench-1"_s, u"maria"_s);
        QVERIFY(first);
        // WHEN jon opens it at bench 2
        const auto second = m_service->open(m_returnId, u"bench-2"_s, u"jon"_s);
        // THEN he is told who has it and until when
        QVERIFY(!second);
        QCOMPARE(second.error().kind, Error::Kind::Validation);
        QCOMPARE(second.error().code, u"receiving.claimed"_s);
        QVERIFY2(second.error().message.contains(u"bench-1"_s), qPrintable(second.error().message));
        QVERIFY(second.error().message.contains(u"maria"_s));
        QVERIFY(second.error().message.contains(u"2026-11-02T09:15:00Z"_s));
        QVERIFY(second.error().message.contains(QString::number(kLoopId)));
    }

    void shouldReopenFreelyAtTheSameStation()
    {
        auto first = open(u"bench-1"_s, u"maria"_s);
        QVERIFY(first);
        m_clock->advance(60'000);
        auto again = m_service->open(m_returnId, u"bench-1"_s, u"maria"_s);
        QVERIFY2(again, qPrintable(again ? QString() : describe(again.error())));
    }

    void shouldLetAnotherStationTakeOverAnExpiredClaim()
    {
        // GIVEN bench 1 opened the return and then went quiet
        auto first = open(u"bench-1"_s, u"maria"_s);
        QVERIFY(first);
        // WHEN the claim lapses and bench 2 opens it
        m_clock->advance(kFifteenMinutes);
        auto second = m_service->open(m_returnId, u"bench-2"_s, u"jon"_s);
        QVERIFY2(second, qPrintable(second ? QString() : describe(second.error())));
        // THEN bench 1's next scan fails, naming the station that took over, instead of being lost at submit
        const auto scan = (*first)->scan(u"0123456789012"_s);
        QVERIFY(!scan);
        QCOMPARE(scan.error().code, u"receiving.claim_lost"_s);
        QVERIFY(scan.error().message.contains(u"bench-2"_s));
        QVERIFY((*first)->units().isEmpty());
    }

    void shouldRenewTheClaimOnActivity()
    {
        // GIVEN bench 1 scans an item ten minutes after opening
        auto first = open(u"bench-1"_s, u"maria"_s);
        QVERIFY(first);
        m_clock->advance(10 * 60'000);
        QVERIFY((*first)->scan(u"0123456789012"_s));
        QCOMPARE((*first)->claim().expiresAt, m_clock->now().addMSecs(kFifteenMinutes));
        // WHEN bench 2 tries 20 minutes after the opening
        m_clock->advance(10 * 60'000);
        // THEN the claim is still alive
        const auto second = m_service->open(m_returnId, u"bench-2"_s, u"jon"_s);
        QVERIFY(!second);
        QCOMPARE(second.error().code, u"receiving.claimed"_s);
        // AND an explicit renewal works too
        QVERIFY((*first)->renewClaim());
        QCOMPARE((**ClaimRepository(m_db->database()).current(m_returnId)).expiresAt,
            m_clock->now().addMSecs(kFifteenMinutes));
    }

    // -- scanning -----------------------------------------------------------------------------------------------

    void shouldMatchItemsByBarcodeThenBySku()
    {
        auto session = open(u"bench-1"_s, u"maria"_s);
        QVERIFY(session);
        // WHEN the tote's barcode (with scanner padding) and the tee's SKU (lower case) are scanned
        const auto tote = (*session)->scan(u" 0123456789012\r"_s);
        const auto tee = (*session)->scan(u"tee-blk-m"_s);
        // THEN each is assigned to its line
        QVERIFY(tote && tee);
        QCOMPARE(tote->kind, ReceivingSession::UnitKind::Expected);
        QCOMPARE(tote->lineItemId, kTote);
        QCOMPARE(tee->kind, ReceivingSession::UnitKind::Expected);
        QCOMPARE(tee->lineItemId, kTee);
        QCOMPARE(tee->title, u"Organic Tee - Black"_s);
        // AND recorded as the scanner sent it, by this station and user, at this time
        const QList<ReceivingSession::Unit> units = (*session)->units();
        QCOMPARE(units.size(), 2);
        QCOMPARE(units[0].line.scannedCode, u" 0123456789012\r"_s);
        QCOMPARE(units[0].line.station, u"bench-1"_s);
        QCOMPARE(units[0].line.user, u"maria"_s);
        QCOMPARE(units[0].line.recordedAt, m_clock->now());
        // AND each scan is in the audit trail as it happened
        const auto events = AuditRepository(m_db->database()).forReturn(m_returnId);
        QVERIFY(events);
        QCOMPARE(events->size(), 2);
        QCOMPARE(events->at(0).action, u"scan"_s);
        QCOMPARE(events->at(0).rawScan, u" 0123456789012\r"_s);
        QCOMPARE(events->at(0).station, u"bench-1"_s);
    }

    void shouldFillSameCodeLineItemsBeforeCallingAUnitOverQuantity()
    {
        auto session = open(u"bench-1"_s, u"maria"_s);
        QVERIFY(session);
        // WHEN three units of the sock barcode are scanned for two sock line items
        const auto first = (*session)->scan(kSockBarcode);
        const auto second = (*session)->scan(kSockBarcode);
        const auto third = (*session)->scan(kSockBarcode);
        // THEN each line item gets one, and the third is over quantity on the first
        QVERIFY(first && second && third);
        QCOMPARE(first->lineItemId, kSock1);
        QCOMPARE(first->kind, ReceivingSession::UnitKind::Expected);
        QCOMPARE(second->lineItemId, kSock2);
        QCOMPARE(second->kind, ReceivingSession::UnitKind::Expected);
        QCOMPARE(third->lineItemId, kSock1);
        QCOMPARE(third->kind, ReceivingSession::UnitKind::OverQuantity);
    }

    void shouldRecordAScanThatMatchesNothingAsUnexpected()
    {
        auto session = open(u"bench-1"_s, u"maria"_s);
        QVERIFY(session);
        const auto stray = (*session)->scan(u"0099999999994"_s);
        QVERIFY(stray);
        QCOMPARE(stray->kind, ReceivingSession::UnitKind::Unexpected);
        QVERIFY(!stray->lineItemId);
        QVERIFY(!(*session)->scan(u"  "_s));
    }

    void shouldMarkLinesMissingUntilTheItemTurnsUp()
    {
        auto session = open(u"bench-1"_s, u"maria"_s);
        QVERIFY(session);
        // GIVEN the tee marked missing
        QVERIFY((*session)->markMissing(kTee));
        QVERIFY((*session)->markMissing(kTee)); // idempotent
        QCOMPARE((*session)->units().size(), 1);
        QCOMPARE((*session)->units()[0].kind, ReceivingSession::UnitKind::Missing);
        QCOMPARE((*session)->units()[0].line.condition, Condition::Missing);
        QVERIFY(!(*session)->markMissing(999)); // not a line of this return
        // WHEN the tee is scanned after all
        const auto tee = (*session)->scan(u"0012345678905"_s);
        // THEN the scan replaces the mark
        QVERIFY(tee);
        QCOMPARE(tee->kind, ReceivingSession::UnitKind::Expected);
        QCOMPARE((*session)->units().size(), 1);
        QCOMPARE((*session)->units()[0].kind, ReceivingSession::UnitKind::Expected);
        // AND a scanned line cannot be marked missing
        const Status marked = (*session)->markMissing(kTee);
        QVERIFY(!marked);
        QCOMPARE(marked.error().code, u"receiving.line.scanned"_s);
        // AND undoing the scan restores the mark
        QVERIFY((*session)->undoLastScan());
        QCOMPARE((*session)->units().size(), 1);
        QCOMPARE((*session)->units()[0].kind, ReceivingSession::UnitKind::Missing);
        QVERIFY((*session)->unmarkMissing(kTee));
        QVERIFY((*session)->units().isEmpty());
    }

    void shouldUndoTheLastScan()
    {
        auto session = open(u"bench-1"_s, u"maria"_s);
        QVERIFY(session);
        // GIVEN the tote and then the tee scanned, and the tote graded
        const auto tote = (*session)->scan(u"0123456789012"_s);
        QVERIFY(tote);
        QVERIFY((*session)->scan(u"0012345678905"_s));
        QVERIFY((*session)->setCondition(tote->key, Condition::GradeB));
        // WHEN the last scan is undone
        const auto undone = (*session)->undoLastScan();
        // THEN the tee is gone and the tote keeps its grade
        QVERIFY(undone);
        QCOMPARE(undone->lineItemId, kTee);
        QCOMPARE((*session)->units().size(), 1);
        QCOMPARE((*session)->units()[0].line.lineItemId, kTote);
        QCOMPARE((*session)->units()[0].line.condition, Condition::GradeB);
        // AND the next scan of the tee takes its line again
        const auto again = (*session)->scan(u"0012345678905"_s);
        QVERIFY(again && again->kind == ReceivingSession::UnitKind::Expected);
        // AND undo goes back scan by scan until there is nothing left
        QVERIFY((*session)->undoLastScan());
        QVERIFY((*session)->undoLastScan());
        const auto nothing = (*session)->undoLastScan();
        QVERIFY(!nothing);
        QCOMPARE(nothing.error().code, u"receiving.undo.nothing"_s);
        // AND undos are audited
        const auto events = AuditRepository(m_db->database()).forReturn(m_returnId);
        QVERIFY(events);
        QCOMPARE(std::count_if(
                     events->cbegin(), events->cend(), [](const AuditEvent& e) { return e.action == u"scan_undo"_s; }),
            3);
    }

    void shouldRefuseToOpenWhenTheMerchantsRulesAreUnreadable()
    {
        // GIVEN stored rules that no longer read (the defaults might process what the merchant wants flagged)
        QVERIFY(exec(u"INSERT INTO \"merchant_rules\" (\"merchant_id\", \"rules\", \"updated_at\") VALUES (%1, "
                     u"'{\"auto_process\":\"no\"}', 0)"_s.arg(m_merchantId)));
        // WHEN the return is opened
        const auto session = m_service->open(m_returnId, u"bench-1"_s, u"maria"_s);
        // THEN receiving is refused, saying why
        QVERIFY(!session);
        QCOMPARE(session.error().code, u"rules.invalid"_s);
        QVERIFY(!*ClaimRepository(m_db->database()).current(m_returnId));
    }

    // -- submit -------------------------------------------------------------------------------------------------

    void shouldPreviewTheDecisionWithoutWriting()
    {
        // GIVEN the tote and the tee received, the socks not
        auto session = open(u"bench-1"_s, u"maria"_s);
        QVERIFY(session);
        QVERIFY(grade(**session, u"0123456789012"_s, Condition::GradeA));
        QVERIFY(grade(**session, u"0012345678905"_s, Condition::GradeA));
        // WHEN previewed
        const auto preview = (*session)->preview();
        // THEN the decision is a flag for the missing socks, with the note and calls it would send
        QVERIFY2(preview, qPrintable(preview ? QString() : describe(preview.error())));
        QCOMPARE(preview->evaluation.decision.kind, DecisionKind::Flag);
        QCOMPARE(preview->evaluation.decision.reasons, QList<ReasonCode> { ReasonCode::MissingItem });
        QVERIFY2(preview->flagNote.contains(u"2 items missing: Wool Socks (SOCK-GRY), Wool Socks (SOCK-GRY)"_s),
            qPrintable(preview->flagNote));
        QCOMPARE(preview->receipt.lines.size(), 4);
        QCOMPARE(preview->outbox.constFirst().kind, OutboxKind::Note);
        // AND nothing was written
        QCOMPARE(count(u"SELECT COUNT(*) FROM \"receipts\""_s), 0);
        QCOMPARE(count(u"SELECT COUNT(*) FROM \"outbox\""_s), 0);
        QVERIFY(!(*session)->isSubmitted());
    }

    void shouldSubmitProcessAsReceiptDecisionOutboxAndAuditTogether()
    {
        // GIVEN a merchant that does not want grades sent, and everything received in grade A
        MerchantRules rules;
        rules.sendGrades = false;
        rules.sendDispositions = false;
        QVERIFY(MerchantRulesRepository(m_db->database()).save(m_merchantId, rules, m_clock->now()));
        auto session = open(u"bench-1"_s, u"maria"_s);
        QVERIFY(session);
        receiveEverything(**session, Condition::GradeA);
        m_clock->advance(30'000);
        // WHEN submitted
        const auto outcome = (*session)->submit();
        QVERIFY2(outcome, qPrintable(outcome ? QString() : describe(outcome.error())));
        // THEN the decision is to process
        QCOMPARE(outcome->evaluation.decision.kind, DecisionKind::Process);
        QVERIFY(outcome->flagNote.isEmpty());
        // AND the receipt is stored, submitted, with its lines and the decision
        const auto receipts = ReceiptRepository(m_db->database()).forReturn(m_returnId);
        QVERIFY(receipts);
        QCOMPARE(receipts->size(), 1);
        const Receipt& stored = receipts->constFirst();
        QCOMPARE(stored.id, outcome->receipt.id);
        QCOMPARE(stored.status, ReceiptStatus::Submitted);
        QCOMPARE(stored.station, u"bench-1"_s);
        QCOMPARE(stored.user, u"maria"_s);
        QCOMPARE(stored.submittedAt, m_clock->now());
        QCOMPARE(stored.lines.size(), 4);
        QVERIFY(stored.decision);
        QCOMPARE(stored.decision->kind, DecisionKind::Process);
        QCOMPARE(stored.decision->decidedBy, u"maria"_s);
        // AND exactly one process call is queued for this receipt
        const QList<OutboxEntry> outbox = pendingOutbox();
        QCOMPARE(kinds(outbox), QList<OutboxKind> { OutboxKind::Process });
        QCOMPARE(outbox[0].receiptId, stored.id);
        QCOMPARE(outbox[0].loopReturnId, kLoopId);
        QCOMPARE(outbox[0].merchantId, m_merchantId);
        QCOMPARE(outbox[0].id, outcome->outbox[0].id);
        // AND the decision is audited, and the claim released
        const AuditEvent decision = lastDecisionEvent();
        QCOMPARE(decision.receiptId, stored.id);
        QCOMPARE(decision.station, u"bench-1"_s);
        const QJsonObject detail = QJsonDocument::fromJson(decision.detail).object();
        QCOMPARE(detail.value(u"decision"_s).toString(), u"process"_s);
        QCOMPARE(detail.value(u"lines"_s).toArray().size(), 4);
        QVERIFY(!*ClaimRepository(m_db->database()).current(m_returnId));
        QVERIFY((*session)->isSubmitted());
    }

    void shouldSubmitAFlagAsANoteThenTheFlag()
    {
        // GIVEN no grades wanted, and the tee never arrived
        MerchantRules rules;
        rules.sendGrades = false;
        rules.sendDispositions = false;
        QVERIFY(MerchantRulesRepository(m_db->database()).save(m_merchantId, rules, m_clock->now()));
        auto session = open(u"bench-1"_s, u"maria"_s);
        QVERIFY(session);
        QVERIFY(grade(**session, u"0123456789012"_s, Condition::GradeA));
        QVERIFY(grade(**session, kSockBarcode, Condition::GradeA));
        QVERIFY(grade(**session, kSockBarcode, Condition::GradeB));
        // WHEN submitted
        const auto outcome = (*session)->submit();
        QVERIFY2(outcome, qPrintable(outcome ? QString() : describe(outcome.error())));
        // THEN a note with the reason goes first, then the flag
        QCOMPARE(outcome->evaluation.decision.reasons, QList<ReasonCode> { ReasonCode::MissingItem });
        const QList<OutboxEntry> outbox = pendingOutbox();
        QCOMPARE(kinds(outbox), (QList<OutboxKind> { OutboxKind::Note, OutboxKind::Flag }));
        QCOMPARE(outbox[0].payload, LoopJson::noteBody(outcome->flagNote));
        QCOMPARE(outcome->flagNote, u"Dockside: 1 item missing: Organic Tee - Black (TEE-BLK-M)."_s);
        QCOMPARE(outbox[1].payload, QByteArray("{}"));
        // AND the missing tee is on the receipt as missing
        const Receipt stored = ReceiptRepository(m_db->database()).forReturn(m_returnId)->constFirst();
        QCOMPARE(stored.decision->reasons, QList<ReasonCode> { ReasonCode::MissingItem });
        const auto tee = std::find_if(stored.lines.cbegin(), stored.lines.cend(),
            [](const ReceiptLine& line) { return line.lineItemId == kTee; });
        QVERIFY(tee != stored.lines.cend());
        QCOMPARE(tee->condition, Condition::Missing);
        QCOMPARE(tee->disposition, Disposition::Missing);
        QCOMPARE(lastDecisionEvent().summary, u"Return 41000007 received: flag (missing_item; 4 lines)"_s);
    }

    void shouldEndTheFlagNoteWithWhatTheReceiverWroteAboutThePackage()
    {
        // GIVEN the tee never arrived and the receiver noted the state of the box
        auto session = open(u"bench-1"_s, u"maria"_s);
        QVERIFY(session);
        QVERIFY(grade(**session, u"0123456789012"_s, Condition::GradeA));
        QVERIFY(grade(**session, kSockBarcode, Condition::GradeA));
        QVERIFY(grade(**session, kSockBarcode, Condition::GradeB));
        QVERIFY((*session)->setReceiptNote(u"  Box crushed,\n wet  "_s));
        QCOMPARE((*session)->receiptNote(), u"  Box crushed,\n wet  "_s);
        // WHEN submitted
        const auto outcome = (*session)->submit();
        QVERIFY2(outcome, qPrintable(outcome ? QString() : describe(outcome.error())));
        // THEN the note to Loop names the reason first, then the receiver's words on one line
        QCOMPARE(outcome->flagNote,
            u"Dockside: 1 item missing: Organic Tee - Black (TEE-BLK-M); receiver: Box crushed, wet."_s);
        const QList<OutboxEntry> outbox = pendingOutbox();
        QCOMPARE(outbox[0].kind, OutboxKind::Note);
        QCOMPARE(outbox[0].payload, LoopJson::noteBody(outcome->flagNote));
        // AND the receipt keeps the note as it was written
        const Receipt stored = ReceiptRepository(m_db->database()).forReturn(m_returnId)->constFirst();
        QCOMPARE(stored.note, u"  Box crushed,\n wet  "_s);
    }

    void shouldQueueGradesAndAssessmentsByDefault()
    {
        // GIVEN the default rules, and everything received in grade A, back to stock
        auto session = open(u"bench-1"_s, u"maria@acme.test"_s);
        QVERIFY(session);
        receiveEverything(**session, Condition::GradeA);
        for (const ReceivingSession::Unit& unit : (*session)->units())
            QVERIFY((*session)->setDisposition(unit.key, Disposition::BackToStock));
        QVERIFY((*session)->addPhoto((*session)->units()[0].key, u"https://photos.acme.test/tote.jpg"_s));
        QVERIFY((*session)->addPhoto((*session)->units()[0].key, u"/var/lib/dockside/photos/tote.jpg"_s));
        // WHEN submitted
        const auto outcome = (*session)->submit();
        QVERIFY2(outcome, qPrintable(outcome ? QString() : describe(outcome.error())));
        // THEN the grades and dispositions go before the process call
        const QList<OutboxEntry> outbox = pendingOutbox();
        QCOMPARE(kinds(outbox), (QList<OutboxKind> { OutboxKind::Grade, OutboxKind::Assess, OutboxKind::Process }));
        const QJsonArray grades = QJsonDocument::fromJson(outbox[0].payload).object().value(u"items"_s).toArray();
        QCOMPARE(grades.size(), 4);
        const QJsonObject tote = grades[0].toObject();
        QCOMPARE(tote.value(u"line_item_id"_s).toInteger(), kTote);
        QCOMPARE(tote.value(u"condition_category"_s).toString(), u"grade_a"_s);
        QCOMPARE(tote.value(u"description"_s).toString(), u"Canvas Tote - Olive"_s);
        QCOMPARE(tote.value(u"return_processor"_s).toString(), u"maria@acme.test"_s);
        // only URLs Loop can fetch, not the station's files
        QCOMPARE(tote.value(u"images"_s).toArray(), QJsonArray { u"https://photos.acme.test/tote.jpg"_s });
        const QJsonArray assessments = QJsonDocument::fromJson(outbox[1].payload).object().value(u"items"_s).toArray();
        QCOMPARE(assessments.size(), 4);
        QCOMPARE(assessments[0].toObject().value(u"disposition_outcome"_s).toString(), u"back_to_stock"_s);
    }

    void shouldRefuseASecondSubmit()
    {
        // GIVEN the return received and submitted once
        {
            auto session = open(u"bench-1"_s, u"maria"_s);
            QVERIFY(session);
            receiveEverything(**session, Condition::GradeA);
            QVERIFY((*session)->submit());
            // THEN the same session cannot submit again
            const auto again = (*session)->submit();
            QVERIFY(!again);
            QCOMPARE(again.error().code, u"receiving.submitted"_s);
        }
        // AND the return cannot be opened for receiving again, at any station
        const auto reopened = m_service->open(m_returnId, u"bench-2"_s, u"jon"_s);
        QVERIFY(!reopened);
        QCOMPARE(reopened.error().code, u"receiving.already_received"_s);
        QVERIFY2(reopened.error().message.contains(u"bench-1"_s), qPrintable(reopened.error().message));
        QVERIFY(reopened.error().message.contains(u"supervisor"_s));
        QCOMPARE(count(u"SELECT COUNT(*) FROM \"receipts\" WHERE \"status\" = 'submitted'"_s), 1);
    }

    void shouldRefuseToSubmitOverAReceiptStoredMeanwhile()
    {
        // GIVEN a session open at bench 1, and a submitted receipt for the return that appeared meanwhile
        auto session = open(u"bench-1"_s, u"maria"_s);
        QVERIFY(session);
        receiveEverything(**session, Condition::GradeA);
        Receipt other;
        other.returnId = m_returnId;
        other.merchantId = m_merchantId;
        other.station = u"bench-9"_s;
        other.user = u"ana"_s;
        other.status = ReceiptStatus::Submitted;
        other.startedAt = m_clock->now();
        other.submittedAt = m_clock->now();
        QVERIFY(ReceiptRepository(m_db->database()).insert(other));
        // WHEN bench 1 submits
        const auto outcome = (*session)->submit();
        // THEN it is refused and nothing of it is written
        QVERIFY(!outcome);
        QCOMPARE(outcome.error().code, u"receiving.already_received"_s);
        QVERIFY(outcome.error().message.contains(u"bench-9"_s));
        QCOMPARE(count(u"SELECT COUNT(*) FROM \"receipts\""_s), 1);
        QCOMPARE(count(u"SELECT COUNT(*) FROM \"outbox\""_s), 0);
    }

    void shouldRefuseToSubmitAnItemWithoutACondition()
    {
        auto session = open(u"bench-1"_s, u"maria"_s);
        QVERIFY(session);
        QVERIFY((*session)->scan(u"0012345678905"_s));
        const auto outcome = (*session)->submit();
        QVERIFY(!outcome);
        QCOMPARE(outcome.error().code, u"receiving.ungraded"_s);
        QVERIFY(outcome.error().message.contains(u"Organic Tee - Black"_s));
        QCOMPARE(count(u"SELECT COUNT(*) FROM \"receipts\""_s), 0);
    }

    void shouldWriteNothingWhenAnyPartOfTheSubmitFails()
    {
        // GIVEN a receipt ready to submit, and an outbox that refuses inserts
        auto session = open(u"bench-1"_s, u"maria"_s);
        QVERIFY(session);
        receiveEverything(**session, Condition::GradeC);
        QVERIFY(exec(u"ALTER TABLE \"outbox\" RENAME TO \"outbox_away\""_s));
        // WHEN submitted
        const auto outcome = (*session)->submit();
        QVERIFY(!outcome);
        QCOMPARE(outcome.error().kind, Error::Kind::Storage);
        QVERIFY(exec(u"ALTER TABLE \"outbox_away\" RENAME TO \"outbox\""_s));
        // THEN no receipt, no receipt line, no outbox entry and no decision event exist
        QCOMPARE(count(u"SELECT COUNT(*) FROM \"receipts\""_s), 0);
        QCOMPARE(count(u"SELECT COUNT(*) FROM \"receipt_lines\""_s), 0);
        QCOMPARE(count(u"SELECT COUNT(*) FROM \"outbox\""_s), 0);
        QCOMPARE(count(u"SELECT COUNT(*) FROM \"audit_events\" WHERE \"action\" = 'decision'"_s), 0);
        // AND bench 1 still holds the return, and can submit once the fault is gone
        const auto claim = ClaimRepository(m_db->database()).current(m_returnId);
        QVERIFY(claim && claim->has_value());
        QCOMPARE((*claim)->station, u"bench-1"_s);
        QVERIFY(!(*session)->isSubmitted());
        const auto retried = (*session)->submit();
        QVERIFY2(retried, qPrintable(retried ? QString() : describe(retried.error())));
        QCOMPARE(count(u"SELECT COUNT(*) FROM \"receipts\""_s), 1);
        QCOMPARE(retried->evaluation.decision.reasons, QList<ReasonCode> { ReasonCode::ConditionBelowThreshold });
    }

    void shouldReleaseTheClaimOnAbandon()
    {
        auto session = open(u"bench-1"_s, u"maria"_s);
        QVERIFY(session);
        QVERIFY((*session)->scan(u"0012345678905"_s));
        QVERIFY((*session)->abandon());
        QVERIFY(!(*session)->scan(u"0012345678905"_s));
        QVERIFY(m_service->open(m_returnId, u"bench-2"_s, u"jon"_s));
        QCOMPARE(count(u"SELECT COUNT(*) FROM \"outbox\""_s), 0);
    }

    void shouldKeepWhatAnAbandonedSessionRecordedWithoutBlockingALaterReceipt()
    {
        // GIVEN maria scanned and graded the tee, marked the tote missing and wrote a note, then walked away
        auto session = open(u"bench-1"_s, u"maria"_s);
        QVERIFY(session);
        QVERIFY(grade(**session, u"0012345678905"_s, Condition::GradeB));
        QVERIFY((*session)->markMissing(kTote));
        QVERIFY((*session)->scan(u"9999999999994"_s)); // matches no line: unexpected, still without a condition
        QVERIFY((*session)->setReceiptNote(u"Box torn open"_s));
        m_clock->advance(60'000);

        // WHEN the session is abandoned
        QVERIFY((*session)->abandon());

        // THEN a receipt is stored as abandoned with exactly what was recorded, and no decision
        const auto receipts = ReceiptRepository(m_db->database()).forReturn(m_returnId);
        QVERIFY(receipts);
        QCOMPARE(receipts->size(), 1);
        const Receipt kept = receipts->constFirst();
        QCOMPARE(kept.status, ReceiptStatus::Abandoned);
        QCOMPARE(kept.station, u"bench-1"_s);
        QCOMPARE(kept.user, u"maria"_s);
        QCOMPARE(kept.note, u"Box torn open"_s);
        QVERIFY(!kept.decision);
        QVERIFY(!kept.submittedAt.isValid());
        QCOMPARE(kept.lines.size(), 3);
        QCOMPARE(kept.lines[0].scannedCode, u"0012345678905"_s);
        QCOMPARE(kept.lines[0].lineItemId, std::optional<qint64>(kTee));
        QCOMPARE(kept.lines[0].condition, std::optional<Condition>(Condition::GradeB));
        QCOMPARE(kept.lines[1].lineItemId, std::optional<qint64>(kTote));
        QCOMPARE(kept.lines[1].condition, std::optional<Condition>(Condition::Missing));
        QCOMPARE(kept.lines[2].scannedCode, u"9999999999994"_s);
        QVERIFY(!kept.lines[2].lineItemId);
        // AND nothing goes to Loop, the abandon is audited with the receipt, and the claim is free
        QCOMPARE(count(u"SELECT COUNT(*) FROM \"outbox\""_s), 0);
        const auto events = AuditRepository(m_db->database()).forReturn(m_returnId);
        QVERIFY(events && !events->isEmpty());
        QCOMPARE(events->constLast().action, u"abandon"_s);
        QCOMPARE(events->constLast().receiptId, kept.id);
        QVERIFY(!*ClaimRepository(m_db->database()).current(m_returnId));

        // WHEN jon receives the return later at bench 2
        auto later = open(u"bench-2"_s, u"jon"_s);
        QVERIFY(later);
        receiveEverything(**later, Condition::GradeA);
        const auto outcome = (*later)->submit();

        // THEN his receipt is submitted next to the abandoned one
        QVERIFY2(outcome, qPrintable(outcome ? QString() : describe(outcome.error())));
        const auto both = ReceiptRepository(m_db->database()).forReturn(m_returnId);
        QCOMPARE(both->size(), 2);
        QCOMPARE(both->at(1).status, ReceiptStatus::Submitted);
        QCOMPARE(both->at(0).status, ReceiptStatus::Abandoned);
    }

    void shouldKeepNothingWhenAbandoningAPreviewOrAnEmptySession()
    {
        // GIVEN one session that only previewed a scan, and one where nothing was recorded
        auto preview = open(u"bench-1"_s, u"maria"_s);
        QVERIFY(preview);
        QVERIFY((*preview)->scan(u"0012345678905"_s));
        QVERIFY((*preview)->abandon(ReceivingSession::Keep::Nothing));
        auto empty = open(u"bench-1"_s, u"maria"_s);
        QVERIFY(empty);

        // WHEN the empty one is abandoned too
        QVERIFY((*empty)->abandon());

        // THEN no receipt was stored, both abandons are audited, and the return is free
        QCOMPARE(count(u"SELECT COUNT(*) FROM \"receipts\""_s), 0);
        QCOMPARE(count(u"SELECT COUNT(*) FROM \"audit_events\" WHERE \"action\" = 'abandon'"_s), 2);
        QVERIFY(!*ClaimRepository(m_db->database()).current(m_returnId));
    }

private:
    Result<std::unique_ptr<ReceivingSession>> open(const QString& station, const QString& user)
    {
        auto session = m_service->open(m_returnId, station, user);
        if (!session)
            qWarning("%s", qPrintable(describe(session.error())));
        return session;
    }

    static bool grade(ReceivingSession& session, const QString& code, Condition condition)
    {
        const auto scanned = session.scan(code);
        return scanned && session.setCondition(scanned->key, condition);
    }

    void receiveEverything(ReceivingSession& session, Condition condition)
    {
        QVERIFY(grade(session, u"0123456789012"_s, condition));
        QVERIFY(grade(session, u"0012345678905"_s, condition));
        QVERIFY(grade(session, kSockBarcode, condition));
        QVERIFY(grade(session, kSockBarcode, condition));
    }

    QList<OutboxEntry> pendingOutbox()
    {
        const auto entries = OutboxRepository(m_db->database()).list(OutboxStatus::Pending, 100);
        return entries ? *entries : QList<OutboxEntry>();
    }

    static QList<OutboxKind> kinds(const QList<OutboxEntry>& entries)
    {
        QList<OutboxKind> result;
        for (const OutboxEntry& entry : entries)
            result << entry.kind;
        return result;
    }

    AuditEvent lastDecisionEvent()
    {
        const auto events = AuditRepository(m_db->database()).forReturn(m_returnId);
        if (events) {
            for (auto it = events->crbegin(); it != events->crend(); ++it) {
                if (it->action == u"decision"_s)
                    return *it;
            }
        }
        return {};
    }

    bool exec(const QString& sql)
    {
        Result<QSqlDatabase> connection = m_db->database().connection();
        return connection && QSqlQuery(*connection).exec(sql);
    }

    qint64 count(const QString& sql)
    {
        Result<QSqlDatabase> connection = m_db->database().connection();
        if (!connection)
            return -1;
        QSqlQuery query(*connection);
        if (!query.exec(sql) || !query.next())
            return -1;
        return query.value(0).toLongLong();
    }

    std::unique_ptr<TempDatabase> m_db;
    std::unique_ptr<FakeClock> m_clock;
    std::unique_ptr<ReceivingService> m_service;
    qint64 m_merchantId = 0;
    qint64 m_returnId = 0;
};

QTEST_GUILESS_MAIN(TestReceivingSession)
#include "TestReceivingSession.moc"
