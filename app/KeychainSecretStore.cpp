#include "KeychainSecretStore.h"

#include <QObject>
#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {

const QString kProbeKey = u"dockside-keychain-probe"_s;

Error keychainError(const QKeychain::Job& job, const QString& name)
{
    const QString detail = job.errorString().simplified();
    switch (job.error()) {
    case QKeychain::EntryNotFound:
        return Error::permanent(u"secret.missing"_s,
            u"The OS keychain holds no secret \"%1\" (service Dockside): it was never stored for this user on this "
            "computer or was removed. Enter the key again."_s,
            detail)
            .with(name);
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return Error::auth(u"secret.denied"_s,
            u"The OS keychain refused access to the secret \"%1\". Unlock the keychain or allow Dockside to use it, "
            "then try again."_s,
            detail)
            .with(name);
    case QKeychain::NoError:
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        break;
    }
    return Error::storage(u"secret.keychain.unavailable"_s,
        u"The OS keychain did not store or return the secret \"%1\" (%2). Check that the keychain service runs and "
        "is unlocked, then try again."_s,
        detail)
        .with(name, detail);
}

// Jobs delete themselves after finished(); the connection dies with `context`, so a caller that is gone
// is never called back.
template <typename Job, typename Handler>
void run(Job* job, const QString& key, QObject* context, Handler&& handler)
{
    Q_ASSERT(context);
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // QtKeychain's fallback is a plain-text QSettings file: never.
    job->setKey(key);
    QObject::connect(job, &QKeychain::Job::finished, context, std::forward<Handler>(handler));
    job->start();
}

} // namespace

QString KeychainSecretStore::serviceName()
{
    return u"Dockside"_s;
}

void KeychainSecretStore::probe(QObject* context, DoneCallback done)
{
    auto* job = new QKeychain::ReadPasswordJob(serviceName());
    run(job, kProbeKey, context, [done = std::move(done)](QKeychain::Job* finished) {
        if (finished->error() == QKeychain::NoError || finished->error() == QKeychain::EntryNotFound) {
            done({});
            return;
        }
        done(fail(keychainError(*finished, kProbeKey)));
    });
}

QString KeychainSecretStore::scheme() const
{
    return u"keychain"_s;
}

QString KeychainSecretStore::description() const
{
    return u"OS keychain"_s;
}

void KeychainSecretStore::read(const QString& reference, QObject* context, ReadCallback done)
{
    const Result<QString> name = nameIn(reference);
    if (!name) {
        QMetaObject::invokeMethod(
            context, [done = std::move(done), error = name.error()] { done(fail(error)); }, Qt::QueuedConnection);
        return;
    }
    auto* job = new QKeychain::ReadPasswordJob(serviceName());
    run(job, *name, context, [done = std::move(done), key = *name](QKeychain::Job* finished) {
        if (finished->error() != QKeychain::NoError) {
            done(fail(keychainError(*finished, key)));
            return;
        }
        done(static_cast<QKeychain::ReadPasswordJob*>(finished)->binaryData());
    });
}

void KeychainSecretStore::write(const QString& reference, const QByteArray& secret, QObject* context, DoneCallback done)
{
    const Result<QString> name = nameIn(reference);
    if (!name) {
        QMetaObject::invokeMethod(
            context, [done = std::move(done), error = name.error()] { done(fail(error)); }, Qt::QueuedConnection);
        return;
    }
    auto* job = new QKeychain::WritePasswordJob(serviceName());
    job->setBinaryData(secret);
    run(job, *name, context, [done = std::move(done), key = *name](QKeychain::Job* finished) {
        if (finished->error() != QKeychain::NoError) {
            done(fail(keychainError(*finished, key)));
            return;
        }
        done({});
    });
}

void KeychainSecretStore::remove(const QString& reference, QObject* context, DoneCallback done)
{
    const Result<QString> name = nameIn(reference);
    if (!name) {
        QMetaObject::invokeMethod(
            context, [done = std::move(done), error = name.error()] { done(fail(error)); }, Qt::QueuedConnection);
        return;
    }
    auto* job = new QKeychain::DeletePasswordJob(serviceName());
    run(job, *name, context, [done = std::move(done), key = *name](QKeychain::Job* finished) {
        if (finished->error() != QKeychain::NoError && finished->error() != QKeychain::EntryNotFound) {
            done(fail(keychainError(*finished, key)));
            return;
        }
        done({});
    });
}

} // namespace Dockside
