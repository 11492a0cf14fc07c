#include "StationSettings.h"

#include "storage/DatabaseUrl.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QPasswordDigestor>
#include <QRandomGenerator>
#include <QSettings>
#include <QStandardPaths>
#include <QSysInfo>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcSettings, "dockside.settings")

namespace Dockside {

namespace {

// Keys in the file: fixed identifiers, never translated.
const QString kStationName = u"station/name"_s;
const QString kDatabaseUrl = u"database/url"_s;
const QString kSyncInterval = u"sync/interval_minutes"_s;
const QString kSweepDays = u"sync/sweep_days"_s;
const QString kWebhookEnabled = u"webhooks/enabled"_s;
const QString kWebhookPort = u"webhooks/port"_s;
const QString kLanguage = u"ui/language"_s;
const QString kSounds = u"ui/sounds"_s;
const QString kScannerPort = u"scanner/serial_port"_s;
const QString kScannerBaud = u"scanner/baud"_s;
const QString kPinHash = u"supervisor/pin_hash"_s;
const QString kLastUser = u"session/last_user"_s;

constexpr qsizetype kMaxNameLength = 64;
constexpr qsizetype kMaxPortNameLength = 200;

// PBKDF2-SHA256 with a random salt per PIN. A PIN of a few digits is guessed offline quickly whatever the hash,
// so the hash keeps it from being read off the file, and the file's permissions keep the hash from others.
constexpr int kPinIterations = 50'000;
constexpr int kSaltBytes = 16;
constexpr int kHashBytes = 32;
const QString kPinScheme = u"pbkdf2-sha256"_s;

QByteArray derive(const QString& pin, const QByteArray& salt, int iterations)
{
    return QPasswordDigestor::deriveKeyPbkdf2(
        QCryptographicHash::Sha256, pin.toUtf8(), salt, iterations, quint64(kHashBytes));
}

bool equalInConstantTime(const QByteArray& a, const QByteArray& b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return difference == 0;
}

Error invalid(const QString& code, const QString& message)
{
    return Error::validation(code, message);
}

bool isDigits(const QString& text)
{
    return !text.isEmpty() && std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

} // namespace

StationSettings::StationSettings(const QString& path, QObject* parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(path, QSettings::IniFormat))
{
    const Status loaded = loadStatus();
    if (!loaded)
        qCWarning(lcSettings).noquote() << loaded.error().toLogString();
    for (const QString& problem : problems())
        qCWarning(lcSettings).noquote() << problem;
}

StationSettings::~StationSettings() = default;

QString StationSettings::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + u"/station.ini"_s;
}

QStringList StationSettings::supportedLanguages()
{
    return { u"en"_s, u"es"_s };
}

QList<int> StationSettings::supportedBaudRates()
{
    return { 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200 };
}

QString StationSettings::defaultStationName()
{
    const QString host = QSysInfo::machineHostName();
    return host.isEmpty() ? u"station"_s : host.left(kMaxNameLength);
}

QString StationSettings::path() const
{
    return m_settings->fileName();
}

Status StationSettings::loadStatus() const
{
    if (m_settings->status() == QSettings::FormatError) {
        return fail(Error::storage(u"settings.unreadable"_s,
            u"The settings file %1 does not read as settings; Dockside uses the defaults and does not write it. "
            "Move it aside (or fix it) and set the station up again."_s)
                        .with(path()));
    }
    if (m_settings->status() == QSettings::AccessError) {
        return fail(Error::storage(
            u"settings.inaccessible"_s, u"The settings file %1 cannot be read. Check that this user may read it."_s)
                        .with(path()));
    }
    return {};
}

QList<StationSettings::Problem> StationSettings::validate(const Values& values)
{
    QList<Problem> problems;
    const QString name = values.stationName.trimmed();
    if (name.isEmpty()) {
        problems.append({ Field::StationName,
            invalid(u"settings.station_name.empty"_s, u"The station needs a name, e.g. \"Dock 3\"."_s) });
    } else if (name.size() > kMaxNameLength) {
        problems.append({ Field::StationName,
            invalid(u"settings.station_name.long"_s, u"The station name may have at most %1 characters."_s)
                .with(kMaxNameLength) });
    }
    if (!values.databaseUrl.trimmed().isEmpty()) {
        const Result<DatabaseUrl> url = DatabaseUrl::parse(values.databaseUrl.trimmed());
        if (!url) {
            Error problem = invalid(u"settings.database_url.invalid"_s, url.error().message);
            problem.args = url.error().args; // the message is the URL's: the UI words it from the same values
            problems.append({ Field::DatabaseUrl, problem });
        }
    }
    if (values.syncIntervalMinutes < kMinSyncIntervalMinutes || values.syncIntervalMinutes > kMaxSyncIntervalMinutes) {
        problems.append({ Field::SyncInterval,
            invalid(u"settings.sync_interval.range"_s, u"The sync interval must be from %1 to %2 minutes."_s)
                .with(kMinSyncIntervalMinutes, kMaxSyncIntervalMinutes) });
    }
    if (values.sweepDays < kMinSweepDays || values.sweepDays > kMaxSweepDays) {
        problems.append({ Field::SweepDays,
            invalid(u"settings.sweep_days.range"_s, u"The daily sweep must cover from %1 to %2 days."_s)
                .with(kMinSweepDays, kMaxSweepDays) });
    }
    if (values.webhookPort < kMinWebhookPort || values.webhookPort > kMaxWebhookPort) {
        problems.append({ Field::WebhookPort,
            invalid(u"settings.webhook_port.range"_s, u"The webhook port must be a number from %1 to %2, e.g. 8787."_s)
                .with(kMinWebhookPort, kMaxWebhookPort) });
    }
    if (!values.language.isEmpty() && !supportedLanguages().contains(values.language)) {
        problems.append({ Field::Language,
            invalid(u"settings.language.unknown"_s, u"Unknown language \"%1\": choose one of %2, or the system's."_s)
                .with(values.language, supportedLanguages().join(u", "_s)) });
    }
    const QString port = values.scannerPort.trimmed();
    if (port.size() > kMaxPortNameLength || port.contains(QChar(0))) {
        problems.append({ Field::ScannerPort,
            invalid(u"settings.scanner_port.invalid"_s,
                u"The scanner port must be a device name such as /dev/ttyACM0 or COM3."_s) });
    }
    if (!supportedBaudRates().contains(values.scannerBaud)) {
        QStringList rates;
        for (const int rate : supportedBaudRates())
            rates << QString::number(rate);
        problems.append({ Field::ScannerBaud,
            invalid(u"settings.scanner_baud.unsupported"_s,
                u"The scanner's speed must be one of %1 baud (most scanners use 9600)."_s)
                .with(rates.join(u", "_s)) });
    }
    return problems;
}

StationSettings::Values StationSettings::stored() const
{
    const Values defaults;
    Values values;
    values.stationName = m_settings->value(kStationName, defaultStationName()).toString().trimmed();
    values.databaseUrl = m_settings->value(kDatabaseUrl).toString().trimmed();
    values.syncIntervalMinutes = m_settings->value(kSyncInterval, defaults.syncIntervalMinutes).toInt();
    values.sweepDays = m_settings->value(kSweepDays, defaults.sweepDays).toInt();
    values.webhookEnabled = m_settings->value(kWebhookEnabled, defaults.webhookEnabled).toBool();
    values.webhookPort = m_settings->value(kWebhookPort, defaults.webhookPort).toInt();
    values.language = m_settings->value(kLanguage).toString();
    values.soundsEnabled = m_settings->value(kSounds, defaults.soundsEnabled).toBool();
    values.scannerPort = m_settings->value(kScannerPort).toString().trimmed();
    values.scannerBaud = m_settings->value(kScannerBaud, defaults.scannerBaud).toInt();
    return values;
}

StationSettings::Values StationSettings::values() const
{
    const Values defaults;
    Values values = stored();
    // A value edited by hand into something invalid reads as its default, so the station still starts;
    // problems() says which.
    for (const Problem& problem : validate(values)) {
        switch (problem.field) {
        case Field::StationName:
            values.stationName = defaultStationName();
            break;
        case Field::DatabaseUrl:
            break; // kept: opening it fails with a message that names it, instead of silently using another one
        case Field::SyncInterval:
            values.syncIntervalMinutes = defaults.syncIntervalMinutes;
            break;
        case Field::SweepDays:
            values.sweepDays = defaults.sweepDays;
            break;
        case Field::WebhookPort:
            values.webhookPort = defaults.webhookPort;
            values.webhookEnabled = false;
            break;
        case Field::Language:
            values.language.clear();
            break;
        case Field::ScannerPort:
            values.scannerPort.clear();
            break;
        case Field::ScannerBaud:
            values.scannerBaud = defaults.scannerBaud;
            break;
        }
    }
    return values;
}

QStringList StationSettings::problems() const
{
    QStringList lines;
    for (const Problem& problem : validate(stored())) {
        if (problem.field != Field::DatabaseUrl)
            lines << u"%1: %2 (the default is used instead)"_s.arg(path(), problem.error.message);
    }
    return lines;
}

Status StationSettings::save(const Values& values)
{
    const QList<Problem> problems = validate(values);
    if (!problems.isEmpty())
        return fail(problems.constFirst().error);
    const Values before = this->values();
    m_settings->setValue(kStationName, values.stationName.trimmed());
    m_settings->setValue(kDatabaseUrl, values.databaseUrl.trimmed());
    m_settings->setValue(kSyncInterval, values.syncIntervalMinutes);
    m_settings->setValue(kSweepDays, values.sweepDays);
    m_settings->setValue(kWebhookEnabled, values.webhookEnabled);
    m_settings->setValue(kWebhookPort, values.webhookPort);
    m_settings->setValue(kLanguage, values.language);
    m_settings->setValue(kSounds, values.soundsEnabled);
    m_settings->setValue(kScannerPort, values.scannerPort.trimmed());
    m_settings->setValue(kScannerBaud, values.scannerBaud);
    if (const Status written = flush(); !written)
        return written;
    const Values after = this->values();
    if (after != before)
        Q_EMIT changed(before, after);
    return {};
}

Status StationSettings::setLanguage(const QString& language)
{
    Values changed = values();
    changed.language = language;
    return save(changed);
}

Status StationSettings::setStationName(const QString& name)
{
    Values changed = values();
    changed.stationName = name;
    return save(changed);
}

Status StationSettings::setWebhook(bool enabled, int port)
{
    Values changed = values();
    changed.webhookEnabled = enabled;
    changed.webhookPort = port;
    return save(changed);
}

Status StationSettings::setSyncIntervalMinutes(int minutes)
{
    Values changed = values();
    changed.syncIntervalMinutes = minutes;
    return save(changed);
}

bool StationSettings::hasSupervisorPin() const
{
    return !m_settings->value(kPinHash).toString().isEmpty();
}

Status StationSettings::validatePin(const QString& pin)
{
    if (!isDigits(pin) || pin.size() < kMinPinLength || pin.size() > kMaxPinLength) {
        return fail(invalid(u"settings.pin.format"_s, u"The supervisor PIN must be %1 to %2 digits."_s)
                        .with(kMinPinLength, kMaxPinLength));
    }
    return {};
}

Status StationSettings::setSupervisorPin(const QString& pin)
{
    if (const Status valid = validatePin(pin); !valid)
        return valid;
    QByteArray salt(kSaltBytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(salt.data()), kSaltBytes / 4);
    const QByteArray hash = derive(pin, salt, kPinIterations);
    m_settings->setValue(kPinHash,
        u"%1$%2$%3$%4"_s.arg(kPinScheme)
            .arg(kPinIterations)
            .arg(QString::fromLatin1(salt.toBase64()), QString::fromLatin1(hash.toBase64())));
    return flush();
}

bool StationSettings::verifyPin(const QString& pin) const
{
    const QStringList parts = m_settings->value(kPinHash).toString().split(u'$');
    if (parts.size() != 4 || parts.at(0) != kPinScheme)
        return false;
    bool ok = false;
    const int iterations = parts.at(1).toInt(&ok);
    if (!ok || iterations < 1 || iterations > 10'000'000)
        return false;
    const QByteArray salt = QByteArray::fromBase64(parts.at(2).toLatin1());
    const QByteArray expected = QByteArray::fromBase64(parts.at(3).toLatin1());
    if (salt.isEmpty() || expected.size() != kHashBytes)
        return false;
    return equalInConstantTime(derive(pin, salt, iterations), expected);
}

QString StationSettings::lastUserName() const
{
    return m_settings->value(kLastUser).toString();
}

Status StationSettings::setLastUserName(const QString& name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.size() > kMaxNameLength) {
        return fail(invalid(u"settings.user_name.long"_s, u"A user name may have at most %1 characters."_s)
                        .with(kMaxNameLength));
    }
    m_settings->setValue(kLastUser, trimmed);
    return flush();
}

Status StationSettings::flush()
{
    // Never overwrite a file that did not read: what it held would be lost.
    if (m_settings->status() == QSettings::FormatError)
        return loadStatus();
    m_settings->sync();
    if (m_settings->status() != QSettings::NoError) {
        return fail(Error::storage(u"settings.unwritable"_s,
            u"Could not write the settings file %1. Check that its folder exists and that this user may write "
            "there; the change was not saved."_s)
                        .with(path()));
    }
    // The file may hold a database password and the PIN's hash: its owner only.
    QFile::setPermissions(path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return {};
}

} // namespace Dockside
