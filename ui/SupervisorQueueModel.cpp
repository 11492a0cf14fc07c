#include "SupervisorQueueModel.h"

#include "ErrorTexts.h"

#include <QHash>
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
    const Result<Page> page = readPage(m_next, m_pageSize);
    if (!page) {
        m_atEnd = true; // no retry loop from a view asking again and again; refresh() tries again
        reportFailure(page.error());
        return;
    }
    m_lastError.clear();
    m_next = page->next;
    m_atEnd = page->atEnd;
    QList<qint64> added;
    for (const qint64 id : page->ids) {
        // A row whose sort value changed since it was loaded can come again further down: it stays where it is.
        if (!m_shown.contains(id)) {
            m_shown.insert(id);
            added << id;
        }
    }
    if (added.isEmpty())
        return;
    const int first = int(m_ids.size());
    beginInsertRows({}, first, first + int(added.size()) - 1);
    m_ids.append(added);
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

QVariant SupervisorQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::InitialSortOrderRole) {
        if (const std::optional<SupervisorSortKey> key = sortKeyOf(section))
            return int(*key == SupervisorSortKey::Time ? Qt::DescendingOrder : Qt::AscendingOrder);
    }
    return QAbstractTableModel::headerData(section, orientation, role);
}

int SupervisorQueueModel::sortColumn() const
{
    for (int column = 0; column < columnCount(); ++column) {
        if (sortKeyOf(column) == m_sort.key)
            return column;
    }
    return -1;
}

void SupervisorQueueModel::sort(int column, Qt::SortOrder order)
{
    const std::optional<SupervisorSortKey> key = sortKeyOf(column);
    if (!key)
        return; // the view puts its sort indicator back on sortColumn()
    const SupervisorSort sort { *key, order };
    if (sort == m_sort)
        return;
    const SupervisorSort was = m_sort;
    m_sort = sort;
    if (m_queues) {
        // The first page in the new order, like setFilter(), but applied as a difference: a selected row on that
        // page stays selected. The count stays what it was.
        const Result<Page> page = readPage({}, m_pageSize);
        if (!page) {
            m_sort = was;
            reportFailure(page.error());
            return;
        }
        m_lastError.clear();
        showRows(page->ids);
        m_next = page->next;
        m_atEnd = page->atEnd;
        if (!m_ids.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(int(m_ids.size()) - 1, columnCount() - 1));
    }
    Q_EMIT sorted(column, order);
}

void SupervisorQueueModel::reload()
{
    std::optional<Error> error;
    beginResetModel();
    forgetAll();
    m_ids.clear();
    m_shown.clear();
    m_next = {};
    m_atEnd = true;
    m_lastError.clear();
    if (m_queues) {
        const Result<Page> page = readPage({}, m_pageSize);
        if (page) {
            for (const qint64 id : page->ids) {
                if (!m_shown.contains(id)) {
                    m_shown.insert(id);
                    m_ids << id;
                }
            }
            m_next = page->next;
            m_atEnd = page->atEnd;
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
    QList<qint64> fresh;
    SupervisorCursor next;
    bool atEnd = false;
    while (wasAtEnd || fresh.size() < limit) {
        const int chunk
            = wasAtEnd ? SupervisorQueues::kMaxLimit : std::min(SupervisorQueues::kMaxLimit, limit - int(fresh.size()));
        const Result<Page> page = readPage(next, chunk);
        if (!page) {
            reportFailure(page.error());
            return;
        }
        fresh.append(page->ids);
        next = page->next;
        if (page->atEnd) {
            atEnd = true;
            break;
        }
    }
    m_lastError.clear();
    showRows(fresh);
    m_next = next;
    m_atEnd = atEnd;
    if (!m_ids.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_ids.size()) - 1, columnCount() - 1));
    updateCount();
}

void SupervisorQueueModel::showRows(const QList<qint64>& freshIds)
{
    // A row whose sort value changed between two reads can come twice: the first place counts.
    QList<qint64> fresh;
    QSet<qint64> keep;
    fresh.reserve(freshIds.size());
    for (const qint64 id : freshIds) {
        if (!keep.contains(id)) {
            keep.insert(id);
            fresh << id;
        }
    }

    // Rows that left the queue (or fell below the reloaded range), in contiguous runs from the bottom.
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

    // What is left, in the order of the fresh rows: in a new sort, or where a row's sort value changed, that is a
    // move, told as a layout change that takes the selection along.
    const QSet<qint64> left(m_ids.cbegin(), m_ids.cend());
    QList<qint64> reordered;
    reordered.reserve(m_ids.size());
    for (const qint64 id : std::as_const(fresh)) {
        if (left.contains(id))
            reordered << id;
    }
    if (reordered != m_ids) {
        Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
        QHash<qint64, int> rowOf;
        for (int row = 0; row < reordered.size(); ++row)
            rowOf.insert(reordered.at(row), row);
        const QModelIndexList from = persistentIndexList();
        QModelIndexList to;
        to.reserve(from.size());
        for (const QModelIndex& index : from)
            to << this->index(rowOf.value(m_ids.at(index.row())), index.column());
        m_ids = reordered;
        changePersistentIndexList(from, to);
        Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    }

    // Now in the same order as the fresh rows: insert what is new in runs.
    int row = 0;
    for (int i = 0; i < fresh.size();) {
        if (row < m_ids.size() && m_ids.at(row) == fresh.at(i)) {
            ++row;
            ++i;
            continue;
        }
        int end = i;
        while (end < fresh.size() && (row >= m_ids.size() || fresh.at(end) != m_ids.at(row)))
            ++end;
        beginInsertRows({}, row, row + (end - i) - 1);
        for (int k = i; k < end; ++k)
            m_ids.insert(row + (k - i), fresh.at(k));
        endInsertRows();
        row += end - i;
        i = end;
    }
    m_shown = keep;
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
    m_lastError = tr("Could not read this queue: %1").arg(ErrorTexts::message(error));
    Q_EMIT loadFailed(m_lastError);
}

} // namespace Dockside
