#include "loop/LoopJson.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;

namespace {

QByteArray fixture(const QString& name)
{
    QFile file(QStringLiteral(DOCKSIDE_TEST_DATA_DIR) + u"/loop/"_s + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(file.fileName()));
    return file.readAll();
}

QDateTime utc(int y, int mo, int d, int h, int mi, int s, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC);
}

QString describe(const Error& error)
{
    return error.toLogString();
}

} // namespace

class TestLoopJson final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldReadEveryTimestampFormatAsUtc_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("expected");
        QTest::newRow("list, millis and Z") << u"2023-01-01T22:27:15.000Z"_s << utc(2023, 1, 1, 22, 27, 15);
        QTest::newRow("details, space, no zone") << u"2023-08-22 14:08:31"_s << utc(2023, 8, 22, 14, 8, 31);
        QTest::newRow("webhook docs, Z") << u"2023-05-01T12:00:00Z"_s << utc(2023, 5, 1, 12, 0, 0);
        QTest::newRow("2020 webhook, +00:00") << u"2020-10-29T16:07:31+00:00"_s << utc(2020, 10, 29, 16, 7, 31);
        QTest::newRow("other offset") << u"2020-10-29T18:07:31+02:00"_s << utc(2020, 10, 29, 16, 7, 31);
        QTest::newRow("millis kept") << u"2024-02-21T09:00:00.250Z"_s << utc(2024, 2, 21, 9, 0, 0, 250);
        QTest::newRow("PHP microseconds") << u"2024-02-21 09:00:00.000000"_s << utc(2024, 2, 21, 9, 0, 0);
    }

    void shouldReadEveryTimestampFormatAsUtc()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, expected);
        const QDateTime parsed = LoopJson::timestamp(QJsonValue(text));
        QVERIFY(parsed.isValid());
        QCOMPARE(parsed, expected);
        QCOMPARE(parsed.timeSpec(), Qt::UTC);
    }

    void shouldReadPlaceholdersAndGarbageAsNoTimestamp()
    {
        QVERIFY(!LoopJson::timestamp(QJsonValue(u"N/A"_s)).isValid());
        QVERIFY(!LoopJson::timestamp(QJsonValue(u""_s)).isValid());
        QVERIFY(!LoopJson::timestamp(QJsonValue(QJsonValue::Null)).isValid());
        QVERIFY(!LoopJson::timestamp(QJsonValue(u"yesterday"_s)).isValid());
        QVERIFY(!LoopJson::timestamp(QJsonValue(u"2024-13-45 99:00:00"_s)).isValid());
    }

    void shouldReadIdsFromStringsAndNumbers()
    {
        QCOMPARE(LoopJson::id(QJsonValue(u"12345678"_s)), std::optional<qint64>(12345678));
        QCOMPARE(LoopJson::id(QJsonValue(37603915)), std::optional<qint64>(37603915));
        QCOMPARE(LoopJson::id(QJsonValue(qint64(9007199254740993))), std::optional<qint64>(9007199254740993));
        QCOMPARE(LoopJson::id(QJsonValue(u"N/A"_s)), std::nullopt);
        QCOMPARE(LoopJson::id(QJsonValue(1.5)), std::nullopt);
        QCOMPARE(LoopJson::id(QJsonValue(0)), std::nullopt);
        QCOMPARE(LoopJson::id(QJsonValue(QJsonValue::Null)), std::nullopt);
    }

    void shouldReadMoneyAsMinorUnits_data()
    {
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<std::optional<qint64>>("expected");
        QTest::newRow("decimal string") << QJsonValue(u"63.30"_s) << std::optional<qint64>(6330);
        QTest::newRow("one decimal") << QJsonValue(u"12.5"_s) << std::optional<qint64>(1250);
        QTest::newRow("no decimals") << QJsonValue(u"40"_s) << std::optional<qint64>(4000);
        QTest::newRow("negative") << QJsonValue(u"-0.99"_s) << std::optional<qint64>(-99);
        QTest::newRow("rounds third decimal") << QJsonValue(u"1.005"_s) << std::optional<qint64>(101);
        QTest::newRow("number") << QJsonValue(63.3) << std::optional<qint64>(6330);
        QTest::newRow("integer number") << QJsonValue(20) << std::optional<qint64>(2000);
        QTest::newRow("placeholder") << QJsonValue(u"N/A"_s) << std::optional<qint64>();
        QTest::newRow("garbage") << QJsonValue(u"12,50 EUR"_s) << std::optional<qint64>();
        QTest::newRow("lone dot") << QJsonValue(u"."_s) << std::optional<qint64>();
        QTest::newRow("null") << QJsonValue(QJsonValue::Null) << std::optional<qint64>();
    }

    void shouldReadMoneyAsMinorUnits()
    {
        QFETCH(QJsonValue, value);
        QFETCH(std::optional<qint64>, expected);
        QCOMPARE(LoopJson::moneyMinor(value), expected);
    }

    void shouldDecodeAListElementWithItsLinesAndSecondLabel()
    {
        // GIVEN a bare-array list page (paginate absent)
        // WHEN it is decoded
        const auto page = LoopJson::parseReturnList(fixture(u"list_page.json"_s));
        // THEN both returns come out, with the list shape's string ids and millisecond timestamps read
        QVERIFY2(page, qPrintable(page ? QString() : describe(page.error())));
        QCOMPARE(page->returns.size(), 2);
        QVERIFY(page->rejected.isEmpty());
        QVERIFY(page->nextCursor.isEmpty());
        const Return& first = page->returns.at(0);
        QCOMPARE(first.loopId, 41000007);
        QCOMPARE(first.state, ReturnState::Open);
        QCOMPARE(first.outcome, u"exchange"_s);
        QCOMPARE(first.orderId, u"7001001"_s);
        QCOMPARE(first.orderName, u"#1042"_s);
        QCOMPARE(first.orderNumber, u"1042"_s);
        QCOMPARE(first.providerOrderId, u"5550000000001"_s);
        QCOMPARE(first.customerEmail, u"shopper@example.test"_s);
        QCOMPARE(first.carrier, u"USPS"_s);
        QCOMPARE(first.trackingNumber, u"9400100000000000000001"_s);
        QCOMPARE(first.extraTrackingNumbers, QStringList{u"1234567890123"_s});
        QCOMPARE(first.labelStatus, u"in_transit"_s);
        QCOMPARE(first.labelUpdatedAt, utc(2024, 2, 21, 9, 0, 0));
        QCOMPARE(first.currency, u"USD"_s);
        QCOMPARE(first.totalMinor, 4000);
        QCOMPARE(first.createdAt, utc(2024, 2, 20, 10, 15, 0));
        QCOMPARE(first.updatedAt, utc(2024, 2, 21, 9, 0, 0));
        QCOMPARE(first.id, 0);
        QCOMPARE(first.lines.size(), 1);
        const ReturnLine& line = first.lines.first();
        QCOMPARE(line.lineItemId, 55500101);
        QCOMPARE(line.productId, u"8000000000001"_s);
        QCOMPARE(line.variantId, u"45000000000001"_s);
        QCOMPARE(line.sku, u"TOTE-OLV"_s);
        QCOMPARE(line.barcode, u"0123456789012"_s);
        QCOMPARE(line.title, u"Canvas Tote - Olive"_s);
        QCOMPARE(line.priceMinor, 4000);
        QCOMPARE(line.returnReason, u"Too small"_s);
        QCOMPARE(line.parentReturnReason, u"Fit"_s);
        QCOMPARE(line.returnComment, QString());
        QCOMPARE(line.outcome, u"default"_s);
    }

    void shouldToleratePlaceholdersAndUnknownStates()
    {
        // GIVEN a list element with "N/A" carrier and tracking, and a state Loop added later
        const auto page = LoopJson::parseReturnList(fixture(u"list_page.json"_s));
        QVERIFY(page);
        const Return& second = page->returns.at(1);
        // THEN the placeholders become empty, the state Unknown, the label status stays verbatim
        QCOMPARE(second.loopId, 41000008);
        QCOMPARE(second.state, ReturnState::Unknown);
        QCOMPARE(second.carrier, QString());
        QCOMPARE(second.trackingNumber, QString());
        QVERIFY(second.extraTrackingNumbers.isEmpty());
        QCOMPARE(second.labelStatus, u"pending"_s);
        QVERIFY(!second.labelUpdatedAt.isValid());
        QCOMPARE(second.customerEmail, u"Other@Example.test"_s);
        QCOMPARE(second.totalMinor, 1250);
        QVERIFY(second.lines.isEmpty());
    }

    void shouldDecodeTheEnvelopeAndItsCursor()
    {
        // GIVEN a paginated page whose second element has no id
        const auto page = LoopJson::parseReturnList(fixture(u"envelope_page.json"_s));
        // THEN the good return is kept, the bad one reported, and the cursor taken from nextPageUrl
        QVERIFY(page);
        QCOMPARE(page->returns.size(), 1);
        QCOMPARE(page->returns.first().loopId, 41000009);
        QCOMPARE(page->returns.first().state, ReturnState::Closed);
        QCOMPARE(page->returns.first().lines.first().barcode, QString());
        QCOMPARE(page->returns.first().lines.first().priceMinor, 1999);
        QCOMPARE(page->rejected.size(), 1);
        QCOMPARE(page->rejected.first().code, u"loop.json.return.id"_s);
        QCOMPARE(page->nextCursor,
            u"eyJjcmVhdGVkX2F0IjoiMjAyNC0wMi0yMCAxMDoxNTowMCIsIl9wb2ludHNUb05leHRJdGVtcyI6dHJ1ZX0"_s);
    }

    void shouldEndPaginationWhenNextPageUrlIsNull()
    {
        const auto page = LoopJson::parseReturnList(fixture(u"envelope_last_page.json"_s));
        QVERIFY(page);
        QVERIFY(page->returns.isEmpty());
        QVERIFY(page->nextCursor.isEmpty());
    }

    void shouldRefuseANextPageItCannotAddress()
    {
        // GIVEN a next page URL without a cursor, which a sync could not follow
        const auto page = LoopJson::parseReturnList(fixture(u"envelope_next_without_cursor.json"_s));
        // THEN it is an error rather than a silently short sync
        QVERIFY(!page);
        QCOMPARE(page.error().kind, Error::Kind::Permanent);
        QCOMPARE(page.error().code, u"loop.json.cursor"_s);
    }

    void shouldDecodeTheDetailsShape()
    {
        // GIVEN Get Return Details: integer ids, space-separated times, image and variant title
        const auto value = LoopJson::parseReturn(fixture(u"details.json"_s));
        QVERIFY2(value, qPrintable(value ? QString() : describe(value.error())));
        QCOMPARE(value->loopId, 37603915);
        QCOMPARE(value->orderId, u"7001001"_s);
        QCOMPARE(value->orderNumber, u"2222"_s);
        QCOMPARE(value->providerOrderId, u"5550000000001"_s);
        QCOMPARE(value->createdAt, utc(2023, 8, 22, 14, 8, 31));
        QCOMPARE(value->updatedAt, utc(2023, 8, 23, 9, 0, 0));
        QCOMPARE(value->totalMinor, 6330);
        QCOMPARE(value->currency, u"CAD"_s);
        // "" carrier and "N/A" tracking mean no label yet; "N/A" label status is Loop's own word, kept
        QCOMPARE(value->carrier, QString());
        QCOMPARE(value->trackingNumber, QString());
        QCOMPARE(value->labelStatus, u"N/A"_s);
        QVERIFY(!value->labelUpdatedAt.isValid());
        QCOMPARE(value->lines.size(), 2);
        const ReturnLine& line = value->lines.at(0);
        QCOMPARE(line.lineItemId, 55500201);
        QCOMPARE(line.productId, u"8000000000002"_s);
        QCOMPARE(line.variantTitle, u"Black / M"_s);
        QCOMPARE(line.imageUrl, u"https://cdn.example.test/tee-black.jpg"_s);
        QCOMPARE(line.priceMinor, 3165);
        QCOMPARE(line.returnComment, u"N/A"_s);
        QCOMPARE(value->lines.at(1).lineItemId, 55500202);
        QCOMPARE(value->lines.at(1).priceMinor, 3165);
    }

    void shouldDecodeDriftedTypes()
    {
        // GIVEN a return whose ids, money, codes and timestamps arrive in the "wrong" JSON types
        const auto value = LoopJson::parseReturn(fixture(u"drifted_types.json"_s));
        // THEN each is read as what it means
        QVERIFY2(value, qPrintable(value ? QString() : describe(value.error())));
        QCOMPARE(value->loopId, 41000010);
        QCOMPARE(value->state, ReturnState::Review);
        QCOMPARE(value->createdAt, utc(2020, 10, 29, 16, 7, 31));
        QCOMPARE(value->updatedAt, utc(2020, 10, 29, 16, 7, 31));
        QCOMPARE(value->labelUpdatedAt, utc(2020, 10, 29, 16, 7, 31));
        QCOMPARE(value->totalMinor, 6330);
        QCOMPARE(value->orderName, u"1050"_s);
        QCOMPARE(value->providerOrderId, u"5550000000010"_s);
        QCOMPARE(value->customerEmail, u"drift@example.test"_s);
        QCOMPARE(value->trackingNumber, u"1234567890"_s);
        QCOMPARE(value->labelStatus, u"return_to_sender"_s);
        QVERIFY(value->extraTrackingNumbers.isEmpty());
        QCOMPARE(value->lines.size(), 1);
        QCOMPARE(value->lines.first().sku, u"12345"_s);
        QCOMPARE(value->lines.first().barcode, u"4006381333931"_s);
        QCOMPARE(value->lines.first().priceMinor, 700);
    }

    void shouldRefuseAReturnWithALineWithoutId()
    {
        const auto value = LoopJson::parseReturn(fixture(u"return_bad_line.json"_s));
        QVERIFY(!value);
        QCOMPARE(value.error().code, u"loop.json.line.id"_s);
        QVERIFY(value.error().message.contains(u"41000011"_s));
    }

    void shouldFailCleanlyOnTruncatedJson()
    {
        const QByteArray body = fixture(u"truncated.json"_s);
        const auto page = LoopJson::parseReturnList(body);
        QVERIFY(!page);
        QCOMPARE(page.error().kind, Error::Kind::Permanent);
        QCOMPARE(page.error().code, u"loop.json.malformed"_s);
        QVERIFY(!LoopJson::parseReturn(body));
        QVERIFY(!LoopJson::parseAsn(body));
        QVERIFY(!LoopJson::parseWebhook(body));
        QVERIFY(!LoopJson::parseNotes(body));
        QVERIFY(!LoopJson::parseActionResult(body));
    }

    void shouldFailCleanlyOnWrongTopLevelTypes()
    {
        // GIVEN an envelope whose "returns" is an object
        const auto page = LoopJson::parseReturnList(fixture(u"wrong_types.json"_s));
        QVERIFY(!page);
        QCOMPARE(page.error().code, u"loop.json.shape"_s);
        // AND an array where one object is expected, and the reverse
        const auto details = LoopJson::parseReturn(fixture(u"list_page.json"_s));
        QVERIFY(!details);
        QCOMPARE(details.error().code, u"loop.json.shape"_s);
        const auto asn = LoopJson::parseAsn(fixture(u"details.json"_s));
        QVERIFY(!asn);
        QCOMPARE(asn.error().code, u"loop.json.shape"_s);
        const auto scalar = LoopJson::parseReturnList("42");
        QVERIFY(!scalar);
        const auto webhook = LoopJson::parseWebhook("[]");
        QVERIFY(!webhook);
        QCOMPARE(webhook.error().code, u"loop.json.shape"_s);
    }

    void shouldDecodeAsnRows()
    {
        const auto rows = LoopJson::parseAsn(fixture(u"asn.json"_s));
        QVERIFY2(rows, qPrintable(rows ? QString() : describe(rows.error())));
        QCOMPARE(rows->size(), 2);
        AsnRow expected;
        expected.returnLineItemId = 55500101;
        expected.trackingNumber = u"9400100000000000000001"_s;
        expected.carrier = u"USPS"_s;
        expected.labelStatus = u"in_transit"_s;
        expected.state = u"open"_s;
        expected.orderName = u"#1042"_s;
        expected.customerEmail = u"shopper@example.test"_s;
        expected.sku = u"TOTE-OLV"_s;
        expected.barcode = u"0123456789012"_s;
        expected.title = u"Canvas Tote - Olive"_s;
        expected.updatedAt = utc(2024, 2, 21, 9, 0, 0);
        QCOMPARE(rows->at(0), expected);
        QCOMPARE(rows->at(1).returnId, std::optional<qint64>(41000008));
        QCOMPARE(rows->at(1).returnLineItemId, 55500102);
        QCOMPARE(rows->at(1).trackingNumber, QString());
        QCOMPARE(rows->at(1).carrier, QString());
        QCOMPARE(rows->at(1).updatedAt, utc(2024, 2, 22, 8, 0, 0));
    }

    void shouldRefuseAnAsnRowWithoutLineItemId()
    {
        const auto rows = LoopJson::parseAsn("[{\"id\": 1, \"sku\": \"X\"}]");
        QVERIFY(!rows);
        QCOMPARE(rows.error().code, u"loop.json.asn.id"_s);
    }

    void shouldAcceptEveryWireFormOfTrue_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("json string") << QByteArray("\"true\"");
        QTest::newRow("json literal") << QByteArray("true");
        QTest::newRow("one") << QByteArray("1");
        QTest::newRow("text with newline") << QByteArray("true\n");
        QTest::newRow("capitalised") << QByteArray("True");
    }

    void shouldAcceptEveryWireFormOfTrue()
    {
        QFETCH(QByteArray, body);
        const Status status = LoopJson::parseActionResult(body);
        QVERIFY2(status, qPrintable(status ? QString() : describe(status.error())));
    }

    void shouldTurnActionErrorBodiesIntoTypedFailures_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("errors with code") << u"action_unprocessable.json"_s << u"UNPROCESSABLE_RETURN"_s
                                          << u"Return is closed and therefore cannot be processed."_s;
        QTest::newRow("flagged") << u"action_flagged.json"_s << u"UNPROCESSABLE_FLAGGED_RETURN"_s
                                 << u"Return is open and therefore cannot be processed."_s;
        QTest::newRow("message only") << u"action_message.json"_s << u"loop.refused"_s
                                      << u"Return is cancelled and therefore cannot be processed."_s;
        QTest::newRow("content key") << u"action_content.json"_s << u"loop.refused"_s
                                     << u"Return is expired and cannot be processed."_s;
        QTest::newRow("singular error") << u"error_singular.json"_s << u"loop.refused"_s
                                        << u"The line item id field is required."_s;
        QTest::newRow("401 with swapped codes")
            << u"unauthorized.json"_s << u"GEN-UNAUTHORIZED"_s << u"Unauthorized."_s;
        QTest::newRow("laravel validation") << u"validation_422.json"_s << u"loop.refused"_s
                                            << u"The given data was invalid."_s;
    }

    void shouldTurnActionErrorBodiesIntoTypedFailures()
    {
        QFETCH(QString, file);
        QFETCH(QString, code);
        QFETCH(QString, message);
        // GIVEN an error body Loop sends with HTTP 200
        const QByteArray body = fixture(file);
        // WHEN it is read as an action result
        const Status status = LoopJson::parseActionResult(body);
        // THEN it is a permanent failure carrying Loop's code and message
        QVERIFY(!status);
        QCOMPARE(status.error().kind, Error::Kind::Permanent);
        QCOMPARE(status.error().code, code);
        QCOMPARE(status.error().message, message);
        // AND the same body is recognised as a refusal wherever it arrives
        QVERIFY(LoopJson::refusal(body).has_value());
        QCOMPARE(LoopJson::refusal(body)->code, code);
        QVERIFY(!LoopJson::parseReturn(body));
        QCOMPARE(LoopJson::parseReturn(body).error().code, code);
    }

    void shouldTreatFalseAndOddBodiesAsFailedActions()
    {
        QVERIFY(!LoopJson::parseActionResult("\"false\""));
        QVERIFY(!LoopJson::parseActionResult("{}"));
        QVERIFY(!LoopJson::parseActionResult("[]"));
        QVERIFY(!LoopJson::parseActionResult(""));
        QVERIFY(!LoopJson::parseActionResult("<html>busy</html>"));
    }

    void shouldNotMistakeAReturnForAnError()
    {
        QVERIFY(!LoopJson::refusal(fixture(u"list_page.json"_s)).has_value());
        QVERIFY(!LoopJson::refusal("\"true\"").has_value());
        QVERIFY(!LoopJson::refusal(fixture(u"notes.json"_s)).has_value());
    }

    void shouldDecodeNotes()
    {
        const auto notes = LoopJson::parseNotes(fixture(u"notes.json"_s));
        QVERIFY(notes);
        QCOMPARE(notes->size(), 2);
        QCOMPARE(notes->at(0), (ReturnNote{7001, u"Box damaged on arrival; flagged."_s, utc(2024, 2, 22, 14, 3, 11)}));
        QCOMPARE(notes->at(1), (ReturnNote{7002, u"Customer called."_s, utc(2024, 2, 23, 8, 0, 0)}));
    }

    void shouldReadFalseAsNoNotes()
    {
        // Loop answers "false" (with a 422) when a return has no notes yet
        const auto notes = LoopJson::parseNotes("\"false\"");
        QVERIFY(notes);
        QVERIFY(notes->isEmpty());
    }

    void shouldDecodeAReturnWebhook()
    {
        const auto event = LoopJson::parseWebhook(fixture(u"webhook_return.json"_s));
        QVERIFY2(event, qPrintable(event ? QString() : describe(event.error())));
        QCOMPARE(event->topic, u"return"_s);
        QCOMPARE(event->trigger, u"return.updated"_s);
        QCOMPARE(event->shopId, u"12345"_s);
        QVERIFY(!event->label);
        QVERIFY(event->returnValue);
        QCOMPARE(event->returnValue->loopId, 41000007);
        QCOMPARE(event->returnValue->state, ReturnState::Closed);
        QCOMPARE(event->returnValue->orderId, u"7001001"_s);
        QCOMPARE(event->returnValue->labelStatus, u"delivered"_s);
        QCOMPARE(event->returnValue->trackingNumber, u"9400100000000000000001"_s);
        QVERIFY(event->returnValue->extraTrackingNumbers.isEmpty());
        // the real 2020 payload had no updated_at: it stays invalid rather than being invented
        QVERIFY(!event->returnValue->updatedAt.isValid());
        QCOMPARE(event->returnValue->lines.size(), 1);
        QCOMPARE(event->returnValue->lines.first().lineItemId, 55500101);
    }

    void shouldDecodeLabelWebhooksOfBothGenerations_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<LabelEvent>("expected");
        QTest::newRow("current, id") << u"webhook_label.json"_s
                                     << LabelEvent{41000007, u"USPS"_s, u"9400100000000000000001"_s,
                                            u"in_transit"_s, utc(2024, 2, 21, 9, 0, 0), u"880001"_s};
        QTest::newRow("oldest, return_id and strings")
            << u"webhook_label_legacy.json"_s
            << LabelEvent{41000007, QString(), QString(), u"N/A"_s, utc(2020, 10, 29, 16, 7, 31), u"880001"_s};
    }

    void shouldDecodeLabelWebhooksOfBothGenerations()
    {
        QFETCH(QString, file);
        QFETCH(LabelEvent, expected);
        const auto event = LoopJson::parseWebhook(fixture(file));
        QVERIFY2(event, qPrintable(event ? QString() : describe(event.error())));
        QCOMPARE(event->topic, u"label"_s);
        QCOMPARE(event->shopId, u"12345"_s);
        QVERIFY(!event->returnValue);
        QVERIFY(event->label);
        QCOMPARE(*event->label, expected);
    }

    void shouldAcknowledgeTopicsItDoesNotActOn()
    {
        const auto event = LoopJson::parseWebhook(fixture(u"webhook_restock.json"_s));
        QVERIFY(event);
        QCOMPARE(event->topic, u"restock"_s);
        QVERIFY(!event->returnValue);
        QVERIFY(!event->label);
    }

    void shouldRefuseALabelWebhookWithoutReturnId()
    {
        const auto event = LoopJson::parseWebhook("{\"topic\":\"label\",\"trigger\":\"label.updated\",\"id\":\"N/A\"}");
        QVERIFY(!event);
        QCOMPARE(event.error().code, u"loop.json.label.id"_s);
        const auto anonymous = LoopJson::parseWebhook("{\"id\":1}");
        QVERIFY(!anonymous);
    }

    void shouldDecodeWebhookSubscriptions()
    {
        const auto list = LoopJson::parseWebhookList(fixture(u"webhooks.json"_s));
        QVERIFY(list);
        QCOMPARE(list->size(), 2);
        QCOMPARE(list->at(0),
            (WebhookSubscription{12345, u"return"_s, u"return.created"_s, u"https://wms.example.test/loop"_s,
                u"active"_s}));
        QCOMPARE(list->at(1).id, 12346);
        QCOMPARE(list->at(1).status, u"inactive"_s);
        const auto one = LoopJson::parseWebhookSubscription(
            "{\"id\":9,\"topic\":\"label\",\"trigger\":\"label.created\",\"url\":\"http://x.test/h\",\"status\":\"active\"}");
        QVERIFY(one);
        QCOMPARE(one->trigger, u"label.created"_s);
    }

    void shouldBuildRequestBodiesLoopAccepts()
    {
        // GIVEN one graded and one assessed item
        GradeItem grade;
        grade.lineItemId = 55500101;
        grade.description = u"Scuffed corner"_s;
        grade.condition = Condition::GradeB;
        grade.images = {u"https://photos.example.test/1.jpg"_s};
        grade.inspectedAt = utc(2024, 3, 31, 23, 59, 59);
        AssessItem assess;
        assess.lineItemId = 55500101;
        assess.disposition = Disposition::ResaleHold;
        // WHEN their bodies are built
        const QJsonObject gradeBody = QJsonDocument::fromJson(LoopJson::gradeBody({grade})).object();
        const QJsonObject assessBody = QJsonDocument::fromJson(LoopJson::assessBody({assess})).object();
        // THEN they use Loop's field names and codes
        const QJsonObject gradeItem = gradeBody.value(u"items"_s).toArray().first().toObject();
        QCOMPARE(gradeItem.value(u"line_item_id"_s).toInteger(), 55500101);
        QCOMPARE(gradeItem.value(u"condition_category"_s).toString(), u"grade_b"_s);
        QCOMPARE(gradeItem.value(u"description"_s).toString(), u"Scuffed corner"_s);
        QCOMPARE(gradeItem.value(u"inspected_at"_s).toString(), u"2024-03-31 23:59:59"_s);
        QCOMPARE(gradeItem.value(u"images"_s).toArray().size(), 1);
        QVERIFY(!gradeItem.contains(u"note"_s));
        const QJsonObject assessItem = assessBody.value(u"items"_s).toArray().first().toObject();
        QCOMPARE(assessItem.value(u"disposition_outcome"_s).toString(), u"resale_hold"_s);
        QCOMPARE(QJsonDocument::fromJson(LoopJson::noteBody(u"Box \"damaged\""_s)).object().value(u"content"_s),
            QJsonValue(u"Box \"damaged\""_s));
        const QJsonObject hook = QJsonDocument::fromJson(LoopJson::webhookBody(
                                                             {0, u"label"_s, u"label.updated"_s, u"http://h.test"_s, {}}))
                                     .object();
        QCOMPARE(hook.value(u"status"_s).toString(), u"active"_s);
    }

    void shouldReadItemsEcho()
    {
        QCOMPARE(*LoopJson::parseItemsEcho("[{\"line_item_id\":1},{\"line_item_id\":2}]"), 2);
        QVERIFY(!LoopJson::parseItemsEcho(fixture(u"action_unprocessable.json"_s)));
    }
};

QTEST_GUILESS_MAIN(TestLoopJson)
#include "TestLoopJson.moc"
