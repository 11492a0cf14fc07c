#pragma once

#include "settings/SecretStore.h"

namespace Dockside {

// Secrets in the OS keychain (Secret Service/GNOME Keyring or KWallet on Linux, Keychain on macOS, Credential
// Manager on Windows) through QtKeychain, under the service name "Dockside". Every call starts a QtKeychain
// job and answers from its finished() signal: no nested event loop, no waiting.
class KeychainSecretStore final : public SecretStore
{
public:
    KeychainSecretStore() = default;

    static QString serviceName();

    // Asks the keychain for an entry that is never written. "Not found" means a keychain service answers;
    // any other outcome (no D-Bus session, no Secret Service or KWallet running) comes back as the error.
    static void probe(QObject* context, DoneCallback done);

    QString scheme() const override;
    QString description() const override;

    void read(const QString& reference, QObject* context, ReadCallback done) override;
    void write(const QString& reference, const QByteArray& secret, QObject* context, DoneCallback done) override;
    void remove(const QString& reference, QObject* context, DoneCallback done) override;
};

} // namespace Dockside
