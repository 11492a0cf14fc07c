#pragma once

#include "OutboxDispatchStatus.h"
#include "OutboxSettings.h"
#include "domain/OutboxEntry.h"
#include "domain/Return.h"
#include "util/Error.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>

#include <functional>
#include <map>
#include <memory>

class QTimer;

namespace Dockside {

class Clock;
class Database;
class LoopClient;

// Tells Loop what the warehouse decided, exactly once in effect. Lives on its own thread (see OutboxThread):
// it reads due outbox entries (at most one per return, in order, never past a parked one), sends each
// through its merchant's LoopClient and records the outcome.
//
// - Before a request leaves, the attempt is recorded, so after a crash the entry is known to be "maybe sent".
// - Process is asynchronous in Loop: "true" only means queued. The entry is done when a read-back shows
//   the return `closed`; then the local copy is refreshed and an `rma_closed` audit event written. If it does
//   not close within the confirmation window the entry is parked for a supervisor. A return that was flagged
//   (review) before the process call (a supervisor's override) may stay in review until it closes; one that
//   turns to review, cancelled or expired otherwise is parked at once.
// - A process call is never sent twice blindly. When an earlier attempt may have reached Loop (a crash, a
//   lost answer, a timeout, a 5xx) the return is read back instead: closed means done; still open past the
//   window means parked as unconfirmed. It is sent again only when every earlier attempt is known to have had
//   no effect (Loop answered 429 or 401, refused it, or the connection was refused: "loop.unreachable"), which
//   the `push` audit events of the entry prove, or when a supervisor re-queued the parked entry after checking
//   Loop (an `override` event with "attempts_settled": the attempts before it no longer count).
// - An entry a supervisor settled (Dismissed) is never sent, and no longer holds back the entries behind it.
// - Notes, flags, closes and cancels whose earlier attempt may have reached Loop are checked the same way
//   (the note is listed, the state is reached) before they are sent again; grades and assessments
//   overwrite and are simply sent again.
// - Transient failures are retried with exponential backoff and jitter; Permanent ones (Loop refuses) park
//   the entry with Loop's message, and the entries behind it for that return wait; an Auth failure pauses
//   the merchant until resumeMerchant() without parking anything.
// - Every push and its result land in the audit trail as action `push` (never the API key).
class OutboxDispatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutboxDispatcher)

public:
    // Makes the LoopClient of a merchant, parented to `parent`, on the dispatcher's thread; nullptr when
    // this station cannot talk to that merchant (no API key). The composition root owns the keys.
    using ClientFactory = std::function<LoopClient*(qint64 merchantId, QObject* parent)>;

    static constexpr const char* kPushAction = "push";
    static constexpr const char* kRmaClosedAction = "rma_closed";
    // The lease that makes one station of a site the sender (see OutboxSettings::senderLeaseTtlMs).
    static constexpr const char* kSenderLease = "outbox-sender";

    OutboxDispatcher(Database& database, const Clock& clock, OutboxSettings settings, ClientFactory clients,
        QObject* parent = nullptr);
    ~OutboxDispatcher() override;

    const OutboxDispatchStatus& status() const { return m_status; }
    const OutboxSettings& settings() const { return m_settings; }

public Q_SLOTS:
    // Call on the dispatcher's thread (queued): creates the timer there and looks for due entries.
    void start();
    // Stops taking new entries; answers to requests already out are still recorded.
    void stop();
    // Looks for due entries now (e.g. right after a receipt was submitted).
    void wake();
    // After the merchant's API key was fixed: drops its client (the factory makes a new one) and resumes.
    void resumeMerchant(qint64 merchantId);

Q_SIGNALS:
    void statusChanged(const Dockside::OutboxDispatchStatus& status);
    // An entry reached done or parked; `status` is its outboxStatusCode.
    void entrySettled(qint64 entryId, const QString& status);
    // A look found nothing due and nothing is in flight, or another station holds the sender lease
    // (status().sender is false). status().pending counts entries waiting for a later retry, status().parked
    // those waiting for a supervisor.
    void idle();

private:
    struct Job;
    enum class Effect {
        None, // Loop certainly did not act: 429, 401, a refusal
        Accepted, // Loop said "true"
        Unknown, // the answer was lost: timeout, reset, 5xx, unreadable
    };

    void scheduleLook();
    // Takes or renews the site's sender lease; false while another station sends.
    bool holdSenderLease(const QDateTime& now);
    bool attemptedByPreviousSender(const OutboxEntry& entry, const QDateTime& now) const;
    void look();
    LoopClient* clientFor(qint64 merchantId);
    void begin(const OutboxEntry& entry, LoopClient* client);
    void send(const std::shared_ptr<Job>& job);
    void sent(const std::shared_ptr<Job>& job, const Status& result);
    void confirmProcess(const std::shared_ptr<Job>& job);
    void confirmed(const std::shared_ptr<Job>& job, const Result<Return>& fresh);
    void verifyState(const std::shared_ptr<Job>& job, const Error& refusal);
    void verifyNote(const std::shared_ptr<Job>& job, const QString& content);
    bool everyAttemptWithoutEffect(const OutboxEntry& entry);
    bool flaggedBefore(const OutboxEntry& entry);

    void finishDone(const std::shared_ptr<Job>& job, const QString& how);
    void closeLocally(const std::shared_ptr<Job>& job, Return fresh);
    void park(const std::shared_ptr<Job>& job, const QString& reason);
    void retryLater(const std::shared_ptr<Job>& job, const Error& error);
    void pauseMerchant(const std::shared_ptr<Job>& job, const Error& error);
    void release(const std::shared_ptr<Job>& job);
    void audit(const Job& job, const QString& summary, const QJsonObject& detail);
    void noteError(const QString& message);
    qint64 retryDelayMs(int attempts) const;
    void refreshStatus();
    int sending() const;

    Database& m_database;
    const Clock& m_clock;
    OutboxSettings m_settings;
    ClientFactory m_clientFactory;
    QTimer* m_lookTimer = nullptr;
    bool m_lookQueued = false;
    bool m_stopped = true;
    bool m_sender = false;
    QString m_senderId;
    QDateTime m_takenOverAt; // when this station took the sender lease over from another, else invalid
    std::map<qint64, LoopClient*> m_clients; // merchant id -> client (children of this)
    std::map<qint64, QString> m_paused; // merchant id -> why
    QHash<qint64, std::shared_ptr<Job>> m_jobs; // entry id -> work in progress
    QString m_lastError;
    QDateTime m_lastErrorAt;
    OutboxDispatchStatus m_status;
};

} // namespace Dockside
