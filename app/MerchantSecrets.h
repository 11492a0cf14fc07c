#pragma once

#include "domain/Merchant.h"
#include "loop/LoopClient.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QStringList>

#include <functional>

class QObject;

namespace Dockside {

// Reads every merchant's API key and webhook secret, each from the store its reference names (a key added
// while no keychain ran stays in the protected file even once a keychain appears). Asynchronous, like the
// stores: `done` runs later, while `context` lives, with what could be read and one line per problem.
class MerchantSecrets final
{
public:
    struct Credentials
    {
        QByteArray apiKey;
        QByteArray webhookSecret; // empty when none is set
    };
    using Loaded = QHash<qint64, Credentials>;
    using Callback = std::function<void(Loaded loaded, QStringList problems)>;

    static void load(const QList<Merchant>& merchants, QObject* context, Callback done);

    // How each merchant's LoopClient is built, by merchant id; none for a merchant without an API key here.
    static QHash<qint64, LoopClient::Options> clientOptions(const QList<Merchant>& merchants, const Loaded& loaded);
};

} // namespace Dockside
