#include "Builders.h"
#include "ErrorTexts.h"
#include "FakeClock.h"
#include "TempDatabase.h"
#include "WebhookReceiver.h"
#include "receiving/ExceptionQueue.h"
#include "receiving/ReceivingService.h"
#include "receiving/ReceivingSession.h"
#include "receiving/ScanResolver.h"
#include "settings/FileSecretStore.h"
#include "settings/StationSettings.h"
#include "storage/ClaimRepository.h"
#include "storage/MerchantRepository.h"
#include "storage/Migrator.h"
#include "storage/OutboxRepository.h"
#include "storage/ReceiptRepository.h"
#include "storage/ReturnRepository.h"
#include "storage/Sql.h"
#include "storage/UnknownPackageRepository.h"
#include "supervisor/SupervisorQueues.h"
#include "supervisor/SupervisorService.h"

#include <QFile>
#include <QHostAddress>
#include <QLockFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTranslator>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;
using namespace Dockside::Testing;

namespace {
constexpr qint64 kFirstLoopId = 41000100;
constexpr qint64 kTee = 55500102;
const QString kTeeBarcode = u"0012345678905"_s;
const QString kToteBarcode = u"0123456789012"_s; // the builder's own line
constexpr qint64 kFifteenMinutes = 15 * 60 * 1000;
constexpr qint64 kNoSuchId = 987654;
const SupervisorActor kSam { u"office-1"_s, u"sam"_s };

// Another language without a .qm file: each error text comes back in «», each word another screen shows (a state,
// a push kind) in capitals. What ErrorTexts builds from them shows which text it used and where each value went.
class FakeLanguage final : public QTranslator
{
public:
    FakeLanguage() { QCoreApplication::installTranslator(this); }
    ~FakeLanguage() override { QCoreApplication::removeTranslator(this); }
    FakeLanguage(const FakeLanguage&) = delete;
    FakeLanguage& operator=(const FakeLanguage&) = delete;

    bool isEmpty() const override { return false; }
    QString translate(const char* context, const char* sourceText, const char*, int) const override
    {
        const QString source = QString::fromUtf8(sourceText);
        if (qstrcmp(context, "ErrorTexts") == 0)
            return u"«"_s + source + u"»"_s;
        if (qstrcmp(context, "ReceivingTexts") == 0 || qstrcmp(context, "SupervisorText") == 0)
            return source.toUpper();
        return {};
    }
};

// One error made by a real core operation, and what the screen should say for it.
struct Produced
{
    Error error;
    // In English, when a code in the message is shown as the word other screens use (else: error.message).
    QString english;
    // In FakeLanguage, likewise (else: error.message in «»).
    QString translated;
    // Why this operation cannot run here (no PostgreSQL server); the test is skipped.
    QString skipped;
    // The operation did not fail as it should have: the test fails.
    QString problem;
};

template <typename T>
Produced refusal(const Result<T>& result)
{
    Produced made;
    if (result)
        made.problem = u"the operation succeeded instead of failing"_s;
    else
        made.error = result.error();
    return made;
}

Produced refusal(const Status& status)
{
    Produced made;
    if (status)
        made.problem = u"the operation succeeded instead of failing"_s;
    else
        made.error = status.error();
    return made;
}

Produced problem(const QString& what)
{
    Produced made;
    made.problem = what;
    return made;
}

// An English text of ErrorTexts that no operation of this test makes, and why.
struct NotMadeHere
{
    const char* code;
    const char* start; // how the text begins, to tell it from the code's other texts
    const char* why;
};

const NotMadeHere kNotMadeHere[] = {
    { "receiving.claim.race", "Another station released", "a race between two statements of one claim" },
    { "receiving.undo.gone", "Internal error", "an invariant of the session, not reachable from outside" },
    { "supervisor.receipt.resolved", "Receipt %1 was resolved by somebody else", "a race between two supervisors" },
    { "supervisor.unknown.matched", "Unknown package %1 was matched by somebody else",
        "a race between two supervisors" },
    { "db.driver.missing", "The Qt SQL driver", "the drivers are installed here" },
    { "db.postgres.lost", "Lost the connection", "needs the server to go away in the middle of a session" },
    { "db.sqlite.unreadable", "The database file %1 cannot be read",
        "permissions do not stop root (tests run as root)" },
    { "db.sqlite.readonly", "The database file %1 is read-only", "permissions do not stop root" },
    { "db.sqlite.readonly", "The database %1 is read-only, so",
        "needs a file made read-only under an open connection" },
    { "db.sqlite.folder.readonly", "The folder %1 is read-only", "permissions do not stop root" },
    { "db.sqlite.open", "Cannot open the SQLite database %1. Check", "SQLite opens any path it can create" },
    { "db.sqlite.open", "Cannot open the SQLite database %1 while",
        "needs the file to vanish under an open connection" },
    { "db.sqlite.nowal", "The SQLite database %1 could not switch", "needs a file system without shared memory" },
    { "secret.file.unreadable", "Could not read the secrets file", "permissions do not stop root" },
    { "secret.missing", "The OS keychain holds no secret", "app/KeychainSecretStore needs a keychain service" },
    { "secret.denied", "The OS keychain refused", "app/KeychainSecretStore needs a keychain service" },
    { "secret.keychain.unavailable", "The OS keychain did not", "app/KeychainSecretStore needs a keychain service" },
    { "settings.unreadable", "The settings file %1 does not read", "QSettings reads nearly any file as INI" },
    { "settings.inaccessible", "The settings file %1 cannot be read", "permissions do not stop root" },
    { "webhook.listen", "The webhook receiver did not start",
        "the default of a call across threads that always answers" },
};

QString textsOf(const Error& error)
{
    return error.toLogString() + u" args "_s + error.args.join(u" | "_s);
}
} // namespace

// What the screens say for the errors core returns: each error here comes from a real core operation on a real
// database (both backends), and ErrorTexts must rebuild core's very sentence from the error's code and values, in
// English and in another language.
class TestErrorTexts final : public QObject
{
    Q_OBJECT

    using Producer = Produced (TestErrorTexts::*)();
    struct Case
    {
        const char* name;
        const char* code;
        Producer make;
    };

private Q_SLOTS:
    void initTestCase_data() { TempDatabase::addBackendRows(); }

    // One database per backend for all tests: every producer makes its own returns, receipts and files, so they do
    // not depend on one another (shouldMakeEveryTextFromARealCoreError runs them all on one database anyway).
    void init()
    {
        QVERIFY(m_folder.isValid());
        {
            QFETCH_GLOBAL(QString, backend);
            if (m_db && m_db->backend() == backend)
                return;
        }
        cleanupTestCase();
        DOCKSIDE_OPEN_TEST_DATABASE(m_db);
        m_clock = std::make_unique<FakeClock>();
        const Result<qint64> merchantId = MerchantRepository(m_db->database()).insert(merchant(u"Acme"_s));
        QVERIFY(merchantId);
        m_merchantId = *merchantId;
        m_receiving = std::make_unique<ReceivingService>(m_db->database(), *m_clock);
        m_supervisor = std::make_unique<SupervisorService>(m_db->database(), *m_clock);
    }

    void cleanupTestCase()
    {
        m_supervisor.reset();
        m_receiving.reset();
        m_db.reset();
    }

    void shouldSayWhatCoreSaidInEnglishAndInAnotherLanguage_data()
    {
        QTest::addColumn<int>("index");
        for (qsizetype i = 0; i < cases().size(); ++i)
            QTest::newRow(cases().at(i).name) << int(i);
    }

    void shouldSayWhatCoreSaidInEnglishAndInAnotherLanguage()
    {
        // GIVEN an error from a real core operation
        QFETCH(int, index);
        const Case& which = cases().at(index);
        const Produced made = (this->*which.make)();
        if (!made.skipped.isEmpty())
            QSKIP(qPrintable(made.skipped));
        QVERIFY2(made.problem.isEmpty(), qPrintable(made.problem));
        const Error& error = made.error;
        QCOMPARE(error.code, QString::fromLatin1(which.code));
        QVERIFY2(!ErrorTexts::source(error).isEmpty(), qPrintable(u"no text fits "_s + textsOf(error)));

        // WHEN the screen words it in English, THEN it says exactly what core said
        QCOMPARE(ErrorTexts::message(error), made.english.isEmpty() ? error.message : made.english);

        // AND in another language it is that language's sentence with the same values in it
        const FakeLanguage language;
        QCOMPARE(
            ErrorTexts::message(error), made.translated.isEmpty() ? u"«"_s + error.message + u"»"_s : made.translated);
    }

    void shouldMakeEveryTextFromARealCoreError()
    {
        // GIVEN every error this test makes (they do not depend on one another)
        QSet<QString> met;
        QStringList skippedCodes;
        for (const Case& which : cases()) {
            const Produced made = (this->*which.make)();
            QVERIFY2(made.problem.isEmpty(), qPrintable(QString::fromLatin1(which.name) + u": "_s + made.problem));
            if (!made.skipped.isEmpty()) {
                skippedCodes << QString::fromLatin1(which.code);
                continue;
            }
            met.insert(made.error.code + u'\n' + ErrorTexts::source(made.error));
        }

        // WHEN each text of ErrorTexts is looked for among them
        QStringList missing;
        for (const QString& code : ErrorTexts::codes()) {
            for (const QString& source : ErrorTexts::sources(code)) {
                const bool listed
                    = std::any_of(std::cbegin(kNotMadeHere), std::cend(kNotMadeHere), [&](const NotMadeHere& entry) {
                          return code == QLatin1StringView(entry.code)
                              && source.startsWith(QLatin1StringView(entry.start));
                      });
                const bool wasMet = met.contains(code + u'\n' + source);
                // (a text listed as not made here that is made after all belongs off the list)
                QVERIFY2(!(listed && wasMet), qPrintable(u"listed as not made here, but made: "_s + source));
                if (!listed && !wasMet && !skippedCodes.contains(code))
                    missing << code + u": "_s + source;
            }
        }

        // THEN every text rebuilt a real error, except the few listed with the reason no test here makes them
        QVERIFY2(missing.isEmpty(), qPrintable(u"texts no core operation made here:\n"_s + missing.join(u'\n')));
        // AND that list names texts that exist, one each
        for (const NotMadeHere& entry : kNotMadeHere) {
            const QStringList sources = ErrorTexts::sources(QString::fromLatin1(entry.code));
            const auto matching = std::count_if(sources.cbegin(), sources.cend(),
                [&](const QString& source) { return source.startsWith(QLatin1StringView(entry.start)); });
            QVERIFY2(matching == 1, entry.start);
        }
    }

    void shouldFallBackToCoreMessageForAnUnknownCode()
    {
        // GIVEN an error whose code has no text in the UI
        const Error error = Error::validation(u"loop.refused"_s, u"Loop refused: the return is closed."_s);
        // WHEN it is shown, in English and in another language
        const QString english = ErrorTexts::message(error);
        const FakeLanguage language;
        // THEN core's message is shown as it is
        QCOMPARE(english, error.message);
        QCOMPARE(ErrorTexts::message(error), error.message);
        QVERIFY(ErrorTexts::source(error).isEmpty());
    }

    void shouldFallBackToCoreMessageWhenTheValuesDoNotFit()
    {
        // GIVEN errors with a known code, one without its values and one whose message core worded differently
        const Error noArgs = Error::validation(u"receiving.claimed"_s,
            u"Return 41000007 is being received at station Dock 2 by ana (claim expires 2026-11-02T09:15:00Z). Finish "
            u"or abandon it there, or wait until the claim expires."_s);
        const Error tooFew = Error::validation(u"receiving.claimed"_s, u"Return %1 is being received at station %2."_s)
                                 .with(41000007, u"Dock 2"_s);
        const Error reworded
            = Error::validation(u"receiving.submitted"_s, u"Return %1 is already done."_s).with(41000007);
        const FakeLanguage language;
        // WHEN they are shown, THEN each shows core's message: a text that would say something else is not used
        for (const Error& error : { noArgs, tooFew, reworded }) {
            QCOMPARE(ErrorTexts::message(error), error.message);
            QVERIFY(ErrorTexts::source(error).isEmpty());
        }
    }

    void shouldNeverShowAnEmptyMessage()
    {
        // GIVEN an error without a message (a bug elsewhere)
        const Error error = Error::storage(u"db.something"_s, QString());
        // WHEN it is shown, THEN it still says something, with its code for the administrator
        const QString shown = ErrorTexts::message(error);
        QVERIFY(!shown.trimmed().isEmpty());
        QVERIFY2(shown.contains(u"db.something"_s), qPrintable(shown));
    }

    void shouldFillAllPlaceholdersInOnePass()
    {
        // GIVEN a station name that itself looks like a placeholder, and a URL with percent signs
        const Error error = Error::validation(u"x"_s, u"At %1 by %2 (%1), see %3."_s)
                                .with(u"Dock %2"_s, u"ana"_s, u"postgresql://u@h/db%2Fx"_s);
        // THEN each value is put in once, where its own placeholder is, and kept as it is
        QCOMPARE(error.message, u"At Dock %2 by ana (Dock %2), see postgresql://u@h/db%2Fx."_s);
        QCOMPARE(error.args, (QStringList { u"Dock %2"_s, u"ana"_s, u"postgresql://u@h/db%2Fx"_s }));
        // AND the numbers say the order, as QString::arg does; a placeholder without a value stays
        QCOMPARE(Error::fill(u"%2 after %1"_s, { u"a"_s, u"b"_s }), u"b after a"_s);
        QCOMPARE(Error::fill(u"%1 and %2"_s, { u"a"_s }), u"a and %2"_s);
        QCOMPARE(Error::fill(u"100% of %1"_s, { u"it"_s }), u"100% of it"_s);
    }

private:
    static const QList<Case>& cases()
    {
        static const QList<Case> all {
            { "receiving: claimed by another station", "receiving.claimed", &TestErrorTexts::claimed },
            { "receiving: claim taken over", "receiving.claim_lost", &TestErrorTexts::claimLost },
            { "receiving: already received", "receiving.already_received", &TestErrorTexts::alreadyReceived },
            { "receiving: no user", "receiving.identity.empty", &TestErrorTexts::noUser },
            { "receiving: no station", "receiving.station.empty", &TestErrorTexts::noStation },
            { "receiving: unknown return", "receiving.return.unknown", &TestErrorTexts::unknownReturn },
            { "receiving: submitted", "receiving.submitted", &TestErrorTexts::afterSubmit },
            { "receiving: abandoned", "receiving.abandoned", &TestErrorTexts::afterAbandon },
            { "receiving: return gone", "receiving.return.gone", &TestErrorTexts::returnGone },
            { "receiving: empty item scan", "receiving.scan.empty", &TestErrorTexts::emptyItemScan },
            { "receiving: nothing to undo", "receiving.undo.nothing", &TestErrorTexts::nothingToUndo },
            { "receiving: unknown line", "receiving.line.unknown", &TestErrorTexts::unknownLine },
            { "receiving: scanned line marked missing", "receiving.line.scanned", &TestErrorTexts::scannedMissing },
            { "receiving: unknown unit", "receiving.unit.unknown", &TestErrorTexts::unknownUnit },
            { "receiving: condition of a missing item", "receiving.condition.missing",
                &TestErrorTexts::conditionMissing },
            { "receiving: disposition missing", "receiving.disposition.missing", &TestErrorTexts::dispositionMissing },
            { "receiving: empty photo", "receiving.photo.empty", &TestErrorTexts::emptyPhoto },
            { "receiving: ungraded submit", "receiving.ungraded", &TestErrorTexts::ungraded },
            { "scan: empty", "scan.empty", &TestErrorTexts::emptyScan },
            { "scan: too long", "scan.too_long", &TestErrorTexts::longScan },
            { "scan: unreadable character", "scan.unreadable", &TestErrorTexts::unreadableCharacter },
            { "scan: no letters or digits", "scan.unreadable", &TestErrorTexts::noLettersOrDigits },
            { "unknown package: no scan", "unknown.scan.empty", &TestErrorTexts::unknownWithoutScan },
            { "supervisor: no user", "supervisor.user.empty", &TestErrorTexts::supervisorWithoutName },
            { "supervisor: no note", "supervisor.note.empty", &TestErrorTexts::supervisorWithoutNote },
            { "supervisor: unknown return", "supervisor.return.unknown", &TestErrorTexts::closeUnknownReturn },
            { "supervisor: unknown return in the queue", "supervisor.return.unknown",
                &TestErrorTexts::detailOfUnknownReturn },
            { "supervisor: final call waiting", "supervisor.final_waiting", &TestErrorTexts::finalCallWaiting },
            { "supervisor: final call parked", "supervisor.final_waiting", &TestErrorTexts::finalCallParked },
            { "supervisor: unknown receipt", "supervisor.receipt.unknown", &TestErrorTexts::unknownReceipt },
            { "supervisor: receipt resolved", "supervisor.receipt.resolved", &TestErrorTexts::receiptResolved },
            { "supervisor: receipt processed", "supervisor.receipt.not_flagged", &TestErrorTexts::receiptProcessed },
            { "supervisor: receipt abandoned", "supervisor.receipt.not_flagged", &TestErrorTexts::receiptAbandoned },
            { "supervisor: process a closed return", "supervisor.return.closed", &TestErrorTexts::processClosed },
            { "supervisor: close a closed return", "supervisor.return.closed", &TestErrorTexts::closeClosed },
            { "supervisor: cancel a closed return", "supervisor.return.closed", &TestErrorTexts::cancelClosed },
            { "supervisor: process a cancelled return", "supervisor.return.not_processable",
                &TestErrorTexts::processCancelled },
            { "supervisor: close a cancelled return", "supervisor.return.cancelled", &TestErrorTexts::closeCancelled },
            { "supervisor: cancel a cancelled return", "supervisor.return.cancelled",
                &TestErrorTexts::cancelCancelled },
            { "supervisor: cancel a return in review", "supervisor.return.not_cancellable",
                &TestErrorTexts::cancelInReview },
            { "supervisor: cancel an expired return", "supervisor.return.not_cancellable",
                &TestErrorTexts::cancelExpired },
            { "supervisor: cancel a return flagged in Loop", "supervisor.return.flagged",
                &TestErrorTexts::cancelFlagged },
            { "supervisor: unknown package", "supervisor.unknown.unknown", &TestErrorTexts::relinkUnknownPackage },
            { "supervisor: package matched", "supervisor.unknown.matched", &TestErrorTexts::relinkTwice },
            { "supervisor: unknown outbox entry", "supervisor.outbox.unknown", &TestErrorTexts::retryUnknownEntry },
            { "supervisor: retry a waiting call", "supervisor.outbox.not_parked", &TestErrorTexts::retryWaiting },
            { "supervisor: dismiss a waiting call", "supervisor.outbox.not_parked", &TestErrorTexts::dismissWaiting },
            { "outbox: unknown entry", "outbox.unknown", &TestErrorTexts::requeueUnknownEntry },
            { "outbox: not parked", "outbox.not_parked", &TestErrorTexts::requeueWaiting },
            { "database: bad URL", "db.url.invalid", &TestErrorTexts::badDatabaseUrl },
            { "settings: bad database URL", "settings.database_url.invalid", &TestErrorTexts::badSettingsUrl },
            { "database: PostgreSQL unreachable", "db.postgres.unreachable", &TestErrorTexts::postgresUnreachable },
            { "database: PostgreSQL role unknown", "db.postgres.auth", &TestErrorTexts::postgresUnknownRole },
            { "database: PostgreSQL database missing", "db.postgres.nodb", &TestErrorTexts::postgresNoDatabase },
            { "database: SQLite folder", "db.sqlite.folder", &TestErrorTexts::sqliteFolder },
            { "database: SQLite path is a folder", "db.sqlite.notfile", &TestErrorTexts::sqliteNotAFile },
            { "database: SQLite file damaged", "db.sqlite.corrupt", &TestErrorTexts::sqliteCorrupt },
            { "database: newer schema", "db.schema.newer", &TestErrorTexts::newerSchema },
            { "database: statement refused", "db.error", &TestErrorTexts::statementRefused },
            { "merchant: no name", "merchant.name.empty", &TestErrorTexts::merchantWithoutName },
            { "merchant: name taken", "merchant.name.taken", &TestErrorTexts::merchantNameTaken },
            { "merchant: unknown", "merchant.unknown", &TestErrorTexts::unknownMerchant },
            { "secrets: damaged file", "secret.file.damaged", &TestErrorTexts::secretsDamaged },
            { "secrets: unwritable file", "secret.file.unwritable", &TestErrorTexts::secretsUnwritable },
            { "secrets: locked file", "secret.file.locked", &TestErrorTexts::secretsLocked },
            { "secrets: unprotected file", "secret.file.unprotected", &TestErrorTexts::secretsUnprotected },
            { "secrets: newer file", "secret.file.newer", &TestErrorTexts::secretsNewer },
            { "secrets: missing secret", "secret.missing", &TestErrorTexts::secretMissing },
            { "settings: unwritable", "settings.unwritable", &TestErrorTexts::settingsUnwritable },
            { "settings: long user name", "settings.user_name.long", &TestErrorTexts::longUserName },
            { "webhooks: cannot listen", "webhook.listen", &TestErrorTexts::webhookCannotListen },
        };
        return all;
    }

    // -- what the producers share -------------------------------------------------------------------------------

    // A new return of the fixture's merchant: the builder's tote and a tee, label delivered.
    qint64 addReturn(ReturnState state = ReturnState::Open)
    {
        const qint64 loopId = m_nextLoopId++;
        ReturnRepository returns(m_db->database());
        if (!returns.upsert(ReturnBuilder(m_merchantId, loopId)
                                .state(state)
                                .line(kTee, u"TEE-BLK-M"_s, kTeeBarcode, u"Organic Tee - Black"_s)
                                .labelStatus(u"delivered"_s),
                m_clock->now()))
            qFatal("cannot store return %lld", loopId);
        return (*returns.findByLoopId(m_merchantId, loopId))->id;
    }

    qint64 loopIdOf(qint64 returnId) { return (*ReturnRepository(m_db->database()).find(returnId))->loopId; }

    std::unique_ptr<ReceivingSession> open(qint64 returnId, const QString& station = u"Dock 1"_s)
    {
        auto session = m_receiving->open(returnId, station, u"maria"_s);
        if (!session)
            qFatal("cannot open: %s", qPrintable(session.error().toLogString()));
        return std::move(*session);
    }

    // A submitted receipt of a new return: the tee graded, the tote too when `complete` (decided Process), else
    // missing (flagged).
    qint64 submittedReceipt(ReturnState state = ReturnState::Open, bool complete = false)
    {
        auto session = open(addReturn(state));
        for (const QString& code : complete ? QStringList { kTeeBarcode, kToteBarcode } : QStringList { kTeeBarcode }) {
            const auto scanned = session->scan(code);
            if (!scanned || !session->setCondition(scanned->key, Condition::GradeA))
                qFatal("cannot scan %s", qPrintable(code));
        }
        const auto outcome = session->submit();
        if (!outcome)
            qFatal("cannot submit: %s", qPrintable(outcome.error().toLogString()));
        return outcome->receipt.id;
    }

    qint64 queueNote(qint64 returnId)
    {
        OutboxEntry value;
        value.merchantId = m_merchantId;
        value.returnId = returnId;
        value.loopReturnId = loopIdOf(returnId);
        value.kind = OutboxKind::Note;
        value.payload = "{}";
        value.createdAt = m_clock->now();
        return *OutboxRepository(m_db->database()).enqueue(value);
    }

    OutboxEntry entryOf(qint64 returnId, OutboxKind kind)
    {
        const auto entries = OutboxRepository(m_db->database()).forReturn(m_merchantId, loopIdOf(returnId));
        for (const OutboxEntry& entry : entries.value_or(QList<OutboxEntry>())) {
            if (entry.kind == kind)
                return entry;
        }
        qFatal("no such entry");
    }

    QString file(const QString& name, const QByteArray& bytes = {})
    {
        const QString path = m_folder.filePath(u"%1-%2"_s.arg(m_nextLoopId++).arg(name));
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    // -- receiving ----------------------------------------------------------------------------------------------

    Produced claimed()
    {
        const qint64 returnId = addReturn();
        const auto first = m_receiving->open(returnId, u"Dock 2"_s, u"ana"_s);
        if (!first)
            return problem(first.error().toLogString());
        return refusal(m_receiving->open(returnId, u"Dock 1"_s, u"maria"_s));
    }

    Produced claimLost()
    {
        const qint64 returnId = addReturn();
        auto first = open(returnId, u"Dock 1"_s);
        m_clock->advance(kFifteenMinutes);
        const auto second = m_receiving->open(returnId, u"Dock 2"_s, u"ana"_s);
        if (!second)
            return problem(second.error().toLogString());
        return refusal(first->scan(kTeeBarcode));
    }

    Produced alreadyReceived()
    {
        const qint64 receiptId = submittedReceipt();
        const qint64 returnId = (**ReceiptRepository(m_db->database()).find(receiptId)).returnId;
        return refusal(m_receiving->open(returnId, u"Dock 3"_s, u"jon"_s));
    }

    Produced noUser() { return refusal(m_receiving->open(addReturn(), u"Dock 1"_s, u"  "_s)); }

    Produced noStation()
    {
        return refusal(
            ClaimRepository(m_db->database()).claim(addReturn(), QString(), u"ana"_s, 60'000, m_clock->now()));
    }

    Produced unknownReturn() { return refusal(m_receiving->open(kNoSuchId, u"Dock 1"_s, u"maria"_s)); }

    Produced afterSubmit()
    {
        auto session = open(addReturn());
        const auto scanned = session->scan(kTeeBarcode);
        if (!scanned || !session->setCondition(scanned->key, Condition::GradeA) || !session->submit())
            return problem(u"cannot submit"_s);
        return refusal(session->scan(kToteBarcode));
    }

    Produced afterAbandon()
    {
        auto session = open(addReturn());
        if (!session->abandon())
            return problem(u"cannot abandon"_s);
        return refusal(session->scan(kTeeBarcode));
    }

    Produced returnGone()
    {
        const qint64 returnId = addReturn();
        auto session = open(returnId);
        // (another station's sync or an administrator removed the row under the open session)
        Result<QSqlDatabase> connection = m_db->database().connection();
        if (!connection
            || !Sql::exec(m_db->database(), *connection, u"DELETE FROM \"returns\" WHERE \"id\" = ?"_s, { returnId },
                u"removing a return"_s))
            return problem(u"cannot remove the return"_s);
        return refusal(session->preview());
    }

    Produced emptyItemScan() { return refusal(open(addReturn())->scan(u" \t "_s)); }

    Produced nothingToUndo() { return refusal(open(addReturn())->undoLastScan()); }

    Produced unknownLine() { return refusal(open(addReturn())->markMissing(kNoSuchId)); }

    Produced scannedMissing()
    {
        auto session = open(addReturn());
        if (!session->scan(kTeeBarcode))
            return problem(u"cannot scan"_s);
        return refusal(session->markMissing(kTee));
    }

    Produced unknownUnit() { return refusal(open(addReturn())->setCondition(4242, Condition::GradeA)); }

    Produced conditionMissing()
    {
        auto session = open(addReturn());
        const auto scanned = session->scan(kTeeBarcode);
        if (!scanned)
            return problem(u"cannot scan"_s);
        return refusal(session->setCondition(scanned->key, Condition::Missing));
    }

    Produced dispositionMissing()
    {
        auto session = open(addReturn());
        const auto scanned = session->scan(kTeeBarcode);
        if (!scanned)
            return problem(u"cannot scan"_s);
        return refusal(session->setDisposition(scanned->key, Disposition::Missing));
    }

    Produced emptyPhoto()
    {
        auto session = open(addReturn());
        const auto scanned = session->scan(kTeeBarcode);
        if (!scanned)
            return problem(u"cannot scan"_s);
        return refusal(session->addPhoto(scanned->key, u"  "_s));
    }

    Produced ungraded()
    {
        auto session = open(addReturn());
        if (!session->scan(kTeeBarcode) || !session->scan(kToteBarcode))
            return problem(u"cannot scan"_s);
        return refusal(session->submit());
    }

    // -- scans and unknown packages -----------------------------------------------------------------------------

    Produced emptyScan() { return refusal(ScanResolver(m_db->database()).resolve(u"   "_s)); }

    Produced longScan() { return refusal(ScanResolver(m_db->database()).resolve(QString(250, u'7'))); }

    Produced unreadableCharacter()
    {
        const QString scan = u"1Z999"_s + QChar(0xE000) + u"AA1"_s; // a private-use character no label has
        return refusal(ScanResolver(m_db->database()).resolve(scan));
    }

    Produced noLettersOrDigits() { return refusal(ScanResolver(m_db->database()).resolve(u"-- // --"_s)); }

    Produced unknownWithoutScan()
    {
        return refusal(ExceptionQueue(m_db->database(), *m_clock).record(QString(), u"Dock 1"_s, u"maria"_s, {}, {}));
    }

    // -- supervisor ---------------------------------------------------------------------------------------------

    Produced supervisorWithoutName()
    {
        return refusal(m_supervisor->keepFlagged(submittedReceipt(), { u"office-1"_s, QString() }, u"Why"_s));
    }

    Produced supervisorWithoutNote() { return refusal(m_supervisor->keepFlagged(submittedReceipt(), kSam, u" "_s)); }

    Produced closeUnknownReturn() { return refusal(m_supervisor->closeReturn(kNoSuchId, kSam, u"Gone"_s)); }

    Produced detailOfUnknownReturn() { return refusal(SupervisorQueues(m_db->database()).returnDetail(kNoSuchId)); }

    Produced finalCallWaiting()
    {
        const qint64 returnId = addReturn();
        if (!m_supervisor->closeReturn(returnId, kSam, u"Customer asked"_s))
            return problem(u"cannot close"_s);
        Produced made = refusal(m_supervisor->cancelReturn(returnId, kSam, u"Changed my mind"_s));
        const qint64 closeId = entryOf(returnId, OutboxKind::Close).id;
        made.english = u"Return %1 already has a Close call for Loop waiting to be sent (outbox entry %2). Wait "
                       u"until it has gone, then decide again."_s.arg(loopIdOf(returnId))
                           .arg(closeId);
        made.translated = u"«Return %1 already has a CLOSE call for Loop waiting to be sent (outbox entry %2). Wait "
                          u"until it has gone, then decide again.»"_s.arg(loopIdOf(returnId))
                              .arg(closeId);
        return made;
    }

    Produced finalCallParked()
    {
        const qint64 returnId = addReturn();
        if (!m_supervisor->closeReturn(returnId, kSam, u"Customer asked"_s))
            return problem(u"cannot close"_s);
        const qint64 closeId = entryOf(returnId, OutboxKind::Close).id;
        if (!OutboxRepository(m_db->database()).park(closeId, u"refused"_s, m_clock->now()))
            return problem(u"cannot park"_s);
        Produced made = refusal(m_supervisor->closeReturn(returnId, kSam, u"Again"_s));
        made.english = u"Return %1 already has a Close call for Loop that is parked (outbox entry %2). Retry or "
                       u"dismiss that one first."_s.arg(loopIdOf(returnId))
                           .arg(closeId);
        made.translated = u"«Return %1 already has a CLOSE call for Loop that is parked (outbox entry %2). Retry or "
                          u"dismiss that one first.»"_s.arg(loopIdOf(returnId))
                              .arg(closeId);
        return made;
    }

    Produced unknownReceipt() { return refusal(m_supervisor->processAnyway(kNoSuchId, kSam, u"Fine"_s)); }

    Produced receiptResolved()
    {
        const qint64 receiptId = submittedReceipt();
        if (!m_supervisor->keepFlagged(receiptId, kSam, u"Merchant decides"_s))
            return problem(u"cannot keep flagged"_s);
        Produced made = refusal(m_supervisor->processAnyway(receiptId, kSam, u"Fine after all"_s));
        const QString when = m_clock->now().toString(Qt::ISODate);
        made.english
            = u"Receipt %1 was already resolved by sam on %2 (Kept flagged); nothing was changed."_s.arg(receiptId).arg(
                when);
        made.translated
            = u"«Receipt %1 was already resolved by sam on %2 (KEPT FLAGGED); nothing was changed.»"_s.arg(receiptId)
                  .arg(when);
        return made;
    }

    Produced receiptProcessed()
    {
        const qint64 receiptId = submittedReceipt(ReturnState::Open, true);
        Produced made = refusal(m_supervisor->keepFlagged(receiptId, kSam, u"Hold it"_s));
        made.english = u"Receipt %1 is not flagged (it is Submitted, decision Process); only a flagged receipt can "
                       u"be processed anyway or kept flagged."_s.arg(receiptId);
        made.translated = u"«Receipt %1 is not flagged (it is SUBMITTED, decision PROCESS); only a flagged receipt "
                          u"can be processed anyway or kept flagged.»"_s.arg(receiptId);
        return made;
    }

    Produced receiptAbandoned()
    {
        const qint64 returnId = addReturn();
        auto session = open(returnId);
        if (!session->scan(kTeeBarcode) || !session->abandon())
            return problem(u"cannot abandon"_s);
        const auto receipts = ReceiptRepository(m_db->database()).forReturn(returnId);
        if (!receipts || receipts->size() != 1)
            return problem(u"no abandoned receipt"_s);
        const qint64 receiptId = receipts->constFirst().id;
        Produced made = refusal(m_supervisor->keepFlagged(receiptId, kSam, u"Hold it"_s));
        made.english = u"Receipt %1 is not flagged (it is Abandoned); only a flagged receipt can be processed anyway "
                       u"or kept flagged."_s.arg(receiptId);
        made.translated = u"«Receipt %1 is not flagged (it is ABANDONED); only a flagged receipt can be processed "
                          u"anyway or kept flagged.»"_s.arg(receiptId);
        return made;
    }

    Produced processClosed()
    {
        return refusal(m_supervisor->processAnyway(submittedReceipt(ReturnState::Closed), kSam, u"Fine"_s));
    }

    Produced closeClosed() { return refusal(m_supervisor->closeReturn(addReturn(ReturnState::Closed), kSam, u"X"_s)); }

    Produced cancelClosed()
    {
        return refusal(m_supervisor->cancelReturn(addReturn(ReturnState::Closed), kSam, u"X"_s));
    }

    Produced processCancelled()
    {
        const qint64 receiptId = submittedReceipt(ReturnState::Cancelled);
        const qint64 loopId = m_nextLoopId - 1;
        Produced made = refusal(m_supervisor->processAnyway(receiptId, kSam, u"Fine"_s));
        made.translated = u"«Return %1 is CANCELLED in Loop, and Loop does not process it. Keep it flagged, or close "
                          u"it.»"_s.arg(loopId);
        return made;
    }

    Produced closeCancelled()
    {
        return refusal(m_supervisor->closeReturn(addReturn(ReturnState::Cancelled), kSam, u"X"_s));
    }

    Produced cancelCancelled()
    {
        return refusal(m_supervisor->cancelReturn(addReturn(ReturnState::Cancelled), kSam, u"X"_s));
    }

    Produced cancelInReview()
    {
        const qint64 returnId = addReturn(ReturnState::Review);
        Produced made = refusal(m_supervisor->cancelReturn(returnId, kSam, u"X"_s));
        // ("review" is Loop's code; the screens say "in review")
        made.english = u"Return %1 is in review in Loop, and Loop does not cancel it. Close it instead, or unflag it "
                       u"in Loop Admin first and sync."_s.arg(loopIdOf(returnId));
        made.translated = u"«Return %1 is IN REVIEW in Loop, and Loop does not cancel it. Close it instead, or unflag "
                          u"it in Loop Admin first and sync.»"_s.arg(loopIdOf(returnId));
        return made;
    }

    Produced cancelExpired()
    {
        const qint64 returnId = addReturn(ReturnState::Expired);
        Produced made = refusal(m_supervisor->cancelReturn(returnId, kSam, u"X"_s));
        made.translated = u"«Return %1 is EXPIRED in Loop, and Loop does not cancel it. Close it instead.»"_s.arg(
            loopIdOf(returnId));
        return made;
    }

    Produced cancelFlagged()
    {
        const qint64 receiptId = submittedReceipt();
        const qint64 returnId = (**ReceiptRepository(m_db->database()).find(receiptId)).returnId;
        // (the flag has been sent once: it may be in Loop)
        if (!OutboxRepository(m_db->database()).markAttempt(entryOf(returnId, OutboxKind::Flag).id, m_clock->now()))
            return problem(u"cannot mark the flag attempted"_s);
        return refusal(m_supervisor->cancelReturn(returnId, kSam, u"Customer asked"_s));
    }

    Produced relinkUnknownPackage()
    {
        return refusal(m_supervisor->relinkUnknownPackage(kNoSuchId, addReturn(), kSam, u"Slip"_s));
    }

    Produced relinkTwice()
    {
        UnknownPackage package;
        package.rawScan = u"1Z999AA10123456784"_s;
        const Result<qint64> packageId = UnknownPackageRepository(m_db->database()).add(package);
        const qint64 returnId = addReturn();
        if (!packageId || !m_supervisor->relinkUnknownPackage(*packageId, returnId, kSam, u"Slip"_s))
            return problem(u"cannot relink"_s);
        return refusal(m_supervisor->relinkUnknownPackage(*packageId, returnId, kSam, u"Slip"_s));
    }

    Produced retryUnknownEntry() { return refusal(m_supervisor->retryParkedPush(kNoSuchId, kSam, u"Again"_s)); }

    Produced retryWaiting() { return notParked(true); }

    Produced dismissWaiting() { return notParked(false); }

    Produced notParked(bool retry)
    {
        const qint64 returnId = addReturn();
        const qint64 id = queueNote(returnId);
        Produced made = refusal(retry ? m_supervisor->retryParkedPush(id, kSam, u"Again"_s)
                                      : m_supervisor->dismissParkedPush(id, kSam, u"Done"_s));
        const QString verb = retry ? u"retried"_s : u"dismissed"_s;
        made.english
            = u"Outbox entry %1 (Note for return %2) is Waiting, not parked; only a parked call can be %3."_s.arg(id)
                  .arg(loopIdOf(returnId))
                  .arg(verb);
        made.translated = u"«Outbox entry %1 (NOTE for return %2) is WAITING, not parked; only a parked call can be "
                          u"%3.»"_s.arg(id)
                              .arg(loopIdOf(returnId))
                              .arg(verb);
        return made;
    }

    Produced requeueUnknownEntry()
    {
        return refusal(OutboxRepository(m_db->database()).requeue(kNoSuchId, m_clock->now()));
    }

    Produced requeueWaiting()
    {
        const qint64 returnId = addReturn();
        const qint64 id = queueNote(returnId);
        Produced made = refusal(OutboxRepository(m_db->database()).requeue(id, m_clock->now()));
        made.english
            = u"Outbox entry %1 (Note for return %2) is Waiting, not Parked."_s.arg(id).arg(loopIdOf(returnId));
        made.translated
            = u"«Outbox entry %1 (NOTE for return %2) is WAITING, not PARKED.»"_s.arg(id).arg(loopIdOf(returnId));
        return made;
    }

    // -- the database -------------------------------------------------------------------------------------------

    Produced badDatabaseUrl() { return refusal(DatabaseUrl::parse(u"sqlite://relative/station.sqlite"_s)); }

    Produced badSettingsUrl()
    {
        StationSettings::Values values;
        values.stationName = u"Dock 1"_s;
        values.databaseUrl = u"mysql://dock@db.example.test/dockside"_s;
        const QList<StationSettings::Problem> problems = StationSettings::validate(values);
        if (problems.size() != 1)
            return problem(u"expected one problem, got %1"_s.arg(problems.size()));
        Produced made;
        made.error = problems.constFirst().error;
        return made;
    }

    Produced postgresUnreachable()
    {
        Database::Options options;
        options.connectTimeoutS = 2;
        return refusal(Database::open(*DatabaseUrl::parse(u"postgresql://dock@127.0.0.1:1/dockside"_s), options));
    }

    Produced postgresUnknownRole()
    {
        const std::optional<DatabaseUrl> server = TempDatabase::postgresServer();
        if (!server) {
            Produced made;
            made.skipped = u"no PostgreSQL test server"_s;
            return made;
        }
        const QString where = server->host().startsWith(u'/')
            ? u"/postgres?host=%1"_s.arg(server->host())
            : u"%1%2/postgres"_s.arg(server->host(), server->port() > 0 ? u":%1"_s.arg(server->port()) : QString());
        const Result<DatabaseUrl> url = DatabaseUrl::parse(u"postgresql://dockside_no_such_role@"_s + where);
        if (!url)
            return problem(url.error().toLogString());
        return refusal(Database::open(*url));
    }

    Produced postgresNoDatabase()
    {
        const std::optional<DatabaseUrl> server = TempDatabase::postgresServer();
        if (!server) {
            Produced made;
            made.skipped = u"no PostgreSQL test server"_s;
            return made;
        }
        return refusal(Database::open(server->withDatabaseName(u"dockside_no_such_database"_s)));
    }

    Produced sqliteFolder()
    {
        // (below a regular file no folder can be made, also as root)
        return refusal(Database::open(DatabaseUrl::sqliteFile(file(u"blocker"_s) + u"/sub/station.sqlite"_s)));
    }

    Produced sqliteNotAFile() { return refusal(Database::open(DatabaseUrl::sqliteFile(m_folder.path()))); }

    Produced sqliteCorrupt()
    {
        return refusal(Database::open(DatabaseUrl::sqliteFile(file(u"station.sqlite"_s, QByteArray(4096, 'x')))));
    }

    Produced newerSchema()
    {
        Migrator migrator(m_db->database());
        Result<QSqlDatabase> connection = m_db->database().connection();
        if (!connection
            || !Sql::exec(m_db->database(), *connection,
                u"INSERT INTO \"schema_migrations\" (\"version\", \"name\", \"applied_at\") VALUES (?, ?, ?)"_s,
                { migrator.latestVersion() + 1, u"from a newer Dockside"_s, Sql::time(m_clock->now()) },
                u"pretending a newer Dockside"_s))
            return problem(u"cannot add a newer version"_s);
        Produced made = refusal(migrator.migrate());
        // (undone, so the next producers find the schema they know)
        if (!Sql::exec(m_db->database(), *connection, u"DELETE FROM \"schema_migrations\" WHERE \"version\" > ?"_s,
                { migrator.latestVersion() }, u"undoing a newer version"_s))
            return problem(u"cannot remove the newer version"_s);
        return made;
    }

    Produced statementRefused()
    {
        // (a receipt of a return that does not exist breaks a foreign key on both backends)
        Receipt receipt;
        receipt.returnId = kNoSuchId;
        receipt.merchantId = m_merchantId;
        receipt.station = u"Dock 1"_s;
        receipt.user = u"maria"_s;
        receipt.startedAt = m_clock->now();
        return refusal(ReceiptRepository(m_db->database()).insert(receipt));
    }

    // -- merchants, secrets, settings, webhooks ---------------------------------------------------------------

    Produced merchantWithoutName() { return refusal(MerchantRepository(m_db->database()).insert(merchant(u""_s))); }

    Produced merchantNameTaken() { return refusal(MerchantRepository(m_db->database()).insert(merchant(u"Acme"_s))); }

    Produced unknownMerchant()
    {
        Merchant gone = merchant(u"Gone"_s);
        gone.id = kNoSuchId;
        return refusal(MerchantRepository(m_db->database()).update(gone));
    }

    Produced secretsDamaged()
    {
        const QString path = file(u"secrets.json"_s, "not json");
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        FileSecretStore store(path);
        return refusal(store.readNow(store.referenceFor(u"k"_s)));
    }

    Produced secretsUnwritable()
    {
        FileSecretStore store(file(u"blocker"_s) + u"/secrets.json"_s);
        return refusal(store.writeNow(store.referenceFor(u"k"_s), "secret"));
    }

    Produced secretsLocked()
    {
        const QString path = m_folder.filePath(u"locked-%1.json"_s.arg(m_nextLoopId++));
        QLockFile held(path + u".lock"_s); // as another Dockside changing the file would
        if (!held.lock())
            return problem(u"cannot take the lock"_s);
        FileSecretStore store(path);
        return refusal(store.writeNow(store.referenceFor(u"k"_s), "secret"));
    }

    Produced secretsUnprotected()
    {
        const QString path = file(u"secrets.json"_s, "{}");
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
        FileSecretStore store(path);
        return refusal(store.readNow(store.referenceFor(u"k"_s)));
    }

    Produced secretsNewer()
    {
        const QString path
            = file(u"secrets.json"_s, "{\"format\": \"dockside-secrets\", \"version\": 99, \"secrets\": {}}");
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        FileSecretStore store(path);
        return refusal(store.readNow(store.referenceFor(u"k"_s)));
    }

    Produced secretMissing()
    {
        FileSecretStore store(m_folder.filePath(u"secrets-%1.json"_s.arg(m_nextLoopId++)));
        if (!store.writeNow(store.referenceFor(u"other"_s), "secret"))
            return problem(u"cannot write a secret"_s);
        return refusal(store.readNow(store.referenceFor(u"merchant/1/api-key"_s)));
    }

    Produced settingsUnwritable()
    {
        StationSettings settings(file(u"blocker"_s) + u"/station.ini"_s);
        return refusal(settings.setStationName(u"Dock 2"_s));
    }

    Produced longUserName()
    {
        StationSettings settings(m_folder.filePath(u"station-%1.ini"_s.arg(m_nextLoopId++)));
        return refusal(settings.setLastUserName(QString(80, u'a')));
    }

    Produced webhookCannotListen()
    {
        WebhookReceiver::Options options;
        options.address = QHostAddress(u"192.0.2.1"_s); // TEST-NET-1: never this computer's
        WebhookReceiver receiver(
            m_db->database(), *m_clock, [](qint64) { return std::optional<QByteArray>(); }, options);
        return refusal(receiver.listen());
    }

    std::unique_ptr<TempDatabase> m_db;
    std::unique_ptr<FakeClock> m_clock;
    std::unique_ptr<ReceivingService> m_receiving;
    std::unique_ptr<SupervisorService> m_supervisor;
    QTemporaryDir m_folder;
    qint64 m_merchantId = 0;
    qint64 m_nextLoopId = kFirstLoopId;
};

QTEST_MAIN(TestErrorTexts)
#include "TestErrorTexts.moc"
