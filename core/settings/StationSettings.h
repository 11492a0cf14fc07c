#pragma once

#include "util/Error.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

class QSettings;

namespace Dockside {

// This station's own settings, in an INI file (QSettings): what it is called, where its database is, how often
// it syncs, the webhook receiver, language, sounds, the serial scanner, the supervisor PIN and the last user.
// Merchants and their rules live in the database; API keys in the SecretStore; never here.
//
// The file may hold a database URL with a password and the PIN's hash, so it is kept readable by its owner only.
// The PIN itself is never stored: only a salted PBKDF2-SHA256 hash of it. Keys in the file are fixed English
// identifiers and never translated. Validation failures are Validation errors whose code names the field
// ("settings.webhook_port.range"); the UI maps the code to its own text.
class StationSettings final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StationSettings)

public:
    enum class Field {
        StationName,
        DatabaseUrl,
        SyncInterval,
        SweepDays,
        WebhookPort,
        Language,
        ScannerPort,
        ScannerBaud,
    };

    // Everything but the PIN and the last user, which have their own calls.
    struct Values
    {
        QString stationName;
        QString databaseUrl; // empty: $DOCKSIDE_DB, else the default SQLite file
        int syncIntervalMinutes = 5;
        int sweepDays = 120;
        bool webhookEnabled = false;
        int webhookPort = 8787;
        QString language; // empty: the system's; else one of supportedLanguages()
        bool soundsEnabled = true;
        QString scannerPort; // empty: no serial scanner (a keyboard-wedge scanner needs no setting)
        int scannerBaud = 9600;

        friend bool operator==(const Values&, const Values&) = default;
    };

    struct Problem
    {
        Field field;
        Error error;
    };

    static constexpr int kMinSyncIntervalMinutes = 1;
    static constexpr int kMaxSyncIntervalMinutes = 24 * 60;
    static constexpr int kMinSweepDays = 1;
    static constexpr int kMaxSweepDays = 730;
    static constexpr int kMinWebhookPort = 1;
    static constexpr int kMaxWebhookPort = 65535;
    static constexpr int kMinPinLength = 4;
    static constexpr int kMaxPinLength = 12;

    // Reads and writes the INI file at `path` (created on the first save).
    explicit StationSettings(const QString& path, QObject* parent = nullptr);
    ~StationSettings() override;

    // <AppConfigLocation>/station.ini, e.g. ~/.config/Dockside/dockside/station.ini.
    static QString defaultPath();
    // "en", "es": the languages the station speaks (English is the source).
    static QStringList supportedLanguages();
    static QList<int> supportedBaudRates();
    // This machine's host name, else "station".
    static QString defaultStationName();

    QString path() const;
    // Whether the file could be read; a file that does not parse is left alone and reported here.
    Status loadStatus() const;

    // The stored values; a stored value that is out of range reads as its default (see problems()).
    Values values() const;
    // Values in the file that were ignored because they are invalid, one line each, for the log.
    QStringList problems() const;
    // Every problem of `values`, in the order of the dialog's fields; empty when all are valid.
    static QList<Problem> validate(const Values& values);
    // Validates all, then writes all or nothing; emits changed() when something differs.
    Status save(const Values& values);

    QString stationName() const { return values().stationName; }
    QString databaseUrl() const { return values().databaseUrl; }
    int syncIntervalMinutes() const { return values().syncIntervalMinutes; }
    int sweepDays() const { return values().sweepDays; }
    bool webhookEnabled() const { return values().webhookEnabled; }
    int webhookPort() const { return values().webhookPort; }
    QString language() const { return values().language; }
    bool soundsEnabled() const { return values().soundsEnabled; }
    QString scannerPort() const { return values().scannerPort; }
    int scannerBaud() const { return values().scannerBaud; }

    // Single-value setters for callers that change one thing (the language menu, the demo): the same
    // validation as save().
    Status setLanguage(const QString& language);
    Status setStationName(const QString& name);
    Status setWebhook(bool enabled, int port);
    Status setSyncIntervalMinutes(int minutes);

    // The supervisor PIN: 4 to 12 digits.
    bool hasSupervisorPin() const;
    static Status validatePin(const QString& pin);
    Status setSupervisorPin(const QString& pin);
    // Constant-time comparison against the stored hash; false when no PIN is set.
    bool verifyPin(const QString& pin) const;

    QString lastUserName() const;
    Status setLastUserName(const QString& name);

Q_SIGNALS:
    // After save() (or a single-value setter) changed something.
    void changed(const Dockside::StationSettings::Values& before, const Dockside::StationSettings::Values& after);

private:
    Values stored() const; // as in the file, unchecked
    Status flush();

    std::unique_ptr<QSettings> m_settings;
};

} // namespace Dockside

Q_DECLARE_METATYPE(Dockside::StationSettings::Values)
