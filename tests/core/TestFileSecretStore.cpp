#include "settings/FileSecretStore.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace Dockside;

// The protected-file fallback: what it keeps, how it protects the file, and how it fails without losing data.
class TestFileSecretStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldReadBackEverySecretItWrote()
    {
        // GIVEN a store in a folder that does not exist yet
        QTemporaryDir dir;
        FileSecretStore store(dir.filePath(u"config/dockside/secrets.json"_s));
        const QString apiKey = store.referenceFor(u"merchant/a/api-key"_s);
        const QString webhookSecret = store.referenceFor(u"merchant/a/webhook-secret"_s);
        const QByteArray binary("sk_live\0\n\xff tail", 15);

        // WHEN two secrets are written, then one of them replaced
        QVERIFY(store.writeNow(apiKey, "first"));
        QVERIFY(store.writeNow(webhookSecret, binary));
        QVERIFY(store.writeNow(apiKey, "sk_live_second"));

        // THEN each reads back as last written, byte for byte, also through a fresh store on the same file
        QCOMPARE(apiKey, u"file:merchant/a/api-key"_s);
        QCOMPARE(store.readNow(apiKey).value_or(QByteArray()), QByteArray("sk_live_second"));
        FileSecretStore reopened(store.path());
        QCOMPARE(reopened.readNow(webhookSecret).value_or(QByteArray()), binary);
    }

    void shouldCreateTheFileReadableAndWritableByItsOwnerOnly()
    {
        // GIVEN a umask that would let everyone read new files
        QTemporaryDir dir;
        const QString path = dir.filePath(u"secrets.json"_s);
        FileSecretStore store(path);
        const mode_t previous = umask(0);

        // WHEN the first secret creates the file, and a second one rewrites it
        const Status created = store.writeNow(store.referenceFor(u"one"_s), "secret-1");
        const Status rewritten = store.writeNow(store.referenceFor(u"two"_s), "secret-2");
        umask(previous);

        // THEN the file is mode 0600
        QVERIFY2(created, qPrintable(created ? QString() : created.error().message));
        QVERIFY2(rewritten, qPrintable(rewritten ? QString() : rewritten.error().message));
        struct stat info
        {
        };
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
        QCOMPARE(info.st_mode & 07777, mode_t(0600));
        QVERIFY(store.description().contains(path));
    }

    void shouldRefuseAFileOthersCanReadAndSayHowToFixIt()
    {
        // GIVEN a secrets file someone made world-readable
        QTemporaryDir dir;
        const QString path = dir.filePath(u"secrets.json"_s);
        FileSecretStore store(path);
        const QString reference = store.referenceFor(u"merchant/a/api-key"_s);
        QVERIFY(store.writeNow(reference, "sk_live_exposed"));
        QVERIFY(QFile::setPermissions(
            path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));
        const QByteArray before = contents(path);

        // WHEN the store reads from it or writes to it
        const Result<QByteArray> read = store.readNow(reference);
        const Status written = store.writeNow(store.referenceFor(u"other"_s), "x");

        // THEN both are refused with the command that fixes it, and the file is untouched
        QVERIFY(!read);
        QCOMPARE(read.error().code, u"secret.file.unprotected"_s);
        QVERIFY2(read.error().message.contains(u"chmod 600 "_s + path), qPrintable(read.error().message));
        QVERIFY(read.error().message.contains(u"0644"_s));
        QVERIFY(!read.error().message.contains(u"sk_live_exposed"_s));
        QVERIFY(!written);
        QCOMPARE(written.error().code, u"secret.file.unprotected"_s);
        QCOMPARE(contents(path), before);
    }

    void shouldReportADamagedFileAndLeaveItIntact_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("not JSON") << QByteArray("{\"format\": \"dockside-secrets\", \"secrets\": {");
        QTest::newRow("another JSON file") << QByteArray("{\"name\": \"something else\"}");
        QTest::newRow("bad base64") << QByteArray(
            "{\"format\": \"dockside-secrets\", \"version\": 1, \"secrets\": {\"k\": \"***\"}}");
    }

    void shouldReportADamagedFileAndLeaveItIntact()
    {
        // GIVEN an owner-only file that is not a valid secrets file
        QFETCH(QByteArray, bytes);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"secrets.json"_s);
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(bytes);
        }
        QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        FileSecretStore store(path);

        // WHEN a secret is read, and another one written
        const Result<QByteArray> read = store.readNow(store.referenceFor(u"k"_s));
        const Status written = store.writeNow(store.referenceFor(u"new"_s), "x");

        // THEN both fail saying the file is damaged and left alone, and it still holds its exact bytes
        QVERIFY(!read);
        QCOMPARE(read.error().kind, Error::Kind::Storage);
        QCOMPARE(read.error().code, u"secret.file.damaged"_s);
        QVERIFY2(read.error().message.contains(path), qPrintable(read.error().message));
        QVERIFY(read.error().message.contains(u"left it exactly as it is"_s));
        QVERIFY(!written);
        QCOMPARE(contents(path), bytes);
    }

    void shouldReportASecretThatWasNeverStored()
    {
        // GIVEN one store with a file holding another secret, and one whose file does not exist
        QTemporaryDir dir;
        FileSecretStore store(dir.filePath(u"secrets.json"_s));
        QVERIFY(store.writeNow(store.referenceFor(u"merchant/a/api-key"_s), "sk"));
        FileSecretStore empty(dir.filePath(u"none/secrets.json"_s));

        // WHEN an unknown reference is read from each
        const Result<QByteArray> fromFile = store.readNow(store.referenceFor(u"merchant/b/api-key"_s));
        const Result<QByteArray> noFile = empty.readNow(empty.referenceFor(u"merchant/b/api-key"_s));

        // THEN both say which secret is missing where, and nothing was created
        for (const Result<QByteArray>& result : { fromFile, noFile }) {
            QVERIFY(!result);
            QCOMPARE(result.error().code, u"secret.missing"_s);
            QVERIFY2(result.error().message.contains(u"merchant/b/api-key"_s), qPrintable(result.error().message));
        }
        QVERIFY(noFile.error().message.contains(empty.path()));
        QVERIFY(!QFileInfo::exists(empty.path()));
    }

    void shouldRefuseAReferenceIntoAnotherStore()
    {
        QTemporaryDir dir;
        FileSecretStore store(dir.filePath(u"secrets.json"_s));
        const Status written = store.writeNow(u"keychain:merchant/a/api-key"_s, "sk");
        QVERIFY(!written);
        QCOMPARE(written.error().kind, Error::Kind::Validation);
        QVERIFY(written.error().message.contains(u"keychain:merchant/a/api-key"_s));
        QVERIFY(!QFileInfo::exists(store.path()));
    }

    void shouldForgetARemovedSecretAndAcceptRemovingItAgain()
    {
        // GIVEN two stored secrets
        QTemporaryDir dir;
        FileSecretStore store(dir.filePath(u"secrets.json"_s));
        const QString gone = store.referenceFor(u"gone"_s);
        const QString kept = store.referenceFor(u"kept"_s);
        QVERIFY(store.writeNow(gone, "1"));
        QVERIFY(store.writeNow(kept, "2"));

        // WHEN one is removed twice
        QVERIFY(store.removeNow(gone));
        QVERIFY(store.removeNow(gone));

        // THEN it is missing and the other one is still there
        QVERIFY(!store.readNow(gone));
        QCOMPARE(store.readNow(kept).value_or(QByteArray()), QByteArray("2"));
    }

    void shouldAnswerThroughTheInterfaceFromTheEventLoop()
    {
        // GIVEN a stored secret, used through the asynchronous SecretStore interface
        QTemporaryDir dir;
        FileSecretStore file(dir.filePath(u"secrets.json"_s));
        SecretStore& store = file;
        const QString reference = store.referenceFor(u"merchant/a/api-key"_s);
        QObject context;
        std::optional<Status> written;
        std::optional<Result<QByteArray>> read;

        // WHEN it writes and reads
        store.write(reference, "sk_async", &context, [&](Status status) { written = status; });
        QVERIFY(!written); // never from inside the call
        QTRY_VERIFY(written.has_value());
        store.read(reference, &context, [&](Result<QByteArray> result) { read = result; });
        QVERIFY(!read);

        // THEN the answers arrive from the event loop
        QVERIFY(*written);
        QTRY_VERIFY(read.has_value());
        QCOMPARE(read->value_or(QByteArray()), QByteArray("sk_async"));
    }

private:
    static QByteArray contents(const QString& path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
    }
};

QTEST_GUILESS_MAIN(TestFileSecretStore)
#include "TestFileSecretStore.moc"
