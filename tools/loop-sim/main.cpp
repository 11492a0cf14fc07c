#include "SimOptions.h"
#include "Simulator.h"

#include <QCoreApplication>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"loop-sim"_s);

    auto options = SimOptions::parse(QCoreApplication::arguments());
    if (!options) {
        if (options.error().helpRequested) {
            std::fputs(qPrintable(options.error().message), stdout);
            return 0;
        }
        std::fprintf(
            stderr, "loop-sim: %s\nRun 'loop-sim --help' for the options.\n", qPrintable(options.error().message));
        return 2;
    }
    const QString host = options->host;
    Simulator simulator(std::move(*options));
    const auto port = simulator.start();
    if (!port) {
        std::fprintf(stderr, "loop-sim: %s\n", qPrintable(port.error()));
        return 1;
    }
    // Scripts and the test fixture wait for exactly this line.
    std::fprintf(stdout, "listening on http://%s:%u\n", qPrintable(host), unsigned(*port));
    std::fflush(stdout);
    return QCoreApplication::exec();
}
