#pragma once

#include "loop/AssessItem.h"
#include "loop/GradeItem.h"
#include "util/Error.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Dockside {

// Reads an outbox entry's payload back into what LoopClient sends. Payloads are the request bodies the
// receiving session wrote (LoopJson::noteBody, gradeBody, assessBody); an unreadable one is a Validation
// error, which the dispatcher parks rather than retries. Pure functions, no state.
class OutboxPayload final
{
public:
    OutboxPayload() = delete;

    // Loop takes 1–254 characters after trimming (CONTRACT §4.7); anything else is refused up front.
    static constexpr int kMaxNoteLength = 254;

    static Result<QString> noteContent(const QByteArray& payload);
    static Result<QList<GradeItem>> gradeItems(const QByteArray& payload);
    static Result<QList<AssessItem>> assessItems(const QByteArray& payload);
};

} // namespace Dockside
