#include "DemoEnvironment.h"

#include "domain/Merchant.h"
#include "settings/FileSecretStore.h"
#include "settings/StationSettings.h"
#include "storage/Database.h"
#include "storage/MerchantRepository.h"
#include "util/Logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTimer>

#include <csignal>
#include <sys/prctl.h>

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {

// The simulator answers /__sim in milliseconds; this only guards against a hung one.
constexpr int kRequestTimeoutMs = 10'000;
// Return truths read to choose codes from: enough to find each carrier's label among the open returns.
constexpr int kCandidates = 30;

QByteArray randomToken(int bytes)
{
    QByteArray token(bytes, Qt::Uninitialized);
    for (char& byte : token)
        byte = char(QRandomGenerator::system()->bounded(256));
    return token.toHex();
}

bool isExecutable(const QString& path)
{
    const QFileInfo info(path);
    return info.isFile() && info.isExecutable();
}

} // namespace

DemoEnvironment::DemoEnvironment(QObject* parent)
    : DemoEnvironment(Options {}, parent)
{
}

DemoEnvironment::DemoEnvironment(Options options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_merchantName(u"Demo Outfitters"_s)
{
    m_timeout = new QTimer(this);
    m_timeout->setSingleShot(true);
    connect(m_timeout, &QTimer::timeout, this, [this] {
        fail(tr("The Loop simulator did not get ready within %1 seconds. What it said: %2")
                 .arg(m_options.timeoutMs / 1000)
                 .arg(QString::fromLocal8Bit(m_simulator.readAllStandardError()).trimmed()));
    });
    m_network = new QNetworkAccessManager(this);
    connect(&m_simulator, &QProcess::readyReadStandardOutput, this, &DemoEnvironment::onSimulatorOutput);
    connect(&m_simulator, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            fail(tr("The Loop simulator %1 could not be started: %2")
                     .arg(m_simulator.program(), m_simulator.errorString()));
    });
    connect(&m_simulator, &QProcess::finished, this, [this](int exitCode) {
        if (!m_ready) {
            fail(tr("The Loop simulator stopped at once (exit code %1): %2")
                     .arg(exitCode)
                     .arg(QString::fromLocal8Bit(m_simulator.readAllStandardError()).trimmed()));
        } else {
            qCWarning(lcSync).noquote() << "the demo's Loop simulator stopped with exit code" << exitCode;
        }
    });
}

DemoEnvironment::~DemoEnvironment()
{
    stopSimulator();
    m_database.reset();
    if (m_hadSecretsFile)
        qputenv("DOCKSIDE_SECRETS_FILE", m_previousSecretsFile);
    else if (m_folder)
        qunsetenv("DOCKSIDE_SECRETS_FILE");
    // m_folder's destructor removes the database, the settings and the secrets.
}

QString DemoEnvironment::findLoopSim(const QString& applicationDir)
{
    const QString fromEnvironment = qEnvironmentVariable("DOCKSIDE_LOOP_SIM");
    if (!fromEnvironment.isEmpty())
        return isExecutable(fromEnvironment) ? QFileInfo(fromEnvironment).absoluteFilePath() : QString();
    const QDir dir(applicationDir);
    for (const QString& candidate : { dir.filePath(u"../tools/loop-sim/loop-sim"_s), dir.filePath(u"loop-sim"_s) }) {
        if (isExecutable(candidate))
            return QFileInfo(candidate).absoluteFilePath();
    }
    return {};
}

QString DemoEnvironment::folder() const
{
    return m_folder ? m_folder->path() : QString();
}

DatabaseUrl DemoEnvironment::databaseUrl() const
{
    return DatabaseUrl::sqliteFile(m_folder->filePath(u"demo.sqlite"_s));
}

QString DemoEnvironment::settingsPath() const
{
    return m_folder->filePath(u"station.ini"_s);
}

QString DemoEnvironment::secretsPath() const
{
    return m_folder->filePath(u"secrets.json"_s);
}

qint64 DemoEnvironment::simulatorPid() const
{
    return m_simulator.processId();
}

QStringList DemoEnvironment::codeLines() const
{
    QStringList lines;
    for (const Code& code : m_codes)
        lines << code.code + u"  "_s + code.description();
    return lines;
}

void DemoEnvironment::fail(const QString& message)
{
    if (m_failed || m_ready)
        return;
    m_failed = true;
    m_timeout->stop();
    stopSimulator();
    m_database.reset();
    Q_EMIT failed(message);
}

void DemoEnvironment::start()
{
    m_folder = std::make_unique<QTemporaryDir>(QDir::tempPath() + u"/dockside-demo-XXXXXX"_s);
    if (!m_folder->isValid()) {
        fail(tr("The demo could not create its temporary folder in %1: %2. Check that it is writable.")
                 .arg(QDir::tempPath(), m_folder->errorString()));
        return;
    }
    // Whatever reads merchant secrets (the sync, the outbox, the settings dialog) finds the demo's file.
    m_hadSecretsFile = qEnvironmentVariableIsSet("DOCKSIDE_SECRETS_FILE");
    m_previousSecretsFile = qgetenv("DOCKSIDE_SECRETS_FILE");
    qputenv("DOCKSIDE_SECRETS_FILE", secretsPath().toLocal8Bit());

    const QString program = m_options.loopSimProgram.isEmpty() ? findLoopSim(QCoreApplication::applicationDirPath())
                                                               : m_options.loopSimProgram;
    if (program.isEmpty() || !isExecutable(program)) {
        fail(tr("The demo needs the Loop simulator, loop-sim, and did not find it (looked at $DOCKSIDE_LOOP_SIM, "
                "%1 and %2). Build it with: cmake --build build/dev --target loop-sim (bash scripts/run.sh does), "
                "or set DOCKSIDE_LOOP_SIM to the program.")
                 .arg(QDir(QCoreApplication::applicationDirPath()).filePath(u"../tools/loop-sim/loop-sim"_s),
                     QDir(QCoreApplication::applicationDirPath()).filePath(u"loop-sim"_s)));
        return;
    }
    m_simulator.setProgram(program);
    prepareDatabase();
    if (m_failed)
        return;
    startSimulator();
}

void DemoEnvironment::prepareDatabase()
{
    Result<std::unique_ptr<Database>> database = Database::open(databaseUrl());
    if (!database) {
        fail(tr("The demo database could not be created: %1").arg(database.error().message));
        return;
    }
    m_database = std::move(*database);
    m_apiKey = "demo-" + randomToken(16);
    m_webhookSecret = randomToken(24);
    Merchant merchant;
    merchant.name = m_merchantName;
    merchant.baseUrl = u"http://127.0.0.1/api"_s; // the simulator's port follows once it listens
    const FileSecretStore store(secretsPath());
    merchant.apiKeyRef = store.referenceFor(u"merchant/demo/api-key"_s);
    merchant.webhookSecretRef = store.referenceFor(u"merchant/demo/webhook-secret"_s);
    const Result<qint64> id = MerchantRepository(*m_database).insert(merchant);
    if (!id) {
        fail(tr("The demo merchant could not be stored: %1").arg(id.error().message));
        return;
    }
    m_merchantId = *id;
    FileSecretStore secrets(secretsPath());
    if (const Status written = secrets.writeNow(merchant.apiKeyRef, m_apiKey); !written) {
        fail(written.error().message);
        return;
    }
    if (const Status written = secrets.writeNow(merchant.webhookSecretRef, m_webhookSecret); !written) {
        fail(written.error().message);
        return;
    }

    // A free port for the station's webhook receiver, chosen now because the simulator must know it.
    QTcpServer probe;
    if (probe.listen(QHostAddress::LocalHost, 0))
        m_webhookPort = probe.serverPort();
    probe.close();

    // The demo station: its own settings file, so trying things out changes nothing of a real station. The
    // person's language and sounds come along.
    const StationSettings::Values own = StationSettings(StationSettings::defaultPath()).values();
    StationSettings settings(settingsPath());
    StationSettings::Values values;
    values.stationName = tr("Demo dock");
    values.syncIntervalMinutes = 1;
    values.sweepDays = 120;
    values.webhookEnabled = m_webhookPort != 0;
    values.webhookPort = m_webhookPort != 0 ? m_webhookPort : values.webhookPort;
    values.language = own.language;
    values.soundsEnabled = own.soundsEnabled;
    if (const Status saved = settings.save(values); !saved) {
        fail(saved.error().message);
        return;
    }
    (void)settings.setLastUserName(tr("Demo receiver"));
}

void DemoEnvironment::startSimulator()
{
    QStringList arguments { u"--port"_s, u"0"_s, u"--returns"_s, QString::number(m_options.returns), u"--seed"_s,
        QString::number(m_options.seed), u"--api-key"_s, QString::fromLatin1(m_apiKey) };
    if (m_webhookPort != 0) {
        arguments << u"--webhook-url"_s
                  << u"http://127.0.0.1:%1/loop/webhooks/%2"_s.arg(m_webhookPort).arg(m_merchantId)
                  << u"--webhook-secret"_s << QString::fromLatin1(m_webhookSecret);
    }
    m_simulator.setArguments(arguments);
    m_simulator.setProcessChannelMode(QProcess::SeparateChannels);
    // If Dockside dies without cleaning up (SIGKILL, a crash), the kernel stops the simulator too.
    m_simulator.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    m_timeout->start(m_options.timeoutMs);
    m_simulator.start();
}

void DemoEnvironment::onSimulatorOutput()
{
    m_simulatorOutput += m_simulator.readAllStandardOutput();
    if (m_simUrl.isValid())
        return;
    // loop-sim prints exactly "listening on http://HOST:PORT" once it accepts requests.
    const qsizetype at = m_simulatorOutput.indexOf("listening on ");
    const qsizetype end = at < 0 ? -1 : m_simulatorOutput.indexOf('\n', at);
    if (end < 0)
        return;
    m_simUrl = QUrl(QString::fromUtf8(m_simulatorOutput.mid(at + 13, end - at - 13)).trimmed());
    if (!m_simUrl.isValid() || m_simUrl.port() <= 0) {
        fail(tr("The Loop simulator said something unexpected: %1").arg(QString::fromUtf8(m_simulatorOutput)));
        return;
    }
    // Point the merchant at the simulator.
    MerchantRepository merchants(*m_database);
    const Result<std::optional<Merchant>> found = merchants.find(m_merchantId);
    if (!found || !found->has_value()) {
        fail(tr("The demo merchant could not be read back."));
        return;
    }
    Merchant merchant = **found;
    QUrl api = m_simUrl;
    api.setPath(u"/api"_s);
    merchant.baseUrl = api.toString();
    if (const Status updated = merchants.update(merchant); !updated) {
        fail(tr("The demo merchant could not be stored: %1").arg(updated.error().message));
        return;
    }
    chooseCodes();
}

void DemoEnvironment::chooseCodes()
{
    request("GET", u"/__sim/returns"_s, {}, [this](const QJsonDocument& answer) {
        QList<qint64> candidates;
        for (const QJsonValue& value : answer.object().value(u"returns"_s).toArray()) {
            const QJsonObject row = value.toObject();
            const QString label = row.value(u"label_status"_s).toString();
            if (row.value(u"state"_s).toString() == u"open"_s && !row.value(u"flagged"_s).toBool() && !label.isEmpty()
                && label != u"N/A"_s)
                candidates << row.value(u"id"_s).toInteger();
        }
        if (candidates.isEmpty()) {
            fail(tr("The Loop simulator holds no open return with a label to try; start the demo with more returns."));
            return;
        }
        collectTruth(candidates.mid(0, kCandidates), {});
    });
}

void DemoEnvironment::collectTruth(QList<qint64> ids, QList<QJsonObject> truths)
{
    if (ids.isEmpty()) {
        pickCodes(truths);
        return;
    }
    const qint64 id = ids.takeFirst();
    request("GET", u"/__sim/returns/%1"_s.arg(id), {}, [this, ids, truths](const QJsonDocument& answer) mutable {
        truths << answer.object();
        collectTruth(ids, truths);
    });
}

void DemoEnvironment::pickCodes(const QList<QJsonObject>& truths)
{
    // One label of each kind a dock sees (UPS, USPS with its ZIP prefix, FedEx), then whatever is left.
    const QStringList kinds { u"ups_1z"_s, u"usps_420_impb"_s, u"fedex_34"_s, u"usps_420_impb_aim"_s,
        u"fedex_ground_96"_s };
    QList<QJsonObject> chosen;
    QList<QJsonObject> rest;
    for (const QJsonObject& truth : truths) {
        if (truth.value(u"label_barcode"_s).toString().isEmpty() || truth.value(u"carrier"_s).toString() == u"N/A"_s)
            continue;
        rest << truth;
    }
    for (const QString& kind : kinds) {
        for (const QJsonObject& truth : std::as_const(rest)) {
            if (chosen.size() < m_options.packageCodes && truth.value(u"label_barcode_kind"_s).toString() == kind
                && !chosen.contains(truth)) {
                chosen << truth;
                break;
            }
        }
    }
    for (const QJsonObject& truth : std::as_const(rest)) {
        if (chosen.size() < m_options.packageCodes && !chosen.contains(truth))
            chosen << truth;
    }
    if (chosen.isEmpty()) {
        fail(tr("The Loop simulator holds no open return with a carrier label to try."));
        return;
    }

    const auto lineItems = [](const QJsonObject& truth) {
        QJsonArray items;
        for (const QJsonValue& item : truth.value(u"line_items"_s).toArray()) {
            if (!item.toObject().value(u"removed"_s).toBool())
                items.append(item);
        }
        return items;
    };
    m_codes.clear();
    for (const QJsonObject& truth : std::as_const(chosen)) {
        QString barcode = truth.value(u"label_barcode"_s).toString();
        barcode.remove(QChar(0x1D)); // as a keyboard-wedge scanner types it: the resolver copes without the GS
        const qint64 id = truth.value(u"id"_s).toInteger();
        const int items = int(lineItems(truth).size());
        const QString carrier = truth.value(u"carrier"_s).toString();
        const bool first = m_codes.isEmpty();
        m_codes.append({ barcode, id, false, [carrier, id, items, first] {
                            const QString label = tr("%1 label of return %2 (items: %3)").arg(carrier).arg(id).arg(items);
                            return first ? label + tr(" (try this one first)") : label;
                        } });
    }
    // An order name, as a receiver types it when the label is torn.
    for (const QJsonObject& truth : truths) {
        if (chosen.contains(truth) || !truth.value(u"same_order_return_ids"_s).toArray().isEmpty()
            || truth.value(u"order_name"_s).toString().isEmpty())
            continue;
        const qint64 id = truth.value(u"id"_s).toInteger();
        const QString customer = truth.value(u"customer"_s).toString();
        m_codes.append({ truth.value(u"order_name"_s).toString(), id, false,
            [id, customer] { return tr("order name of return %1 (%2)").arg(id).arg(customer); } });
        chosen << truth;
        break;
    }
    // The first return's items, to tick off once it is open.
    const QJsonObject& first = chosen.constFirst();
    const qint64 firstId = first.value(u"id"_s).toInteger();
    for (const QJsonValue& value : lineItems(first)) {
        const QJsonObject item = value.toObject();
        const QString barcode = item.value(u"barcode"_s).toString();
        const QString code = barcode.isEmpty() ? item.value(u"sku"_s).toString() : barcode;
        if (!code.isEmpty()) {
            const QString title = item.value(u"title"_s).toString();
            m_codes.append(
                { code, firstId, true, [firstId, title] { return tr("item of return %1: %2").arg(firstId).arg(title); } });
        }
    }
    // The parcels are at the dock: their labels are delivered, as the receiving rules expect.
    QList<qint64> toDeliver;
    for (const QJsonObject& truth : std::as_const(chosen)) {
        if (truth.value(u"label_status"_s).toString() != u"delivered"_s)
            toDeliver << truth.value(u"id"_s).toInteger();
    }
    deliverLabels(toDeliver);
}

void DemoEnvironment::deliverLabels(QList<qint64> ids)
{
    if (ids.isEmpty()) {
        finish();
        return;
    }
    const qint64 id = ids.takeFirst();
    request("POST", u"/__sim/returns/%1/label"_s.arg(id), "{\"status\":\"delivered\"}",
        [this, ids](const QJsonDocument&) { deliverLabels(ids); });
}

void DemoEnvironment::finish()
{
    m_timeout->stop();
    m_database.reset(); // the station opens its own
    m_ready = true;
    Q_EMIT ready();
}

void DemoEnvironment::request(const QByteArray& method, const QString& path, const QByteArray& body, JsonCallback done)
{
    QUrl url = m_simUrl;
    url.setPath(path);
    QNetworkRequest request(url);
    request.setTransferTimeout(kRequestTimeoutMs);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    QNetworkReply* reply = method == "GET" ? m_network->get(request) : m_network->post(request, body);
    connect(reply, &QNetworkReply::finished, this, [this, reply, path, done = std::move(done)] {
        reply->deleteLater();
        if (m_failed)
            return;
        const QByteArray answer = reply->readAll();
        if (reply->error() != QNetworkReply::NoError) {
            fail(tr("The Loop simulator did not answer %1: %2").arg(path, reply->errorString()));
            return;
        }
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(answer, &error);
        if (error.error != QJsonParseError::NoError) {
            fail(tr("The Loop simulator answered %1 with something that is not JSON.").arg(path));
            return;
        }
        done(document);
    });
}

void DemoEnvironment::stopSimulator()
{
    if (m_simulator.state() == QProcess::NotRunning)
        return;
    m_simulator.disconnect(this);
    m_simulator.terminate();
    if (!m_simulator.waitForFinished(3000)) {
        m_simulator.kill();
        m_simulator.waitForFinished(1000);
    }
}

} // namespace Dockside
