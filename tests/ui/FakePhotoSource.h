#pragma once

#include "PhotoSource.h"

#include <QImage>
#include <QList>

namespace Dockside::Testing {

// A camera without hardware: the test says which cameras are connected, whether one is busy, and which
// pictures the next photos show; capture() answers at once (or never, for a camera that hangs).
class FakePhotoSource final : public PhotoSource
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakePhotoSource)

public:
    explicit FakePhotoSource(QList<Camera> cameras = {}, QObject* parent = nullptr);

    QList<Camera> cameras() const override { return m_cameras; }
    void start(const QByteArray& id, QVideoWidget* viewfinder) override;
    void stop() override;
    QByteArray currentCamera() const override { return m_current; }
    bool isReady() const override { return m_ready; }
    void capture() override;

    // Plugging in and out: camerasChanged(), as QMediaDevices says it. The camera in use, unplugged, stops.
    void setCameras(const QList<Camera>& cameras);
    // A busy camera refuses to start, as one held by another program does.
    void setBusy(bool busy) { m_busy = busy; }
    // A camera that stops answering: capture() gives nothing.
    void setAnswering(bool answering) { m_answering = answering; }
    // The picture the next photo shows; without one, a plain picture of its own colour.
    void queueImage(const QImage& image) { m_images << image; }

    QList<QByteArray> started() const { return m_started; }
    int captures() const { return m_captures; }
    bool viewfinderGiven() const { return m_viewfinderGiven; }

    static Camera camera(const QString& name);

private:
    void setReady(bool ready);

    QList<Camera> m_cameras;
    QByteArray m_current;
    QList<QByteArray> m_started;
    QList<QImage> m_images;
    bool m_ready = false;
    bool m_busy = false;
    bool m_answering = true;
    bool m_viewfinderGiven = false;
    int m_captures = 0;
};

} // namespace Dockside::Testing
