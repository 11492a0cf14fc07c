#include "LoopShop.h"

#include "JsonWriter.h"
#include "SimClock.h"
#include "SimOptions.h"

#include <QJsonValue>

using namespace Qt::StringLiterals;
using namespace LoopEnums;

namespace {

// {"errors":{"message":"Return is closed and therefore cannot be processed.","code":"UNPROCESSABLE_RETURN"}}
QByteArray errorsBody(const QString& stateName, const QString& code)
{
    JsonWriter w;
    w.beginObject();
    w.key("errors");
    w.beginObject();
    w.field("message", u"Return is "_s + stateName + u" and therefore cannot be processed."_s);
    w.field("code", code);
    w.endObject();
    w.endObject();
    return w.take();
}

// {"message":"Return is cancelled and therefore cannot be processed."}
QByteArray messageBody(const QString& message)
{
    JsonWriter w;
    w.beginObject();
    w.field("message", message);
    w.endObject();
    return w.take();
}

// {"content":"Return is expired and cannot be processed."}
QByteArray contentBody(const QString& what)
{
    JsonWriter w;
    w.beginObject();
    w.field("content", u"Return is "_s + what + u" and cannot be processed."_s);
    w.endObject();
    return w.take();
}

LoopShop::ActionResult ok(bool literal, bool effective)
{
    return { 200, LoopShop::successBody(literal), false, effective };
}

LoopShop::ActionResult conflict(QByteArray body)
{
    return { 200, std::move(body), true, false };
}

LoopShop::ActionResult unprocessable(ReturnState state)
{
    return conflict(errorsBody(toString(state), u"UNPROCESSABLE_RETURN"_s));
}

LoopShop::ActionResult notFound()
{
    return { 404, LoopShop::notFoundBody(), false, false };
}

} // namespace

LoopShop::LoopShop(const SimOptions& options, const SimClock& clock, QObject* parent)
    : QObject(parent)
    , m_options(options)
    , m_clock(clock)
    , m_catalogue(options.seed, options.shopId)
    , m_generator(options.seed, options.shopId, m_catalogue)
    , m_serializer(m_catalogue, options.shopId, options.seed)
    , m_random(SimRandom::mix(options.seed, 0x5EED5u))
{
    connect(&m_labelTicker, &QTimer::timeout, this, &LoopShop::tickLabels);
    reset();
}

qint64 LoopShop::shopId() const
{
    return m_options.shopId;
}

QByteArray LoopShop::successBody(bool literal)
{
    return literal ? QByteArray("true") : QByteArray("\"true\"");
}

QByteArray LoopShop::notFoundBody()
{
    return QByteArray("{\"errors\":{\"code\":\"NOT_FOUND\"}}");
}

void LoopShop::reset()
{
    // Pending process runs and label timers of the old data set check the generation and do nothing.
    ++m_generation;
    m_catalogue.reset();
    m_store.reset(m_generator.generate(m_options.returns, m_clock.anchorSecs()));
    m_random = SimRandom(SimRandom::mix(m_options.seed, 0x5EED5u));
    applyLabelTick();
}

void LoopShop::applyLabelTick()
{
    m_labelTicker.stop();
    if (m_options.labelTickMs > 0)
        m_labelTicker.start(m_options.labelTickMs);
}

void LoopShop::touch(ReturnRecord& record)
{
    record.updatedAt = std::max(record.updatedAt, m_clock.nowSecs());
}

void LoopShop::recordAction(qint64 returnId, ReturnRecord::ActionCall call)
{
    if (ReturnRecord* record = m_store.find(returnId))
        record->actions.append(std::move(call));
}

LoopShop::ActionResult LoopShop::process(qint64 returnId, const QJsonObject& additionalDetails)
{
    ReturnRecord* record = m_store.find(returnId);
    if (!record)
        return notFound();
    ++record->processCallsReceived;
    const bool literal = m_options.successBodyLiteral;
    switch (record->state) {
    case ReturnState::Open:
        if (record->flagged && !m_options.allowFlaggedProcess)
            return conflict(errorsBody(toString(record->state), u"UNPROCESSABLE_FLAGGED_RETURN"_s));
        break;
    case ReturnState::Review:
        if (!m_options.allowFlaggedProcess)
            return conflict(messageBody(u"Return is review and therefore cannot be processed."_s));
        break;
    case ReturnState::Closed:
    case ReturnState::Expired:
        return unprocessable(record->state);
    case ReturnState::Cancelled:
        return conflict(messageBody(u"Return is cancelled and therefore cannot be processed."_s));
    }
    ++record->processCallsAccepted;
    for (auto it = additionalDetails.begin(); it != additionalDetails.end(); ++it)
        record->additionalDetails.insert(it.key(), it.value());
    // A second call while the first is still queued is accepted and changes nothing [INF].
    if (record->processQueued)
        return ok(literal, false);
    queueProcessing(*record);
    return ok(literal, true);
}

void LoopShop::queueProcessing(ReturnRecord& record)
{
    record.processQueued = true;
    const qint64 id = record.id;
    const quint64 generation = m_generation;
    QTimer::singleShot(m_options.processDelayMs, this, [this, id, generation] { runProcessing(id, generation); });
}

void LoopShop::runProcessing(qint64 returnId, quint64 generation)
{
    if (generation != m_generation)
        return;
    ReturnRecord* record = m_store.find(returnId);
    if (!record || !record->processQueued)
        return;
    record->processQueued = false;
    ++record->processRuns;
    // The queued job re-checks the return when it runs, like a background worker would.
    if (record->state == ReturnState::Closed)
        return;
    const bool processable = (record->state == ReturnState::Open && (!record->flagged || m_options.allowFlaggedProcess))
        || (record->state == ReturnState::Review && m_options.allowFlaggedProcess);
    QString failure;
    if (!processable)
        failure = u"Return is "_s + (record->flagged ? u"flagged"_s : toString(record->state))
            + u" and therefore cannot be processed."_s;
    else if (record->failNextProcess)
        failure = record->failNextProcessMessage.isEmpty() ? u"Insufficient funds to issue the refund."_s
                                                           : record->failNextProcessMessage;
    else if (m_options.processFailureRate > 0 && m_random.chance(m_options.processFailureRate))
        failure = u"Exchange variant is out of stock."_s;
    if (!failure.isEmpty()) {
        record->failNextProcess = false;
        ++record->processFailures;
        Q_EMIT processingFailed(returnId, failure);
        return;
    }
    closeReturn(*record, true);
}

void LoopShop::closeReturn(ReturnRecord& record, bool withOutcomes)
{
    const qint64 id = record.id;
    record.state = ReturnState::Closed;
    record.closedAt = m_clock.nowSecs();
    record.actionedBy = u"api"_s;
    touch(record);
    if (withOutcomes)
        m_generator.applyProcessingOutcome(record);
    Q_EMIT returnEvent(u"return.updated"_s, id);
    Q_EMIT returnEvent(u"return.closed"_s, id);
}

LoopShop::ActionResult LoopShop::remove(qint64 returnId, const std::optional<QString>& lineItemIds)
{
    ReturnRecord* record = m_store.find(returnId);
    if (!record)
        return { 403, QByteArray("{\"errors\":{\"code\":\"NOT_FOUND\",\"message\":\"Return not found.\"}}"), false,
            false };
    const QStringList ids = lineItemIds.value_or(QString()).split(u',', Qt::SkipEmptyParts);
    if (ids.isEmpty())
        return { 422, QByteArray("{\"error\":{\"message\":\"The line item id field is required.\"}}"), false, false };
    if (record->state != ReturnState::Open || record->flagged || record->processQueued)
        return { 422, messageBody(u"Return cannot be modified."_s), false, false };
    QList<qsizetype> qualifying;
    bool allQualify = true;
    for (const QString& text : ids) {
        bool parsed = false;
        const qint64 id = text.trimmed().toLongLong(&parsed);
        qsizetype found = -1;
        for (qsizetype i = 0; parsed && i < record->lineItems.size(); ++i) {
            const auto& item = record->lineItems.at(i);
            if (item.id == id && !item.removed && item.resolution != Resolution::Exchange)
                found = i;
        }
        if (found < 0)
            allQualify = false;
        else if (!qualifying.contains(found))
            qualifying.append(found);
    }
    if (qualifying.isEmpty())
        return { 422, messageBody(u"There are no line items that qualify for removal"_s), false, false };
    if (!allQualify)
        return { 422, messageBody(u"Not all line items qualify for removal"_s), false, false };
    qsizetype remaining = 0;
    for (const auto& item : std::as_const(record->lineItems))
        remaining += item.removed ? 0 : 1;
    if (qualifying.size() >= remaining)
        return { 422, messageBody(u"Return cannot be modified."_s), false, false };
    for (const qsizetype index : std::as_const(qualifying))
        record->lineItems[index].removed = true;
    record->editedAt = m_clock.nowSecs();
    touch(*record);
    Q_EMIT returnEvent(u"return.updated"_s, returnId);
    // The documented behaviour: remove, then process.
    if (ReturnRecord* again = m_store.find(returnId))
        queueProcessing(*again);
    return ok(m_options.successBodyLiteral, true);
}

LoopShop::ActionResult LoopShop::cancel(qint64 returnId)
{
    ReturnRecord* record = m_store.find(returnId);
    if (!record)
        return notFound();
    switch (record->state) {
    case ReturnState::Open:
        if (record->flagged)
            return conflict(contentBody(u"flagged"_s));
        break;
    case ReturnState::Review:
        return conflict(contentBody(u"flagged"_s));
    case ReturnState::Expired:
        return conflict(contentBody(u"expired"_s));
    case ReturnState::Closed:
    case ReturnState::Cancelled:
        return unprocessable(record->state);
    }
    record->state = ReturnState::Cancelled;
    touch(*record);
    Q_EMIT returnEvent(u"return.updated"_s, returnId);
    return ok(m_options.successBodyLiteral, true);
}

LoopShop::ActionResult LoopShop::flag(qint64 returnId)
{
    ReturnRecord* record = m_store.find(returnId);
    if (!record)
        return notFound();
    if (record->state != ReturnState::Open)
        return unprocessable(record->state);
    if (record->flagged)
        return conflict(errorsBody(toString(record->state), u"UNPROCESSABLE_FLAGGED_RETURN"_s));
    record->state = ReturnState::Review;
    record->flagged = true;
    touch(*record);
    Q_EMIT returnEvent(u"return.updated"_s, returnId);
    return ok(m_options.successBodyLiteral, true);
}

LoopShop::ActionResult LoopShop::close(qint64 returnId)
{
    ReturnRecord* record = m_store.find(returnId);
    if (!record)
        return notFound();
    switch (record->state) {
    case ReturnState::Open:
    case ReturnState::Review:
    case ReturnState::Expired:
        break;
    case ReturnState::Closed:
        return unprocessable(record->state);
    case ReturnState::Cancelled:
        return conflict(messageBody(u"Return is cancelled and therefore cannot be processed."_s));
    }
    closeReturn(*record, false);
    return ok(m_options.successBodyLiteral, true);
}

LoopShop::ActionResult LoopShop::addNote(qint64 returnId, const QJsonValue& content)
{
    ReturnRecord* record = m_store.find(returnId);
    if (!record)
        return notFound();
    // Laravel's TrimStrings middleware trims input before `required|string|max:254` runs.
    const QString text = content.isString() ? content.toString().trimmed() : QString();
    if (text.isEmpty() || text.size() > 254)
        return { 422,
            QByteArray("{\"errors\":{\"message\":\"Content is required and must be less than 255 characters.\"}}"),
            false, false };
    record->notes.append({ m_generator.noteId(m_store.nextNoteSequence()), text, m_clock.nowSecs() });
    return ok(m_options.successBodyLiteral, true);
}

std::expected<qint64, QString> LoopShop::createReturn(const QJsonObject& overrides)
{
    const DataGenerator::OrderIdentity* existingOrder = nullptr;
    DataGenerator::OrderIdentity order;
    if (overrides.contains(u"order_name"_s) || overrides.contains(u"order_id"_s)) {
        const QList<const ReturnRecord*> matches = overrides.contains(u"order_id"_s)
            ? m_store.findByOrderId(overrides.value(u"order_id"_s).toInteger())
            : m_store.findByOrderName(overrides.value(u"order_name"_s).toString());
        if (matches.isEmpty())
            return std::unexpected(u"order_name / order_id does not match an existing return's order"_s);
        order = DataGenerator::orderOf(*matches.constFirst(), m_generator.orderSequenceOf(*matches.constFirst()));
        existingOrder = &order;
    }
    std::optional<ReturnState> state;
    if (overrides.contains(u"state"_s)) {
        state = returnStateFromString(overrides.value(u"state"_s).toString());
        if (!state)
            return std::unexpected(u"state must be open, closed, cancelled, expired or review"_s);
    }
    QString labelStatus;
    if (overrides.contains(u"label_status"_s)) {
        labelStatus = overrides.value(u"label_status"_s).toString();
        if (labelStatus.isEmpty())
            return std::unexpected(u"label_status must be a label status such as new or in_transit"_s);
    }
    const qint64 sequence = m_store.nextReturnSequence();
    auto created = m_generator.create(sequence, m_clock.nowSecs(), overrides, existingOrder);
    if (!created)
        return std::unexpected(created.error());
    if (created->carrier == Carrier::None && !labelStatus.isEmpty() && labelStatus != labelStatusNone())
        return std::unexpected(u"label_status needs a carrier (this return has none)"_s);
    m_store.setMaxSequence(sequence);
    const qint64 id = m_store.add(std::move(*created)).id;
    Q_EMIT returnEvent(u"return.created"_s, id);

    ReturnRecord* record = m_store.find(id);
    const bool wantsLabel = overrides.value(u"label"_s).toBool(true) && record->carrier != Carrier::None;
    if (!labelStatus.isEmpty() && labelStatus != labelStatusNone()) {
        createLabel(id, labelStatus);
    } else if (wantsLabel && labelStatus.isEmpty()) {
        // Loop generates the label a few seconds after the return (CONTRACT.md §9.3).
        const quint64 generation = m_generation;
        const int delay = overrides.contains(u"label_delay_ms"_s) ? overrides.value(u"label_delay_ms"_s).toInt()
                                                                  : m_options.labelDelayMs;
        QTimer::singleShot(std::max(0, delay), this, [this, id, generation] {
            if (generation != m_generation)
                return;
            const ReturnRecord* current = m_store.find(id);
            if (current && !current->labelCreated && current->state == ReturnState::Open)
                createLabel(id, labelStatusNew());
        });
    }
    if (state && *state != ReturnState::Open) {
        const auto changed = setState(id, toString(*state),
            overrides.contains(u"flagged"_s) ? std::optional<bool>(overrides.value(u"flagged"_s).toBool())
                                             : std::nullopt);
        if (!changed)
            return std::unexpected(changed.error());
    } else if (overrides.value(u"flagged"_s).toBool(false)) {
        record = m_store.find(id);
        record->flagged = true;
    }
    return id;
}

void LoopShop::createLabel(qint64 returnId, const QString& status)
{
    ReturnRecord* record = m_store.find(returnId);
    if (!record)
        return;
    record->labelCreated = true;
    record->labelStatus = canonicalLabelStatus(status);
    record->labelUpdatedAt = m_clock.nowSecs();
    if (record->labelStatus == labelStatusDelivered())
        record->dateDelivered = record->labelUpdatedAt;
    touch(*record);
    Q_EMIT returnEvent(u"label.created"_s, returnId);
    Q_EMIT returnEvent(u"return.updated"_s, returnId);
}

std::expected<void, QString> LoopShop::advanceLabel(qint64 returnId, const QString& status)
{
    ReturnRecord* record = m_store.find(returnId);
    if (!record)
        return std::unexpected(u"no return with id %1"_s.arg(returnId));
    if (record->carrier == Carrier::None)
        return std::unexpected(
            u"return %1 has no carrier label (return_method %2)"_s.arg(returnId).arg(toString(record->returnMethod)));
    if (!status.isEmpty() && status == labelStatusNone())
        return std::unexpected(u"a label cannot go back to N/A"_s);
    if (!record->labelCreated) {
        createLabel(returnId, status.isEmpty() ? labelStatusNew() : status);
        return {};
    }
    const QString next = status.isEmpty() ? nextLabelStatus(record->labelStatus) : status;
    if (next.isEmpty())
        return std::unexpected(
            u"label of return %1 is '%2' and has no next status; pass one explicitly"_s.arg(returnId).arg(
                record->labelStatus));
    record->labelStatus = canonicalLabelStatus(next);
    record->labelUpdatedAt = m_clock.nowSecs();
    if (record->labelStatus == labelStatusDelivered())
        record->dateDelivered = record->labelUpdatedAt;
    touch(*record);
    Q_EMIT returnEvent(u"label.updated"_s, returnId);
    Q_EMIT returnEvent(u"return.updated"_s, returnId);
    return {};
}

std::expected<void, QString> LoopShop::setState(qint64 returnId, const QString& stateName, std::optional<bool> flagged)
{
    ReturnRecord* record = m_store.find(returnId);
    if (!record)
        return std::unexpected(u"no return with id %1"_s.arg(returnId));
    const auto state = returnStateFromString(stateName);
    if (!state)
        return std::unexpected(u"state must be open, closed, cancelled, expired or review"_s);
    record->flagged = flagged.value_or(*state == ReturnState::Review);
    if (*state == ReturnState::Closed) {
        if (record->state == ReturnState::Closed)
            return {};
        closeReturn(*record, true);
        if (ReturnRecord* closed = m_store.find(returnId))
            closed->actionedBy = u"admin"_s;
        return {};
    }
    record->state = *state;
    record->closedAt = 0;
    touch(*record);
    Q_EMIT returnEvent(u"return.updated"_s, returnId);
    return {};
}

std::expected<void, QString> LoopShop::failNextProcessing(qint64 returnId, const QString& message)
{
    ReturnRecord* record = m_store.find(returnId);
    if (!record)
        return std::unexpected(u"no return with id %1"_s.arg(returnId));
    record->failNextProcess = true;
    record->failNextProcessMessage = message;
    return {};
}

void LoopShop::tickLabels()
{
    // Demo mode: move a few labels along so a receiving station sees packages "arrive".
    QList<qint64> candidates;
    for (const ReturnRecord& record : m_store.records()) {
        if (record.state == ReturnState::Open && record.carrier != Carrier::None
            && (!record.labelCreated || !nextLabelStatus(record.labelStatus).isEmpty()))
            candidates.append(record.id);
    }
    const qsizetype count = std::min<qsizetype>(candidates.size(), std::max<qsizetype>(1, m_store.size() / 200));
    for (qsizetype i = 0; i < count; ++i) {
        const qsizetype pick = qsizetype(m_random.bounded(quint64(candidates.size())));
        (void)advanceLabel(candidates.takeAt(pick), QString());
    }
}
