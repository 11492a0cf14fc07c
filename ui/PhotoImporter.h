#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QSize>
#include <QString>
#include <QStringList>

#include <expected>

namespace Dockside {

class Database;

// Puts the photos a station records (photo files chosen by the receiver, the camera's JPEG files) into the site's
// database (PhotoRepository), so that they travel with the receipt or the unknown package: each becomes a
// "dockside-photo:<id>" reference. A file must be a picture Qt can read; one larger than kMaxLongSide on its long
// side (or over the database's limit) is scaled down and stored as a JPEG, a smaller JPEG or PNG is stored as it
// is. Where the database refuses a picture, its file path is kept as before (so nothing is lost) and the outcome
// says so. In ui/, not core/: it decodes and encodes images (Qt Gui).
class PhotoImporter final
{
    Q_DECLARE_TR_FUNCTIONS(Dockside::PhotoImporter)

public:
    static constexpr int kMaxLongSide = 2560;

    struct Prepared
    {
        QByteArray bytes;
        QString contentType;
        QSize size;
    };

    struct Outcome
    {
        // One per accepted photo, in order: "dockside-photo:<id>", or the file's path where the database failed.
        QStringList references;
        int stored = 0; // how many of them are in the database
        // Translated sentences, one per file: refused (not a picture, unreadable), or kept on this station only.
        QStringList refused;
        QStringList keptOnStation;

        bool hasProblems() const { return !refused.isEmpty() || !keptOnStation.isEmpty(); }
        QString problems() const;
    };

    PhotoImporter(Database& database, QString station, QString user, QDateTime takenAt);

    // The bytes to store for the picture in `path`, or a translated sentence saying why it is not one.
    static std::expected<Prepared, QString> prepare(const QString& path);

    // Stores every file of `paths`; references already stored ("dockside-photo:<id>") pass through unchanged.
    Outcome storeAll(const QStringList& paths) const;

private:
    Database& m_database;
    QString m_station;
    QString m_user;
    QDateTime m_takenAt;
};

} // namespace Dockside
