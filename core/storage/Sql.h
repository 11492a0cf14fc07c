#pragma once

#include "util/Error.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <QVariantList>

namespace Dockside {

class Database;

// Small helpers shared by the repositories: run a statement with positional binds and turn every
// failure into an Error; convert between domain values and the storage conventions (UTC epoch
// milliseconds for times, text codes for enums, '' rather than NULL for NOT NULL text).
namespace Sql {

Result<QSqlQuery> exec(Database& database, QSqlDatabase& connection, const QString& sql, const QVariantList& binds,
    const QString& what);

QVariant time(const QDateTime& value); // NULL when invalid
QDateTime time(const QVariant& value); // invalid when NULL
QVariant text(const QString& value); // never NULL
QVariant optionalId(qint64 id); // NULL when 0

QString jsonArray(const QStringList& values);
QStringList fromJsonArray(const QString& json);

} // namespace Sql
} // namespace Dockside
