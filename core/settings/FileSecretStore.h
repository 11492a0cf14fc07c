#pragma once

#include "settings/SecretStore.h"

#include <QJsonObject>

namespace Dockside {

// The fallback for stations without an OS keychain (no D-Bus session: CI, kiosks, SSH). Secrets are kept in
// a JSON file that only its owner may read or write (mode 0600). That is protection by file permissions,
// NOT encryption: root, backups and anyone who copies the file can read the secrets in it.
//
// The file is replaced atomically on every change, so a crash never leaves half a file. A file that others
// can read, or that does not parse, is refused and left exactly as it is.
class FileSecretStore final : public SecretStore
{
public:
    explicit FileSecretStore(QString path);

    // <AppConfigLocation>/secrets.json, e.g. ~/.config/Dockside/dockside/secrets.json.
    static QString defaultPath();

    const QString& path() const { return m_path; }
    QString scheme() const override;
    QString description() const override;

    // The same operations, answered at once: the file is local and small.
    Result<QByteArray> readNow(const QString& reference) const;
    Status writeNow(const QString& reference, const QByteArray& secret);
    Status removeNow(const QString& reference);

    void read(const QString& reference, QObject* context, ReadCallback done) override;
    void write(const QString& reference, const QByteArray& secret, QObject* context, DoneCallback done) override;
    void remove(const QString& reference, QObject* context, DoneCallback done) override;

private:
    // The "secrets" object of the file; empty when the file does not exist yet.
    Result<QJsonObject> load() const;
    Status save(const QJsonObject& secrets);
    template <typename Change>
    Status change(Change&& apply);

    QString m_path;
};

} // namespace Dockside
