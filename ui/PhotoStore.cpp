#include "PhotoStore.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QImageWriter>
#include <QSaveFile>
#include <QStandardPaths>
#include <QStorageInfo>

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {
constexpr int kJpegQuality = 90;
// Photos taken within one second of each other, for one subject: far more than a hand can take.
constexpr int kMaxPerSecond = 999;

bool diskFull(const QString& folder, qint64 bytes)
{
    const QStorageInfo storage(folder);
    return storage.isValid() && storage.isReady() && storage.bytesAvailable() >= 0 && storage.bytesAvailable() < bytes;
}

Error diskFullError(const QString& folder)
{
    return Error::storage(u"photo.disk_full"_s,
        u"The photo was not saved: the disk holding %1 is full. Free some space, then take the photo again."_s.arg(
            QDir::toNativeSeparators(folder)));
}
} // namespace

PhotoStore::PhotoStore()
    : PhotoStore(defaultRootDirectory())
{
}

PhotoStore::PhotoStore(const QString& rootDirectory)
    : m_root(QDir::cleanPath(QDir(rootDirectory).absolutePath()))
{
}

QString PhotoStore::defaultRootDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/photos"_s;
}

QString PhotoStore::directoryFor(const QDate& day) const
{
    return m_root + u'/' + day.toString(u"yyyy-MM-dd"_s);
}

QString PhotoStore::safeSubject(const QString& subject)
{
    QString safe;
    for (const QChar c : subject.trimmed()) {
        const bool plain = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
        if (plain)
            safe += c;
        else if (!safe.endsWith(u'-'))
            safe += u'-';
    }
    while (safe.startsWith(u'-'))
        safe.remove(0, 1);
    while (safe.endsWith(u'-'))
        safe.chop(1);
    return safe.isEmpty() ? u"photo"_s : safe.left(80);
}

Result<QString> PhotoStore::save(const QImage& image, const QString& subject, const QDateTime& takenAt) const
{
    if (image.isNull())
        return fail(Error::validation(u"photo.empty"_s, u"The camera gave no picture. Take the photo again."_s));

    // Encoded first, so that a picture that cannot be encoded never leaves a file behind.
    QByteArray jpeg;
    {
        QBuffer buffer(&jpeg);
        buffer.open(QIODevice::WriteOnly);
        QImageWriter writer(&buffer, "jpeg");
        writer.setQuality(kJpegQuality);
        if (!writer.write(image))
            return fail(Error::permanent(u"photo.encode_failed"_s,
                u"The picture could not be turned into a JPEG file. Take the photo again."_s, writer.errorString()));
    }

    const QDateTime local = (takenAt.isValid() ? takenAt : QDateTime::currentDateTime()).toLocalTime();
    const QString folder = directoryFor(local.date());
    if (!QDir().mkpath(folder) || !QFileInfo(folder).isDir())
        return fail(Error::storage(u"photo.folder"_s,
            u"The photo was not saved: the folder %1 cannot be created. Check that its disk is connected and that "
            u"the station may write there, or add a photo file instead."_s.arg(QDir::toNativeSeparators(folder))));
    if (diskFull(folder, jpeg.size()))
        return fail(diskFullError(folder));

    const QString stem = safeSubject(subject) + u'_' + local.toString(u"yyyyMMdd-HHmmss"_s);
    for (int n = 1; n <= kMaxPerSecond; ++n) {
        const QString path = folder + u'/' + stem + u'_' + u"%1"_s.arg(n, 2, 10, QChar(u'0')) + u".jpg"_s;
        if (QFileInfo::exists(path))
            continue;
        // The name is claimed with an exclusive create (another station may share the folder), then written
        // whole through a temporary file: a crash or a full disk leaves the empty claim, never half a picture.
        QFile claim(path);
        if (!claim.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
            if (QFileInfo::exists(path))
                continue;
            return fail(Error::storage(u"photo.not_writable"_s,
                u"The photo was not saved: the station may not write to %1. Ask for write access to that folder, "
                u"or add a photo file instead."_s.arg(QDir::toNativeSeparators(folder)),
                claim.errorString()));
        }
        claim.close();
        QSaveFile file(path);
        const bool written = file.open(QIODevice::WriteOnly) && file.write(jpeg) == jpeg.size() && file.commit();
        if (!written) {
            const QString detail = file.errorString();
            file.cancelWriting();
            QFile::remove(path);
            if (diskFull(folder, jpeg.size()))
                return fail(diskFullError(folder));
            return fail(Error::storage(u"photo.write_failed"_s,
                u"The photo could not be written to %1. Take it again; if that fails too, add a photo file "
                u"instead."_s.arg(QDir::toNativeSeparators(folder)),
                detail));
        }
        return path;
    }
    return fail(Error::storage(u"photo.write_failed"_s,
        u"The photo was not saved: %1 already holds %2 photos named %3. Wait a second and take it again."_s
            .arg(QDir::toNativeSeparators(folder))
            .arg(kMaxPerSecond)
            .arg(stem)));
}

Status PhotoStore::discard(const QString& path) const
{
    const QString canonicalRoot = QFileInfo(m_root).canonicalFilePath();
    const QString canonical = QFileInfo(path).canonicalFilePath();
    if (canonicalRoot.isEmpty() || canonical.isEmpty() || !canonical.startsWith(canonicalRoot + u'/'))
        return fail(Error::validation(u"photo.not_ours"_s,
            u"%1 is not a photo this station took; it was left alone."_s.arg(QDir::toNativeSeparators(path))));
    QFile file(canonical);
    if (!file.remove())
        return fail(Error::storage(u"photo.not_removed"_s,
            u"The photo %1 could not be deleted."_s.arg(QDir::toNativeSeparators(path)), file.errorString()));
    return {};
}

} // namespace Dockside
