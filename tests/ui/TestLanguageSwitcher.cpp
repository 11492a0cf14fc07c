#include "LanguageSwitcher.h"
#include "settings/StationSettings.h"

#include <QCoreApplication>
#include <QEvent>
#include <QLocale>
#include <QTemporaryDir>
#include <QWidget>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;

namespace {

// Counts the LanguageChange events a widget receives: what makes screens translate themselves again.
class LanguageChangeCounter final : public QWidget
{
public:
    int count = 0;

protected:
    void changeEvent(QEvent* event) override
    {
        if (event->type() == QEvent::LanguageChange)
            ++count;
        QWidget::changeEvent(event);
    }
};

QString stationTitle()
{
    // A text of the main window's form that the Spanish catalogue translates.
    return QCoreApplication::translate("MainWindow", "Dockside receiving station");
}

} // namespace

// Switching the station's language while it runs.
class TestLanguageSwitcher final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldSwitchToSpanishAndBackWhileRunning()
    {
        // GIVEN a window showing, and the station in English
        LanguageSwitcher switcher;
        QVERIFY(switcher.apply(u"en"_s));
        LanguageChangeCounter widget;
        widget.show();
        QCOMPARE(stationTitle(), u"Dockside receiving station"_s);
        const int before = widget.count;

        // WHEN Spanish is chosen
        QVERIFY(switcher.apply(u"es"_s));

        // THEN texts come in Spanish, the window was told to translate itself, and numbers follow Spanish rules
        QCOMPARE(switcher.effective(), u"es"_s);
        QCOMPARE(stationTitle(), u"Estación de recepción Dockside"_s);
        QTRY_VERIFY(widget.count > before);
        QCOMPARE(QLocale().language(), QLocale::Spanish);
        QCOMPARE(QLocale().toString(1234.5, 'f', 1), u"1234,5"_s);

        // WHEN English is chosen again
        QVERIFY(switcher.apply(u"en"_s));
        // THEN the catalogue is gone again
        QCOMPARE(switcher.effective(), u"en"_s);
        QCOMPARE(stationTitle(), u"Dockside receiving station"_s);
        QCOMPARE(QLocale().language(), QLocale::English);
    }

    void shouldRefuseALanguageWithoutACatalogueAndKeepTheCurrentOne()
    {
        LanguageSwitcher switcher;
        QVERIFY(switcher.apply(u"es"_s));
        QVERIFY(!switcher.apply(u"fr"_s));
        QCOMPARE(switcher.effective(), u"es"_s);
        QCOMPARE(stationTitle(), u"Estación de recepción Dockside"_s);
        QVERIFY(switcher.apply(u"en"_s));
    }

    void shouldFollowTheLanguageInTheSettings()
    {
        // GIVEN settings that say Spanish, followed by a switcher
        QTemporaryDir dir;
        StationSettings settings(dir.filePath(u"station.ini"_s));
        QVERIFY(settings.setLanguage(u"es"_s));
        LanguageSwitcher switcher;
        QSignalSpy changed(&switcher, &LanguageSwitcher::languageChanged);
        switcher.follow(settings);
        QCOMPARE(stationTitle(), u"Estación de recepción Dockside"_s);

        // WHEN the settings change to English
        QVERIFY(settings.setLanguage(u"en"_s));

        // THEN the switcher follows at once
        QCOMPARE(stationTitle(), u"Dockside receiving station"_s);
        QCOMPARE(changed.count(), 2);
        QCOMPARE(changed.last().at(0).toString(), u"en"_s);
    }

    void shouldNameEachLanguageInItself()
    {
        QCOMPARE(LanguageSwitcher::displayName(u"es"_s), u"Español"_s);
        QCOMPARE(LanguageSwitcher::displayName(u"en"_s), u"English"_s);
        QCOMPARE(LanguageSwitcher::displayName(QString()), u"System language"_s);
    }
};

QTEST_MAIN(TestLanguageSwitcher)
#include "TestLanguageSwitcher.moc"
