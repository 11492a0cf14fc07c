#include "FakeClock.h"
#include "TempDatabase.h"
#include "storage/PhotoRepository.h"

#include <QRandomGenerator>
#include <QSqlQuery>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;
using namespace Dockside::Testing;

namespace {
// Bytes that stand for a picture: the repository keeps bytes, it does not decode them. Every byte value occurs, so
// a BLOB/BYTEA round trip that mangled NULs, quotes or backslashes would show.
QByteArray pictureBytes(int size, quint32 seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator random(seed);
    for (int i = 0; i < size; ++i)
        bytes[i] = char(i < 256 ? i : int(random.bounded(256)));
    return bytes;
}
} // namespace

class TestPhotoRepository final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TempDatabase::addBackendRows(); }
    void init() { DOCKSIDE_OPEN_TEST_DATABASE(m_db); }
    void cleanup() { m_db.reset(); }

    void shouldReadBackAStoredPhotoByteForByteWithItsMetadata()
    {
        // GIVEN a photo's bytes
        const QByteArray bytes = pictureBytes(300 * 1024, 7);
        PhotoRepository photos(m_db->database());

        // WHEN it is stored
        const Result<qint64> id
            = photos.insert(bytes, u"image/jpeg"_s, u"dock-3"_s, u"maria"_s, m_clock.now(), 2560, 1920);
        QVERIFY2(id, qPrintable(id ? QString() : id.error().toLogString()));

        // THEN it reads back whole, with who took it where and when
        const Result<std::optional<StoredPhoto>> read = photos.read(*id);
        QVERIFY2(read, qPrintable(read ? QString() : read.error().toLogString()));
        QVERIFY(read->has_value());
        const StoredPhoto& photo = **read;
        QCOMPARE(photo.id, *id);
        QCOMPARE(photo.bytes, bytes);
        QCOMPARE(photo.size, qint64(bytes.size()));
        QCOMPARE(photo.contentType, u"image/jpeg"_s);
        QCOMPARE(photo.station, u"dock-3"_s);
        QCOMPARE(photo.user, u"maria"_s);
        QCOMPARE(photo.takenAt, m_clock.now());
        QCOMPARE(photo.width, 2560);
        QCOMPARE(photo.height, 1920);
        QCOMPARE(photo.sha256, PhotoRepository::sha256Hex(bytes));
        QCOMPARE(photo.sha256.size(), 64);
    }

    void shouldStoreTheSamePhotoOnlyOnce()
    {
        // GIVEN a stored photo
        PhotoRepository photos(m_db->database());
        const QByteArray bytes = pictureBytes(4096, 1);
        const Result<qint64> first = photos.insert(bytes, u"image/png"_s, u"dock-1"_s, u"ana"_s, m_clock.now());
        QVERIFY(first);

        // WHEN the same bytes are stored again, from another station, and a different photo is stored
        const Result<qint64> again = photos.insert(bytes, u"image/png"_s, u"dock-2"_s, u"luis"_s, m_clock.now());
        const Result<qint64> other
            = photos.insert(pictureBytes(4096, 2), u"image/png"_s, u"dock-2"_s, u"luis"_s, m_clock.now());

        // THEN the same bytes give the stored row's id, and only the different photo adds a row
        QVERIFY(again);
        QCOMPARE(*again, *first);
        QVERIFY(other);
        QVERIFY(*other != *first);
        QCOMPARE((*photos.read(*again))->station, u"dock-1"_s);
        QCOMPARE(photoRows(), qint64(2));
    }

    void shouldRefuseAPhotoOverTheLimitAndSayWhatToDo()
    {
        // GIVEN bytes one past the limit
        PhotoRepository photos(m_db->database());
        const QByteArray huge(int(PhotoRepository::kMaxBytes) + 1, 'x');

        // WHEN they are stored
        const Result<qint64> id = photos.insert(huge, u"image/jpeg"_s, u"dock-1"_s, u"ana"_s, m_clock.now());

        // THEN nothing is stored and the error says how big, the limit, and what to do
        QVERIFY(!id);
        QCOMPARE(id.error().kind, Error::Kind::Validation);
        QCOMPARE(id.error().code, u"photo.too_large"_s);
        QVERIFY2(id.error().message.contains(u"10.0 MB"_s), qPrintable(id.error().message));
        QVERIFY(id.error().message.contains(u"lower resolution"_s));
        QCOMPARE(photoRows(), qint64(0));

        // AND exactly the limit is kept
        QVERIFY(photos.insert(
            QByteArray(int(PhotoRepository::kMaxBytes), 'y'), u"image/jpeg"_s, u"dock-1"_s, u"ana"_s, m_clock.now()));
        // AND no bytes at all are refused too
        const Result<qint64> empty = photos.insert({}, u"image/jpeg"_s, u"dock-1"_s, u"ana"_s, m_clock.now());
        QVERIFY(!empty);
        QCOMPARE(empty.error().code, u"photo.data.empty"_s);
    }

    void shouldReadNothingForAnUnknownId()
    {
        const Result<std::optional<StoredPhoto>> read = PhotoRepository(m_db->database()).read(424242);
        QVERIFY(read);
        QVERIFY(!read->has_value());
    }

    void shouldMakeAndParseReferences()
    {
        // GIVEN a stored photo
        PhotoRepository photos(m_db->database());
        const Result<qint64> id
            = photos.insert(pictureBytes(1000, 3), u"image/jpeg"_s, u"dock-1"_s, u"ana"_s, m_clock.now());
        QVERIFY(id);

        // WHEN its reference is made, THEN it reads "dockside-photo:<id>" and leads back to the photo
        const QString reference = PhotoRepository::reference(*id);
        QCOMPARE(reference, u"dockside-photo:%1"_s.arg(*id));
        QCOMPARE(PhotoRepository::idFromReference(reference), std::optional<qint64>(*id));
        QCOMPARE(PhotoRepository::idFromReference(u"  dockside-photo:17 "_s), std::optional<qint64>(17));

        // AND older references (paths, URLs) and malformed ones are not taken for one
        for (const QString& other :
            { u"/home/dock/photos/p1.jpg"_s, u"file:///home/dock/p1.jpg"_s, u"https://cdn.example.test/p1.jpg"_s,
                u"dockside-photo:"_s, u"dockside-photo:0"_s, u"dockside-photo:-3"_s, u"dockside-photo:12a"_s,
                u"dockside-photo:1 2"_s, u"dockside-photo:99999999999999999999"_s, QString() })
            QVERIFY2(!PhotoRepository::idFromReference(other), qPrintable(other));
    }

private:
    qint64 photoRows()
    {
        Result<QSqlDatabase> connection = m_db->database().connection();
        if (!connection)
            return -1;
        QSqlQuery query(*connection);
        if (!query.exec(u"SELECT COUNT(*) FROM \"photos\""_s) || !query.next())
            return -1;
        return query.value(0).toLongLong();
    }

    std::unique_ptr<TempDatabase> m_db;
    FakeClock m_clock;
};

QTEST_GUILESS_MAIN(TestPhotoRepository)
#include "TestPhotoRepository.moc"
