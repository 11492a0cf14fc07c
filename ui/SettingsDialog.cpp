#include "SettingsDialog.h"

#include "ErrorTexts.h"
#include "LanguageSwitcher.h"
#include "MerchantTableModel.h"
#include "settings/FileSecretStore.h"
#include "settings/SecretStore.h"
#include "storage/Database.h"
#include "storage/MerchantRepository.h"
#include "storage/MerchantRulesRepository.h"
#include "ui_SettingsDialog.h"
#include "util/Clock.h"

#include <QDir>
#include <QEvent>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QPushButton>
#include <QSerialPortInfo>
#include <QSysInfo>
#include <QUrl>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {

const QStringList kApiVersions { u"v1"_s, u"2026-07"_s, u"2026-10"_s, u"unstable"_s };
constexpr qsizetype kMaxSecretBytes = 64 * 1024;

const char* const kProblemStyle = "color: #b00020; font-weight: 600;";
const char* const kDoneStyle = "color: #1b5e20; font-weight: 600;";

} // namespace

SettingsDialog::SettingsDialog(
    StationSettings& settings, const Clock& clock, Database* database, SecretStore* secrets, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::SettingsDialog>())
    , m_settings(settings)
    , m_clock(clock)
    , m_database(database)
    , m_secrets(secrets)
{
    m_ui->setupUi(this);
    setObjectName(u"settingsDialog"_s);

    m_merchants = new MerchantTableModel(this);
    m_ui->merchantsTableView->setModel(m_merchants);
    QHeaderView* header = m_ui->merchantsTableView->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(MerchantTableModel::NameColumn, QHeaderView::Stretch);
    m_ui->merchantsTableView->verticalHeader()->hide();
    // The form beside the list shows the rest.
    m_ui->merchantsTableView->setColumnHidden(MerchantTableModel::BaseUrlColumn, true);
    m_ui->merchantsTableView->setColumnHidden(MerchantTableModel::ActiveColumn, true);
    m_ui->apiVersionComboBox->addItems(kApiVersions);
    m_ui->settingsErrorLabel->hide();

    connect(m_ui->dialogButtonBox, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_ui->dialogButtonBox, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_ui->webhookEnabledCheckBox, &QCheckBox::toggled, m_ui->webhookPortSpinBox, &QWidget::setEnabled);
    connect(m_ui->webhookPortSpinBox, &QSpinBox::valueChanged, this, &SettingsDialog::showWebhookHint);
    connect(m_ui->supervisorValueCheckBox, &QCheckBox::toggled, m_ui->supervisorValueSpinBox, &QWidget::setEnabled);

    connect(m_ui->addMerchantPushButton, &QPushButton::clicked, this, &SettingsDialog::newMerchant);
    connect(m_ui->saveMerchantPushButton, &QPushButton::clicked, this, &SettingsDialog::saveMerchant);
    connect(m_ui->merchantsTableView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &SettingsDialog::onMerchantSelected);
    // Any edit in the merchant form marks it unsaved, so OK cannot silently drop it.
    const auto edited = [this] {
        if (!m_filling)
            setMerchantDirty(true);
    };
    for (QLineEdit* edit :
        { m_ui->merchantNameLineEdit, m_ui->baseUrlLineEdit, m_ui->apiKeyLineEdit, m_ui->webhookSecretLineEdit })
        connect(edit, &QLineEdit::textEdited, this, edited);
    for (QCheckBox* box : { m_ui->gradeACheckBox, m_ui->gradeBCheckBox, m_ui->gradeCCheckBox, m_ui->gradeDCheckBox,
             m_ui->supervisorValueCheckBox, m_ui->requireDeliveredCheckBox, m_ui->autoProcessCheckBox,
             m_ui->merchantActiveCheckBox })
        connect(box, &QCheckBox::toggled, this, edited);
    connect(m_ui->supervisorValueSpinBox, &QDoubleSpinBox::valueChanged, this, edited);
    connect(m_ui->rateLimitSpinBox, &QSpinBox::valueChanged, this, edited);
    connect(m_ui->apiVersionComboBox, &QComboBox::currentIndexChanged, this, edited);

    connect(m_ui->setPinPushButton, &QPushButton::clicked, this, &SettingsDialog::setPin);
    connect(m_ui->confirmPinLineEdit, &QLineEdit::returnPressed, this, &SettingsDialog::setPin);

    loadValues();
    loadMerchants();
    setBusy(false);
    retranslate();
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::setSecretStore(SecretStore* secrets)
{
    m_secrets = secrets;
    showSecretStore();
    showSecretPlaceholders();
    setBusy(m_busy);
}

void SettingsDialog::showTab(Tab tab)
{
    QWidget* page = nullptr;
    switch (tab) {
    case Tab::Station:
        page = m_ui->stationTab;
        break;
    case Tab::Database:
        page = m_ui->databaseTab;
        break;
    case Tab::Sync:
        page = m_ui->syncTab;
        break;
    case Tab::Merchants:
        page = m_ui->merchantsTab;
        break;
    case Tab::SupervisorPin:
        page = m_ui->supervisorTab;
        break;
    }
    m_ui->settingsTabWidget->setCurrentWidget(page);
}

QString SettingsDialog::messageFor(const Error& error)
{
    const QString& code = error.code;
    if (code == u"settings.station_name.empty"_s)
        return tr("The station needs a name, e.g. \"Dock 3\".");
    if (code == u"settings.station_name.long"_s)
        return tr("The station name may have at most %1 characters.").arg(64);
    if (code == u"settings.database_url.invalid"_s)
        return tr("The database URL is not valid: %1").arg(ErrorTexts::message(error));
    if (code == u"settings.sync_interval.range"_s) {
        return tr("The sync interval must be from %1 to %2 minutes.")
            .arg(StationSettings::kMinSyncIntervalMinutes)
            .arg(StationSettings::kMaxSyncIntervalMinutes);
    }
    if (code == u"settings.sweep_days.range"_s) {
        return tr("The daily sweep must cover from %1 to %2 days.")
            .arg(StationSettings::kMinSweepDays)
            .arg(StationSettings::kMaxSweepDays);
    }
    if (code == u"settings.webhook_port.range"_s) {
        return tr("The webhook port must be a number from %1 to %2, e.g. 8787.")
            .arg(StationSettings::kMinWebhookPort)
            .arg(StationSettings::kMaxWebhookPort);
    }
    if (code == u"settings.language.unknown"_s)
        return tr("That language is not available: choose English, Español or the system language.");
    if (code == u"settings.scanner_port.invalid"_s)
        return tr("The scanner port must be a device name such as /dev/ttyACM0 or COM3.");
    if (code == u"settings.scanner_baud.unsupported"_s)
        return tr("Choose one of the listed scanner speeds (most scanners use 9600 baud).");
    if (code == u"settings.pin.format"_s) {
        return tr("The supervisor PIN must be %1 to %2 digits.")
            .arg(StationSettings::kMinPinLength)
            .arg(StationSettings::kMaxPinLength);
    }
    if (code == u"settings.unwritable"_s || code == u"settings.unreadable"_s || code == u"settings.inaccessible"_s)
        return tr("The settings could not be saved: %1").arg(ErrorTexts::message(error));
    return ErrorTexts::message(error);
}

void SettingsDialog::accept()
{
    if (m_busy) {
        showError(tr("A merchant is being saved; wait a moment, then press OK again."), nullptr);
        return;
    }
    if (m_merchantDirty) {
        showTab(Tab::Merchants);
        showError(tr("The merchant form has changes that are not saved: press \"Save merchant\", or press Cancel to "
                     "leave without saving."),
            m_ui->saveMerchantPushButton);
        return;
    }
    const StationSettings::Values values = formValues();
    const QList<StationSettings::Problem> problems = StationSettings::validate(values);
    if (!problems.isEmpty()) {
        showError(messageFor(problems.constFirst().error), widgetFor(problems.constFirst().field));
        return;
    }
    if (const Status saved = m_settings.save(values); !saved) {
        showError(messageFor(saved.error()), nullptr);
        return;
    }
    QDialog::accept();
}

void SettingsDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        // Keep what was typed: retranslateUi() only replaces the fixed texts.
        m_ui->retranslateUi(this);
        retranslate();
    }
    QDialog::changeEvent(event);
}

void SettingsDialog::retranslate()
{
    fillLanguages();
    m_ui->syncIntervalSpinBox->setSuffix(tr(" min"));
    m_ui->sweepDaysSpinBox->setSuffix(tr(" days"));
    showWebhookHint();
    m_ui->scannerPortComboBox->setItemText(0, tr("None (keyboard-wedge scanner)"));
    m_ui->databaseInUseLabel->setText(
        m_database ? m_database->url().toDisplayString() : tr("none: the database could not be opened"));
    m_merchants->retranslate();
    m_ui->merchantGroupBox->setTitle(m_editing.id > 0 ? tr("Merchant: %1").arg(m_editing.name) : tr("New merchant"));
    showSecretStore();
    showSecretPlaceholders();
    showPinState();
}

void SettingsDialog::showWebhookHint()
{
    const QString host = QSysInfo::machineHostName().isEmpty() ? u"localhost"_s : QSysInfo::machineHostName();
    m_ui->webhookHintLabel->setText(
        tr("Loop delivers to http://%1:%2/loop/webhooks/<merchant id> (the receiver listens on every network "
           "interface of this computer). Each merchant's webhook secret is set on the Merchants tab. The receiver "
           "starts or stops when you press OK.")
            .arg(host)
            .arg(m_ui->webhookPortSpinBox->value()));
}

// ---- Station, database, sync ----

void SettingsDialog::loadValues()
{
    const StationSettings::Values values = m_settings.values();
    m_ui->stationNameLineEdit->setText(values.stationName);
    fillLanguages();
    m_ui->languageComboBox->setCurrentIndex(std::max(0, m_ui->languageComboBox->findData(values.language)));
    m_ui->soundsCheckBox->setChecked(values.soundsEnabled);
    fillScannerPorts(values.scannerPort);
    fillBaudRates(values.scannerBaud);
    m_ui->databaseUrlLineEdit->setText(values.databaseUrl);
    m_ui->syncIntervalSpinBox->setValue(values.syncIntervalMinutes);
    m_ui->sweepDaysSpinBox->setValue(values.sweepDays);
    m_ui->webhookEnabledCheckBox->setChecked(values.webhookEnabled);
    m_ui->webhookPortSpinBox->setValue(values.webhookPort);
    m_ui->webhookPortSpinBox->setEnabled(values.webhookEnabled);
}

void SettingsDialog::fillLanguages()
{
    QComboBox* box = m_ui->languageComboBox;
    const QString selected = box->count() > 0 ? box->currentData().toString() : m_settings.language();
    const QSignalBlocker blocker(box);
    box->clear();
    box->addItem(LanguageSwitcher::displayName(QString()), QString());
    for (const QString& language : StationSettings::supportedLanguages())
        box->addItem(LanguageSwitcher::displayName(language), language);
    box->setCurrentIndex(std::max(0, box->findData(selected)));
}

void SettingsDialog::fillScannerPorts(const QString& current)
{
    QComboBox* box = m_ui->scannerPortComboBox;
    box->clear();
    box->addItem(tr("None (keyboard-wedge scanner)"), QString());
    for (const QSerialPortInfo& port : QSerialPortInfo::availablePorts()) {
        const QString description = port.description().isEmpty()
            ? port.systemLocation()
            : port.systemLocation() + u" · "_s + port.description();
        box->addItem(port.systemLocation(), port.systemLocation());
        box->setItemData(box->count() - 1, description, Qt::ToolTipRole);
    }
    if (!current.isEmpty() && box->findData(current) < 0)
        box->addItem(current, current); // configured, but not plugged in right now
    box->setCurrentIndex(std::max(0, box->findData(current)));
}

void SettingsDialog::fillBaudRates(int current)
{
    QComboBox* box = m_ui->scannerBaudComboBox;
    box->clear();
    for (const int rate : StationSettings::supportedBaudRates())
        box->addItem(QString::number(rate), rate);
    box->setCurrentIndex(std::max(0, box->findData(current)));
}

StationSettings::Values SettingsDialog::formValues() const
{
    StationSettings::Values values = m_settings.values();
    values.stationName = m_ui->stationNameLineEdit->text().trimmed();
    values.language = m_ui->languageComboBox->currentData().toString();
    values.soundsEnabled = m_ui->soundsCheckBox->isChecked();
    QString port = m_ui->scannerPortComboBox->currentText().trimmed();
    if (const int index = m_ui->scannerPortComboBox->findText(port); index >= 0)
        port = m_ui->scannerPortComboBox->itemData(index).toString();
    values.scannerPort = port;
    values.scannerBaud = m_ui->scannerBaudComboBox->currentData().toInt();
    values.databaseUrl = m_ui->databaseUrlLineEdit->text().trimmed();
    values.syncIntervalMinutes = m_ui->syncIntervalSpinBox->value();
    values.sweepDays = m_ui->sweepDaysSpinBox->value();
    values.webhookEnabled = m_ui->webhookEnabledCheckBox->isChecked();
    values.webhookPort = m_ui->webhookPortSpinBox->value();
    return values;
}

QWidget* SettingsDialog::widgetFor(StationSettings::Field field) const
{
    switch (field) {
    case StationSettings::Field::StationName:
        return m_ui->stationNameLineEdit;
    case StationSettings::Field::DatabaseUrl:
        return m_ui->databaseUrlLineEdit;
    case StationSettings::Field::SyncInterval:
        return m_ui->syncIntervalSpinBox;
    case StationSettings::Field::SweepDays:
        return m_ui->sweepDaysSpinBox;
    case StationSettings::Field::WebhookPort:
        return m_ui->webhookPortSpinBox;
    case StationSettings::Field::Language:
        return m_ui->languageComboBox;
    case StationSettings::Field::ScannerPort:
        return m_ui->scannerPortComboBox;
    case StationSettings::Field::ScannerBaud:
        return m_ui->scannerBaudComboBox;
    }
    return nullptr;
}

void SettingsDialog::showError(const QString& message, QWidget* field)
{
    m_ui->settingsErrorLabel->setText(message);
    m_ui->settingsErrorLabel->setVisible(!message.isEmpty());
    if (!field)
        return;
    // Show the tab that holds the field, then the field itself.
    for (QWidget* tab = field->parentWidget(); tab; tab = tab->parentWidget()) {
        if (m_ui->settingsTabWidget->indexOf(tab) >= 0) {
            m_ui->settingsTabWidget->setCurrentWidget(tab);
            break;
        }
    }
    field->setFocus();
}

// ---- Merchants ----

void SettingsDialog::loadMerchants(qint64 selectId)
{
    const bool open = m_database != nullptr;
    m_ui->merchantsTableView->setEnabled(open);
    m_ui->merchantGroupBox->setEnabled(open);
    m_ui->rulesGroupBox->setEnabled(open);
    m_ui->addMerchantPushButton->setEnabled(open);
    m_ui->saveMerchantPushButton->setEnabled(open);
    if (!open) {
        showMerchantMessage(tr("No database is open, so merchants cannot be changed now. Fix the database first "
                               "(the main window says what is wrong)."),
            true);
        return;
    }
    const Result<QList<Merchant>> merchants = MerchantRepository(*m_database).list();
    if (!merchants) {
        showMerchantMessage(
            tr("The merchants could not be read: %1").arg(ErrorTexts::message(merchants.error())), true);
        return;
    }
    m_merchants->setMerchants(*merchants);
    const int row = m_merchants->rowOf(selectId);
    if (row >= 0) {
        m_ui->merchantsTableView->selectRow(row);
        m_ui->merchantsTableView->setCurrentIndex(m_merchants->index(row, 0));
    } else if (merchants->isEmpty()) {
        newMerchant();
    } else {
        m_ui->merchantsTableView->selectRow(0);
        m_ui->merchantsTableView->setCurrentIndex(m_merchants->index(0, 0));
    }
}

void SettingsDialog::onMerchantSelected()
{
    const QModelIndex current = m_ui->merchantsTableView->currentIndex();
    if (!current.isValid() || current.row() >= m_merchants->merchants().size())
        return;
    const Merchant& merchant = m_merchants->merchants().at(current.row());
    if (merchant.id == m_editing.id && !m_merchantDirty)
        return;
    showMerchant(merchant);
}

void SettingsDialog::newMerchant()
{
    m_ui->merchantsTableView->clearSelection();
    showMerchant(Merchant {});
    m_ui->merchantNameLineEdit->setFocus();
}

void SettingsDialog::showMerchant(const Merchant& merchant)
{
    m_filling = true;
    m_editing = merchant;
    m_editingRules = MerchantRules {};
    QString problem;
    if (merchant.id > 0 && m_database) {
        const Result<MerchantRules> rules = MerchantRulesRepository(*m_database).forMerchant(merchant.id);
        if (rules)
            m_editingRules = *rules;
        else
            problem = tr("The stored rules could not be read (%1). The form shows the defaults; saving replaces "
                         "the stored rules with them.")
                          .arg(ErrorTexts::message(rules.error()));
    }
    m_ui->merchantGroupBox->setTitle(merchant.id > 0 ? tr("Merchant: %1").arg(merchant.name) : tr("New merchant"));
    m_ui->merchantNameLineEdit->setText(merchant.name);
    m_ui->baseUrlLineEdit->setText(merchant.baseUrl);
    m_ui->apiVersionComboBox->setCurrentIndex(std::max(0, m_ui->apiVersionComboBox->findText(merchant.apiVersion)));
    m_ui->rateLimitSpinBox->setValue(merchant.rateLimitPerMinute);
    m_ui->merchantActiveCheckBox->setChecked(merchant.active);
    m_ui->apiKeyLineEdit->clear();
    m_ui->webhookSecretLineEdit->clear();
    const MerchantRules& rules = m_editingRules;
    m_ui->gradeACheckBox->setChecked(rules.isAcceptable(Condition::GradeA));
    m_ui->gradeBCheckBox->setChecked(rules.isAcceptable(Condition::GradeB));
    m_ui->gradeCCheckBox->setChecked(rules.isAcceptable(Condition::GradeC));
    m_ui->gradeDCheckBox->setChecked(rules.isAcceptable(Condition::GradeD));
    m_ui->supervisorValueCheckBox->setChecked(rules.supervisorValueMinor.has_value());
    m_ui->supervisorValueSpinBox->setEnabled(rules.supervisorValueMinor.has_value());
    if (rules.supervisorValueMinor)
        m_ui->supervisorValueSpinBox->setValue(double(*rules.supervisorValueMinor) / 100.0);
    m_ui->requireDeliveredCheckBox->setChecked(rules.requireDeliveredLabel);
    m_ui->autoProcessCheckBox->setChecked(rules.autoProcess);
    showSecretPlaceholders();
    m_filling = false;
    setMerchantDirty(false);
    showMerchantMessage(problem, !problem.isEmpty());
}

void SettingsDialog::setMerchantDirty(bool dirty)
{
    m_merchantDirty = dirty;
    if (dirty)
        showMerchantMessage(QString(), false);
}

void SettingsDialog::showMerchantMessage(const QString& message, bool problem)
{
    m_ui->merchantMessageLabel->setText(message);
    m_ui->merchantMessageLabel->setStyleSheet(QString::fromLatin1(problem ? kProblemStyle : kDoneStyle));
}

void SettingsDialog::showSecretStore()
{
    QLabel* label = m_ui->secretStoreLabel;
    if (!m_secrets) {
        label->setText(tr("Finding out where this station keeps API keys… Merchants can be saved in a moment."));
        label->setStyleSheet(QString());
    } else if (const auto* file = dynamic_cast<const FileSecretStore*>(m_secrets)) {
        // Said plainly: this is the weaker of the two places.
        label->setText(tr("No OS keychain answers on this computer, so API keys and webhook secrets are kept in the "
                          "protected file %1. Only this user can read it, but it is not encrypted.")
                           .arg(QDir::toNativeSeparators(file->path())));
        label->setStyleSheet(u"color: #8a4b00; font-weight: 600;"_s);
    } else {
        label->setText(tr("API keys and webhook secrets are kept in the OS keychain."));
        label->setStyleSheet(QString());
    }
}

void SettingsDialog::showSecretPlaceholders()
{
    const auto where = [](const QString& reference) {
        return reference.startsWith(u"file:"_s) ? tr("protected file") : tr("OS keychain");
    };
    if (m_editing.apiKeyRef.isEmpty()) {
        m_ui->apiKeyLineEdit->setPlaceholderText(tr("Paste the API key from Loop (needed)"));
    } else {
        m_ui->apiKeyLineEdit->setPlaceholderText(
            tr("Stored in the %1; type a new key only to replace it").arg(where(m_editing.apiKeyRef)));
    }
    if (m_editing.webhookSecretRef.isEmpty()) {
        m_ui->webhookSecretLineEdit->setPlaceholderText(tr("Optional: only needed to receive webhooks"));
    } else {
        m_ui->webhookSecretLineEdit->setPlaceholderText(
            tr("Stored in the %1; type a new secret only to replace it").arg(where(m_editing.webhookSecretRef)));
    }
}

MerchantRules SettingsDialog::formRules() const
{
    MerchantRules rules = m_editingRules;
    rules.acceptableConditions.clear();
    const std::pair<QCheckBox*, Condition> grades[] = {
        { m_ui->gradeACheckBox, Condition::GradeA },
        { m_ui->gradeBCheckBox, Condition::GradeB },
        { m_ui->gradeCCheckBox, Condition::GradeC },
        { m_ui->gradeDCheckBox, Condition::GradeD },
    };
    for (const auto& [box, condition] : grades) {
        if (box->isChecked())
            rules.acceptableConditions.append(condition);
    }
    // Conditions the form does not show (none today) stay as stored.
    for (const Condition condition : m_editingRules.acceptableConditions) {
        if (condition != Condition::GradeA && condition != Condition::GradeB && condition != Condition::GradeC
            && condition != Condition::GradeD && !rules.acceptableConditions.contains(condition))
            rules.acceptableConditions.append(condition);
    }
    rules.supervisorValueMinor = m_ui->supervisorValueCheckBox->isChecked()
        ? std::optional<qint64>(qRound64(m_ui->supervisorValueSpinBox->value() * 100.0))
        : std::nullopt;
    rules.requireDeliveredLabel = m_ui->requireDeliveredCheckBox->isChecked();
    rules.autoProcess = m_ui->autoProcessCheckBox->isChecked();
    return rules;
}

Result<Merchant> SettingsDialog::merchantFromForm() const
{
    Merchant merchant = m_editing;
    merchant.name = m_ui->merchantNameLineEdit->text().trimmed();
    if (merchant.name.isEmpty())
        return fail(Error::validation(u"merchant.name.empty"_s, tr("The merchant needs a name, e.g. Acme Outdoor.")));
    const QUrl url(m_ui->baseUrlLineEdit->text().trimmed(), QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"https"_s && url.scheme() != u"http"_s) || url.host().isEmpty()) {
        return fail(Error::validation(u"merchant.url.invalid"_s,
            tr("The Loop API address must be an http:// or https:// address with a host, e.g. "
               "https://api.loopreturns.com/api")));
    }
    if (!url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment()) {
        return fail(Error::validation(u"merchant.url.extra"_s,
            tr("The Loop API address must be just the address, without a user name, password, query or fragment; "
               "the API key has its own field.")));
    }
    merchant.baseUrl = url.toString();
    merchant.apiVersion = m_ui->apiVersionComboBox->currentText();
    merchant.rateLimitPerMinute = m_ui->rateLimitSpinBox->value();
    merchant.active = m_ui->merchantActiveCheckBox->isChecked();
    if (merchant.apiKeyRef.isEmpty() && m_ui->apiKeyLineEdit->text().trimmed().isEmpty()) {
        return fail(Error::validation(u"merchant.api_key.missing"_s,
            tr("Paste the merchant's API key from Loop (Loop Admin → Developers → API keys).")));
    }
    if (m_ui->apiKeyLineEdit->text().trimmed().size() > kMaxSecretBytes
        || m_ui->webhookSecretLineEdit->text().trimmed().size() > kMaxSecretBytes) {
        return fail(Error::validation(u"merchant.secret.long"_s,
            tr("That is far too long for an API key or webhook secret: check what was pasted.")));
    }
    const Result<std::optional<Merchant>> existing = MerchantRepository(*m_database).findByName(merchant.name);
    if (!existing)
        return fail(existing.error());
    if (existing->has_value() && (*existing)->id != merchant.id) {
        return fail(Error::validation(u"merchant.name.taken"_s,
            tr("A merchant named \"%1\" already exists: choose another name, or select it in the list to edit it.")
                .arg(merchant.name)));
    }
    return merchant;
}

void SettingsDialog::saveMerchant()
{
    if (m_busy || !m_database)
        return;
    if (!m_secrets) {
        showMerchantMessage(
            tr("The station is still finding out where to keep API keys; try again in a moment."), true);
        return;
    }
    const Result<Merchant> merchant = merchantFromForm();
    if (!merchant) {
        showMerchantMessage(ErrorTexts::message(merchant.error()), true);
        if (merchant.error().code.startsWith(u"merchant.name"_s))
            m_ui->merchantNameLineEdit->setFocus();
        else if (merchant.error().code.startsWith(u"merchant.url"_s))
            m_ui->baseUrlLineEdit->setFocus();
        else if (merchant.error().code.startsWith(u"merchant.api_key"_s))
            m_ui->apiKeyLineEdit->setFocus();
        return;
    }
    const QByteArray apiKey = m_ui->apiKeyLineEdit->text().trimmed().toUtf8();
    const QByteArray webhookSecret = m_ui->webhookSecretLineEdit->text().trimmed().toUtf8();
    setBusy(true);
    showMerchantMessage(tr("Saving…"), false);
    writeSecrets(*merchant, apiKey, webhookSecret, {});
}

// Writes the new API key, then the new webhook secret, each under a reference of the current store (the
// existing one when that store already holds it, so a replaced key does not leave an orphan), then the merchant.
// `written` lists the references created by this save, removed again if a later step fails.
void SettingsDialog::writeSecrets(Merchant merchant, QByteArray apiKey, QByteArray webhookSecret, QStringList written)
{
    // A fresh name per merchant, not its name: a name can be reused after a rename, a key never.
    const auto referenceFor = [this](const QString& existing, const QString& kind) {
        if (!existing.isEmpty() && m_secrets->holds(existing))
            return existing;
        return m_secrets->referenceFor(
            u"merchant/%1/%2"_s.arg(QUuid::createUuid().toString(QUuid::WithoutBraces), kind));
    };
    const bool keyNext = !apiKey.isEmpty();
    if (!keyNext && webhookSecret.isEmpty()) {
        storeMerchant(merchant, written);
        return;
    }
    QString& slot = keyNext ? merchant.apiKeyRef : merchant.webhookSecretRef;
    const QString reference = referenceFor(slot, keyNext ? u"api-key"_s : u"webhook-secret"_s);
    const bool created = reference != slot;
    slot = reference;
    const QByteArray secret = keyNext ? apiKey : webhookSecret;
    m_secrets->write(reference, secret, this,
        [this, merchant, apiKey = keyNext ? QByteArray() : apiKey,
            webhookSecret = keyNext ? webhookSecret : QByteArray(), written, reference,
            created](Status stored) mutable {
            if (!stored) {
                discardSecrets(
                    written, tr("The secret could not be stored: %1").arg(ErrorTexts::message(stored.error())));
                return;
            }
            if (created)
                written << reference;
            writeSecrets(merchant, apiKey, webhookSecret, written);
        });
}

void SettingsDialog::storeMerchant(Merchant merchant, QStringList written)
{
    MerchantRepository repository(*m_database);
    if (merchant.id == 0) {
        const Result<qint64> id = repository.insert(merchant);
        if (!id) {
            discardSecrets(written, tr("The merchant could not be saved: %1").arg(ErrorTexts::message(id.error())));
            return;
        }
        merchant.id = *id;
    } else if (const Status updated = repository.update(merchant); !updated) {
        discardSecrets(written, tr("The merchant could not be saved: %1").arg(ErrorTexts::message(updated.error())));
        return;
    }
    const Status rules = MerchantRulesRepository(*m_database).save(merchant.id, formRules(), m_clock.now());
    setBusy(false);
    m_ui->apiKeyLineEdit->clear();
    m_ui->webhookSecretLineEdit->clear();
    m_merchantDirty = false;
    m_editing = Merchant {}; // so the reload shows the stored merchant afresh
    loadMerchants(merchant.id);
    if (!rules) {
        showMerchantMessage(tr("%1 was saved, but its receiving rules were not: %2")
                                .arg(merchant.name, ErrorTexts::message(rules.error())),
            true);
    } else {
        showMerchantMessage(tr("%1 is saved; its API key is kept in the %2.")
                                .arg(merchant.name, MerchantTableModel::whereKept(merchant.apiKeyRef)),
            false);
    }
    Q_EMIT merchantsChanged();
}

void SettingsDialog::discardSecrets(QStringList references, const QString& message)
{
    if (references.isEmpty()) {
        setBusy(false);
        showMerchantMessage(message, true);
        return;
    }
    const QString reference = references.takeFirst();
    m_secrets->remove(reference, this, [this, references, message](Status) { discardSecrets(references, message); });
}

void SettingsDialog::setBusy(bool busy)
{
    m_busy = busy;
    const bool open = m_database != nullptr;
    m_ui->saveMerchantPushButton->setEnabled(open && !busy && m_secrets);
    m_ui->addMerchantPushButton->setEnabled(open && !busy);
    m_ui->merchantsTableView->setEnabled(open && !busy);
}

// ---- Supervisor PIN ----

void SettingsDialog::showPinState()
{
    const bool set = m_settings.hasSupervisorPin();
    m_ui->pinStatusLabel->setText(set
            ? tr("A supervisor PIN is set. To change it, enter the current PIN, then the new one twice.")
            : tr("No supervisor PIN is set yet. Set one so that supervisors can sign in: %1 to %2 digits.")
                  .arg(StationSettings::kMinPinLength)
                  .arg(StationSettings::kMaxPinLength));
    m_ui->currentPinLabel->setVisible(set);
    m_ui->currentPinLineEdit->setVisible(set);
    m_ui->setPinPushButton->setText(set ? tr("Change &PIN") : tr("Set &PIN"));
}

void SettingsDialog::setPin()
{
    const auto problem = [this](const QString& message, QLineEdit* field) {
        m_ui->pinMessageLabel->setText(message);
        m_ui->pinMessageLabel->setStyleSheet(QString::fromLatin1(kProblemStyle));
        field->clear();
        field->setFocus();
    };
    if (m_settings.hasSupervisorPin() && !m_settings.verifyPin(m_ui->currentPinLineEdit->text())) {
        problem(tr("The current PIN is not right; the PIN was not changed."), m_ui->currentPinLineEdit);
        return;
    }
    const QString pin = m_ui->newPinLineEdit->text();
    if (const Status valid = StationSettings::validatePin(pin); !valid) {
        m_ui->confirmPinLineEdit->clear();
        problem(messageFor(valid.error()), m_ui->newPinLineEdit);
        return;
    }
    if (m_ui->confirmPinLineEdit->text() != pin) {
        problem(tr("The two new PINs differ: type the same PIN in both fields."), m_ui->confirmPinLineEdit);
        return;
    }
    if (const Status set = m_settings.setSupervisorPin(pin); !set) {
        problem(messageFor(set.error()), m_ui->newPinLineEdit);
        return;
    }
    m_ui->currentPinLineEdit->clear();
    m_ui->newPinLineEdit->clear();
    m_ui->confirmPinLineEdit->clear();
    showPinState();
    m_ui->pinMessageLabel->setText(tr("The supervisor PIN is saved."));
    m_ui->pinMessageLabel->setStyleSheet(QString::fromLatin1(kDoneStyle));
}

} // namespace Dockside
