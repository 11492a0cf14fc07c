#pragma once

#include "supervisor/SupervisorQueues.h"

#include <QHash>
#include <QImage>
#include <QTextBrowser>

namespace Dockside {

class Database;

// The supervisor's look at one queue row: the return with its expected items, every receipt with its lines,
// conditions, notes and photos, the calls to Loop with their state and last error, and the audit history. Photos
// in the database ("dockside-photo:<id>", taken at any station) and photo files on this station show as thumbnails
// (a click opens the picture); others are listed by reference.
class SupervisorDetailView final : public QTextBrowser
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SupervisorDetailView)

public:
    explicit SupervisorDetailView(QWidget* parent = nullptr);

    // `focusReceiptId` / `focusOutboxId` mark the receipt or call the queue row is about (0: none).
    void showReturn(const ReturnDetail& detail, qint64 focusReceiptId, qint64 focusOutboxId);
    void showUnknownPackage(const UnknownPackage& package);
    void showPlaceholder(const QString& text);
    // Where photos stored in the database are read from; nullptr lists them by reference. Must outlive the view
    // (or the next call).
    void setDatabase(Database* database);

    // How many photos show as thumbnails now (for tests and screenshots).
    int thumbnailCount() const { return int(m_thumbnails.size()); }

protected:
    QVariant loadResource(int type, const QUrl& name) override;

private:
    QString photosHtml(const QStringList& references);
    QString storedPhotoHtml(const QString& reference, qint64 id);
    void openStoredPhoto(qint64 id);
    void setContent(const QString& html);

    QHash<QString, QImage> m_thumbnails; // "thumb:N" -> scaled image
    Database* m_database = nullptr;
    QHash<qint64, QImage> m_storedThumbnails; // photo id -> thumbnail: a stored photo never changes
};

} // namespace Dockside
