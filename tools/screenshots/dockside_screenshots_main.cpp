// Renders the station's screens to PNG files: dockside-screenshots OUTPUT_DIR
// Each screen is the real MainWindow wired by the real GuiStation: a fresh and a broken database, then the demo
// (a loop-sim child with seeded returns) driven with keys the way a receiver and a supervisor use it.

#include "DemoEnvironment.h"
#include "GuiStation.h"
#include "LanguageSwitcher.h"
#include "MainWindow.h"
#include "ReceivePage.h"
#include "SettingsDialog.h"
#include "SignInDialog.h"
#include "settings/StationSettings.h"

#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace Dockside;

namespace {

QDir g_out;
bool g_ok = true;

void settle(int ms = 300)
{
    QTest::qWait(ms);
}

void save(QWidget& widget, const QString& name)
{
    settle();
    const QString path = g_out.filePath(name);
    if (!widget.grab().save(path)) {
        fprintf(stderr, "dockside-screenshots: cannot write %s\n", qPrintable(path));
        g_ok = false;
        return;
    }
    printf("%s\n", qPrintable(path));
}

// Waits (processing events) until `done` holds, at most `ms`.
template<typename Predicate>
bool waitFor(Predicate done, int ms = 30'000)
{
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < ms)
        QTest::qWait(50);
    return done();
}

void typeScan(MainWindow& window, const QString& scan)
{
    auto* field = window.findChild<QLineEdit*>(u"scanLineEdit"_s);
    field->setFocus();
    QTest::keyClicks(field, scan);
    QTest::keyClick(field, Qt::Key_Return);
    settle(150);
}

void staticScreens(QTemporaryDir& scratch)
{
    {
        MainWindow window;
        StationSettings settings(scratch.filePath(u"fresh.ini"_s));
        settings.setLastUserName(u"Rosa"_s);
        GuiStation station(DatabaseUrl::sqliteFile(scratch.filePath(u"station.sqlite"_s)), window, settings);
        station.setFileSecretsOnly(true);
        station.start();
        window.resize(1280, 800);
        window.show();
        save(window, u"overview.png"_s);
    }
    {
        const QString broken = scratch.filePath(u"broken.sqlite"_s);
        QFile file(broken);
        if (file.open(QIODevice::WriteOnly))
            file.write(QByteArray("not a database ").repeated(100));
        file.close();
        MainWindow window;
        StationSettings settings(scratch.filePath(u"broken.ini"_s));
        GuiStation station(DatabaseUrl::sqliteFile(broken), window, settings);
        station.start();
        window.resize(1280, 800);
        window.show();
        save(window, u"database-error.png"_s);
    }
}

void demoScreens(const DemoEnvironment& demo, LanguageSwitcher& language)
{
    StationSettings settings(demo.settingsPath());
    MainWindow window;
    GuiStation station(demo.databaseUrl(), window, settings);
    station.setFileSecretsOnly(true);
    station.start();
    window.showDemoCodes(demo.codeLines());
    QObject::connect(&language, &LanguageSwitcher::languageChanged, &window,
        [&window, &demo] { window.showDemoCodes(demo.codeLines()); });
    window.resize(1440, 900);
    window.show();
    window.activateWindow();
    waitFor([&] { return station.servicesRunning(); });
    settle(1500);
    save(window, u"receive-idle.png"_s);

    // A package whose items arrive: scan its label, then its items with a condition each.
    const QList<DemoEnvironment::Code>& codes = demo.codes();
    typeScan(window, codes.first().code);
    for (const DemoEnvironment::Code& code : codes) {
        if (!code.item)
            continue;
        typeScan(window, code.code);
        QTest::keyClick(window.findChild<QLineEdit*>(u"scanLineEdit"_s), Qt::Key_1, Qt::ControlModifier);
        break; // one item graded, the others still to scan
    }
    save(window, u"receive-return.png"_s);
    QTest::keyClick(window.findChild<QLineEdit*>(u"scanLineEdit"_s), Qt::Key_Return, Qt::ControlModifier);
    save(window, u"receive-decision.png"_s);
    QTest::keyClick(window.findChild<QLineEdit*>(u"scanLineEdit"_s), Qt::Key_Return, Qt::ControlModifier);
    settle(500);

    // A package of four items that arrives empty, in a crushed box: flagged for a supervisor. The package note is
    // set directly: typed keys would race the wedge detector's timing in this offscreen run.
    typeScan(window, codes.at(2).code);
    if (auto* packageNote = window.findChild<QLineEdit*>(u"packageNoteLineEdit"_s))
        packageNote->setText(u"Box crushed, taped shut"_s);
    QTest::keyClick(window.findChild<QLineEdit*>(u"scanLineEdit"_s), Qt::Key_Return, Qt::ControlModifier);
    save(window, u"receive-decision-flag.png"_s);
    QTest::keyClick(window.findChild<QLineEdit*>(u"scanLineEdit"_s), Qt::Key_Return, Qt::ControlModifier);
    settle(500);

    typeScan(window, u"9400100000000000000000"_s);
    if (auto* dialog = window.findChild<QDialog*>(u"unknownPackageDialog"_s)) {
        QTest::keyClicks(dialog->findChild<QPlainTextEdit*>(u"notePlainTextEdit"_s), u"Brown box, no paperwork"_s);
        save(*dialog, u"unknown-package.png"_s);
        dialog->findChild<QPushButton*>(u"recordPushButton"_s)->click();
    }

    // The supervisor signs in with the demo's PIN and opens the supervisor screen.
    window.showPage(MainWindow::Page::Supervisor);
    settle(800);
    if (auto* view = window.findChild<QTableView*>(u"flaggedTableView"_s); view && view->model()->rowCount() > 0)
        view->selectRow(0);
    save(window, u"supervisor.png"_s);

    if (SignInDialog* signIn = station.openSignIn(&window, true)) {
        save(*signIn, u"sign-in.png"_s);
        signIn->reject();
    }
    if (SettingsDialog* widget = station.openSettings(&window)) {
        auto* tabs = widget->findChild<QTabWidget*>();
        const QStringList names {u"settings-station.png"_s, u"settings-database.png"_s, u"settings-sync.png"_s,
            u"settings-merchants.png"_s, u"settings-pin.png"_s};
        for (int i = 0; tabs && i < tabs->count() && i < names.size(); ++i) {
            tabs->setCurrentIndex(i);
            save(*widget, names.at(i));
        }
        widget->reject();
    }

    // The receive screen in Spanish, as many dock staff read it.
    window.showPage(MainWindow::Page::Receive);
    if (language.apply(u"es"_s)) {
        typeScan(window, codes.at(1).code);
        save(window, u"receive-return-es.png"_s);
        language.apply(u"en"_s);
    }
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
    g_out = QDir(arguments.at(1));
    if (!QDir().mkpath(g_out.absolutePath())) {
        fprintf(stderr, "dockside-screenshots: cannot create %s\n", qPrintable(g_out.absolutePath()));
        return 1;
    }
    QTemporaryDir scratch;
    LanguageSwitcher language;
    staticScreens(scratch);

    DemoEnvironment::Options options;
    options.loopSimProgram = DemoEnvironment::findLoopSim(QApplication::applicationDirPath() + u"/../loop-sim"_s);
    DemoEnvironment demo(options);
    bool ready = false;
    QObject::connect(&demo, &DemoEnvironment::ready, &app, [&ready] { ready = true; });
    QObject::connect(&demo, &DemoEnvironment::failed, &app, [](const QString& message) {
        fprintf(stderr, "dockside-screenshots: the demo did not start: %s\n", qPrintable(message));
        g_ok = false;
    });
    demo.start();
    if (waitFor([&] { return ready || !g_ok; }, 60'000) && ready)
        demoScreens(demo, language);
    else
        g_ok = false;
    return g_ok ? 0 : 1;
}
