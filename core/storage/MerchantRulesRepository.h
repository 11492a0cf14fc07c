#pragma once

#include "receiving/MerchantRules.h"
#include "util/Error.h"

#include <QDateTime>

namespace Dockside {

class Database;

class MerchantRulesRepository final
{
public:
    explicit MerchantRulesRepository(Database& database);

    // The merchant's rules, or the defaults when none were stored. Stored rules that no longer read are an
    // error, not the defaults: the defaults might process what the merchant wanted flagged.
    Result<MerchantRules> forMerchant(qint64 merchantId);
    Status save(qint64 merchantId, const MerchantRules& rules, const QDateTime& at);

private:
    Database& m_database;
};

} // namespace Dockside
