#include "SignInDialog.h"

#include "settings/StationSettings.h"
#include "ui_SignInDialog.h"

#include <QEvent>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Dockside {

SignInDialog::SignInDialog(StationSettings& settings, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::SignInDialog>())
    , m_settings(settings)
{
    m_ui->setupUi(this);
    setObjectName(u"signInDialog"_s);
    m_ui->pinLineEdit->setValidator(new QRegularExpressionValidator(
        QRegularExpression(u"[0-9]{0,%1}"_s.arg(StationSettings::kMaxPinLength)), m_ui->pinLineEdit));
    m_ui->userNameLineEdit->setText(m_settings.lastUserName());
    m_ui->userNameLineEdit->selectAll();
    m_ui->signInMessageLabel->hide();

    m_lockout = new QTimer(this);
    m_lockout->setSingleShot(true);
    m_lockout->setInterval(kLockoutMs);
    connect(m_lockout, &QTimer::timeout, this, [this] {
        m_wrongPins = 0;
        m_ui->dialogButtonBox->button(QDialogButtonBox::Ok)->setEnabled(true);
        onRoleChanged();
        showMessage(tr("You can try the PIN again."));
    });

    connect(m_ui->dialogButtonBox, &QDialogButtonBox::accepted, this, &SignInDialog::accept);
    connect(m_ui->dialogButtonBox, &QDialogButtonBox::rejected, this, &SignInDialog::reject);
    connect(m_ui->supervisorRadioButton, &QRadioButton::toggled, this, &SignInDialog::onRoleChanged);
    retranslate();
    onRoleChanged();
    m_ui->userNameLineEdit->setFocus();
}

SignInDialog::~SignInDialog() = default;

void SignInDialog::preferSupervisor()
{
    m_ui->supervisorRadioButton->setChecked(true);
    if (!m_ui->userNameLineEdit->text().trimmed().isEmpty())
        m_ui->pinLineEdit->setFocus();
}

void SignInDialog::accept()
{
    const QString name = m_ui->userNameLineEdit->text().trimmed();
    if (name.isEmpty()) {
        showMessage(tr("Type your name: it is recorded with every receipt you submit."));
        m_ui->userNameLineEdit->setFocus();
        return;
    }
    const bool supervisor = m_ui->supervisorRadioButton->isChecked();
    if (supervisor) {
        if (m_lockout->isActive())
            return;
        if (!m_settings.hasSupervisorPin()) {
            showMessage(tr("No supervisor PIN is set on this station yet. Sign in as a receiver, then set one in "
                           "Settings (Ctrl+,) on the Supervisor PIN tab."));
            m_ui->receiverRadioButton->setFocus();
            return;
        }
        const QString pin = m_ui->pinLineEdit->text();
        if (pin.isEmpty()) {
            showMessage(tr("Type the supervisor PIN, or choose Receiver."));
            m_ui->pinLineEdit->setFocus();
            return;
        }
        if (!m_settings.verifyPin(pin)) {
            m_ui->pinLineEdit->clear();
            if (++m_wrongPins >= kMaxWrongPins) {
                m_lockout->start();
                m_ui->pinLineEdit->setEnabled(false);
                m_ui->dialogButtonBox->button(QDialogButtonBox::Ok)->setEnabled(false);
                showMessage(tr("That PIN is not right, %n times in a row. Wait %1 seconds before trying again, or "
                               "sign in as a receiver.",
                    nullptr, m_wrongPins)
                                .arg(kLockoutMs / 1000));
                return;
            }
            showMessage(tr("That PIN is not right. Try again, or sign in as a receiver."));
            m_ui->pinLineEdit->setFocus();
            return;
        }
    }
    m_identity.stationName = m_settings.stationName();
    m_identity.userName = name;
    m_identity.role = supervisor ? StationIdentity::Role::Supervisor : StationIdentity::Role::Receiver;
    // Remembering the name is a convenience: a settings file that cannot be written must not stop the shift.
    [[maybe_unused]] const Status remembered = m_settings.setLastUserName(name);
    QDialog::accept();
}

void SignInDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        retranslate();
    }
    QDialog::changeEvent(event);
}

void SignInDialog::retranslate()
{
    m_ui->signInTitleLabel->setText(tr("Sign in at %1").arg(m_settings.stationName()));
    m_ui->dialogButtonBox->button(QDialogButtonBox::Ok)->setText(tr("Sign &in"));
    onRoleChanged();
}

void SignInDialog::onRoleChanged()
{
    const bool supervisor = m_ui->supervisorRadioButton->isChecked();
    m_ui->pinLineEdit->setEnabled(supervisor && !m_lockout->isActive());
    m_ui->pinLabel->setEnabled(supervisor);
    if (!supervisor)
        m_ui->pinLineEdit->clear();
    m_ui->pinLineEdit->setPlaceholderText(!supervisor ? QString()
            : m_settings.hasSupervisorPin()
            ? tr("%1 to %2 digits").arg(StationSettings::kMinPinLength).arg(StationSettings::kMaxPinLength)
            : tr("No PIN is set yet (Settings → Supervisor PIN)"));
    if (supervisor && m_ui->pinLineEdit->isEnabled())
        m_ui->pinLineEdit->setFocus();
}

void SignInDialog::showMessage(const QString& message)
{
    m_ui->signInMessageLabel->setText(message);
    m_ui->signInMessageLabel->setVisible(!message.isEmpty());
}

} // namespace Dockside
