#include "DemoEnvironment.h"
#include "GuiStation.h"
#include "LanguageSwitcher.h"
#include "MainWindow.h"
#include "StationContext.h"
#include "UnixSignalWatcher.h"
#include "settings/StationSettings.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>

#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

// Everything the demo runs on, torn down in reverse: the station (its threads) before the window, the window
// before the demo's world (the simulator and the temporary folder).
struct Demo
{
    std::unique_ptr<Dockside::DemoEnvironment> environment;
    std::unique_ptr<Dockside::StationSettings> settings;
    std::unique_ptr<Dockside::MainWindow> window;
    std::unique_ptr<Dockside::GuiStation> station;
};

void showFatal(const QString& message)
{
    fprintf(stderr, "dockside: %s\n", qPrintable(message));
    // Not exec(): the event loop runs already; the app ends when the box is closed.
    auto* box = new QMessageBox(QMessageBox::Critical, QApplication::translate("main", "Dockside"), message);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(box, &QMessageBox::finished, qApp, [] { QApplication::exit(1); });
    box->open();
}

void startDemo(Demo& demo, Dockside::LanguageSwitcher& language)
{
    demo.environment = std::make_unique<Dockside::DemoEnvironment>();
    QObject::connect(demo.environment.get(), &Dockside::DemoEnvironment::failed, qApp, &showFatal);
    QObject::connect(demo.environment.get(), &Dockside::DemoEnvironment::ready, qApp, [&demo, &language] {
        const Dockside::DemoEnvironment& environment = *demo.environment;
        demo.settings = std::make_unique<Dockside::StationSettings>(environment.settingsPath());
        language.follow(*demo.settings);
        demo.window = std::make_unique<Dockside::MainWindow>();
        demo.station = std::make_unique<Dockside::GuiStation>(environment.databaseUrl(), *demo.window, *demo.settings);
        // The demo's keys stay in its own file, never in the person's keychain.
        demo.station->setFileSecretsOnly(true);
        demo.station->start();
        demo.window->showDemoCodes(environment.codeLines());
        // The descriptions are written in the language of the moment: again when it changes.
        QObject::connect(&language, &Dockside::LanguageSwitcher::languageChanged, demo.window.get(),
            [&demo] { demo.window->showDemoCodes(demo.environment->codeLines()); });
        demo.window->show();

        QString text = u"Dockside demo: the Loop simulator at %1 plays the shop \"%2\"; the demo's database and "
                       u"settings are in %3 and are removed when Dockside quits.\n"
                       u"Codes to try (scan them, or type them into the scan field and press Enter):\n"_s.arg(
                           environment.simulatorUrl().toString(), environment.merchantName(), environment.folder());
        for (const QString& line : environment.codeLines())
            text += u"  "_s + line + u'\n';
        fputs(qPrintable(text), stdout);
        fflush(stdout);
    });
    demo.environment->start();
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(u"Dockside"_s);
    QApplication::setApplicationName(u"dockside"_s);
    QApplication::setApplicationDisplayName(u"Dockside"_s);
    QApplication::setApplicationVersion(QStringLiteral(DOCKSIDE_VERSION));

    // The station's language (Settings → Station) from the start; switching it later needs no restart.
    Dockside::StationSettings settings(Dockside::StationSettings::defaultPath());
    Dockside::LanguageSwitcher language;
    language.follow(settings);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Dockside receiving station"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dbOption(u"db"_s,
        QApplication::translate("main",
            "Database URL: sqlite:///path/to/file.sqlite or postgresql://user:password@host:port/database. "
            "Default: $DOCKSIDE_DB, else the URL in Settings, else dockside.sqlite in the app data folder."),
        u"URL"_s);
    const QCommandLineOption demoOption(u"demo"_s,
        QApplication::translate("main",
            "Try Dockside without a Loop account: a throwaway database and a simulated Loop shop with returns, "
            "removed again on exit."));
    parser.addOption(dbOption);
    parser.addOption(demoOption);
    if (!parser.parse(QApplication::arguments())) {
        fprintf(stderr, "dockside: %s\nRun dockside --help for the options.\n", qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet(u"help"_s))
        parser.showHelp(0);
    if (parser.isSet(u"version"_s))
        parser.showVersion();
    if (parser.isSet(demoOption) && parser.isSet(dbOption)) {
        fprintf(stderr, "dockside: --demo brings its own throwaway database; leave out --db.\n");
        return 2;
    }

    // Ctrl+C or a service manager's stop: leave through the event loop, so threads stop, the sync lease is
    // released and the demo's simulator and files are removed.
    Dockside::UnixSignalWatcher signalWatcher;
    QObject::connect(
        &signalWatcher, &Dockside::UnixSignalWatcher::terminationRequested, &app, [] { QApplication::quit(); });

    if (parser.isSet(demoOption)) {
        Demo demo;
        startDemo(demo, language);
        return QApplication::exec(); // `demo` goes first, in the order its members say
    }

    // --db, else $DOCKSIDE_DB, else the URL in the settings, else the default file.
    QString urlText = parser.value(dbOption);
    if (urlText.isEmpty() && qEnvironmentVariableIsEmpty("DOCKSIDE_DB"))
        urlText = settings.databaseUrl();
    const Dockside::Result<Dockside::DatabaseUrl> url = Dockside::StationContext::databaseUrl(urlText);
    if (!url) {
        // Say it on the terminal and in a window: the station may have been started from a desktop icon.
        fprintf(stderr, "dockside: %s\n", qPrintable(url.error().message));
        QMessageBox::critical(nullptr, QApplication::translate("main", "Dockside"), url.error().message);
        return 2;
    }

    Dockside::MainWindow window;
    Dockside::GuiStation station(*url, window, settings);
    station.start();
    window.show();
    return QApplication::exec();
}
