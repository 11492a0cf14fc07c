#pragma once

#include <QStringList>
#include <QTextStream>

namespace Dockside {

class StationContext;

// dockside-cli: the station's headless commands, for scripts, kiosks and administrators.
class Cli final
{
public:
    enum ExitCode {
        Success = 0,
        Failure = 1, // the command ran and failed: the database, Loop, ...
        Usage = 2, // the command line itself is wrong
    };

    Cli(QTextStream& out, QTextStream& err);

    int run(const QStringList& arguments);

private:
    struct Command
    {
        QString name;
        QString summary;
        int (Cli::*handler)(StationContext& context, const QStringList& arguments);
    };

    QString helpText() const;
    int status(StationContext& context, const QStringList& arguments);
    int migrate(StationContext& context, const QStringList& arguments);
    int usageError(const QString& message);

    QTextStream& m_out;
    QTextStream& m_err;
    QList<Command> m_commands;
};

} // namespace Dockside
