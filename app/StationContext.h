#pragma once

#include "settings/SecretStore.h"
#include "storage/Database.h"
#include "storage/DatabaseUrl.h"
#include "util/Error.h"

#include <memory>

namespace Dockside {

// The composition root: builds the station's services from its settings and owns them, in the order
// they must be torn down. Both executables start here; nothing else creates services.
class StationContext final
{
public:
    // The URL from --db, else $DOCKSIDE_DB, else the SQLite file in the app data folder.
    static Result<DatabaseUrl> databaseUrl(const QString& commandLineValue);

    static Result<std::unique_ptr<StationContext>> open(const DatabaseUrl& url);

    Database& database() { return *m_database; }

    // Where secrets live. Chosen asynchronously by SecretStoreFactory (asking the OS keychain takes a D-Bus
    // round trip), so null until a caller that needs secrets has chosen and handed it over.
    SecretStore* secretStore() const { return m_secretStore.get(); }
    void setSecretStore(std::unique_ptr<SecretStore> store) { m_secretStore = std::move(store); }

private:
    explicit StationContext(std::unique_ptr<Database> database);

    std::unique_ptr<Database> m_database;
    std::unique_ptr<SecretStore> m_secretStore;
};

} // namespace Dockside
