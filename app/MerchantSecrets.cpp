#include "MerchantSecrets.h"

#include <QUrl>

#include "KeychainSecretStore.h"
#include "SecretStoreFactory.h"
#include "settings/FileSecretStore.h"

#include <QObject>
#include <QPointer>

#include <memory>

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {
struct Job
{
    QList<std::pair<qint64, QString>> pending; // merchant id, reference ("" for the API key slot marker)
    QHash<qint64, QString> names;
    MerchantSecrets::Loaded loaded;
    QStringList problems;
    std::unique_ptr<SecretStore> file = std::make_unique<FileSecretStore>(SecretStoreFactory::fileStorePath());
    std::unique_ptr<SecretStore> keychain = std::make_unique<KeychainSecretStore>();
    QPointer<QObject> context;
    MerchantSecrets::Callback done;
    QHash<QString, bool> isApiKey;
};

void next(const std::shared_ptr<Job>& job)
{
    if (!job->context)
        return;
    if (job->pending.isEmpty()) {
        job->done(job->loaded, job->problems);
        return;
    }
    const auto [merchantId, reference] = job->pending.takeFirst();
    SecretStore* store = job->file->holds(reference) ? job->file.get()
        : job->keychain->holds(reference)             ? job->keychain.get()
                                                      : nullptr;
    if (!store) {
        job->problems << u"%1: the secret reference %2 names no known store; add the merchant again."_s.arg(
            job->names.value(merchantId), reference);
        next(job);
        return;
    }
    store->read(reference, job->context, [job, merchantId, reference](Result<QByteArray> secret) {
        if (!secret) {
            job->problems << u"%1: %2"_s.arg(job->names.value(merchantId), secret.error().message);
        } else if (job->isApiKey.value(reference)) {
            job->loaded[merchantId].apiKey = *secret;
        } else {
            job->loaded[merchantId].webhookSecret = *secret;
        }
        next(job);
    });
}
} // namespace

void MerchantSecrets::load(const QList<Merchant>& merchants, QObject* context, Callback done)
{
    auto job = std::make_shared<Job>();
    job->context = context;
    job->done = std::move(done);
    for (const Merchant& merchant : merchants) {
        job->names.insert(merchant.id, merchant.name);
        if (!merchant.apiKeyRef.isEmpty()) {
            job->pending << std::pair(merchant.id, merchant.apiKeyRef);
            job->isApiKey.insert(merchant.apiKeyRef, true);
        } else {
            job->problems << u"%1: no API key is set; add the merchant again with --api-key-file."_s.arg(merchant.name);
        }
        if (!merchant.webhookSecretRef.isEmpty()) {
            job->pending << std::pair(merchant.id, merchant.webhookSecretRef);
            job->isApiKey.insert(merchant.webhookSecretRef, false);
        }
    }
    // Start from the event loop, as the stores do, so `done` never runs inside this call.
    QMetaObject::invokeMethod(context, [job] { next(job); }, Qt::QueuedConnection);
}

QHash<qint64, LoopClient::Options> MerchantSecrets::clientOptions(const QList<Merchant>& merchants, const Loaded& loaded)
{
    QHash<qint64, LoopClient::Options> clients;
    for (const Merchant& merchant : merchants) {
        const QByteArray key = loaded.value(merchant.id).apiKey;
        if (key.isEmpty())
            continue;
        LoopClient::Options options;
        options.baseUrl = QUrl(merchant.baseUrl);
        options.version = merchant.apiVersion;
        options.apiKey = key;
        options.perMinute = merchant.rateLimitPerMinute;
        clients.insert(merchant.id, options);
    }
    return clients;
}

} // namespace Dockside
