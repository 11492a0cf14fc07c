#pragma once

#include "util/Error.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <optional>

namespace Dockside {

class Database;

// A photo kept in the site's database, so that it travels with the receipt or unknown package that refers to it:
// the supervisor at another desk sees the same picture as the receiver who took it.
struct StoredPhoto
{
    qint64 id = 0;
    QDateTime takenAt;
    QString station;
    QString user;
    QString contentType; // "image/jpeg", "image/png"
    qint64 size = 0; // bytes
    QString sha256; // hex
    int width = 0; // 0: not known
    int height = 0;
    QByteArray bytes; // empty when only the metadata was read
};

// The "photos" table (migration 8). A photo is stored once: the same bytes stored again (a retried record, the
// same file chosen twice, another station) give the id already there. Photo references in receipt lines and
// unknown packages (photoRefs) name a stored photo as "dockside-photo:<id>"; older references are file paths or
// URLs and stay as they were.
class PhotoRepository final
{
public:
    // Larger photos are refused: a camera photo scaled to 2560 px is far smaller, and each one travels whole
    // to every desk that shows it.
    static constexpr qint64 kMaxBytes = 10 * 1024 * 1024;
    static constexpr auto kReferencePrefix = "dockside-photo:";

    explicit PhotoRepository(Database& database);

    // Stores `bytes` and returns the photo's id; the id of the identical photo when one is stored already.
    // Errors: photo.data.empty, photo.too_large (Validation), or a storage error.
    Result<qint64> insert(const QByteArray& bytes, const QString& contentType, const QString& station,
        const QString& user, const QDateTime& takenAt, int width = 0, int height = 0);

    // The photo with its bytes, or nothing when no photo has that id.
    Result<std::optional<StoredPhoto>> read(qint64 id);

    // "dockside-photo:<id>", and back: nothing for anything else (a path, a URL, a malformed id).
    static QString reference(qint64 id);
    static std::optional<qint64> idFromReference(const QString& reference);

    static QString sha256Hex(const QByteArray& bytes);

private:
    Result<std::optional<qint64>> findBySha256(const QString& sha256, const QString& what);

    Database& m_database;
};

} // namespace Dockside
