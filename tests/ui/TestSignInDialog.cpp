#include "SignInDialog.h"
#include "settings/StationSettings.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;

// Signing in at the station: a receiver by name, a supervisor with the station's PIN.
class TestSignInDialog final : public QObject
{
    Q_OBJECT

private:
    template <typename T>
    static T* child(QWidget& dialog, const QString& name)
    {
        T* found = dialog.findChild<T*>(name);
        if (!found)
            qFatal("no %s named %s", T::staticMetaObject.className(), qPrintable(name));
        return found;
    }

    static void signIn(SignInDialog& dialog, const QString& name, bool supervisor, const QString& pin)
    {
        auto* user = child<QLineEdit>(dialog, u"userNameLineEdit"_s);
        user->clear();
        // QTest types ASCII only; a name such as "Tomás" is put in as an input method would.
        if (std::all_of(name.cbegin(), name.cend(), [](QChar c) { return c.unicode() < 128; }))
            QTest::keyClicks(user, name);
        else
            user->insert(name);
        child<QRadioButton>(dialog, supervisor ? u"supervisorRadioButton"_s : u"receiverRadioButton"_s)
            ->setChecked(true);
        auto* pinEdit = child<QLineEdit>(dialog, u"pinLineEdit"_s);
        pinEdit->clear();
        QTest::keyClicks(pinEdit, pin);
        child<QDialogButtonBox>(dialog, u"dialogButtonBox"_s)->button(QDialogButtonBox::Ok)->click();
    }

private Q_SLOTS:
    void shouldRefuseAWrongPinAndSignASupervisorInWithTheRightOne()
    {
        // GIVEN a station with a supervisor PIN
        QTemporaryDir dir;
        StationSettings settings(dir.filePath(u"station.ini"_s));
        QVERIFY(settings.setStationName(u"Dock 4"_s));
        QVERIFY(settings.setSupervisorPin(u"8642"_s));
        SignInDialog dialog(settings);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(child<QLabel>(dialog, u"signInTitleLabel"_s)->text().contains(u"Dock 4"_s));

        // WHEN someone signs in as supervisor with a wrong PIN
        signIn(dialog, u"Rosa"_s, true, u"1111"_s);

        // THEN the dialog stays open, says so, and clears the PIN
        QVERIFY(dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        const QString message = child<QLabel>(dialog, u"signInMessageLabel"_s)->text();
        QVERIFY2(message.contains(u"PIN is not right"_s), qPrintable(message));
        QVERIFY(child<QLineEdit>(dialog, u"pinLineEdit"_s)->text().isEmpty());

        // WHEN the right PIN follows
        signIn(dialog, u"Rosa"_s, true, u"8642"_s);

        // THEN a supervisor is signed in at this station, and the name is offered next time
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        const StationIdentity identity = dialog.identity();
        QCOMPARE(identity.role, StationIdentity::Role::Supervisor);
        QVERIFY(identity.isSupervisor());
        QCOMPARE(identity.userName, u"Rosa"_s);
        QCOMPARE(identity.stationName, u"Dock 4"_s);
        SignInDialog next(settings);
        QCOMPARE(child<QLineEdit>(next, u"userNameLineEdit"_s)->text(), u"Rosa"_s);
    }

    void shouldSignAReceiverInWithoutAPin()
    {
        QTemporaryDir dir;
        StationSettings settings(dir.filePath(u"station.ini"_s));
        QVERIFY(settings.setSupervisorPin(u"8642"_s));
        SignInDialog dialog(settings);
        QVERIFY(!child<QLineEdit>(dialog, u"pinLineEdit"_s)->isEnabled());
        signIn(dialog, u"  Tomás  "_s, false, QString());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.identity().role, StationIdentity::Role::Receiver);
        QCOMPARE(dialog.identity().userName, u"Tomás"_s);
    }

    void shouldAskForANameFirst()
    {
        QTemporaryDir dir;
        StationSettings settings(dir.filePath(u"station.ini"_s));
        SignInDialog dialog(settings);
        signIn(dialog, u"   "_s, false, QString());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(child<QLabel>(dialog, u"signInMessageLabel"_s)->text().contains(u"Type your name"_s));
    }

    void shouldSayHowToSetAPinWhenNoneIsSet()
    {
        // GIVEN a station where no supervisor PIN was ever set
        QTemporaryDir dir;
        StationSettings settings(dir.filePath(u"station.ini"_s));
        SignInDialog dialog(settings);

        // WHEN someone tries to sign in as supervisor with any PIN
        signIn(dialog, u"Rosa"_s, true, u"0000"_s);

        // THEN it is refused, with where to set a PIN
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        const QString message = child<QLabel>(dialog, u"signInMessageLabel"_s)->text();
        QVERIFY2(
            message.contains(u"No supervisor PIN is set"_s) && message.contains(u"Settings"_s), qPrintable(message));
    }

    void shouldPauseAfterFiveWrongPins()
    {
        QTemporaryDir dir;
        StationSettings settings(dir.filePath(u"station.ini"_s));
        QVERIFY(settings.setSupervisorPin(u"8642"_s));
        SignInDialog dialog(settings);
        for (int attempt = 0; attempt < SignInDialog::kMaxWrongPins; ++attempt)
            signIn(dialog, u"Mallory"_s, true, u"%1"_s.arg(1000 + attempt));
        QVERIFY(!child<QDialogButtonBox>(dialog, u"dialogButtonBox"_s)->button(QDialogButtonBox::Ok)->isEnabled());
        QVERIFY(!child<QLineEdit>(dialog, u"pinLineEdit"_s)->isEnabled());
        QVERIFY(child<QLabel>(dialog, u"signInMessageLabel"_s)->text().contains(u"Wait 30 seconds"_s));
        // the right PIN is not even looked at now
        signIn(dialog, u"Mallory"_s, true, u"8642"_s);
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
    }
};

QTEST_MAIN(TestSignInDialog)
#include "TestSignInDialog.moc"
