#pragma once

#include <QDialog>
#include <QImage>

class QLabel;
class QScrollArea;

namespace Dockside {

struct StoredPhoto;

// One photo from the database, whole, in a window of its own (the supervisor clicks a thumbnail): fitted to the
// screen, with who took it where and when. Esc or Close closes it.
class PhotoViewerDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PhotoViewerDialog)

public:
    explicit PhotoViewerDialog(QWidget* parent = nullptr);

    void showPhoto(const StoredPhoto& photo);
    // Instead of a photo: why there is none to show.
    void showProblem(const QString& message);

    // The picture as decoded, full size (null when there is none): for tests.
    QImage image() const { return m_image; }

private:
    QLabel* m_photoLabel;
    QLabel* m_captionLabel;
    QScrollArea* m_scrollArea;
    QImage m_image;
};

} // namespace Dockside
