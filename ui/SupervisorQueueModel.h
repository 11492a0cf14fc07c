#pragma once

#include "supervisor/SupervisorQueues.h"

#include <QAbstractTableModel>
#include <QList>
#include <QSet>

#include <memory>
#include <optional>

namespace Dockside {

class Database;

// What the three supervisor queues share: rows read from SupervisorQueues in keyset pages, in the order sort() chose
// (newest first until then), so that a queue of 100,000 rows costs one page per screenful scrolled to, in any order.
// The base keeps the order of row ids and where the next page starts; each queue keeps its rows by id and says how to
// read a page, how to count, which columns sort by what, and what its columns show.
//
// refresh() reads again as many rows as are loaded (all, when all were) and applies the difference as removed, moved,
// inserted and changed rows, so a view keeps its selection and scroll position through it (a selected row that left
// the queue is gone). sort() does the same with the first page in the new order: the view starts over from the top,
// and a selected row that is on that page stays selected.
class SupervisorQueueModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SupervisorQueueModel)

public:
    enum Role {
        IdRole = Qt::UserRole + 1, // the row's own id: receipt, unknown package or outbox entry
        ReturnIdRole, // the local return it is about, 0 when none
    };

    static constexpr int kDefaultPageSize = 200;

    ~SupervisorQueueModel() override;

    // Loads the first page; nullptr empties the model.
    void setDatabase(Database* database);
    // Starts over from the first row with this filter.
    void setFilter(const SupervisorFilter& filter);
    const SupervisorFilter& filter() const { return m_filter; }
    void setPageSize(int rows);
    int pageSize() const { return m_pageSize; }

    // Reads the loaded rows (at least a page) again and the count; what left the queue goes, what came in appears.
    void refresh();

    // Rows matching the filter in the database, loaded or not; -1 before the first successful count.
    qint64 totalCount() const { return m_totalCount; }
    // Empty when the last read worked; otherwise a message a person can act on.
    QString lastError() const { return m_lastError; }

    // The language changed: headers and translated cells are asked for again.
    void retranslate();

    qint64 idAt(int row) const;
    int rowOfId(qint64 id) const; // -1 when not loaded
    virtual qint64 returnIdAt(int row) const = 0;

    // Whether the queue can be sorted by this column (the others ignore sort()).
    bool isSortable(int column) const { return sortKeyOf(column).has_value(); }
    // The column the rows are sorted by (-1 when by none of them) and in which direction; at first the time, newest
    // first.
    int sortColumn() const;
    Qt::SortOrder sortOrder() const { return m_sort.order; }
    const SupervisorSort& sorting() const { return m_sort; }

    int rowCount(const QModelIndex& parent = {}) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    QVariant data(const QModelIndex& index, int role) const override;
    // Qt::InitialSortOrderRole of the sortable columns (the first click on a time sorts newest first, on text A to
    // Z); the queues' own headerData() hand every role they do not answer on to it.
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    // Reads the first page in the new order (nothing for a column that cannot be sorted, or the order it has).
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

Q_SIGNALS:
    // The rows are in a new order (sort()); a view shows them from the top, or where its selected row went.
    void sorted(int column, Qt::SortOrder order);
    void totalCountChanged(qint64 count);
    // A read failed; `message` says what to do. The model keeps what it had and fetches no more until refreshed.
    void loadFailed(const QString& message);

protected:
    explicit SupervisorQueueModel(QObject* parent);

    SupervisorQueues* queues() const { return m_queues.get(); }

    struct Page
    {
        QList<qint64> ids;
        SupervisorCursor next;
        bool atEnd = true;
    };
    // What readPage() returns for a page the queues read: its rows' ids (`idOf`), each row handed to `keep` first.
    template <typename Row, typename IdOf, typename Keep>
    static Result<Page> pageOf(const Result<SupervisorQueuePage<Row>>& read, IdOf idOf, Keep keep)
    {
        if (!read)
            return fail(read.error());
        Page page { {}, read->next, read->atEnd };
        page.ids.reserve(read->rows.size());
        for (const Row& row : read->rows) {
            page.ids << idOf(row);
            keep(row);
        }
        return page;
    }

    // Reads up to `limit` rows after `after` (the default: from the first) with filter() and sorting(), keeps them by
    // id (replacing a kept row with the same id) and returns their ids in order.
    virtual Result<Page> readPage(const SupervisorCursor& after, int limit) = 0;
    // The sort key of a column; none when the queue cannot be sorted by it.
    virtual std::optional<SupervisorSortKey> sortKeyOf(int column) const = 0;
    virtual Result<qint64> readCount() = 0;
    // Drops kept rows that are no longer shown.
    virtual void forget(const QList<qint64>& ids) = 0;
    virtual void forgetAll() = 0;
    // The data of a loaded row for any role but IdRole and ReturnIdRole.
    virtual QVariant rowData(int row, int column, int role) const = 0;

private:
    void reload();
    // Makes the shown rows `fresh` (no id twice) with removals, one move of what stays, and insertions.
    void showRows(const QList<qint64>& fresh);
    void updateCount();
    void reportFailure(const Error& error);

    std::unique_ptr<SupervisorQueues> m_queues;
    SupervisorFilter m_filter;
    SupervisorSort m_sort;
    QList<qint64> m_ids; // shown rows, in the sort's order
    QSet<qint64> m_shown; // the same ids, to keep a row that moved since it was loaded from showing twice
    SupervisorCursor m_next; // where the page after the shown rows starts
    int m_pageSize = kDefaultPageSize;
    bool m_atEnd = true;
    qint64 m_totalCount = -1;
    QString m_lastError;
};

} // namespace Dockside
