#include "GuiStation.h"
#include "MainWindow.h"
#include "StationContext.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QTranslator>

using namespace Qt::StringLiterals;

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(u"Dockside"_s);
    QApplication::setApplicationName(u"dockside"_s);
    QApplication::setApplicationDisplayName(u"Dockside"_s);
    QApplication::setApplicationVersion(QStringLiteral(DOCKSIDE_VERSION));

    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    QTranslator translator;
    if (translator.load(QLocale(), u"dockside"_s, u"_"_s, u":/i18n"_s))
        QApplication::installTranslator(&translator);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Dockside receiving station"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dbOption(u"db"_s,
        QApplication::translate("main",
            "Database URL: sqlite:///path/to/file.sqlite or postgresql://user:password@host:port/database. "
            "Default: $DOCKSIDE_DB, else dockside.sqlite in the app data folder."),
        u"URL"_s);
    parser.addOption(dbOption);
    if (!parser.parse(QApplication::arguments())) {
        fprintf(stderr, "dockside: %s\nRun dockside --help for the options.\n", qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet(u"help"_s))
        parser.showHelp(0);
    if (parser.isSet(u"version"_s))
        parser.showVersion();

    const Dockside::Result<Dockside::DatabaseUrl> url = Dockside::StationContext::databaseUrl(parser.value(dbOption));
    if (!url) {
        // Say it on the terminal and in a window: the station may have been started from a desktop icon.
        fprintf(stderr, "dockside: %s\n", qPrintable(url.error().message));
        QMessageBox::critical(nullptr, QApplication::translate("main", "Dockside"), url.error().message);
        return 2;
    }

    Dockside::MainWindow window;
    Dockside::GuiStation station(*url, window);
    station.start();
    window.show();
    return QApplication::exec();
}
