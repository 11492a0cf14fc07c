#include "ReturnStore.h"

#include <algorithm>

void ReturnStore::reset(std::vector<ReturnRecord> records)
{
    m_records = std::move(records);
    m_byId.clear();
    m_byOrderId.clear();
    m_byOrderName.clear();
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
    m_byOrderId[record.orderId].append(position);
    m_byOrderName[QString::number(record.orderNumber)].append(position);
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

QList<const ReturnRecord*> ReturnStore::findByOrderId(qint64 orderId) const
{
    QList<const ReturnRecord*> found;
    for (const int position : m_byOrderId.value(orderId))
        found.append(&m_records.at(size_t(position)));
    return found;
}

QString ReturnStore::normalizedOrderName(QStringView orderName)
{
    QStringView name = orderName.trimmed();
    if (name.startsWith(u'#'))
        name = name.mid(1);
    return name.toString();
}

QList<const ReturnRecord*> ReturnStore::findByOrderName(QStringView orderName) const
{
    QList<const ReturnRecord*> found;
    for (const int position : m_byOrderName.value(normalizedOrderName(orderName)))
        found.append(&m_records.at(size_t(position)));
    return found;
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
            const bool after = time > request.cursorTime || (time == request.cursorTime && record.id > request.cursorId);
            const bool before = time < request.cursorTime || (time == request.cursorTime && record.id < request.cursorId);
            if (request.forward ? !after : !before)
                continue;
        }
        keys.push_back({ time, record.id, i });
    }
    const auto ascending = [](const Key& a, const Key& b) { return a.time != b.time ? a.time < b.time : a.id < b.id; };
    const auto descending = [&](const Key& a, const Key& b) { return ascending(b, a); };
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
