#include "UnknownPackagesModel.h"

#include "SupervisorText.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace Dockside {

UnknownPackagesModel::UnknownPackagesModel(QObject* parent)
    : SupervisorQueueModel(parent)
{
}

const UnknownPackage* UnknownPackagesModel::rowAt(int row) const
{
    const auto found = m_rows.constFind(idAt(row));
    return found == m_rows.cend() ? nullptr : &*found;
}

qint64 UnknownPackagesModel::returnIdAt(int row) const
{
    const UnknownPackage* value = rowAt(row);
    return value ? value->matchedReturnId : 0;
}

int UnknownPackagesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UnknownPackagesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return SupervisorQueueModel::headerData(section, orientation, role);
    switch (section) {
    case ReceivedColumn:
        return tr("Received");
    case ScanColumn:
        return tr("Scanned code");
    case NoteColumn:
        return tr("Note");
    case ReceivedByColumn:
        return tr("Received by");
    case PhotosColumn:
        return tr("Photos");
    default:
        return {};
    }
}

Result<SupervisorQueueModel::Page> UnknownPackagesModel::readPage(const SupervisorCursor& after, int limit)
{
    return pageOf(
        queues()->unknownPackages(filter(), sorting(), after, limit), [](const UnknownPackage& row) { return row.id; },
        [this](const UnknownPackage& row) { m_rows.insert(row.id, row); });
}

std::optional<SupervisorSortKey> UnknownPackagesModel::sortKeyOf(int column) const
{
    switch (column) {
    case ReceivedColumn:
        return SupervisorSortKey::Time;
    case ReceivedByColumn:
        return SupervisorSortKey::ReceivedBy;
    default:
        return std::nullopt; // the scan and the note are found with the search field
    }
}

Result<qint64> UnknownPackagesModel::readCount()
{
    return queues()->countUnknownPackages(filter());
}

void UnknownPackagesModel::forget(const QList<qint64>& ids)
{
    for (const qint64 id : ids)
        m_rows.remove(id);
}

QVariant UnknownPackagesModel::rowData(int row, int column, int role) const
{
    const UnknownPackage* value = rowAt(row);
    if (!value)
        return {};
    if (role == Qt::DisplayRole) {
        switch (column) {
        case ReceivedColumn:
            return SupervisorText::time(value->receivedAt);
        case ScanColumn:
            return SupervisorText::visibleScan(value->rawScan);
        case NoteColumn:
            return value->note.simplified();
        case ReceivedByColumn:
            return tr("%1 at %2", "user at station").arg(value->user, value->station);
        case PhotosColumn:
            return value->photoRefs.isEmpty() ? QString() : QLocale().toString(value->photoRefs.size());
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && column == NoteColumn && !value->note.isEmpty())
        return value->note;
    if (role == Qt::TextAlignmentRole && column == PhotosColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

} // namespace Dockside
