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
};

QTEST_MAIN(TestTranslations)
#include "TestTranslations.moc"
