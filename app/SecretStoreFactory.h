#pragma once

#include "settings/SecretStore.h"

#include <QString>

#include <functional>
#include <memory>

class QObject;

namespace Dockside {

// Decides where this station keeps secrets: the OS keychain when a keychain service answers, otherwise the
// protected file, with a notice that says so and names the file.
class SecretStoreFactory final
{
public:
    struct Choice
    {
        std::unique_ptr<SecretStore> store;
        QString notice; // one line for people; empty when the OS keychain is used
    };
    using ChoiceCallback = std::function<void(Choice)>;

    // $DOCKSIDE_SECRETS_FILE, else FileSecretStore::defaultPath().
    static QString fileStorePath();

    // Asynchronous: asking the keychain is a D-Bus round trip. `done` runs later, while `context` lives.
    static void choose(QObject* context, ChoiceCallback done);

    // Where a stored reference points, for people, without opening any store: "OS keychain",
    // "protected file /path/secrets.json".
    static QString describe(const QString& reference);
};

} // namespace Dockside
