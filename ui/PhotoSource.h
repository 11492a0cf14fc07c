#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

class QImage;
class QVideoWidget;

namespace Dockside {

// Where taken photos come from: the station's cameras (CameraPhotoSource) or, in tests, a fake that hands out
// prepared pictures. One source serves one capture window at a time; the receive screen keeps it to know
// whether a camera is there at all.
class PhotoSource : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PhotoSource)

public:
    struct Camera
    {
        QByteArray id;
        QString name; // as the system describes it, e.g. "Logitech C920"
    };

    using QObject::QObject;
    ~PhotoSource() override;

    virtual QList<Camera> cameras() const = 0;
    bool hasCamera() const { return !cameras().isEmpty(); }

    // Starts the camera `id` (empty: the system's default) with its live picture in `viewfinder` (may be null).
    // readyChanged(true) follows once a photo can be taken, failed() if the camera cannot start.
    virtual void start(const QByteArray& id, QVideoWidget* viewfinder) = 0;
    virtual void stop() = 0;
    // The camera started last; empty when stopped.
    virtual QByteArray currentCamera() const = 0;
    virtual bool isReady() const = 0;
    // Takes one picture: imageCaptured() with it, or failed().
    virtual void capture() = 0;

Q_SIGNALS:
    // A camera was plugged in or unplugged.
    void camerasChanged();
    void readyChanged(bool ready);
    void imageCaptured(const QImage& image);
    // Translated, for the person at the bench: what happened and what to do.
    void failed(const QString& message);
};

} // namespace Dockside
