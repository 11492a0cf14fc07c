#pragma once

#include "supervisor/SupervisorQueues.h"

#include <QHash>
#include <QImage>
#include <QTextBrowser>

namespace Dockside {

// The supervisor's look at one queue row: the return with its expected items, every receipt with its lines,
// conditions, notes and photos, the calls to Loop with their state and last error, and the audit history. Photos
// stored on this station show as thumbnails (a click opens the file); others are listed by reference.
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

    // How many photos show as thumbnails now (for tests and screenshots).
    int thumbnailCount() const { return int(m_thumbnails.size()); }

protected:
    QVariant loadResource(int type, const QUrl& name) override;

private:
    QString photosHtml(const QStringList& references);
    void setContent(const QString& html);

    QHash<QString, QImage> m_thumbnails; // "thumb:N" -> scaled image
};

} // namespace Dockside
