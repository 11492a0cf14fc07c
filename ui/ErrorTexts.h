#pragma once

#include "util/Error.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace Dockside {

// What a screen shows for an Error core returned: the sentence for its code, in the station's language, with the
// error's own values (args) in it; codes that are words on screen too (a return state, a push kind or status,
// a receipt status, a decision, a resolution) are shown as the other screens show them. Core's English message
// is shown instead for a code without a text here, or when the error's values do not make core's very sentence
// with the English text kept here (core reworded it, or an argument is missing): never a different sentence,
// never an empty one.
class ErrorTexts final
{
    Q_DECLARE_TR_FUNCTIONS(ErrorTexts)

public:
    ErrorTexts() = delete;

    static QString message(const Error& error);

    // The English text message() translates for this error, exactly as core wrote it before filling it in;
    // empty when message() shows error.message.
    static QString source(const Error& error);

    // Every code with a text here, each once, and the English texts of one code (one per way core words it).
    static QStringList codes();
    static QStringList sources(const QString& code);
};

} // namespace Dockside
