#include "storage/Database.h"
#include "storage/Migration.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTcpServer>
#include <QtTest>

#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace Dockside;

// dockside-cli as a script or an administrator meets it: the real binary, its output and exit codes.
class TestCli final : public QObject
{
    Q_OBJECT

    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

private Q_SLOTS:
    void shouldListItsCommandsInHelp()
    {
        const Run run = cli({u"--help"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(u"status"_s));
        QVERIFY(run.out.contains(u"migrate"_s));
        QVERIFY(run.out.contains(u"--db URL"_s));
    }

    void shouldExplainAMissingOrUnknownCommand_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("none") << QStringList() << u"no command"_s;
        QTest::newRow("unknown") << QStringList {u"frobnicate"_s} << u"unknown command \"frobnicate\""_s;
        QTest::newRow("unknown option") << QStringList {u"--colour"_s, u"status"_s} << u"colour"_s;
        QTest::newRow("stray argument") << QStringList {u"status"_s, u"now"_s} << u"no arguments"_s;
    }

    void shouldExplainAMissingOrUnknownCommand()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        QTemporaryDir dir;
        const Run run = cli(QStringList {u"--db"_s, u"sqlite://"_s + dir.filePath(u"s.sqlite"_s)} + arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
        QVERIFY(run.err.contains(u"--help"_s));
    }

    void shouldRejectABadDatabaseUrlWithoutPrintingThePassword()
    {
        const Run run = cli({u"--db"_s, u"mysql://root:hunter2@localhost/dockside"_s, u"status"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(u"not supported"_s));
        QVERIFY(!run.err.contains(u"hunter2"_s));
        QVERIFY(!run.out.contains(u"hunter2"_s));
    }

    void shouldReportStatusOfAFreshDatabase()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"station.sqlite"_s);
        const Run run = cli({u"--db"_s, u"sqlite://"_s + path, u"status"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(u"schema version: %1"_s.arg(Migration::latestVersion())), qPrintable(run.out));
        QVERIFY(run.out.contains(u"backend:        sqlite"_s));
        QVERIFY(run.out.contains(path));
    }

    void shouldTakeTheDatabaseFromTheEnvironment()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"from-env.sqlite"_s);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"DOCKSIDE_DB"_s, u"sqlite://"_s + path);
        const Run run = exec(QStringLiteral(DOCKSIDE_CLI_PATH), {u"migrate"_s}, env);
        QCOMPARE(run.exitCode, 0);
        QVERIFY(QFile::exists(path));
    }

    void shouldRefuseACorruptFileAndLeaveItUntouched()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"station.sqlite"_s);
        const QByteArray garbage = QByteArray("not a database ").repeated(100);
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(garbage);
        }
        const Run run = cli({u"--db"_s, u"sqlite://"_s + path, u"status"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"is not a Dockside database or is damaged"_s), qPrintable(run.err));
        QVERIFY(run.err.contains(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), garbage);
    }

    void shouldRefuseAReadOnlyFileWithAdvice()
    {
        // GIVEN a valid database the current user cannot write. As root (CI) permissions do not bind
        // root, so the CLI runs as the unprivileged user "nobody" instead.
        QTemporaryDir dir;
        QVERIFY(QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner
                | QFileDevice::ExeOwner | QFileDevice::ReadOther | QFileDevice::ExeOther | QFileDevice::ReadGroup
                | QFileDevice::ExeGroup));
        const QString path = dir.filePath(u"station.sqlite"_s);
        {
            const auto db = Database::open(DatabaseUrl::sqliteFile(path));
            QVERIFY(db);
        }
        QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));
        QFile original(path);
        QVERIFY(original.open(QIODevice::ReadOnly));
        const QByteArray before = original.readAll();
        original.close();

        Run run;
        const QStringList arguments {u"--db"_s, u"sqlite://"_s + path, u"status"_s};
        if (geteuid() == 0) {
            const QString runuser = QStandardPaths::findExecutable(u"runuser"_s);
            if (runuser.isEmpty())
                QSKIP("running as root without runuser: cannot drop privileges to test a read-only file");
            run = exec(runuser, QStringList {u"-u"_s, u"nobody"_s, u"--"_s, QStringLiteral(DOCKSIDE_CLI_PATH)} + arguments,
                QProcessEnvironment::systemEnvironment());
        } else {
            run = cli(arguments);
        }

        // THEN the CLI fails, says the file is read-only and what to do, and the file is unchanged
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"read-only"_s), qPrintable(run.err));
        QVERIFY(run.err.contains(u"--db"_s));
        QVERIFY(original.open(QIODevice::ReadOnly));
        QCOMPARE(original.readAll(), before);
    }

    void shouldFailWithTheMaskedUrlWhenPostgresIsUnreachable()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        const Run run = cli({u"--db"_s, u"postgresql://dock:hunter2@127.0.0.1:%1/dockside"_s.arg(port), u"status"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"postgresql://dock:***@127.0.0.1:%1/dockside"_s.arg(port)), qPrintable(run.err));
        QVERIFY(!run.err.contains(u"hunter2"_s));
    }

private:
    static Run exec(const QString& program, const QStringList& arguments, const QProcessEnvironment& env)
    {
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(program, arguments);
        Run run;
        if (!process.waitForFinished(60000)) {
            process.kill();
            process.waitForFinished();
            run.err = u"timed out"_s;
            return run;
        }
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        run.out = QString::fromUtf8(process.readAllStandardOutput());
        run.err = QString::fromUtf8(process.readAllStandardError());
        return run;
    }

    static Run cli(const QStringList& arguments, QProcessEnvironment env = QProcessEnvironment::systemEnvironment())
    {
        env.remove(u"DOCKSIDE_DB"_s);
        return exec(QStringLiteral(DOCKSIDE_CLI_PATH), arguments, env);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "TestCli.moc"
