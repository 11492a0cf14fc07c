#include "SupervisorQueueModel.h"

#include <QSet>

#include <algorithm>

namespace Dockside {

SupervisorQueueModel::SupervisorQueueModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

SupervisorQueueModel::~SupervisorQueueModel() = default;

void SupervisorQueueModel::setDatabase(Database* database)
{
    m_queues = database ? std::make_unique<SupervisorQueues>(*database) : nullptr;
    reload();
}

void SupervisorQueueModel::setFilter(const SupervisorFilter& filter)
{
    m_filter = filter;
    reload();
}

void SupervisorQueueModel::setPageSize(int rows)
{
    m_pageSize = std::clamp(rows, 1, SupervisorQueues::kMaxLimit);
}

void SupervisorQueueModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
    if (!m_ids.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_ids.size()) - 1, columnCount() - 1));
}

qint64 SupervisorQueueModel::idAt(int row) const
{
    return row >= 0 && row < m_ids.size() ? m_ids.at(row) : 0;
}

int SupervisorQueueModel::rowOfId(qint64 id) const
{
    return int(m_ids.indexOf(id));
}

int SupervisorQueueModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

bool SupervisorQueueModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && m_queues && !m_atEnd;
}

void SupervisorQueueModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent))
        return;
    const Result<QList<qint64>> page = readPage(m_ids.isEmpty() ? 0 : m_ids.constLast(), m_pageSize);
    if (!page) {
        m_atEnd = true; // no retry loop from a view asking again and again; refresh() tries again
        reportFailure(page.error());
        return;
    }
    m_lastError.clear();
    if (page->size() < m_pageSize)
        m_atEnd = true;
    if (page->isEmpty())
        return;
    const int first = int(m_ids.size());
    beginInsertRows({}, first, first + int(page->size()) - 1);
    m_ids.append(*page);
    endInsertRows();
}

QVariant SupervisorQueueModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    switch (role) {
    case IdRole:
        return m_ids.at(index.row());
    case ReturnIdRole:
        return returnIdAt(index.row());
    default:
        return rowData(index.row(), index.column(), role);
    }
}

void SupervisorQueueModel::reload()
{
    std::optional<Error> error;
    beginResetModel();
    forgetAll();
    m_ids.clear();
    m_atEnd = true;
    m_lastError.clear();
    if (m_queues) {
        const Result<QList<qint64>> page = readPage(0, m_pageSize);
        if (page) {
            m_ids = *page;
            m_atEnd = page->size() < m_pageSize;
        } else {
            error = page.error();
        }
    }
    endResetModel();
    if (error) {
        reportFailure(*error);
        return;
    }
    if (!m_queues) {
        m_totalCount = -1;
        Q_EMIT totalCountChanged(m_totalCount);
        return;
    }
    updateCount();
}

void SupervisorQueueModel::refresh()
{
    if (!m_queues)
        return;
    // As many rows as are loaded (at least a page), or all of them when all were loaded, in reads of at most the
    // queues' limit.
    const bool wasAtEnd = m_atEnd;
    const int limit = std::max(m_pageSize, int(m_ids.size()));
    QList<qint64> freshIds;
    bool atEnd = false;
    while (wasAtEnd || freshIds.size() < limit) {
        const int chunk = wasAtEnd ? SupervisorQueues::kMaxLimit
                                   : std::min(SupervisorQueues::kMaxLimit, limit - int(freshIds.size()));
        const Result<QList<qint64>> page = readPage(freshIds.isEmpty() ? 0 : freshIds.constLast(), chunk);
        if (!page) {
            reportFailure(page.error());
            return;
        }
        freshIds.append(*page);
        if (page->size() < chunk) {
            atEnd = true;
            break;
        }
    }
    m_lastError.clear();
    const QList<qint64>* fresh = &freshIds;

    // Rows that left the queue (or fell below the reloaded range), in contiguous runs from the bottom.
    const QSet<qint64> keep(fresh->cbegin(), fresh->cend());
    QList<qint64> gone;
    for (int row = int(m_ids.size()) - 1; row >= 0;) {
        if (keep.contains(m_ids.at(row))) {
            --row;
            continue;
        }
        int first = row;
        while (first > 0 && !keep.contains(m_ids.at(first - 1)))
            --first;
        beginRemoveRows({}, first, row);
        for (int i = first; i <= row; ++i)
            gone << m_ids.at(i);
        m_ids.remove(first, row - first + 1);
        endRemoveRows();
        row = first - 1;
    }
    forget(gone);

    // What is left is in the same newest-first order as the fresh rows: insert what is new in runs.
    int row = 0;
    for (int i = 0; i < fresh->size();) {
        if (row < m_ids.size() && m_ids.at(row) == fresh->at(i)) {
            ++row;
            ++i;
            continue;
        }
        int end = i;
        while (end < fresh->size() && (row >= m_ids.size() || fresh->at(end) != m_ids.at(row)))
            ++end;
        beginInsertRows({}, row, row + (end - i) - 1);
        for (int k = i; k < end; ++k)
            m_ids.insert(row + (k - i), fresh->at(k));
        endInsertRows();
        row += end - i;
        i = end;
    }
    m_atEnd = atEnd;
    if (!m_ids.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_ids.size()) - 1, columnCount() - 1));
    updateCount();
}

void SupervisorQueueModel::updateCount()
{
    const Result<qint64> count = readCount();
    if (!count) {
        reportFailure(count.error());
        return;
    }
    if (*count == m_totalCount)
        return;
    m_totalCount = *count;
    Q_EMIT totalCountChanged(m_totalCount);
}

void SupervisorQueueModel::reportFailure(const Error& error)
{
    m_lastError = tr("Could not read this queue: %1").arg(error.message);
    Q_EMIT loadFailed(m_lastError);
}

} // namespace Dockside
