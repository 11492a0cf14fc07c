#pragma once

#include "SupervisorQueueModel.h"

#include <QHash>

namespace Dockside {

// Packages whose scan matched no return (the exception queue), newest first unless sorted otherwise, loaded a page
// at a time.
class UnknownPackagesModel final : public SupervisorQueueModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UnknownPackagesModel)

public:
    enum Column { ReceivedColumn, ScanColumn, ReceivedByColumn, PhotosColumn, NoteColumn, ColumnCount };

    explicit UnknownPackagesModel(QObject* parent = nullptr);

    const UnknownPackage* rowAt(int row) const;
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
    QHash<qint64, UnknownPackage> m_rows;
};

} // namespace Dockside
