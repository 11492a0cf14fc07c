#include "MerchantTableModel.h"

using namespace Qt::StringLiterals;

namespace Dockside {

MerchantTableModel::MerchantTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void MerchantTableModel::setMerchants(const QList<Merchant>& merchants)
{
    beginResetModel();
    m_merchants = merchants;
    endResetModel();
}

void MerchantTableModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_merchants.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_merchants.size()) - 1, ColumnCount - 1));
}

int MerchantTableModel::rowOf(qint64 merchantId) const
{
    for (int row = 0; row < m_merchants.size(); ++row) {
        if (m_merchants.at(row).id == merchantId)
            return row;
    }
    return -1;
}

QString MerchantTableModel::whereKept(const QString& reference)
{
    if (reference.isEmpty())
        return tr("not set");
    if (reference.startsWith(u"keychain:"_s))
        return tr("OS keychain");
    if (reference.startsWith(u"file:"_s))
        return tr("protected file");
    return tr("unknown store");
}

int MerchantTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_merchants.size());
}

int MerchantTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MerchantTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Merchant& merchant = m_merchants.at(index.row());
    if (role == MerchantIdRole)
        return merchant.id;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case NameColumn:
        return merchant.name;
    case BaseUrlColumn:
        return merchant.baseUrl;
    case ApiKeyColumn:
        return whereKept(merchant.apiKeyRef);
    case WebhookSecretColumn:
        return whereKept(merchant.webhookSecretRef);
    case ActiveColumn:
        return merchant.active ? tr("yes") : tr("no");
    default:
        return {};
    }
}

QVariant MerchantTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Merchant");
    case BaseUrlColumn:
        return tr("Loop API");
    case ApiKeyColumn:
        return tr("API key kept in");
    case WebhookSecretColumn:
        return tr("Webhook secret");
    case ActiveColumn:
        return tr("Active");
    default:
        return {};
    }
}

} // namespace Dockside
