#pragma once

#include "storage/DatabaseUrl.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QList>
#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <memory>

class QJsonObject;
class QNetworkAccessManager;
class QTemporaryDir;
class QTimer;

namespace Dockside {

class Database;

// `dockside --demo`: a whole station world that vanishes afterwards. In a temporary folder: a fresh SQLite
// database, a station settings file (sync every minute, webhook receiver on) and a protected secrets file; beside
// it loop-sim, started as a child process on a free port with seeded returns, playing the demo merchant's Loop
// shop and sending it webhooks. A few open returns get their labels marked delivered (the parcels are at the
// dock), and their label barcodes and an order name are offered as codes to try.
//
// Destroying it stops the simulator and removes the folder; the simulator also dies with the app if the app is
// killed (PR_SET_PDEATHSIG). Everything happens asynchronously: start(), then ready() or failed().
class DemoEnvironment final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoEnvironment)

public:
    struct Options
    {
        QString loopSimProgram; // empty: findLoopSim()
        int returns = 300;
        int seed = 7;
        int packageCodes = 4; // label barcodes offered, besides one order name
        int timeoutMs = 30'000; // for the simulator to start and answer
    };

    // A code to scan or type, and what it is.
    struct Code
    {
        QString code;
        qint64 loopReturnId = 0;
        bool item = false; // an item of the first return, not a package
        std::function<QString()> describe; // in the language of the moment

        QString description() const { return describe ? describe() : QString(); }
    };

    explicit DemoEnvironment(QObject* parent = nullptr);
    DemoEnvironment(Options options, QObject* parent = nullptr);
    ~DemoEnvironment() override;

    // $DOCKSIDE_LOOP_SIM, else <applicationDir>/../tools/loop-sim/loop-sim (the build tree), else
    // <applicationDir>/loop-sim; empty when none of them is an executable file.
    static QString findLoopSim(const QString& applicationDir);

    void start();

    bool isReady() const { return m_ready; }
    QString folder() const;
    DatabaseUrl databaseUrl() const;
    QString settingsPath() const; // a StationSettings file set up for the demo
    QString secretsPath() const; // the protected file holding the demo merchant's API key and webhook secret
    QUrl simulatorUrl() const { return m_simUrl; }
    qint64 simulatorPid() const;
    QString merchantName() const { return m_merchantName; }

    // The packages to try (each names exactly one return), then the items of the first one.
    const QList<Code>& codes() const { return m_codes; }
    // "CODE  description", one per code, for a list on screen (MainWindow::showDemoCodes) and for stdout.
    QStringList codeLines() const;

Q_SIGNALS:
    void ready();
    void failed(const QString& message);

private:
    using JsonCallback = std::function<void(const QJsonDocument&)>;

    void fail(const QString& message);
    void startSimulator();
    void onSimulatorOutput();
    void prepareDatabase();
    void chooseCodes();
    void collectTruth(QList<qint64> ids, QList<QJsonObject> truths);
    void pickCodes(const QList<QJsonObject>& truths);
    void deliverLabels(QList<qint64> ids);
    void finish();
    void request(const QByteArray& method, const QString& path, const QByteArray& body, JsonCallback done);
    void stopSimulator();

    Options m_options;
    std::unique_ptr<QTemporaryDir> m_folder;
    std::unique_ptr<Database> m_database; // open while the demo is being set up
    QProcess m_simulator;
    QByteArray m_simulatorOutput;
    QTimer* m_timeout = nullptr;
    QNetworkAccessManager* m_network = nullptr;
    QUrl m_simUrl;
    QByteArray m_apiKey;
    QByteArray m_webhookSecret;
    quint16 m_webhookPort = 0;
    qint64 m_merchantId = 0;
    QString m_merchantName;
    QList<Code> m_codes;
    QList<qint64> m_toDeliver;
    bool m_ready = false;
    bool m_failed = false;
    bool m_hadSecretsFile = false;
    QByteArray m_previousSecretsFile;
};

} // namespace Dockside
