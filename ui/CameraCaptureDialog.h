#pragma once

#include "PhotoSource.h"
#include "PhotoStore.h"

#include <QDialog>
#include <QPointer>
#include <QStringList>

#include <memory>

class QImage;
class QMessageBox;
class QTimer;

namespace Ui {
class CameraCaptureDialog;
}

namespace Dockside {

class Clock;

// Photos from the bench camera: the live picture, a camera chooser when several are connected, a big "Take
// photo" (Space or Enter), the photos taken so far as thumbnails (Delete throws the selected one away), then
// "Use photos" (Ctrl+Enter) or Cancel (Esc; asks before throwing taken photos away). Each photo is saved by the
// PhotoStore the moment it is taken, so a crash loses nothing; photoPaths() gives the files after accept().
// The pictures come from a PhotoSource (the station's cameras, or a fake in tests); the dialog stops it when
// it closes.
class CameraCaptureDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CameraCaptureDialog)

public:
    // `subject` names the files ("return-41000007-item-55500101"); `title` says what is photographed.
    // `clock` may be null (the system's time).
    CameraCaptureDialog(PhotoSource* source, const PhotoStore& store, const QString& subject, const Clock* clock,
        QWidget* parent = nullptr);
    ~CameraCaptureDialog() override;

    void setTitle(const QString& title);
    QStringList photoPaths() const { return m_paths; }
    // How long a photo may take before the camera counts as gone (default 10 s).
    void setCaptureTimeout(int ms);

    void done(int result) override;
    void reject() override;

private:
    void startCamera(const QByteArray& id);
    void takePhoto();
    void keepPhoto(const QImage& image);
    void removeSelectedPhoto();
    void usePhotos();
    void camerasChanged();
    void sourceFailed(const QString& message);
    void captureTimedOut();
    void fillCameraList();
    void showError(const QString& message);
    void updateState();
    QString saveErrorText(const Error& error) const;

    std::unique_ptr<Ui::CameraCaptureDialog> m_ui;
    QPointer<PhotoSource> m_source;
    PhotoStore m_store;
    QString m_subject;
    const Clock* m_clock = nullptr;
    QStringList m_paths;
    QByteArray m_camera; // the camera asked for; kept while it is unplugged, to take it back when it returns
    bool m_waitingForCamera = false; // none connected: the first one plugged in is started
    bool m_capturing = false;
    QTimer* m_captureTimer = nullptr;
    QPointer<QMessageBox> m_discardQuestion;
};

} // namespace Dockside
