#include "Cli.h"

#include "MerchantSecrets.h"
#include "SecretStoreFactory.h"
#include "StationContext.h"
#include "UnixSignalWatcher.h"
#include "WebhookService.h"
#include "loop/LoopClient.h"
#include "outbox/OutboxDispatcher.h"
#include "receiving/ExceptionQueue.h"
#include "receiving/ReceivingService.h"
#include "receiving/ReceivingSession.h"
#include "storage/OutboxRepository.h"
#include "storage/ReturnRepository.h"
#include "storage/UnknownPackageRepository.h"
#include "supervisor/SupervisorService.h"
#include "domain/Merchant.h"
#include "receiving/ScanResolver.h"
#include "storage/DatabaseSummary.h"
#include "storage/MerchantRepository.h"
#include "storage/Migrator.h"
#include "sync/SyncWorker.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSysInfo>
#include <QUrl>
#include <QUuid>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {

const QStringList kApiVersions { u"v1"_s, u"2026-07"_s, u"2026-10"_s, u"unstable"_s };
constexpr int kMinRateLimit = 1;
constexpr int kMaxRateLimit = 10000;
constexpr qint64 kMaxSecretBytes = 64 * 1024;

// A secret from a file or, for "-", standard input: keeps it out of the shell history and `ps`.
// Surrounding whitespace goes, since key files usually end with a newline.
Result<QByteArray> readSecretFile(const QString& option, const QString& path)
{
    QFile file;
    bool opened = false;
    if (path == u"-"_s) {
        opened = file.open(stdin, QIODevice::ReadOnly);
    } else {
        file.setFileName(path);
        opened = file.open(QIODevice::ReadOnly);
    }
    const QString shown = path == u"-"_s ? u"standard input"_s : path;
    if (!opened) {
        return fail(Error::validation(u"cli.secret.unreadable"_s,
            u"cannot read --%1 %2 (%3). Check the path and that this user may read it."_s.arg(
                option, shown, file.errorString())));
    }
    const QByteArray content = file.read(kMaxSecretBytes + 1);
    if (content.size() > kMaxSecretBytes) {
        return fail(Error::validation(u"cli.secret.tooLarge"_s,
            u"--%1 %2 holds more than 64 KiB, which is no key or secret. Check the path."_s.arg(option, shown)));
    }
    const QByteArray secret = content.trimmed();
    if (secret.isEmpty()) {
        return fail(Error::validation(u"cli.secret.empty"_s,
            u"--%1 %2 is empty. Put the key or secret in it, on one line."_s.arg(option, shown)));
    }
    return secret;
}

// The secret from exactly one of --NAME VALUE and --NAME-file PATH; an empty array when neither is given.
Result<QByteArray> secretFrom(const QCommandLineParser& parser, const QCommandLineOption& value,
    const QCommandLineOption& file, const QString& option)
{
    if (parser.isSet(value) && parser.isSet(file)) {
        return fail(Error::validation(u"cli.secret.twice"_s, u"give --%1 or --%1-file, not both."_s.arg(option)));
    }
    if (parser.isSet(file))
        return readSecretFile(option + u"-file"_s, parser.value(file));
    if (!parser.isSet(value))
        return QByteArray();
    const QByteArray secret = parser.value(value).trimmed().toUtf8();
    if (secret.isEmpty())
        return fail(Error::validation(u"cli.secret.empty"_s, u"--%1 is empty."_s.arg(option)));
    return secret;
}

// A GS separator cannot be typed in most shells: "\x1d" and "<GS>" stand for it.
QString unescapeScan(QString scan)
{
    const QString gs(QChar(0x1D));
    scan.replace(u"\\x1d"_s, gs, Qt::CaseInsensitive);
    scan.replace(u"<GS>"_s, gs, Qt::CaseInsensitive);
    return scan;
}

QString formatList(const ScanCandidates& candidates)
{
    QStringList formats;
    for (const CarrierBarcode::Reading& reading : candidates.formats()) {
        if (!formats.contains(reading.format))
            formats << reading.format;
    }
    return formats.isEmpty() ? u"none"_s : formats.join(u',');
}

} // namespace

Cli::Cli(QTextStream& out, QTextStream& err, QObject* parent)
    : QObject(parent)
    , m_out(out)
    , m_err(err)
    , m_commands({
          { u"status"_s, u"Show where the database is, its schema version and what it holds."_s, &Cli::status },
          { u"migrate"_s, u"Bring the database schema up to date (dockside does this on start too)."_s, &Cli::migrate },
          { u"merchant"_s, u"Add a Loop shop with its API key (merchant add), or list them (merchant list)."_s,
              &Cli::merchant },
          { u"sync"_s, u"Pull returns from Loop for every merchant, in the background or --once."_s, &Cli::sync },
          { u"serve-webhooks"_s, u"Receive Loop's webhooks and apply them, until stopped."_s, &Cli::serveWebhooks },
          { u"normalize"_s, u"Show the exact keys a scan stands for (needs no database)."_s, nullptr, &Cli::normalize },
          { u"lookup"_s, u"Find the return(s) a scanned label, order name, return number or item names."_s,
              &Cli::lookup },
          { u"receive"_s, u"Receive a return: items, conditions, missing lines; --submit decides and queues Loop's calls."_s,
              &Cli::receive },
          { u"outbox"_s, u"Show the calls waiting for Loop; --drain sends them now."_s, &Cli::outbox },
          { u"unknown"_s, u"The exception queue: put a package that matches nothing there (add), or list it."_s,
              &Cli::unknown },
          { u"supervise"_s, u"A supervisor's queues (flagged, unknown, parked) and decisions on them."_s,
              &Cli::supervise },
      })
{
}

Cli::~Cli() = default;

QString Cli::helpText() const
{
    QString text = u"Usage: dockside-cli [--db URL] <command> [arguments]\n\n"
                   u"Headless commands of the Dockside receiving station.\n\n"
                   u"Commands:\n"_s;
    for (const Command& command : m_commands)
        text += u"  %1%2\n"_s.arg(command.name, -12).arg(command.summary);
    text += u"\nOptions:\n"
            u"  --db URL      The database: sqlite:///path/to/file.sqlite or\n"
            u"                postgresql://user:password@host:port/database.\n"
            u"                Default: $DOCKSIDE_DB, else dockside.sqlite in the app data folder.\n"
            u"  -h, --help    Show this help.\n"
            u"  -v, --version Show the version.\n"
            u"\nMerchants:\n"
            u"  merchant add NAME --base-url URL (--api-key-file PATH | --api-key KEY)\n"
            u"               [--webhook-secret-file PATH | --webhook-secret SECRET]\n"
            u"               [--api-version v1|2026-07|2026-10|unstable] [--rate-limit N]\n"
            u"      Stores the shop; its API key and webhook secret go to the OS keychain, or to a\n"
            u"      protected file when no keychain runs ($DOCKSIDE_SECRETS_FILE, else secrets.json in\n"
            u"      the app config folder). A PATH of - reads standard input, which keeps the key out\n"
            u"      of the shell history. Rate limit: requests per minute, 1 to 10000 (default 300).\n"
            u"  merchant list\n"
            u"      Shows the shops and where their keys are kept; never the keys themselves.\n"
            u"\nReceiving:\n"
            u"  receive RETURN_ID --item CODE[=CONDITION]... [--missing LINE_ITEM_ID]... [--note TEXT]\n"
            u"          [--merchant NAME] [--station NAME] [--user NAME] [--submit]\n"
            u"      Receives Loop return RETURN_ID at this station: each --item is a scanned item barcode or SKU,\n"
            u"      with its condition (grade_a, grade_b, grade_c, grade_d, incorrect_item, junk; default\n"
            u"      grade_a). Prints the decision (process or flag, and why). With --submit it stores the receipt\n"
            u"      and queues the calls to Loop (sent by outbox --drain, the GUI or a running station).\n"
            u"  outbox [--drain] [--json]\n"
            u"      Lists the calls to Loop and their state; --drain sends what is due and waits until\n"
            u"      nothing is left to send (exit 1 when calls remain waiting, e.g. a refused API key).\n"
            u"  unknown add SCAN [--note TEXT] [--photo PATH]... [--station NAME] [--user NAME]\n"
            u"      Puts a package whose label matches no return in the exception queue, raw scan kept; each\n"
            u"      later sync tries its scan again and matches it to its return when one arrives.\n"
            u"  unknown list [--json]\n"
            u"\nSupervising:\n"
            u"  supervise list flagged|unknown|parked [--merchant NAME] [--reason TEXT] [--before ID]\n"
            u"                 [--limit N] [--json]\n"
            u"      A queue, newest first, N rows (default 200) with ids below --before: flagged receipts no\n"
            u"      supervisor resolved (--reason: a reason code), unknown packages (--reason: text in the scan\n"
            u"      or note), calls to Loop parked for a supervisor (--reason: text in the error).\n"
            u"  supervise process-anyway|keep-flagged RECEIPT_ID --note TEXT [--user NAME] [--station NAME]\n"
            u"  supervise close|cancel RETURN_ID --note TEXT [--merchant NAME] [--user NAME] [--station NAME]\n"
            u"  supervise relink UNKNOWN_ID RETURN_ID --note TEXT [--merchant NAME] [--user NAME] [--station NAME]\n"
            u"  supervise retry|dismiss OUTBOX_ID --note TEXT [--user NAME] [--station NAME]\n"
            u"      Decides, with a note that is kept in the audit trail: process a flagged receipt after all, or\n"
            u"      keep it flagged; close or cancel Loop return RETURN_ID; match an unknown package to its return\n"
            u"      by hand; send a parked call again, or settle it without sending (handled in Loop Admin).\n"
            u"      Calls to Loop are queued; outbox --drain (or a running station) sends them.\n"
            u"\nSync and webhooks:\n"
            u"  sync [--once] [--full] [--station NAME] [--interval SECONDS]\n"
            u"      Pulls every merchant's returns from Loop: incrementally from where the last pull stopped,\n"
            u"      with a full backup sweep once a day (--full: now). Only one station of a site pulls at a\n"
            u"      time (a lease in the database); the others wait and take over when it stops. --once\n"
            u"      pulls once and exits (1 when a merchant failed or another station leads).\n"
            u"  serve-webhooks [--port N] [--address ADDRESS]\n"
            u"      Receives Loop's webhooks at http://ADDRESS:N/loop/webhooks/<merchant id> (default\n"
            u"      127.0.0.1:8787), checks their signatures with each merchant's webhook secret and\n"
            u"      applies them. Runs until Ctrl+C.\n"
            u"\nScans:\n"
            u"  normalize SCAN\n"
            u"      Prints the recognised barcode formats (first line, \"formats<TAB>...\"), then every exact key\n"
            u"      the scan is looked up by, one \"kind<TAB>value\" per line.\n"
            u"  lookup SCAN [--json]\n"
            u"      Prints the return(s) the scan names: merchant, return number, order, state, tracking and\n"
            u"      which key matched. Exits 1 when nothing matches: that package goes to the exception\n"
            u"      queue at the station. A GS separator (GS1 barcodes) may be passed as is, or written\n"
            u"      \\x1d or <GS>, e.g. lookup '420088101402<GS>9400111899223000047112'.\n"
            u"\nExit codes: 0 success, 1 the command failed, 2 the command line is wrong.\n"_s;
    return text;
}

int Cli::usageError(const QString& message)
{
    m_err << "dockside-cli: " << message << "\nRun dockside-cli --help for the commands and options.\n";
    m_err.flush();
    return Usage;
}

int Cli::failure(const Error& error)
{
    m_err << "dockside-cli: " << error.message << '\n';
    if (!error.detail.isEmpty())
        m_err << "  detail: " << error.detail << '\n';
    m_err.flush();
    return Failure;
}

void Cli::start(const QStringList& arguments)
{
    const int exitCode = run(arguments);
    if (exitCode != Pending)
        finish(exitCode);
}

void Cli::finish(int exitCode)
{
    m_out.flush();
    m_err.flush();
    m_context.reset();
    Q_EMIT finished(exitCode);
}

int Cli::run(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Dockside receiving station, headless"_s);
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    const QCommandLineOption dbOption(u"db"_s, u"Database URL."_s, u"URL"_s);
    const QCommandLineOption helpOption({ u"h"_s, u"help"_s }, u"Show this help."_s);
    const QCommandLineOption versionOption({ u"v"_s, u"version"_s }, u"Show the version."_s);
    parser.addOption(dbOption);
    parser.addOption(helpOption);
    parser.addOption(versionOption);
    parser.addPositionalArgument(u"command"_s, u"The command to run."_s);

    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    if (parser.isSet(helpOption)) {
        m_out << helpText();
        m_out.flush();
        return Success;
    }
    if (parser.isSet(versionOption)) {
        m_out << "dockside-cli " << QCoreApplication::applicationVersion() << '\n';
        m_out.flush();
        return Success;
    }

    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return usageError(u"no command given."_s);
    const QString name = positional.constFirst();
    const auto command = std::find_if(
        m_commands.cbegin(), m_commands.cend(), [&name](const Command& candidate) { return candidate.name == name; });
    if (command == m_commands.cend())
        return usageError(u"unknown command \"%1\"."_s.arg(name));
    if (command->offlineHandler)
        return (this->*(command->offlineHandler))(positional.mid(1));

    const Result<DatabaseUrl> url = StationContext::databaseUrl(parser.value(dbOption));
    if (!url)
        return usageError(url.error().message);
    Result<std::unique_ptr<StationContext>> context = StationContext::open(*url);
    if (!context)
        return failure(context.error());
    m_context = std::move(*context);
    return (this->*(command->handler))(*m_context, positional.mid(1));
}

int Cli::status(StationContext& context, const QStringList& arguments)
{
    if (!arguments.isEmpty())
        return usageError(u"status takes no arguments."_s);
    const Result<DatabaseSummary> summary = DatabaseSummary::read(context.database());
    if (!summary)
        return failure(summary.error());
    m_out << "database:       " << summary->displayUrl << '\n'
          << "backend:        " << summary->backend << '\n'
          << "schema version: " << summary->schemaVersion << '\n'
          << "merchants:      " << summary->merchants << '\n'
          << "returns:        " << summary->returns << '\n'
          << "pushes pending: " << summary->pendingPushes << '\n'
          << "pushes parked:  " << summary->parkedPushes << '\n';
    m_out.flush();
    return Success;
}

int Cli::migrate(StationContext& context, const QStringList& arguments)
{
    if (!arguments.isEmpty())
        return usageError(u"migrate takes no arguments."_s);
    // Opening the station already migrated; report where that left the schema.
    Migrator migrator(context.database());
    const Result<int> version = migrator.currentVersion();
    if (!version)
        return failure(version.error());
    m_out << "schema version " << *version << " (latest " << migrator.latestVersion() << ") at "
          << context.database().url().toDisplayString() << '\n';
    m_out.flush();
    return Success;
}

int Cli::merchant(StationContext& context, const QStringList& arguments)
{
    const QString subcommand = arguments.value(0);
    if (subcommand == u"add"_s)
        return addMerchant(context, arguments.mid(1));
    if (subcommand == u"list"_s)
        return listMerchants(context, arguments.mid(1));
    if (subcommand.isEmpty())
        return usageError(u"merchant needs a subcommand: add or list."_s);
    return usageError(u"unknown merchant subcommand \"%1\": use add or list."_s.arg(subcommand));
}

int Cli::addMerchant(StationContext& context, const QStringList& arguments)
{
    Merchant merchant;
    QCommandLineParser parser;
    const QCommandLineOption baseUrlOption(u"base-url"_s, u"Loop's API base URL."_s, u"URL"_s);
    const QCommandLineOption apiKeyOption(u"api-key"_s, u"The shop's Loop API key."_s, u"KEY"_s);
    const QCommandLineOption apiKeyFileOption(
        u"api-key-file"_s, u"Read the API key from PATH, - for stdin."_s, u"PATH"_s);
    const QCommandLineOption webhookSecretOption(u"webhook-secret"_s, u"Webhook signing secret."_s, u"SECRET"_s);
    const QCommandLineOption webhookSecretFileOption(
        u"webhook-secret-file"_s, u"Read the webhook secret from PATH, - for stdin."_s, u"PATH"_s);
    const QCommandLineOption apiVersionOption(
        u"api-version"_s, u"Loop API version."_s, u"VERSION"_s, merchant.apiVersion);
    const QCommandLineOption rateLimitOption(
        u"rate-limit"_s, u"Requests per minute."_s, u"N"_s, QString::number(merchant.rateLimitPerMinute));
    parser.addOptions({ baseUrlOption, apiKeyOption, apiKeyFileOption, webhookSecretOption, webhookSecretFileOption,
        apiVersionOption, rateLimitOption });
    parser.addPositionalArgument(u"name"_s, u"The merchant's name."_s);
    if (!parser.parse(QStringList { u"merchant add"_s } + arguments))
        return usageError(u"merchant add: "_s + parser.errorText());

    const QStringList names = parser.positionalArguments();
    if (names.size() != 1) {
        return usageError(u"merchant add takes exactly one NAME (put quotes around a name with spaces), "
                          "for example: merchant add \"Acme Outdoor\" --base-url URL --api-key-file PATH"_s);
    }
    merchant.name = names.constFirst().trimmed();
    if (merchant.name.isEmpty())
        return usageError(u"merchant add needs a NAME that is not empty."_s);

    if (!parser.isSet(baseUrlOption))
        return usageError(u"merchant add needs --base-url URL, for example https://api.loopreturns.com/api"_s);
    const QUrl baseUrl(parser.value(baseUrlOption), QUrl::StrictMode);
    if (!baseUrl.isValid() || (baseUrl.scheme() != u"https"_s && baseUrl.scheme() != u"http"_s)
        || baseUrl.host().isEmpty()) {
        return usageError(u"--base-url must be an http:// or https:// URL with a host, for example "
                          "https://api.loopreturns.com/api"_s);
    }
    if (!baseUrl.userInfo().isEmpty() || baseUrl.hasQuery() || baseUrl.hasFragment()) {
        return usageError(u"--base-url must be just the API's address, without user name, password, query or "
                          "fragment; give the API key with --api-key-file."_s);
    }
    merchant.baseUrl = baseUrl.toString();

    merchant.apiVersion = parser.value(apiVersionOption);
    if (!kApiVersions.contains(merchant.apiVersion)) {
        return usageError(
            u"--api-version must be one of %1 (got \"%2\")."_s.arg(kApiVersions.join(u", "_s), merchant.apiVersion));
    }

    bool isNumber = false;
    merchant.rateLimitPerMinute = parser.value(rateLimitOption).toInt(&isNumber);
    if (!isNumber || merchant.rateLimitPerMinute < kMinRateLimit || merchant.rateLimitPerMinute > kMaxRateLimit) {
        return usageError(u"--rate-limit must be a whole number of requests per minute from %1 to %2 (Loop allows "
                          "300 per API key)."_s.arg(kMinRateLimit)
                              .arg(kMaxRateLimit));
    }

    if (parser.value(apiKeyFileOption) == u"-"_s && parser.value(webhookSecretFileOption) == u"-"_s)
        return usageError(u"only one of --api-key-file and --webhook-secret-file can read standard input."_s);
    const Result<QByteArray> apiKey = secretFrom(parser, apiKeyOption, apiKeyFileOption, u"api-key"_s);
    if (!apiKey)
        return usageError(apiKey.error().message);
    if (apiKey->isEmpty()) {
        return usageError(u"merchant add needs the API key: --api-key-file PATH (or - to read standard input), "
                          "or --api-key KEY."_s);
    }
    const Result<QByteArray> webhookSecret
        = secretFrom(parser, webhookSecretOption, webhookSecretFileOption, u"webhook-secret"_s);
    if (!webhookSecret)
        return usageError(webhookSecret.error().message);

    // Refuse a taken name before any secret is written; insert() checks again in its transaction.
    MerchantRepository repository(context.database());
    const Result<std::optional<Merchant>> existing = repository.findByName(merchant.name);
    if (!existing)
        return failure(existing.error());
    if (existing->has_value()) {
        return failure(Error::validation(u"merchant.name.taken"_s,
            u"a merchant named \"%1\" already exists (id %2). Choose another name; dockside-cli merchant list "
            "shows the stored merchants."_s.arg(merchant.name)
                .arg((*existing)->id)));
    }

    SecretStoreFactory::choose(
        this, [this, merchant, apiKey = *apiKey, webhookSecret = *webhookSecret](SecretStoreFactory::Choice choice) {
            if (!choice.notice.isEmpty()) {
                m_err << "dockside-cli: " << choice.notice << '\n';
                m_err.flush();
            }
            m_context->setSecretStore(std::move(choice.store));
            storeMerchant(merchant, apiKey, webhookSecret);
        });
    return Pending;
}

void Cli::storeMerchant(const Merchant& merchant, const QByteArray& apiKey, const QByteArray& webhookSecret)
{
    SecretStore& store = *m_context->secretStore();
    // A fresh id per merchant, not its name: a name can be reused after a rename, a key must never be.
    const QString prefix = u"merchant/"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    Merchant stored = merchant;
    stored.apiKeyRef = store.referenceFor(prefix + u"/api-key"_s);
    if (!webhookSecret.isEmpty())
        stored.webhookSecretRef = store.referenceFor(prefix + u"/webhook-secret"_s);

    store.write(stored.apiKeyRef, apiKey, this, [this, stored, webhookSecret](Status written) {
        if (!written) {
            finish(failure(written.error()));
            return;
        }
        if (stored.webhookSecretRef.isEmpty()) {
            insertMerchant(stored);
            return;
        }
        m_context->secretStore()->write(stored.webhookSecretRef, webhookSecret, this, [this, stored](Status also) {
            if (!also) {
                discardSecrets({ stored.apiKeyRef }, also.error());
                return;
            }
            insertMerchant(stored);
        });
    });
}

void Cli::insertMerchant(Merchant merchant)
{
    MerchantRepository repository(m_context->database());
    const Result<qint64> id = repository.insert(merchant);
    if (!id) {
        QStringList written { merchant.apiKeyRef };
        if (!merchant.webhookSecretRef.isEmpty())
            written.append(merchant.webhookSecretRef);
        discardSecrets(written, id.error());
        return;
    }
    const QString where = m_context->secretStore()->description();
    m_out << "added merchant \"" << merchant.name << "\" (id " << *id << "); its API key "
          << (merchant.webhookSecretRef.isEmpty() ? "is" : "and webhook secret are") << " kept in the " << where
          << '\n';
    finish(Success);
}

void Cli::discardSecrets(QStringList references, const Error& reason)
{
    if (references.isEmpty()) {
        finish(failure(reason));
        return;
    }
    const QString reference = references.takeFirst();
    m_context->secretStore()->remove(reference, this, [this, references, reason, reference](Status removed) {
        if (!removed) {
            m_err << "dockside-cli: could not remove the unused secret " << reference << ": " << removed.error().message
                  << '\n';
        }
        discardSecrets(references, reason);
    });
}

int Cli::listMerchants(StationContext& context, const QStringList& arguments)
{
    if (!arguments.isEmpty())
        return usageError(u"merchant list takes no arguments."_s);
    MerchantRepository repository(context.database());
    const Result<QList<Merchant>> merchants = repository.list();
    if (!merchants)
        return failure(merchants.error());
    if (merchants->isEmpty()) {
        m_out << "no merchants yet; add one with: dockside-cli merchant add NAME --base-url URL --api-key-file PATH\n";
        m_out.flush();
        return Success;
    }
    const auto keptIn = [](const QString& reference) -> QString {
        return u"kept in the "_s + SecretStoreFactory::describe(reference);
    };
    for (const Merchant& merchant : *merchants) {
        m_out << merchant.name << " (id " << merchant.id << ")" << (merchant.active ? "" : " inactive") << '\n'
              << "  base URL:       " << merchant.baseUrl << '\n'
              << "  API version:    " << merchant.apiVersion << '\n'
              << "  rate limit:     " << merchant.rateLimitPerMinute << " requests per minute\n"
              << "  API key:        " << (merchant.apiKeyRef.isEmpty() ? u"not set"_s : keptIn(merchant.apiKeyRef))
              << '\n'
              << "  webhook secret: "
              << (merchant.webhookSecretRef.isEmpty() ? u"not set"_s
                                                      : QString(u"set, "_s + keptIn(merchant.webhookSecretRef)))
              << '\n';
    }
    m_out.flush();
    return Success;
}

void Cli::finishOnTermination(std::function<void()> stop)
{
    m_signals = new UnixSignalWatcher(this);
    connect(m_signals, &UnixSignalWatcher::terminationRequested, this, [this, stop](int) {
        m_err << "dockside-cli: stopping\n";
        stop();
        finish(Success);
    });
}

int Cli::sync(StationContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption onceOption(u"once"_s, u"Pull once and exit."_s);
    const QCommandLineOption fullOption(u"full"_s, u"Run the full backup sweep now."_s);
    const QCommandLineOption stationOption(u"station"_s, u"This station's name."_s, u"NAME"_s,
        QSysInfo::machineHostName().isEmpty() ? u"station"_s : QSysInfo::machineHostName());
    const QCommandLineOption intervalOption(u"interval"_s, u"Seconds between pulls."_s, u"SECONDS"_s, u"300"_s);
    parser.addOptions({ onceOption, fullOption, stationOption, intervalOption });
    if (!parser.parse(QStringList { u"sync"_s } + arguments))
        return usageError(parser.errorText());
    if (!parser.positionalArguments().isEmpty())
        return usageError(u"sync takes no arguments besides its options."_s);
    bool ok = false;
    const int interval = parser.value(intervalOption).toInt(&ok);
    if (!ok || interval < 10 || interval > 86400)
        return usageError(u"--interval takes a number of seconds from 10 to 86400."_s);

    const Result<QList<Merchant>> merchants = MerchantRepository(context.database()).list();
    if (!merchants)
        return failure(merchants.error());
    if (merchants->isEmpty()) {
        return failure(Error::validation(u"sync.no_merchants"_s,
            u"There are no merchants to sync. Add one with: dockside-cli merchant add NAME --base-url URL "
            u"--api-key-file PATH"_s));
    }
    SyncSettings settings;
    settings.stationId = parser.value(stationOption);
    settings.intervalMs = interval * 1000;
    const bool once = parser.isSet(onceOption);
    const bool full = parser.isSet(fullOption);

    MerchantSecrets::load(*merchants, this, [this, settings, once, full](MerchantSecrets::Loaded loaded, QStringList problems) {
        for (const QString& problem : std::as_const(problems))
            m_err << "dockside-cli: " << problem << '\n';
        m_err.flush();
        m_sync = std::make_unique<SyncWorker>(m_context->database(), m_clock, settings,
            [loaded](const Merchant& merchant) -> std::optional<QByteArray> {
                const auto found = loaded.constFind(merchant.id);
                if (found == loaded.cend() || found->apiKey.isEmpty())
                    return std::nullopt;
                return found->apiKey;
            });
        m_sync->setFirstRunFull(full);
        connect(m_sync.get(), &SyncWorker::runFinished, this, [this, once](bool succeeded) {
            printSyncSummary();
            if (!once)
                return;
            m_sync->stop();
            finish(succeeded ? Success : Failure);
        });
        if (!once)
            finishOnTermination([this] { m_sync->stop(); });
        m_sync->start();
    });
    return Pending;
}

void Cli::printSyncSummary()
{
    const SyncStatus& status = m_sync->status();
    if (!status.leader) {
        m_out << "this station does not lead the sync"
              << (status.leaderId.isEmpty() ? QString() : u"; "_s + status.leaderId + u" does"_s)
              << ". Only one station of a site pulls from Loop; this one takes over when the leader stops.\n";
    }
    for (const MerchantSyncStatus& merchant : status.merchants) {
        m_out << merchant.merchantName << ": pulled " << merchant.returnsPulled << " returns (" << merchant.returnsInserted
              << " new, " << merchant.returnsUpdated << " updated)" << (merchant.fullSweep ? ", with the full sweep" : "");
        if (merchant.returnsRejected > 0)
            m_out << ", " << merchant.returnsRejected << " unreadable (see the log)";
        if (merchant.rateLimitWaits > 0)
            m_out << ", waited " << merchant.rateLimitWaits << " times for the rate limit";
        m_out << '\n';
        if (!merchant.lastError.isEmpty())
            m_out << "  last error: " << merchant.lastError << '\n';
    }
    m_out.flush();
}

int Cli::serveWebhooks(StationContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption portOption(u"port"_s, u"Port to listen on."_s, u"N"_s, u"8787"_s);
    const QCommandLineOption addressOption(u"address"_s, u"Address to listen on."_s, u"ADDRESS"_s, u"127.0.0.1"_s);
    parser.addOptions({ portOption, addressOption });
    if (!parser.parse(QStringList { u"serve-webhooks"_s } + arguments))
        return usageError(parser.errorText());
    if (!parser.positionalArguments().isEmpty())
        return usageError(u"serve-webhooks takes no arguments besides its options."_s);
    bool ok = false;
    const int port = parser.value(portOption).toInt(&ok);
    if (!ok || port < 0 || port > 65535)
        return usageError(u"--port takes a number from 0 to 65535 (0 picks a free port)."_s);
    const QHostAddress address(parser.value(addressOption));
    if (address.isNull())
        return usageError(u"--address takes an IP address such as 127.0.0.1 or 0.0.0.0."_s);

    const Result<QList<Merchant>> merchants = MerchantRepository(context.database()).list();
    if (!merchants)
        return failure(merchants.error());
    const QList<Merchant> all = *merchants;
    MerchantSecrets::load(all, this, [this, all, port, address](MerchantSecrets::Loaded loaded, QStringList problems) {
        for (const QString& problem : std::as_const(problems))
            m_err << "dockside-cli: " << problem << '\n';
        QHash<qint64, QByteArray> secrets;
        for (const Merchant& merchant : all) {
            if (const QByteArray secret = loaded.value(merchant.id).webhookSecret; !secret.isEmpty())
                secrets.insert(merchant.id, secret);
        }
        const QHash<qint64, LoopClient::Options> clients = MerchantSecrets::clientOptions(all, loaded);
        WebhookService::Options options;
        options.receiver.address = address;
        options.receiver.port = quint16(port);
        Result<std::unique_ptr<WebhookService>> service = WebhookService::start(m_context->database(), m_clock,
            [secrets](qint64 merchantId) -> std::optional<QByteArray> {
                const auto found = secrets.constFind(merchantId);
                return found == secrets.cend() ? std::nullopt : std::optional<QByteArray>(*found);
            },
            [clients, clock = &m_clock](qint64 merchantId, QObject* parent) -> LoopClient* {
                const auto found = clients.constFind(merchantId);
                return found == clients.cend() ? nullptr : new LoopClient(*found, *clock, parent);
            },
            options);
        if (!service) {
            finish(failure(service.error()));
            return;
        }
        m_webhooks = std::move(*service);
        m_out << "listening on http://" << address.toString() << ':' << m_webhooks->port() << '\n';
        for (const Merchant& merchant : all) {
            m_out << "  " << merchant.name << ": "
                  << (secrets.contains(merchant.id)
                             ? u"POST "_s + m_webhooks->endpoint(merchant.id).toString()
                             : u"no webhook secret set, deliveries are refused (merchant add --webhook-secret-file)"_s)
                  << '\n';
        }
        m_out.flush();
        finishOnTermination([this] { m_webhooks.reset(); });
    });
    return Pending;
}

int Cli::normalize(const QStringList& arguments)
{
    if (arguments.size() != 1) {
        return usageError(u"normalize takes exactly one SCAN (put quotes around a scan with spaces), for example: "
                          "normalize '1Z999AA10123456784'"_s);
    }
    const Result<ScanCandidates> candidates = ScanCandidates::fromScan(unescapeScan(arguments.constFirst()));
    if (!candidates)
        return usageError(candidates.error().message);
    m_out << "formats\t" << formatList(*candidates) << '\n';
    for (const ScanKey& key : candidates->keys())
        m_out << scanKeyKindCode(key.kind) << '\t' << key.value << '\n';
    m_out.flush();
    return Success;
}

int Cli::lookup(StationContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption jsonOption(u"json"_s, u"Print JSON."_s);
    parser.addOption(jsonOption);
    if (!parser.parse(QStringList {u"lookup"_s} + arguments))
        return usageError(u"lookup: "_s + parser.errorText());
    const QStringList scans = parser.positionalArguments();
    if (scans.size() != 1) {
        return usageError(u"lookup takes exactly one SCAN (put quotes around a scan with spaces), for example: "
                          "lookup '#1042' --json"_s);
    }
    const bool json = parser.isSet(jsonOption);

    const Result<ScanResolver::Resolution> resolved
        = ScanResolver(context.database()).resolve(unescapeScan(scans.constFirst()));
    if (!resolved) {
        if (resolved.error().kind == Error::Kind::Validation)
            return usageError(resolved.error().message);
        return failure(resolved.error());
    }

    ReturnRepository returns(context.database());
    MerchantRepository merchants(context.database());
    QHash<qint64, QString> merchantNames;
    QJsonArray found;
    QStringList lines;
    for (const qint64 id : resolved->returnIds) {
        const Result<std::optional<Return>> value = returns.find(id);
        if (!value)
            return failure(value.error());
        if (!value->has_value())
            continue; // deleted since the lookup
        const Return& row = **value;
        if (!merchantNames.contains(row.merchantId)) {
            const Result<std::optional<Merchant>> merchant = merchants.find(row.merchantId);
            if (!merchant)
                return failure(merchant.error());
            merchantNames.insert(row.merchantId, merchant->has_value() ? (*merchant)->name : QString());
        }
        QStringList matched;
        for (const ScanKeyKind kind : resolved->kindsFor(id))
            matched << scanKeyKindCode(kind);
        found.append(QJsonObject {
            {u"merchant_id"_s, row.merchantId},
            {u"merchant"_s, merchantNames.value(row.merchantId)},
            {u"return_id"_s, row.loopId},
            {u"order_name"_s, row.orderName},
            {u"state"_s, returnStateCode(row.state)},
            {u"carrier"_s, row.carrier},
            {u"tracking_number"_s, row.trackingNumber},
            {u"matched"_s, QJsonArray::fromStringList(matched)},
        });
        lines << u"return %1 (%2)\n  order:    %3\n  state:    %4\n  tracking: %5\n  matched:  %6\n"_s.arg(
            QString::number(row.loopId), merchantNames.value(row.merchantId),
            row.orderName.isEmpty() ? u"-"_s : row.orderName, returnStateCode(row.state),
            row.trackingNumber.isEmpty() ? u"-"_s : QString(row.carrier + u' ' + row.trackingNumber).trimmed(),
            matched.join(u", "_s));
    }

    if (json) {
        QJsonArray formats;
        for (const CarrierBarcode::Reading& reading : resolved->candidates.formats()) {
            formats.append(QJsonObject {{u"format"_s, reading.format}, {u"kind"_s, scanKeyKindCode(reading.kind)},
                {u"value"_s, reading.value}, {u"detail"_s, reading.detail}});
        }
        QJsonArray candidates;
        for (const ScanKey& key : resolved->candidates.keys())
            candidates.append(QJsonObject {{u"kind"_s, scanKeyKindCode(key.kind)}, {u"value"_s, key.value}});
        const QJsonObject document {
            {u"outcome"_s, ScanResolver::outcomeCode(resolved->outcome)},
            {u"item_match"_s, resolved->itemMatch},
            {u"truncated"_s, resolved->truncated},
            {u"formats"_s, formats},
            {u"candidates"_s, candidates},
            {u"returns"_s, found},
        };
        m_out << QString::fromUtf8(QJsonDocument(document).toJson(QJsonDocument::Indented));
    } else if (!found.isEmpty()) {
        m_out << (found.size() == 1 ? u"1 return"_s : u"%1 returns"_s.arg(found.size()))
              << (resolved->truncated ? " (and more)" : "") << " for this scan"
              << (resolved->itemMatch ? " (an item code)" : "")
              << (resolved->outcome == ScanResolver::Outcome::Several ? "; choose one" : "")
              << "; formats: " << formatList(resolved->candidates) << "\n\n"
              << lines.join(u'\n');
    }
    m_out.flush();
    if (found.isEmpty()) {
        m_err << "dockside-cli: no return matches this scan. Put the package in the exception queue: "
                 "dockside-cli unknown add SCAN\n";
        m_err.flush();
        return Failure;
    }
    return Success;
}

int Cli::receive(StationContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption itemOption(u"item"_s, u"A scanned item, CODE or CODE=CONDITION."_s, u"CODE"_s);
    const QCommandLineOption missingOption(u"missing"_s, u"A line item that is not in the package."_s, u"ID"_s);
    const QCommandLineOption noteOption(u"note"_s, u"A note on the receipt."_s, u"TEXT"_s);
    const QCommandLineOption merchantOption(u"merchant"_s, u"The merchant, when the return id is ambiguous."_s,
        u"NAME"_s);
    const QCommandLineOption stationOption(u"station"_s, u"This station's name."_s, u"NAME"_s,
        QSysInfo::machineHostName().isEmpty() ? u"station"_s : QSysInfo::machineHostName());
    const QCommandLineOption userOption(u"user"_s, u"Who receives."_s, u"NAME"_s,
        qEnvironmentVariable("USER", u"receiver"_s));
    const QCommandLineOption submitOption(u"submit"_s, u"Store the receipt and queue the calls to Loop."_s);
    parser.addOptions({ itemOption, missingOption, noteOption, merchantOption, stationOption, userOption, submitOption });
    parser.addPositionalArgument(u"return-id"_s, u"Loop's return id."_s);
    if (!parser.parse(QStringList { u"receive"_s } + arguments))
        return usageError(parser.errorText());
    if (parser.positionalArguments().size() != 1)
        return usageError(u"receive takes one Loop return id."_s);
    bool ok = false;
    const qint64 loopId = parser.positionalArguments().constFirst().toLongLong(&ok);
    if (!ok || loopId <= 0)
        return usageError(u"the return id must be Loop's numeric return id (find it with lookup)."_s);

    // Items first, so a typo in a condition costs nothing.
    QList<std::pair<QString, Condition>> items;
    for (const QString& item : parser.values(itemOption)) {
        const qsizetype equals = item.lastIndexOf(u'=');
        const QString code = equals < 0 ? item : item.left(equals);
        const QString conditionText = equals < 0 ? u"grade_a"_s : item.mid(equals + 1);
        const std::optional<Condition> condition = conditionFromCode(conditionText);
        if (code.trimmed().isEmpty() || !condition || *condition == Condition::Missing) {
            return usageError(u"--item %1: give CODE or CODE=CONDITION with a condition of grade_a, grade_b, grade_c, "
                              u"grade_d, incorrect_item or junk (use --missing for items not in the package)."_s.arg(item));
        }
        items << std::pair(code, *condition);
    }
    QList<qint64> missing;
    for (const QString& text : parser.values(missingOption)) {
        const qint64 id = text.toLongLong(&ok);
        if (!ok || id <= 0)
            return usageError(u"--missing takes a line item id (see lookup --json)."_s);
        missing << id;
    }

    const Result<Return> found = localReturn(context, loopId, parser.value(merchantOption));
    if (!found) {
        if (found.error().code == u"cli.return.ambiguous"_s)
            return usageError(found.error().message);
        Error error = found.error();
        if (error.code == u"cli.return.unknown"_s)
            error.message += u" A package that matches nothing goes to the exception queue."_s;
        return failure(error);
    }

    ReceivingService service(context.database(), m_clock);
    Result<std::unique_ptr<ReceivingSession>> opened
        = service.open(found->id, parser.value(stationOption), parser.value(userOption));
    if (!opened)
        return failure(opened.error());
    ReceivingSession& session = **opened;
    const auto giveBack = [&session] { session.abandon(); };

    for (const auto& [code, condition] : items) {
        const Result<ReceivingSession::ScanResult> scanned = session.scan(code);
        if (!scanned) {
            giveBack();
            return failure(scanned.error());
        }
        if (const Status graded = session.setCondition(scanned->key, condition); !graded) {
            giveBack();
            return failure(graded.error());
        }
        m_out << "item " << code << ": " << unitKindCode(scanned->kind)
              << (scanned->title.isEmpty() ? QString() : u" ("_s + scanned->title + u')') << ", " << conditionCode(condition)
              << '\n';
    }
    for (const qint64 id : missing) {
        if (const Status marked = session.markMissing(id); !marked) {
            giveBack();
            return failure(marked.error());
        }
    }
    if (parser.isSet(noteOption)) {
        if (const Status noted = session.setReceiptNote(parser.value(noteOption)); !noted) {
            giveBack();
            return failure(noted.error());
        }
    }

    const bool submit = parser.isSet(submitOption);
    const Result<ReceivingSession::Outcome> outcome = submit ? session.submit() : session.preview();
    if (!outcome) {
        giveBack();
        return failure(outcome.error());
    }
    const Decision& decision = outcome->evaluation.decision;
    m_out << "decision: " << decisionKindCode(decision.kind);
    QStringList reasons;
    for (const ReasonCode reason : decision.reasons)
        reasons << reasonCode(reason);
    if (!reasons.isEmpty())
        m_out << " (" << reasons.join(u", "_s) << ')';
    m_out << '\n';
    if (!outcome->flagNote.isEmpty())
        m_out << "note for Loop: " << outcome->flagNote << '\n';
    QStringList calls;
    for (const OutboxEntry& entry : outcome->outbox)
        calls << outboxKindCode(entry.kind);
    if (submit) {
        m_out << "submitted receipt " << outcome->receipt.id << "; queued for Loop: " << calls.join(u", "_s) << '\n';
    } else {
        session.abandon(ReceivingSession::Keep::Nothing);
        m_out << "not submitted (add --submit); would queue for Loop: " << calls.join(u", "_s) << '\n';
    }
    m_out.flush();
    return Success;
}

void Cli::printOutbox(StationContext& context, bool json)
{
    const Result<QList<OutboxEntry>> entries = OutboxRepository(context.database()).list(std::nullopt, 1000);
    if (!entries) {
        failure(entries.error());
        return;
    }
    if (json) {
        QJsonArray array;
        for (const OutboxEntry& entry : *entries) {
            array.append(QJsonObject {
                { u"id"_s, entry.id },
                { u"merchant_id"_s, entry.merchantId },
                { u"return_id"_s, QString::number(entry.loopReturnId) },
                { u"kind"_s, outboxKindCode(entry.kind) },
                { u"status"_s, outboxStatusCode(entry.status) },
                { u"attempts"_s, entry.attempts },
                { u"last_error"_s, entry.lastError },
            });
        }
        m_out << QJsonDocument(array).toJson(QJsonDocument::Indented);
    } else if (entries->isEmpty()) {
        m_out << "the outbox is empty\n";
    } else {
        for (const OutboxEntry& entry : *entries) {
            m_out << entry.id << '\t' << outboxStatusCode(entry.status) << '\t' << outboxKindCode(entry.kind)
                  << "\treturn " << entry.loopReturnId << "\tattempts " << entry.attempts
                  << (entry.lastError.isEmpty() ? QString() : u"\t"_s + entry.lastError) << '\n';
        }
    }
    m_out.flush();
}

int Cli::outbox(StationContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption drainOption(u"drain"_s, u"Send what is due now."_s);
    const QCommandLineOption jsonOption(u"json"_s, u"Print JSON."_s);
    parser.addOptions({ drainOption, jsonOption });
    if (!parser.parse(QStringList { u"outbox"_s } + arguments))
        return usageError(parser.errorText());
    if (!parser.positionalArguments().isEmpty())
        return usageError(u"outbox takes no arguments besides its options."_s);
    if (parser.isSet(drainOption))
        return drainOutbox(context, parser.isSet(jsonOption));
    printOutbox(context, parser.isSet(jsonOption));
    return Success;
}

int Cli::drainOutbox(StationContext& context, bool json)
{
    const Result<QList<Merchant>> merchants = MerchantRepository(context.database()).list();
    if (!merchants)
        return failure(merchants.error());
    const QList<Merchant> all = *merchants;
    MerchantSecrets::load(all, this, [this, all, json](MerchantSecrets::Loaded loaded, QStringList problems) {
        for (const QString& problem : std::as_const(problems))
            m_err << "dockside-cli: " << problem << '\n';
        const QHash<qint64, LoopClient::Options> clients = MerchantSecrets::clientOptions(all, loaded);
        OutboxSettings settings;
        settings.stationId = QSysInfo::machineHostName();
        m_outbox = std::make_unique<OutboxDispatcher>(m_context->database(), m_clock, settings,
            [clients, clock = &m_clock](qint64 merchantId, QObject* parent) -> LoopClient* {
                const auto found = clients.constFind(merchantId);
                return found == clients.cend() ? nullptr : new LoopClient(*found, *clock, parent);
            });
        connect(m_outbox.get(), &OutboxDispatcher::idle, this, [this, json] {
            const OutboxDispatchStatus status = m_outbox->status();
            if (!status.sender) {
                m_outbox->stop();
                m_err << "dockside-cli: station " << status.senderId
                      << " sends this site's outbox now; nothing was sent from here. Its pushes show in "
                         "dockside-cli outbox.\n";
                printOutbox(*m_context, json);
                finish(Success);
                return;
            }
            if (status.pending > 0 && status.pausedMerchants.isEmpty())
                return; // waiting for a retry time: not done yet
            m_outbox->stop();
            printOutbox(*m_context, json);
            for (const PausedMerchant& paused : status.pausedMerchants)
                m_err << "dockside-cli: merchant " << paused.merchantId << " paused: " << paused.reason << '\n';
            finish(status.pending > 0 ? Failure : Success);
        });
        finishOnTermination([this] { m_outbox->stop(); });
        m_outbox->start();
    });
    return Pending;
}

int Cli::unknown(StationContext& context, const QStringList& arguments)
{
    const QString subcommand = arguments.value(0);
    if (subcommand == u"add"_s) {
        QCommandLineParser parser;
        const QCommandLineOption noteOption(u"note"_s, u"What the package looks like."_s, u"TEXT"_s);
        const QCommandLineOption photoOption(u"photo"_s, u"A photo of the package."_s, u"PATH"_s);
        const QCommandLineOption stationOption(u"station"_s, u"This station's name."_s, u"NAME"_s,
            QSysInfo::machineHostName().isEmpty() ? u"station"_s : QSysInfo::machineHostName());
        const QCommandLineOption userOption(u"user"_s, u"Who found it."_s, u"NAME"_s,
            qEnvironmentVariable("USER", u"receiver"_s));
        parser.addOptions({ noteOption, photoOption, stationOption, userOption });
        parser.addPositionalArgument(u"scan"_s, u"The scan, as read."_s);
        if (!parser.parse(QStringList { u"unknown add"_s } + arguments.mid(1)))
            return usageError(parser.errorText());
        if (parser.positionalArguments().size() != 1)
            return usageError(u"unknown add takes the scan of the package's label."_s);
        QString scan = parser.positionalArguments().constFirst();
        scan.replace(u"\\x1d"_s, QString(QChar(0x1d))).replace(u"<GS>"_s, QString(QChar(0x1d)));
        const Result<qint64> id = ExceptionQueue(context.database(), m_clock)
                                      .record(scan, parser.value(stationOption), parser.value(userOption),
                                          parser.value(noteOption), parser.values(photoOption));
        if (!id)
            return failure(id.error());
        m_out << "unknown package " << *id << " is in the exception queue; it is matched to its return "
              << "automatically when a sync brings one\n";
        m_out.flush();
        return Success;
    }
    if (subcommand != u"list"_s)
        return usageError(u"unknown needs a subcommand: add or list."_s);
    const bool json = arguments.mid(1) == QStringList { u"--json"_s };
    if (!json && arguments.size() > 1)
        return usageError(u"unknown list takes only --json."_s);
    const Result<QList<UnknownPackage>> packages = UnknownPackageRepository(context.database()).list(std::nullopt);
    if (!packages)
        return failure(packages.error());
    QJsonArray array;
    for (const UnknownPackage& package : *packages) {
        const QString status = package.status == UnknownPackage::Status::Matched ? u"matched"_s : u"open"_s;
        QString matched;
        if (package.matchedReturnId > 0) {
            const auto found = ReturnRepository(context.database()).find(package.matchedReturnId);
            if (found && found->has_value())
                matched = QString::number((*found)->loopId);
        }
        if (json) {
            array.append(QJsonObject { { u"id"_s, package.id }, { u"raw_scan"_s, package.rawScan },
                { u"status"_s, status }, { u"return_id"_s, matched }, { u"station"_s, package.station },
                { u"note"_s, package.note } });
        } else {
            QString shown = package.rawScan;
            shown.replace(QChar(0x1d), u"<GS>"_s);
            m_out << package.id << '\t' << status << '\t' << shown
                  << (matched.isEmpty() ? QString() : u"\treturn "_s + matched) << '\n';
        }
    }
    if (json)
        m_out << QJsonDocument(array).toJson(QJsonDocument::Indented);
    else if (packages->isEmpty())
        m_out << "the exception queue is empty\n";
    m_out.flush();
    return Success;
}

Result<Return> Cli::localReturn(StationContext& context, qint64 loopId, const QString& merchantName)
{
    // Loop ids are Loop-wide, but a station may hold one per merchant in theory.
    const Result<QList<Merchant>> merchants = MerchantRepository(context.database()).list();
    if (!merchants)
        return fail(merchants.error());
    ReturnRepository returns(context.database());
    QList<Return> found;
    for (const Merchant& merchant : *merchants) {
        if (!merchantName.isEmpty() && merchant.name != merchantName)
            continue;
        const auto held = returns.findByLoopId(merchant.id, loopId);
        if (!held)
            return fail(held.error());
        if (held->has_value())
            found << **held;
    }
    if (found.isEmpty()) {
        return fail(Error::validation(u"cli.return.unknown"_s,
            u"Return %1 is not on this station. Check the number with lookup, or sync first (dockside-cli sync "
            u"--once)."_s.arg(loopId)));
    }
    if (found.size() > 1) {
        return fail(Error::validation(u"cli.return.ambiguous"_s,
            u"return %1 exists for several merchants; say which with --merchant NAME."_s.arg(loopId)));
    }
    return found.constFirst();
}

int Cli::supervise(StationContext& context, const QStringList& arguments)
{
    const QString subcommand = arguments.value(0);
    if (subcommand == u"list"_s)
        return superviseList(context, arguments.mid(1));
    static const QStringList actions { u"process-anyway"_s, u"keep-flagged"_s, u"close"_s, u"cancel"_s, u"relink"_s,
        u"retry"_s, u"dismiss"_s };
    if (!actions.contains(subcommand)) {
        return usageError(u"supervise needs a subcommand: list, %1."_s.arg(actions.join(u", "_s)));
    }
    return superviseAction(context, subcommand, arguments.mid(1));
}

int Cli::superviseList(StationContext& context, const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption merchantOption(u"merchant"_s, u"Only this merchant's rows."_s, u"NAME"_s);
    const QCommandLineOption reasonOption(u"reason"_s, u"A reason code, or text to find."_s, u"TEXT"_s);
    const QCommandLineOption beforeOption(u"before"_s, u"Rows with ids below this one (the next page)."_s, u"ID"_s);
    const QCommandLineOption limitOption(u"limit"_s, u"How many rows."_s, u"N"_s, u"200"_s);
    const QCommandLineOption jsonOption(u"json"_s, u"Print JSON."_s);
    parser.addOptions({ merchantOption, reasonOption, beforeOption, limitOption, jsonOption });
    if (!parser.parse(QStringList { u"supervise list"_s } + arguments))
        return usageError(parser.errorText());
    const QStringList positional = parser.positionalArguments();
    const QString queue = positional.value(0);
    if (positional.size() != 1 || !QStringList { u"flagged"_s, u"unknown"_s, u"parked"_s }.contains(queue))
        return usageError(u"supervise list takes one queue: flagged, unknown or parked."_s);
    bool ok = false;
    const int limit = parser.value(limitOption).toInt(&ok);
    if (!ok || limit < 1 || limit > SupervisorQueues::kMaxLimit)
        return usageError(u"--limit takes a number of rows from 1 to %1."_s.arg(SupervisorQueues::kMaxLimit));
    qint64 before = 0;
    if (parser.isSet(beforeOption)) {
        before = parser.value(beforeOption).toLongLong(&ok);
        if (!ok || before <= 0)
            return usageError(u"--before takes an id from an earlier page."_s);
    }
    SupervisorFilter filter;
    filter.reason = parser.value(reasonOption);
    if (parser.isSet(merchantOption)) {
        const Result<std::optional<Merchant>> merchant
            = MerchantRepository(context.database()).findByName(parser.value(merchantOption));
        if (!merchant)
            return failure(merchant.error());
        if (!merchant->has_value()) {
            return failure(Error::validation(u"cli.merchant.unknown"_s,
                u"There is no merchant named \"%1\"; see merchant list."_s.arg(parser.value(merchantOption))));
        }
        filter.merchantId = (*merchant)->id;
    }
    const bool json = parser.isSet(jsonOption);
    const auto when = [](const QDateTime& at) { return at.isValid() ? at.toUTC().toString(Qt::ISODate) : QString(); };
    SupervisorQueues queues(context.database());
    QJsonArray rows;
    QStringList lines;
    qint64 lastId = 0;
    Result<qint64> total = qint64(0);
    if (queue == u"flagged"_s) {
        const auto page = queues.flagged(filter, before, limit);
        if (!page)
            return failure(page.error());
        total = queues.countFlagged(filter);
        for (const FlaggedReceiptRow& row : *page) {
            QStringList reasons;
            for (const ReasonCode reason : row.reasons)
                reasons << reasonCode(reason);
            rows.append(QJsonObject { { u"receipt_id"_s, row.receiptId },
                { u"return_id"_s, QString::number(row.loopReturnId) }, { u"merchant"_s, row.merchantName },
                { u"order"_s, row.orderName }, { u"customer"_s, row.customerEmail },
                { u"state"_s, returnStateCode(row.returnState) }, { u"reasons"_s, QJsonArray::fromStringList(reasons) },
                { u"submitted_at"_s, when(row.submittedAt) }, { u"station"_s, row.station }, { u"user"_s, row.user } });
            lines << u"receipt %1\treturn %2\t%3\t%4\t%5\t%6\t%7 (%8)"_s.arg(row.receiptId)
                         .arg(row.loopReturnId)
                         .arg(row.merchantName, row.orderName, reasons.join(u','), when(row.submittedAt), row.station,
                             row.user);
            lastId = row.receiptId;
        }
    } else if (queue == u"unknown"_s) {
        const auto page = queues.unknownPackages(filter, before, limit);
        if (!page)
            return failure(page.error());
        total = queues.countUnknownPackages(filter);
        for (const UnknownPackage& package : *page) {
            QString shown = package.rawScan;
            shown.replace(QChar(0x1d), u"<GS>"_s);
            rows.append(QJsonObject { { u"id"_s, package.id }, { u"raw_scan"_s, package.rawScan },
                { u"received_at"_s, when(package.receivedAt) }, { u"station"_s, package.station },
                { u"user"_s, package.user }, { u"note"_s, package.note },
                { u"photos"_s, QJsonArray::fromStringList(package.photoRefs) } });
            lines << u"unknown %1\t%2\t%3\t%4\t%5"_s.arg(package.id).arg(
                shown, when(package.receivedAt), package.station, package.note);
            lastId = package.id;
        }
    } else {
        const auto page = queues.parkedPushes(filter, before, limit);
        if (!page)
            return failure(page.error());
        total = queues.countParkedPushes(filter);
        for (const ParkedPushRow& row : *page) {
            rows.append(QJsonObject { { u"outbox_id"_s, row.entry.id }, { u"kind"_s, outboxKindCode(row.entry.kind) },
                { u"return_id"_s, QString::number(row.entry.loopReturnId) }, { u"merchant"_s, row.merchantName },
                { u"order"_s, row.orderName }, { u"attempts"_s, row.entry.attempts },
                { u"parked_at"_s, when(row.entry.updatedAt) }, { u"last_error"_s, row.entry.lastError } });
            lines << u"outbox %1\t%2\treturn %3\t%4\t%5\tattempts %6\t%7"_s.arg(row.entry.id)
                         .arg(outboxKindCode(row.entry.kind))
                         .arg(row.entry.loopReturnId)
                         .arg(row.merchantName, row.orderName)
                         .arg(row.entry.attempts)
                         .arg(row.entry.lastError);
            lastId = row.entry.id;
        }
    }
    if (!total)
        return failure(total.error());
    const bool more = rows.size() == limit;
    if (json) {
        m_out << QJsonDocument(QJsonObject { { u"queue"_s, queue }, { u"total"_s, *total }, { u"rows"_s, rows },
                                   { u"next_before"_s, more ? QJsonValue(lastId) : QJsonValue(QJsonValue::Null) } })
                     .toJson(QJsonDocument::Indented);
    } else {
        const QString name = queue == u"flagged"_s ? u"flagged receipts"_s
            : queue == u"unknown"_s                ? u"unknown packages"_s
                                                   : u"parked calls to Loop"_s;
        m_out << *total << ' ' << name << " waiting for a supervisor" << (before > 0 ? u" (this page: ids below "_s
                  + QString::number(before) + u')' : QString()) << '\n';
        for (const QString& line : std::as_const(lines))
            m_out << line << '\n';
        if (more)
            m_out << "more: supervise list " << queue << " --before " << lastId << '\n';
    }
    m_out.flush();
    return Success;
}

int Cli::superviseAction(StationContext& context, const QString& action, const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption noteOption(u"note"_s, u"Why: kept in the audit trail, and sent to Loop."_s, u"TEXT"_s);
    const QCommandLineOption merchantOption(u"merchant"_s, u"The merchant, when the return id is ambiguous."_s,
        u"NAME"_s);
    const QCommandLineOption stationOption(u"station"_s, u"This station's name."_s, u"NAME"_s,
        QSysInfo::machineHostName().isEmpty() ? u"station"_s : QSysInfo::machineHostName());
    const QCommandLineOption userOption(u"user"_s, u"Who decides."_s, u"NAME"_s,
        qEnvironmentVariable("USER", u"supervisor"_s));
    parser.addOptions({ noteOption, merchantOption, stationOption, userOption });
    if (!parser.parse(QStringList { u"supervise "_s + action } + arguments))
        return usageError(parser.errorText());
    const QStringList positional = parser.positionalArguments();
    const bool relink = action == u"relink"_s;
    const QString what = action == u"process-anyway"_s || action == u"keep-flagged"_s ? u"RECEIPT_ID"_s
        : action == u"close"_s || action == u"cancel"_s                                ? u"RETURN_ID"_s
        : relink                                                                        ? u"UNKNOWN_ID RETURN_ID"_s
                                                                                        : u"OUTBOX_ID"_s;
    QList<qint64> ids;
    for (const QString& text : positional) {
        bool ok = false;
        const qint64 id = text.toLongLong(&ok);
        ids << (ok && id > 0 ? id : 0);
    }
    if (ids.size() != (relink ? 2 : 1) || ids.contains(0))
        return usageError(u"supervise %1 takes %2 (numbers; see supervise list)."_s.arg(action, what));
    if (!parser.isSet(noteOption)) {
        return usageError(u"supervise %1 needs --note TEXT: every supervisor decision is kept with its reason."_s.arg(
            action));
    }
    const SupervisorActor actor { parser.value(stationOption), parser.value(userOption) };
    const QString note = parser.value(noteOption);

    // Returns are named by Loop's return id, as everywhere on the command line.
    qint64 returnId = 0;
    if (action == u"close"_s || action == u"cancel"_s || relink) {
        const qint64 loopId = ids.constLast();
        const Result<Return> found = localReturn(context, loopId, parser.value(merchantOption));
        if (!found) {
            if (found.error().code == u"cli.return.ambiguous"_s)
                return usageError(found.error().message);
            return failure(found.error());
        }
        returnId = found->id;
    }
    SupervisorService service(context.database(), m_clock);
    const qint64 id = ids.constFirst();
    Status done;
    QString said;
    if (action == u"process-anyway"_s) {
        done = service.processAnyway(id, actor, note);
        said = u"receipt %1 will be processed after all; queued for Loop: note, process"_s.arg(id);
    } else if (action == u"keep-flagged"_s) {
        done = service.keepFlagged(id, actor, note);
        said = u"receipt %1 stays flagged and leaves the queue; queued for Loop: note"_s.arg(id);
    } else if (action == u"close"_s) {
        done = service.closeReturn(returnId, actor, note);
        said = u"return %1 will be closed; queued for Loop: note, close"_s.arg(ids.constLast());
    } else if (action == u"cancel"_s) {
        done = service.cancelReturn(returnId, actor, note);
        said = u"return %1 will be cancelled; queued for Loop: note, cancel"_s.arg(ids.constLast());
    } else if (relink) {
        done = service.relinkUnknownPackage(id, returnId, actor, note);
        said = u"unknown package %1 is matched to return %2; receive it now"_s.arg(id).arg(ids.constLast());
    } else if (action == u"retry"_s) {
        done = service.retryParkedPush(id, actor, note);
        said = u"outbox entry %1 will be sent again"_s.arg(id);
    } else {
        done = service.dismissParkedPush(id, actor, note);
        said = u"outbox entry %1 is dismissed: it will not be sent, and the calls behind it can go"_s.arg(id);
    }
    if (!done)
        return failure(done.error());
    m_out << said;
    if (action != u"relink"_s && action != u"dismiss"_s)
        m_out << " (outbox --drain sends it)";
    m_out << '\n';
    m_out.flush();
    return Success;
}

} // namespace Dockside
