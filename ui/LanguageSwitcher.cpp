#include "LanguageSwitcher.h"

#include "settings/StationSettings.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QTranslator>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcLanguage, "dockside.ui.language")

namespace Dockside {

LanguageSwitcher::LanguageSwitcher(QObject* parent)
    : QObject(parent)
{
}

LanguageSwitcher::~LanguageSwitcher()
{
    removeTranslators();
}

bool LanguageSwitcher::apply(const QString& language)
{
    if (!language.isEmpty() && !StationSettings::supportedLanguages().contains(language)) {
        qCWarning(lcLanguage).noquote() << "no catalogue for language" << language << "- keeping" << m_effective;
        return false;
    }
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);

    // Load first, swap after: a catalogue that fails to load leaves the current texts in place.
    auto dockside = std::make_unique<QTranslator>();
    bool loaded = false;
    if (language.isEmpty())
        loaded = dockside->load(locale, u"dockside"_s, u"_"_s, u":/i18n"_s);
    else if (language != u"en"_s)
        loaded = dockside->load(u":/i18n/dockside_%1.qm"_s.arg(language));
    if (!language.isEmpty() && language != u"en"_s && !loaded) {
        qCWarning(lcLanguage).noquote() << "the catalogue of" << language << "is missing from the resources";
        return false;
    }
    auto qt = std::make_unique<QTranslator>();
    // English is Qt's source language too; elsewhere Qt's own catalogue is optional (a package may lack it).
    const bool qtLoaded = locale.language() != QLocale::English
        && qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath));

    removeTranslators();
    QLocale::setDefault(locale);
    if (qtLoaded) {
        m_qt = std::move(qt);
        QCoreApplication::installTranslator(m_qt.get());
    }
    if (loaded) {
        m_dockside = std::move(dockside);
        QCoreApplication::installTranslator(m_dockside.get());
    }
    m_requested = language;
    const QString effective = loaded ? m_dockside->language().section(u'_', 0, 0).section(u'-', 0, 0) : u"en"_s;
    if (effective != m_effective) {
        m_effective = effective;
        Q_EMIT languageChanged(m_effective);
    }
    return true;
}

void LanguageSwitcher::follow(StationSettings& settings)
{
    apply(settings.language());
    connect(&settings, &StationSettings::changed, this,
        [this](const StationSettings::Values& before, const StationSettings::Values& after) {
            if (before.language != after.language)
                apply(after.language);
        });
}

QString LanguageSwitcher::displayName(const QString& language)
{
    if (language.isEmpty())
        return tr("System language");
    // Each language by its own name, never translated: whoever cannot read the current one finds theirs.
    if (language == u"en"_s)
        return u"English"_s;
    if (language == u"es"_s)
        return u"Español"_s;
    return language;
}

void LanguageSwitcher::removeTranslators()
{
    if (m_dockside) {
        QCoreApplication::removeTranslator(m_dockside.get());
        m_dockside.reset();
    }
    if (m_qt) {
        QCoreApplication::removeTranslator(m_qt.get());
        m_qt.reset();
    }
}

} // namespace Dockside
