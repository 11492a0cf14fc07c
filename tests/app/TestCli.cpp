#include "Builders.h"
#include "settings/FileSecretStore.h"
#include "LoopSimProcess.h"
#include "storage/Database.h"
#include "storage/MerchantRepository.h"
#include "storage/Migration.h"
#include "storage/ReturnRepository.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace Dockside;
using Dockside::Testing::LoopSimProcess;

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
        const Run run = cli({ u"--help"_s });
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(u"status"_s));
        QVERIFY(run.out.contains(u"migrate"_s));
        QVERIFY(run.out.contains(u"--db URL"_s));
        QVERIFY(run.out.contains(u"merchant add NAME --base-url URL"_s));
        QVERIFY(run.out.contains(u"DOCKSIDE_SECRETS_FILE"_s));
    }

    void shouldExplainAMissingOrUnknownCommand_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("none") << QStringList() << u"no command"_s;
        QTest::newRow("unknown") << QStringList { u"frobnicate"_s } << u"unknown command \"frobnicate\""_s;
        QTest::newRow("unknown option") << QStringList { u"--colour"_s, u"status"_s } << u"colour"_s;
        QTest::newRow("stray argument") << QStringList { u"status"_s, u"now"_s } << u"no arguments"_s;
    }

    void shouldExplainAMissingOrUnknownCommand()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        QTemporaryDir dir;
        const Run run = cli(QStringList { u"--db"_s, u"sqlite://"_s + dir.filePath(u"s.sqlite"_s) } + arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
        QVERIFY(run.err.contains(u"--help"_s));
    }

    void shouldRejectABadDatabaseUrlWithoutPrintingThePassword()
    {
        const Run run = cli({ u"--db"_s, u"mysql://root:hunter2@localhost/dockside"_s, u"status"_s });
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(u"not supported"_s));
        QVERIFY(!run.err.contains(u"hunter2"_s));
        QVERIFY(!run.out.contains(u"hunter2"_s));
    }

    void shouldReportStatusOfAFreshDatabase()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"station.sqlite"_s);
        const Run run = cli({ u"--db"_s, u"sqlite://"_s + path, u"status"_s });
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
        const Run run = exec(QStringLiteral(DOCKSIDE_CLI_PATH), { u"migrate"_s }, env);
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
        const Run run = cli({ u"--db"_s, u"sqlite://"_s + path, u"status"_s });
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
        QVERIFY(QFile::setPermissions(dir.path(),
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | QFileDevice::ReadOther
                | QFileDevice::ExeOther | QFileDevice::ReadGroup | QFileDevice::ExeGroup));
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
        const QStringList arguments { u"--db"_s, u"sqlite://"_s + path, u"status"_s };
        if (geteuid() == 0) {
            const QString runuser = QStandardPaths::findExecutable(u"runuser"_s);
            if (runuser.isEmpty())
                QSKIP("running as root without runuser: cannot drop privileges to test a read-only file");
            run = exec(runuser,
                QStringList { u"-u"_s, u"nobody"_s, u"--"_s, QStringLiteral(DOCKSIDE_CLI_PATH) } + arguments,
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
        const Run run = cli({ u"--db"_s, u"postgresql://dock:hunter2@127.0.0.1:%1/dockside"_s.arg(port), u"status"_s });
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"postgresql://dock:***@127.0.0.1:%1/dockside"_s.arg(port)), qPrintable(run.err));
        QVERIFY(!run.err.contains(u"hunter2"_s));
    }

    void shouldAddAMerchantAndListItWithoutEverShowingItsSecrets()
    {
        // GIVEN a fresh station without an OS keychain
        QTemporaryDir dir;
        const Station station(dir);
        const QByteArray apiKey = "sk_live_4f1c9b0e7d2a";
        const QByteArray webhookSecret = "whsec_99be01c3aa";

        // WHEN a merchant is added with its key and webhook secret, and the merchants are listed
        const Run added = station.cli({ u"merchant"_s, u"add"_s, u"Acme Outdoor"_s, u"--base-url"_s,
            u"https://api.loopreturns.com/api"_s, u"--api-key"_s, QString::fromLatin1(apiKey), u"--webhook-secret"_s,
            QString::fromLatin1(webhookSecret), u"--api-version"_s, u"2026-10"_s, u"--rate-limit"_s, u"120"_s });
        const Run listed = station.cli({ u"merchant"_s, u"list"_s });

        // THEN both succeed and the list shows the merchant, its settings and where its secrets are
        QCOMPARE(added.exitCode, 0);
        QVERIFY2(added.out.contains(u"added merchant \"Acme Outdoor\" (id 1)"_s), qPrintable(added.out + added.err));
        QCOMPARE(listed.exitCode, 0);
        for (const QString& shown :
            QStringList { u"Acme Outdoor (id 1)"_s, u"base URL:       https://api.loopreturns.com/api"_s,
                u"API version:    2026-10"_s, u"rate limit:     120 requests per minute"_s,
                u"API key:        kept in the protected file "_s + station.secretsFile,
                u"webhook secret: set, kept in the protected file "_s + station.secretsFile }) {
            QVERIFY2(listed.out.contains(shown), qPrintable(u"missing \""_s + shown + u"\" in:\n"_s + listed.out));
        }
        // ... never the secrets themselves, on the terminal or in any database file
        for (const QByteArray& secret : { apiKey, webhookSecret }) {
            for (const Run& run : { added, listed }) {
                QVERIFY(!run.out.toUtf8().contains(secret));
                QVERIFY(!run.err.toUtf8().contains(secret));
            }
            for (const QString& name : QDir(dir.path()).entryList({ u"station.sqlite*"_s }, QDir::Files)) {
                const QByteArray bytes = contents(dir.filePath(name));
                QVERIFY(!bytes.isEmpty());
                QVERIFY2(!bytes.contains(secret), qPrintable(name));
                QVERIFY2(!bytes.contains(secret.toBase64()), qPrintable(name));
            }
        }
        // ... and the store holds them under the references the database keeps
        const Merchant merchant = station.merchant(u"Acme Outdoor"_s);
        QVERIFY2(merchant.apiKeyRef.startsWith(u"file:"_s), qPrintable(merchant.apiKeyRef));
        FileSecretStore store(station.secretsFile);
        QCOMPARE(store.readNow(merchant.apiKeyRef).value_or(QByteArray()), apiKey);
        QCOMPARE(store.readNow(merchant.webhookSecretRef).value_or(QByteArray()), webhookSecret);
    }

    void shouldKeepSecretsInTheNamedProtectedFileWhenNoKeychainRuns()
    {
        // GIVEN no D-Bus session, so no OS keychain can answer
        QTemporaryDir dir;
        const Station station(dir);

        // WHEN a merchant is added
        const Run run = station.cli({ u"merchant"_s, u"add"_s, u"Acme"_s, u"--base-url"_s, u"http://127.0.0.1:9/api"_s,
            u"--api-key"_s, u"sk_test_fallback"_s });

        // THEN the CLI says, in one line, that it falls back and to which file, and that file is owner-only
        QCOMPARE(run.exitCode, 0);
        const QStringList notices = run.err.split(u'\n').filter(u"No OS keychain"_s);
        QCOMPARE(notices.size(), 1);
        QVERIFY2(notices.constFirst().contains(u"protected file "_s + station.secretsFile), qPrintable(run.err));
        QVERIFY(notices.constFirst().contains(u"not encrypted"_s));
        QVERIFY(run.out.contains(u"kept in the protected file "_s + station.secretsFile));
        QCOMPARE(
            QFile::permissions(station.secretsFile) & kEveryoneBits, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }

    void shouldReadTheApiKeyFromAFileOrStandardInput_data()
    {
        QTest::addColumn<bool>("fromStdin");
        QTest::newRow("file") << false;
        QTest::newRow("stdin") << true;
    }

    void shouldReadTheApiKeyFromAFileOrStandardInput()
    {
        // GIVEN a key, with the newline files and pipes usually end with
        QFETCH(bool, fromStdin);
        QTemporaryDir dir;
        const Station station(dir);
        const QByteArray apiKey = "sk_live_not_in_history";
        const QString keyFile = dir.filePath(u"key.txt"_s);
        {
            QFile file(keyFile);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(apiKey + '\n');
        }

        // WHEN the merchant is added with --api-key-file
        const Run run
            = station.cli({ u"merchant"_s, u"add"_s, u"Acme"_s, u"--base-url"_s, u"https://api.loopreturns.com/api"_s,
                              u"--api-key-file"_s, fromStdin ? u"-"_s : keyFile },
                fromStdin ? apiKey + '\n' : QByteArray());

        // THEN the stored key is exactly the key, without the newline, and was not echoed
        QCOMPARE(run.exitCode, 0);
        QVERIFY(!run.out.toUtf8().contains(apiKey) && !run.err.toUtf8().contains(apiKey));
        const Merchant merchant = station.merchant(u"Acme"_s);
        QCOMPARE(FileSecretStore(station.secretsFile).readNow(merchant.apiKeyRef).value_or(QByteArray()), apiKey);
    }

    void shouldRefuseADuplicateNameAndKeepTheFirstMerchantsKey()
    {
        // GIVEN a merchant named Acme
        QTemporaryDir dir;
        const Station station(dir);
        const QStringList add { u"merchant"_s, u"add"_s, u"Acme"_s, u"--base-url"_s,
            u"https://api.loopreturns.com/api"_s, u"--api-key"_s };
        QCOMPARE(station.cli(add + QStringList { u"sk_first"_s }).exitCode, 0);
        const QByteArray before = contents(station.secretsFile);

        // WHEN another merchant is added under the same name
        const Run run = station.cli(add + QStringList { u"sk_second"_s });

        // THEN it fails with advice, and neither the database nor the secrets changed
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"a merchant named \"Acme\" already exists"_s), qPrintable(run.err));
        QVERIFY(run.err.contains(u"merchant list"_s));
        QVERIFY(!run.err.contains(u"sk_second"_s));
        QCOMPARE(contents(station.secretsFile), before);
        const QJsonObject secrets = QJsonDocument::fromJson(before).object().value(u"secrets"_s).toObject();
        QCOMPARE(secrets.size(), 1);
        const Run listed = station.cli({ u"merchant"_s, u"list"_s });
        QCOMPARE(listed.out.count(u"Acme (id"_s), 1);
    }

    void shouldRejectBadMerchantOptionsAsUsageErrors_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("mentions");
        const QString key = u"--api-key=sk_bad_options"_s;
        const QString url = u"--base-url=https://api.loopreturns.com/api"_s;
        QTest::newRow("ftp base URL") << QStringList { u"Acme"_s, u"--base-url=ftp://files.example/api"_s, key }
                                      << u"http:// or https://"_s;
        QTest::newRow("base URL without host")
            << QStringList { u"Acme"_s, u"--base-url=https://"_s, key } << u"with a host"_s;
        QTest::newRow("not a URL") << QStringList { u"Acme"_s, u"--base-url=loop returns"_s, key }
                                   << u"--base-url must be"_s;
        QTest::newRow("password in base URL")
            << QStringList { u"Acme"_s, u"--base-url=https://u:pw@api.loopreturns.com/api"_s, key } << u"password"_s;
        QTest::newRow("no base URL") << QStringList { u"Acme"_s, key } << u"needs --base-url"_s;
        QTest::newRow("unknown version") << QStringList { u"Acme"_s, url, key, u"--api-version=v2"_s }
                                         << u"v1, 2026-07, 2026-10, unstable"_s;
        QTest::newRow("rate limit 0") << QStringList { u"Acme"_s, url, key, u"--rate-limit=0"_s } << u"1 to 10000"_s;
        QTest::newRow("rate limit too high")
            << QStringList { u"Acme"_s, url, key, u"--rate-limit=10001"_s } << u"1 to 10000"_s;
        QTest::newRow("rate limit not a number")
            << QStringList { u"Acme"_s, url, key, u"--rate-limit=lots"_s } << u"1 to 10000"_s;
        QTest::newRow("empty name") << QStringList { u"  "_s, url, key } << u"not empty"_s;
        QTest::newRow("no name") << QStringList { url, key } << u"exactly one NAME"_s;
        QTest::newRow("no key") << QStringList { u"Acme"_s, url } << u"--api-key-file PATH"_s;
        QTest::newRow("missing key file") << QStringList { u"Acme"_s, url, u"--api-key-file=/nonexistent/key"_s }
                                          << u"cannot read --api-key-file /nonexistent/key"_s;
        QTest::newRow("key twice") << QStringList { u"Acme"_s, url, key, u"--api-key-file=-"_s } << u"not both"_s;
        QTest::newRow("unknown option") << QStringList { u"Acme"_s, url, key, u"--apikey=sk_typo_secret"_s }
                                        << u"apikey"_s;
    }

    void shouldRejectBadMerchantOptionsAsUsageErrors()
    {
        QFETCH(QStringList, options);
        QFETCH(QString, mentions);
        QTemporaryDir dir;
        const Station station(dir);

        const Run run = station.cli(QStringList { u"merchant"_s, u"add"_s } + options);

        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
        QVERIFY(run.err.contains(u"--help"_s));
        QVERIFY(!run.err.contains(u"sk_bad_options"_s) && !run.err.contains(u"sk_typo_secret"_s));
        QVERIFY(!QFile::exists(station.secretsFile));
        QVERIFY(station.cli({ u"merchant"_s, u"list"_s }).out.contains(u"no merchants yet"_s));
    }

    void shouldPullEveryReturnOnceAndReportIt()
    {
        // GIVEN a station with one merchant whose Loop shop has 150 returns
        LoopSimProcess sim;
        QVERIFY2(sim.start({u"--returns"_s, u"150"_s, u"--seed"_s, u"21"_s}), qPrintable(sim.errorString()));
        QTemporaryDir dir;
        const Station station(dir);
        const Run added = station.addSimMerchant(u"Bergen Demo"_s, sim, "sim-key");
        QCOMPARE(added.exitCode, 0);

        // WHEN syncing once
        const Run synced = station.cli({u"sync"_s, u"--once"_s, u"--station"_s, u"dock-1"_s});

        // THEN it exits 0, says what it pulled, and the returns are in the database
        QVERIFY2(synced.exitCode == 0, qPrintable(synced.out + synced.err));
        QVERIFY2(synced.out.contains(u"Bergen Demo: pulled"_s), qPrintable(synced.out));
        QVERIFY(synced.out.contains(u"150 new"_s));
        QVERIFY(!synced.out.contains(u"sim-key"_s) && !synced.err.contains(u"sim-key"_s));
        const Run status = station.cli({u"status"_s});
        QVERIFY2(status.out.contains(u"returns:        150"_s), qPrintable(status.out));

        // AND another station of the site can take over at once (the first released the lease on exit),
        // finding nothing new
        const Run again = station.cli({u"sync"_s, u"--once"_s, u"--station"_s, u"dock-2"_s});
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.out.contains(u"0 new"_s), qPrintable(again.out));
    }

    void shouldFailASyncWhenLoopRefusesTheKey()
    {
        LoopSimProcess sim;
        QVERIFY(sim.start({u"--returns"_s, u"10"_s}));
        QTemporaryDir dir;
        const Station station(dir);
        QCOMPARE(station.addSimMerchant(u"Acme"_s, sim, "wrong-key").exitCode, 0);
        const Run synced = station.cli({u"sync"_s, u"--once"_s});
        QCOMPARE(synced.exitCode, 1);
        QVERIFY2(synced.out.contains(u"API key"_s), qPrintable(synced.out));
        QVERIFY(!synced.out.contains(u"wrong-key"_s) && !synced.err.contains(u"wrong-key"_s));
    }

    void shouldRefuseToSyncWithoutMerchants()
    {
        QTemporaryDir dir;
        const Station station(dir);
        const Run synced = station.cli({u"sync"_s, u"--once"_s});
        QCOMPARE(synced.exitCode, 1);
        QVERIFY(synced.err.contains(u"merchant add"_s));
        QCOMPARE(station.cli({u"sync"_s, u"--interval"_s, u"2"_s}).exitCode, 2);
        QCOMPARE(station.cli({u"serve-webhooks"_s, u"--port"_s, u"70000"_s}).exitCode, 2);
    }

    void shouldPrintTheExactKeysOfAScanWithOrWithoutTypedSeparators()
    {
        // GIVEN a USPS label: "]C1" + "420" + ZIP5 + GS + the IMpb, with GS passed three ways
        const QString pic = u"9400111899223000047112"_s;
        QStringList outputs;
        for (const QString& gs : {QString(QChar(0x1D)), u"<GS>"_s, u"\\x1d"_s}) {
            // WHEN normalising it (no database needed)
            const Run run = cli({u"normalize"_s, u"]C142008810"_s + gs + pic});
            // THEN the first line names the format and the keys follow, one "kind<TAB>value" per line
            QCOMPARE(run.exitCode, 0);
            const QStringList lines = run.out.split(u'\n', Qt::SkipEmptyParts);
            QCOMPARE(lines.value(0), u"formats\tusps-impb"_s);
            QVERIFY2(lines.contains(u"tracking\t"_s + pic), qPrintable(run.out));
            for (const QString& line : lines)
                QCOMPARE(line.count(u'\t'), 1);
            outputs << run.out;
        }
        QCOMPARE(outputs.value(1), outputs.value(0));
        QCOMPARE(outputs.value(2), outputs.value(0));
        QVERIFY(cli({u"--help"_s}).out.contains(u"<GS>"_s));
        // AND an empty scan is a usage error that says what to do
        const Run empty = cli({u"normalize"_s, u"   "_s});
        QCOMPARE(empty.exitCode, 2);
        QVERIFY2(empty.err.contains(u"Scan the label again"_s), qPrintable(empty.err));
    }

    void shouldLookUpAScanAndSendTheUnknownToTheExceptionQueue()
    {
        // GIVEN a station holding two returns on order #1042, one with a UPS label
        QTemporaryDir dir;
        const QString path = dir.filePath(u"station.sqlite"_s);
        {
            auto database = Database::open(DatabaseUrl::sqliteFile(path));
            QVERIFY(database);
            const Result<qint64> merchantId = MerchantRepository(**database).insert(Testing::merchant(u"Acme"_s));
            QVERIFY(merchantId);
            ReturnRepository returns(**database);
            QVERIFY(returns.upsert(Testing::ReturnBuilder(*merchantId, 41000001).tracking(u"1Z999AA10123456784"_s),
                QDateTime::currentDateTimeUtc()));
            QVERIFY(returns.upsert(Testing::ReturnBuilder(*merchantId, 41000002).state(ReturnState::Review),
                QDateTime::currentDateTimeUtc()));
        }
        const QStringList db {u"--db"_s, u"sqlite://"_s + path};

        // WHEN the label is looked up THEN that return is printed with what matched, exit 0
        const Run one = cli(db + QStringList {u"lookup"_s, u"1z 999 aa1 0123 4567 84"_s});
        QVERIFY2(one.exitCode == 0, qPrintable(one.out + one.err));
        QVERIFY2(one.out.contains(u"return 41000001 (Acme)"_s), qPrintable(one.out));
        QVERIFY(one.out.contains(u"order:    #1042"_s));
        QVERIFY(one.out.contains(u"state:    open"_s));
        QVERIFY(one.out.contains(u"tracking: USPS 1Z999AA10123456784"_s));
        QVERIFY(one.out.contains(u"matched:  tracking"_s));
        QVERIFY(one.out.contains(u"ups-1z"_s));
        QVERIFY(!one.out.contains(u"41000002"_s));

        // WHEN the order name is looked up as JSON THEN both returns come, as valid JSON
        const Run several = cli(db + QStringList {u"lookup"_s, u"#1042"_s, u"--json"_s});
        QCOMPARE(several.exitCode, 0);
        QJsonParseError error;
        const QJsonObject document = QJsonDocument::fromJson(several.out.toUtf8(), &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString() + several.out));
        QCOMPARE(document.value(u"outcome"_s).toString(), u"several"_s);
        QCOMPARE(document.value(u"item_match"_s).toBool(), false);
        const QJsonArray found = document.value(u"returns"_s).toArray();
        QCOMPARE(found.size(), 2);
        QCOMPARE(found.at(0).toObject().value(u"return_id"_s).toInteger(), qint64(41000001));
        QCOMPARE(found.at(1).toObject().value(u"state"_s).toString(), u"review"_s);
        QCOMPARE(found.at(1).toObject().value(u"merchant"_s).toString(), u"Acme"_s);
        QCOMPARE(found.at(1).toObject().value(u"matched"_s).toArray(), QJsonArray {u"order_name"_s});

        // WHEN an unknown label is looked up THEN exit 1, and the package goes to the exception queue
        const Run none = cli(db + QStringList {u"lookup"_s, u"9400111202555842332669"_s, u"--json"_s});
        QCOMPARE(none.exitCode, 1);
        QVERIFY2(none.err.contains(u"exception queue"_s), qPrintable(none.err));
        QCOMPARE(QJsonDocument::fromJson(none.out.toUtf8()).object().value(u"outcome"_s).toString(), u"none"_s);

        // AND a missing scan is a usage error
        QCOMPARE(cli(db + QStringList {u"lookup"_s}).exitCode, 2);
        QCOMPARE(cli(db + QStringList {u"lookup"_s, u"#1042"_s, u"--colour"_s}).exitCode, 2);
    }

    void shouldServeWebhooksUntilTerminated()
    {
        // GIVEN a merchant with a webhook secret
        QTemporaryDir dir;
        const Station station(dir);
        QCOMPARE(station
                     .cli({u"merchant"_s, u"add"_s, u"Whiplash Demo"_s, u"--base-url"_s, u"http://127.0.0.1:9/api"_s,
                              u"--api-key"_s, u"k"_s, u"--webhook-secret"_s, u"s3cret"_s})
                     .exitCode,
            0);
        // WHEN serve-webhooks runs on a free port
        QProcess server;
        server.setProcessEnvironment(station.env);
        server.start(QStringLiteral(DOCKSIDE_CLI_PATH), {u"serve-webhooks"_s, u"--port"_s, u"0"_s});
        QByteArray printed;
        connect(&server, &QProcess::readyReadStandardOutput, this, [&] { printed += server.readAllStandardOutput(); });
        QTRY_VERIFY_WITH_TIMEOUT(printed.contains("POST http://127.0.0.1:"), 20000);
        // THEN it keeps running until SIGTERM, then exits 0
        QVERIFY(server.state() == QProcess::Running);
        server.terminate();
        QVERIFY(server.waitForFinished(20000));
        QCOMPARE(server.exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.exitCode(), 0);
    }

    void shouldReceiveSubmitAndDrainToExactlyOneProcessInLoop()
    {
        // GIVEN a synced station and a delivered two-item return in Loop
        LoopSimProcess sim;
        QVERIFY(sim.start({u"--returns"_s, u"0"_s, u"--process-delay-ms"_s, u"200"_s}));
        const QJsonObject created = simControl(sim, "POST", u"returns"_s,
            "{\"state\":\"open\",\"label_status\":\"delivered\",\"line_item_count\":2}");
        const QString id = QString::number(created.value(u"id"_s).toInteger());
        const QJsonArray lines = created.value(u"line_items"_s).toArray();
        QCOMPARE(lines.size(), 2);
        QTemporaryDir dir;
        const Station station(dir);
        QCOMPARE(station.addSimMerchant(u"Demo"_s, sim, "sim-key").exitCode, 0);
        QCOMPARE(station.cli({u"sync"_s, u"--once"_s}).exitCode, 0);

        // WHEN both items arrive in good condition and the receipt is submitted and drained
        const QString first = lines.at(0).toObject().value(u"barcode"_s).toString();
        const QString second = lines.at(1).toObject().value(u"barcode"_s).toString();
        const Run received = station.cli({u"receive"_s, id, u"--item"_s, first + u"=grade_a"_s, u"--item"_s,
            second + u"=grade_b"_s, u"--submit"_s});
        QVERIFY2(received.exitCode == 0, qPrintable(received.out + received.err));
        QVERIFY2(received.out.contains(u"decision: process"_s), qPrintable(received.out));
        const Run drained = station.cli({u"outbox"_s, u"--drain"_s, u"--json"_s});
        QVERIFY2(drained.exitCode == 0, qPrintable(drained.out + drained.err));

        // THEN Loop received exactly one process call and closed the return
        const QJsonObject truth = simControl(sim, "GET", u"returns/"_s + id);
        QCOMPARE(truth.value(u"process"_s).toObject().value(u"calls_received"_s).toInt(), 1);
        QCOMPARE(truth.value(u"state"_s).toString(), u"closed"_s);
        const QJsonArray entries = QJsonDocument::fromJson(drained.out.toUtf8()).array();
        QVERIFY(!entries.isEmpty());
        for (const QJsonValue& entry : entries)
            QCOMPARE(entry.toObject().value(u"status"_s).toString(), u"done"_s);
        // AND a second receipt for the same return is refused
        const Run again = station.cli({u"receive"_s, id, u"--item"_s, first, u"--submit"_s});
        QCOMPARE(again.exitCode, 1);
    }

    void shouldFlagAMissingItemWithANoteInLoop()
    {
        LoopSimProcess sim;
        QVERIFY(sim.start({u"--returns"_s, u"0"_s}));
        const QJsonObject created = simControl(sim, "POST", u"returns"_s,
            "{\"state\":\"open\",\"label_status\":\"delivered\",\"line_item_count\":2}");
        const QString id = QString::number(created.value(u"id"_s).toInteger());
        QTemporaryDir dir;
        const Station station(dir);
        QCOMPARE(station.addSimMerchant(u"Demo"_s, sim, "sim-key").exitCode, 0);
        QCOMPARE(station.cli({u"sync"_s, u"--once"_s}).exitCode, 0);
        const QString only = created.value(u"line_items"_s).toArray().at(0).toObject().value(u"barcode"_s).toString();
        const Run received = station.cli({u"receive"_s, id, u"--item"_s, only, u"--submit"_s});
        QVERIFY2(received.out.contains(u"decision: flag (missing_item)"_s), qPrintable(received.out + received.err));
        QCOMPARE(station.cli({u"outbox"_s, u"--drain"_s}).exitCode, 0);
        const QJsonObject truth = simControl(sim, "GET", u"returns/"_s + id);
        QVERIFY(truth.value(u"flagged"_s).toBool());
        QCOMPARE(truth.value(u"process"_s).toObject().value(u"calls_received"_s).toInt(), 0);
        const QJsonArray notes = truth.value(u"notes"_s).toArray();
        QCOMPARE(notes.size(), 1);
        QVERIFY2(notes.at(0).toObject().value(u"content"_s).toString().contains(u"missing"_s),
            qPrintable(notes.at(0).toObject().value(u"content"_s).toString()));
    }

    void shouldRefuseBadReceiveArguments()
    {
        QTemporaryDir dir;
        const Station station(dir);
        QCOMPARE(station.cli({u"receive"_s}).exitCode, 2);
        QCOMPARE(station.cli({u"receive"_s, u"abc"_s}).exitCode, 2);
        QCOMPARE(station.cli({u"receive"_s, u"123"_s, u"--item"_s, u"0123=shiny"_s}).exitCode, 2);
        const Run unknown = station.cli({u"receive"_s, u"123"_s, u"--item"_s, u"0123"_s});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY(unknown.err.contains(u"sync"_s));
        QCOMPARE(station.cli({u"outbox"_s}).out.trimmed(), u"the outbox is empty"_s);
    }

    void shouldMatchAnUnknownPackageAfterTheNextSync()
    {
        // GIVEN a station that has not yet heard of a return Loop already has
        LoopSimProcess sim;
        QVERIFY(sim.start({u"--returns"_s, u"0"_s}));
        QTemporaryDir dir;
        const Station station(dir);
        QCOMPARE(station.addSimMerchant(u"Demo"_s, sim, "sim-key").exitCode, 0);
        const QJsonObject created
            = simControl(sim, "POST", u"returns"_s, "{\"state\":\"open\",\"label_status\":\"in_transit\"}");
        const QString label = created.value(u"label_barcode"_s).toString();
        QVERIFY(!label.isEmpty());

        // WHEN its package is scanned before the sync: nothing matches, so it goes to the exception queue
        QCOMPARE(station.cli({u"lookup"_s, label}).exitCode, 1);
        const Run added = station.cli({u"unknown"_s, u"add"_s, label, u"--note"_s, u"Blue box"_s});
        QVERIFY2(added.exitCode == 0, qPrintable(added.out + added.err));
        QVERIFY(station.cli({u"unknown"_s, u"list"_s}).out.contains(u"open"_s));

        // THEN the next sync matches it to its return
        QCOMPARE(station.cli({u"sync"_s, u"--once"_s}).exitCode, 0);
        const QJsonArray queue
            = QJsonDocument::fromJson(station.cli({u"unknown"_s, u"list"_s, u"--json"_s}).out.toUtf8()).array();
        QCOMPARE(queue.size(), 1);
        QCOMPARE(queue.at(0).toObject().value(u"status"_s).toString(), u"matched"_s);
        QCOMPARE(queue.at(0).toObject().value(u"return_id"_s).toString(),
            QString::number(created.value(u"id"_s).toInteger()));
        QCOMPARE(queue.at(0).toObject().value(u"raw_scan"_s).toString(), label);
    }

    void shouldProcessAFlaggedReturnAnywayFromTheCommandLine()
    {
        // GIVEN a merchant whose Loop lets flagged returns be processed, and a return received with an item
        // missing: flagged, in Loop too
        LoopSimProcess sim;
        QVERIFY(sim.start({u"--returns"_s, u"0"_s, u"--process-delay-ms"_s, u"200"_s, u"--allow-flagged-process"_s}));
        const QJsonObject created = simControl(sim, "POST", u"returns"_s,
            "{\"state\":\"open\",\"label_status\":\"delivered\",\"line_item_count\":2}");
        const QString id = QString::number(created.value(u"id"_s).toInteger());
        QTemporaryDir dir;
        const Station station(dir);
        QCOMPARE(station.addSimMerchant(u"Demo"_s, sim, "sim-key").exitCode, 0);
        QCOMPARE(station.cli({u"sync"_s, u"--once"_s}).exitCode, 0);
        const QString only = created.value(u"line_items"_s).toArray().at(0).toObject().value(u"barcode"_s).toString();
        QCOMPARE(station.cli({u"receive"_s, id, u"--item"_s, only, u"--submit"_s}).exitCode, 0);
        QCOMPARE(station.cli({u"outbox"_s, u"--drain"_s}).exitCode, 0);
        QVERIFY(simControl(sim, "GET", u"returns/"_s + id).value(u"flagged"_s).toBool());

        // WHEN the supervisor lists the flagged queue
        const Run listed = station.cli({u"supervise"_s, u"list"_s, u"flagged"_s, u"--json"_s});

        // THEN the receipt is there with its return and reason
        QVERIFY2(listed.exitCode == 0, qPrintable(listed.out + listed.err));
        const QJsonObject queue = QJsonDocument::fromJson(listed.out.toUtf8()).object();
        QCOMPARE(queue.value(u"total"_s).toInteger(), 1);
        const QJsonObject row = queue.value(u"rows"_s).toArray().at(0).toObject();
        QCOMPARE(row.value(u"return_id"_s).toString(), id);
        QCOMPARE(row.value(u"merchant"_s).toString(), u"Demo"_s);
        QCOMPARE(row.value(u"reasons"_s).toArray(), QJsonArray {u"missing_item"_s});
        const QString receipt = QString::number(row.value(u"receipt_id"_s).toInteger());
        const Run text = station.cli({u"supervise"_s, u"list"_s, u"flagged"_s});
        QVERIFY2(text.out.startsWith(u"1 flagged receipts waiting for a supervisor"_s), qPrintable(text.out));
        QVERIFY(text.out.contains(u"receipt "_s + receipt + u"\treturn "_s + id));

        // AND a decision without a note, with an empty one, or for an unknown receipt is refused
        const Run noNote = station.cli({u"supervise"_s, u"process-anyway"_s, receipt});
        QCOMPARE(noNote.exitCode, 2);
        QVERIFY2(noNote.err.contains(u"--note"_s), qPrintable(noNote.err));
        const Run emptyNote = station.cli({u"supervise"_s, u"process-anyway"_s, receipt, u"--note"_s, u" "_s});
        QCOMPARE(emptyNote.exitCode, 1);
        QVERIFY2(emptyNote.err.contains(u"Write a note"_s), qPrintable(emptyNote.err));
        const Run unknownReceipt
            = station.cli({u"supervise"_s, u"process-anyway"_s, u"9999"_s, u"--note"_s, u"Found it"_s});
        QCOMPARE(unknownReceipt.exitCode, 1);
        QVERIFY2(unknownReceipt.err.contains(u"There is no receipt 9999"_s), qPrintable(unknownReceipt.err));

        // WHEN the supervisor processes it anyway, and the outbox is drained
        const Run decided = station.cli({u"supervise"_s, u"process-anyway"_s, receipt, u"--note"_s,
            u"Customer says the second item was never shipped"_s, u"--user"_s, u"sam"_s});
        QVERIFY2(decided.exitCode == 0, qPrintable(decided.out + decided.err));
        QVERIFY2(decided.out.contains(u"processed after all"_s), qPrintable(decided.out));
        const Run drained = station.cli({u"outbox"_s, u"--drain"_s});
        QVERIFY2(drained.exitCode == 0, qPrintable(drained.out + drained.err));

        // THEN the queue is empty and Loop processed the return exactly once, with the supervisor's note
        const Run after = station.cli({u"supervise"_s, u"list"_s, u"flagged"_s, u"--json"_s});
        QCOMPARE(QJsonDocument::fromJson(after.out.toUtf8()).object().value(u"total"_s).toInteger(), 0);
        const QJsonObject truth = simControl(sim, "GET", u"returns/"_s + id);
        QCOMPARE(truth.value(u"process"_s).toObject().value(u"calls_received"_s).toInt(), 1);
        QCOMPARE(truth.value(u"state"_s).toString(), u"closed"_s);
        QStringList notes;
        for (const QJsonValue& note : truth.value(u"notes"_s).toArray())
            notes << note.toObject().value(u"content"_s).toString();
        QVERIFY2(notes.contains(u"Warehouse supervisor: Customer says the second item was never shipped"_s),
            qPrintable(notes.join(u'|')));
    }

    void shouldDismissAParkedCallAndRelinkAnUnknownPackageFromTheCommandLine()
    {
        // GIVEN a return received and processed here while the shopper had it cancelled in Loop: the process call
        // is parked
        LoopSimProcess sim;
        QVERIFY(sim.start({u"--returns"_s, u"0"_s}));
        const QJsonObject created = simControl(sim, "POST", u"returns"_s,
            "{\"state\":\"open\",\"label_status\":\"delivered\",\"line_item_count\":1}");
        const QString id = QString::number(created.value(u"id"_s).toInteger());
        QTemporaryDir dir;
        const Station station(dir);
        QCOMPARE(station.addSimMerchant(u"Demo"_s, sim, "sim-key").exitCode, 0);
        QCOMPARE(station.cli({u"sync"_s, u"--once"_s}).exitCode, 0);
        simControl(sim, "POST", u"returns/%1/state"_s.arg(id), "{\"state\":\"cancelled\"}");
        const QString item = created.value(u"line_items"_s).toArray().at(0).toObject().value(u"barcode"_s).toString();
        QCOMPARE(station.cli({u"receive"_s, id, u"--item"_s, item, u"--submit"_s}).exitCode, 0);
        station.cli({u"outbox"_s, u"--drain"_s});
        const Run parked = station.cli({u"supervise"_s, u"list"_s, u"parked"_s, u"--json"_s});
        const QJsonArray rows = QJsonDocument::fromJson(parked.out.toUtf8()).object().value(u"rows"_s).toArray();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.at(0).toObject().value(u"kind"_s).toString(), u"process"_s);
        QVERIFY(rows.at(0).toObject().value(u"last_error"_s).toString().contains(u"cancelled"_s));
        const QString entry = QString::number(rows.at(0).toObject().value(u"outbox_id"_s).toInteger());

        // WHEN the supervisor dismisses it
        const Run dismissed
            = station.cli({u"supervise"_s, u"dismiss"_s, entry, u"--note"_s, u"Cancelled by the shopper"_s});

        // THEN it leaves the parked queue, is shown as dismissed, and cannot be retried
        QVERIFY2(dismissed.exitCode == 0, qPrintable(dismissed.out + dismissed.err));
        QVERIFY(station.cli({u"supervise"_s, u"list"_s, u"parked"_s}).out.startsWith(u"0 parked calls"_s));
        QVERIFY(station.cli({u"outbox"_s}).out.contains(entry + u"\tdismissed\tprocess"_s));
        const Run retry = station.cli({u"supervise"_s, u"retry"_s, entry, u"--note"_s, u"Try again"_s});
        QCOMPARE(retry.exitCode, 1);
        QVERIFY2(retry.err.contains(u"not parked"_s), qPrintable(retry.err));

        // WHEN an unknown package is relinked by hand to a return that exists, after one that does not
        const Run added
            = station.cli({u"unknown"_s, u"add"_s, u"NO-LABEL-42"_s, u"--note"_s, u"Slip names the order"_s});
        QCOMPARE(added.exitCode, 0);
        const QJsonArray unknown = QJsonDocument::fromJson(
            station.cli({u"supervise"_s, u"list"_s, u"unknown"_s, u"--json"_s}).out.toUtf8())
                                       .object()
                                       .value(u"rows"_s)
                                       .toArray();
        QCOMPARE(unknown.size(), 1);
        const QString package = QString::number(unknown.at(0).toObject().value(u"id"_s).toInteger());
        const Run wrong = station.cli({u"supervise"_s, u"relink"_s, package, u"99999"_s, u"--note"_s, u"Slip"_s});
        QCOMPARE(wrong.exitCode, 1);
        QVERIFY2(wrong.err.contains(u"not on this station"_s), qPrintable(wrong.err));
        const Run relinked = station.cli({u"supervise"_s, u"relink"_s, package, id, u"--note"_s, u"Slip names it"_s});

        // THEN it is matched to that return and leaves the queue
        QVERIFY2(relinked.exitCode == 0, qPrintable(relinked.out + relinked.err));
        const QJsonArray queue
            = QJsonDocument::fromJson(station.cli({u"unknown"_s, u"list"_s, u"--json"_s}).out.toUtf8()).array();
        QCOMPARE(queue.at(0).toObject().value(u"status"_s).toString(), u"matched"_s);
        QCOMPARE(queue.at(0).toObject().value(u"return_id"_s).toString(), id);
        QVERIFY(station.cli({u"supervise"_s, u"list"_s, u"unknown"_s}).out.startsWith(u"0 unknown packages"_s));
    }

    void shouldRefuseBadSuperviseArguments_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no subcommand") << QStringList {} << u"list, process-anyway"_s;
        QTest::newRow("unknown subcommand") << QStringList {u"approve"_s} << u"list, process-anyway"_s;
        QTest::newRow("no queue") << QStringList {u"list"_s} << u"flagged, unknown or parked"_s;
        QTest::newRow("unknown queue") << QStringList {u"list"_s, u"everything"_s} << u"flagged, unknown or parked"_s;
        QTest::newRow("bad limit") << QStringList {u"list"_s, u"flagged"_s, u"--limit"_s, u"0"_s} << u"--limit"_s;
        QTest::newRow("bad id") << QStringList {u"close"_s, u"abc"_s, u"--note"_s, u"x"_s} << u"RETURN_ID"_s;
        QTest::newRow("relink one id") << QStringList {u"relink"_s, u"1"_s, u"--note"_s, u"x"_s}
                                       << u"UNKNOWN_ID RETURN_ID"_s;
        QTest::newRow("no note") << QStringList {u"dismiss"_s, u"1"_s} << u"--note"_s;
    }

    void shouldRefuseBadSuperviseArguments()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        QTemporaryDir dir;
        const Station station(dir);
        const Run run = station.cli(QStringList {u"supervise"_s} + arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
    }

private:
    // Owner, group and other bits; the "User" bits describe whoever asks, not the file.
    static constexpr QFileDevice::Permissions kEveryoneBits = QFileDevice::Permissions::fromInt(0x7077);

    // A station in a temporary folder, run without a D-Bus session (so without an OS keychain) and with its
    // secrets file in that folder: the CLI never touches the real keychain or config of whoever runs the tests.
    struct Station
    {
        explicit Station(const QTemporaryDir& dir)
            : databaseFile(dir.filePath(u"station.sqlite"_s))
            , secretsFile(dir.filePath(u"config/secrets.json"_s))
            , env(QProcessEnvironment::systemEnvironment())
        {
            const QString runtime = dir.filePath(u"runtime"_s);
            QDir().mkpath(runtime);
            env.insert(u"DOCKSIDE_DB"_s, u"sqlite://"_s + databaseFile);
            env.insert(u"DOCKSIDE_SECRETS_FILE"_s, secretsFile);
            // No session bus: neither the variable nor the default socket in XDG_RUNTIME_DIR, nor X11 autolaunch.
            env.remove(u"DBUS_SESSION_BUS_ADDRESS"_s);
            env.remove(u"DISPLAY"_s);
            env.remove(u"WAYLAND_DISPLAY"_s);
            env.insert(u"XDG_RUNTIME_DIR"_s, runtime);
        }

        Run cli(const QStringList& arguments, const QByteArray& input = {}) const
        {
            return exec(QStringLiteral(DOCKSIDE_CLI_PATH), arguments, env, input);
        }

        // Adds a merchant whose Loop is `sim`, its API key given on standard input.
        Run addSimMerchant(const QString& name, const LoopSimProcess& sim, const QByteArray& apiKey) const
        {
            return cli({u"merchant"_s, u"add"_s, name, u"--base-url"_s, sim.baseUrl().toString() + u"/api"_s,
                           u"--api-key-file"_s, u"-"_s},
                apiKey + '\n');
        }

        Merchant merchant(const QString& name) const
        {
            auto database = Database::open(DatabaseUrl::sqliteFile(databaseFile));
            if (!database)
                return {};
            MerchantRepository repository(**database);
            const auto found = repository.findByName(name);
            return found && found->has_value() ? **found : Merchant();
        }

        QString databaseFile;
        QString secretsFile;
        QProcessEnvironment env;
    };

    static QJsonObject simControl(const LoopSimProcess& sim, const QByteArray& method, const QString& path,
        const QByteArray& body = "{}")
    {
        return sim.control(method, path, body).object();
    }

    static QByteArray contents(const QString& path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    static Run exec(const QString& program, const QStringList& arguments, const QProcessEnvironment& env,
        const QByteArray& input = {})
    {
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(program, arguments);
        process.write(input);
        process.closeWriteChannel(); // a command reading standard input sees its end instead of waiting
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
