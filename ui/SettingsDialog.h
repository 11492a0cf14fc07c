#pragma once

#include "domain/Merchant.h"
#include "receiving/MerchantRules.h"
#include "settings/StationSettings.h"
#include "util/Error.h"

#include <QDialog>

#include <memory>

class QWidget;

namespace Ui {
class SettingsDialog;
}

namespace Dockside {

class Clock;
class Database;
class MerchantTableModel;
class SecretStore;

// The station's settings: Station (name, language, sounds, serial scanner), Database (URL, used from the next
// start), Sync (interval, daily sweep, webhook receiver), Merchants (Loop shops with their API key, webhook secret
// and receiving rules) and the supervisor PIN.
//
// OK saves the station values to StationSettings, all or nothing. Merchants and the PIN are saved by their own
// buttons, at once: a merchant's API key and webhook secret go to the SecretStore (the OS keychain, or the
// labelled protected file), the merchant (with references to them only) and its rules to the database. A secret
// once saved is never shown again, not even masked.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    enum class Tab {
        Station,
        Database,
        Sync,
        Merchants,
        SupervisorPin,
    };

    // `database` null: no database is open (the Merchants tab says so). `secrets` null: the station is still
    // finding out where secrets go (setSecretStore() follows). All must outlive the dialog.
    SettingsDialog(StationSettings& settings, const Clock& clock, Database* database, SecretStore* secrets,
        QWidget* parent = nullptr);
    ~SettingsDialog() override;

    void setSecretStore(SecretStore* secrets);
    void showTab(Tab tab);

    // The dialog's text for a settings or merchant error: the code mapped to a translated sentence.
    static QString messageFor(const Error& error);

public Q_SLOTS:
    void accept() override;

Q_SIGNALS:
    // A merchant, its secrets or its rules were saved: background services should load them again.
    void merchantsChanged();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void showWebhookHint();
    void loadValues();
    void fillLanguages();
    void fillScannerPorts(const QString& current);
    void fillBaudRates(int current);
    StationSettings::Values formValues() const;
    QWidget* widgetFor(StationSettings::Field field) const;
    void showError(const QString& message, QWidget* field);

    void loadMerchants(qint64 selectId = 0);
    void showMerchant(const Merchant& merchant);
    void newMerchant();
    void onMerchantSelected();
    void setMerchantDirty(bool dirty);
    void showMerchantMessage(const QString& message, bool problem);
    void showSecretStore();
    void showSecretPlaceholders();
    MerchantRules formRules() const;
    void saveMerchant();
    Result<Merchant> merchantFromForm() const;
    void writeSecrets(Merchant merchant, QByteArray apiKey, QByteArray webhookSecret, QStringList written);
    void storeMerchant(Merchant merchant, QStringList written);
    void discardSecrets(QStringList references, const QString& message);
    void setBusy(bool busy);

    void showPinState();
    void setPin();

    std::unique_ptr<Ui::SettingsDialog> m_ui;
    StationSettings& m_settings;
    const Clock& m_clock;
    Database* m_database;
    SecretStore* m_secrets;
    MerchantTableModel* m_merchants = nullptr;
    Merchant m_editing; // id 0: a new merchant
    MerchantRules m_editingRules; // as loaded: the fields without a widget keep their values
    bool m_merchantDirty = false;
    bool m_busy = false;
    bool m_filling = false; // the form is being filled by code, not typed in
};

} // namespace Dockside
