#include "MerchantSync.h"

#include "loop/LoopClient.h"
#include "storage/Database.h"
#include "storage/ReturnRepository.h"
#include "storage/SyncStateRepository.h"
#include "util/Clock.h"
#include "util/Logging.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace Dockside {

MerchantSync::MerchantSync(Merchant merchant, LoopClient& client, Database& database, const Clock& clock,
    SyncSettings settings, QObject* parent)
    : QObject(parent)
    , m_merchant(std::move(merchant))
    , m_client(client)
    , m_database(database)
    , m_clock(clock)
    , m_settings(std::move(settings))
{
    m_status.merchantId = m_merchant.id;
    m_status.merchantName = m_merchant.name;
    connect(&m_client, &LoopClient::rateLimitWaited, this, [this](qint64 ms) {
        ++m_status.rateLimitWaits;
        m_status.rateLimitWaitedMs += ms;
        publish();
    });
}

const QStringList& MerchantSync::states()
{
    // Loop's list leaves cancelled and review returns out unless asked (CONTRACT §3.1), and a return
    // cancelled upstream must still reach the dock, so each is its own stream.
    static const QStringList all = {QString(), u"cancelled"_s, u"review"_s};
    return all;
}

QString MerchantSync::streamFor(const QString& state, bool sweep)
{
    const QString base = sweep ? u"sweep"_s : u"returns"_s;
    return state.isEmpty() ? base : base + u':' + state;
}

void MerchantSync::start(Mode mode)
{
    if (m_status.running)
        return;
    m_status.running = true;
    m_status.fullSweep = mode == Mode::Full;
    m_status.lastRunAt = m_clock.now();
    m_status.returnsPulled = 0;
    m_status.returnsInserted = 0;
    m_status.returnsUpdated = 0;
    m_status.returnsRejected = 0;
    m_status.windowsDone = 0;
    m_ok = true;
    m_failedStreams.clear();
    if (const Status planned = plan(mode); !planned) {
        m_ok = false;
        m_status.lastError = planned.error().message;
        m_status.lastErrorAt = m_clock.now();
        finish();
        return;
    }
    m_status.windowsTotal = int(m_steps.size());
    publish();
    runNext();
}

Status MerchantSync::plan(Mode mode)
{
    m_steps.clear();
    SyncStateRepository syncStates(m_database);
    const QDateTime now = m_clock.now();
    const auto planStream = [&](const QString& stream, const QString& state, bool asn) -> Status {
        const Result<SyncState> stored = syncStates.get(m_merchant.id, stream);
        if (!stored)
            return fail(stored.error());
        const QDateTime from = stored->watermark.isValid() ? stored->watermark.addMSecs(-m_settings.overlapMs)
                                                           : now.addDays(-m_settings.initialDays);
        for (const TimeWindow& window : TimeWindow::split(from, now))
            m_steps << Step {stream, state, window, asn};
        return {};
    };
    for (const QString& state : states()) {
        if (const Status planned = planStream(streamFor(state, false), state, false); !planned)
            return planned;
    }
    if (m_settings.pullAsn) {
        if (const Status planned = planStream(u"asn"_s, QString(), true); !planned)
            return planned;
    }
    if (mode == Mode::Full) {
        // The sweep re-reads everything updated in the last days regardless of watermarks, to catch
        // whatever a missed webhook or a bug let slip.
        for (const QString& state : states()) {
            for (const TimeWindow& window : TimeWindow::split(now.addDays(-m_settings.sweepDays), now))
                m_steps << Step {streamFor(state, true), state, window, false};
        }
    }
    return {};
}

void MerchantSync::runNext()
{
    while (!m_steps.isEmpty() && m_failedStreams.contains(m_steps.constFirst().stream)) {
        m_steps.removeFirst();
        ++m_status.windowsDone;
    }
    if (m_steps.isEmpty()) {
        finish();
        return;
    }
    const Step step = m_steps.constFirst();
    if (const Status attempted = SyncStateRepository(m_database).recordAttempt(m_merchant.id, step.stream, m_clock.now());
        !attempted) {
        stepFailed(step, attempted.error());
        return;
    }
    if (step.asn)
        pullAsn(step);
    else
        pullReturns(step);
}

void MerchantSync::pullReturns(const Step& step)
{
    ReturnListQuery query;
    query.from = step.window.from;
    query.to = step.window.to;
    query.filter = u"updated_at"_s;
    query.state = step.state;
    query.pageSize = m_settings.pageSize;
    m_client.forEachReturnPage(
        query, this, [this](const ReturnPage& page) { return storePage(page); },
        [this, step](Result<int> seen) {
            if (seen)
                stepSucceeded(step, *seen);
            else
                stepFailed(step, seen.error());
        });
}

Status MerchantSync::storePage(const ReturnPage& page)
{
    for (const Error& rejected : page.rejected) {
        // Not dropped silently: counted, shown in the status and logged with Loop's text.
        ++m_status.returnsRejected;
        qCWarning(lcSync).noquote() << "merchant" << m_merchant.name << "- Loop sent a return Dockside cannot read:"
                                    << rejected.toLogString();
    }
    QList<Return> returns = page.returns;
    for (Return& value : returns)
        value.merchantId = m_merchant.id;
    const Result<ReturnRepository::UpsertCounts> counts = ReturnRepository(m_database).upsertMany(returns, m_clock.now());
    if (!counts)
        return fail(counts.error());
    m_status.returnsInserted += counts->inserted;
    m_status.returnsUpdated += counts->updated;
    for (const Error& rejected : counts->rejected) {
        ++m_status.returnsRejected;
        qCWarning(lcSync).noquote() << "merchant" << m_merchant.name << "- a return cannot be stored:"
                                    << rejected.toLogString();
    }
    m_status.returnsPulled += page.returns.size();
    publish();
    return {};
}

Status MerchantSync::storeReturn(Return value)
{
    value.merchantId = m_merchant.id;
    const Result<UpsertOutcome> outcome = ReturnRepository(m_database).upsert(value, m_clock.now());
    if (!outcome)
        return fail(outcome.error());
    if (*outcome == UpsertOutcome::Inserted)
        ++m_status.returnsInserted;
    else if (*outcome == UpsertOutcome::Updated)
        ++m_status.returnsUpdated;
    return {};
}

void MerchantSync::pullAsn(const Step& step)
{
    m_client.asn(step.window.from, step.window.to, this, [this, step](Result<QList<AsnRow>> rows) {
        if (!rows) {
            stepFailed(step, rows.error());
            return;
        }
        ReturnRepository returns(m_database);
        QStringList missing;
        QSet<qint64> labelled;
        for (const AsnRow& row : std::as_const(*rows)) {
            const auto loopId = returns.loopIdForLineItem(m_merchant.id, row.returnLineItemId);
            if (!loopId) {
                stepFailed(step, loopId.error());
                return;
            }
            if (!loopId->has_value()) {
                // A return we have not seen yet (e.g. created between two pulls): fetch it by its order.
                if (!row.orderName.isEmpty() && !missing.contains(row.orderName))
                    missing << row.orderName;
                continue;
            }
            if (labelled.contains(**loopId) || row.labelStatus.isEmpty())
                continue;
            labelled.insert(**loopId);
            const LabelEvent label {**loopId, row.carrier, row.trackingNumber, row.labelStatus, row.updatedAt, {}};
            if (const auto applied = returns.applyLabel(m_merchant.id, label); !applied) {
                stepFailed(step, applied.error());
                return;
            }
        }
        fetchMissing(step, missing, rows->size());
    });
}

void MerchantSync::fetchMissing(Step step, QStringList orderNames, qint64 seen)
{
    if (orderNames.isEmpty()) {
        stepSucceeded(step, seen);
        return;
    }
    const QString orderName = orderNames.takeFirst();
    m_client.returnByOrderName(orderName, this, [this, step, orderNames, seen](Result<Return> value) {
        if (!value) {
            stepFailed(step, value.error());
            return;
        }
        if (const Status stored = storeReturn(*value); !stored) {
            stepFailed(step, stored.error());
            return;
        }
        ++m_status.returnsPulled;
        fetchMissing(step, orderNames, seen);
    });
}

void MerchantSync::stepSucceeded(const Step& step, qint64 seen)
{
    m_steps.removeFirst();
    ++m_status.windowsDone;
    const Status recorded
        = SyncStateRepository(m_database).recordSuccess(m_merchant.id, step.stream, step.window.to, seen, m_clock.now());
    if (!recorded) {
        stepFailed(step, recorded.error());
        return;
    }
    publish();
    runNext();
}

void MerchantSync::stepFailed(const Step& step, const Error& error)
{
    qCWarning(lcSync).noquote() << "merchant" << m_merchant.name << "stream" << step.stream << ":"
                                << error.toLogString();
    m_ok = false;
    m_status.lastError = error.message;
    m_status.lastErrorAt = m_clock.now();
    if (const Status recorded
        = SyncStateRepository(m_database).recordFailure(m_merchant.id, step.stream, error.message, m_clock.now());
        !recorded)
        qCWarning(lcSync).noquote() << recorded.error().toLogString();
    m_failedStreams << step.stream;
    if (!m_steps.isEmpty())
        m_steps.removeFirst();
    ++m_status.windowsDone;
    publish();
    runNext();
}

void MerchantSync::finish()
{
    m_status.running = false;
    if (m_ok) {
        m_status.lastSuccessAt = m_clock.now();
        m_status.lastError.clear();
        m_status.lastErrorAt = QDateTime();
    }
    publish();
    Q_EMIT finished(m_merchant.id, m_ok);
}

void MerchantSync::publish()
{
    Q_EMIT statusChanged(m_status);
}

} // namespace Dockside
