#include "Builders.h"
#include "GuiStation.h"
#include "LoopSimProcess.h"
#include "MainWindow.h"
#include "receiving/ReceivingService.h"
#include "settings/FileSecretStore.h"
#include "settings/StationSettings.h"
#include "storage/DatabaseSummary.h"
#include "storage/MerchantRepository.h"
#include "storage/ReturnRepository.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStatusBar>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;

// The GUI's composition root: background services from the station's settings, and what it does when one of
// them cannot start.
class TestGuiStation final : public QObject
{
    Q_OBJECT

private:
    static quint16 freePort()
    {
        QTcpServer probe;
        return probe.listen(QHostAddress::Any, 0) ? probe.serverPort() : 0;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        qputenv("DOCKSIDE_SECRETS_FILE", m_dir->filePath(u"secrets.json"_s).toUtf8());
    }

    void cleanup()
    {
        qunsetenv("DOCKSIDE_SECRETS_FILE");
        m_dir.reset();
    }

    void shouldSayWhenTheWebhookPortIsTakenAndKeepTheStationRunning()
    {
        // GIVEN the webhook receiver is enabled on a port another program holds
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::Any, 0));
        StationSettings settings(m_dir->filePath(u"station.ini"_s));
        QVERIFY(settings.setWebhook(true, squatter.serverPort()));
        MainWindow window;
        GuiStation station(DatabaseUrl::sqliteFile(m_dir->filePath(u"station.sqlite"_s)), window, settings);
        station.setFileSecretsOnly(true);
        QSignalSpy messages(&station, &GuiStation::stationMessage);

        // WHEN the station starts
        QVERIFY(station.start());

        // THEN the other services run, and the window says why webhooks do not, and what to do
        QTRY_VERIFY(station.servicesRunning());
        QCOMPARE(station.webhookPort(), quint16(0));
        const QString problem = station.webhookProblem();
        QVERIFY2(problem.contains(QString::number(squatter.serverPort())) && problem.contains(u"another port"_s),
            qPrintable(problem));
        QVERIFY(messages.count() > 0);
        QCOMPARE(messages.last().at(0).toString(), problem);
        QCOMPARE(window.statusBar()->currentMessage(), problem);
        QVERIFY(station.database());

        // WHEN the port is changed in the settings to a free one
        const quint16 port = freePort();
        QVERIFY(settings.setWebhook(true, port));
        // THEN the receiver starts there at once
        QCOMPARE(station.webhookPort(), port);
        QVERIFY(station.webhookProblem().isEmpty());

        // WHEN the receiver is switched off
        QVERIFY(settings.setWebhook(false, port));
        // THEN it stops, and the port is free again
        QCOMPARE(station.webhookPort(), quint16(0));
        QTcpServer again;
        QVERIFY(again.listen(QHostAddress::Any, port));
    }

    void shouldPushAReceiptToLoopThroughTheOutboxWithTheStoredKey()
    {
        // GIVEN a merchant whose key is in the protected file, its Loop shop, and the station started on them
        Testing::LoopSimProcess sim;
        QVERIFY2(sim.start({ u"--returns"_s, u"40"_s, u"--seed"_s, u"3"_s }), qPrintable(sim.errorString()));
        const DatabaseUrl url = DatabaseUrl::sqliteFile(m_dir->filePath(u"station.sqlite"_s));
        qint64 merchantId = 0;
        {
            auto db = Database::open(url);
            QVERIFY(db);
            Merchant merchant = Testing::merchant(u"Outbox Demo"_s);
            QUrl api = sim.baseUrl();
            api.setPath(u"/api"_s);
            merchant.baseUrl = api.toString();
            merchant.apiKeyRef = u"file:merchant/test/api-key"_s;
            merchant.webhookSecretRef.clear();
            const Result<qint64> id = MerchantRepository(**db).insert(merchant);
            QVERIFY(id);
            merchantId = *id;
            QVERIFY(FileSecretStore(m_dir->filePath(u"secrets.json"_s)).writeNow(merchant.apiKeyRef, "sim-key"));
        }
        StationSettings settings(m_dir->filePath(u"station.ini"_s));
        QVERIFY(settings.setStationName(u"Dock 9"_s));
        MainWindow window;
        GuiStation station(url, window, settings);
        station.setFileSecretsOnly(true);
        QVERIFY(station.start());
        QTRY_COMPARE_WITH_TIMEOUT(DatabaseSummary::read(*station.database())->returns, qint64(40), 60000);

        // WHEN an open return is received with nothing in the package, and the outbox woken
        qint64 loopId = 0;
        for (const QJsonValue& value : sim.control("GET", u"returns"_s).object().value(u"returns"_s).toArray()) {
            const QJsonObject row = value.toObject();
            if (row.value(u"state"_s).toString() == u"open"_s && !row.value(u"flagged"_s).toBool()) {
                loopId = row.value(u"id"_s).toInteger();
                break;
            }
        }
        QVERIFY(loopId > 0);
        const auto held = ReturnRepository(*station.database()).findByLoopId(merchantId, loopId);
        QVERIFY(held && held->has_value());
        auto session = ReceivingService(*station.database(), station.clock()).open((*held)->id, u"Dock 9"_s, u"Rosa"_s);
        QVERIFY2(session, qPrintable(session ? QString() : session.error().message));
        const auto submitted = (*session)->submit();
        QVERIFY2(submitted, qPrintable(submitted ? QString() : submitted.error().message));
        QVERIFY(!submitted->outbox.isEmpty());
        station.wakeOutbox();

        // THEN Loop is told, with the key from the protected file, and the outbox status says all was sent
        QTRY_VERIFY_WITH_TIMEOUT(
            sim.control("GET", u"returns/%1"_s.arg(loopId)).object().value(u"flagged"_s).toBool(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(station.outboxStatus().done > 0 && station.outboxStatus().pending == 0, 30000);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_MAIN(TestGuiStation)
#include "TestGuiStation.moc"
