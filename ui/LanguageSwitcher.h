#pragma once

#include <QObject>
#include <QString>

#include <memory>

class QTranslator;

namespace Dockside {

class StationSettings;

// Puts the station's texts in the chosen language while it runs: installs Dockside's catalogue
// (":/i18n/dockside_<lang>.qm") and Qt's own (qtbase_<lang>.qm: standard buttons, dialogs) on the application,
// and removes the previous ones. QCoreApplication then sends every widget QEvent::LanguageChange, on which
// they translate themselves again. The locale (numbers, dates) follows the language.
class LanguageSwitcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LanguageSwitcher)

public:
    explicit LanguageSwitcher(QObject* parent = nullptr);
    ~LanguageSwitcher() override;

    // "" (the system's language), "en" or "es", as StationSettings stores it. Returns false, and leaves the
    // current language as it was, when `language` is not one Dockside has a catalogue for.
    bool apply(const QString& language);
    // The language asked for last ("" = the system's).
    QString requested() const { return m_requested; }
    // The language the texts are shown in now: "en" (the source) or the loaded catalogue's.
    QString effective() const { return m_effective; }

    // Applies the settings' language now and again whenever it is changed there.
    void follow(StationSettings& settings);

    // The name of a language in itself, for a chooser: "English", "Español"; "" gives "System language"
    // (translated).
    static QString displayName(const QString& language);

Q_SIGNALS:
    void languageChanged(const QString& effective);

private:
    void removeTranslators();

    std::unique_ptr<QTranslator> m_dockside;
    std::unique_ptr<QTranslator> m_qt;
    QString m_requested;
    QString m_effective = QStringLiteral("en");
};

} // namespace Dockside
