#include "ErrorTexts.h"
#include "MainWindow.h"

#include <QCoreApplication>
#include <QFile>
#include <QLabel>
#include <QRegularExpression>
#include <QTranslator>
#include <QtTest>

using namespace Qt::StringLiterals;

// The Spanish translation ships inside the UI library and is complete.
class TestTranslations final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldHaveNoUnfinishedSpanishEntries()
    {
        QFile ts(QStringLiteral(DOCKSIDE_TRANSLATIONS_DIR) + u"/dockside_es.ts"_s);
        QVERIFY(ts.open(QIODevice::ReadOnly));
        const QString content = QString::fromUtf8(ts.readAll());
        QVERIFY(content.count(u"<message>"_s) > 0);
        QCOMPARE(content.count(u"type=\"unfinished\""_s), 0);
        QCOMPARE(content.count(u"type=\"obsolete\""_s), 0);
        QCOMPARE(content.count(u"type=\"vanished\""_s), 0);
    }

    void shouldShowTheMainWindowInSpanish()
    {
        // GIVEN the embedded Spanish catalogue is installed
        QTranslator translator;
        QVERIFY(translator.load(u":/i18n/dockside_es.qm"_s));
        QVERIFY(QCoreApplication::installTranslator(&translator));
        // WHEN the main window is built
        Dockside::MainWindow window;
        // THEN its texts are Spanish
        QCOMPARE(window.findChild<QLabel*>(u"stationTitleLabel"_s)->text(), u"Estación de recepción Dockside"_s);
        QCoreApplication::removeTranslator(&translator);
    }

    void shouldSayWhyAStationRefusesSomethingInSpanish()
    {
        // GIVEN the Spanish catalogue, and a refusal as core words it (TestErrorTexts makes it from a real claim)
        QTranslator translator;
        QVERIFY(translator.load(u":/i18n/dockside_es.qm"_s));
        QVERIFY(QCoreApplication::installTranslator(&translator));
        const Dockside::Error error = Dockside::Error::validation(u"receiving.claimed"_s,
            u"Return %1 is being received at station %2 by %3 (claim expires %4). Finish or abandon it there, or "
            u"wait until the claim expires."_s)
                                          .with(41000007, u"Dock 2"_s, u"ana"_s, u"2026-11-02T09:15:00Z"_s);
        // WHEN the receive screen words it
        const QString shown = Dockside::ErrorTexts::message(error);
        QCoreApplication::removeTranslator(&translator);
        // THEN it is a Spanish sentence with the same return, station, user and time in it
        QVERIFY2(shown != error.message && shown.contains(u"devolución"_s, Qt::CaseInsensitive), qPrintable(shown));
        for (const QString& value : { u"41000007"_s, u"Dock 2"_s, u"ana"_s, u"2026-11-02T09:15:00Z"_s })
            QVERIFY2(shown.contains(value), qPrintable(shown));
    }

    void shouldTranslateEveryErrorText()
    {
        // GIVEN the Spanish catalogue
        QTranslator translator;
        QVERIFY(translator.load(u":/i18n/dockside_es.qm"_s));
        // THEN every sentence the screens can show for a core error has a Spanish one with the same placeholders
        const QRegularExpression placeholder(u"%\\d"_s);
        int checked = 0;
        for (const QString& code : Dockside::ErrorTexts::codes()) {
            for (const QString& source : Dockside::ErrorTexts::sources(code)) {
                const QString spanish = translator.translate("ErrorTexts", source.toUtf8().constData());
                QVERIFY2(!spanish.isEmpty() && spanish != source, qPrintable(code + u": "_s + source));
                QStringList wanted;
                QStringList found;
                for (auto match = placeholder.globalMatch(source); match.hasNext();)
                    wanted << match.next().captured();
                for (auto match = placeholder.globalMatch(spanish); match.hasNext();)
                    found << match.next().captured();
                wanted.sort();
                found.sort();
                QCOMPARE(found, wanted);
                ++checked;
            }
        }
        QVERIFY(checked > 80);
    }
};

QTEST_MAIN(TestTranslations)
#include "TestTranslations.moc"
