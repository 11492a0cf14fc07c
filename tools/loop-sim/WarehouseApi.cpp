#include "WarehouseApi.h"

#include "JsonWriter.h"
#include "LoopShop.h"
#include "PageCursor.h"
#include "SimClock.h"
#include "SimOptions.h"
#include "TimeFormat.h"
#include "ValidationErrors.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

using namespace Qt::StringLiterals;
using namespace LoopEnums;

namespace {

constexpr qint64 day = 86400;
constexpr qint64 maxRangeSecs = 120 * day;
constexpr int defaultPageSize = 100;
constexpr int maxPageSize = 750;

// Laravel's ConvertEmptyStringsToNull: an empty parameter counts as absent.
std::optional<QString> param(const SimRequest& request, QStringView name)
{
    auto value = request.queryValue(name);
    if (value && value->isEmpty())
        return std::nullopt;
    return value;
}

std::optional<bool> parseBoolean(const QString& text)
{
    static const QStringList yes { u"1"_s, u"true"_s, u"on"_s, u"yes"_s };
    static const QStringList no { u"0"_s, u"false"_s, u"off"_s, u"no"_s };
    if (yes.contains(text.toLower()))
        return true;
    if (no.contains(text.toLower()))
        return false;
    return std::nullopt;
}

std::optional<qint64> parseInteger(const QString& text)
{
    bool ok = false;
    const qint64 value = text.trimmed().toLongLong(&ok);
    return ok ? std::optional<qint64>(value) : std::nullopt;
}

QString encodeComponent(const QString& value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

} // namespace

WarehouseApi::WarehouseApi(LoopShop& shop, const SimOptions& options, const SimClock& clock)
    : m_shop(shop)
    , m_options(options)
    , m_clock(clock)
{
}

std::optional<WarehouseApi::Window> WarehouseApi::window(const SimRequest& request, ValidationErrors& errors) const
{
    Window window;
    const auto fromText = param(request, u"from");
    const auto toText = param(request, u"to");
    std::optional<qint64> from;
    std::optional<qint64> to;
    if (fromText) {
        from = TimeFormat::parse(*fromText);
        if (!from)
            errors.add(u"from"_s, u"The from is not a valid date."_s);
    }
    if (toText) {
        to = TimeFormat::parse(*toText);
        if (!to)
            errors.add(u"to"_s, u"The to is not a valid date."_s);
    }
    const auto filter = param(request, u"filter");
    if (filter && *filter != u"created_at" && *filter != u"updated_at")
        errors.add(u"filter"_s, u"The selected filter is invalid."_s);
    window.byUpdatedAt = filter && *filter == u"updated_at";
    if (!errors.isEmpty())
        return std::nullopt;

    const qint64 now = m_clock.nowSecs();
    if (!fromText && !toText) {
        // Loop: neither from nor to => only the previous 24 hours.
        window.from = now - day;
        window.to = now;
    } else if (!toText) {
        window.from = *from;
        window.to = now;
    } else if (!fromText) {
        window.to = *to;
        window.from = *to - maxRangeSecs;
    } else {
        window.from = *from;
        window.to = *to;
    }
    if (window.to < window.from) {
        errors.add(u"to"_s, u"The to must be a date after or equal to from."_s);
        return std::nullopt;
    }
    if (window.to - window.from > maxRangeSecs) {
        errors.add(u"to"_s, u"The date range between from and to may not be greater than 120 days."_s);
        return std::nullopt;
    }
    return window;
}

SimResponse WarehouseApi::list(const SimRequest& request, const ApiContext& context) const
{
    // Laravel reports errors in rule order: from, to, filter, then state, paginate, pageSize.
    ValidationErrors errors;
    const auto range = window(request, errors);
    const auto stateText = param(request, u"state");
    quint32 stateMask = ReturnStore::stateBit(ReturnState::Open) | ReturnStore::stateBit(ReturnState::Closed)
        | ReturnStore::stateBit(ReturnState::Expired);
    if (stateText) {
        const auto state = returnStateFromString(*stateText);
        if (state)
            stateMask = ReturnStore::stateBit(*state);
        else
            errors.add(u"state"_s, u"The selected state is invalid."_s);
    }
    bool paginate = false;
    if (const auto text = param(request, u"paginate")) {
        const auto parsed = parseBoolean(*text);
        if (parsed)
            paginate = *parsed;
        else
            errors.add(u"paginate"_s, u"The paginate field must be true or false."_s);
    }
    qint64 pageSize = defaultPageSize;
    if (const auto text = param(request, u"pageSize")) {
        const auto parsed = parseInteger(*text);
        if (!parsed)
            errors.add(u"pageSize"_s, u"The page size must be an integer."_s);
        else if (*parsed < 1)
            errors.add(u"pageSize"_s, u"The page size must be at least 1."_s);
        else
            pageSize = std::min<qint64>(*parsed, maxPageSize);
    }
    if (!range || !errors.isEmpty())
        return errors.response();

    ReturnStore::PageRequest pageRequest;
    pageRequest.from = range->from;
    pageRequest.to = range->to;
    pageRequest.byUpdatedAt = range->byUpdatedAt;
    pageRequest.stateMask = stateMask;
    const QString column = range->byUpdatedAt ? u"updated_at"_s : u"created_at"_s;
    std::optional<PageCursor> cursor;
    if (paginate) {
        pageRequest.limit = pageSize;
        if (const auto text = param(request, u"cursor"))
            cursor = PageCursor::decode(*text, column);
        if (cursor) {
            pageRequest.hasCursor = true;
            pageRequest.cursorTime = cursor->time;
            pageRequest.cursorId = cursor->id;
            pageRequest.forward = cursor->pointsToNextItems;
        }
    }
    const ReturnStore::Page page = m_shop.store().page(pageRequest);
    const auto& serializer = m_shop.serializer();

    JsonWriter w(qsizetype(page.records.size()) * 3500 + 256);
    if (!paginate) {
        w.beginArray();
        for (const ReturnRecord* record : page.records)
            serializer.writeListReturn(w, *record);
        w.endArray();
        return SimResponse::json(200, w.take());
    }

    // Laravel: a forward page has a next page when more rows exist and a previous one when it was reached by a
    // cursor; a backward page always has a next page and a previous one when more rows exist before it.
    const bool forward = !cursor || cursor->pointsToNextItems;
    const bool hasNext = forward ? page.hasMore : true;
    const bool hasPrevious = forward ? bool(cursor) : page.hasMore;
    auto pageUrl = [&](const ReturnRecord& edge, bool next) -> QString {
        PageCursor target { column, range->byUpdatedAt ? edge.updatedAt : edge.createdAt, edge.id, next };
        QStringList query;
        if (m_options.fullPageUrls) {
            for (const auto& [name, value] : request.query) {
                if (name != u"cursor")
                    query.append(encodeComponent(name) + u'=' + encodeComponent(value));
            }
        } else {
            // The documented nextPageUrl keeps only these: clients must re-send from/state/paginate themselves.
            if (const auto to = param(request, u"to"))
                query.append(u"to="_s + encodeComponent(*to));
            query.append(u"filter="_s + column);
            query.append(u"pageSize="_s + QString::number(pageSize));
        }
        query.append(u"cursor="_s + QString::fromLatin1(target.encode()));
        const QString prefix = context.version.isEmpty() ? u"/api"_s : u"/api/"_s + context.version;
        return context.baseUrl + prefix + u"/warehouse/return/list?"_s + query.join(u'&');
    };
    w.beginObject();
    w.key("returns");
    w.beginArray();
    for (const ReturnRecord* record : page.records)
        serializer.writeListReturn(w, *record);
    w.endArray();
    w.fieldStringOrNull(
        "nextPageUrl", hasNext && !page.records.isEmpty() ? pageUrl(*page.records.constLast(), true) : QString());
    w.fieldStringOrNull("previousPageUrl",
        hasPrevious && !page.records.isEmpty() ? pageUrl(*page.records.constFirst(), false) : QString());
    w.endObject();
    return SimResponse::json(200, w.take());
}

SimResponse WarehouseApi::details(const SimRequest& request) const
{
    ValidationErrors errors;
    const auto returnId = param(request, u"return_id");
    const auto orderId = param(request, u"order_id");
    const auto orderName = param(request, u"order_name");
    const auto currency = param(request, u"currency_type");
    if (!returnId && !orderId && !orderName) {
        errors.add(
            u"return_id"_s, u"The return id field is required when none of order id / order name are present."_s);
    }
    if (returnId && !parseInteger(*returnId))
        errors.add(u"return_id"_s, u"The return id must be an integer."_s);
    if (orderId && !parseInteger(*orderId))
        errors.add(u"order_id"_s, u"The order id must be an integer."_s);
    if (currency && *currency != u"shop" && *currency != u"presentment")
        errors.add(u"currency_type"_s, u"The selected currency type is invalid."_s);
    if (!errors.isEmpty())
        return errors.response();

    const ReturnStore& store = m_shop.store();
    const ReturnRecord* found = nullptr;
    QByteArray notFoundBody = LoopShop::notFoundBody();
    if (returnId) {
        found = store.find(*parseInteger(*returnId));
    } else {
        const QList<const ReturnRecord*> matches
            = orderId ? store.findByOrderId(*parseInteger(*orderId)) : store.findByOrderName(*orderName);
        // Several returns on one order: undocumented; we answer one object, the latest by default [INF].
        for (const ReturnRecord* candidate : matches) {
            if (!found)
                found = candidate;
            else if (m_options.detailsPickFirst ? candidate->createdAt < found->createdAt
                                                : candidate->createdAt >= found->createdAt)
                found = candidate;
        }
        notFoundBody = QByteArray("{\"errors\":{\"code\":\"ORDER_NOT_FOUND\"}}");
    }
    if (!found)
        return SimResponse::json(404, notFoundBody);
    JsonWriter w(8192);
    m_shop.serializer().writeDetails(w, *found, currency && *currency == u"presentment");
    return SimResponse::json(200, w.take());
}

SimResponse WarehouseApi::asn(const SimRequest& request) const
{
    ValidationErrors errors;
    const auto range = window(request, errors);
    const auto stateText = param(request, u"state");
    quint32 stateMask = 0;
    for (const auto state :
        { ReturnState::Open, ReturnState::Closed, ReturnState::Cancelled, ReturnState::Expired, ReturnState::Review })
        stateMask |= ReturnStore::stateBit(state);
    if (stateText) {
        const auto state = returnStateFromString(*stateText);
        if (state)
            stateMask = ReturnStore::stateBit(*state);
        else
            errors.add(u"state"_s, u"The selected state is invalid."_s);
    }
    if (!range || !errors.isEmpty())
        return errors.response();
    const auto trackingStatus = param(request, u"tracking_status");

    ReturnStore::PageRequest pageRequest;
    pageRequest.from = range->from;
    pageRequest.to = range->to;
    pageRequest.byUpdatedAt = range->byUpdatedAt;
    pageRequest.stateMask = stateMask;
    const ReturnStore::Page page = m_shop.store().page(pageRequest);
    JsonWriter w(qsizetype(page.records.size()) * 2500 + 64);
    w.beginArray();
    for (const ReturnRecord* record : page.records) {
        if (trackingStatus) {
            const QString status = record->labelCreated ? record->labelStatus : labelStatusNone();
            if (status != *trackingStatus)
                continue;
        }
        m_shop.serializer().writeAsnRows(w, *record);
    }
    w.endArray();
    return SimResponse::json(200, w.take());
}

SimResponse WarehouseApi::action(const QString& action, const SimRequest& request, const ApiContext& context)
{
    const qint64 returnId = context.pathId.toLongLong();
    QJsonObject body;
    if (!request.body.trimmed().isEmpty()) {
        const QJsonDocument document = QJsonDocument::fromJson(request.body);
        // Laravel ignores a body it cannot parse: the action proceeds without input.
        if (document.isObject())
            body = document.object();
    }
    LoopShop::ActionResult result;
    if (action == u"process") {
        result = m_shop.process(returnId, body);
    } else if (action == u"remove") {
        std::optional<QString> ids = param(request, u"line_item_id");
        if (!ids && body.contains(u"line_item_id"_s)) {
            const QJsonValue value = body.value(u"line_item_id"_s);
            if (value.isString())
                ids = value.toString();
            else if (value.isDouble())
                ids = QString::number(value.toInteger());
            else if (value.isArray()) {
                QStringList parts;
                for (const QJsonValue& part : value.toArray())
                    parts.append(part.isString() ? part.toString() : QString::number(part.toInteger()));
                ids = parts.join(u',');
            }
        }
        result = m_shop.remove(returnId, ids);
    } else if (action == u"cancel") {
        result = m_shop.cancel(returnId);
    } else if (action == u"flag") {
        result = m_shop.flag(returnId);
    } else if (action == u"close") {
        result = m_shop.close(returnId);
    } else if (action == u"note") {
        QJsonValue content = body.value(u"content"_s);
        if (content.isUndefined()) {
            if (const auto fromQuery = param(request, u"content"))
                content = *fromQuery;
        }
        result = m_shop.addNote(returnId, content);
    }
    const int status = result.conflict ? m_options.actionErrorsStatus : result.status;
    if (result.status != 404)
        m_shop.recordAction(
            returnId, { action, m_clock.nowSecs(), status, result.body, result.effective, context.postFault });
    return SimResponse::json(status, result.body);
}

SimResponse WarehouseApi::notes(const ApiContext& context) const
{
    const ReturnRecord* record = m_shop.store().find(context.pathId.toLongLong());
    if (!record)
        return SimResponse::json(404, LoopShop::notFoundBody());
    if (record->notes.isEmpty())
        return SimResponse::json(422, "\"false\"");
    JsonWriter w;
    w.beginObject();
    w.key("notes");
    w.beginArray();
    for (const auto& note : record->notes) {
        w.beginObject();
        w.fieldInt("id", note.id);
        w.field("content", note.content);
        w.field("created_at", TimeFormat::isoSeconds(note.createdAt));
        w.endObject();
    }
    w.endArray();
    w.endObject();
    return SimResponse::json(200, w.take());
}
