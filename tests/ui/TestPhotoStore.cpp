#include "PhotoStore.h"

#include <QColor>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace Dockside;

namespace {
QImage picture(const QColor& colour, QSize size = QSize(64, 48))
{
    QImage image(size, QImage::Format_RGB32);
    image.fill(colour);
    return image;
}

QByteArray contents(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The names are local time; the folder is the local day.
const QDateTime kTakenAt(QDate(2026, 11, 2), QTime(9, 15, 30), Qt::LocalTime);
} // namespace

// Where the station keeps the photos it takes: on a real file system, in a temporary folder.
class TestPhotoStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldSaveAJpegInTheDaysFolderUnderAMeaningfulName()
    {
        // GIVEN a store in a folder that does not exist yet
        QTemporaryDir temp;
        const QString root = temp.filePath(u"data/photos"_s);
        const PhotoStore store(root);

        // WHEN a picture of an item is saved
        const Result<QString> saved
            = store.save(picture(Qt::red, QSize(640, 480)), u"return-41000007-item-55500101"_s, kTakenAt);

        // THEN it is a JPEG of the picture, in the day's folder (made for it), named after what and when
        QVERIFY2(saved, qPrintable(saved ? QString() : saved.error().toLogString()));
        QCOMPARE(*saved, root + u"/2026-11-02/return-41000007-item-55500101_20261102-091530_01.jpg"_s);
        QVERIFY(QFileInfo(*saved).isAbsolute());
        QImageReader reader(*saved);
        QCOMPARE(reader.format(), QByteArray("jpeg"));
        const QImage read = reader.read();
        QCOMPARE(read.size(), QSize(640, 480));
        const QColor centre = read.pixelColor(320, 240);
        QVERIFY2(centre.red() > 200 && centre.green() < 40 && centre.blue() < 40, qPrintable(centre.name()));
        // AND no temporary file is left beside it
        QCOMPARE(QDir(root + u"/2026-11-02"_s).entryList(QDir::Files | QDir::Hidden),
            QStringList { QFileInfo(*saved).fileName() });
    }

    void shouldGiveEachPhotoItsOwnNameWithinTheSameSecond()
    {
        // GIVEN a store
        QTemporaryDir temp;
        const PhotoStore store(temp.path());

        // WHEN twelve photos of the same item are saved in the same second
        QStringList paths;
        for (int i = 0; i < 12; ++i) {
            const Result<QString> saved
                = store.save(picture(QColor::fromHsv(i * 30, 255, 255)), u"unknown"_s, kTakenAt);
            QVERIFY(saved);
            paths << *saved;
        }

        // THEN each has its own file, numbered in order, each with its own picture
        QCOMPARE(QSet<QString>(paths.cbegin(), paths.cend()).size(), 12);
        QVERIFY(paths.first().endsWith(u"unknown_20261102-091530_01.jpg"_s));
        QVERIFY(paths.last().endsWith(u"unknown_20261102-091530_12.jpg"_s));
        QSet<QByteArray> bytes;
        for (const QString& path : std::as_const(paths)) {
            QVERIFY(QFileInfo(path).isFile());
            bytes << contents(path);
        }
        QCOMPARE(bytes.size(), 12);
    }

    void shouldNeverOverwriteAFileThatIsAlreadyThere()
    {
        // GIVEN the name the next photo would get is taken, e.g. by another station sharing the folder
        QTemporaryDir temp;
        const PhotoStore store(temp.path());
        QVERIFY(QDir().mkpath(store.directoryFor(kTakenAt.date())));
        const QString taken = store.directoryFor(kTakenAt.date()) + u"/unknown_20261102-091530_01.jpg"_s;
        {
            QFile file(taken);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("someone else's photo");
        }

        // WHEN a photo is saved for that second
        const Result<QString> saved = store.save(picture(Qt::blue), u"unknown"_s, kTakenAt);

        // THEN it gets the next name, and the other file is untouched
        QVERIFY(saved);
        QVERIFY(saved->endsWith(u"unknown_20261102-091530_02.jpg"_s));
        QCOMPARE(contents(taken), QByteArray("someone else's photo"));
    }

    void shouldSayWhatToDoWhenTheFolderCannotBeMade()
    {
        // GIVEN a store whose folder would have to be made inside a file (a wrong setting, a disk not mounted)
        QTemporaryDir temp;
        const QString file = temp.filePath(u"not-a-folder"_s);
        {
            QFile blocker(file);
            QVERIFY(blocker.open(QIODevice::WriteOnly));
        }
        const PhotoStore store(file + u"/photos"_s);

        // WHEN a photo is saved
        const Result<QString> saved = store.save(picture(Qt::green), u"unknown"_s, kTakenAt);

        // THEN it says so: which folder, and what to do instead; nothing was written
        QVERIFY(!saved);
        QCOMPARE(saved.error().code, u"photo.folder"_s);
        QCOMPARE(saved.error().kind, Error::Kind::Storage);
        QVERIFY2(saved.error().message.contains(QDir::toNativeSeparators(store.directoryFor(kTakenAt.date()))),
            qPrintable(saved.error().message));
        QVERIFY(saved.error().message.contains(u"add a photo file instead"_s));
        QCOMPARE(QFileInfo(file).size(), 0);
    }

    void shouldSayWhatToDoWhenTheFolderIsNotWritable()
    {
        if (::geteuid() == 0)
            QSKIP("Running as root, which may write into a read-only folder; needs an ordinary user");
        // GIVEN a store whose day folder the station may not write to
        QTemporaryDir temp;
        const PhotoStore store(temp.path());
        const QString day = store.directoryFor(kTakenAt.date());
        QVERIFY(QDir().mkpath(day));
        QVERIFY(QFile::setPermissions(day, QFile::ReadOwner | QFile::ExeOwner));

        // WHEN a photo is saved
        const Result<QString> saved = store.save(picture(Qt::green), u"unknown"_s, kTakenAt);
        QFile::setPermissions(day, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);

        // THEN it says so, with the folder and what to do
        QVERIFY(!saved);
        QCOMPARE(saved.error().code, u"photo.not_writable"_s);
        QVERIFY(saved.error().message.contains(QDir::toNativeSeparators(day)));
        QVERIFY(saved.error().message.contains(u"write access"_s));
        QVERIFY(QDir(day).isEmpty());
    }

    void shouldSayWhatToDoWhenTheDiskIsFull()
    {
        // A full disk needs a small file system of its own, e.g. as root:
        //     mount -t tmpfs -o size=64k tmpfs /mnt/small && DOCKSIDE_TEST_SMALL_FS=/mnt/small TestPhotoStore
        const QString small = qEnvironmentVariable("DOCKSIDE_TEST_SMALL_FS");
        if (small.isEmpty())
            QSKIP("DOCKSIDE_TEST_SMALL_FS (a folder on a small file system to fill) is not set");
        // GIVEN a store on a disk filled up to the last byte
        QTemporaryDir temp(small + u"/photos-XXXXXX"_s);
        QVERIFY(temp.isValid());
        const PhotoStore store(temp.path());
        QVERIFY(QDir().mkpath(store.directoryFor(kTakenAt.date())));
        {
            QFile filler(temp.filePath(u"filler"_s));
            QVERIFY(filler.open(QIODevice::WriteOnly));
            const QByteArray block(4096, 'x');
            while (filler.write(block) == block.size() && filler.flush()) { }
        }

        // WHEN a photo full of detail (a big JPEG) is saved
        QImage noisy(800, 600, QImage::Format_RGB32);
        for (int y = 0; y < noisy.height(); ++y) {
            for (int x = 0; x < noisy.width(); ++x)
                noisy.setPixel(x, y, qRgb((x * 7919 + y * 104729) % 256, (x * y) % 256, (x + y * 31) % 256));
        }
        const Result<QString> saved = store.save(noisy, u"unknown"_s, kTakenAt);

        // THEN it says the disk is full and what to do; no half-written photo is left
        QVERIFY(!saved);
        QCOMPARE(saved.error().code, u"photo.disk_full"_s);
        QVERIFY2(saved.error().message.contains(u"Free some space"_s), qPrintable(saved.error().message));
        QVERIFY(QDir(store.directoryFor(kTakenAt.date())).isEmpty());
    }

    void shouldRefuseAnEmptyPicture()
    {
        QTemporaryDir temp;
        const PhotoStore store(temp.path());

        const Result<QString> saved = store.save(QImage(), u"unknown"_s, kTakenAt);

        QVERIFY(!saved);
        QCOMPARE(saved.error().code, u"photo.empty"_s);
        QVERIFY(QDir(temp.path()).isEmpty());
    }

    void shouldKeepFileNamesPlain()
    {
        // A raw scan or a title becomes a name any file system takes, and still says what it is.
        QCOMPARE(PhotoStore::safeSubject(u"return-41000007-item-55500101"_s), u"return-41000007-item-55500101"_s);
        QCOMPARE(
            PhotoStore::safeSubject(u"]C1420999\u001d9400111899223000099999"_s), u"C1420999-9400111899223000099999"_s);
        QCOMPARE(PhotoStore::safeSubject(u"../../etc/passwd"_s), u"etc-passwd"_s);
        QCOMPARE(PhotoStore::safeSubject(u"Añil / M"_s), u"A-il-M"_s);
        QCOMPARE(PhotoStore::safeSubject(u"  "_s), u"photo"_s);
    }

    void shouldDiscardOnlyItsOwnPhotos()
    {
        // GIVEN a saved photo, and a file outside the store
        QTemporaryDir temp;
        const PhotoStore store(temp.filePath(u"photos"_s));
        const Result<QString> saved = store.save(picture(Qt::red), u"unknown"_s, kTakenAt);
        QVERIFY(saved);
        const QString outside = temp.filePath(u"receipt.pdf"_s);
        {
            QFile file(outside);
            QVERIFY(file.open(QIODevice::WriteOnly));
        }

        // WHEN both are discarded
        const Status ownDiscarded = store.discard(*saved);
        const Status otherDiscarded = store.discard(outside);

        // THEN the photo is gone and the other file is left alone
        QVERIFY(ownDiscarded);
        QVERIFY(!QFileInfo::exists(*saved));
        QVERIFY(!otherDiscarded);
        QCOMPARE(otherDiscarded.error().code, u"photo.not_ours"_s);
        QVERIFY(QFileInfo::exists(outside));
    }

    void shouldKeepPhotosInTheStationsDataFolderByDefault()
    {
        QCOMPARE(PhotoStore().rootDirectory(),
            QDir::cleanPath(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/photos"_s));
    }
};

QTEST_GUILESS_MAIN(TestPhotoStore)
#include "TestPhotoStore.moc"
