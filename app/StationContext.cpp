#include "StationContext.h"

using namespace Qt::StringLiterals;

namespace Dockside {

Result<DatabaseUrl> StationContext::databaseUrl(const QString& commandLineValue)
{
    if (!commandLineValue.isEmpty())
        return DatabaseUrl::parse(commandLineValue);
    const QString fromEnvironment = qEnvironmentVariable("DOCKSIDE_DB");
    if (!fromEnvironment.isEmpty())
        return DatabaseUrl::parse(fromEnvironment);
    return DatabaseUrl::defaultSqlite();
}

Result<std::unique_ptr<StationContext>> StationContext::open(const DatabaseUrl& url)
{
    Result<std::unique_ptr<Database>> database = Database::open(url);
    if (!database)
        return fail(database.error());
    return std::unique_ptr<StationContext>(new StationContext(std::move(*database)));
}

StationContext::StationContext(std::unique_ptr<Database> database)
    : m_database(std::move(database))
{
}

} // namespace Dockside
