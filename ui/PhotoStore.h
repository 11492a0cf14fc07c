#pragma once

#include "util/Error.h"

#include <QDate>
#include <QDateTime>
#include <QString>

class QImage;

namespace Dockside {

// Where the station keeps the photos it takes: <root>/<yyyy-MM-dd>/<subject>_<yyyyMMdd-HHmmss>_<n>.jpg, local
// time, so that a person looking for "the photos of return 41000007 from Tuesday" finds them in a file manager.
// A receipt line refers to a photo by its absolute path, so a saved file is never overwritten or renamed.
// In ui/, not core/: it encodes a QImage (Qt Gui).
class PhotoStore final
{
public:
    // The station's data location (QStandardPaths::AppDataLocation)/photos.
    PhotoStore();
    explicit PhotoStore(const QString& rootDirectory);

    static QString defaultRootDirectory();

    QString rootDirectory() const { return m_root; }
    QString directoryFor(const QDate& day) const;

    // Saves `image` as a JPEG taken at `takenAt`, named after `subject` ("return-41000007-item-55500101",
    // "unknown"; anything but letters, digits and '-' becomes '-'). Returns the file's absolute path, or an
    // Error (codes photo.empty, photo.folder, photo.not_writable, photo.disk_full, photo.write_failed) saying
    // why nothing was saved; never a half-written file.
    Result<QString> save(const QImage& image, const QString& subject, const QDateTime& takenAt) const;

    // Deletes a photo this store saved that nobody uses (taken, then discarded before it was attached).
    // Refuses anything outside the root directory.
    Status discard(const QString& path) const;

    static QString safeSubject(const QString& subject);

private:
    QString m_root;
};

} // namespace Dockside
