#pragma once

#include "domain/AuditEvent.h"
#include "util/Error.h"

#include <QList>

namespace Dockside {

class Database;

// The audit trail. Append-only by construction: the table has triggers that refuse updates and deletes.
class AuditRepository final
{
public:
    explicit AuditRepository(Database& database);

    Result<qint64> append(const AuditEvent& event);
    Result<QList<AuditEvent>> forReturn(qint64 returnId);
    Result<QList<AuditEvent>> recent(int limit);

private:
    Result<QList<AuditEvent>> select(const QString& where, const QVariantList& binds, const QString& what);

    Database& m_database;
};

} // namespace Dockside
