#include "Builders.h"
#include "FakeClock.h"
#include "PhotoViewerDialog.h"
#include "SupervisorDetailView.h"
#include "SupervisorPage.h"
#include "TempDatabase.h"
#include "storage/PhotoRepository.h"

#include <QBuffer>
#include <QImage>
#include <QImageWriter>
#include <QLabel>
#include <QPainter>
#include <QTextDocument>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;
using namespace Dockside::Testing;

// The supervisor's detail view showing photos that another station put into the database: no file of them exists
// on this desk, the picture comes from the database (both backends).
class TestSupervisorDetailPhotos final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TempDatabase::addBackendRows(); }

    void init()
    {
        DOCKSIDE_OPEN_TEST_DATABASE(m_db);
        m_page = std::make_unique<SupervisorPage>();
        m_page->setStation(&m_db->database(), &m_clock, m_supervisor);
        m_page->resize(1280, 800);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    }

    void cleanup()
    {
        if (m_page)
            m_page->setStation(nullptr, &m_clock, m_supervisor);
        m_page.reset();
        m_db.reset();
    }

    void shouldShowAPhotoTakenAtAnotherStationFromTheDatabase()
    {
        // GIVEN a photo that dock-7 stored in the database, and a receipt of dock-7 whose line refers to it and to
        // a file that exists only on dock-7's disk
        const qint64 photoId = storePhoto(QSize(1600, 1200), u"dock-7"_s, u"luis"_s);
        const QString stored = PhotoRepository::reference(photoId);
        const QString elsewhere = u"/home/dock7/.local/share/Dockside/photos/2026-11-02/tote_01.jpg"_s;
        QVERIFY(!QFileInfo::exists(elsewhere));
        const ReturnDetail detail = receiptDetail({ stored, elsewhere });

        // WHEN the supervisor looks at it
        SupervisorDetailView* view = detailView();
        view->showReturn(detail, 0, 0);

        // THEN the stored photo shows as a thumbnail loaded from the database, linked to the whole picture
        QCOMPARE(view->thumbnailCount(), 1);
        const QVariant resource = view->document()->resource(QTextDocument::ImageResource, QUrl(u"thumb:0"_s));
        QVERIFY(resource.isValid());
        const QImage thumbnail = resource.value<QImage>();
        QCOMPARE(thumbnail.size(), QSize(120, 90));
        QVERIFY(view->toHtml().contains(stored));
        // AND the old reference to dock-7's disk is listed as before
        QVERIFY2(view->toPlainText().contains(u"%1 (not on this station)"_s.arg(elsewhere)),
            qPrintable(view->toPlainText()));

        // WHEN the thumbnail is clicked
        Q_EMIT view->anchorClicked(QUrl(stored));

        // THEN a viewer shows the whole picture, with who took it where
        PhotoViewerDialog* viewer = nullptr;
        QTRY_VERIFY((viewer = view->findChild<PhotoViewerDialog*>()) && viewer->isVisible());
        QCOMPARE(viewer->image().size(), QSize(1600, 1200));
        const QString caption = viewer->findChild<QLabel*>(u"captionLabel"_s)->text();
        QVERIFY2(caption.contains(u"luis"_s) && caption.contains(u"dock-7"_s), qPrintable(caption));
        viewer->reject();
        QTRY_VERIFY(!view->findChild<PhotoViewerDialog*>());
    }

    void shouldShowTheStoredPhotosOfAnUnknownPackage()
    {
        // GIVEN an unknown package with two photos in the database and a reference to one that is not there
        const qint64 first = storePhoto(QSize(800, 600), u"dock-2"_s, u"ana"_s);
        const qint64 second = storePhoto(QSize(600, 800), u"dock-2"_s, u"ana"_s);
        UnknownPackage package;
        package.id = 5;
        package.rawScan = u"9400111899223000099999"_s;
        package.station = u"dock-2"_s;
        package.user = u"ana"_s;
        package.receivedAt = m_clock.now();
        package.photoRefs = { PhotoRepository::reference(first), PhotoRepository::reference(second),
            PhotoRepository::reference(second + 100) };

        // WHEN the supervisor looks at it
        SupervisorDetailView* view = detailView();
        view->showUnknownPackage(package);

        // THEN both stored photos are thumbnails in their own shape, and the missing one is named
        QCOMPARE(view->thumbnailCount(), 2);
        QCOMPARE(view->document()->resource(QTextDocument::ImageResource, QUrl(u"thumb:0"_s)).value<QImage>().size(),
            QSize(120, 90));
        QCOMPARE(view->document()->resource(QTextDocument::ImageResource, QUrl(u"thumb:1"_s)).value<QImage>().size(),
            QSize(67, 90)); // 600 x 800 fitted into 120 x 90
        QVERIFY2(
            view->toPlainText().contains(u"%1 (not in the database)"_s.arg(PhotoRepository::reference(second + 100))),
            qPrintable(view->toPlainText()));

        // WHEN the missing one's link is followed anyway, THEN the viewer says so instead of a picture
        Q_EMIT view->anchorClicked(QUrl(PhotoRepository::reference(second + 100)));
        PhotoViewerDialog* viewer = nullptr;
        QTRY_VERIFY((viewer = view->findChild<PhotoViewerDialog*>()) && viewer->isVisible());
        QVERIFY(viewer->image().isNull());
        QVERIFY(viewer->findChild<QLabel*>(u"photoLabel"_s)->text().contains(u"not in the database"_s));
        viewer->reject();
    }

private:
    SupervisorDetailView* detailView() const
    {
        auto* view = m_page->findChild<SupervisorDetailView*>(u"supervisorDetailView"_s);
        if (!view)
            qFatal("no supervisorDetailView");
        return view;
    }

    qint64 storePhoto(const QSize& size, const QString& station, const QString& user)
    {
        QImage image(size, QImage::Format_RGB32);
        image.fill(QColor(u"#455a64"_s));
        QPainter painter(&image);
        painter.fillRect(QRect(QPoint(size.width() / 4, size.height() / 4), size / 2), QColor(u"#ffb300"_s));
        painter.end();
        QByteArray jpeg;
        QBuffer buffer(&jpeg);
        buffer.open(QIODevice::WriteOnly);
        QImageWriter(&buffer, "jpeg").write(image);
        const Result<qint64> id
            = PhotoRepository(m_db->database())
                  .insert(jpeg, u"image/jpeg"_s, station, user, m_clock.now(), size.width(), size.height());
        if (!id)
            qFatal("cannot store photo: %s", qPrintable(id.error().toLogString()));
        return *id;
    }

    ReturnDetail receiptDetail(const QStringList& photoRefs) const
    {
        ReturnDetail detail;
        detail.returnValue = ReturnBuilder(1, 41000007);
        detail.merchantName = u"Acme Outfitters"_s;
        Receipt receipt;
        receipt.id = 9;
        receipt.station = u"dock-7"_s;
        receipt.user = u"luis"_s;
        receipt.status = ReceiptStatus::Submitted;
        receipt.startedAt = m_clock.now();
        receipt.submittedAt = m_clock.now();
        ReceiptLine line;
        line.scannedCode = u"0123456789012"_s;
        line.lineItemId = 55500101;
        line.photoRefs = photoRefs;
        line.station = u"dock-7"_s;
        line.user = u"luis"_s;
        line.recordedAt = m_clock.now();
        receipt.lines << line;
        detail.receipts << receipt;
        return detail;
    }

    std::unique_ptr<TempDatabase> m_db;
    FakeClock m_clock;
    StationIdentity m_supervisor { u"desk-1"_s, u"sam@example.test"_s, StationIdentity::Role::Supervisor };
    std::unique_ptr<SupervisorPage> m_page;
};

QTEST_MAIN(TestSupervisorDetailPhotos)
#include "TestSupervisorDetailPhotos.moc"
