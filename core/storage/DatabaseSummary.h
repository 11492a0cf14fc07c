#pragma once

#include "util/Error.h"

#include <QList>
#include <QString>

namespace Dockside {

class Database;

// What a station shows about its database: where it is, which schema, how much is in it.
struct DatabaseSummary
{
    QString backend; // sqlite or postgresql
    QString displayUrl; // password masked
    int schemaVersion = 0;
    qint64 merchants = 0;
    qint64 returns = 0;
    qint64 pendingPushes = 0;
    qint64 parkedPushes = 0;

    // Pushes still to go, per merchant that has any (by name).
    struct MerchantPushes
    {
        QString merchantName;
        qint64 pending = 0;
        qint64 parked = 0;
    };
    QList<MerchantPushes> pushesByMerchant;

    static Result<DatabaseSummary> read(Database& database);
};

} // namespace Dockside
