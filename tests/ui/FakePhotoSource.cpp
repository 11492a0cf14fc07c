#include "FakePhotoSource.h"

#include <QColor>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Dockside::Testing {

FakePhotoSource::FakePhotoSource(QList<Camera> cameras, QObject* parent)
    : PhotoSource(parent)
    , m_cameras(std::move(cameras))
{
}

PhotoSource::Camera FakePhotoSource::camera(const QString& name)
{
    return Camera { u"fake:"_s.append(name).toUtf8(), name };
}

void FakePhotoSource::start(const QByteArray& id, QVideoWidget* viewfinder)
{
    stop();
    QByteArray chosen = id;
    if (chosen.isEmpty() && !m_cameras.isEmpty())
        chosen = m_cameras.constFirst().id;
    const bool connected = std::any_of(
        m_cameras.cbegin(), m_cameras.cend(), [&chosen](const Camera& camera) { return camera.id == chosen; });
    if (!connected) {
        Q_EMIT failed(u"No camera was found."_s);
        return;
    }
    m_started << chosen;
    m_viewfinderGiven = viewfinder != nullptr;
    if (m_busy) {
        Q_EMIT failed(u"The camera is used by another program."_s);
        return;
    }
    m_current = chosen;
    setReady(true);
}

void FakePhotoSource::stop()
{
    m_current.clear();
    setReady(false);
}

void FakePhotoSource::capture()
{
    ++m_captures;
    if (!m_answering)
        return;
    QImage image;
    if (!m_images.isEmpty()) {
        image = m_images.takeFirst();
    } else {
        image = QImage(320, 240, QImage::Format_RGB32);
        image.fill(QColor::fromHsv((m_captures * 47) % 360, 200, 200));
    }
    Q_EMIT imageCaptured(image);
}

void FakePhotoSource::setCameras(const QList<Camera>& cameras)
{
    m_cameras = cameras;
    const bool inUse = std::any_of(
        m_cameras.cbegin(), m_cameras.cend(), [this](const Camera& camera) { return camera.id == m_current; });
    if (!m_current.isEmpty() && !inUse)
        stop();
    Q_EMIT camerasChanged();
}

void FakePhotoSource::setReady(bool ready)
{
    if (ready == m_ready)
        return;
    m_ready = ready;
    Q_EMIT readyChanged(ready);
}

} // namespace Dockside::Testing
