#pragma once

#include <QSqlQuery>

#include "domain/UnknownPackage.h"
#include "util/Error.h"

#include <QList>

#include <optional>

namespace Dockside {

class Database;

class UnknownPackageRepository final
{
public:
    explicit UnknownPackageRepository(Database& database);

    Result<qint64> add(const UnknownPackage& package);
    Result<QList<UnknownPackage>> list(std::optional<UnknownPackage::Status> status, int limit = 1000);
    Status markMatched(qint64 id, qint64 returnId, const QDateTime& at);

    // The columns every reader selects, in the order readRows() reads them (the supervisor's queue pages too).
    static QString columns();
    static QList<UnknownPackage> readRows(QSqlQuery& query);

private:
    Database& m_database;
};

} // namespace Dockside
