#pragma once

#include "MerchantRules.h"
#include "ReceiptRules.h"
#include "domain/OutboxEntry.h"
#include "domain/Receipt.h"
#include "domain/Return.h"
#include "storage/ClaimRepository.h"
#include "util/Error.h"

#include <QList>
#include <QString>

#include <optional>

namespace Dockside {

class Clock;
class Database;

// One return being received at one station: what was scanned, graded and found missing, held in memory until
// submit() writes the receipt, its decision, the calls to Loop (outbox) and the audit trail in one transaction.
// Opened by ReceivingService, which holds the return's claim for this station; every change renews the claim,
// and a change after another station took over a lapsed claim fails instead of being lost silently at submit.
// Scans, undos and missing marks are audited as they happen. Not thread-safe: one session, one thread.
class ReceivingSession final
{
public:
    enum class UnitKind {
        Expected, // a scanned unit assigned to a line item that had none
        OverQuantity, // a scanned unit for a line item (and all its same-code siblings) already received
        Unexpected, // a scan that matched no line of the return
        Missing, // an expected line item marked as not in the package (no scan)
    };

    // One row of the bench's list. `key` stays valid until the unit is undone.
    struct Unit
    {
        int key = 0;
        UnitKind kind = UnitKind::Expected;
        ReceiptLine line;
    };

    struct ScanResult
    {
        int key = 0;
        UnitKind kind = UnitKind::Expected;
        std::optional<qint64> lineItemId;
        QString title; // the line's title; empty for an unexpected scan
    };

    // What submitting means: computed without writing by preview(), written by submit() (ids filled in).
    struct Outcome
    {
        ReceiptRules::Evaluation evaluation;
        QString flagNote; // sent to Loop before the flag; empty for Process
        Receipt receipt; // with a Missing line for every expected line item nothing was recorded for
        QList<OutboxEntry> outbox; // in the order they will be sent
    };

    ~ReceivingSession();
    ReceivingSession(const ReceivingSession&) = delete;
    ReceivingSession& operator=(const ReceivingSession&) = delete;

    const Return& returnValue() const { return m_return; }
    const MerchantRules& rules() const { return m_rules; }
    const QString& station() const { return m_station; }
    const QString& user() const { return m_user; }
    const ClaimRepository::Claim& claim() const { return m_claim; }
    QList<Unit> units() const { return m_units; }
    bool isSubmitted() const { return m_submitted; }

    // Matches the code to the return's line items by barcode, else by SKU (both normalised), and assigns the unit
    // to the first such line item that has none yet; if all have one, it is over-quantity on the first of them.
    // A line item marked missing counts as free (the scan proves it arrived) but is used last.
    Result<ScanResult> scan(const QString& raw);
    // Undoes the most recent scan still standing (restoring a missing mark it replaced); returns what was undone.
    Result<ScanResult> undoLastScan();
    Status markMissing(qint64 lineItemId);
    Status unmarkMissing(qint64 lineItemId);

    // Per scanned unit. Missing is not a condition a scanned unit can have: use markMissing.
    Status setCondition(int key, std::optional<Condition> condition);
    Status setDisposition(int key, std::optional<Disposition> disposition);
    Status setNote(int key, const QString& note);
    Status addPhoto(int key, const QString& reference);
    // About the whole package (a crushed box, no packing slip): kept with the receipt, and ends the note to Loop
    // when the receipt is flagged.
    Status setReceiptNote(const QString& note);
    const QString& receiptNote() const { return m_receiptNote; }

    // Keeps the claim alive while the receiver is busy elsewhere (the UI can call it on a timer).
    Status renewClaim();

    // Why submit() would refuse what was recorded so far, e.g. an item without a condition.
    Status checkComplete() const;

    // The decision and everything submit() would write, from the return and the rules as stored now.
    Result<Outcome> preview();
    // Writes receipt (Submitted), decision, outbox entries and the decision's audit event, and releases the claim,
    // in one transaction: all of it or nothing. Refused when the return already has a submitted receipt.
    Result<Outcome> submit();
    enum class Keep {
        Recorded, // store what was recorded as an abandoned receipt (when anything was)
        Nothing, // a preview that was never meant to be submitted, e.g. dockside-cli receive without --submit
    };
    // Gives the return back, in one transaction: keeps what was recorded as a receipt with status Abandoned (lines
    // as recorded, no decision, nothing for Loop; it does not block a later receipt of the return), audits it and
    // releases the claim.
    Status abandon(Keep keep = Keep::Recorded);

private:
    friend class ReceivingService;

    ReceivingSession(Database& database, const Clock& clock, qint64 claimTtlMs, Return value, MerchantRules rules,
        ClaimRepository::Claim claim);

    // Shared with ReceivingService: the same refusals at open and at submit.
    static Status checkNotReceived(Database& database, const Return& value);
    static Error claimedElsewhere(const Return& value, const ClaimRepository::Claim& holder, bool lost);

    Status ensureOpen() const;
    Status touch();
    Status audit(const QString& action, const QString& rawScan, const QString& summary, const QByteArray& detail);
    Unit* unit(int key);
    // The unit behind `key`, when the session still takes changes.
    Result<Unit*> editableUnit(int key);
    const ReturnLine* line(qint64 lineItemId) const;
    bool isReceived(qint64 lineItemId) const;
    qsizetype missingMarker(qint64 lineItemId) const;
    Result<Outcome> build(const Return& value, const MerchantRules& rules) const;
    Result<Return> reloadReturn();

    struct UndoStep
    {
        int key = 0;
        std::optional<Unit> replacedMissing; // the missing mark this scan removed, restored on undo
        qsizetype replacedAt = 0;
    };

    Database& m_database;
    const Clock& m_clock;
    qint64 m_claimTtlMs;
    Return m_return;
    MerchantRules m_rules;
    ClaimRepository::Claim m_claim;
    QString m_station;
    QString m_user;
    QDateTime m_startedAt;
    QString m_receiptNote;
    QList<Unit> m_units;
    QList<UndoStep> m_scans;
    int m_nextKey = 1;
    bool m_submitted = false;
    bool m_abandoned = false;
};

QString unitKindCode(ReceivingSession::UnitKind kind);

} // namespace Dockside
