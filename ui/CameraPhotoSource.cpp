#include "CameraPhotoSource.h"

#include <QCamera>
#include <QCameraDevice>
#include <QImage>
#include <QImageCapture>
#include <QMediaCaptureSession>
#include <QMediaDevices>
#include <QVideoWidget>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Dockside {

CameraPhotoSource::CameraPhotoSource(QObject* parent)
    : PhotoSource(parent)
    , m_devices(new QMediaDevices(this))
{
    connect(m_devices, &QMediaDevices::videoInputsChanged, this, &PhotoSource::camerasChanged);
}

CameraPhotoSource::~CameraPhotoSource()
{
    stop();
}

QList<PhotoSource::Camera> CameraPhotoSource::cameras() const
{
    QList<Camera> found;
    for (const QCameraDevice& device : QMediaDevices::videoInputs())
        found << Camera { device.id(), device.description() };
    return found;
}

void CameraPhotoSource::start(const QByteArray& id, QVideoWidget* viewfinder)
{
    stop();
    QCameraDevice device = QMediaDevices::defaultVideoInput();
    if (!id.isEmpty()) {
        const QList<QCameraDevice> inputs = QMediaDevices::videoInputs();
        const auto match = std::find_if(
            inputs.cbegin(), inputs.cend(), [&id](const QCameraDevice& input) { return input.id() == id; });
        device = match == inputs.cend() ? QCameraDevice() : *match;
    }
    if (device.isNull()) {
        Q_EMIT failed(tr("No camera was found. Plug one in, or close this window and add a photo file instead."));
        return;
    }

    if (!m_session) {
        m_session = new QMediaCaptureSession(this);
        m_imageCapture = new QImageCapture(this);
        m_imageCapture->setFileFormat(QImageCapture::JPEG);
        m_session->setImageCapture(m_imageCapture);
        connect(m_imageCapture, &QImageCapture::readyForCaptureChanged, this, &CameraPhotoSource::setReady);
        connect(m_imageCapture, &QImageCapture::imageCaptured, this,
            [this](int, const QImage& image) { Q_EMIT imageCaptured(image); });
        connect(m_imageCapture, &QImageCapture::errorOccurred, this,
            [this](int, QImageCapture::Error error, const QString& detail) {
                qWarning("camera: capture failed: %s", qPrintable(detail));
                switch (error) {
                case QImageCapture::NoError:
                    return;
                case QImageCapture::NotReadyError:
                    Q_EMIT failed(tr("The camera is not ready yet. Wait a moment, then take the photo again."));
                    return;
                case QImageCapture::ResourceError:
                    Q_EMIT failed(tr("The camera stopped answering: it may have been unplugged or taken by another "
                                     "program. Check its cable, then press Retry."));
                    return;
                case QImageCapture::OutOfSpaceError:
                    Q_EMIT failed(tr("The disk is full. Free some space, then take the photo again."));
                    return;
                case QImageCapture::NotSupportedFeatureError:
                case QImageCapture::FormatError:
                    break;
                }
                Q_EMIT failed(tr("The camera could not take the photo (%1). Take it again.").arg(detail));
            });
    }

    m_camera = new QCamera(device, this);
    connect(m_camera, &QCamera::errorOccurred, this, [this](QCamera::Error error, const QString& detail) {
        if (error == QCamera::NoError)
            return;
        qWarning("camera: %s", qPrintable(detail));
        setReady(false);
        Q_EMIT failed(tr("The camera could not be started: another program may be using it, or it was unplugged. "
                         "Close the other program or check the cable, then press Retry."));
    });
    m_cameraId = device.id();
    m_session->setCamera(m_camera);
    m_session->setVideoOutput(viewfinder);
    m_camera->start();
    setReady(m_imageCapture->isReadyForCapture());
}

void CameraPhotoSource::stop()
{
    if (!m_camera)
        return;
    m_camera->disconnect(this);
    m_camera->stop();
    m_session->setCamera(nullptr);
    m_session->setVideoOutput(nullptr);
    delete m_camera;
    m_camera = nullptr;
    m_cameraId.clear();
    setReady(false);
}

void CameraPhotoSource::capture()
{
    if (!m_camera || !m_ready) {
        Q_EMIT failed(tr("The camera is not ready yet. Wait a moment, then take the photo again."));
        return;
    }
    // A refused capture reports itself through QImageCapture::errorOccurred.
    m_imageCapture->capture();
}

void CameraPhotoSource::setReady(bool ready)
{
    // QImageCapture says "ready" for a session whose camera is gone, too.
    ready = ready && m_camera;
    if (ready == m_ready)
        return;
    m_ready = ready;
    Q_EMIT readyChanged(ready);
}

} // namespace Dockside
