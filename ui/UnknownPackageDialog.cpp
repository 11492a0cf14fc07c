#include "UnknownPackageDialog.h"

#include "CameraCaptureDialog.h"
#include "PhotoSource.h"
#include "ui_UnknownPackageDialog.h"

#include <QFileDialog>
#include <QShortcut>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace Dockside {

UnknownPackageDialog::UnknownPackageDialog(QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::UnknownPackageDialog>())
{
    m_ui->setupUi(this);
    setObjectName(u"unknownPackageDialog"_s);
    connect(m_ui->recordPushButton, &QPushButton::clicked, this, &UnknownPackageDialog::recordRequested);
    connect(m_ui->cancelPushButton, &QPushButton::clicked, this, &UnknownPackageDialog::reject);
    connect(m_ui->addPhotoPushButton, &QPushButton::clicked, this, &UnknownPackageDialog::choosePhotos);
    connect(m_ui->takePhotoPushButton, &QPushButton::clicked, this, &UnknownPackageDialog::takePhotos);
    auto* takePhoto = new QShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), this);
    connect(takePhoto, &QShortcut::activated, this, &UnknownPackageDialog::takePhotos);
    updateTakePhotoButton();
    connect(m_ui->removePhotoPushButton, &QPushButton::clicked, this, [this] {
        delete m_ui->photosListWidget->currentItem();
        m_ui->removePhotoPushButton->setEnabled(m_ui->photosListWidget->count() > 0);
    });
    m_ui->removePhotoPushButton->setEnabled(false);
    for (const QKeySequence& keys :
        { QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter) }) {
        auto* record = new QShortcut(keys, this);
        connect(record, &QShortcut::activated, this, &UnknownPackageDialog::recordRequested);
    }
    m_ui->notePlainTextEdit->setFocus();
}

UnknownPackageDialog::~UnknownPackageDialog() = default;

QString UnknownPackageDialog::visibleScan(const QString& raw)
{
    QString shown;
    for (const QChar c : raw) {
        if (c == QChar(0x1D))
            shown += u"<GS>"_s;
        else if (c == QChar(0x1E))
            shown += u"<RS>"_s;
        else if (c == QChar(0x04))
            shown += u"<EOT>"_s;
        else if (!c.isPrint())
            shown += u"<%1>"_s.arg(c.unicode(), 2, 16, QChar(u'0'));
        else
            shown += c;
    }
    return shown;
}

void UnknownPackageDialog::setRawScan(const QString& raw)
{
    m_rawScan = raw;
    m_ui->rawScanLineEdit->setText(visibleScan(raw));
    m_ui->rawScanLineEdit->setCursorPosition(0);
}

QString UnknownPackageDialog::note() const
{
    return m_ui->notePlainTextEdit->toPlainText().trimmed();
}

QStringList UnknownPackageDialog::photoPaths() const
{
    QStringList paths;
    for (int row = 0; row < m_ui->photosListWidget->count(); ++row)
        paths << m_ui->photosListWidget->item(row)->text();
    return paths;
}

void UnknownPackageDialog::addPhotos(const QStringList& paths)
{
    for (const QString& path : paths) {
        if (!path.trimmed().isEmpty() && !photoPaths().contains(path))
            m_ui->photosListWidget->addItem(path);
    }
    m_ui->removePhotoPushButton->setEnabled(m_ui->photosListWidget->count() > 0);
}

void UnknownPackageDialog::showError(const QString& message)
{
    m_ui->errorLabel->setText(message);
    m_ui->errorLabel->setVisible(!message.isEmpty());
}

void UnknownPackageDialog::setPhotoCapture(PhotoSource* source, const PhotoStore& store, const Clock* clock)
{
    if (m_photoSource)
        m_photoSource->disconnect(this);
    m_photoSource = source;
    m_photoStore = store;
    m_clock = clock;
    if (m_photoSource)
        connect(m_photoSource, &PhotoSource::camerasChanged, this, &UnknownPackageDialog::updateTakePhotoButton);
    updateTakePhotoButton();
}

void UnknownPackageDialog::updateTakePhotoButton()
{
    const bool camera = m_photoSource && m_photoSource->hasCamera();
    m_ui->takePhotoPushButton->setEnabled(camera);
    m_ui->takePhotoPushButton->setToolTip(camera
            ? tr("Take photos of the package with the camera (Ctrl+Shift+P)")
            : tr("No camera was found. Connect one, or add a photo file instead."));
}

void UnknownPackageDialog::takePhotos()
{
    if (!m_photoSource || !m_photoSource->hasCamera()) {
        showError(tr("No camera was found. Connect one, or add a photo file instead."));
        return;
    }
    // The tracking number ends a carrier's barcode (after the last GS): the files say which parcel they show.
    const QString tracking = PhotoStore::safeSubject(m_rawScan).split(u'-').constLast().right(30);
    auto* dialog = new CameraCaptureDialog(m_photoSource, m_photoStore, u"unknown-"_s + tracking, m_clock, this);
    dialog->setTitle(tr("Photos of the unknown package"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { addPhotos(dialog->photoPaths()); });
    connect(dialog, &QDialog::finished, this, [this] { m_ui->notePlainTextEdit->setFocus(); });
    dialog->open();
}

void UnknownPackageDialog::choosePhotos()
{
    auto* dialog = new QFileDialog(this, tr("Photos of the package"),
        QStandardPaths::writableLocation(QStandardPaths::PicturesLocation),
        tr("Images (*.jpg *.jpeg *.png *.heic *.webp);;All files (*)"));
    dialog->setObjectName(u"unknownPhotoFileDialog"_s);
    dialog->setFileMode(QFileDialog::ExistingFiles);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::filesSelected, this, &UnknownPackageDialog::addPhotos);
    dialog->open();
}

} // namespace Dockside
