#include "Builders.h"
#include "GuiStation.h"
#include "LoopSimProcess.h"
#include "MainWindow.h"
#include "ReceivePage.h"
#include "settings/FileSecretStore.h"
#include "settings/StationSettings.h"
#include "storage/DatabaseSummary.h"
#include "storage/MerchantRepository.h"
#include "storage/UnknownPackageRepository.h"

#include <QDialogButtonBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QStackedWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;

// The whole station as a receiver and a supervisor use it: the real main window wired by the real GuiStation
// (sync, outbox and their threads) over a fresh database, talking to a running loop-sim. Widgets are found by
// object name and driven with keys, the way a scanner and a keyboard drive them.
class TestStationFlow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        qputenv("DOCKSIDE_SECRETS_FILE", m_dir->filePath(u"secrets.json"_s).toUtf8());
        // The merchant lets flagged returns be processed, so a supervisor's "process anyway" can go through.
        QVERIFY2(m_sim.start({ u"--returns"_s, u"0"_s, u"--process-delay-ms"_s, u"200"_s, u"--allow-flagged-process"_s }),
            qPrintable(m_sim.errorString()));
        m_happy = createReturn(u"TOTE-OLV"_s, u"0123456789012"_s, u"MCS-NVY-M"_s, u"0012345678905"_s);
        m_missing = createReturn(u"SOCK-GRY-L"_s, u"0041333000015"_s, u"CAP-BLK"_s, u"0036000291452"_s);

        const DatabaseUrl url = DatabaseUrl::sqliteFile(m_dir->filePath(u"station.sqlite"_s));
        {
            auto db = Database::open(url);
            QVERIFY(db);
            Merchant merchant = Testing::merchant(u"Sim Outfitters"_s);
            QUrl api = m_sim.baseUrl();
            api.setPath(u"/api"_s);
            merchant.baseUrl = api.toString();
            merchant.apiKeyRef = u"file:merchant/flow/api-key"_s;
            merchant.webhookSecretRef.clear();
            QVERIFY(MerchantRepository(**db).insert(merchant));
            QVERIFY(FileSecretStore(m_dir->filePath(u"secrets.json"_s)).writeNow(merchant.apiKeyRef, "sim-key"));
        }
        m_settings = std::make_unique<StationSettings>(m_dir->filePath(u"station.ini"_s));
        QVERIFY(m_settings->setStationName(u"Dock 4"_s));
        QVERIFY(m_settings->setLastUserName(u"Rosa"_s));
        QVERIFY(m_settings->setSupervisorPin(u"2468"_s));
        StationSettings::Values values = m_settings->values();
        values.soundsEnabled = false;
        QVERIFY(m_settings->save(values));

        m_window = std::make_unique<MainWindow>();
        m_station = std::make_unique<GuiStation>(url, *m_window, *m_settings);
        m_station->setFileSecretsOnly(true);
        QVERIFY(m_station->start());
        m_window->resize(1280, 860);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_window->activateWindow();
        QTRY_COMPARE_WITH_TIMEOUT(DatabaseSummary::read(*m_station->database())->returns, qint64(2), 60'000);
    }

    void cleanupTestCase()
    {
        m_station.reset();
        m_window.reset();
        m_settings.reset();
        qunsetenv("DOCKSIDE_SECRETS_FILE");
    }

    void shouldOpenOnTheReceiveScreenSignedInAsTheLastReceiver()
    {
        QCOMPARE(pages()->currentWidget()->objectName(), u"receivePage"_s);
        const QString identity = m_window->findChild<QLabel*>(u"identityLabel"_s)->text();
        QVERIFY2(identity.contains(u"Dock 4"_s) && identity.contains(u"Rosa"_s), qPrintable(identity));
        QTRY_VERIFY(scanField()->hasFocus());
    }

    void shouldShowTheReturnForARealCarrierScan()
    {
        // WHEN the raw label barcode, as the scanner reads it, is scanned and Enter follows
        typeScan(m_happy.label);

        // THEN the return shows, with its merchant, its number and both items
        QVERIFY(receivePage()->hasOpenReturn());
        const QString header = m_window->findChild<QLabel*>(u"returnHeaderLabel"_s)->text();
        QVERIFY2(header.contains(u"Sim Outfitters"_s) && header.contains(QString::number(m_happy.loopId)), qPrintable(header));
        QCOMPARE(m_window->findChild<QTableView*>(u"expectedItemsTableView"_s)->model()->rowCount(), 2);
    }

    void shouldMakeLoopProcessAReturnWhoseItemsAllArrivedInGoodCondition()
    {
        // GIVEN the return is open (previous test)
        QVERIFY(receivePage()->hasOpenReturn());

        // WHEN both items are scanned and graded A, and the decision is confirmed
        for (const QString& barcode : m_happy.barcodes) {
            typeScan(barcode);
            QTest::keyClick(scanField(), Qt::Key_1, Qt::ControlModifier);
        }
        QTest::keyClick(scanField(), Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(m_window->findChild<QLabel*>(u"decisionTitleLabel"_s)->text().contains(u"PROCESS"_s));
        QTest::keyClick(scanField(), Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(!receivePage()->hasOpenReturn());

        // THEN the station's own outbox tells Loop: exactly one process call, and the return closes
        QTRY_COMPARE_WITH_TIMEOUT(truth(m_happy.loopId).value(u"state"_s).toString(), u"closed"_s, 30'000);
        QCOMPARE(truth(m_happy.loopId).value(u"process"_s).toObject().value(u"calls_received"_s).toInt(), 1);
    }

    void shouldFlagAReturnWithAMissingItemWithANoteSayingWhy()
    {
        // WHEN the second return arrives with only one of its two items, graded A, and is submitted
        typeScan(m_missing.label);
        QVERIFY(receivePage()->hasOpenReturn());
        typeScan(m_missing.barcodes.first());
        QTest::keyClick(scanField(), Qt::Key_1, Qt::ControlModifier);
        QTest::keyClick(scanField(), Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(m_window->findChild<QLabel*>(u"decisionTitleLabel"_s)->text().contains(u"FLAG"_s));
        QTest::keyClick(scanField(), Qt::Key_Return, Qt::ControlModifier);

        // THEN Loop shows the return flagged, with a note naming the missing item, and no process call
        QTRY_VERIFY_WITH_TIMEOUT(truth(m_missing.loopId).value(u"flagged"_s).toBool(), 30'000);
        const QJsonObject held = truth(m_missing.loopId);
        const QJsonArray notes = held.value(u"notes"_s).toArray();
        QVERIFY(!notes.isEmpty());
        const QString note = notes.at(0).toObject().value(u"content"_s).toString();
        QVERIFY2(note.contains(u"missing"_s), qPrintable(note));
        QCOMPARE(held.value(u"process"_s).toObject().value(u"calls_received"_s).toInt(), 0);
    }

    void shouldKeepAnUnknownPackageInTheExceptionQueue()
    {
        // WHEN a label that matches no return is scanned and the receiver records it with a note
        const QString raw = u"1Z999AA10123456784"_s;
        typeScan(raw);
        QWidget* dialog = nullptr;
        QTRY_VERIFY((dialog = m_window->findChild<QWidget*>(u"unknownPackageDialog"_s)) && dialog->isVisible());
        QTest::keyClicks(dialog->findChild<QPlainTextEdit*>(u"notePlainTextEdit"_s), u"No paperwork in the box"_s);
        QTest::mouseClick(dialog->findChild<QPushButton*>(u"recordPushButton"_s), Qt::LeftButton);

        // THEN it waits in the exception queue with its raw scan, and the scan field is ready for the next one
        const auto open = UnknownPackageRepository(*m_station->database()).list(UnknownPackage::Status::Open);
        QVERIFY(open);
        QCOMPARE(open->size(), 1);
        QCOMPARE(open->first().rawScan, raw);
        QCOMPARE(open->first().note, u"No paperwork in the box"_s);
        QCOMPARE(open->first().station, u"Dock 4"_s);
        QTRY_VERIFY(scanField()->hasFocus());
    }

    void shouldLetASupervisorProcessAFlaggedReturnAnyway()
    {
        // GIVEN a supervisor signs in with the PIN (Ctrl+L) and opens the supervisor screen (F3)
        QTest::keyClick(m_window.get(), Qt::Key_L, Qt::ControlModifier);
        QWidget* signIn = nullptr;
        QTRY_VERIFY((signIn = QApplication::activeModalWidget()) && signIn->objectName() == u"signInDialog"_s);
        auto* name = signIn->findChild<QLineEdit*>(u"userNameLineEdit"_s);
        name->clear();
        QTest::keyClicks(name, u"Marta"_s);
        signIn->findChild<QRadioButton*>(u"supervisorRadioButton"_s)->setChecked(true);
        QTest::keyClicks(signIn->findChild<QLineEdit*>(u"pinLineEdit"_s), u"2468"_s);
        signIn->findChild<QDialogButtonBox*>(u"dialogButtonBox"_s)->button(QDialogButtonBox::Ok)->click();
        QTRY_VERIFY(m_window->identity().isSupervisor());
        QTest::keyClick(m_window.get(), Qt::Key_F3);
        QCOMPARE(pages()->currentWidget()->objectName(), u"supervisorPage"_s);

        // WHEN the flagged return is selected and processed anyway, with a note
        auto* flagged = m_window->findChild<QTableView*>(u"flaggedTableView"_s);
        QTRY_COMPARE(flagged->model()->rowCount(), 1);
        flagged->selectRow(0);
        auto* processAnyway = m_window->findChild<QPushButton*>(u"processAnywayPushButton"_s);
        QTRY_VERIFY(processAnyway->isEnabled());
        QTest::mouseClick(processAnyway, Qt::LeftButton);
        QWidget* noteDialog = nullptr;
        QTRY_VERIFY((noteDialog = QApplication::activeModalWidget()) && noteDialog->objectName() == u"overrideNoteDialog"_s);
        QTest::keyClicks(noteDialog->findChild<QPlainTextEdit*>(u"notePlainTextEdit"_s), u"Customer kept the cap; refund the socks"_s);
        noteDialog->findChild<QDialogButtonBox*>(u"noteDialogButtonBox"_s)->button(QDialogButtonBox::Ok)->click();

        // THEN the receipt leaves the queue, and Loop gets exactly one process call and closes the return
        QTRY_COMPARE(flagged->model()->rowCount(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(truth(m_missing.loopId).value(u"state"_s).toString(), u"closed"_s, 30'000);
        QCOMPARE(truth(m_missing.loopId).value(u"process"_s).toObject().value(u"calls_received"_s).toInt(), 1);
    }

private:
    struct SimReturn
    {
        qint64 loopId = 0;
        QString label;
        QStringList barcodes;
    };

    SimReturn createReturn(const QString& sku1, const QString& barcode1, const QString& sku2, const QString& barcode2)
    {
        const QByteArray body = QStringLiteral(
            "{\"state\":\"open\",\"carrier\":\"USPS\",\"label_status\":\"delivered\",\"line_items\":["
            "{\"sku\":\"%1\",\"title\":\"Item %1\",\"barcode\":\"%2\",\"price\":\"20.00\"},"
            "{\"sku\":\"%3\",\"title\":\"Item %3\",\"barcode\":\"%4\",\"price\":\"30.00\"}]}")
                                    .arg(sku1, barcode1, sku2, barcode2)
                                    .toUtf8();
        const QJsonObject created = m_sim.control("POST", u"returns"_s, body).object();
        SimReturn made;
        made.loopId = created.value(u"id"_s).toInteger();
        made.label = created.value(u"label_barcode"_s).toString();
        made.barcodes = { barcode1, barcode2 };
        if (made.loopId <= 0 || made.label.isEmpty())
            qWarning("loop-sim did not create the return: %s", QJsonDocument(created).toJson().constData());
        return made;
    }

    QJsonObject truth(qint64 loopId) { return m_sim.control("GET", u"returns/%1"_s.arg(loopId)).object(); }

    ReceivePage* receivePage() const { return m_window->receivePage(); }
    QLineEdit* scanField() const { return m_window->findChild<QLineEdit*>(u"scanLineEdit"_s); }
    QStackedWidget* pages() const { return m_window->findChild<QStackedWidget*>(u"pagesStackedWidget"_s); }

    void typeScan(const QString& scan)
    {
        QLineEdit* field = scanField();
        QTRY_VERIFY(field->hasFocus());
        for (const QChar c : scan) {
            if (c == QChar(0x1D))
                QTest::sendKeyEvent(QTest::Click, field, Qt::Key_BracketRight, QString(c), Qt::ControlModifier);
            else
                QTest::keyClick(field, c.toLatin1());
        }
        QTest::keyClick(field, Qt::Key_Return);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    Testing::LoopSimProcess m_sim;
    SimReturn m_happy;
    SimReturn m_missing;
    std::unique_ptr<StationSettings> m_settings;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<GuiStation> m_station;
};

QTEST_MAIN(TestStationFlow)
#include "TestStationFlow.moc"
