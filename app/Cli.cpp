#include "Cli.h"

#include "StationContext.h"
#include "storage/DatabaseSummary.h"
#include "storage/Migrator.h"

#include <QCommandLineParser>
#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace Dockside {

Cli::Cli(QTextStream& out, QTextStream& err)
    : m_out(out)
    , m_err(err)
    , m_commands({
          {u"status"_s, u"Show where the database is, its schema version and what it holds."_s, &Cli::status},
          {u"migrate"_s, u"Bring the database schema up to date (dockside does this on start too)."_s, &Cli::migrate},
      })
{
}

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
            u"\nExit codes: 0 success, 1 the command failed, 2 the command line is wrong.\n"_s;
    return text;
}

int Cli::usageError(const QString& message)
{
    m_err << "dockside-cli: " << message << "\nRun dockside-cli --help for the commands and options.\n";
    m_err.flush();
    return Usage;
}

int Cli::run(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Dockside receiving station, headless"_s);
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    const QCommandLineOption dbOption(u"db"_s, u"Database URL."_s, u"URL"_s);
    const QCommandLineOption helpOption({u"h"_s, u"help"_s}, u"Show this help."_s);
    const QCommandLineOption versionOption({u"v"_s, u"version"_s}, u"Show the version."_s);
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

    const Result<DatabaseUrl> url = StationContext::databaseUrl(parser.value(dbOption));
    if (!url)
        return usageError(url.error().message);
    Result<std::unique_ptr<StationContext>> context = StationContext::open(*url);
    if (!context) {
        m_err << "dockside-cli: " << context.error().message << '\n';
        if (!context.error().detail.isEmpty())
            m_err << "  detail: " << context.error().detail << '\n';
        m_err.flush();
        return Failure;
    }
    return (this->*(command->handler))(**context, positional.mid(1));
}

int Cli::status(StationContext& context, const QStringList& arguments)
{
    if (!arguments.isEmpty())
        return usageError(u"status takes no arguments."_s);
    const Result<DatabaseSummary> summary = DatabaseSummary::read(context.database());
    if (!summary) {
        m_err << "dockside-cli: " << summary.error().message << '\n';
        m_err.flush();
        return Failure;
    }
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
    if (!version) {
        m_err << "dockside-cli: " << version.error().message << '\n';
        m_err.flush();
        return Failure;
    }
    m_out << "schema version " << *version << " (latest " << migrator.latestVersion() << ") at "
          << context.database().url().toDisplayString() << '\n';
    m_out.flush();
    return Success;
}

} // namespace Dockside
