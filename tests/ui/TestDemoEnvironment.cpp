#include "DemoEnvironment.h"
#include "GuiStation.h"
#include "LoopSimProcess.h"
#include "MainWindow.h"
#include "receiving/ScanResolver.h"
#include "settings/StationSettings.h"
#include "storage/DatabaseSummary.h"
#include "storage/ReturnRepository.h"

#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTranslator>
#include <QtTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace Dockside;

// `dockside --demo`: a throwaway station on a simulated Loop shop, and the codes it offers to try.
class TestDemoEnvironment final : public QObject
{
    Q_OBJECT

private:
    static bool portAnswers(quint16 port)
    {
        QTcpSocket socket;
        socket.connectToHost(u"127.0.0.1"_s, port);
        return socket.waitForConnected(500);
    }

private Q_SLOTS:
    void shouldOfferCodesThatEachNameOneSyncedReturnAndLeaveNothingBehind()
    {
        // GIVEN the demo's world, set up with the simulator the tests use
        DemoEnvironment::Options options;
        options.loopSimProgram = Testing::LoopSimProcess::defaultProgram();
        options.returns = 150;
        QString folder;
        quint16 simulatorPort = 0;
        {
            DemoEnvironment demo(options);
            QSignalSpy ready(&demo, &DemoEnvironment::ready);
            QSignalSpy failed(&demo, &DemoEnvironment::failed);
            demo.start();
            QTRY_VERIFY_WITH_TIMEOUT(ready.count() > 0 || failed.count() > 0, 60000);
            QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
            folder = demo.folder();
            simulatorPort = quint16(demo.simulatorUrl().port());
            QVERIFY(QFileInfo(folder).isDir());
            QCOMPARE(qEnvironmentVariable("DOCKSIDE_SECRETS_FILE"), demo.secretsPath());

            // WHEN the station starts on it, as dockside --demo does
            StationSettings settings(demo.settingsPath());
            MainWindow window;
            GuiStation station(demo.databaseUrl(), window, settings);
            station.setFileSecretsOnly(true);
            QVERIFY(station.start());

            // THEN the sync stores the shop's returns
            const auto returns = [&] {
                const Result<DatabaseSummary> summary = DatabaseSummary::read(*station.database());
                return summary ? summary->returns : -1;
            };
            QTRY_COMPARE_WITH_TIMEOUT(returns(), qint64(options.returns), 90000);
            // AND the webhook receiver listens where the simulator delivers
            QTRY_VERIFY(station.servicesRunning());
            QCOMPARE(int(station.webhookPort()), settings.webhookPort());
            QVERIFY(settings.webhookEnabled());

            // AND each package code it offers names exactly one return, the one it says, whose label is delivered
            ScanResolver resolver(*station.database());
            ReturnRepository repository(*station.database());
            int packages = 0;
            bool orderName = false;
            for (const DemoEnvironment::Code& code : demo.codes()) {
                QVERIFY2(!code.code.contains(u' ') && !code.description().isEmpty(), qPrintable(code.code));
                const Result<ScanResolver::Resolution> resolved = resolver.resolve(code.code);
                QVERIFY2(resolved, qPrintable(code.code));
                if (code.item) {
                    // an item of the first return: among what it matches is that return
                    QVERIFY2(resolved->itemMatch, qPrintable(code.code));
                    continue;
                }
                ++packages;
                orderName = orderName || code.code.startsWith(u'#');
                QVERIFY2(resolved->outcome == ScanResolver::Outcome::One,
                    qPrintable(code.code + u" → "_s + ScanResolver::outcomeCode(resolved->outcome)));
                const auto found = repository.find(*resolved->returnId());
                QVERIFY(found && found->has_value());
                QCOMPARE((*found)->loopId, code.loopReturnId);
                QCOMPARE((*found)->state, ReturnState::Open);
                QTRY_COMPARE_WITH_TIMEOUT(
                    (*repository.find(*resolved->returnId()))->labelStatus, u"delivered"_s, 60000);
            }
            QCOMPARE(packages, options.packageCodes + 1);
            QVERIFY(orderName);
            QVERIFY(std::any_of(demo.codes().cbegin(), demo.codes().cend(),
                [](const DemoEnvironment::Code& code) { return code.item; }));
            // AND the lines to show read "CODE  description"
            const QStringList lines = demo.codeLines();
            QCOMPARE(lines.size(), demo.codes().size());
            QVERIFY(lines.constFirst().startsWith(demo.codes().constFirst().code + u"  "_s));
            QVERIFY(lines.constFirst().contains(u"try this one first"_s));
            // AND in the language of the moment, when it changes while the demo runs
            QTranslator spanish;
            QVERIFY(spanish.load(u":/i18n/dockside_es.qm"_s));
            QVERIFY(QCoreApplication::installTranslator(&spanish));
            const QString first = demo.codeLines().constFirst();
            QCoreApplication::removeTranslator(&spanish);
            QVERIFY2(first.startsWith(demo.codes().constFirst().code) && first.contains(u"devolución"_s)
                    && first.contains(QString::number(demo.codes().constFirst().loopReturnId)),
                qPrintable(first));
            QCOMPARE(demo.codeLines().constFirst(), lines.constFirst());
        }

        // THEN once the demo is over, its simulator is stopped and its folder removed
        QVERIFY(!QFileInfo::exists(folder));
        QVERIFY(!portAnswers(simulatorPort));
    }

    void shouldSayHowToBuildTheSimulatorWhenItIsMissing()
    {
        // GIVEN no simulator where the demo looks
        DemoEnvironment::Options options;
        options.loopSimProgram = u"/nonexistent/tools/loop-sim/loop-sim"_s;
        DemoEnvironment demo(options);
        QSignalSpy failed(&demo, &DemoEnvironment::failed);

        // WHEN it starts
        demo.start();

        // THEN it fails with a message that says how to build it
        QTRY_COMPARE(failed.count(), 1);
        const QString message = failed.at(0).at(0).toString();
        QVERIFY2(message.contains(u"cmake --build build/dev --target loop-sim"_s), qPrintable(message));
        QVERIFY(message.contains(u"DOCKSIDE_LOOP_SIM"_s));

        // AND findLoopSim() takes $DOCKSIDE_LOOP_SIM when it names a program, and finds nothing where nothing is
        const QString simulator = Testing::LoopSimProcess::defaultProgram();
        qputenv("DOCKSIDE_LOOP_SIM", "/nonexistent/loop-sim");
        const QString missing = DemoEnvironment::findLoopSim(u"/nonexistent/app"_s);
        qputenv("DOCKSIDE_LOOP_SIM", simulator.toLocal8Bit());
        const QString found = DemoEnvironment::findLoopSim(u"/nonexistent/app"_s);
        qunsetenv("DOCKSIDE_LOOP_SIM");
        QVERIFY(missing.isEmpty());
        QCOMPARE(found, QFileInfo(simulator).absoluteFilePath());
    }

    void shouldCleanUpWhenTheDemoAppIsStoppedWithSigterm()
    {
        // GIVEN `dockside --demo` running
        QProcess app;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        environment.insert(u"DOCKSIDE_LOOP_SIM"_s, Testing::LoopSimProcess::defaultProgram());
        app.setProcessEnvironment(environment);
        app.start(QStringLiteral(DOCKSIDE_APP_PATH), { u"--demo"_s });
        QVERIFY(app.waitForStarted());
        QByteArray output;
        QTRY_VERIFY2_WITH_TIMEOUT((output += app.readAllStandardOutput()).contains("Codes to try"),
            app.readAllStandardError().constData(), 60000);
        QTRY_VERIFY_WITH_TIMEOUT((output += app.readAllStandardOutput()).contains("try this one first"), 10000);
        const QRegularExpressionMatch where
            = QRegularExpression(u"simulator at http://127\\.0\\.0\\.1:(\\d+) .* settings are in (\\S+) and"_s)
                  .match(QString::fromUtf8(output));
        QVERIFY2(where.hasMatch(), output.constData());
        const quint16 simulatorPort = quint16(where.captured(1).toUInt());
        const QString folder = where.captured(2);
        QVERIFY(QFileInfo(folder).isDir());
        QVERIFY(portAnswers(simulatorPort));

        // WHEN it is told to stop, as a service manager or Ctrl+C does
        ::kill(pid_t(app.processId()), SIGTERM);

        // THEN it exits normally, having stopped the simulator and removed its folder
        QVERIFY(app.waitForFinished(30000));
        QCOMPARE(app.exitStatus(), QProcess::NormalExit);
        QCOMPARE(app.exitCode(), 0);
        QVERIFY(!QFileInfo::exists(folder));
        QTRY_VERIFY_WITH_TIMEOUT(!portAnswers(simulatorPort), 5000);
    }
};

QTEST_MAIN(TestDemoEnvironment)
#include "TestDemoEnvironment.moc"
