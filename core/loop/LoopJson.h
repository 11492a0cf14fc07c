#pragma once

#include "AssessItem.h"
#include "GradeItem.h"
#include "ReturnPage.h"
#include "WebhookEvent.h"
#include "WebhookSubscription.h"
#include "domain/AsnRow.h"
#include "domain/Return.h"
#include "domain/ReturnNote.h"
#include "util/Error.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonValue>
#include <QList>

#include <optional>

namespace Dockside {

// Pure mapping between Loop's JSON and our types: no network, no state, so every drift Loop is known for
// (CONTRACT §1.4) is pinned down by tests on files. Decoding is lenient about types and unknown fields and
// strict only about what identifies a record: a return without an id is an error, a price that is a number
// instead of a string is not.
//
// Error codes: decoding problems are `loop.json.*` (Permanent). A refusal Loop expresses in a body (a 200
// carrying `errors`/`message`/`content`/`error`) is Permanent with Loop's own `code` (e.g.
// `UNPROCESSABLE_RETURN`) when it sends one, `loop.refused` otherwise; the message is Loop's text.
class LoopJson final
{
public:
    LoopJson() = delete;

    // -- value conventions --------------------------------------------------------------------------------
    // An id sent as a JSON string or number; nothing for null, "", "N/A", 0, negatives and non-integers.
    static std::optional<qint64> id(const QJsonValue& value);
    // Any of Loop's timestamp forms, in UTC; an invalid QDateTime when absent or unreadable.
    static QDateTime timestamp(const QJsonValue& value);
    // A decimal string ("63.30") or a JSON number (63.3) in major units, as minor units (6330).
    static std::optional<qint64> moneyMinor(const QJsonValue& value);
    // Text of a string or a number (ids and numbers drift between the two); empty for null.
    static QString text(const QJsonValue& value);
    // Like text(), but Loop's "not assigned yet" placeholders ("N/A", "") become empty.
    static QString assignedText(const QJsonValue& value);
    // The `cursor` query item of a nextPageUrl; empty when there is none.
    static QString cursorFromPageUrl(const QString& pageUrl);

    // -- responses -----------------------------------------------------------------------------------------
    // Loop's refusal in a body, if the body is one: for 200s that carry an error and for 4xx bodies.
    static std::optional<Error> refusal(const QByteArray& body);
    static Result<Return> returnFromJson(const QJsonValue& value);
    static Result<Return> parseReturn(const QByteArray& body);
    static Result<ReturnPage> parseReturnList(const QByteArray& body);
    static Result<QList<AsnRow>> parseAsn(const QByteArray& body);
    static Status parseActionResult(const QByteArray& body);
    static Result<QList<ReturnNote>> parseNotes(const QByteArray& body);
    // Grade and assess echo the accepted items; the count is what the caller can check.
    static Result<int> parseItemsEcho(const QByteArray& body);
    static Result<WebhookEvent> parseWebhook(const QByteArray& body);
    static Result<QList<WebhookSubscription>> parseWebhookList(const QByteArray& body);
    static Result<WebhookSubscription> parseWebhookSubscription(const QByteArray& body);

    // -- request bodies ------------------------------------------------------------------------------------
    static QByteArray noteBody(const QString& content);
    static QByteArray gradeBody(const QList<GradeItem>& items);
    static QByteArray assessBody(const QList<AssessItem>& items);
    static QByteArray webhookBody(const WebhookSubscription& subscription);
    // Loop's request-side timestamp form, "2024-03-31 23:59:59" in UTC.
    static QString requestTime(const QDateTime& at);
};

} // namespace Dockside
