#include "SecretStoreFactory.h"

#include "KeychainSecretStore.h"
#include "settings/FileSecretStore.h"

using namespace Qt::StringLiterals;

namespace Dockside {

QString SecretStoreFactory::fileStorePath()
{
    const QString fromEnvironment = qEnvironmentVariable("DOCKSIDE_SECRETS_FILE");
    return fromEnvironment.isEmpty() ? FileSecretStore::defaultPath() : fromEnvironment;
}

void SecretStoreFactory::choose(QObject* context, ChoiceCallback done)
{
    KeychainSecretStore::probe(context, [done = std::move(done)](Status answered) {
        if (answered) {
            done({ std::make_unique<KeychainSecretStore>(), QString() });
            return;
        }
        auto file = std::make_unique<FileSecretStore>(fileStorePath());
        // QtKeychain's own reason is often just "Unknown error", so name the usual causes too.
        const QString why
            = answered.error().detail.isEmpty() ? u"no keychain service found"_s : answered.error().detail;
        const QString notice = u"No OS keychain answers (%1; is a Secret Service such as GNOME Keyring or KWallet "
                               "running in a D-Bus session?). Secrets are kept in the protected file %2 instead: "
                               "readable by this user only, not encrypted."_s.arg(why, file->path());
        done({ std::move(file), notice });
    });
}

QString SecretStoreFactory::describe(const QString& reference)
{
    if (reference.startsWith(u"keychain:"_s))
        return KeychainSecretStore().description();
    if (reference.startsWith(u"file:"_s))
        return FileSecretStore(fileStorePath()).description();
    return u"unknown store (reference %1)"_s.arg(reference);
}

} // namespace Dockside
