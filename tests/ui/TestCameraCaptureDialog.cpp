#include "CameraCaptureDialog.h"
#include "FakeClock.h"
#include "FakePhotoSource.h"
#include "PhotoStore.h"

#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;
using namespace Dockside::Testing;

// The capture window with a fake camera: what a receiver sees and presses, and what lands on disk. The real
// camera path (QCamera, QImageCapture, the live picture) needs hardware and is not exercised here.
class TestCameraCaptureDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_temp.isValid());
        m_source = std::make_unique<FakePhotoSource>(
            QList<PhotoSource::Camera> { FakePhotoSource::camera(u"Bench camera"_s) });
    }

    void cleanup()
    {
        m_dialog.reset();
        m_source.reset();
    }

    void shouldSaveEachPhotoAsItIsTakenAndHandBackTheFiles()
    {
        // GIVEN the window open on the one bench camera
        open(u"return-41000007-item-55500101"_s);
        QVERIFY(m_source->isReady());
        QVERIFY(m_source->viewfinderGiven());
        QVERIFY(button(u"takePhotoPushButton"_s)->isEnabled());
        QVERIFY(!button(u"usePhotosPushButton"_s)->isEnabled());
        QVERIFY(!m_dialog->findChild<QComboBox*>(u"cameraComboBox"_s)->isVisible()); // one camera: nothing to choose

        // WHEN two photos are taken, with Space and with Enter
        QImage red(640, 480, QImage::Format_RGB32);
        red.fill(Qt::red);
        m_source->queueImage(red);
        QTest::keyClick(m_dialog.get(), Qt::Key_Space);
        m_clock.advance(2'000);
        QTest::keyClick(m_dialog.get(), Qt::Key_Return);

        // THEN both are on disk already, in the day's folder, named after the item, and shown as thumbnails
        QCOMPARE(m_source->captures(), 2);
        QCOMPARE(thumbnails()->count(), 2);
        const QString day = store().directoryFor(m_clock.now().toLocalTime().date());
        const QString first = day + u"/return-41000007-item-55500101_"_s
            + m_clock.now().addMSecs(-2'000).toLocalTime().toString(u"yyyyMMdd-HHmmss"_s) + u"_01.jpg"_s;
        QVERIFY2(QFileInfo(first).isFile(), qPrintable(first));
        QCOMPARE(QImageReader(first).size(), QSize(640, 480));
        QVERIFY(label(u"statusLabel"_s)->text().contains(u"2 photos taken"_s));
        QVERIFY(button(u"usePhotosPushButton"_s)->isEnabled());

        // WHEN Ctrl+Enter uses them
        QSignalSpy accepted(m_dialog.get(), &QDialog::accepted);
        QTest::keyClick(m_dialog.get(), Qt::Key_Return, Qt::ControlModifier);

        // THEN the window hands back both files, in the order taken, and lets the camera go
        QCOMPARE(accepted.count(), 1);
        const QStringList paths = m_dialog->photoPaths();
        QCOMPARE(paths.size(), 2);
        QCOMPARE(paths.first(), first);
        QVERIFY(QFileInfo(paths.last()).isFile());
        QVERIFY(paths.last().endsWith(u"_01.jpg"_s)); // two seconds later: a name of its own without a counter
        QVERIFY(m_source->currentCamera().isEmpty());
    }

    void shouldLetTheReceiverChooseAmongSeveralCameras()
    {
        // GIVEN two cameras connected
        m_source->setCameras({ FakePhotoSource::camera(u"Overhead"_s), FakePhotoSource::camera(u"Handheld"_s) });
        open(u"unknown"_s);
        auto* cameras = m_dialog->findChild<QComboBox*>(u"cameraComboBox"_s);
        QVERIFY(cameras->isVisible());
        QCOMPARE(cameras->count(), 2);
        QCOMPARE(cameras->currentText(), u"Overhead"_s);

        // WHEN the second is chosen
        cameras->setCurrentIndex(1);
        Q_EMIT cameras->activated(1);

        // THEN that one is started and takes the photos
        QCOMPARE(m_source->currentCamera(), FakePhotoSource::camera(u"Handheld"_s).id);
        QTest::keyClick(m_dialog.get(), Qt::Key_Space);
        QCOMPARE(thumbnails()->count(), 1);
    }

    void shouldSayWhatToDoWhenTheCameraIsBusy()
    {
        // GIVEN a camera another program holds
        m_source->setBusy(true);
        open(u"unknown"_s);

        // THEN the window says so, offers Retry, and takes no photo
        QLabel* error = label(u"errorLabel"_s);
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(u"another program"_s), qPrintable(error->text()));
        QVERIFY(!button(u"takePhotoPushButton"_s)->isEnabled());
        QVERIFY(button(u"retryPushButton"_s)->isVisible());
        QTest::keyClick(m_dialog.get(), Qt::Key_Space);
        QCOMPARE(m_source->captures(), 0);

        // WHEN the other program lets go and Retry is pressed
        m_source->setBusy(false);
        QTest::mouseClick(button(u"retryPushButton"_s), Qt::LeftButton);

        // THEN the camera works
        QVERIFY(!error->isVisible());
        QVERIFY(!button(u"retryPushButton"_s)->isVisible());
        QVERIFY(button(u"takePhotoPushButton"_s)->isEnabled());
        QTest::keyClick(m_dialog.get(), Qt::Key_Space);
        QCOMPARE(thumbnails()->count(), 1);
    }

    void shouldKeepTakenPhotosWhenTheCameraIsUnpluggedMidCapture()
    {
        // GIVEN one photo taken, and a second one under way when the cable comes out
        open(u"unknown"_s);
        QTest::keyClick(m_dialog.get(), Qt::Key_Space);
        QCOMPARE(thumbnails()->count(), 1);
        m_source->setAnswering(false);
        QTest::keyClick(m_dialog.get(), Qt::Key_Space);
        QVERIFY(!button(u"takePhotoPushButton"_s)->isEnabled()); // taking
        m_source->setCameras({});

        // THEN the window says what happened and what to do; the photo taken before is kept and usable
        QLabel* error = label(u"errorLabel"_s);
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(u"unplugged while taking the photo"_s), qPrintable(error->text()));
        QVERIFY(error->text().contains(u"Plug it back in"_s));
        QVERIFY(error->text().contains(u"kept"_s));
        QVERIFY(!button(u"takePhotoPushButton"_s)->isEnabled());
        QVERIFY(button(u"usePhotosPushButton"_s)->isEnabled());
        QVERIFY(QFileInfo(thumbnails()->item(0)->toolTip()).isFile());

        // WHEN it is plugged back in
        m_source->setAnswering(true);
        m_source->setCameras({ FakePhotoSource::camera(u"Bench camera"_s) });

        // THEN it starts again by itself and the next photo is taken
        QVERIFY(!error->isVisible());
        QVERIFY(button(u"takePhotoPushButton"_s)->isEnabled());
        QTest::keyClick(m_dialog.get(), Qt::Key_Space);
        QCOMPARE(thumbnails()->count(), 2);
        QCOMPARE(m_source->started().size(), 2);
    }

    void shouldSwitchToAnotherCameraWhenTheOneInUseIsUnplugged()
    {
        // GIVEN two cameras, the first in use
        m_source->setCameras({ FakePhotoSource::camera(u"Overhead"_s), FakePhotoSource::camera(u"Handheld"_s) });
        open(u"unknown"_s);

        // WHEN the first is unplugged
        m_source->setCameras({ FakePhotoSource::camera(u"Handheld"_s) });

        // THEN the other one takes over, and the window says so
        QCOMPARE(m_source->currentCamera(), FakePhotoSource::camera(u"Handheld"_s).id);
        QVERIFY(label(u"errorLabel"_s)->text().contains(u"Now using Handheld"_s));
        QVERIFY(button(u"takePhotoPushButton"_s)->isEnabled());
    }

    void shouldGiveUpOnACaptureTheCameraNeverDelivers()
    {
        // GIVEN a camera that stops answering
        open(u"unknown"_s);
        m_dialog->setCaptureTimeout(50);
        m_source->setAnswering(false);

        // WHEN a photo is taken
        QTest::keyClick(m_dialog.get(), Qt::Key_Space);

        // THEN after a while the window says so and the button works again
        QTRY_VERIFY(label(u"errorLabel"_s)->isVisible());
        QVERIFY(label(u"errorLabel"_s)->text().contains(u"did not deliver the photo"_s));
        QVERIFY(button(u"takePhotoPushButton"_s)->isEnabled());
        QCOMPARE(thumbnails()->count(), 0);
    }

    void shouldSaySoWhenThePhotoCannotBeSaved()
    {
        // GIVEN a photo folder that cannot be made (its place is taken by a file)
        const QString blocker = m_temp.filePath(u"blocked"_s);
        {
            QFile file(blocker);
            QVERIFY(file.open(QIODevice::WriteOnly));
        }
        open(u"unknown"_s, PhotoStore(blocker + u"/photos"_s));

        // WHEN a photo is taken
        QTest::keyClick(m_dialog.get(), Qt::Key_Space);

        // THEN the window says the photo was not saved, where, and what to do; nothing is offered for use
        QLabel* error = label(u"errorLabel"_s);
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(u"was not saved"_s), qPrintable(error->text()));
        QVERIFY(error->text().contains(u"add a photo file instead"_s));
        QCOMPARE(thumbnails()->count(), 0);
        QVERIFY(!button(u"usePhotosPushButton"_s)->isEnabled());
        QVERIFY(button(u"takePhotoPushButton"_s)->isEnabled()); // once fixed, try again
    }

    void shouldThrowAwayTheSelectedPhotoWithDelete()
    {
        // GIVEN two photos taken
        open(u"unknown"_s);
        QTest::keyClick(m_dialog.get(), Qt::Key_Space);
        QTest::keyClick(m_dialog.get(), Qt::Key_Space);
        const QString kept = thumbnails()->item(0)->toolTip();
        const QString blurred = thumbnails()->item(1)->toolTip();

        // WHEN the last one (selected) is thrown away
        QTest::keyClick(m_dialog.get(), Qt::Key_Delete);

        // THEN its file is gone and only the other is handed back
        QCOMPARE(thumbnails()->count(), 1);
        QVERIFY(!QFileInfo::exists(blurred));
        QTest::keyClick(m_dialog.get(), Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(m_dialog->photoPaths(), QStringList { kept });
    }

    void shouldAskBeforeThrowingTakenPhotosAway()
    {
        // GIVEN a photo taken
        open(u"unknown"_s);
        QTest::keyClick(m_dialog.get(), Qt::Key_Space);
        const QString path = thumbnails()->item(0)->toolTip();
        QSignalSpy rejected(m_dialog.get(), &QDialog::rejected);

        // WHEN Esc is pressed and the receiver goes back
        QTest::keyClick(m_dialog.get(), Qt::Key_Escape);
        QMessageBox* question = nullptr;
        QTRY_VERIFY(
            (question = m_dialog->findChild<QMessageBox*>(u"discardPhotosMessageBox"_s)) && question->isVisible());
        QTest::mouseClick(question->findChild<QPushButton*>(u"backToCameraPushButton"_s), Qt::LeftButton);

        // THEN nothing is lost and the window stays
        QCOMPARE(rejected.count(), 0);
        QVERIFY(m_dialog->isVisible());
        QVERIFY(QFileInfo::exists(path));

        // WHEN Esc again, and "Throw them away"
        QTRY_VERIFY(!m_dialog->findChild<QMessageBox*>(u"discardPhotosMessageBox"_s));
        QTest::keyClick(m_dialog.get(), Qt::Key_Escape);
        QTRY_VERIFY(
            (question = m_dialog->findChild<QMessageBox*>(u"discardPhotosMessageBox"_s)) && question->isVisible());
        QTest::mouseClick(question->findChild<QPushButton*>(u"discardPhotosPushButton"_s), Qt::LeftButton);

        // THEN the window closes with no photos, and the file is deleted
        QTRY_COMPARE(rejected.count(), 1);
        QVERIFY(m_dialog->photoPaths().isEmpty());
        QVERIFY(!QFileInfo::exists(path));
        QVERIFY(m_source->currentCamera().isEmpty());
    }

private:
    PhotoStore store() const { return PhotoStore(m_temp.filePath(u"photos"_s)); }

    void open(const QString& subject, const std::optional<PhotoStore>& photoStore = std::nullopt)
    {
        m_dialog
            = std::make_unique<CameraCaptureDialog>(m_source.get(), photoStore.value_or(store()), subject, &m_clock);
        m_dialog->show();
        if (!QTest::qWaitForWindowExposed(m_dialog.get()))
            qFatal("the capture window did not show");
        m_dialog->activateWindow();
        QTRY_VERIFY(m_dialog->isActiveWindow());
    }

    QPushButton* button(const QString& name) const { return m_dialog->findChild<QPushButton*>(name); }
    QLabel* label(const QString& name) const { return m_dialog->findChild<QLabel*>(name); }
    QListWidget* thumbnails() const { return m_dialog->findChild<QListWidget*>(u"photosListWidget"_s); }

    QTemporaryDir m_temp;
    FakeClock m_clock;
    std::unique_ptr<FakePhotoSource> m_source;
    std::unique_ptr<CameraCaptureDialog> m_dialog;
};

QTEST_MAIN(TestCameraCaptureDialog)
#include "TestCameraCaptureDialog.moc"
