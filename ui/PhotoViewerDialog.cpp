#include "PhotoViewerDialog.h"

#include "SupervisorText.h"
#include "storage/PhotoRepository.h"

#include <QBuffer>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QImageReader>
#include <QLabel>
#include <QPixmap>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Dockside {

PhotoViewerDialog::PhotoViewerDialog(QWidget* parent)
    : QDialog(parent)
    , m_photoLabel(new QLabel(this))
    , m_captionLabel(new QLabel(this))
    , m_scrollArea(new QScrollArea(this))
{
    setObjectName(u"photoViewerDialog"_s);
    setWindowTitle(tr("Photo"));
    m_photoLabel->setObjectName(u"photoLabel"_s);
    m_photoLabel->setAlignment(Qt::AlignCenter);
    m_captionLabel->setObjectName(u"captionLabel"_s);
    m_captionLabel->setWordWrap(true);
    m_scrollArea->setObjectName(u"photoScrollArea"_s);
    m_scrollArea->setWidget(m_photoLabel);
    m_scrollArea->setWidgetResizable(true);
    m_scrollArea->setAlignment(Qt::AlignCenter);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setObjectName(u"closePushButton"_s);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_scrollArea, 1);
    layout->addWidget(m_captionLabel);
    layout->addWidget(buttons);
}

void PhotoViewerDialog::showPhoto(const StoredPhoto& photo)
{
    QByteArray bytes = photo.bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setAutoTransform(true);
    m_image = reader.read();
    if (m_image.isNull()) {
        showProblem(
            tr("Photo %1 is in the database but cannot be shown (%2).").arg(photo.id).arg(reader.errorString()));
        return;
    }
    setWindowTitle(tr("Photo %1").arg(photo.id));
    // Fitted into most of the screen, never enlarged: a dock PC's screen is smaller than a camera's picture.
    const QScreen* screen = this->screen() ? this->screen() : QGuiApplication::primaryScreen();
    const QSize room = screen ? screen->availableGeometry().size() * 0.85 : QSize(1200, 900);
    const QSize fitted = m_image.width() > room.width() || m_image.height() > room.height()
        ? m_image.size().scaled(room - QSize(40, 120), Qt::KeepAspectRatio)
        : m_image.size();
    m_photoLabel->setPixmap(QPixmap::fromImage(
        fitted == m_image.size() ? m_image : m_image.scaled(fitted, Qt::KeepAspectRatio, Qt::SmoothTransformation)));
    m_captionLabel->setText(tr("Taken %1 by %2 at %3 · %4 × %5 pixels")
                                .arg(SupervisorText::time(photo.takenAt), photo.user, photo.station)
                                .arg(m_image.width())
                                .arg(m_image.height()));
    resize(fitted + QSize(40, 120));
}

void PhotoViewerDialog::showProblem(const QString& message)
{
    m_image = QImage();
    m_photoLabel->setPixmap(QPixmap());
    m_photoLabel->setText(message);
    m_photoLabel->setWordWrap(true);
    m_captionLabel->clear();
    resize(480, 240);
}

} // namespace Dockside
