#include "ParkedPushesModel.h"

#include "SupervisorText.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace Dockside {

ParkedPushesModel::ParkedPushesModel(QObject* parent)
    : SupervisorQueueModel(parent)
{
}

const ParkedPushRow* ParkedPushesModel::rowAt(int row) const
{
    const auto found = m_rows.constFind(idAt(row));
    return found == m_rows.cend() ? nullptr : &*found;
}

qint64 ParkedPushesModel::returnIdAt(int row) const
{
    const ParkedPushRow* value = rowAt(row);
    return value ? value->entry.returnId : 0;
}

int ParkedPushesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ParkedPushesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return SupervisorQueueModel::headerData(section, orientation, role);
    switch (section) {
    case ParkedColumn:
        return tr("Parked");
    case MerchantColumn:
        return tr("Merchant");
    case OrderColumn:
        return tr("Order");
    case CallColumn:
        return tr("Call", "a call to Loop's API");
    case AttemptsColumn:
        return tr("Attempts");
    case ErrorColumn:
        return tr("What Loop said");
    default:
        return {};
    }
}

Result<SupervisorQueueModel::Page> ParkedPushesModel::readPage(const SupervisorCursor& after, int limit)
{
    return pageOf(
        queues()->parkedPushes(filter(), sorting(), after, limit),
        [](const ParkedPushRow& row) { return row.entry.id; },
        [this](const ParkedPushRow& row) { m_rows.insert(row.entry.id, row); });
}

std::optional<SupervisorSortKey> ParkedPushesModel::sortKeyOf(int column) const
{
    switch (column) {
    case ParkedColumn:
        return SupervisorSortKey::Time;
    case OrderColumn:
        return SupervisorSortKey::Order;
    case MerchantColumn:
        return SupervisorSortKey::Merchant;
    case CallColumn:
        return SupervisorSortKey::Call;
    case ErrorColumn:
        return SupervisorSortKey::Error;
    default:
        return std::nullopt;
    }
}

Result<qint64> ParkedPushesModel::readCount()
{
    return queues()->countParkedPushes(filter());
}

void ParkedPushesModel::forget(const QList<qint64>& ids)
{
    for (const qint64 id : ids)
        m_rows.remove(id);
}

QVariant ParkedPushesModel::rowData(int row, int column, int role) const
{
    const ParkedPushRow* value = rowAt(row);
    if (!value)
        return {};
    const OutboxEntry& entry = value->entry;
    if (role == Qt::DisplayRole) {
        switch (column) {
        case ParkedColumn:
            return SupervisorText::time(entry.updatedAt);
        case MerchantColumn:
            return value->merchantName;
        case OrderColumn:
            return value->orderName.isEmpty() ? QString::number(entry.loopReturnId) : value->orderName;
        case CallColumn:
            return SupervisorText::outboxKind(entry.kind);
        case AttemptsColumn:
            return QLocale().toString(entry.attempts);
        case ErrorColumn:
            return entry.lastError.simplified();
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        if (column == ErrorColumn && !entry.lastError.isEmpty())
            return entry.lastError;
        if (column == OrderColumn)
            return tr("Loop return %1").arg(entry.loopReturnId);
    }
    if (role == Qt::TextAlignmentRole && column == AttemptsColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

} // namespace Dockside
