#pragma once

#include "util/Error.h"

#include <QString>
#include <QStringList>

namespace Dockside {

class Clock;
class Database;

// Packages whose scan matched no return. Recording one keeps the raw scan exactly as read; every later
// sync resolves the open ones again, and a package whose scan now resolves to exactly one return is
// matched to it (audited), ready to be received. Several matches stay open for a supervisor to choose.
class ExceptionQueue final
{
public:
    ExceptionQueue(Database& database, const Clock& clock);

    Result<qint64> record(const QString& rawScan, const QString& station, const QString& user, const QString& note,
        const QStringList& photoRefs);
    // How many open packages were matched now.
    Result<int> rematch();

private:
    Database& m_database;
    const Clock& m_clock;
};

} // namespace Dockside
