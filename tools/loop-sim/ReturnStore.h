#pragma once

#include "ReturnRecord.h"

#include <QHash>
#include <QList>

#include <optional>
#include <vector>

// All returns of the simulated shop with the indexes the API needs. Plain data, no behaviour: LoopShop owns the
// rules and is the only writer.
class ReturnStore final
{
public:
    struct LineItemRef
    {
        int returnIndex = -1;
        int itemIndex = -1;
    };

    // A window of returns ordered by (time column, id), like Laravel's cursor paginator.
    struct PageRequest
    {
        qint64 from = 0;
        qint64 to = 0;
        bool byUpdatedAt = false;
        quint32 stateMask = 0; // bit per LoopEnums::ReturnState
        bool hasCursor = false;
        qint64 cursorTime = 0;
        qint64 cursorId = 0;
        bool forward = true;
        qsizetype limit = 0; // 0 = everything
    };

    struct Page
    {
        QList<const ReturnRecord*> records;
        bool hasMore = false;
    };

    void reset(std::vector<ReturnRecord> records);
    const ReturnRecord& add(ReturnRecord record);

    qsizetype size() const { return qsizetype(m_records.size()); }
    const std::vector<ReturnRecord>& records() const { return m_records; }
    ReturnRecord* find(qint64 id);
    const ReturnRecord* find(qint64 id) const;
    QList<const ReturnRecord*> findByOrderId(qint64 orderId) const;
    // "#1042" and "1042" both match.
    QList<const ReturnRecord*> findByOrderName(QStringView orderName) const;
    const ReturnRecord* findByLineItem(qint64 lineItemId) const;
    ReturnRecord::LineItem* lineItem(qint64 lineItemId);

    Page page(const PageRequest& request) const;

    qint64 nextNoteSequence() { return ++m_noteSequence; }
    qint64 nextReturnSequence() const { return m_maxSequence + 1; }
    void setMaxSequence(qint64 sequence) { m_maxSequence = std::max(m_maxSequence, sequence); }

    static quint32 stateBit(LoopEnums::ReturnState state) { return 1u << unsigned(state); }

private:
    void index(int position);

    std::vector<ReturnRecord> m_records;
    QHash<qint64, int> m_byId;
    QMultiHash<qint64, int> m_byOrderId;
    QMultiHash<int, int> m_byOrderNumber;
    QHash<qint64, LineItemRef> m_byLineItem;
    qint64 m_noteSequence = 0;
    qint64 m_maxSequence = 0;
};
