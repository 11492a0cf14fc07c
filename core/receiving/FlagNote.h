#pragma once

#include "ReceiptRules.h"

#include <QList>
#include <QString>

namespace Dockside {

// The note sent to Loop with a flag: why, and which items, in plain English for the merchant's staff (an API
// payload, so never translated; the UI translates the reason codes itself). Loop refuses a note of 255
// characters or more, so the note is cut to fit: every reason is named briefly first, in order of importance,
// then item details are added while there is room, each list ending with "…" when items had to be left out.
// What the receiver wrote about the whole package ("box crushed, wet") ends the note: it gets up to
// maxReceiverNoteBytes before the item details, since only the person at the dock saw it.
class FlagNote final
{
public:
    // Counted in UTF-8 bytes, which is never less than the characters or UTF-16 units Loop might count.
    static constexpr int maxBytes = 254;
    static constexpr int maxReceiverNoteBytes = 100;

    FlagNote() = delete;

    // `receiverNote` may be empty; it is sent only with a flag, so with no findings the note stays empty.
    static QString compose(const QList<ReceiptRules::Finding>& findings, const QString& receiverNote = {});

    // `text` cut at a character boundary so that it fits in maxBytes UTF-8 bytes, ending with "…" when cut.
    static QString fit(const QString& text, int maxBytes);
};

} // namespace Dockside
