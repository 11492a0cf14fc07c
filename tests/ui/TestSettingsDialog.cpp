#include "FakeClock.h"
#include "MerchantTableModel.h"
#include "SettingsDialog.h"
#include "TempDatabase.h"
#include "settings/FileSecretStore.h"
#include "settings/StationSettings.h"
#include "storage/MerchantRepository.h"
#include "storage/MerchantRulesRepository.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;

// The settings dialog, driven by object name: station values, merchants with their secrets and rules, the PIN.
class TestSettingsDialog final : public QObject
{
    Q_OBJECT

private:
    struct Station
    {
        QTemporaryDir dir;
        std::unique_ptr<Testing::TempDatabase> database;
        std::unique_ptr<StationSettings> settings;
        std::unique_ptr<FileSecretStore> secrets;
        Testing::FakeClock clock;
    };

    static std::unique_ptr<Station> station()
    {
        auto created = std::make_unique<Station>();
        auto database = Testing::TempDatabase::create(u"sqlite"_s);
        if (!database)
            qFatal("%s", qPrintable(database.error().toLogString()));
        created->database = std::move(*database);
        created->settings = std::make_unique<StationSettings>(created->dir.filePath(u"station.ini"_s));
        created->secrets = std::make_unique<FileSecretStore>(created->dir.filePath(u"secrets.json"_s));
        return created;
    }

    template <typename T>
    static T* child(QWidget& dialog, const QString& name)
    {
        T* found = dialog.findChild<T*>(name);
        if (!found)
            qFatal("no %s named %s", T::staticMetaObject.className(), qPrintable(name));
        return found;
    }

    static void type(QWidget& dialog, const QString& name, const QString& text)
    {
        auto* edit = child<QLineEdit>(dialog, name);
        edit->clear();
        QTest::keyClicks(edit, text);
    }

    // Every text the dialog shows or holds in a widget, to prove a secret is in none of them.
    static QStringList visibleTexts(QWidget& dialog)
    {
        QStringList texts;
        for (const QLineEdit* edit : dialog.findChildren<QLineEdit*>())
            texts << edit->text() << edit->placeholderText() << edit->displayText();
        for (const QLabel* label : dialog.findChildren<QLabel*>())
            texts << label->text() << label->toolTip();
        const QAbstractItemModel* model = child<QTableView>(dialog, u"merchantsTableView"_s)->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            for (int column = 0; column < model->columnCount(); ++column) {
                texts << model->index(row, column).data().toString()
                      << model->index(row, column).data(Qt::ToolTipRole).toString();
            }
        }
        return texts;
    }

private Q_SLOTS:
    void shouldStoreANewMerchantWithItsApiKeyInTheSecretStoreAndNeverShowItAgain()
    {
        // GIVEN the dialog over an empty station whose secrets go to the protected file
        auto s = station();
        SettingsDialog dialog(*s->settings, s->clock, &s->database->database(), s->secrets.get());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.showTab(SettingsDialog::Tab::Merchants);
        QVERIFY(child<QLabel>(dialog, u"secretStoreLabel"_s)->text().contains(s->secrets->path()));
        QCOMPARE(child<QLineEdit>(dialog, u"apiKeyLineEdit"_s)->echoMode(), QLineEdit::Password);
        QSignalSpy changed(&dialog, &SettingsDialog::merchantsChanged);

        // WHEN a merchant is typed in with its API key and webhook secret, and saved
        QTest::mouseClick(child<QPushButton>(dialog, u"addMerchantPushButton"_s), Qt::LeftButton);
        type(dialog, u"merchantNameLineEdit"_s, u"Acme Outdoor"_s);
        type(dialog, u"baseUrlLineEdit"_s, u"https://api.loopreturns.com/api"_s);
        type(dialog, u"apiKeyLineEdit"_s, u"sk_live_TOPSECRET_123"_s);
        type(dialog, u"webhookSecretLineEdit"_s, u"whsec_HUSH_456"_s);
        QTest::mouseClick(child<QPushButton>(dialog, u"saveMerchantPushButton"_s), Qt::LeftButton);

        // THEN the merchant is in the database with references only, and each secret in the file under its reference
        QTRY_COMPARE(changed.count(), 1);
        const auto stored = MerchantRepository(s->database->database()).findByName(u"Acme Outdoor"_s);
        QVERIFY(stored && stored->has_value());
        const Merchant merchant = **stored;
        QCOMPARE(merchant.baseUrl, u"https://api.loopreturns.com/api"_s);
        QVERIFY(merchant.apiKeyRef.startsWith(u"file:merchant/"_s));
        QVERIFY(!merchant.apiKeyRef.contains(u"TOPSECRET"_s));
        QCOMPARE(s->secrets->readNow(merchant.apiKeyRef).value_or(QByteArray()), QByteArray("sk_live_TOPSECRET_123"));
        QCOMPARE(s->secrets->readNow(merchant.webhookSecretRef).value_or(QByteArray()), QByteArray("whsec_HUSH_456"));
        // AND the list shows it, with where its key is kept
        auto* table = child<QTableView>(dialog, u"merchantsTableView"_s);
        QCOMPARE(table->model()->rowCount(), 1);
        QCOMPARE(table->model()->index(0, MerchantTableModel::NameColumn).data().toString(), u"Acme Outdoor"_s);
        QCOMPARE(table->model()->index(0, MerchantTableModel::ApiKeyColumn).data().toString(), u"protected file"_s);
        // AND neither secret is shown anywhere again: the fields are empty and say where the key is kept
        const QStringList texts = visibleTexts(dialog);
        for (const QString& text : texts) {
            QVERIFY2(!text.contains(u"TOPSECRET"_s) && !text.contains(u"HUSH"_s), qPrintable(text));
        }
        QVERIFY(child<QLineEdit>(dialog, u"apiKeyLineEdit"_s)->text().isEmpty());
        QVERIFY(child<QLineEdit>(dialog, u"apiKeyLineEdit"_s)->placeholderText().contains(u"protected file"_s));
        QVERIFY(child<QLabel>(dialog, u"merchantMessageLabel"_s)->text().contains(u"Acme Outdoor is saved"_s));

        // WHEN the same dialog is opened again later
        SettingsDialog again(*s->settings, s->clock, &s->database->database(), s->secrets.get());
        again.showTab(SettingsDialog::Tab::Merchants);
        // THEN it shows the merchant, but not its key
        QCOMPARE(child<QLineEdit>(again, u"merchantNameLineEdit"_s)->text(), u"Acme Outdoor"_s);
        QVERIFY(child<QLineEdit>(again, u"apiKeyLineEdit"_s)->text().isEmpty());
        for (const QString& text : visibleTexts(again))
            QVERIFY2(!text.contains(u"TOPSECRET"_s), qPrintable(text));
    }

    void shouldReplaceAKeyUnderTheSameReferenceAndKeepItWhenLeftEmpty()
    {
        // GIVEN a stored merchant
        auto s = station();
        SettingsDialog dialog(*s->settings, s->clock, &s->database->database(), s->secrets.get());
        QTest::mouseClick(child<QPushButton>(dialog, u"addMerchantPushButton"_s), Qt::LeftButton);
        type(dialog, u"merchantNameLineEdit"_s, u"Bergen"_s);
        type(dialog, u"baseUrlLineEdit"_s, u"http://127.0.0.1:9/api"_s);
        type(dialog, u"apiKeyLineEdit"_s, u"first-key"_s);
        QSignalSpy changed(&dialog, &SettingsDialog::merchantsChanged);
        QTest::mouseClick(child<QPushButton>(dialog, u"saveMerchantPushButton"_s), Qt::LeftButton);
        QTRY_COMPARE(changed.count(), 1);
        const Merchant first = **MerchantRepository(s->database->database()).findByName(u"Bergen"_s);

        // WHEN it is saved again with the key field left empty and a new address
        type(dialog, u"baseUrlLineEdit"_s, u"http://127.0.0.1:10/api"_s);
        QTest::mouseClick(child<QPushButton>(dialog, u"saveMerchantPushButton"_s), Qt::LeftButton);
        QTRY_COMPARE(changed.count(), 2);
        // THEN the key is kept as it was
        const Merchant second = **MerchantRepository(s->database->database()).findByName(u"Bergen"_s);
        QCOMPARE(second.baseUrl, u"http://127.0.0.1:10/api"_s);
        QCOMPARE(second.apiKeyRef, first.apiKeyRef);
        QCOMPARE(s->secrets->readNow(second.apiKeyRef).value_or(QByteArray()), QByteArray("first-key"));

        // WHEN a new key is typed and saved
        type(dialog, u"apiKeyLineEdit"_s, u"second-key"_s);
        QTest::mouseClick(child<QPushButton>(dialog, u"saveMerchantPushButton"_s), Qt::LeftButton);
        QTRY_COMPARE(changed.count(), 3);
        // THEN it replaces the old one under the same reference: no orphan is left in the store
        const Merchant third = **MerchantRepository(s->database->database()).findByName(u"Bergen"_s);
        QCOMPARE(third.apiKeyRef, first.apiKeyRef);
        QCOMPARE(s->secrets->readNow(third.apiKeyRef).value_or(QByteArray()), QByteArray("second-key"));
        QCOMPARE(MerchantRepository(s->database->database()).list()->size(), 1);
    }

    void shouldRefuseAnIncompleteMerchantWithAMessageAndStoreNothing_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("says");
        QTest::newRow("no name") << QString() << u"https://api.loopreturns.com/api"_s << u"k"_s << u"needs a name"_s;
        QTest::newRow("ftp address") << u"Acme"_s << u"ftp://api.loopreturns.com"_s << u"k"_s << u"http://"_s;
        QTest::newRow("key in the address")
            << u"Acme"_s << u"https://user:pw@api.loopreturns.com/api"_s << u"k"_s << u"without a user name"_s;
        QTest::newRow("no key") << u"Acme"_s << u"https://api.loopreturns.com/api"_s << QString() << u"API key"_s;
    }

    void shouldRefuseAnIncompleteMerchantWithAMessageAndStoreNothing()
    {
        QFETCH(QString, name);
        QFETCH(QString, url);
        QFETCH(QString, key);
        QFETCH(QString, says);
        auto s = station();
        SettingsDialog dialog(*s->settings, s->clock, &s->database->database(), s->secrets.get());
        type(dialog, u"merchantNameLineEdit"_s, name);
        type(dialog, u"baseUrlLineEdit"_s, url);
        type(dialog, u"apiKeyLineEdit"_s, key);
        QTest::mouseClick(child<QPushButton>(dialog, u"saveMerchantPushButton"_s), Qt::LeftButton);
        const QString message = child<QLabel>(dialog, u"merchantMessageLabel"_s)->text();
        QVERIFY2(message.contains(says), qPrintable(message));
        QTest::qWait(50);
        QVERIFY(MerchantRepository(s->database->database()).list()->isEmpty());
        QVERIFY(!QFile::exists(s->secrets->path()));
        // AND what was typed is still there to fix
        QCOMPARE(child<QLineEdit>(dialog, u"merchantNameLineEdit"_s)->text(), name);
    }

    void shouldSaveTheRulesOfEachMerchantAndShowThemAgain()
    {
        // GIVEN two merchants added through the dialog, each with its own rules
        auto s = station();
        SettingsDialog dialog(*s->settings, s->clock, &s->database->database(), s->secrets.get());
        QSignalSpy changed(&dialog, &SettingsDialog::merchantsChanged);
        const auto add = [&](const QString& name, bool gradeC, std::optional<double> threshold, bool autoProcess) {
            QTest::mouseClick(child<QPushButton>(dialog, u"addMerchantPushButton"_s), Qt::LeftButton);
            type(dialog, u"merchantNameLineEdit"_s, name);
            type(dialog, u"baseUrlLineEdit"_s, u"https://api.loopreturns.com/api"_s);
            type(dialog, u"apiKeyLineEdit"_s, name + u"-key"_s);
            child<QCheckBox>(dialog, u"gradeCCheckBox"_s)->setChecked(gradeC);
            child<QCheckBox>(dialog, u"supervisorValueCheckBox"_s)->setChecked(threshold.has_value());
            if (threshold)
                child<QDoubleSpinBox>(dialog, u"supervisorValueSpinBox"_s)->setValue(*threshold);
            child<QCheckBox>(dialog, u"autoProcessCheckBox"_s)->setChecked(autoProcess);
            const qsizetype before = changed.count();
            QTest::mouseClick(child<QPushButton>(dialog, u"saveMerchantPushButton"_s), Qt::LeftButton);
            QTRY_COMPARE(changed.count(), before + 1);
        };
        add(u"Acme"_s, true, 250.5, true);
        add(u"Bergen"_s, false, std::nullopt, false);

        // THEN each merchant's rules are stored as set
        MerchantRepository merchants(s->database->database());
        MerchantRulesRepository rules(s->database->database());
        const Merchant acme = **merchants.findByName(u"Acme"_s);
        const Merchant bergen = **merchants.findByName(u"Bergen"_s);
        const MerchantRules acmeRules = *rules.forMerchant(acme.id);
        const MerchantRules bergenRules = *rules.forMerchant(bergen.id);
        QCOMPARE(acmeRules.acceptableConditions,
            (QList<Condition> { Condition::GradeA, Condition::GradeB, Condition::GradeC }));
        QCOMPARE(acmeRules.supervisorValueMinor, std::optional<qint64>(25050));
        QCOMPARE(acmeRules.autoProcess, true);
        QCOMPARE(bergenRules.acceptableConditions, (QList<Condition> { Condition::GradeA, Condition::GradeB }));
        QCOMPARE(bergenRules.supervisorValueMinor, std::nullopt);
        QCOMPARE(bergenRules.autoProcess, false);

        // WHEN a fresh dialog selects each merchant in turn
        SettingsDialog again(*s->settings, s->clock, &s->database->database(), s->secrets.get());
        auto* table = child<QTableView>(again, u"merchantsTableView"_s);
        QAbstractItemModelTester tester(table->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto select = [&](const Merchant& merchant) {
            const int row = qobject_cast<MerchantTableModel*>(table->model())->rowOf(merchant.id);
            table->setCurrentIndex(table->model()->index(row, 0));
        };
        select(acme);
        // THEN the form shows that merchant's rules
        QCOMPARE(child<QCheckBox>(again, u"gradeCCheckBox"_s)->isChecked(), true);
        QCOMPARE(child<QCheckBox>(again, u"supervisorValueCheckBox"_s)->isChecked(), true);
        QCOMPARE(child<QDoubleSpinBox>(again, u"supervisorValueSpinBox"_s)->value(), 250.5);
        QCOMPARE(child<QCheckBox>(again, u"autoProcessCheckBox"_s)->isChecked(), true);
        select(bergen);
        QCOMPARE(child<QCheckBox>(again, u"gradeCCheckBox"_s)->isChecked(), false);
        QCOMPARE(child<QCheckBox>(again, u"supervisorValueCheckBox"_s)->isChecked(), false);
        QCOMPARE(child<QCheckBox>(again, u"autoProcessCheckBox"_s)->isChecked(), false);
        QCOMPARE(child<QLineEdit>(again, u"merchantNameLineEdit"_s)->text(), u"Bergen"_s);
    }

    void shouldSaveStationValuesOnOkAndRefuseABadOneWithoutClosing()
    {
        // GIVEN the dialog
        auto s = station();
        SettingsDialog dialog(*s->settings, s->clock, &s->database->database(), s->secrets.get());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(child<QLabel>(dialog, u"databaseInUseLabel"_s)->text(), s->database->url().toDisplayString());

        // WHEN the values are changed, with a database URL that is no URL, and OK pressed
        type(dialog, u"stationNameLineEdit"_s, u"Dock 7"_s);
        auto* language = child<QComboBox>(dialog, u"languageComboBox"_s);
        language->setCurrentIndex(language->findData(u"es"_s));
        child<QCheckBox>(dialog, u"webhookEnabledCheckBox"_s)->setChecked(true);
        child<QSpinBox>(dialog, u"webhookPortSpinBox"_s)->setValue(9911);
        child<QSpinBox>(dialog, u"syncIntervalSpinBox"_s)->setValue(12);
        type(dialog, u"databaseUrlLineEdit"_s, u"mysql://db/dockside"_s);
        child<QDialogButtonBox>(dialog, u"dialogButtonBox"_s)->button(QDialogButtonBox::Ok)->click();

        // THEN the dialog stays open on the Database tab and says what is wrong; nothing is saved
        QVERIFY(dialog.isVisible());
        QCOMPARE(child<QTabWidget>(dialog, u"settingsTabWidget"_s)->currentWidget()->objectName(), u"databaseTab"_s);
        const QString error = child<QLabel>(dialog, u"settingsErrorLabel"_s)->text();
        QVERIFY2(error.contains(u"database URL"_s), qPrintable(error));
        QCOMPARE(s->settings->stationName(), StationSettings::defaultStationName());

        // WHEN the URL is fixed and OK pressed again
        type(dialog, u"databaseUrlLineEdit"_s, u"sqlite:///tmp/dock7.sqlite"_s);
        child<QDialogButtonBox>(dialog, u"dialogButtonBox"_s)->button(QDialogButtonBox::Ok)->click();

        // THEN everything is saved and the dialog closes
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        const StationSettings::Values values = StationSettings(s->settings->path()).values();
        QCOMPARE(values.stationName, u"Dock 7"_s);
        QCOMPARE(values.language, u"es"_s);
        QCOMPARE(values.webhookEnabled, true);
        QCOMPARE(values.webhookPort, 9911);
        QCOMPARE(values.syncIntervalMinutes, 12);
        QCOMPARE(values.databaseUrl, u"sqlite:///tmp/dock7.sqlite"_s);
    }

    void shouldNotCloseOverAMerchantThatIsNotSaved()
    {
        auto s = station();
        SettingsDialog dialog(*s->settings, s->clock, &s->database->database(), s->secrets.get());
        dialog.show();
        type(dialog, u"merchantNameLineEdit"_s, u"Half typed"_s);
        child<QDialogButtonBox>(dialog, u"dialogButtonBox"_s)->button(QDialogButtonBox::Ok)->click();
        QVERIFY(dialog.isVisible());
        QCOMPARE(child<QTabWidget>(dialog, u"settingsTabWidget"_s)->currentWidget()->objectName(), u"merchantsTab"_s);
        QVERIFY(child<QLabel>(dialog, u"settingsErrorLabel"_s)->text().contains(u"Save merchant"_s));
    }

    void shouldSetAndChangeTheSupervisorPinOnlyWithTheCurrentOne()
    {
        // GIVEN a station without a PIN
        auto s = station();
        SettingsDialog dialog(*s->settings, s->clock, &s->database->database(), s->secrets.get());
        dialog.show();
        dialog.showTab(SettingsDialog::Tab::SupervisorPin);
        QVERIFY(!child<QLineEdit>(dialog, u"currentPinLineEdit"_s)->isVisible());
        auto* message = child<QLabel>(dialog, u"pinMessageLabel"_s);
        auto* set = child<QPushButton>(dialog, u"setPinPushButton"_s);

        // WHEN the two new PINs differ
        type(dialog, u"newPinLineEdit"_s, u"2468"_s);
        type(dialog, u"confirmPinLineEdit"_s, u"2469"_s);
        QTest::mouseClick(set, Qt::LeftButton);
        // THEN nothing is set
        QVERIFY(message->text().contains(u"differ"_s));
        QVERIFY(!s->settings->hasSupervisorPin());

        // WHEN they match
        type(dialog, u"confirmPinLineEdit"_s, u"2468"_s);
        QTest::mouseClick(set, Qt::LeftButton);
        // THEN the PIN is set, the fields are cleared, and changing it needs the current one
        QVERIFY2(s->settings->verifyPin(u"2468"_s), qPrintable(message->text()));
        QVERIFY(child<QLineEdit>(dialog, u"newPinLineEdit"_s)->text().isEmpty());
        QVERIFY(child<QLineEdit>(dialog, u"currentPinLineEdit"_s)->isVisible());

        // WHEN someone without the current PIN tries to change it
        type(dialog, u"currentPinLineEdit"_s, u"0000"_s);
        type(dialog, u"newPinLineEdit"_s, u"1357"_s);
        type(dialog, u"confirmPinLineEdit"_s, u"1357"_s);
        QTest::mouseClick(set, Qt::LeftButton);
        // THEN it is refused
        QVERIFY(message->text().contains(u"not right"_s));
        QVERIFY(s->settings->verifyPin(u"2468"_s));
        QVERIFY(!s->settings->verifyPin(u"1357"_s));
    }

    void shouldSayWhereSecretsGoAndWaitForTheStore()
    {
        // GIVEN the station has not found out yet where secrets go
        auto s = station();
        SettingsDialog dialog(*s->settings, s->clock, &s->database->database(), nullptr);
        QVERIFY(child<QLabel>(dialog, u"secretStoreLabel"_s)->text().contains(u"Finding out"_s));
        QVERIFY(!child<QPushButton>(dialog, u"saveMerchantPushButton"_s)->isEnabled());
        // WHEN it has
        dialog.setSecretStore(s->secrets.get());
        // THEN the dialog names the protected file and that it is not encrypted, and merchants can be saved
        const QString text = child<QLabel>(dialog, u"secretStoreLabel"_s)->text();
        QVERIFY2(text.contains(s->secrets->path()) && text.contains(u"not encrypted"_s), qPrintable(text));
        QVERIFY(child<QPushButton>(dialog, u"saveMerchantPushButton"_s)->isEnabled());
    }

    void shouldExplainThatMerchantsNeedADatabase()
    {
        QTemporaryDir dir;
        StationSettings settings(dir.filePath(u"station.ini"_s));
        Testing::FakeClock clock;
        SettingsDialog dialog(settings, clock, nullptr, nullptr);
        QVERIFY(!child<QPushButton>(dialog, u"saveMerchantPushButton"_s)->isEnabled());
        QVERIFY(child<QLabel>(dialog, u"merchantMessageLabel"_s)->text().contains(u"No database"_s));
        QVERIFY(child<QLabel>(dialog, u"databaseInUseLabel"_s)->text().contains(u"could not be opened"_s));
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "TestSettingsDialog.moc"
