#pragma once

#include "domain/Merchant.h"
#include "domain/Receipt.h"
#include "domain/Return.h"

namespace Dockside::Testing {

// Realistic defaults, so a test states only what matters to it.
class ReturnBuilder final
{
public:
    explicit ReturnBuilder(qint64 merchantId, qint64 loopId = 41000007);

    ReturnBuilder& state(ReturnState state);
    ReturnBuilder& updatedAt(const QDateTime& at);
    ReturnBuilder& tracking(const QString& number);
    ReturnBuilder& extraTracking(const QString& number);
    ReturnBuilder& orderName(const QString& name);
    ReturnBuilder& email(const QString& email);
    ReturnBuilder& labelStatus(const QString& status);
    ReturnBuilder& line(qint64 lineItemId, const QString& sku, const QString& barcode, const QString& title = {});
    ReturnBuilder& noLines();

    Return build() const { return m_value; }
    operator Return() const { return m_value; }

private:
    Return m_value;
};

Merchant merchant(const QString& name = QStringLiteral("Acme Outfitters"));

} // namespace Dockside::Testing
