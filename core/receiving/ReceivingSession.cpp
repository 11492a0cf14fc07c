#include "ReceivingSession.h"

#include "FlagNote.h"
#include "domain/AuditEvent.h"
#include "domain/ScanKey.h"
#include "loop/AssessItem.h"
#include "loop/GradeItem.h"
#include "loop/LoopJson.h"
#include "storage/AuditRepository.h"
#include "storage/Database.h"
#include "storage/MerchantRulesRepository.h"
#include "storage/OutboxRepository.h"
#include "storage/ReceiptRepository.h"
#include "storage/ReturnRepository.h"
#include "storage/Transaction.h"
#include "util/Clock.h"
#include "util/CodeTable.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {
constexpr CodeTable<ReceivingSession::UnitKind, 4> kUnitKinds({ {
    { ReceivingSession::UnitKind::Expected, "expected"_L1 },
    { ReceivingSession::UnitKind::OverQuantity, "over_quantity"_L1 },
    { ReceivingSession::UnitKind::Unexpected, "unexpected"_L1 },
    { ReceivingSession::UnitKind::Missing, "missing"_L1 },
} });

constexpr int kMaxItemsPerCall = 30; // CONTRACT §5: at most 30 items per grade or assess call
constexpr int kMaxImages = 5;
constexpr int kMaxDescriptionBytes = 255;
constexpr int kMaxProcessorLength = 100;
// Process and flag take no parameters from us; an empty object is a valid body for both, and the outbox
// column wants some text.
const QByteArray kNoBody = QByteArrayLiteral("{}");

QString lineLabel(const ReturnLine& line)
{
    if (!line.title.isEmpty())
        return line.sku.isEmpty() ? line.title : u"%1 (%2)"_s.arg(line.title, line.sku);
    return line.sku.isEmpty() ? u"line item %1"_s.arg(line.lineItemId) : line.sku;
}

QString gradeDescription(const ReturnLine& line)
{
    QString description = line.title.trimmed();
    if (!line.variantTitle.trimmed().isEmpty())
        description += (description.isEmpty() ? QString() : u" - "_s) + line.variantTitle.trimmed();
    if (description.isEmpty())
        description = line.sku.isEmpty() ? u"Line item %1"_s.arg(line.lineItemId) : line.sku;
    return FlagNote::fit(description, kMaxDescriptionBytes);
}

// Loop wants an e-mail address here; a bare login name would be refused, so it is left out.
QString returnProcessor(const QString& user)
{
    return user.contains(u'@') && user.size() <= kMaxProcessorLength ? user : QString();
}

// Loop fetches images by URL; a photo still on the station's disk is kept in the receipt, not sent.
QStringList imageUrls(const QStringList& references)
{
    QStringList urls;
    for (const QString& reference : references) {
        if ((reference.startsWith(u"https://"_s) || reference.startsWith(u"http://"_s)) && urls.size() < kMaxImages)
            urls << reference;
    }
    return urls;
}

QByteArray compact(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonValue optionalCode(const std::optional<Condition>& condition)
{
    return condition ? QJsonValue(conditionCode(*condition)) : QJsonValue(QJsonValue::Null);
}

QJsonValue optionalCode(const std::optional<Disposition>& disposition)
{
    return disposition ? QJsonValue(dispositionCode(*disposition)) : QJsonValue(QJsonValue::Null);
}
} // namespace

QString unitKindCode(ReceivingSession::UnitKind kind)
{
    return kUnitKinds.code(kind);
}

ReceivingSession::ReceivingSession(Database& database, const Clock& clock, qint64 claimTtlMs, Return value,
    MerchantRules rules, ClaimRepository::Claim claim)
    : m_database(database)
    , m_clock(clock)
    , m_claimTtlMs(claimTtlMs)
    , m_return(std::move(value))
    , m_rules(std::move(rules))
    , m_claim(std::move(claim))
    , m_station(m_claim.station)
    , m_user(m_claim.user)
    , m_startedAt(clock.now())
{
}

// The claim is left to lapse rather than released here: a destructor cannot report a failed write, and the
// receiver may reopen the return at this station at once anyway.
ReceivingSession::~ReceivingSession() = default;

Status ReceivingSession::checkNotReceived(Database& database, const Return& value)
{
    ReceiptRepository receipts(database);
    Result<QList<Receipt>> existing = receipts.forReturn(value.id);
    if (!existing)
        return fail(existing.error());
    for (const Receipt& receipt : *existing) {
        if (receipt.status != ReceiptStatus::Submitted)
            continue;
        return fail(
            Error::validation(u"receiving.already_received"_s,
                u"Return %1 was already received at station %2 by %3 on %4. It cannot be received twice; "
                u"ask a supervisor to override if the package must be received again."_s)
                .with(value.loopId, receipt.station, receipt.user, receipt.submittedAt.toUTC().toString(Qt::ISODate)));
    }
    return {};
}

Error ReceivingSession::claimedElsewhere(const Return& value, const ClaimRepository::Claim& holder, bool lost)
{
    const QString until = holder.expiresAt.toUTC().toString(Qt::ISODate);
    if (lost) {
        return Error::validation(u"receiving.claim_lost"_s,
            u"Station %1 (%2) took over return %3 after this station's claim lapsed; nothing recorded here was "
            u"submitted. Receive it there, or open it again here after %4."_s)
            .with(holder.station, holder.user, value.loopId, until);
    }
    return Error::validation(u"receiving.claimed"_s,
        u"Return %1 is being received at station %2 by %3 (claim expires %4). Finish or abandon it there, or "
        u"wait until the claim expires."_s)
        .with(value.loopId, holder.station, holder.user, until);
}

Status ReceivingSession::ensureOpen() const
{
    if (m_submitted) {
        return fail(Error::validation(
            u"receiving.submitted"_s, u"Return %1 has been submitted; start a new session to change anything."_s)
                        .with(m_return.loopId));
    }
    if (m_abandoned) {
        return fail(Error::validation(
            u"receiving.abandoned"_s, u"Receiving of return %1 was abandoned; open it again to continue."_s)
                        .with(m_return.loopId));
    }
    return {};
}

Status ReceivingSession::touch()
{
    ClaimRepository claims(m_database);
    Result<ClaimRepository::Attempt> attempt
        = claims.claim(m_return.id, m_station, m_user, m_claimTtlMs, m_clock.now());
    if (!attempt)
        return fail(attempt.error());
    if (!attempt->granted)
        return fail(claimedElsewhere(m_return, attempt->claim, true));
    m_claim = attempt->claim;
    return {};
}

Status ReceivingSession::renewClaim()
{
    if (const Status open = ensureOpen(); !open)
        return open;
    return touch();
}

Status ReceivingSession::audit(
    const QString& action, const QString& rawScan, const QString& summary, const QByteArray& detail)
{
    AuditEvent event;
    event.at = m_clock.now();
    event.station = m_station;
    event.user = m_user;
    event.action = action;
    event.merchantId = m_return.merchantId;
    event.returnId = m_return.id;
    event.rawScan = rawScan;
    event.summary = summary;
    event.detail = detail;
    Result<qint64> appended = AuditRepository(m_database).append(event);
    if (!appended)
        return fail(appended.error());
    return {};
}

ReceivingSession::Unit* ReceivingSession::unit(int key)
{
    for (Unit& candidate : m_units) {
        if (candidate.key == key)
            return &candidate;
    }
    return nullptr;
}

const ReturnLine* ReceivingSession::line(qint64 lineItemId) const
{
    for (const ReturnLine& candidate : m_return.lines) {
        if (candidate.lineItemId == lineItemId)
            return &candidate;
    }
    return nullptr;
}

bool ReceivingSession::isReceived(qint64 lineItemId) const
{
    return std::any_of(m_units.cbegin(), m_units.cend(), [lineItemId](const Unit& candidate) {
        return candidate.kind != UnitKind::Missing && candidate.line.lineItemId == lineItemId;
    });
}

qsizetype ReceivingSession::missingMarker(qint64 lineItemId) const
{
    for (qsizetype i = 0; i < m_units.size(); ++i) {
        if (m_units[i].kind == UnitKind::Missing && m_units[i].line.lineItemId == lineItemId)
            return i;
    }
    return -1;
}

Result<ReceivingSession::ScanResult> ReceivingSession::scan(const QString& raw)
{
    if (const Status open = ensureOpen(); !open)
        return fail(open.error());
    const QString code = ScanKey::normalizeCode(raw);
    if (code.isEmpty())
        return fail(Error::validation(u"receiving.scan.empty"_s, u"The scan was empty. Scan the item again."_s));

    QList<const ReturnLine*> candidates;
    for (const ReturnLine& candidate : m_return.lines) {
        if (!candidate.barcode.isEmpty() && ScanKey::normalizeCode(candidate.barcode) == code)
            candidates << &candidate;
    }
    if (candidates.isEmpty()) {
        for (const ReturnLine& candidate : m_return.lines) {
            if (!candidate.sku.isEmpty() && ScanKey::normalizeCode(candidate.sku) == code)
                candidates << &candidate;
        }
    }

    ScanResult result;
    result.key = m_nextKey;
    result.kind = UnitKind::Unexpected;
    const ReturnLine* assigned = nullptr;
    // Free and unmarked first: a missing mark is the receiver's earlier judgement, overruled only when needed.
    for (const ReturnLine* candidate : candidates) {
        if (!isReceived(candidate->lineItemId) && missingMarker(candidate->lineItemId) < 0) {
            assigned = candidate;
            break;
        }
    }
    for (qsizetype i = 0; !assigned && i < candidates.size(); ++i) {
        if (!isReceived(candidates[i]->lineItemId))
            assigned = candidates[i];
    }
    if (assigned) {
        result.kind = UnitKind::Expected;
    } else if (!candidates.isEmpty()) {
        assigned = candidates.constFirst();
        result.kind = UnitKind::OverQuantity;
    }
    if (assigned) {
        result.lineItemId = assigned->lineItemId;
        result.title = assigned->title;
    }

    if (const Status claimed = touch(); !claimed)
        return fail(claimed.error());

    Unit added;
    added.key = result.key;
    added.kind = result.kind;
    added.line.scannedCode = raw;
    added.line.lineItemId = result.lineItemId;
    added.line.station = m_station;
    added.line.user = m_user;
    added.line.recordedAt = m_clock.now();

    UndoStep step;
    step.key = result.key;
    const qsizetype marker = result.kind == UnitKind::Expected ? missingMarker(*result.lineItemId) : -1;
    if (marker >= 0) {
        step.replacedMissing = m_units[marker];
        step.replacedAt = marker;
    }

    const QString summary = assigned ? u"Scanned %1: %2 %3"_s.arg(code, unitKindCode(result.kind), lineLabel(*assigned))
                                     : u"Scanned %1: matches no item of return %2"_s.arg(code).arg(m_return.loopId);
    QJsonObject detail { { u"key"_s, result.key }, { u"code"_s, code }, { u"match"_s, unitKindCode(result.kind) } };
    if (result.lineItemId)
        detail.insert(u"line_item_id"_s, *result.lineItemId);
    if (const Status audited = audit(u"scan"_s, raw, summary, compact(detail)); !audited)
        return fail(audited.error());

    if (marker >= 0)
        m_units.removeAt(marker);
    m_units << added;
    m_scans << step;
    ++m_nextKey;
    return result;
}

Result<ReceivingSession::ScanResult> ReceivingSession::undoLastScan()
{
    if (const Status open = ensureOpen(); !open)
        return fail(open.error());
    if (m_scans.isEmpty())
        return fail(Error::validation(u"receiving.undo.nothing"_s, u"There is no scan to undo."_s));
    const UndoStep step = m_scans.constLast();
    qsizetype index = -1;
    for (qsizetype i = 0; i < m_units.size(); ++i) {
        if (m_units[i].key == step.key)
            index = i;
    }
    if (index < 0) {
        return fail(Error::validation(u"receiving.undo.gone"_s,
            u"Internal error: the last scan is no longer in the list; it cannot be undone."_s));
    }
    const Unit undone = m_units[index];

    if (const Status claimed = touch(); !claimed)
        return fail(claimed.error());
    QJsonObject detail { { u"key"_s, undone.key }, { u"match"_s, unitKindCode(undone.kind) } };
    if (undone.line.lineItemId)
        detail.insert(u"line_item_id"_s, *undone.line.lineItemId);
    if (const Status audited = audit(u"scan_undo"_s, undone.line.scannedCode,
            u"Undid the scan of %1"_s.arg(ScanKey::normalizeCode(undone.line.scannedCode)), compact(detail));
        !audited)
        return fail(audited.error());

    m_units.removeAt(index);
    if (step.replacedMissing)
        m_units.insert(std::min(step.replacedAt, m_units.size()), *step.replacedMissing);
    m_scans.removeLast();
    return ScanResult { undone.key, undone.kind, undone.line.lineItemId,
        undone.line.lineItemId && line(*undone.line.lineItemId) ? line(*undone.line.lineItemId)->title : QString() };
}

Status ReceivingSession::markMissing(qint64 lineItemId)
{
    if (const Status open = ensureOpen(); !open)
        return open;
    const ReturnLine* expected = line(lineItemId);
    if (!expected) {
        return fail(Error::validation(u"receiving.line.unknown"_s, u"Return %1 has no line item %2."_s)
                        .with(m_return.loopId, lineItemId));
    }
    if (isReceived(lineItemId)) {
        return fail(Error::validation(u"receiving.line.scanned"_s,
            u"%1 was scanned, so it is not missing. Undo that scan first if it was a mistake."_s)
                        .with(lineLabel(*expected)));
    }
    if (missingMarker(lineItemId) >= 0)
        return {};
    if (const Status claimed = touch(); !claimed)
        return claimed;
    if (const Status audited = audit(u"mark_missing"_s, QString(), u"Marked missing: %1"_s.arg(lineLabel(*expected)),
            compact(QJsonObject { { u"line_item_id"_s, lineItemId } }));
        !audited)
        return audited;

    Unit marker;
    marker.key = m_nextKey++;
    marker.kind = UnitKind::Missing;
    marker.line.lineItemId = lineItemId;
    marker.line.condition = Condition::Missing;
    marker.line.disposition = Disposition::Missing;
    marker.line.station = m_station;
    marker.line.user = m_user;
    marker.line.recordedAt = m_clock.now();
    m_units << marker;
    return {};
}

Status ReceivingSession::unmarkMissing(qint64 lineItemId)
{
    if (const Status open = ensureOpen(); !open)
        return open;
    const qsizetype marker = missingMarker(lineItemId);
    if (marker < 0)
        return {};
    if (const Status claimed = touch(); !claimed)
        return claimed;
    const ReturnLine* expected = line(lineItemId);
    if (const Status audited = audit(u"unmark_missing"_s, QString(),
            u"No longer marked missing: %1"_s.arg(expected ? lineLabel(*expected) : QString::number(lineItemId)),
            compact(QJsonObject { { u"line_item_id"_s, lineItemId } }));
        !audited)
        return audited;
    m_units.removeAt(marker);
    return {};
}

Result<ReceivingSession::Unit*> ReceivingSession::editableUnit(int key)
{
    if (const Status open = ensureOpen(); !open)
        return fail(open.error());
    Unit* target = unit(key);
    if (!target)
        return fail(
            Error::validation(u"receiving.unit.unknown"_s, u"There is no item %1 on this receipt."_s).with(key));
    return target;
}

Status ReceivingSession::setCondition(int key, std::optional<Condition> condition)
{
    const Result<Unit*> found = editableUnit(key);
    if (!found)
        return fail(found.error());
    Unit* target = *found;
    if (target->kind == UnitKind::Missing || condition == Condition::Missing) {
        return fail(Error::validation(u"receiving.condition.missing"_s,
            u"A missing item has no condition, and a scanned item is not missing: mark the line missing, or undo "
            u"the scan."_s));
    }
    if (const Status claimed = touch(); !claimed)
        return claimed;
    target->line.condition = condition;
    return {};
}

Status ReceivingSession::setDisposition(int key, std::optional<Disposition> disposition)
{
    const Result<Unit*> found = editableUnit(key);
    if (!found)
        return fail(found.error());
    Unit* target = *found;
    if (target->kind == UnitKind::Missing || disposition == Disposition::Missing) {
        return fail(Error::validation(u"receiving.disposition.missing"_s,
            u"A missing item's disposition is always \"missing\", and a scanned item's never is."_s));
    }
    if (const Status claimed = touch(); !claimed)
        return claimed;
    target->line.disposition = disposition;
    return {};
}

Status ReceivingSession::setNote(int key, const QString& note)
{
    const Result<Unit*> found = editableUnit(key);
    if (!found)
        return fail(found.error());
    Unit* target = *found;
    if (const Status claimed = touch(); !claimed)
        return claimed;
    target->line.note = note;
    return {};
}

Status ReceivingSession::addPhoto(int key, const QString& reference)
{
    const Result<Unit*> found = editableUnit(key);
    if (!found)
        return fail(found.error());
    Unit* target = *found;
    if (reference.trimmed().isEmpty())
        return fail(Error::validation(u"receiving.photo.empty"_s, u"The photo has no file name or URL."_s));
    if (const Status claimed = touch(); !claimed)
        return claimed;
    target->line.photoRefs << reference.trimmed();
    return {};
}

Status ReceivingSession::setReceiptNote(const QString& note)
{
    if (const Status open = ensureOpen(); !open)
        return open;
    if (const Status claimed = touch(); !claimed)
        return claimed;
    m_receiptNote = note;
    return {};
}

Status ReceivingSession::checkComplete() const
{
    QStringList ungraded;
    for (const Unit& candidate : m_units) {
        if ((candidate.kind == UnitKind::Expected || candidate.kind == UnitKind::OverQuantity)
            && !candidate.line.condition) {
            const ReturnLine* expected = line(*candidate.line.lineItemId);
            ungraded << (expected ? lineLabel(*expected) : candidate.line.scannedCode);
        }
    }
    if (ungraded.isEmpty())
        return {};
    return fail(Error::validation(
        u"receiving.ungraded"_s, u"Give every scanned item a condition before submitting; still without one: %1."_s)
                    .with(ungraded.join(u", "_s)));
}

Result<Return> ReceivingSession::reloadReturn()
{
    Result<std::optional<Return>> found = ReturnRepository(m_database).find(m_return.id);
    if (!found)
        return fail(found.error());
    if (!found->has_value()) {
        return fail(Error::validation(
            u"receiving.return.gone"_s, u"Return %1 is no longer in the database; it cannot be received."_s)
                        .with(m_return.loopId));
    }
    return **found;
}

Result<ReceivingSession::Outcome> ReceivingSession::build(const Return& value, const MerchantRules& rules) const
{
    const QDateTime now = m_clock.now();
    Outcome outcome;
    Receipt& receipt = outcome.receipt;
    receipt.returnId = value.id;
    receipt.merchantId = value.merchantId;
    receipt.station = m_station;
    receipt.user = m_user;
    receipt.status = ReceiptStatus::Submitted;
    receipt.startedAt = m_startedAt;
    receipt.submittedAt = now;
    receipt.note = m_receiptNote;
    for (const Unit& recorded : m_units)
        receipt.lines << recorded.line;
    // Submitting says the package holds nothing more: what was neither scanned nor marked is missing, and is
    // recorded (and graded for Loop) as such.
    for (const ReturnLine& expected : value.lines) {
        const bool recorded = std::any_of(m_units.cbegin(), m_units.cend(),
            [&expected](const Unit& candidate) { return candidate.line.lineItemId == expected.lineItemId; });
        if (recorded)
            continue;
        ReceiptLine missing;
        missing.lineItemId = expected.lineItemId;
        missing.condition = Condition::Missing;
        missing.disposition = Disposition::Missing;
        missing.station = m_station;
        missing.user = m_user;
        missing.recordedAt = now;
        receipt.lines << missing;
    }

    outcome.evaluation = ReceiptRules::evaluate(value, receipt, rules);
    outcome.evaluation.decision.decidedAt = now;
    outcome.evaluation.decision.decidedBy = m_user;
    receipt.decision = outcome.evaluation.decision;
    const bool flag = outcome.evaluation.decision.kind == DecisionKind::Flag;
    if (flag)
        outcome.flagNote = FlagNote::compose(outcome.evaluation.findings, m_receiptNote);

    // Each line item is graded once, from its first unit (over-quantity units are extra, not the line's grade);
    // a unit whose line item is no longer on the return cannot be graded in Loop.
    QList<GradeItem> grades;
    QList<AssessItem> assessments;
    QSet<qint64> graded;
    QSet<qint64> assessed;
    for (const ReceiptLine& recorded : std::as_const(receipt.lines)) {
        if (!recorded.lineItemId)
            continue;
        const auto expected = std::find_if(value.lines.cbegin(), value.lines.cend(),
            [&recorded](const ReturnLine& candidate) { return candidate.lineItemId == *recorded.lineItemId; });
        if (expected == value.lines.cend())
            continue;
        if (rules.sendGrades && recorded.condition && !graded.contains(expected->lineItemId)) {
            graded.insert(expected->lineItemId);
            grades << GradeItem { expected->lineItemId, gradeDescription(*expected), *recorded.condition,
                returnProcessor(m_user), recorded.note, imageUrls(recorded.photoRefs), recorded.recordedAt };
        }
        if (rules.sendDispositions && recorded.disposition && !assessed.contains(expected->lineItemId)) {
            assessed.insert(expected->lineItemId);
            assessments << AssessItem { expected->lineItemId, *recorded.disposition, returnProcessor(m_user),
                recorded.note, recorded.recordedAt };
        }
    }

    const auto entry = [&](OutboxKind kind, QByteArray payload) {
        OutboxEntry queued;
        queued.merchantId = value.merchantId;
        queued.returnId = value.id;
        queued.loopReturnId = value.loopId;
        queued.kind = kind;
        queued.payload = std::move(payload);
        queued.status = OutboxStatus::Pending;
        queued.nextAttemptAt = now;
        queued.createdAt = now;
        queued.updatedAt = now;
        outcome.outbox << queued;
    };
    const auto inspections = [&]() {
        for (qsizetype i = 0; i < grades.size(); i += kMaxItemsPerCall)
            entry(OutboxKind::Grade, LoopJson::gradeBody(grades.mid(i, kMaxItemsPerCall)));
        for (qsizetype i = 0; i < assessments.size(); i += kMaxItemsPerCall)
            entry(OutboxKind::Assess, LoopJson::assessBody(assessments.mid(i, kMaxItemsPerCall)));
    };
    if (flag) {
        // The flag goes first, so Loop stops automated processing as early as possible; the note goes right
        // before it, so whoever opens the flagged return in Loop finds the reason. Grades follow.
        entry(OutboxKind::Note, LoopJson::noteBody(outcome.flagNote));
        entry(OutboxKind::Flag, kNoBody);
        inspections();
    } else {
        // Grades first: processing archives the return, and the inspection belongs on it before that.
        inspections();
        entry(OutboxKind::Process, kNoBody);
    }
    return outcome;
}

Result<ReceivingSession::Outcome> ReceivingSession::preview()
{
    if (const Status open = ensureOpen(); !open)
        return fail(open.error());
    Result<Return> value = reloadReturn();
    if (!value)
        return fail(value.error());
    Result<MerchantRules> rules = MerchantRulesRepository(m_database).forMerchant(value->merchantId);
    if (!rules)
        return fail(rules.error());
    m_return = *value;
    m_rules = *rules;
    return build(m_return, m_rules);
}

Result<ReceivingSession::Outcome> ReceivingSession::submit()
{
    if (const Status open = ensureOpen(); !open)
        return fail(open.error());
    if (const Status complete = checkComplete(); !complete)
        return fail(complete.error());

    const QString what = u"submitting the receipt of return %1"_s.arg(m_return.loopId);
    Result<Transaction> transaction = Transaction::begin(m_database, what);
    if (!transaction)
        return fail(transaction.error());

    // Inside the transaction, in this order: the claim's row lock serialises two stations submitting the same
    // return, and the check for an earlier receipt then sees the other station's committed one.
    ClaimRepository claims(m_database);
    Result<ClaimRepository::Attempt> attempt
        = claims.claim(m_return.id, m_station, m_user, m_claimTtlMs, m_clock.now());
    if (!attempt)
        return fail(attempt.error());
    if (!attempt->granted)
        return fail(claimedElsewhere(m_return, attempt->claim, true));
    if (const Status fresh = checkNotReceived(m_database, m_return); !fresh)
        return fail(fresh.error());
    Result<Return> value = reloadReturn();
    if (!value)
        return fail(value.error());
    Result<MerchantRules> rules = MerchantRulesRepository(m_database).forMerchant(value->merchantId);
    if (!rules)
        return fail(rules.error());

    Result<Outcome> outcome = build(*value, *rules);
    if (!outcome)
        return fail(outcome.error());
    Result<qint64> receiptId = ReceiptRepository(m_database).insert(outcome->receipt);
    if (!receiptId)
        return fail(receiptId.error());
    outcome->receipt.id = *receiptId;

    OutboxRepository outbox(m_database);
    QJsonArray queued;
    for (OutboxEntry& entry : outcome->outbox) {
        entry.receiptId = *receiptId;
        Result<qint64> id = outbox.enqueue(entry);
        if (!id)
            return fail(id.error());
        entry.id = *id;
        queued.append(QJsonObject { { u"id"_s, entry.id }, { u"kind"_s, outboxKindCode(entry.kind) } });
    }

    const Decision& decision = outcome->evaluation.decision;
    QJsonArray reasons;
    QStringList reasonList;
    for (const ReasonCode reason : decision.reasons) {
        reasons.append(reasonCode(reason));
        reasonList << reasonCode(reason);
    }
    QJsonArray lines;
    for (const ReceiptLine& recorded : std::as_const(outcome->receipt.lines)) {
        lines.append(QJsonObject {
            { u"line_item_id"_s,
                recorded.lineItemId ? QJsonValue(*recorded.lineItemId) : QJsonValue(QJsonValue::Null) },
            { u"scanned_code"_s, recorded.scannedCode },
            { u"condition"_s, optionalCode(recorded.condition) },
            { u"disposition"_s, optionalCode(recorded.disposition) },
        });
    }
    AuditEvent event;
    event.at = decision.decidedAt;
    event.station = m_station;
    event.user = m_user;
    event.action = u"decision"_s;
    event.merchantId = value->merchantId;
    event.returnId = value->id;
    event.receiptId = *receiptId;
    event.summary = decision.kind == DecisionKind::Process
        ? u"Return %1 received: process (%2 lines)"_s.arg(value->loopId).arg(lines.size())
        : u"Return %1 received: flag (%2; %3 lines)"_s.arg(value->loopId)
              .arg(reasonList.join(u", "_s))
              .arg(lines.size());
    event.detail = compact(QJsonObject { { u"decision"_s, decisionKindCode(decision.kind) }, { u"reasons"_s, reasons },
        { u"note"_s, outcome->flagNote }, { u"lines"_s, lines }, { u"outbox"_s, queued } });
    if (Result<qint64> appended = AuditRepository(m_database).append(event); !appended)
        return fail(appended.error());

    if (const Status released = claims.release(m_return.id, m_station); !released)
        return fail(released.error());
    if (const Status committed = transaction->commit(); !committed)
        return fail(committed.error());

    m_submitted = true;
    m_return = *value;
    m_rules = *rules;
    return outcome;
}

Status ReceivingSession::abandon(Keep keep)
{
    if (const Status open = ensureOpen(); !open)
        return open;
    const bool store = keep == Keep::Recorded && (!m_units.isEmpty() || !m_receiptNote.isEmpty());
    const QString what = u"abandoning the receipt of return %1"_s.arg(m_return.loopId);
    Result<Transaction> transaction = Transaction::begin(m_database, what);
    if (!transaction)
        return fail(transaction.error());

    // What was recorded is kept as an abandoned receipt: lines as scanned, graded and marked, no decision and no
    // call to Loop. It does not count as received, so the return can be received again later.
    qint64 receiptId = 0;
    QJsonArray lines;
    if (store) {
        Receipt receipt;
        receipt.returnId = m_return.id;
        receipt.merchantId = m_return.merchantId;
        receipt.station = m_station;
        receipt.user = m_user;
        receipt.status = ReceiptStatus::Abandoned;
        receipt.startedAt = m_startedAt;
        receipt.note = m_receiptNote;
        for (const Unit& recorded : std::as_const(m_units)) {
            receipt.lines << recorded.line;
            lines.append(QJsonObject {
                { u"kind"_s, unitKindCode(recorded.kind) },
                { u"line_item_id"_s,
                    recorded.line.lineItemId ? QJsonValue(*recorded.line.lineItemId) : QJsonValue(QJsonValue::Null) },
                { u"scanned_code"_s, recorded.line.scannedCode },
                { u"condition"_s, optionalCode(recorded.line.condition) },
            });
        }
        Result<qint64> stored = ReceiptRepository(m_database).insert(receipt);
        if (!stored)
            return fail(stored.error());
        receiptId = *stored;
    }

    AuditEvent event;
    event.at = m_clock.now();
    event.station = m_station;
    event.user = m_user;
    event.action = u"abandon"_s;
    event.merchantId = m_return.merchantId;
    event.returnId = m_return.id;
    event.receiptId = receiptId;
    event.summary = store ? u"Stopped receiving return %1 with %2 items recorded, kept as abandoned receipt %3; "
                            u"nothing sent to Loop"_s.arg(m_return.loopId)
                                .arg(m_units.size())
                                .arg(receiptId)
                          : u"Stopped receiving return %1 with %2 items recorded, nothing kept or submitted"_s
                                .arg(m_return.loopId)
                                .arg(m_units.size());
    event.detail = compact(QJsonObject { { u"units"_s, m_units.size() }, { u"kept"_s, store }, { u"lines"_s, lines } });
    if (Result<qint64> appended = AuditRepository(m_database).append(event); !appended)
        return fail(appended.error());
    if (const Status released = ClaimRepository(m_database).release(m_return.id, m_station); !released)
        return released;
    if (const Status committed = transaction->commit(); !committed)
        return committed;
    m_abandoned = true;
    return {};
}

} // namespace Dockside
