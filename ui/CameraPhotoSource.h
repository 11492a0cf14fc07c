#pragma once

#include "PhotoSource.h"

class QCamera;
class QImageCapture;
class QMediaCaptureSession;
class QMediaDevices;

namespace Dockside {

// The station's cameras through Qt Multimedia: QMediaDevices lists them (and says when one is plugged in or
// out), a QCamera in a QMediaCaptureSession shows the live picture in a QVideoWidget, QImageCapture takes the
// photo as a QImage (saving it is PhotoStore's job). Nothing is opened until start().
class CameraPhotoSource final : public PhotoSource
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CameraPhotoSource)

public:
    explicit CameraPhotoSource(QObject* parent = nullptr);
    ~CameraPhotoSource() override;

    QList<Camera> cameras() const override;
    void start(const QByteArray& id, QVideoWidget* viewfinder) override;
    void stop() override;
    QByteArray currentCamera() const override { return m_cameraId; }
    bool isReady() const override { return m_ready; }
    void capture() override;

private:
    void setReady(bool ready);

    QMediaDevices* m_devices = nullptr;
    QMediaCaptureSession* m_session = nullptr; // made on the first start(): it loads the media backend
    QImageCapture* m_imageCapture = nullptr;
    QCamera* m_camera = nullptr;
    QByteArray m_cameraId;
    bool m_ready = false;
};

} // namespace Dockside
