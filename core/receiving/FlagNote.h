#pragma once

#include "ReceiptRules.h"

#include <QList>
#include <QString>

namespace Dockside {

// The note sent to Loop with a flag: why, and which items, in plain English for the merchant's staff (an API
// payload, so never translated; the UI translates the reason codes itself). Loop refuses a note of 255
// characters or more, so the note is cut to fit: every reason is named briefly first, in order of importance,
// then item details are added while there is room, each list ending with "…" when items had to be left out.
class FlagNote final
{
public:
    // Counted in UTF-8 bytes, which is never less than the characters or UTF-16 units Loop might count.
    static constexpr int maxBytes = 254;

    FlagNote() = delete;

    static QString compose(const QList<ReceiptRules::Finding>& findings);

    // `text` cut at a character boundary so that it fits in maxBytes UTF-8 bytes, ending with "…" when cut.
    static QString fit(const QString& text, int maxBytes);
};

} // namespace Dockside
