#pragma once

#include "SupervisorQueueModel.h"

#include <QHash>

namespace Dockside {

// Calls Loop refused for good (outbox entries parked for a supervisor), newest first unless sorted otherwise, loaded
// a page at a time.
class ParkedPushesModel final : public SupervisorQueueModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ParkedPushesModel)

public:
    enum Column { ParkedColumn, OrderColumn, MerchantColumn, CallColumn, AttemptsColumn, ErrorColumn, ColumnCount };

    explicit ParkedPushesModel(QObject* parent = nullptr);

    const ParkedPushRow* rowAt(int row) const;
    qint64 returnIdAt(int row) const override;

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

protected:
    Result<Page> readPage(const SupervisorCursor& after, int limit) override;
    std::optional<SupervisorSortKey> sortKeyOf(int column) const override;
    Result<qint64> readCount() override;
    void forget(const QList<qint64>& ids) override;
    void forgetAll() override { m_rows.clear(); }
    QVariant rowData(int row, int column, int role) const override;

private:
    QHash<qint64, ParkedPushRow> m_rows;
};

} // namespace Dockside
