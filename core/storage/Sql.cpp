#include "Sql.h"

#include "Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>

#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace Dockside::Sql {

Result<QSqlQuery> exec(Database& database, QSqlDatabase& connection, const QString& sql, const QVariantList& binds,
    const QString& what)
{
    QSqlQuery query(connection);
    query.setForwardOnly(true);
    // PostgreSQL cannot PREPARE DDL, and a statement without parameters gains nothing from it.
    if (binds.isEmpty()) {
        if (!query.exec(sql))
            return fail(database.failure(query.lastError(), what));
        return query;
    }
    if (!query.prepare(sql))
        return fail(database.failure(query.lastError(), what));
    for (const QVariant& value : binds)
        query.addBindValue(value);
    if (!query.exec())
        return fail(database.failure(query.lastError(), what));
    return query;
}

QVariant time(const QDateTime& value)
{
    if (!value.isValid())
        return QVariant(QMetaType::fromType<qint64>());
    return QVariant::fromValue<qint64>(value.toMSecsSinceEpoch());
}

QDateTime time(const QVariant& value)
{
    if (value.isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

QVariant text(const QString& value)
{
    return value.isNull() ? QVariant(u""_s) : QVariant(value);
}

QVariant optionalId(qint64 id)
{
    if (id == 0)
        return QVariant(QMetaType::fromType<qint64>());
    return QVariant::fromValue<qint64>(id);
}

QString jsonArray(const QStringList& values)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(values)).toJson(QJsonDocument::Compact));
}

QStringList fromJsonArray(const QString& json)
{
    QStringList out;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const QJsonValue& value : array)
        out << value.toString();
    return out;
}

} // namespace Dockside::Sql
