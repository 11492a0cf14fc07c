#include "Cli.h"

#include <QCoreApplication>
#include <QTextStream>

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
    return cli.run(QCoreApplication::arguments());
}
