#pragma once

#include "util/Error.h"

namespace Dockside {

class Database;

// Brings a database to the schema this build knows, one migration per transaction. Stations that
// start together on one PostgreSQL server take turns (advisory lock); a database newer than this
// build is left untouched.
class Migrator final
{
public:
    explicit Migrator(Database& database);

    Result<int> currentVersion();
    Result<int> migrate();
    // Applies migrations up to `version` only; tests use it to check upgrades from an older schema.
    Result<int> migrateTo(int version);

    int latestVersion() const;

private:
    Status ensureVersionTable();

    Database& m_database;
};

} // namespace Dockside
