#include "FileSecretStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLockFile>
#include <QObject>
#include <QSaveFile>
#include <QStandardPaths>

#include <array>
#include <utility>

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {

const QString kFormat = u"dockside-secrets"_s;
constexpr int kVersion = 1;
// Waiting for another Dockside program that is rewriting the file takes milliseconds; a lock held longer
// than this belongs to a program that hangs, and saying so beats blocking the station.
constexpr int kLockTimeoutMs = 2000;

// The file's mode as `ls -l` and chmod know it, e.g. 0600.
int unixMode(QFileDevice::Permissions permissions)
{
    static constexpr std::array<std::pair<QFileDevice::Permission, int>, 9> bits { {
        { QFileDevice::ReadOwner, 0400 },
        { QFileDevice::WriteOwner, 0200 },
        { QFileDevice::ExeOwner, 0100 },
        { QFileDevice::ReadGroup, 0040 },
        { QFileDevice::WriteGroup, 0020 },
        { QFileDevice::ExeGroup, 0010 },
        { QFileDevice::ReadOther, 0004 },
        { QFileDevice::WriteOther, 0002 },
        { QFileDevice::ExeOther, 0001 },
    } };
    int mode = 0;
    for (const auto& [permission, bit] : bits) {
        if (permissions.testFlag(permission))
            mode |= bit;
    }
    return mode;
}

Error damaged(const QString& path, const QString& why)
{
    return Error::storage(u"secret.file.damaged"_s,
        u"The secrets file %1 is damaged (%2). Dockside left it exactly as it is: restore it from a backup, or "
        "move it aside and enter the merchants' API keys and webhook secrets again."_s)
        .with(path, why);
}

Error unwritable(const QString& path, const QString& why)
{
    return Error::storage(u"secret.file.unwritable"_s,
        u"Could not write the secrets file %1 (%2). Check that its folder exists and that the user running "
        "Dockside may write there."_s)
        .with(path, why);
}

template <typename Function>
void later(QObject* context, Function&& function)
{
    Q_ASSERT(context);
    QMetaObject::invokeMethod(context, std::forward<Function>(function), Qt::QueuedConnection);
}

} // namespace

FileSecretStore::FileSecretStore(QString path)
    : m_path(std::move(path))
{
}

QString FileSecretStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + u"/secrets.json"_s;
}

QString FileSecretStore::scheme() const
{
    return u"file"_s;
}

QString FileSecretStore::description() const
{
    return u"protected file %1"_s.arg(m_path);
}

template <typename Change>
Status FileSecretStore::change(Change&& apply)
{
    const QString folder = QFileInfo(m_path).absolutePath();
    if (!QDir().mkpath(folder))
        return fail(unwritable(m_path, u"cannot create the folder %1"_s.arg(folder)));
    // Read-modify-write: without the lock two programs adding merchants at once would lose one of the keys.
    QLockFile lock(m_path + u".lock"_s);
    if (!lock.tryLock(kLockTimeoutMs)) {
        return fail(Error::transient(u"secret.file.locked"_s,
            u"Another Dockside program is changing the secrets file %1. Try again in a moment; if this keeps "
            "happening while no other Dockside runs, delete %1.lock."_s)
                        .with(m_path));
    }
    Result<QJsonObject> secrets = load();
    if (!secrets)
        return fail(secrets.error());
    if (!apply(*secrets))
        return {};
    return save(*secrets);
}

Result<QByteArray> FileSecretStore::readNow(const QString& reference) const
{
    const Result<QString> name = nameIn(reference);
    if (!name)
        return fail(name.error());
    const Result<QJsonObject> secrets = load();
    if (!secrets)
        return fail(secrets.error());
    const QJsonValue value = secrets->value(*name);
    if (!value.isString()) {
        return fail(Error::permanent(u"secret.missing"_s,
            u"The protected file %1 holds no secret \"%2\": it was never stored on this station or was removed. "
            "Enter the key again."_s)
                        .with(m_path, *name));
    }
    // Base64 only lets any bytes sit in JSON text; it hides nothing. load() checked that it decodes.
    return QByteArray::fromBase64(value.toString().toLatin1());
}

Status FileSecretStore::writeNow(const QString& reference, const QByteArray& secret)
{
    const Result<QString> name = nameIn(reference);
    if (!name)
        return fail(name.error());
    return change([&](QJsonObject& secrets) {
        secrets.insert(*name, QString::fromLatin1(secret.toBase64()));
        return true;
    });
}

Status FileSecretStore::removeNow(const QString& reference)
{
    const Result<QString> name = nameIn(reference);
    if (!name)
        return fail(name.error());
    if (!QFileInfo::exists(m_path))
        return {};
    return change([&](QJsonObject& secrets) {
        if (!secrets.contains(*name))
            return false;
        secrets.remove(*name);
        return true;
    });
}

void FileSecretStore::read(const QString& reference, QObject* context, ReadCallback done)
{
    later(context, [done = std::move(done), result = readNow(reference)] { done(result); });
}

void FileSecretStore::write(const QString& reference, const QByteArray& secret, QObject* context, DoneCallback done)
{
    later(context, [done = std::move(done), result = writeNow(reference, secret)] { done(result); });
}

void FileSecretStore::remove(const QString& reference, QObject* context, DoneCallback done)
{
    later(context, [done = std::move(done), result = removeNow(reference)] { done(result); });
}

Result<QJsonObject> FileSecretStore::load() const
{
    const QFileInfo info(m_path);
    if (!info.exists())
        return QJsonObject();
    if (!info.isFile())
        return fail(damaged(m_path, u"it is not a regular file"_s));
    const int mode = unixMode(info.permissions());
    if (mode & 0077) {
        return fail(Error::storage(u"secret.file.unprotected"_s,
            u"The secrets file %1 can be read or changed by other users (mode %2), so Dockside will not use it. "
            "Run: chmod 600 %1 ; then replace the API keys and webhook secrets it holds, since others may "
            "have read them."_s)
                        .with(m_path, QString::number(mode, 8).rightJustified(4, u'0')));
    }
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(Error::storage(u"secret.file.unreadable"_s,
            u"Could not read the secrets file %1 (%2). It must belong to the user that runs Dockside."_s)
                        .with(m_path, file.errorString()));
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(damaged(m_path, u"not JSON: %1 at byte %2"_s.arg(parseError.errorString()).arg(parseError.offset)));
    const QJsonObject root = document.object();
    if (!document.isObject() || root.value(u"format"_s).toString() != kFormat || !root.value(u"secrets"_s).isObject())
        return fail(damaged(m_path, u"not a Dockside secrets file"_s));
    if (root.value(u"version"_s).toInt() > kVersion) {
        return fail(Error::storage(u"secret.file.newer"_s,
            u"The secrets file %1 was written by a newer Dockside. Update Dockside on this station."_s)
                        .with(m_path));
    }
    const QJsonObject secrets = root.value(u"secrets"_s).toObject();
    // Checked as a whole, so a damaged entry is never rewritten alongside a new one.
    for (auto it = secrets.constBegin(); it != secrets.constEnd(); ++it) {
        if (!it->isString()
            || !QByteArray::fromBase64Encoding(it->toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors)) {
            return fail(damaged(m_path, u"the secret \"%1\" is not valid base64"_s.arg(it.key())));
        }
    }
    return secrets;
}

Status FileSecretStore::save(const QJsonObject& secrets)
{
    const QJsonObject root {
        { u"format"_s, kFormat },
        { u"version"_s, kVersion },
        { u"about"_s,
            u"Dockside's API keys and webhook secrets. Protected only by this file's permissions (0600, owner "
            "read/write): NOT encrypted. Do not copy or share this file."_s },
        { u"secrets"_s, secrets },
    };
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(unwritable(m_path, file.errorString()));
    // Restrict the temporary file before a single secret byte goes in; the rename keeps its mode.
    if (!file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        const QString why = file.errorString();
        file.cancelWriting();
        return fail(unwritable(m_path, u"cannot restrict its permissions: "_s + why));
    }
    file.write(QJsonDocument(root).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return fail(unwritable(m_path, file.errorString()));
    return {};
}

} // namespace Dockside
