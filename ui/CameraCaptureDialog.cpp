#include "CameraCaptureDialog.h"

#include "ui_CameraCaptureDialog.h"
#include "util/Clock.h"

#include <QDir>
#include <QIcon>
#include <QImage>
#include <QListWidgetItem>
#include <QMessageBox>
#include <QPixmap>
#include <QPushButton>
#include <QShortcut>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {
constexpr int kDefaultCaptureTimeoutMs = 10'000;
constexpr int kPathRole = Qt::UserRole;
} // namespace

CameraCaptureDialog::CameraCaptureDialog(
    PhotoSource* source, const PhotoStore& store, const QString& subject, const Clock* clock, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::CameraCaptureDialog>())
    , m_source(source)
    , m_store(store)
    , m_subject(subject)
    , m_clock(clock)
    , m_captureTimer(new QTimer(this))
{
    m_ui->setupUi(this);
    setObjectName(u"cameraCaptureDialog"_s);
    m_captureTimer->setSingleShot(true);
    m_captureTimer->setInterval(kDefaultCaptureTimeoutMs);
    connect(m_captureTimer, &QTimer::timeout, this, &CameraCaptureDialog::captureTimedOut);

    connect(m_ui->takePhotoPushButton, &QPushButton::clicked, this, &CameraCaptureDialog::takePhoto);
    connect(m_ui->removePhotoPushButton, &QPushButton::clicked, this, &CameraCaptureDialog::removeSelectedPhoto);
    connect(m_ui->usePhotosPushButton, &QPushButton::clicked, this, &CameraCaptureDialog::usePhotos);
    connect(m_ui->cancelPushButton, &QPushButton::clicked, this, &CameraCaptureDialog::reject);
    connect(m_ui->retryPushButton, &QPushButton::clicked, this, [this] { startCamera(m_camera); });
    connect(m_ui->cameraComboBox, &QComboBox::activated, this,
        [this](int index) { startCamera(m_ui->cameraComboBox->itemData(index).toByteArray()); });
    connect(m_ui->photosListWidget, &QListWidget::currentRowChanged, this, &CameraCaptureDialog::updateState);

    // The receiver's hands are on the item: the biggest keys take the photo.
    const auto add = [this](const QKeySequence& keys, void (CameraCaptureDialog::*slot)()) {
        auto* shortcut = new QShortcut(keys, this);
        connect(shortcut, &QShortcut::activated, this, slot);
    };
    add(QKeySequence(Qt::Key_Space), &CameraCaptureDialog::takePhoto);
    add(QKeySequence(Qt::Key_Return), &CameraCaptureDialog::takePhoto);
    add(QKeySequence(Qt::Key_Enter), &CameraCaptureDialog::takePhoto);
    add(QKeySequence(Qt::CTRL | Qt::Key_Return), &CameraCaptureDialog::usePhotos);
    add(QKeySequence(Qt::CTRL | Qt::Key_Enter), &CameraCaptureDialog::usePhotos);
    add(QKeySequence(Qt::Key_Delete), &CameraCaptureDialog::removeSelectedPhoto);

    setTitle(tr("Photos"));
    if (m_source) {
        connect(m_source, &PhotoSource::camerasChanged, this, &CameraCaptureDialog::camerasChanged);
        connect(m_source, &PhotoSource::readyChanged, this, &CameraCaptureDialog::updateState);
        connect(m_source, &PhotoSource::imageCaptured, this, &CameraCaptureDialog::keepPhoto);
        connect(m_source, &PhotoSource::failed, this, &CameraCaptureDialog::sourceFailed);
        startCamera({});
    } else {
        m_waitingForCamera = true;
        showError(tr("No camera was found. Close this window and add a photo file instead."));
    }
    m_ui->takePhotoPushButton->setFocus();
    updateState();
}

CameraCaptureDialog::~CameraCaptureDialog()
{
    if (m_source) {
        m_source->disconnect(this);
        m_source->stop();
    }
}

void CameraCaptureDialog::setTitle(const QString& title)
{
    m_ui->titleLabel->setText(title);
}

void CameraCaptureDialog::setCaptureTimeout(int ms)
{
    m_captureTimer->setInterval(ms);
}

void CameraCaptureDialog::done(int result)
{
    // The camera's light goes off when the window closes, not when it is deleted later.
    m_captureTimer->stop();
    m_capturing = false;
    if (m_source) {
        m_source->disconnect(this);
        m_source->stop();
    }
    QDialog::done(result);
}

void CameraCaptureDialog::reject()
{
    if (m_paths.isEmpty()) {
        QDialog::reject();
        return;
    }
    if (m_discardQuestion)
        return;
    // Esc is easy to hit: photos already taken are not thrown away without asking.
    auto* box = new QMessageBox(QMessageBox::Question, tr("Photos taken"),
        m_paths.size() == 1 ? tr("1 photo taken here. Use it, or throw it away?")
                            : tr("%1 photos taken here. Use them, or throw them away?").arg(m_paths.size()),
        QMessageBox::NoButton, this);
    box->setObjectName(u"discardPhotosMessageBox"_s);
    QPushButton* use = box->addButton(tr("Use them"), QMessageBox::AcceptRole);
    use->setObjectName(u"usePhotosAnywayPushButton"_s);
    QPushButton* discard = box->addButton(tr("Throw them away"), QMessageBox::DestructiveRole);
    discard->setObjectName(u"discardPhotosPushButton"_s);
    QPushButton* back = box->addButton(tr("Go back"), QMessageBox::RejectRole);
    back->setObjectName(u"backToCameraPushButton"_s);
    box->setDefaultButton(use);
    box->setEscapeButton(back);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, use, discard] {
        if (box->clickedButton() == use) {
            accept();
        } else if (box->clickedButton() == discard) {
            for (const QString& path : std::as_const(m_paths)) {
                if (const Status removed = m_store.discard(path); !removed)
                    qWarning("camera: %s", qPrintable(removed.error().toLogString()));
            }
            m_paths.clear();
            m_ui->photosListWidget->clear();
            QDialog::reject();
        }
    });
    m_discardQuestion = box;
    box->open();
}

void CameraCaptureDialog::startCamera(const QByteArray& id)
{
    if (!m_source)
        return;
    showError({});
    m_capturing = false;
    m_captureTimer->stop();
    m_camera = id;
    m_waitingForCamera = false;
    m_source->start(id, m_ui->viewfinderVideoWidget);
    if (!m_source->currentCamera().isEmpty())
        m_camera = m_source->currentCamera();
    m_waitingForCamera = !m_source->hasCamera();
    fillCameraList();
    updateState();
}

void CameraCaptureDialog::takePhoto()
{
    if (!m_source || !m_source->isReady() || m_capturing || m_discardQuestion)
        return;
    showError({});
    m_capturing = true;
    m_captureTimer->start();
    updateState();
    m_source->capture(); // a source may answer at once
}

void CameraCaptureDialog::keepPhoto(const QImage& image)
{
    m_capturing = false;
    m_captureTimer->stop();
    const QDateTime takenAt = m_clock ? m_clock->now() : QDateTime::currentDateTime();
    const Result<QString> saved = m_store.save(image, m_subject, takenAt);
    if (!saved) {
        qWarning("camera: photo not saved: %s", qPrintable(saved.error().toLogString()));
        showError(saveErrorText(saved.error()));
        updateState();
        return;
    }
    m_paths << *saved;
    const QSize iconSize = m_ui->photosListWidget->iconSize();
    auto* item = new QListWidgetItem(
        QIcon(QPixmap::fromImage(image.scaled(iconSize, Qt::KeepAspectRatio, Qt::SmoothTransformation))),
        tr("Photo %1").arg(m_paths.size()));
    item->setData(kPathRole, *saved);
    item->setToolTip(QDir::toNativeSeparators(*saved));
    m_ui->photosListWidget->addItem(item);
    m_ui->photosListWidget->setCurrentItem(item);
    m_ui->photosListWidget->scrollToItem(item);
    updateState();
}

void CameraCaptureDialog::removeSelectedPhoto()
{
    QListWidgetItem* item = m_ui->photosListWidget->currentItem();
    if (!item || m_discardQuestion)
        return;
    const QString path = item->data(kPathRole).toString();
    if (const Status removed = m_store.discard(path); !removed)
        qWarning("camera: %s", qPrintable(removed.error().toLogString()));
    m_paths.removeAll(path);
    delete item;
    updateState();
}

void CameraCaptureDialog::usePhotos()
{
    if (!m_paths.isEmpty() && !m_capturing && !m_discardQuestion)
        accept();
}

void CameraCaptureDialog::camerasChanged()
{
    if (!m_source)
        return;
    const QList<PhotoSource::Camera> cameras = m_source->cameras();
    const auto connected = [&cameras](const QByteArray& id) {
        return std::any_of(
            cameras.cbegin(), cameras.cend(), [&id](const PhotoSource::Camera& camera) { return camera.id == id; });
    };
    if (!m_waitingForCamera && !m_camera.isEmpty() && !connected(m_camera)) {
        // Unplugged while in use, perhaps in the middle of a photo.
        const bool wasCapturing = m_capturing;
        m_source->stop();
        m_capturing = false;
        m_captureTimer->stop();
        QString message = wasCapturing
            ? tr("The camera was unplugged while taking the photo; that photo was not taken.")
            : tr("The camera was unplugged.");
        if (cameras.isEmpty()) {
            m_waitingForCamera = true;
            message += u' ' + tr("Plug it back in to go on, or close this window and add a photo file instead.");
        } else {
            startCamera(cameras.constFirst().id);
            message += u' ' + tr("Now using %1.").arg(cameras.constFirst().name);
        }
        if (!m_paths.isEmpty())
            message += u' ' + tr("The photos taken so far are kept.");
        showError(message);
    } else if (m_waitingForCamera && !cameras.isEmpty()) {
        // Plugged (back) in: the one that was in use if it is back, otherwise the first.
        startCamera(connected(m_camera) ? m_camera : cameras.constFirst().id);
    }
    fillCameraList();
    updateState();
}

void CameraCaptureDialog::sourceFailed(const QString& message)
{
    m_capturing = false;
    m_captureTimer->stop();
    showError(message);
    updateState();
}

void CameraCaptureDialog::captureTimedOut()
{
    if (!m_capturing)
        return;
    m_capturing = false;
    showError(tr("The camera did not deliver the photo. Check that it is plugged in and not used by another "
                 "program, then take the photo again."));
    updateState();
}

void CameraCaptureDialog::fillCameraList()
{
    const QList<PhotoSource::Camera> cameras = m_source ? m_source->cameras() : QList<PhotoSource::Camera>();
    QComboBox* combo = m_ui->cameraComboBox;
    const QSignalBlocker blocker(combo);
    combo->clear();
    for (const PhotoSource::Camera& camera : cameras)
        combo->addItem(camera.name, camera.id);
    combo->setCurrentIndex(combo->findData(m_camera));
    // One camera needs no choosing.
    combo->setVisible(cameras.size() > 1);
    m_ui->cameraCaptionLabel->setVisible(cameras.size() > 1);
}

void CameraCaptureDialog::showError(const QString& message)
{
    m_ui->errorLabel->setText(message);
    m_ui->errorLabel->setVisible(!message.isEmpty());
}

void CameraCaptureDialog::updateState()
{
    const bool ready = m_source && m_source->isReady();
    const int taken = int(m_paths.size());
    const bool error = !m_ui->errorLabel->text().isEmpty();
    m_ui->takePhotoPushButton->setEnabled(ready && !m_capturing);
    m_ui->usePhotosPushButton->setEnabled(taken > 0 && !m_capturing);
    m_ui->removePhotoPushButton->setEnabled(m_ui->photosListWidget->currentItem() != nullptr);
    m_ui->retryPushButton->setVisible(error && !ready && !m_waitingForCamera && m_source && m_source->hasCamera());

    QString status;
    if (m_capturing)
        status = tr("Taking the photo… hold still.");
    else if (ready && taken == 0)
        status = tr("Point the camera at it and press Space to take a photo.");
    else if (ready)
        status = taken == 1 ? tr("1 photo taken. Space takes another, Ctrl+Enter uses it.")
                            : tr("%1 photos taken. Space takes another, Ctrl+Enter uses them.").arg(taken);
    else if (!error && !m_waitingForCamera)
        status = tr("Starting the camera…");
    else if (taken > 0)
        status = taken == 1 ? tr("1 photo taken so far.") : tr("%1 photos taken so far.").arg(taken);
    m_ui->statusLabel->setText(status);
}

QString CameraCaptureDialog::saveErrorText(const Error& error) const
{
    const QString folder = QDir::toNativeSeparators(m_store.rootDirectory());
    if (error.code == u"photo.disk_full"_s)
        return tr("The photo was not saved: the disk holding %1 is full. Free some space, then take the photo "
                  "again.")
            .arg(folder);
    if (error.code == u"photo.folder"_s)
        return tr("The photo was not saved: the folder %1 cannot be created. Check that its disk is connected and "
                  "that the station may write there, or close this window and add a photo file instead.")
            .arg(folder);
    if (error.code == u"photo.not_writable"_s)
        return tr("The photo was not saved: the station may not write to %1. Ask for write access to that folder, "
                  "or close this window and add a photo file instead.")
            .arg(folder);
    if (error.code == u"photo.empty"_s || error.code == u"photo.encode_failed"_s)
        return tr("The camera gave an unusable picture. Take the photo again.");
    return tr("The photo was not saved in %1. Take it again; if that fails too, close this window and add a photo "
              "file instead.")
        .arg(folder);
}

} // namespace Dockside
