#include "FlaggedReceiptsModel.h"

#include "SupervisorText.h"

using namespace Qt::StringLiterals;

namespace Dockside {

FlaggedReceiptsModel::FlaggedReceiptsModel(QObject* parent)
    : SupervisorQueueModel(parent)
{
}

const FlaggedReceiptRow* FlaggedReceiptsModel::rowAt(int row) const
{
    const auto found = m_rows.constFind(idAt(row));
    return found == m_rows.cend() ? nullptr : &*found;
}

qint64 FlaggedReceiptsModel::returnIdAt(int row) const
{
    const FlaggedReceiptRow* value = rowAt(row);
    return value ? value->returnId : 0;
}

int FlaggedReceiptsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FlaggedReceiptsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return SupervisorQueueModel::headerData(section, orientation, role);
    switch (section) {
    case SubmittedColumn:
        return tr("Submitted");
    case MerchantColumn:
        return tr("Merchant");
    case OrderColumn:
        return tr("Order");
    case CustomerColumn:
        return tr("Customer");
    case ReasonsColumn:
        return tr("Why flagged");
    case ReceivedByColumn:
        return tr("Received by");
    default:
        return {};
    }
}

Result<SupervisorQueueModel::Page> FlaggedReceiptsModel::readPage(const SupervisorCursor& after, int limit)
{
    return pageOf(
        queues()->flagged(filter(), sorting(), after, limit),
        [](const FlaggedReceiptRow& row) { return row.receiptId; },
        [this](const FlaggedReceiptRow& row) { m_rows.insert(row.receiptId, row); });
}

std::optional<SupervisorSortKey> FlaggedReceiptsModel::sortKeyOf(int column) const
{
    switch (column) {
    case SubmittedColumn:
        return SupervisorSortKey::Time;
    case OrderColumn:
        return SupervisorSortKey::Order;
    case MerchantColumn:
        return SupervisorSortKey::Merchant;
    case ReasonsColumn:
        return SupervisorSortKey::Reasons; // by code: the same reasons come together
    case ReceivedByColumn:
        return SupervisorSortKey::ReceivedBy;
    default:
        return std::nullopt; // the customer: nobody sorts by e-mail address
    }
}

Result<qint64> FlaggedReceiptsModel::readCount()
{
    return queues()->countFlagged(filter());
}

void FlaggedReceiptsModel::forget(const QList<qint64>& ids)
{
    for (const qint64 id : ids)
        m_rows.remove(id);
}

QVariant FlaggedReceiptsModel::rowData(int row, int column, int role) const
{
    const FlaggedReceiptRow* value = rowAt(row);
    if (!value)
        return {};
    if (role == Qt::DisplayRole) {
        switch (column) {
        case SubmittedColumn:
            return SupervisorText::time(value->submittedAt);
        case MerchantColumn:
            return value->merchantName;
        case OrderColumn:
            return value->orderName.isEmpty() ? QString::number(value->loopReturnId) : value->orderName;
        case CustomerColumn:
            return value->customerEmail;
        case ReasonsColumn:
            return SupervisorText::reasons(value->reasons);
        case ReceivedByColumn:
            return tr("%1 at %2", "user at station").arg(value->user, value->station);
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        if (column == OrderColumn)
            return tr("Loop return %1").arg(value->loopReturnId);
        if (column == ReasonsColumn)
            return SupervisorText::reasons(value->reasons);
        if (column == SubmittedColumn && value->returnState != ReturnState::Open)
            return tr("Return is %1 in Loop").arg(SupervisorText::returnState(value->returnState));
    }
    return {};
}

} // namespace Dockside
