#include "AuditRepository.h"

#include "Database.h"
#include "Sql.h"

using namespace Qt::StringLiterals;

namespace Dockside {

AuditRepository::AuditRepository(Database& database)
    : m_database(database)
{
}

Result<qint64> AuditRepository::append(const AuditEvent& event)
{
    if (event.action.isEmpty())
        return fail(Error::validation(u"audit.action.empty"_s, u"An audit event needs an action."_s));
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    Result<QSqlQuery> query = Sql::exec(m_database, *connection,
        uR"(INSERT INTO "audit_events" ("at", "station", "user_name", "action", "merchant_id", "return_id",
            "receipt_id", "raw_scan", "summary", "detail") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING "id")"_s,
        {Sql::time(event.at.isValid() ? event.at : QDateTime::currentDateTimeUtc()), Sql::text(event.station),
            Sql::text(event.user), event.action, Sql::optionalId(event.merchantId), Sql::optionalId(event.returnId),
            Sql::optionalId(event.receiptId), Sql::text(event.rawScan), Sql::text(event.summary),
            event.detail.isEmpty() ? u"{}"_s : QString::fromUtf8(event.detail)},
        u"writing the audit trail"_s);
    if (!query)
        return fail(query.error());
    if (!query->next())
        return fail(Error::storage(u"db.insert.noid"_s, u"The database returned no id for an audit event."_s));
    return query->value(0).toLongLong();
}

Result<QList<AuditEvent>> AuditRepository::forReturn(qint64 returnId)
{
    return select(uR"("return_id" = ? ORDER BY "at", "id")"_s, {returnId},
        u"reading the audit trail of return row %1"_s.arg(returnId));
}

Result<QList<AuditEvent>> AuditRepository::recent(int limit)
{
    return select(uR"(1 = 1 ORDER BY "at" DESC, "id" DESC LIMIT ?)"_s, {limit}, u"reading the audit trail"_s);
}

Result<QList<AuditEvent>> AuditRepository::select(const QString& where, const QVariantList& binds, const QString& what)
{
    Result<QSqlDatabase> connection = m_database.connection();
    if (!connection)
        return fail(connection.error());
    Result<QSqlQuery> query = Sql::exec(m_database, *connection,
        uR"(SELECT "id", "at", "station", "user_name", "action", "merchant_id", "return_id", "receipt_id",
            "raw_scan", "summary", "detail" FROM "audit_events" WHERE )"_s
            + where,
        binds, what);
    if (!query)
        return fail(query.error());
    QList<AuditEvent> events;
    while (query->next()) {
        AuditEvent event;
        event.id = query->value(0).toLongLong();
        event.at = Sql::time(query->value(1));
        event.station = query->value(2).toString();
        event.user = query->value(3).toString();
        event.action = query->value(4).toString();
        event.merchantId = query->value(5).toLongLong();
        event.returnId = query->value(6).toLongLong();
        event.receiptId = query->value(7).toLongLong();
        event.rawScan = query->value(8).toString();
        event.summary = query->value(9).toString();
        event.detail = query->value(10).toString().toUtf8();
        events << event;
    }
    return events;
}

} // namespace Dockside
