#include "Builders.h"
#include "CameraCaptureDialog.h"
#include "ExpectedItemsModel.h"
#include "FakeClock.h"
#include "FakePhotoSource.h"
#include "PhotoStore.h"
#include "ReceivePage.h"
#include "TempDatabase.h"
#include "UnknownPackageDialog.h"
#include "storage/MerchantRepository.h"
#include "storage/PhotoRepository.h"
#include "storage/ReceiptRepository.h"
#include "storage/ReturnRepository.h"
#include "storage/UnknownPackageRepository.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;
using namespace Dockside::Testing;

namespace {
const QString kToteBarcode = u"0123456789012"_s;
} // namespace

// Photos from the camera on the receive screen, for an item and for an unknown package, on a real database
// (both backends). The camera is a fake (this machine has none); one test looks at the real camera support
// as it finds this machine.
class TestReceivePagePhotos final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TempDatabase::addBackendRows(); }

    void init()
    {
        DOCKSIDE_OPEN_TEST_DATABASE(m_db);
        QVERIFY(m_photos.isValid());
        const Result<qint64> id = MerchantRepository(m_db->database()).insert(merchant(u"Acme Outfitters"_s));
        QVERIFY(id);
        m_merchantId = *id;
        m_page = std::make_unique<ReceivePage>();
        m_page->setSoundMuted(true);
        m_page->setStation(&m_db->database(), &m_clock, m_identity);
        m_page->resize(1280, 800);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
        m_page->activateWindow();
        QTRY_VERIFY(scanField()->hasFocus());
    }

    void cleanup()
    {
        if (m_page)
            m_page->setStation(nullptr, &m_clock, m_identity);
        m_page.reset();
        m_db.reset();
    }

    void shouldOfferNoCameraOnAMachineWithoutOne()
    {
        // GIVEN the station's own camera support, on this machine
        if (m_page->photoSource()->hasCamera())
            QSKIP("This machine has a camera; the fake-camera tests cover the button being on");
        storeReturn(ReturnBuilder(m_merchantId, 41000007));

        // WHEN an item is scanned
        typeScan(u"#1042"_s);
        typeScan(kToteBarcode);

        // THEN photo files can be added, but "Take photo" is off and says why and what to do instead
        QVERIFY(button(u"addPhotoPushButton"_s)->isEnabled());
        QPushButton* take = button(u"takePhotoPushButton"_s);
        QVERIFY(take->isVisible());
        QVERIFY(!take->isEnabled());
        QVERIFY2(take->toolTip().contains(u"No camera was found"_s), qPrintable(take->toolTip()));
        QVERIFY(take->toolTip().contains(u"add a photo file instead"_s));

        // AND Ctrl+Shift+P says the same on the banner, opens nothing and leaves the focus in the scan field
        QTest::keyClick(scanField(), Qt::Key_P, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(!m_page->findChild<CameraCaptureDialog*>());
        QCOMPARE(banner()->property("cue").toString(), u"problem"_s);
        QVERIFY(banner()->text().contains(u"No camera was found"_s));
        QVERIFY(scanField()->hasFocus());
    }

    void shouldListTheCameraShortcutWithoutClashing()
    {
        const QList<std::pair<QString, QString>> help = m_page->shortcutHelp();
        QStringList keys;
        for (const auto& [key, what] : help)
            keys << key;
        QVERIFY(keys.contains(u"Ctrl+Shift+P"_s));
        QCOMPARE(QSet<QString>(keys.cbegin(), keys.cend()).size(), keys.size());
    }

    void shouldFollowACameraBeingPluggedInAndOut()
    {
        // GIVEN no camera, and an item scanned
        auto* camera = useFakeCamera({});
        storeReturn(ReturnBuilder(m_merchantId, 41000007));
        typeScan(u"#1042"_s);
        typeScan(kToteBarcode);
        QPushButton* take = button(u"takePhotoPushButton"_s);
        QVERIFY(!take->isEnabled());
        QVERIFY(take->toolTip().contains(u"No camera was found"_s));

        // WHEN a camera is plugged in
        camera->setCameras({ FakePhotoSource::camera(u"Bench camera"_s) });

        // THEN the button is on, with its shortcut
        QVERIFY(take->isEnabled());
        QVERIFY2(take->toolTip().contains(u"Ctrl+Shift+P"_s), qPrintable(take->toolTip()));

        // WHEN it is unplugged again
        camera->setCameras({});

        // THEN the button is off again
        QVERIFY(!take->isEnabled());
        QVERIFY(take->toolTip().contains(u"No camera was found"_s));
    }

    void shouldAddTakenPhotosToTheSelectedItemAndTheReceipt()
    {
        // GIVEN a bench camera and a return with its tote scanned and graded
        auto* camera = useFakeCamera({ FakePhotoSource::camera(u"Bench camera"_s) });
        const qint64 returnId = storeReturn(ReturnBuilder(m_merchantId, 41000007).labelStatus(u"delivered"_s));
        QSignalSpy submitted(m_page.get(), &ReceivePage::receiptSubmitted);
        typeScan(u"#1042"_s);
        typeScan(kToteBarcode);
        QTest::keyClick(scanField(), Qt::Key_1, Qt::ControlModifier);
        QCOMPARE(label(u"photosLabel"_s)->text(), u"0 photos"_s);

        // WHEN Ctrl+Shift+P opens the camera, two photos are taken and used
        QTest::keyClick(scanField(), Qt::Key_P, Qt::ControlModifier | Qt::ShiftModifier);
        CameraCaptureDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = m_page->findChild<CameraCaptureDialog*>()) && dialog->isVisible());
        QVERIFY(dialog->findChild<QLabel*>(u"titleLabel"_s)->text().contains(u"Canvas Tote - Olive"_s));
        QTRY_VERIFY(dialog->isActiveWindow());
        QTest::keyClick(dialog, Qt::Key_Space);
        QTest::keyClick(dialog, Qt::Key_Space);
        const QStringList taken = dialog->photoPaths();
        QCOMPARE(taken.size(), 2);
        QTest::keyClick(dialog, Qt::Key_Return, Qt::ControlModifier);

        // THEN the item has them, stored in the database byte for byte, the files are in the photo folder, the camera
        // is let go, and the scan field has the focus back
        QTRY_VERIFY(!m_page->findChild<CameraCaptureDialog*>());
        QCOMPARE(label(u"photosLabel"_s)->text(), u"2 photos"_s);
        const QStringList references = storedReferencesOf(taken);
        QCOMPARE(references.size(), 2);
        QCOMPARE(label(u"photosLabel"_s)->toolTip(), references.join(u'\n'));
        QVERIFY(cell(0, ExpectedItemsModel::NotesColumn).contains(u"2 photos"_s));
        for (const QString& path : taken) {
            QVERIFY(path.startsWith(m_photos.path() + u'/'));
            QVERIFY(QFileInfo(path).fileName().startsWith(u"return-41000007-item-55500101_"_s));
            QVERIFY(QFileInfo(path).isFile());
        }
        QVERIFY(banner()->text().contains(u"2 photos added"_s));
        QVERIFY(camera->currentCamera().isEmpty());
        QTRY_VERIFY(scanField()->hasFocus());

        // WHEN the return is submitted
        QTest::keyClick(scanField(), Qt::Key_Return, Qt::ControlModifier);
        QTest::keyClick(scanField(), Qt::Key_Return, Qt::ControlModifier);

        // THEN the receipt's line keeps both photos
        QCOMPARE(submitted.count(), 1);
        QCOMPARE(submitted.first().at(0).toLongLong(), returnId);
        const auto receipt = ReceiptRepository(m_db->database()).find(submitted.first().at(1).toLongLong());
        QVERIFY(receipt && receipt->has_value());
        QCOMPARE((*receipt)->lines.size(), 1);
        QCOMPARE((*receipt)->lines.first().photoRefs, references);
    }

    void shouldStoreAChosenPhotoFileInTheDatabaseScaledDown()
    {
        // GIVEN a return with its tote scanned, and a photo file larger than 2560 px on its long side
        const qint64 returnId = storeReturn(ReturnBuilder(m_merchantId, 41000007).labelStatus(u"delivered"_s));
        QSignalSpy submitted(m_page.get(), &ReceivePage::receiptSubmitted);
        const QString photo = m_photos.filePath(u"tote-from-phone.png"_s);
        QVERIFY(samplePicture(QSize(4000, 3000)).save(photo));
        typeScan(u"#1042"_s);
        typeScan(kToteBarcode);
        QTest::keyClick(scanField(), Qt::Key_1, Qt::ControlModifier);

        // WHEN the file is chosen with Ctrl+P
        chooseFiles({ photo });

        // THEN the item has one photo, a reference to the database where it is a JPEG of 2560 x 1920
        QCOMPARE(label(u"photosLabel"_s)->text(), u"1 photo"_s);
        const QString reference = label(u"photosLabel"_s)->toolTip();
        const std::optional<qint64> id = PhotoRepository::idFromReference(reference);
        QVERIFY2(id, qPrintable(reference));
        const auto stored = PhotoRepository(m_db->database()).read(*id);
        QVERIFY(stored && stored->has_value());
        QCOMPARE((*stored)->contentType, u"image/jpeg"_s);
        QCOMPARE((*stored)->station, m_identity.stationName);
        QCOMPARE((*stored)->user, m_identity.userName);
        QCOMPARE((*stored)->takenAt, m_clock.now());
        const QImage decoded = QImage::fromData((*stored)->bytes, "JPEG");
        QCOMPARE(decoded.size(), QSize(2560, 1920));
        QCOMPARE(QSize((*stored)->width, (*stored)->height), QSize(2560, 1920));
        QCOMPARE(banner()->property("cue").toString(), u"notice"_s);
        QVERIFY(banner()->text().contains(u"Photo added"_s));

        // WHEN the same file is chosen again
        chooseFiles({ photo });

        // THEN it refers to the same stored photo: the database holds it once
        QCOMPARE(label(u"photosLabel"_s)->text(), u"2 photos"_s);
        QCOMPARE(label(u"photosLabel"_s)->toolTip(), reference + u'\n' + reference);
        QCOMPARE(photoRows(), qint64(1));

        // WHEN the return is submitted, THEN the receipt's line points at the photo in the database
        QTest::keyClick(scanField(), Qt::Key_Return, Qt::ControlModifier);
        QTest::keyClick(scanField(), Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(submitted.count(), 1);
        QCOMPARE(submitted.first().at(0).toLongLong(), returnId);
        const auto receipt = ReceiptRepository(m_db->database()).find(submitted.first().at(1).toLongLong());
        QVERIFY(receipt && receipt->has_value());
        QCOMPARE((*receipt)->lines.first().photoRefs, QStringList({ reference, reference }));
    }

    void shouldRefuseAFileThatIsNoPictureAndSaySo()
    {
        // GIVEN an item scanned, a photo and a text file named like a photo
        storeReturn(ReturnBuilder(m_merchantId, 41000007));
        const QString photo = m_photos.filePath(u"tote.jpg"_s);
        QVERIFY(samplePicture(QSize(640, 480)).save(photo, "JPEG"));
        const QString notPhoto = m_photos.filePath(u"notes.jpg"_s);
        {
            QFile file(notPhoto);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("not a picture at all");
        }
        typeScan(u"#1042"_s);
        typeScan(kToteBarcode);

        // WHEN both are chosen
        chooseFiles({ photo, notPhoto });

        // THEN the photo is added from the database and the other is not, and the banner says which and what to do
        QCOMPARE(label(u"photosLabel"_s)->text(), u"1 photo"_s);
        QVERIFY(PhotoRepository::idFromReference(label(u"photosLabel"_s)->toolTip()));
        QCOMPARE(banner()->property("cue").toString(), u"problem"_s);
        QVERIFY2(banner()->text().contains(u"notes.jpg is not a picture"_s), qPrintable(banner()->text()));
        QVERIFY(banner()->text().contains(u"Choose a photo file"_s));
        QVERIFY(banner()->text().contains(u"Photo added"_s));
        QCOMPARE(photoRows(), qint64(1));
    }

    void shouldAddNothingWhenTheCameraWindowIsCancelled()
    {
        // GIVEN a bench camera and an item scanned
        useFakeCamera({ FakePhotoSource::camera(u"Bench camera"_s) });
        storeReturn(ReturnBuilder(m_merchantId, 41000007));
        typeScan(u"#1042"_s);
        typeScan(kToteBarcode);

        // WHEN the camera window is opened with the button and closed with Esc before any photo
        QTest::mouseClick(button(u"takePhotoPushButton"_s), Qt::LeftButton);
        CameraCaptureDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = m_page->findChild<CameraCaptureDialog*>()) && dialog->isVisible());
        QTRY_VERIFY(dialog->isActiveWindow());
        QTest::keyClick(dialog, Qt::Key_Escape);

        // THEN the item has no photo and the scan field has the focus back
        QTRY_VERIFY(!m_page->findChild<CameraCaptureDialog*>());
        QCOMPARE(label(u"photosLabel"_s)->text(), u"0 photos"_s);
        QTRY_VERIFY(scanField()->hasFocus());
    }

    void shouldAddTakenPhotosToAnUnknownPackage()
    {
        // GIVEN a bench camera, and a parcel whose label matches nothing
        useFakeCamera({ FakePhotoSource::camera(u"Bench camera"_s) });
        storeReturn(ReturnBuilder(m_merchantId, 41000007));
        const QString raw = u"9400111899223000099999"_s;
        typeScan(raw);
        UnknownPackageDialog* unknown = nullptr;
        QTRY_VERIFY((unknown = m_page->findChild<UnknownPackageDialog*>()) && unknown->isVisible());
        QPushButton* take = unknown->findChild<QPushButton*>(u"takePhotoPushButton"_s);
        QVERIFY(take->isEnabled());

        // WHEN a photo of the package is taken and used
        QTest::mouseClick(take, Qt::LeftButton);
        CameraCaptureDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = unknown->findChild<CameraCaptureDialog*>()) && dialog->isVisible());
        QTRY_VERIFY(dialog->isActiveWindow());
        QTest::keyClick(dialog, Qt::Key_Space);
        const QStringList taken = dialog->photoPaths();
        QCOMPARE(taken.size(), 1);
        QVERIFY(QFileInfo(taken.first()).fileName().startsWith(u"unknown-9400111899223000099999_"_s));
        QTest::keyClick(dialog, Qt::Key_Return, Qt::ControlModifier);
        QTRY_VERIFY(!unknown->findChild<CameraCaptureDialog*>());

        // THEN the form lists it, and recording stores it in the database and keeps its reference with the package
        // in the exception queue
        QCOMPARE(unknown->photoPaths(), taken);
        QTest::mouseClick(unknown->findChild<QPushButton*>(u"recordPushButton"_s), Qt::LeftButton);
        const auto packages = UnknownPackageRepository(m_db->database()).list(std::nullopt);
        QVERIFY(packages);
        QCOMPARE(packages->size(), 1);
        QCOMPARE(packages->constFirst().photoRefs, storedReferencesOf(taken));
        QTRY_VERIFY(scanField()->hasFocus());
    }

    void shouldOfferNoCameraForAnUnknownPackageWithoutOne()
    {
        // GIVEN no camera
        useFakeCamera({});

        // WHEN a parcel whose label matches nothing is scanned
        typeScan(u"9400111899223000099999"_s);

        // THEN the form's "Take photo" is off and says to add a photo file instead
        UnknownPackageDialog* unknown = nullptr;
        QTRY_VERIFY((unknown = m_page->findChild<UnknownPackageDialog*>()) && unknown->isVisible());
        QPushButton* take = unknown->findChild<QPushButton*>(u"takePhotoPushButton"_s);
        QVERIFY(!take->isEnabled());
        QVERIFY(take->toolTip().contains(u"add a photo file instead"_s));
        QVERIFY(unknown->findChild<QPushButton*>(u"addPhotoPushButton"_s)->isEnabled());
    }

private:
    // The references of `files` as stored in the database, checked byte for byte (the camera's JPEGs are small
    // enough to be kept as they are); empty when one is not there.
    QStringList storedReferencesOf(const QStringList& files)
    {
        QStringList references;
        for (const QString& path : files) {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                return {};
            const QByteArray bytes = file.readAll();
            Result<QSqlDatabase> connection = m_db->database().connection();
            QSqlQuery query(*connection);
            query.prepare(u"SELECT \"id\" FROM \"photos\" WHERE \"sha256\" = ?"_s);
            query.addBindValue(PhotoRepository::sha256Hex(bytes));
            if (!query.exec() || !query.next())
                return {};
            const qint64 id = query.value(0).toLongLong();
            const auto stored = PhotoRepository(m_db->database()).read(id);
            if (!stored || !stored->has_value() || (*stored)->bytes != bytes)
                return {};
            references << PhotoRepository::reference(id);
        }
        return references;
    }

    qint64 photoRows()
    {
        Result<QSqlDatabase> connection = m_db->database().connection();
        QSqlQuery query(*connection);
        if (!query.exec(u"SELECT COUNT(*) FROM \"photos\""_s) || !query.next())
            return -1;
        return query.value(0).toLongLong();
    }

    static QImage samplePicture(const QSize& size)
    {
        QImage image(size, QImage::Format_RGB32);
        image.fill(QColor(u"#6b8e23"_s));
        QPainter painter(&image);
        painter.fillRect(QRect(QPoint(size.width() / 4, size.height() / 4), size / 2), QColor(u"#f5deb3"_s));
        return image;
    }

    void chooseFiles(const QStringList& paths)
    {
        QTest::keyClick(scanField(), Qt::Key_P, Qt::ControlModifier);
        QFileDialog* files = nullptr;
        QTRY_VERIFY((files = m_page->findChild<QFileDialog*>(u"itemPhotoFileDialog"_s)) && files->isVisible());
        Q_EMIT files->filesSelected(paths);
        static_cast<QDialog*>(files)->reject();
        QTRY_VERIFY(!m_page->findChild<QFileDialog*>(u"itemPhotoFileDialog"_s));
        QTRY_VERIFY(scanField()->hasFocus());
    }

    FakePhotoSource* useFakeCamera(const QList<PhotoSource::Camera>& cameras)
    {
        auto* source = new FakePhotoSource(cameras);
        m_page->setPhotoCapture(source, PhotoStore(m_photos.path()));
        return source;
    }

    QLineEdit* scanField() const { return m_page->findChild<QLineEdit*>(u"scanLineEdit"_s); }
    QLabel* banner() const { return m_page->findChild<QLabel*>(u"feedbackLabel"_s); }
    QLabel* label(const QString& name) const { return m_page->findChild<QLabel*>(name); }
    QPushButton* button(const QString& name) const { return m_page->findChild<QPushButton*>(name); }
    QString cell(int row, int column) const
    {
        const QAbstractItemModel* model = m_page->findChild<QTableView*>(u"expectedItemsTableView"_s)->model();
        return model->index(row, column).data().toString();
    }

    void typeScan(const QString& scan)
    {
        QLineEdit* field = scanField();
        QTRY_VERIFY(field->hasFocus());
        QTest::keyClicks(field, scan);
        QTest::keyClick(field, Qt::Key_Return);
    }

    qint64 storeReturn(const Return& value)
    {
        ReturnRepository returns(m_db->database());
        const Result<UpsertOutcome> stored = returns.upsert(value, m_clock.now());
        if (!stored)
            qFatal("cannot store return: %s", qPrintable(stored.error().toLogString()));
        return (*returns.findByLoopId(value.merchantId, value.loopId))->id;
    }

    std::unique_ptr<TempDatabase> m_db;
    QTemporaryDir m_photos;
    FakeClock m_clock;
    StationIdentity m_identity { u"dock-1"_s, u"ana@example.test"_s, StationIdentity::Role::Receiver };
    qint64 m_merchantId = 0;
    std::unique_ptr<ReceivePage> m_page;
};

QTEST_MAIN(TestReceivePagePhotos)
#include "TestReceivePagePhotos.moc"
