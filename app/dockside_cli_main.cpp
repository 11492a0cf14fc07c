#include "Cli.h"

#include <QCoreApplication>
#include <QTextStream>
#include <QTimer>

#include <cstdio>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Dockside"));
    QCoreApplication::setApplicationName(QStringLiteral("dockside"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DOCKSIDE_VERSION));

    QTextStream out(stdout);
    QTextStream err(stderr);
    Dockside::Cli cli(out, err);
    QObject::connect(&cli, &Dockside::Cli::finished, &app, &QCoreApplication::exit);
    // Started from the event loop, so exit() has a loop to end even when the command finishes at once; commands
    // that wait for the OS keychain finish later from that same loop.
    QTimer::singleShot(0, &cli, [&cli] { cli.start(QCoreApplication::arguments()); });
    return QCoreApplication::exec();
}
