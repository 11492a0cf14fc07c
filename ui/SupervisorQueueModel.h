#pragma once

#include "supervisor/SupervisorQueues.h"

#include <QAbstractTableModel>
#include <QList>

#include <memory>

namespace Dockside {

class Database;

// What the three supervisor queues share: rows read from SupervisorQueues in keyset pages, newest first, so that a
// queue of 100,000 rows costs one page per screenful scrolled to. The base keeps the order of row ids; each queue
// keeps its rows by id and says how to read a page, how to count, and what its columns show.
//
// refresh() reads again as many rows as are loaded (all, when all were) and applies the difference as removed, inserted
// and changed rows, so a view keeps its selection and scroll position through it (a selected row that left the queue is
// gone).
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
    // Starts over from the newest row with this filter.
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

    int rowCount(const QModelIndex& parent = {}) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    QVariant data(const QModelIndex& index, int role) const override;

Q_SIGNALS:
    void totalCountChanged(qint64 count);
    // A read failed; `message` says what to do. The model keeps what it had and fetches no more until refreshed.
    void loadFailed(const QString& message);

protected:
    explicit SupervisorQueueModel(QObject* parent);

    SupervisorQueues* queues() const { return m_queues.get(); }

    // Reads up to `limit` rows with an id below `beforeId` (0: from the newest), newest first, keeps them by id
    // (replacing a kept row with the same id) and returns their ids in order.
    virtual Result<QList<qint64>> readPage(qint64 beforeId, int limit) = 0;
    virtual Result<qint64> readCount() = 0;
    // Drops kept rows that are no longer shown.
    virtual void forget(const QList<qint64>& ids) = 0;
    virtual void forgetAll() = 0;
    // The data of a loaded row for any role but IdRole and ReturnIdRole.
    virtual QVariant rowData(int row, int column, int role) const = 0;

private:
    void reload();
    void updateCount();
    void reportFailure(const Error& error);

    std::unique_ptr<SupervisorQueues> m_queues;
    SupervisorFilter m_filter;
    QList<qint64> m_ids; // shown rows, newest first
    int m_pageSize = kDefaultPageSize;
    bool m_atEnd = true;
    qint64 m_totalCount = -1;
    QString m_lastError;
};

} // namespace Dockside
