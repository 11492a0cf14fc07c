#include "settings/StationSettings.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace Dockside;

// The station's own settings: defaults, validation, persistence, and the supervisor PIN kept only as a hash.
class TestStationSettings final : public QObject
{
    Q_OBJECT

private:
    static QByteArray fileContent(const QString& path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private Q_SLOTS:
    void shouldStartWithTheDefaultsWhenNoFileExists()
    {
        // GIVEN no settings file yet
        QTemporaryDir dir;
        const QString path = dir.filePath(u"station.ini"_s);

        // WHEN the settings are read
        StationSettings settings(path);
        const StationSettings::Values values = settings.values();

        // THEN every value is its default, nothing was written, and no PIN is set
        QCOMPARE(values.stationName, StationSettings::defaultStationName());
        QVERIFY(values.databaseUrl.isEmpty());
        QCOMPARE(values.syncIntervalMinutes, 5);
        QCOMPARE(values.sweepDays, 120);
        QCOMPARE(values.webhookEnabled, false);
        QCOMPARE(values.webhookPort, 8787);
        QVERIFY(values.language.isEmpty());
        QCOMPARE(values.soundsEnabled, true);
        QVERIFY(values.scannerPort.isEmpty());
        QCOMPARE(values.scannerBaud, 9600);
        QVERIFY(!settings.hasSupervisorPin());
        QVERIFY(!settings.verifyPin(u"0000"_s));
        QVERIFY(settings.lastUserName().isEmpty());
        QVERIFY(settings.problems().isEmpty());
        QVERIFY(!QFile::exists(path));
    }

    void shouldKeepEverySavedValueForTheNextStart()
    {
        // GIVEN settings with every value changed
        QTemporaryDir dir;
        const QString path = dir.filePath(u"config/station.ini"_s);
        StationSettings::Values values;
        values.stationName = u"  Dock 3  "_s;
        values.databaseUrl = u"postgresql://dock:pw@db.local:5432/dockside"_s;
        values.syncIntervalMinutes = 15;
        values.sweepDays = 30;
        values.webhookEnabled = true;
        values.webhookPort = 9090;
        values.language = u"es"_s;
        values.soundsEnabled = false;
        values.scannerPort = u"/dev/ttyACM0"_s;
        values.scannerBaud = 115200;

        // WHEN they are saved and read back by a fresh instance on the same file
        {
            StationSettings settings(path);
            const Status saved = settings.save(values);
            QVERIFY2(saved, qPrintable(saved ? QString() : saved.error().message));
            QVERIFY(settings.setLastUserName(u"María"_s));
        }
        StationSettings reopened(path);

        // THEN each value is as saved (the name trimmed), and the file is readable by its owner only
        values.stationName = u"Dock 3"_s;
        QCOMPARE(reopened.values(), values);
        QCOMPARE(reopened.lastUserName(), u"María"_s);
        struct stat info
        {
        };
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
        QCOMPARE(info.st_mode & 07777, mode_t(0600));
        // AND the keys in the file are fixed English identifiers
        const QByteArray content = fileContent(path);
        QVERIFY2(content.contains("interval_minutes=15"), content.constData());
        QVERIFY(content.contains("language=es"));
    }

    void shouldRefuseInvalidValuesWithAMessageAndKeepTheStoredOnes_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<int>("expectedField");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("says");
        const auto row = [](const char* name, const QString& field, const QVariant& value,
                             StationSettings::Field expected, const QString& code, const QString& says) {
            QTest::newRow(name) << field << value << int(expected) << code << says;
        };
        row("port 0", u"webhookPort"_s, 0, StationSettings::Field::WebhookPort, u"settings.webhook_port.range"_s,
            u"from 1 to 65535"_s);
        row("port 70000", u"webhookPort"_s, 70000, StationSettings::Field::WebhookPort,
            u"settings.webhook_port.range"_s, u"from 1 to 65535"_s);
        row("interval 0", u"syncIntervalMinutes"_s, 0, StationSettings::Field::SyncInterval,
            u"settings.sync_interval.range"_s, u"from 1 to 1440 minutes"_s);
        row("interval 2 days", u"syncIntervalMinutes"_s, 2880, StationSettings::Field::SyncInterval,
            u"settings.sync_interval.range"_s, u"from 1 to 1440 minutes"_s);
        row("sweep 0 days", u"sweepDays"_s, 0, StationSettings::Field::SweepDays, u"settings.sweep_days.range"_s,
            u"from 1 to 730 days"_s);
        row("language fr", u"language"_s, u"fr"_s, StationSettings::Field::Language, u"settings.language.unknown"_s,
            u"en, es"_s);
        row("blank name", u"stationName"_s, u"   "_s, StationSettings::Field::StationName,
            u"settings.station_name.empty"_s, u"needs a name"_s);
        row("odd baud", u"scannerBaud"_s, 1234, StationSettings::Field::ScannerBaud,
            u"settings.scanner_baud.unsupported"_s, u"9600"_s);
        row("mysql url", u"databaseUrl"_s, u"mysql://db/dockside"_s, StationSettings::Field::DatabaseUrl,
            u"settings.database_url.invalid"_s, u"mysql"_s);
    }

    void shouldRefuseInvalidValuesWithAMessageAndKeepTheStoredOnes()
    {
        QFETCH(QString, field);
        QFETCH(QVariant, value);
        QFETCH(int, expectedField);
        QFETCH(QString, code);
        QFETCH(QString, says);

        // GIVEN saved settings
        QTemporaryDir dir;
        StationSettings settings(dir.filePath(u"station.ini"_s));
        StationSettings::Values good;
        good.stationName = u"Dock 1"_s;
        QVERIFY(settings.save(good));
        QSignalSpy changed(&settings, &StationSettings::changed);

        // WHEN one value is out of range and the whole set is saved
        StationSettings::Values bad = good;
        bad.webhookEnabled = true; // a valid change in the same save must not land either
        if (field == u"webhookPort"_s)
            bad.webhookPort = value.toInt();
        else if (field == u"syncIntervalMinutes"_s)
            bad.syncIntervalMinutes = value.toInt();
        else if (field == u"sweepDays"_s)
            bad.sweepDays = value.toInt();
        else if (field == u"language"_s)
            bad.language = value.toString();
        else if (field == u"stationName"_s)
            bad.stationName = value.toString();
        else if (field == u"scannerBaud"_s)
            bad.scannerBaud = value.toInt();
        else if (field == u"databaseUrl"_s)
            bad.databaseUrl = value.toString();
        const QList<StationSettings::Problem> problems = StationSettings::validate(bad);
        const Status saved = settings.save(bad);

        // THEN validation names the field, the save fails with a message that says what is allowed,
        // and nothing changed
        QCOMPARE(problems.size(), 1);
        QCOMPARE(int(problems.constFirst().field), expectedField);
        QVERIFY(!saved);
        QCOMPARE(saved.error().kind, Error::Kind::Validation);
        QCOMPARE(saved.error().code, code);
        QVERIFY2(saved.error().message.contains(says), qPrintable(saved.error().message));
        QCOMPARE(settings.values(), good);
        QCOMPARE(StationSettings(settings.path()).values(), good);
        QCOMPARE(changed.count(), 0);
    }

    void shouldReadHandEditedNonsenseAsTheDefaultsAndSaySo()
    {
        // GIVEN a settings file edited by hand into values out of range
        QTemporaryDir dir;
        const QString path = dir.filePath(u"station.ini"_s);
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("[sync]\ninterval_minutes=abc\nsweep_days=5\n[webhooks]\nenabled=true\nport=99999\n"
                       "[ui]\nlanguage=klingon\n[station]\nname=Dock 9\n");
        }

        // WHEN the station reads it
        StationSettings settings(path);
        const StationSettings::Values values = settings.values();

        // THEN the bad values read as their defaults (the webhook receiver stays off without a valid port),
        // the good ones are kept, and each bad one is reported for the log
        QCOMPARE(values.syncIntervalMinutes, 5);
        QCOMPARE(values.webhookPort, 8787);
        QCOMPARE(values.webhookEnabled, false);
        QVERIFY(values.language.isEmpty());
        QCOMPARE(values.sweepDays, 5);
        QCOMPARE(values.stationName, u"Dock 9"_s);
        const QStringList problems = settings.problems();
        QCOMPARE(problems.size(), 3);
        QVERIFY2(problems.join(u'\n').contains(path), qPrintable(problems.join(u'\n')));
    }

    void shouldKeepOnlyASaltedHashOfTheSupervisorPin()
    {
        // GIVEN two stations
        QTemporaryDir dir;
        StationSettings first(dir.filePath(u"a.ini"_s));
        StationSettings second(dir.filePath(u"b.ini"_s));

        // WHEN both set the same PIN
        QElapsedTimer timer;
        timer.start();
        QVERIFY(first.setSupervisorPin(u"482913"_s));
        const qint64 hashMs = timer.elapsed();
        QVERIFY(second.setSupervisorPin(u"482913"_s));

        // THEN the right PIN is accepted and others are not, also after a restart
        QVERIFY(first.hasSupervisorPin());
        QVERIFY(first.verifyPin(u"482913"_s));
        QVERIFY(!first.verifyPin(u"482914"_s));
        QVERIFY(!first.verifyPin(u"48291"_s));
        QVERIFY(!first.verifyPin(QString()));
        QVERIFY(StationSettings(first.path()).verifyPin(u"482913"_s));
        // AND neither file holds the PIN, and the salts make the two hashes differ
        const QByteArray a = fileContent(first.path());
        const QByteArray b = fileContent(second.path());
        QVERIFY(!a.contains("482913") && !b.contains("482913"));
        QVERIFY(a.contains("pbkdf2-sha256"));
        QVERIFY(a != b);
        // AND checking a PIN is quick enough for a sign-in
        QVERIFY2(hashMs < 3000, qPrintable(u"hashing took %1 ms"_s.arg(hashMs)));

        // WHEN the PIN is changed
        QVERIFY(first.setSupervisorPin(u"7777"_s));
        // THEN only the new one works
        QVERIFY(first.verifyPin(u"7777"_s));
        QVERIFY(!first.verifyPin(u"482913"_s));
    }

    void shouldRefuseAPinThatIsNotFourToTwelveDigits()
    {
        QTemporaryDir dir;
        StationSettings settings(dir.filePath(u"station.ini"_s));
        QVERIFY(settings.setSupervisorPin(u"1234"_s));
        for (const QString& pin : { u"123"_s, u"12a4"_s, u"1234567890123"_s, QString(), u" 1234"_s }) {
            const Status set = settings.setSupervisorPin(pin);
            QVERIFY2(!set, qPrintable(pin));
            QCOMPARE(set.error().code, u"settings.pin.format"_s);
            QVERIFY(set.error().message.contains(u"4 to 12 digits"_s));
        }
        QVERIFY(settings.verifyPin(u"1234"_s));
    }

    void shouldTellWhatChangedAfterASave()
    {
        // GIVEN saved settings
        QTemporaryDir dir;
        StationSettings settings(dir.filePath(u"station.ini"_s));
        QSignalSpy changed(&settings, &StationSettings::changed);

        // WHEN the webhook receiver is switched on, then the same is saved again
        QVERIFY(settings.setWebhook(true, 8899));
        QVERIFY(settings.setWebhook(true, 8899));

        // THEN one change is reported, with the values before and after
        QCOMPARE(changed.count(), 1);
        const auto before = changed.at(0).at(0).value<StationSettings::Values>();
        const auto after = changed.at(0).at(1).value<StationSettings::Values>();
        QCOMPARE(before.webhookEnabled, false);
        QCOMPARE(after.webhookEnabled, true);
        QCOMPARE(after.webhookPort, 8899);
    }

    void shouldSayWhenTheFileCannotBeWritten()
    {
        // GIVEN a settings path below a regular file, where no folder can be made (also as root)
        QTemporaryDir dir;
        const QString blocker = dir.filePath(u"not-a-folder"_s);
        {
            QFile file(blocker);
            QVERIFY(file.open(QIODevice::WriteOnly));
        }
        StationSettings settings(blocker + u"/station.ini"_s);

        // WHEN a value is saved
        const Status saved = settings.setStationName(u"Dock 2"_s);

        // THEN the failure names the file and says what to check
        QVERIFY(!saved);
        QCOMPARE(saved.error().code, u"settings.unwritable"_s);
        QVERIFY(saved.error().message.contains(blocker));
        QVERIFY(saved.error().message.contains(u"not saved"_s));
    }
};

QTEST_GUILESS_MAIN(TestStationSettings)
#include "TestStationSettings.moc"
