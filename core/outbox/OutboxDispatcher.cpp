#include "OutboxDispatcher.h"

#include "OutboxPayload.h"
#include "loop/LoopClient.h"
#include "storage/AuditRepository.h"
#include "storage/Database.h"
#include "storage/LeaseRepository.h"
#include "storage/OutboxRepository.h"
#include "storage/ReturnRepository.h"
#include "storage/Transaction.h"
#include "util/Clock.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {
Q_LOGGING_CATEGORY(lcOutbox, "dockside.outbox")

const QString kEffectNone = u"none"_s;
const QString kEffectAccepted = u"accepted"_s;
const QString kEffectUnknown = u"unknown"_s;

// What a Loop action is meant to leave behind, for the actions a read-back can confirm.
std::optional<ReturnState> targetState(OutboxKind kind)
{
    switch (kind) {
    case OutboxKind::Process:
    case OutboxKind::Close:
        return ReturnState::Closed;
    case OutboxKind::Flag:
        return ReturnState::Review;
    case OutboxKind::Cancel:
        return ReturnState::Cancelled;
    case OutboxKind::Note:
    case OutboxKind::Grade:
    case OutboxKind::Assess:
        break;
    }
    return std::nullopt;
}

QString requestSummary(const OutboxEntry& entry)
{
    switch (entry.kind) {
    case OutboxKind::Grade:
        return u"POST /dispositioning/grade"_s;
    case OutboxKind::Assess:
        return u"POST /dispositioning/assess"_s;
    case OutboxKind::Process:
    case OutboxKind::Flag:
    case OutboxKind::Note:
    case OutboxKind::Close:
    case OutboxKind::Cancel:
        break;
    }
    return u"POST /warehouse/return/%1/%2"_s.arg(entry.loopReturnId).arg(outboxKindCode(entry.kind));
}
} // namespace

struct OutboxDispatcher::Job
{
    OutboxEntry entry;
    QPointer<LoopClient> client;
    int priorAttempts = 0; // attempts recorded before this dispatcher took the entry
    QString noteContent;
    QList<GradeItem> gradeItems;
    QList<AssessItem> assessItems;
    QDateTime confirmDeadline; // process: park as unconfirmed when still open after this
    int polls = 0;
    bool accepted = false; // process: Loop answered "true" to this dispatcher
    // process: the return was flagged (review) before it was sent, e.g. a supervisor processes a flagged return
    // anyway: review is then where processing starts, not where it failed.
    bool fromReview = false;
    bool confirming = false; // process: waiting for Loop to close the return; takes no sending slot
};

OutboxDispatcher::OutboxDispatcher(Database& database, const Clock& clock, OutboxSettings settings,
    ClientFactory clients, QObject* parent)
    : QObject(parent)
    , m_database(database)
    , m_clock(clock)
    , m_settings(std::move(settings))
    , m_clientFactory(std::move(clients))
{
    qRegisterMetaType<Dockside::OutboxDispatchStatus>();
}

OutboxDispatcher::~OutboxDispatcher() = default;

void OutboxDispatcher::start()
{
    m_stopped = false;
    if (!m_lookTimer) {
        m_lookTimer = new QTimer(this);
        m_lookTimer->setInterval(m_settings.lookIntervalMs);
        connect(m_lookTimer, &QTimer::timeout, this, &OutboxDispatcher::look);
    }
    m_lookTimer->start();
    scheduleLook();
}

void OutboxDispatcher::stop()
{
    m_stopped = true;
    if (m_lookTimer)
        m_lookTimer->stop();
    if (m_sender && m_jobs.isEmpty()) {
        // Another station may take over at once instead of waiting for the lease to lapse. Not while requests
        // are out: their answers are still recorded here, and the next sender must not act on them meanwhile.
        if (const Status released = LeaseRepository(m_database).release(QString::fromLatin1(kSenderLease), m_settings.stationId);
            !released)
            qCWarning(lcOutbox).noquote() << released.error().toLogString();
        m_sender = false;
    }
    refreshStatus();
}

void OutboxDispatcher::wake()
{
    scheduleLook();
}

void OutboxDispatcher::resumeMerchant(qint64 merchantId)
{
    m_paused.erase(merchantId);
    const bool busy = std::any_of(m_jobs.cbegin(), m_jobs.cend(),
        [merchantId](const std::shared_ptr<Job>& job) { return job->entry.merchantId == merchantId; });
    // A client with requests out must live until they are answered; it is replaced on the next pause.
    if (const auto found = m_clients.find(merchantId); found != m_clients.end() && !busy) {
        if (found->second)
            found->second->deleteLater();
        m_clients.erase(found);
    }
    refreshStatus();
    scheduleLook();
}

void OutboxDispatcher::scheduleLook()
{
    if (m_lookQueued)
        return;
    m_lookQueued = true;
    QTimer::singleShot(0, this, &OutboxDispatcher::look);
}

void OutboxDispatcher::look()
{
    m_lookQueued = false;
    if (m_stopped)
        return;
    const QDateTime now = m_clock.now();
    if (!holdSenderLease(now)) {
        refreshStatus();
        // Nothing to do here while another station sends; a drain can stop waiting (status().sender says why).
        if (m_jobs.isEmpty())
            Q_EMIT idle();
        return;
    }
    if (sending() < m_settings.maxInFlight) {
        const Result<QList<OutboxEntry>> due = OutboxRepository(m_database).due(m_clock.now(), m_settings.batchSize);
        if (!due) {
            noteError(due.error().message);
            qCWarning(lcOutbox).noquote() << due.error().toLogString();
        } else {
            for (const OutboxEntry& entry : *due) {
                if (sending() >= m_settings.maxInFlight)
                    break;
                if (m_jobs.contains(entry.id) || m_paused.contains(entry.merchantId))
                    continue;
                if (attemptedByPreviousSender(entry, now))
                    continue;
                if (LoopClient* client = clientFor(entry.merchantId))
                    begin(entry, client);
            }
        }
    }
    refreshStatus();
    if (m_jobs.isEmpty())
        Q_EMIT idle();
}

LoopClient* OutboxDispatcher::clientFor(qint64 merchantId)
{
    if (const auto found = m_clients.find(merchantId); found != m_clients.end() && found->second)
        return found->second;
    LoopClient* client = m_clientFactory ? m_clientFactory(merchantId, this) : nullptr;
    if (!client) {
        const QString reason = u"Dockside cannot reach Loop for merchant %1 on this station: no API key is stored. "
                               u"Add it with dockside-cli merchant add, or in Settings."_s.arg(merchantId);
        m_paused[merchantId] = reason;
        noteError(reason);
        return nullptr;
    }
    m_clients[merchantId] = client;
    return client;
}

void OutboxDispatcher::begin(const OutboxEntry& entry, LoopClient* client)
{
    auto job = std::make_shared<Job>();
    job->entry = entry;
    job->client = client;
    job->priorAttempts = entry.attempts;
    m_jobs.insert(entry.id, job);

    // The payload is read before anything leaves: a payload Loop cannot take is parked, not retried.
    Status readable;
    if (entry.kind == OutboxKind::Note) {
        Result<QString> content = OutboxPayload::noteContent(entry.payload);
        readable = content ? Status() : Status(fail(content.error()));
        job->noteContent = content.value_or(QString());
    } else if (entry.kind == OutboxKind::Grade) {
        Result<QList<GradeItem>> items = OutboxPayload::gradeItems(entry.payload);
        readable = items ? Status() : Status(fail(items.error()));
        job->gradeItems = items.value_or(QList<GradeItem>());
    } else if (entry.kind == OutboxKind::Assess) {
        Result<QList<AssessItem>> items = OutboxPayload::assessItems(entry.payload);
        readable = items ? Status() : Status(fail(items.error()));
        job->assessItems = items.value_or(QList<AssessItem>());
    }
    if (!readable) {
        park(job, readable.error().message);
        return;
    }
    if (entry.kind == OutboxKind::Process)
        job->fromReview = flaggedBefore(entry);

    // An earlier attempt may have reached Loop (the station crashed, or the answer was lost): find out what
    // Loop holds before anything is sent again.
    const bool maybeReached = entry.attempts > 0 && !everyAttemptWithoutEffect(entry);
    if (!maybeReached) {
        send(job);
        return;
    }
    qCInfo(lcOutbox).noquote() << "entry" << entry.id << outboxKindCode(entry.kind) << "of return"
                               << entry.loopReturnId << "may have reached Loop before; reading back first";
    switch (entry.kind) {
    case OutboxKind::Process:
        job->confirmDeadline = entry.lastAttemptAt.addMSecs(m_settings.confirmWindowMs);
        confirmProcess(job);
        return;
    case OutboxKind::Note:
        verifyNote(job, job->noteContent);
        return;
    case OutboxKind::Flag:
    case OutboxKind::Close:
    case OutboxKind::Cancel:
        verifyState(job, Error {});
        return;
    case OutboxKind::Grade:
    case OutboxKind::Assess:
        // Loop keeps the latest grade or assessment of a line item: sending it again changes nothing.
        send(job);
        return;
    }
}

void OutboxDispatcher::send(const std::shared_ptr<Job>& job)
{
    if (!job->client) {
        retryLater(job, Error::transient(u"outbox.client.gone"_s, u"The Loop connection was replaced."_s));
        return;
    }
    const QDateTime now = m_clock.now();
    if (const Status marked = OutboxRepository(m_database).markAttempt(job->entry.id, now, job->entry.attempts);
        !marked) {
        if (marked.error().code == u"outbox.settled"_s || marked.error().code == u"outbox.taken"_s) {
            // Settled by a supervisor after it was read as due (e.g. a flag overridden before it left), or taken
            // by another sender: either way it must not leave from here now.
            qCInfo(lcOutbox).noquote() << "entry" << job->entry.id << "was settled or taken meanwhile; not sent";
            release(job);
            return;
        }
        // Without the record of an attempt nothing may leave: a crash would hide that it might have.
        noteError(marked.error().message);
        qCWarning(lcOutbox).noquote() << marked.error().toLogString();
        release(job);
        return;
    }
    ++job->entry.attempts;
    job->entry.lastAttemptAt = now;

    const qint64 loopId = job->entry.loopReturnId;
    auto done = [this, job](const Status& result) { sent(job, result); };
    auto counted = [this, job](const Result<int>& result) {
        sent(job, result ? Status() : Status(fail(result.error())));
    };
    LoopClient& client = *job->client;
    switch (job->entry.kind) {
    case OutboxKind::Process:
        client.process(loopId, this, done);
        break;
    case OutboxKind::Flag:
        client.flag(loopId, this, done);
        break;
    case OutboxKind::Close:
        client.close(loopId, this, done);
        break;
    case OutboxKind::Cancel:
        client.cancel(loopId, this, done);
        break;
    case OutboxKind::Note:
        client.addNote(loopId, job->noteContent, this, done);
        break;
    case OutboxKind::Grade:
        client.grade(job->gradeItems, this, counted);
        break;
    case OutboxKind::Assess:
        client.assess(job->assessItems, this, counted);
        break;
    }
}

void OutboxDispatcher::sent(const std::shared_ptr<Job>& job, const Status& result)
{
    QString effect = kEffectAccepted;
    if (!result) {
        const Error& error = result.error();
        // A refused connection ("loop.unreachable") proves the request never left, like a 429 or a refusal.
        const bool certainlyIgnored = error.kind == Error::Kind::Auth || error.code == u"loop.rate_limited"_s
            || error.code == u"loop.unreachable"_s
            || (error.kind == Error::Kind::Permanent && error.code != u"loop.response.too_large"_s)
            || error.kind == Error::Kind::Validation;
        effect = certainlyIgnored ? kEffectNone : kEffectUnknown;
    }
    const OutboxEntry& entry = job->entry;
    QJsonObject detail {
        {u"entry"_s, entry.id},
        {u"kind"_s, outboxKindCode(entry.kind)},
        {u"attempt"_s, entry.attempts},
        {u"request"_s, requestSummary(entry)},
        {u"effect"_s, effect},
    };
    if (entry.kind == OutboxKind::Note)
        detail.insert(u"content"_s, job->noteContent);
    if (entry.kind == OutboxKind::Grade || entry.kind == OutboxKind::Assess)
        detail.insert(u"items"_s, int(job->gradeItems.size() + job->assessItems.size()));
    if (result) {
        detail.insert(u"response"_s, u"true"_s);
    } else {
        detail.insert(u"response"_s,
            QJsonObject {{u"kind"_s, errorKindCode(result.error().kind)}, {u"code"_s, result.error().code},
                {u"message"_s, result.error().message}});
    }
    audit(*job,
        result ? u"%1: Loop accepted it"_s.arg(requestSummary(entry))
               : u"%1: %2"_s.arg(requestSummary(entry), result.error().message),
        detail);

    if (result) {
        if (entry.kind == OutboxKind::Process) {
            // Queued, not done: done is when Loop shows the return closed.
            job->accepted = true;
            job->confirmDeadline = m_clock.now().addMSecs(m_settings.confirmWindowMs);
            job->polls = 0;
            job->confirming = true;
            QTimer::singleShot(m_settings.confirmFirstPollMs, this, [this, job] { confirmProcess(job); });
            return;
        }
        finishDone(job, u"accepted"_s);
        return;
    }

    const Error& error = result.error();
    switch (error.kind) {
    case Error::Kind::Auth:
        pauseMerchant(job, error);
        return;
    case Error::Kind::Transient:
    case Error::Kind::Storage:
        if (entry.kind == OutboxKind::Process && effect == kEffectUnknown) {
            // The answer was lost: it may be queued. Never send it again blindly; watch the return instead.
            job->confirmDeadline = entry.lastAttemptAt.addMSecs(m_settings.confirmWindowMs);
            job->polls = 0;
            job->confirming = true;
            QTimer::singleShot(m_settings.confirmFirstPollMs, this, [this, job] { confirmProcess(job); });
            return;
        }
        retryLater(job, error);
        return;
    case Error::Kind::Permanent:
    case Error::Kind::Validation:
        // After an attempt of ours that may have got through, "already closed / already flagged" means it did.
        if (job->priorAttempts > 0 && targetState(entry.kind)) {
            verifyState(job, error);
            return;
        }
        park(job, error.message);
        return;
    }
}

void OutboxDispatcher::confirmProcess(const std::shared_ptr<Job>& job)
{
    if (!job->client) {
        retryLater(job, Error::transient(u"outbox.client.gone"_s, u"The Loop connection was replaced."_s));
        return;
    }
    ++job->polls;
    job->confirming = true;
    job->client->returnById(job->entry.loopReturnId, this,
        [this, job](const Result<Return>& fresh) { confirmed(job, fresh); });
}

void OutboxDispatcher::confirmed(const std::shared_ptr<Job>& job, const Result<Return>& fresh)
{
    const QDateTime now = m_clock.now();
    const bool windowOver = now >= job->confirmDeadline;
    auto pollAgain = [this, job] {
        const qint64 step = std::min<qint64>(m_settings.confirmMaxPollMs,
            qint64(m_settings.confirmFirstPollMs) << std::min(job->polls, 20));
        QTimer::singleShot(std::chrono::milliseconds(step), this, [this, job] { confirmProcess(job); });
    };
    if (!fresh) {
        if (fresh.error().kind == Error::Kind::Auth) {
            pauseMerchant(job, fresh.error());
        } else if (windowOver || fresh.error().kind == Error::Kind::Permanent) {
            // Comes back through the read-back path on its next turn; it is never sent again from here.
            retryLater(job, fresh.error());
        } else {
            pollAgain();
        }
        return;
    }
    const qint64 loopId = job->entry.loopReturnId;
    const int waitedS = int(job->entry.lastAttemptAt.msecsTo(now) / 1000);
    switch (fresh->state) {
    case ReturnState::Closed:
        closeLocally(job, *fresh);
        return;
    case ReturnState::Open:
        if (!windowOver) {
            pollAgain();
            return;
        }
        park(job,
            job->accepted
                ? u"Loop queued processing of return %1 but it is still open %2 s later; processing may have failed "
                  u"in Loop. Dockside does not process twice: check the return in Loop Admin."_s.arg(loopId)
                      .arg(waitedS)
                : u"Unconfirmed: Dockside cannot tell whether Loop received the process call for return %1 (the "
                  u"answer was lost) and the return is still open %2 s later. Dockside does not process twice: "
                  u"check the return in Loop Admin, then process it there or re-queue it."_s.arg(loopId)
                      .arg(waitedS));
        return;
    case ReturnState::Review:
        if (job->fromReview) {
            if (!windowOver) {
                pollAgain();
                return;
            }
            park(job,
                u"Return %1 is still flagged for review in Loop %2 s after the process call; processing failed or "
                u"Loop does not process flagged returns for this merchant. Dockside does not process twice: check "
                u"the return in Loop Admin."_s.arg(loopId)
                    .arg(waitedS));
            return;
        }
        [[fallthrough]];
    case ReturnState::Cancelled:
    case ReturnState::Expired:
    case ReturnState::Unknown:
        park(job,
            u"Loop did not close return %1: it is now %2, so processing failed or was stopped in Loop. A supervisor "
            u"decides."_s.arg(loopId)
                .arg(returnStateCode(fresh->state)));
        return;
    }
}

void OutboxDispatcher::verifyState(const std::shared_ptr<Job>& job, const Error& refusal)
{
    if (!job->client) {
        retryLater(job, Error::transient(u"outbox.client.gone"_s, u"The Loop connection was replaced."_s));
        return;
    }
    job->client->returnById(job->entry.loopReturnId, this, [this, job, refusal](const Result<Return>& fresh) {
        if (!fresh) {
            if (fresh.error().kind == Error::Kind::Auth)
                pauseMerchant(job, fresh.error());
            else
                retryLater(job, fresh.error());
            return;
        }
        const std::optional<ReturnState> target = targetState(job->entry.kind);
        if (target && fresh->state == *target) {
            if (job->entry.kind == OutboxKind::Process)
                closeLocally(job, *fresh);
            else
                finishDone(job, u"Loop already shows the return %1"_s.arg(returnStateCode(fresh->state)));
            return;
        }
        if (!refusal.message.isEmpty()) {
            park(job, refusal.message);
            return;
        }
        // Actions other than process take effect at once: not there means never received.
        send(job);
    });
}

void OutboxDispatcher::verifyNote(const std::shared_ptr<Job>& job, const QString& content)
{
    if (!job->client) {
        retryLater(job, Error::transient(u"outbox.client.gone"_s, u"The Loop connection was replaced."_s));
        return;
    }
    job->client->notes(job->entry.loopReturnId, this, [this, job, content](const Result<QList<ReturnNote>>& notes) {
        if (!notes) {
            if (notes.error().kind == Error::Kind::Auth)
                pauseMerchant(job, notes.error());
            else
                retryLater(job, notes.error());
            return;
        }
        const bool there = std::any_of(notes->cbegin(), notes->cend(),
            [&content](const ReturnNote& note) { return note.content.trimmed() == content; });
        if (there)
            finishDone(job, u"Loop already lists the note"_s);
        else
            send(job);
    });
}

bool OutboxDispatcher::flaggedBefore(const OutboxEntry& entry)
{
    // Flagged by this station (an earlier flag of the return went through) or known flagged from the last sync.
    const Result<QList<OutboxEntry>> earlier
        = OutboxRepository(m_database).forReturn(entry.merchantId, entry.loopReturnId);
    if (earlier) {
        for (const OutboxEntry& candidate : *earlier) {
            if (candidate.id < entry.id && candidate.kind == OutboxKind::Flag && candidate.status == OutboxStatus::Done)
                return true;
        }
    }
    if (entry.returnId > 0) {
        const Result<std::optional<Return>> local = ReturnRepository(m_database).find(entry.returnId);
        if (local && local->has_value() && (*local)->state == ReturnState::Review)
            return true;
    }
    return false;
}

bool OutboxDispatcher::everyAttemptWithoutEffect(const OutboxEntry& entry)
{
    if (entry.returnId == 0)
        return false;
    const Result<QList<AuditEvent>> events = AuditRepository(m_database).forReturn(entry.returnId);
    if (!events) {
        qCWarning(lcOutbox).noquote() << events.error().toLogString();
        return false;
    }
    // A supervisor who re-queued a parked entry checked Loop and decided it must go again: the attempts made
    // before that (event action "override", detail "attempts_settled") no longer hold it back.
    int settled = 0;
    for (const AuditEvent& event : *events) {
        if (event.action != u"override"_s)
            continue;
        const QJsonObject detail = QJsonDocument::fromJson(event.detail).object();
        if (detail.value(u"entry"_s).toInteger() == entry.id && detail.contains(u"attempts_settled"_s))
            settled = std::max(settled, detail.value(u"attempts_settled"_s).toInt());
    }
    int withoutEffect = 0;
    for (const AuditEvent& event : *events) {
        if (event.action != QLatin1StringView(kPushAction))
            continue;
        const QJsonObject detail = QJsonDocument::fromJson(event.detail).object();
        if (detail.value(u"entry"_s).toInteger() == entry.id && detail.contains(u"attempt"_s)
            && detail.value(u"attempt"_s).toInt() > settled && detail.value(u"effect"_s).toString() == kEffectNone)
            ++withoutEffect;
    }
    return withoutEffect >= entry.attempts - settled;
}

void OutboxDispatcher::finishDone(const std::shared_ptr<Job>& job, const QString& how)
{
    const QDateTime now = m_clock.now();
    if (const Status done = OutboxRepository(m_database).markDone(job->entry.id, now); !done) {
        // Still pending: the next turn reads back and finds it done in Loop.
        noteError(done.error().message);
        qCWarning(lcOutbox).noquote() << done.error().toLogString();
        release(job);
        return;
    }
    if (how != u"accepted"_s) {
        audit(*job, u"%1: done (%2)"_s.arg(requestSummary(job->entry), how),
            QJsonObject {{u"entry"_s, job->entry.id}, {u"kind"_s, outboxKindCode(job->entry.kind)},
                {u"outcome"_s, u"done"_s}, {u"how"_s, how}});
    }
    Q_EMIT entrySettled(job->entry.id, outboxStatusCode(OutboxStatus::Done));
    release(job);
}

void OutboxDispatcher::closeLocally(const std::shared_ptr<Job>& job, Return fresh)
{
    const QDateTime now = m_clock.now();
    const OutboxEntry& entry = job->entry;
    fresh.id = 0;
    fresh.merchantId = entry.merchantId;
    // The entry is done and the local RMA closed together, or neither (then the next turn reads back again).
    Status stored = [&]() -> Status {
        Result<Transaction> transaction = Transaction::begin(m_database, u"closing return %1"_s.arg(entry.loopReturnId));
        if (!transaction)
            return fail(transaction.error());
        ReturnRepository returns(m_database);
        if (const Result<UpsertOutcome> upserted = returns.upsert(fresh, now); !upserted)
            return fail(upserted.error());
        qint64 localId = entry.returnId;
        if (localId == 0) {
            const Result<std::optional<Return>> local = returns.findByLoopId(entry.merchantId, entry.loopReturnId);
            if (local && local->has_value())
                localId = (*local)->id;
        }
        AuditEvent closed;
        closed.at = now;
        closed.station = m_settings.stationId;
        closed.user = u"outbox"_s;
        closed.action = QString::fromLatin1(kRmaClosedAction);
        closed.merchantId = entry.merchantId;
        closed.returnId = localId;
        closed.receiptId = entry.receiptId;
        closed.summary = u"Return %1 is closed in Loop: processing confirmed"_s.arg(entry.loopReturnId);
        closed.detail = QJsonDocument(QJsonObject {{u"entry"_s, entry.id}, {u"loop_return_id"_s, entry.loopReturnId},
                                          {u"polls"_s, job->polls}})
                            .toJson(QJsonDocument::Compact);
        if (const Result<qint64> appended = AuditRepository(m_database).append(closed); !appended)
            return fail(appended.error());
        if (const Status done = OutboxRepository(m_database).markDone(entry.id, now); !done)
            return fail(done.error());
        return transaction->commit();
    }();
    if (!stored) {
        noteError(stored.error().message);
        qCWarning(lcOutbox).noquote() << stored.error().toLogString();
        release(job);
        return;
    }
    Q_EMIT entrySettled(entry.id, outboxStatusCode(OutboxStatus::Done));
    release(job);
}

void OutboxDispatcher::park(const std::shared_ptr<Job>& job, const QString& reason)
{
    const QDateTime now = m_clock.now();
    if (const Status parked = OutboxRepository(m_database).park(job->entry.id, reason, now); !parked) {
        noteError(parked.error().message);
        qCWarning(lcOutbox).noquote() << parked.error().toLogString();
        release(job);
        return;
    }
    audit(*job, u"%1: parked for a supervisor: %2"_s.arg(requestSummary(job->entry), reason),
        QJsonObject {{u"entry"_s, job->entry.id}, {u"kind"_s, outboxKindCode(job->entry.kind)},
            {u"outcome"_s, u"parked"_s}, {u"reason"_s, reason}});
    noteError(reason);
    qCWarning(lcOutbox).noquote() << "parked entry" << job->entry.id << reason;
    Q_EMIT entrySettled(job->entry.id, outboxStatusCode(OutboxStatus::Parked));
    release(job);
}

void OutboxDispatcher::retryLater(const std::shared_ptr<Job>& job, const Error& error)
{
    const QDateTime now = m_clock.now();
    const QDateTime next = now.addMSecs(retryDelayMs(std::max(1, job->entry.attempts)));
    if (const Status rescheduled = OutboxRepository(m_database).reschedule(job->entry.id, next, error.message, now);
        !rescheduled)
        qCWarning(lcOutbox).noquote() << rescheduled.error().toLogString();
    noteError(error.message);
    qCInfo(lcOutbox).noquote() << "entry" << job->entry.id << error.toLogString() << "- next attempt at"
                               << next.toString(Qt::ISODateWithMs);
    release(job);
}

void OutboxDispatcher::pauseMerchant(const std::shared_ptr<Job>& job, const Error& error)
{
    // Not the entry's fault: it keeps its place and its turn, the merchant waits for a fixed key.
    m_paused[job->entry.merchantId] = error.message;
    const QDateTime now = m_clock.now();
    if (const Status rescheduled = OutboxRepository(m_database).reschedule(job->entry.id, now, error.message, now);
        !rescheduled)
        qCWarning(lcOutbox).noquote() << rescheduled.error().toLogString();
    noteError(error.message);
    release(job);
}

void OutboxDispatcher::release(const std::shared_ptr<Job>& job)
{
    m_jobs.remove(job->entry.id);
    refreshStatus();
    scheduleLook();
}

void OutboxDispatcher::audit(const Job& job, const QString& summary, const QJsonObject& detail)
{
    AuditEvent event;
    event.at = m_clock.now();
    event.station = m_settings.stationId;
    event.user = u"outbox"_s;
    event.action = QString::fromLatin1(kPushAction);
    event.merchantId = job.entry.merchantId;
    event.returnId = job.entry.returnId;
    event.receiptId = job.entry.receiptId;
    event.summary = summary;
    event.detail = QJsonDocument(detail).toJson(QJsonDocument::Compact);
    if (const Result<qint64> appended = AuditRepository(m_database).append(event); !appended)
        qCWarning(lcOutbox).noquote() << appended.error().toLogString();
}

int OutboxDispatcher::sending() const
{
    return int(std::count_if(
        m_jobs.cbegin(), m_jobs.cend(), [](const std::shared_ptr<Job>& job) { return !job->confirming; }));
}

void OutboxDispatcher::noteError(const QString& message)
{
    m_lastError = message;
    m_lastErrorAt = m_clock.now();
}

qint64 OutboxDispatcher::retryDelayMs(int attempts) const
{
    // Exponential with equal jitter, like LoopClient: many stations spread out, none comes back too soon.
    const qint64 step
        = std::min<qint64>(m_settings.retryMaxMs, qint64(m_settings.retryBaseMs) << std::min(attempts - 1, 20));
    return step / 2 + QRandomGenerator::global()->bounded(step / 2 + 1);
}

bool OutboxDispatcher::holdSenderLease(const QDateTime& now)
{
    LeaseRepository leases(m_database);
    const QString name = QString::fromLatin1(kSenderLease);
    std::optional<LeaseRepository::Lease> before;
    if (!m_sender) {
        const Result<std::optional<LeaseRepository::Lease>> current = leases.current(name);
        if (current)
            before = *current;
    }
    const Result<bool> acquired = leases.tryAcquire(name, m_settings.stationId, m_settings.senderLeaseTtlMs, now);
    if (!acquired) {
        noteError(acquired.error().message);
        qCWarning(lcOutbox).noquote() << acquired.error().toLogString();
        m_sender = false;
        return false;
    }
    if (!*acquired) {
        if (m_sender)
            qCInfo(lcOutbox).noquote() << "station" << m_settings.stationId << "lost the outbox sender lease";
        m_sender = false;
        if (const Result<std::optional<LeaseRepository::Lease>> current = leases.current(name); current && current->has_value())
            m_senderId = (*current)->holder;
        return false;
    }
    if (!m_sender) {
        // Taken over from another station: what it attempted shortly before may still be on the wire.
        m_takenOverAt = before && before->holder != m_settings.stationId ? now : QDateTime();
        qCInfo(lcOutbox).noquote() << "station" << m_settings.stationId << "now sends the site's outbox"
                                   << (m_takenOverAt.isValid() ? u"(took over from %1)"_s.arg(before->holder) : QString());
    }
    m_sender = true;
    m_senderId = m_settings.stationId;
    return true;
}

bool OutboxDispatcher::attemptedByPreviousSender(const OutboxEntry& entry, const QDateTime& now) const
{
    if (!m_takenOverAt.isValid() || entry.attempts == 0 || !entry.lastAttemptAt.isValid())
        return false;
    return entry.lastAttemptAt < m_takenOverAt && entry.lastAttemptAt.addMSecs(m_settings.takeoverGraceMs) > now;
}

void OutboxDispatcher::refreshStatus()
{
    OutboxDispatchStatus status = m_status;
    status.running = !m_stopped;
    status.sender = m_sender;
    status.senderId = m_senderId;
    if (const Result<QHash<OutboxStatus, int>> counts = OutboxRepository(m_database).countByStatus(); counts) {
        status.pending = std::max(0, int(counts->value(OutboxStatus::Pending) - m_jobs.size()));
        status.parked = counts->value(OutboxStatus::Parked);
        status.done = counts->value(OutboxStatus::Done);
    }
    status.inFlight = int(m_jobs.size());
    status.lastError = m_lastError;
    status.lastErrorAt = m_lastErrorAt;
    status.pausedMerchants.clear();
    for (const auto& [merchantId, reason] : m_paused)
        status.pausedMerchants << PausedMerchant {merchantId, reason};
    if (status == m_status)
        return;
    m_status = status;
    Q_EMIT statusChanged(m_status);
}

} // namespace Dockside
