#pragma once

#include "util/Error.h"

#include <QByteArray>
#include <QString>

#include <functional>

class QObject;

namespace Dockside {

// Where the station keeps its secrets: Loop API keys and webhook signing secrets. Everything else holds only
// a reference such as "keychain:merchant/<uuid>/api-key": safe to store in the database, to log and to show.
// The secret itself leaves a store only through read().
//
// Asynchronous because the OS keychain answers over D-Bus: every call returns at once and `done` runs later
// on the caller's thread (never from inside the call), and only while `context` is still alive.
class SecretStore
{
public:
    using ReadCallback = std::function<void(Result<QByteArray>)>;
    using DoneCallback = std::function<void(Status)>;

    virtual ~SecretStore() = default;

    // The prefix of this store's references, without the colon: "keychain", "file".
    virtual QString scheme() const = 0;
    // Where the secrets are, for people: "OS keychain", "protected file /home/dock/.config/.../secrets.json".
    virtual QString description() const = 0;

    // The reference under which this store keeps the secret called `name`.
    QString referenceFor(const QString& name) const { return scheme() + u':' + name; }
    bool holds(const QString& reference) const { return reference.startsWith(scheme() + u':'); }

    virtual void read(const QString& reference, QObject* context, ReadCallback done) = 0;
    virtual void write(const QString& reference, const QByteArray& secret, QObject* context, DoneCallback done) = 0;
    // Removing a secret that is not there succeeds, so callers can clean up after a half-done change.
    virtual void remove(const QString& reference, QObject* context, DoneCallback done) = 0;

protected:
    SecretStore() = default;
    Q_DISABLE_COPY_MOVE(SecretStore)

    // The name part of one of this store's references, or a Validation error naming the store it belongs to.
    Result<QString> nameIn(const QString& reference) const;
};

} // namespace Dockside
