#pragma once

#include <QDialog>
#include <QStringList>

#include <memory>

namespace Ui {
class UnknownPackageDialog;
}

namespace Dockside {

// A package whose scan matched no return: the raw scan (shown, never editable, kept exactly), a note and photo
// files for the exception queue. The dialog only collects; whoever opened it records on recordRequested() and
// closes it with accept() once stored, or leaves it open with showError() so nothing typed is lost.
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

    // The scan with its control characters (GS, RS, ...) made visible, e.g. "420…<GS>9400…".
    static QString visibleScan(const QString& raw);

Q_SIGNALS:
    void recordRequested();

private:
    void choosePhotos();

    std::unique_ptr<Ui::UnknownPackageDialog> m_ui;
    QString m_rawScan;
};

} // namespace Dockside
