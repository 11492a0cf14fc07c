#include "storage/Database.h"
#include "storage/Sql.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;

// How the embedded SQLite file is opened, and what a person is told when it cannot be.
class TestSqliteFile final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldCreateTheFileAndItsFolder()
    {
        QTemporaryDir dir;
        const DatabaseUrl url = DatabaseUrl::sqliteFile(dir.filePath(u"nested/folder/station.sqlite"_s));
        const Result<std::unique_ptr<Database>> db = Database::open(url);
        QVERIFY2(db, qPrintable(db ? QString() : db.error().toLogString()));
        QVERIFY(QFile::exists(url.sqlitePath()));
    }

    void shouldRunInWalModeWithForeignKeysAndABusyTimeout()
    {
        QTemporaryDir dir;
        const Result<std::unique_ptr<Database>> db = Database::open(DatabaseUrl::sqliteFile(dir.filePath(u"s.sqlite"_s)));
        QVERIFY(db);
        Result<QSqlDatabase> connection = (*db)->connection();
        QVERIFY(connection);
        QCOMPARE(pragma(**db, *connection, u"journal_mode"_s), u"wal"_s);
        QCOMPARE(pragma(**db, *connection, u"foreign_keys"_s), u"1"_s);
        QCOMPARE(pragma(**db, *connection, u"busy_timeout"_s), u"5000"_s);
    }

    void shouldRefuseAFileThatIsNotADatabaseAndLeaveItAlone()
    {
        // GIVEN a file that is not SQLite (e.g. someone pointed --db at a spreadsheet)
        QTemporaryDir dir;
        const QString path = dir.filePath(u"returns.sqlite"_s);
        QByteArray content("This is not an SQLite database, it is a packing list.\n");
        content = content.repeated(200);
        QVERIFY(writeFile(path, content));

        // WHEN Dockside opens it
        const Result<std::unique_ptr<Database>> db = Database::open(DatabaseUrl::sqliteFile(path));

        // THEN it says what is wrong and what to do, and the file is untouched
        QVERIFY(!db);
        QCOMPARE(db.error().code, u"db.sqlite.corrupt"_s);
        QVERIFY2(db.error().message.contains(path), qPrintable(db.error().message));
        QVERIFY(db.error().message.contains(u"backup"_s));
        QCOMPARE(readFile(path), content);
    }

    void shouldRefuseADirectoryAsTheDatabaseFile()
    {
        QTemporaryDir dir;
        const Result<std::unique_ptr<Database>> db = Database::open(DatabaseUrl::sqliteFile(dir.path()));
        QVERIFY(!db);
        QCOMPARE(db.error().code, u"db.sqlite.notfile"_s);
    }

    void shouldExplainAFolderThatCannotBeCreated()
    {
        // GIVEN a path below a regular file, which no user can turn into a folder
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath(u"plain-file"_s), "x"));
        const Result<std::unique_ptr<Database>> db
            = Database::open(DatabaseUrl::sqliteFile(dir.filePath(u"plain-file/station.sqlite"_s)));
        QVERIFY(!db);
        QCOMPARE(db.error().code, u"db.sqlite.folder"_s);
        QVERIFY(db.error().message.contains(u"--db"_s));
    }

private:
    static QString pragma(Database& db, QSqlDatabase& connection, const QString& name)
    {
        Result<QSqlQuery> query = Sql::exec(db, connection, u"PRAGMA "_s + name, {}, u"test"_s);
        return query && query->next() ? query->value(0).toString() : QString();
    }

    static bool writeFile(const QString& path, const QByteArray& content)
    {
        QFile file(path);
        return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
    }

    static QByteArray readFile(const QString& path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
};

QTEST_GUILESS_MAIN(TestSqliteFile)
#include "TestSqliteFile.moc"
