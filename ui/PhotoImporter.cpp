#include "PhotoImporter.h"

#include "ErrorTexts.h"
#include "storage/PhotoRepository.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QImageWriter>
#include <QPainter>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {
constexpr int kJpegQuality = 90;

QString shown(const QString& path)
{
    return QDir::toNativeSeparators(path);
}
} // namespace

QString PhotoImporter::Outcome::problems() const
{
    return (refused + keptOnStation).join(u' ');
}

PhotoImporter::PhotoImporter(Database& database, QString station, QString user, QDateTime takenAt)
    : m_database(database)
    , m_station(std::move(station))
    , m_user(std::move(user))
    , m_takenAt(std::move(takenAt))
{
}

std::expected<PhotoImporter::Prepared, QString> PhotoImporter::prepare(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::unexpected(tr("%1 could not be read (%2). Check that the file is still there, then add it again.")
                                   .arg(shown(path), file.errorString()));
    // A file far beyond the limit is not read whole into memory only to be refused.
    if (file.size() > 20 * PhotoRepository::kMaxBytes)
        return std::unexpected(
            tr("%1 is too large to be a photo (%2 MB). Choose a photo file, or shrink this one and add it again.")
                .arg(shown(path))
                .arg(file.size() / (1024 * 1024)));
    QByteArray data = file.readAll();
    file.close();

    QBuffer buffer(&data);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setAutoTransform(true);
    const QByteArray format = reader.format();
    const QSize size = reader.size();
    if (!reader.canRead() || format.isEmpty())
        return std::unexpected(
            tr("%1 is not a picture this station can read (JPEG, PNG, BMP, GIF). Choose a photo file.")
                .arg(shown(path)));

    // A picture that is small enough is kept byte for byte (its EXIF data, its quality).
    const bool keep = (format == "jpeg" || format == "png") && size.isValid()
        && std::max(size.width(), size.height()) <= kMaxLongSide && data.size() <= PhotoRepository::kMaxBytes;
    if (keep) {
        const QString type = format == "png" ? u"image/png"_s : u"image/jpeg"_s;
        return Prepared { data, type, size };
    }

    QImage image = reader.read();
    if (image.isNull())
        return std::unexpected(tr("%1 is not a picture this station can read (%2). Choose a photo file.")
                                   .arg(shown(path), reader.errorString()));
    if (std::max(image.width(), image.height()) > kMaxLongSide)
        image = image.scaled(kMaxLongSide, kMaxLongSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    if (image.hasAlphaChannel()) {
        // JPEG has no transparency: what was see-through shows white, as it did on a page.
        QImage flat(image.size(), QImage::Format_RGB32);
        flat.fill(Qt::white);
        QPainter painter(&flat);
        painter.drawImage(0, 0, image);
        painter.end();
        image = flat;
    }
    QByteArray jpeg;
    QBuffer out(&jpeg);
    out.open(QIODevice::WriteOnly);
    QImageWriter writer(&out, "jpeg");
    writer.setQuality(kJpegQuality);
    if (!writer.write(image))
        return std::unexpected(tr("%1 could not be turned into a JPEG picture (%2). Choose another photo file.")
                                   .arg(shown(path), writer.errorString()));
    if (jpeg.size() > PhotoRepository::kMaxBytes)
        return std::unexpected(tr("%1 is too large even at %2 pixels. Shrink the file and add it again.")
                                   .arg(shown(path))
                                   .arg(kMaxLongSide));
    return Prepared { jpeg, u"image/jpeg"_s, image.size() };
}

PhotoImporter::Outcome PhotoImporter::storeAll(const QStringList& paths) const
{
    Outcome outcome;
    PhotoRepository photos(m_database);
    for (const QString& path : paths) {
        if (path.trimmed().isEmpty())
            continue;
        if (PhotoRepository::idFromReference(path)) {
            outcome.references << path.trimmed();
            continue;
        }
        const std::expected<Prepared, QString> prepared = prepare(path);
        if (!prepared) {
            outcome.refused << prepared.error();
            continue;
        }
        const Result<qint64> id = photos.insert(prepared->bytes, prepared->contentType, m_station, m_user, m_takenAt,
            prepared->size.width(), prepared->size.height());
        if (!id) {
            // The file stays where it is and the line refers to it, as before photos went into the database.
            outcome.references << path;
            outcome.keptOnStation << tr("%1 is kept on this station only, other desks will not see it: %2")
                                         .arg(QFileInfo(path).fileName(), ErrorTexts::message(id.error()));
            continue;
        }
        outcome.references << PhotoRepository::reference(*id);
        ++outcome.stored;
    }
    return outcome;
}

} // namespace Dockside
