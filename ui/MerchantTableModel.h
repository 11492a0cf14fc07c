#pragma once

#include "domain/Merchant.h"

#include <QAbstractTableModel>
#include <QList>

namespace Dockside {

// The merchants of the settings dialog: name, Loop address, where the API key and webhook secret are kept
// (never the secrets: the merchant holds only references to them), and whether it is active.
class MerchantTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MerchantTableModel)

public:
    enum Column {
        NameColumn,
        BaseUrlColumn,
        ApiKeyColumn,
        WebhookSecretColumn,
        ActiveColumn,
        ColumnCount,
    };
    static constexpr int MerchantIdRole = Qt::UserRole + 1;

    explicit MerchantTableModel(QObject* parent = nullptr);

    void setMerchants(const QList<Merchant>& merchants);
    // After a language change: headers and cells again, keeping the selection.
    void retranslate();
    const QList<Merchant>& merchants() const { return m_merchants; }
    // The row of the merchant with this id, or -1.
    int rowOf(qint64 merchantId) const;

    // Where a secret reference points, for people: "OS keychain", "protected file", "not set".
    static QString whereKept(const QString& reference);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Merchant> m_merchants;
};

} // namespace Dockside
