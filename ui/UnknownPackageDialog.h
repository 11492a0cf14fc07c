#pragma once

#include "PhotoStore.h"

#include <QDialog>
#include <QPointer>
#include <QStringList>

#include <memory>

namespace Ui {
class UnknownPackageDialog;
}

namespace Dockside {

class Clock;
class PhotoSource;

// A package whose scan matched no return: the raw scan (shown, never editable, kept exactly), a note and photo
// files (or photos taken with the camera, where there is one) for the exception queue. The dialog only collects;
// whoever opened it records on recordRequested() and closes it with accept() once stored, or leaves it open with
// showError() so nothing typed is lost.
class UnknownPackageDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UnknownPackageDialog)

public:
    explicit UnknownPackageDialog(QWidget* parent = nullptr);
    ~UnknownPackageDialog() override;

    void setRawScan(const QString& raw);
    QString rawScan() const { return m_rawScan; }
    QString note() const;
    QStringList photoPaths() const;
    void addPhotos(const QStringList& paths);
    void showError(const QString& message);
    // Where "Take photo" gets its pictures and keeps them; without a source (or with no camera connected) the
    // button is off and says to add a photo file instead. `clock` may be null.
    void setPhotoCapture(PhotoSource* source, const PhotoStore& store, const Clock* clock);

    // The scan with its control characters (GS, RS, ...) made visible, e.g. "420…<GS>9400…".
    static QString visibleScan(const QString& raw);

Q_SIGNALS:
    void recordRequested();

private:
    void choosePhotos();
    void takePhotos();
    void updateTakePhotoButton();

    std::unique_ptr<Ui::UnknownPackageDialog> m_ui;
    QString m_rawScan;
    QPointer<PhotoSource> m_photoSource;
    PhotoStore m_photoStore;
    const Clock* m_clock = nullptr;
};

} // namespace Dockside
