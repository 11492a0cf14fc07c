#include "ReturnStore.h"

#include <algorithm>

void ReturnStore::reset(std::vector<ReturnRecord> records)
{
    m_records = std::move(records);
    m_byId.clear();
    m_byOrderId.clear();
    m_byOrderNumber.clear();
    m_byLineItem.clear();
    m_byId.reserve(qsizetype(m_records.size()));
    m_byLineItem.reserve(qsizetype(m_records.size()) * 3);
    m_noteSequence = 0;
    m_maxSequence = qint64(m_records.size());
    for (int i = 0; i < int(m_records.size()); ++i)
        index(i);
}

const ReturnRecord& ReturnStore::add(ReturnRecord record)
{
    m_records.push_back(std::move(record));
    index(int(m_records.size() - 1));
    return m_records.back();
}

void ReturnStore::index(int position)
{
    const ReturnRecord& record = m_records.at(size_t(position));
    m_byId.insert(record.id, position);
    m_byOrderId.insert(record.orderId, position);
    m_byOrderNumber.insert(record.orderNumber, position);
    for (int i = 0; i < int(record.lineItems.size()); ++i)
        m_byLineItem.insert(record.lineItems.at(i).id, { position, i });
}

ReturnRecord* ReturnStore::find(qint64 id)
{
    const auto it = m_byId.constFind(id);
    return it == m_byId.cend() ? nullptr : &m_records.at(size_t(*it));
}

const ReturnRecord* ReturnStore::find(qint64 id) const
{
    const auto it = m_byId.constFind(id);
    return it == m_byId.cend() ? nullptr : &m_records.at(size_t(*it));
}

namespace {

QList<const ReturnRecord*> inOrder(const std::vector<ReturnRecord>& records, QList<int> positions)
{
    std::sort(positions.begin(), positions.end());
    QList<const ReturnRecord*> found;
    found.reserve(positions.size());
    for (const int position : std::as_const(positions))
        found.append(&records.at(size_t(position)));
    return found;
}

} // namespace

QList<const ReturnRecord*> ReturnStore::findByOrderId(qint64 orderId) const
{
    return inOrder(m_records, m_byOrderId.values(orderId));
}

QList<const ReturnRecord*> ReturnStore::findByOrderName(QStringView orderName) const
{
    QStringView name = orderName.trimmed();
    if (name.startsWith(u'#'))
        name = name.mid(1);
    bool ok = false;
    const int number = name.toInt(&ok);
    if (!ok || name.startsWith(u'+') || name.startsWith(u'-'))
        return {};
    return inOrder(m_records, m_byOrderNumber.values(number));
}

const ReturnRecord* ReturnStore::findByLineItem(qint64 lineItemId) const
{
    const auto it = m_byLineItem.constFind(lineItemId);
    return it == m_byLineItem.cend() ? nullptr : &m_records.at(size_t(it->returnIndex));
}

ReturnRecord::LineItem* ReturnStore::lineItem(qint64 lineItemId)
{
    const auto it = m_byLineItem.constFind(lineItemId);
    if (it == m_byLineItem.cend())
        return nullptr;
    return &m_records.at(size_t(it->returnIndex)).lineItems[it->itemIndex];
}

ReturnStore::Page ReturnStore::page(const PageRequest& request) const
{
    struct Key
    {
        qint64 time;
        qint64 id;
        int position;
    };
    std::vector<Key> keys;
    keys.reserve(std::min<size_t>(m_records.size(), 4096));
    for (int i = 0; i < int(m_records.size()); ++i) {
        const ReturnRecord& record = m_records[size_t(i)];
        if (!(request.stateMask & stateBit(record.state)))
            continue;
        const qint64 time = request.byUpdatedAt ? record.updatedAt : record.createdAt;
        if (time < request.from || time > request.to)
            continue;
        if (request.hasCursor) {
            const bool after
                = time > request.cursorTime || (time == request.cursorTime && record.id > request.cursorId);
            const bool before
                = time < request.cursorTime || (time == request.cursorTime && record.id < request.cursorId);
            if (request.forward ? !after : !before)
                continue;
        }
        keys.push_back({ time, record.id, i });
    }
    const auto ascending = [](const Key& a, const Key& b) {
        return a.time != b.time ? a.time < b.time : a.id < b.id;
    };
    const auto descending = [&](const Key& a, const Key& b) {
        return ascending(b, a);
    };
    Page result;
    size_t take = keys.size();
    if (request.limit > 0 && keys.size() > size_t(request.limit)) {
        take = size_t(request.limit);
        result.hasMore = true;
    }
    if (request.forward)
        std::partial_sort(keys.begin(), keys.begin() + qsizetype(take), keys.end(), ascending);
    else
        std::partial_sort(keys.begin(), keys.begin() + qsizetype(take), keys.end(), descending);
    keys.resize(take);
    if (!request.forward)
        std::reverse(keys.begin(), keys.end());
    result.records.reserve(qsizetype(take));
    for (const Key& key : keys)
        result.records.append(&m_records[size_t(key.position)]);
    return result;
}
