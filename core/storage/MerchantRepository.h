#pragma once

#include "domain/Merchant.h"
#include "util/Error.h"

#include <QList>

#include <optional>

namespace Dockside {

class Database;

class MerchantRepository final
{
public:
    explicit MerchantRepository(Database& database);

    // Fails with a Validation error when the name is taken.
    Result<qint64> insert(const Merchant& merchant);
    Status update(const Merchant& merchant);
    Result<std::optional<Merchant>> find(qint64 id);
    Result<std::optional<Merchant>> findByName(const QString& name);
    Result<QList<Merchant>> list();

private:
    Result<QList<Merchant>> select(const QString& where, const QVariantList& binds, const QString& what);

    Database& m_database;
};

} // namespace Dockside
