// Renders the station's screens to PNG files: dockside-screenshots OUTPUT_DIR
// Each screen is the real MainWindow wired by the real GuiStation, over throwaway databases.

#include "GuiStation.h"
#include "MainWindow.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace Dockside;

namespace {
bool save(MainWindow& window, const QString& path)
{
    window.resize(1024, 700);
    window.show();
    QApplication::processEvents();
    if (!window.grab().save(path)) {
        fprintf(stderr, "dockside-screenshots: cannot write %s\n", qPrintable(path));
        return false;
    }
    printf("%s\n", qPrintable(path));
    return true;
}
} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationVersion(u"screenshots"_s);
    const QStringList arguments = QApplication::arguments();
    if (arguments.size() != 2) {
        fprintf(stderr, "usage: dockside-screenshots OUTPUT_DIR\n");
        return 2;
    }
    const QDir out(arguments.at(1));
    if (!QDir().mkpath(out.absolutePath())) {
        fprintf(stderr, "dockside-screenshots: cannot create %s\n", qPrintable(out.absolutePath()));
        return 1;
    }
    QTemporaryDir scratch;

    bool ok = true;
    {
        MainWindow window;
        GuiStation station(DatabaseUrl::sqliteFile(scratch.filePath(u"station.sqlite"_s)), window);
        station.start();
        ok &= save(window, out.filePath(u"overview.png"_s));
    }
    {
        const QString broken = scratch.filePath(u"broken.sqlite"_s);
        QFile file(broken);
        if (file.open(QIODevice::WriteOnly))
            file.write(QByteArray("not a database ").repeated(100));
        file.close();
        MainWindow window;
        GuiStation station(DatabaseUrl::sqliteFile(broken), window);
        station.start();
        ok &= save(window, out.filePath(u"database-error.png"_s));
    }
    return ok ? 0 : 1;
}
