#include "ErrorTexts.h"

#include "ReceivingTexts.h"
#include "SupervisorText.h"

#include <array>

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {

// An argument that is a code core stores, shown as the word other screens use for it.
enum class Word {
    AsIs,
    ReturnState,
    OutboxKind,
    OutboxStatus,
    ReceiptStatus,
    Decision,
    Resolution,
};

struct Text
{
    const char* code;
    // Core's English message with its placeholders, word for word: message() only uses a text that rebuilds the
    // error's message exactly from its args. Arguments that are free English text from core or from a driver
    // (what the database was doing, why a file is damaged) stay as they are inside the translated sentence.
    const char* source;
    std::array<Word, 5> words {}; // per argument, %1 first
};

// clang-format off
const Text kTexts[] = {
    // Receiving: opening a return, scanning, grading, submitting (core/receiving, ClaimRepository).
    { "receiving.identity.empty", QT_TRANSLATE_NOOP("ErrorTexts",
        "Receiving needs a station name and a user name. Set both and try again.") },
    { "receiving.station.empty", QT_TRANSLATE_NOOP("ErrorTexts",
        "A station name is needed to receive a return. Configure this station's name and try again.") },
    { "receiving.return.unknown", QT_TRANSLATE_NOOP("ErrorTexts",
        "There is no return with row id %1 here. Scan the package again or sync first.") },
    { "receiving.already_received", QT_TRANSLATE_NOOP("ErrorTexts",
        "Return %1 was already received at station %2 by %3 on %4. It cannot be received twice; ask a supervisor "
        "to override if the package must be received again.") },
    { "receiving.claimed", QT_TRANSLATE_NOOP("ErrorTexts",
        "Return %1 is being received at station %2 by %3 (claim expires %4). Finish or abandon it there, or wait "
        "until the claim expires.") },
    { "receiving.claim_lost", QT_TRANSLATE_NOOP("ErrorTexts",
        "Station %1 (%2) took over return %3 after this station's claim lapsed; nothing recorded here was "
        "submitted. Receive it there, or open it again here after %4.") },
    { "receiving.claim.race", QT_TRANSLATE_NOOP("ErrorTexts",
        "Another station released return row %1 just now. Try again.") },
    { "receiving.submitted", QT_TRANSLATE_NOOP("ErrorTexts",
        "Return %1 has been submitted; start a new session to change anything.") },
    { "receiving.abandoned", QT_TRANSLATE_NOOP("ErrorTexts",
        "Receiving of return %1 was abandoned; open it again to continue.") },
    { "receiving.return.gone", QT_TRANSLATE_NOOP("ErrorTexts",
        "Return %1 is no longer in the database; it cannot be received.") },
    { "receiving.scan.empty", QT_TRANSLATE_NOOP("ErrorTexts",
        "The scan was empty. Scan the item again.") },
    { "receiving.undo.nothing", QT_TRANSLATE_NOOP("ErrorTexts",
        "There is no scan to undo.") },
    { "receiving.undo.gone", QT_TRANSLATE_NOOP("ErrorTexts",
        "Internal error: the last scan is no longer in the list; it cannot be undone.") },
    { "receiving.line.unknown", QT_TRANSLATE_NOOP("ErrorTexts",
        "Return %1 has no line item %2.") },
    { "receiving.line.scanned", QT_TRANSLATE_NOOP("ErrorTexts",
        "%1 was scanned, so it is not missing. Undo that scan first if it was a mistake.") },
    { "receiving.unit.unknown", QT_TRANSLATE_NOOP("ErrorTexts",
        "There is no item %1 on this receipt.") },
    { "receiving.condition.missing", QT_TRANSLATE_NOOP("ErrorTexts",
        "A missing item has no condition, and a scanned item is not missing: mark the line missing, or undo the "
        "scan.") },
    { "receiving.disposition.missing", QT_TRANSLATE_NOOP("ErrorTexts",
        "A missing item's disposition is always \"missing\", and a scanned item's never is.") },
    { "receiving.photo.empty", QT_TRANSLATE_NOOP("ErrorTexts",
        "The photo has no file name or URL.") },
    { "receiving.ungraded", QT_TRANSLATE_NOOP("ErrorTexts",
        "Give every scanned item a condition before submitting; still without one: %1.") },

    // Reading a scan (core/receiving/ScanCandidates) and keeping an unknown package (UnknownPackageRepository).
    { "scan.empty", QT_TRANSLATE_NOOP("ErrorTexts",
        "Nothing was scanned. Scan the label again, or type the tracking number, order name or return number.") },
    { "scan.too_long", QT_TRANSLATE_NOOP("ErrorTexts",
        "The scan is %1 characters long, more than any label holds (%2). Scan the label again; if this repeats, "
        "check the scanner's prefix and suffix settings.") },
    { "scan.unreadable", QT_TRANSLATE_NOOP("ErrorTexts",
        "The scan holds characters no label has (U+%1). Scan the label again; if this repeats, check the "
        "scanner's keyboard and code page settings.") },
    { "scan.unreadable", QT_TRANSLATE_NOOP("ErrorTexts",
        "The scan holds no letters or digits. Scan the label again; if this repeats, check the scanner's keyboard "
        "settings.") },
    { "unknown.scan.empty", QT_TRANSLATE_NOOP("ErrorTexts",
        "An unknown package needs the scan of its label; scan it again.") },

    // Supervisor actions (core/supervisor).
    { "supervisor.user.empty", QT_TRANSLATE_NOOP("ErrorTexts",
        "Say who decides: a supervisor action is kept under the supervisor's name. Sign in as a supervisor.") },
    { "supervisor.note.empty", QT_TRANSLATE_NOOP("ErrorTexts",
        "Write a note saying why: every supervisor decision is kept with its reason.") },
    { "supervisor.return.unknown", QT_TRANSLATE_NOOP("ErrorTexts",
        "There is no return %1 on this station. Check the number, or sync first.") },
    { "supervisor.return.unknown", QT_TRANSLATE_NOOP("ErrorTexts",
        "There is no return %1 on this station. Pick it again from the queue; it may have been removed.") },
    { "supervisor.final_waiting", QT_TRANSLATE_NOOP("ErrorTexts",
        "Return %1 already has a %2 call for Loop that is parked (outbox entry %3). Retry or dismiss that one "
        "first."), { Word::AsIs, Word::OutboxKind } },
    { "supervisor.final_waiting", QT_TRANSLATE_NOOP("ErrorTexts",
        "Return %1 already has a %2 call for Loop waiting to be sent (outbox entry %3). Wait until it has gone, "
        "then decide again."), { Word::AsIs, Word::OutboxKind } },
    { "supervisor.receipt.unknown", QT_TRANSLATE_NOOP("ErrorTexts",
        "There is no receipt %1. Pick it again from the flagged queue.") },
    { "supervisor.receipt.resolved", QT_TRANSLATE_NOOP("ErrorTexts",
        "Receipt %1 was already resolved by %2 on %3 (%4); nothing was changed."),
        { Word::AsIs, Word::AsIs, Word::AsIs, Word::Resolution } },
    { "supervisor.receipt.resolved", QT_TRANSLATE_NOOP("ErrorTexts",
        "Receipt %1 was resolved by somebody else a moment ago; nothing was changed. Reload the queue.") },
    { "supervisor.receipt.not_flagged", QT_TRANSLATE_NOOP("ErrorTexts",
        "Receipt %1 is not flagged (it is %2); only a flagged receipt can be processed anyway or kept flagged."),
        { Word::AsIs, Word::ReceiptStatus } },
    { "supervisor.receipt.not_flagged", QT_TRANSLATE_NOOP("ErrorTexts",
        "Receipt %1 is not flagged (it is %2, decision %3); only a flagged receipt can be processed anyway or kept "
        "flagged."), { Word::AsIs, Word::ReceiptStatus, Word::Decision } },
    { "supervisor.return.closed", QT_TRANSLATE_NOOP("ErrorTexts",
        "Return %1 is already closed in Loop: there is nothing left to process. Keep it flagged to take the "
        "receipt off the queue.") },
    { "supervisor.return.closed", QT_TRANSLATE_NOOP("ErrorTexts",
        "Return %1 is already closed in Loop; it cannot be closed any more.") },
    { "supervisor.return.closed", QT_TRANSLATE_NOOP("ErrorTexts",
        "Return %1 is already closed in Loop; it cannot be cancelled any more.") },
    { "supervisor.return.not_processable", QT_TRANSLATE_NOOP("ErrorTexts",
        "Return %1 is %2 in Loop, and Loop does not process it. Keep it flagged, or close it."),
        { Word::AsIs, Word::ReturnState } },
    { "supervisor.return.cancelled", QT_TRANSLATE_NOOP("ErrorTexts",
        "Return %1 is cancelled in Loop, and Loop does not close a cancelled return.") },
    { "supervisor.return.cancelled", QT_TRANSLATE_NOOP("ErrorTexts",
        "Return %1 is already cancelled in Loop.") },
    { "supervisor.return.not_cancellable", QT_TRANSLATE_NOOP("ErrorTexts",
        "Return %1 is %2 in Loop, and Loop does not cancel it. Close it instead, or unflag it in Loop Admin first "
        "and sync."), { Word::AsIs, Word::ReturnState } },
    { "supervisor.return.not_cancellable", QT_TRANSLATE_NOOP("ErrorTexts",
        "Return %1 is %2 in Loop, and Loop does not cancel it. Close it instead."),
        { Word::AsIs, Word::ReturnState } },
    { "supervisor.return.flagged", QT_TRANSLATE_NOOP("ErrorTexts",
        "Return %1 was flagged in Loop by this station (outbox entry %2), and Loop does not cancel a flagged "
        "return. Close it instead, or unflag it in Loop Admin first and sync.") },
    { "supervisor.unknown.unknown", QT_TRANSLATE_NOOP("ErrorTexts",
        "There is no unknown package %1. Pick it again from the exception queue.") },
    { "supervisor.unknown.matched", QT_TRANSLATE_NOOP("ErrorTexts",
        "Unknown package %1 is already matched to return %2; it is no longer in the exception queue.") },
    { "supervisor.unknown.matched", QT_TRANSLATE_NOOP("ErrorTexts",
        "Unknown package %1 was matched by somebody else a moment ago; nothing was changed.") },
    { "supervisor.outbox.unknown", QT_TRANSLATE_NOOP("ErrorTexts",
        "There is no outbox entry %1. Pick it again from the parked queue.") },
    { "supervisor.outbox.not_parked", QT_TRANSLATE_NOOP("ErrorTexts",
        "Outbox entry %1 (%2 for return %3) is %4, not parked; only a parked call can be retried."),
        { Word::AsIs, Word::OutboxKind, Word::AsIs, Word::OutboxStatus } },
    { "supervisor.outbox.not_parked", QT_TRANSLATE_NOOP("ErrorTexts",
        "Outbox entry %1 (%2 for return %3) is %4, not parked; only a parked call can be dismissed."),
        { Word::AsIs, Word::OutboxKind, Word::AsIs, Word::OutboxStatus } },
    // The same refusals from the outbox itself, when another station acted between the check and the change.
    { "outbox.unknown", QT_TRANSLATE_NOOP("ErrorTexts",
        "There is no outbox entry %1.") },
    { "outbox.not_parked", QT_TRANSLATE_NOOP("ErrorTexts",
        "Outbox entry %1 (%2 for return %3) is %4, not %5."),
        { Word::AsIs, Word::OutboxKind, Word::AsIs, Word::OutboxStatus, Word::OutboxStatus } },

    // The database (core/storage): opening it, and a statement that failed.
    { "db.url.invalid", QT_TRANSLATE_NOOP("ErrorTexts",
        "The database URL %1 is not valid: %2. Use sqlite:///path/to/file.sqlite or "
        "postgresql://user:password@host:port/database.") },
    { "db.driver.missing", QT_TRANSLATE_NOOP("ErrorTexts",
        "The Qt SQL driver for %1 is not installed. Install %2 (scripts/setup.sh does) and start again.") },
    { "db.postgres.unreachable", QT_TRANSLATE_NOOP("ErrorTexts",
        "Cannot connect to PostgreSQL at %1. Check that the server is running and reachable from this station, "
        "and that the host and port in the URL are right.") },
    { "db.postgres.auth", QT_TRANSLATE_NOOP("ErrorTexts",
        "PostgreSQL at %1 refused the user name or password. Check the user and password in the URL.") },
    { "db.postgres.nodb", QT_TRANSLATE_NOOP("ErrorTexts",
        "The PostgreSQL server at %1 has no database named %2. Create it (createdb %2) or fix the URL.") },
    { "db.postgres.lost", QT_TRANSLATE_NOOP("ErrorTexts",
        "Lost the connection to PostgreSQL at %1 while %2. Check that the server is running; Dockside reconnects "
        "on the next try and nothing already stored is lost.") },
    { "db.sqlite.folder", QT_TRANSLATE_NOOP("ErrorTexts",
        "Cannot create the folder %1 for the database %2. Create it, make it writable, or pass --db with another "
        "location.") },
    { "db.sqlite.notfile", QT_TRANSLATE_NOOP("ErrorTexts",
        "The database path %1 is not a file. Pass --db with the path of an SQLite file.") },
    { "db.sqlite.unreadable", QT_TRANSLATE_NOOP("ErrorTexts",
        "The database file %1 cannot be read by this user. Fix its permissions or pass --db with another file; "
        "nothing was changed.") },
    { "db.sqlite.readonly", QT_TRANSLATE_NOOP("ErrorTexts",
        "The database file %1 is read-only. Make it writable for this user (or move it off a read-only disk), or "
        "pass --db with another file; nothing was changed.") },
    { "db.sqlite.readonly", QT_TRANSLATE_NOOP("ErrorTexts",
        "The database %1 is read-only, so %2 failed. Make the file and its folder writable; nothing was saved by "
        "this action.") },
    { "db.sqlite.folder.readonly", QT_TRANSLATE_NOOP("ErrorTexts",
        "The folder %1 is read-only, but SQLite needs to create its journal files next to the database %2. Make "
        "the folder writable or pass --db with another location; nothing was changed.") },
    { "db.sqlite.open", QT_TRANSLATE_NOOP("ErrorTexts",
        "Cannot open the SQLite database %1. Check that the path is right and writable, or pass --db with another "
        "file.") },
    { "db.sqlite.open", QT_TRANSLATE_NOOP("ErrorTexts",
        "Cannot open the SQLite database %1 while %2. Check that the file and its folder exist and are writable.") },
    { "db.sqlite.corrupt", QT_TRANSLATE_NOOP("ErrorTexts",
        "The file %1 is not a Dockside database or is damaged. Dockside did not change it. Restore it from a "
        "backup, or start with another file: --db sqlite:///path/to/new.sqlite") },
    { "db.sqlite.nowal", QT_TRANSLATE_NOOP("ErrorTexts",
        "The SQLite database %1 could not switch to WAL mode (it stayed in %2 mode). Put the file on a local disk "
        "that allows shared memory files, or pass --db with another location.") },
    { "db.schema.newer", QT_TRANSLATE_NOOP("ErrorTexts",
        "The database %1 has schema version %2, newer than this Dockside knows (%3). Update Dockside on this "
        "station; the database was not changed.") },
    { "db.error", QT_TRANSLATE_NOOP("ErrorTexts",
        "The database %1 failed while %2. Nothing was saved by this action; try again, and if it keeps failing "
        "give this message to your administrator.") },

    // Merchants (MerchantRepository) and where their API keys and webhook secrets are kept.
    { "merchant.name.empty", QT_TRANSLATE_NOOP("ErrorTexts",
        "A merchant needs a name.") },
    { "merchant.name.taken", QT_TRANSLATE_NOOP("ErrorTexts",
        "A merchant named %1 already exists. Choose another name or edit that merchant.") },
    { "merchant.unknown", QT_TRANSLATE_NOOP("ErrorTexts",
        "There is no merchant with id %1 to update; it may have been removed at another station.") },
    { "secret.file.damaged", QT_TRANSLATE_NOOP("ErrorTexts",
        "The secrets file %1 is damaged (%2). Dockside left it exactly as it is: restore it from a backup, or "
        "move it aside and enter the merchants' API keys and webhook secrets again.") },
    { "secret.file.unwritable", QT_TRANSLATE_NOOP("ErrorTexts",
        "Could not write the secrets file %1 (%2). Check that its folder exists and that the user running "
        "Dockside may write there.") },
    { "secret.file.locked", QT_TRANSLATE_NOOP("ErrorTexts",
        "Another Dockside program is changing the secrets file %1. Try again in a moment; if this keeps happening "
        "while no other Dockside runs, delete %1.lock.") },
    { "secret.file.unprotected", QT_TRANSLATE_NOOP("ErrorTexts",
        "The secrets file %1 can be read or changed by other users (mode %2), so Dockside will not use it. Run: "
        "chmod 600 %1 ; then replace the API keys and webhook secrets it holds, since others may have read "
        "them.") },
    { "secret.file.unreadable", QT_TRANSLATE_NOOP("ErrorTexts",
        "Could not read the secrets file %1 (%2). It must belong to the user that runs Dockside.") },
    { "secret.file.newer", QT_TRANSLATE_NOOP("ErrorTexts",
        "The secrets file %1 was written by a newer Dockside. Update Dockside on this station.") },
    { "secret.missing", QT_TRANSLATE_NOOP("ErrorTexts",
        "The protected file %1 holds no secret \"%2\": it was never stored on this station or was removed. Enter "
        "the key again.") },
    { "secret.missing", QT_TRANSLATE_NOOP("ErrorTexts",
        "The OS keychain holds no secret \"%1\" (service Dockside): it was never stored for this user on this "
        "computer or was removed. Enter the key again.") },
    { "secret.denied", QT_TRANSLATE_NOOP("ErrorTexts",
        "The OS keychain refused access to the secret \"%1\". Unlock the keychain or allow Dockside to use it, "
        "then try again.") },
    { "secret.keychain.unavailable", QT_TRANSLATE_NOOP("ErrorTexts",
        "The OS keychain did not store or return the secret \"%1\" (%2). Check that the keychain service runs and "
        "is unlocked, then try again.") },

    // The station's settings file (core/settings/StationSettings); its form checks are worded by SettingsDialog.
    { "settings.unreadable", QT_TRANSLATE_NOOP("ErrorTexts",
        "The settings file %1 does not read as settings; Dockside uses the defaults and does not write it. Move "
        "it aside (or fix it) and set the station up again.") },
    { "settings.inaccessible", QT_TRANSLATE_NOOP("ErrorTexts",
        "The settings file %1 cannot be read. Check that this user may read it.") },
    { "settings.unwritable", QT_TRANSLATE_NOOP("ErrorTexts",
        "Could not write the settings file %1. Check that its folder exists and that this user may write there; "
        "the change was not saved.") },
    { "settings.user_name.long", QT_TRANSLATE_NOOP("ErrorTexts",
        "A user name may have at most %1 characters.") },
    { "settings.database_url.invalid", QT_TRANSLATE_NOOP("ErrorTexts",
        "The database URL %1 is not valid: %2. Use sqlite:///path/to/file.sqlite or "
        "postgresql://user:password@host:port/database.") },

    // The webhook receiver (core/webhookserver), started by the station when Settings turn it on.
    { "webhook.listen", QT_TRANSLATE_NOOP("ErrorTexts",
        "Cannot listen for Loop webhooks on %1 port %2: the address is not this computer's or the port is in use. "
        "Choose another port.") },
    { "webhook.listen", QT_TRANSLATE_NOOP("ErrorTexts",
        "The webhook receiver did not start.") },
};
// clang-format on

QString word(Word kind, const QString& code)
{
    switch (kind) {
    case Word::AsIs:
        break;
    case Word::ReturnState:
        return ReceivingTexts::stateName(returnStateFromCode(code));
    case Word::OutboxKind:
        if (const std::optional<OutboxKind> outboxKind = outboxKindFromCode(code))
            return SupervisorText::outboxKind(*outboxKind);
        break;
    case Word::OutboxStatus:
        if (const std::optional<OutboxStatus> status = outboxStatusFromCode(code))
            return SupervisorText::outboxStatus(*status);
        break;
    case Word::ReceiptStatus:
        if (const std::optional<ReceiptStatus> status = receiptStatusFromCode(code))
            return SupervisorText::receiptStatus(*status);
        break;
    case Word::Decision:
        if (const std::optional<DecisionKind> decision = decisionKindFromCode(code))
            return SupervisorText::decision(*decision);
        break;
    case Word::Resolution:
        return SupervisorText::resolution(code);
    }
    return code;
}

const Text* textFor(const Error& error)
{
    for (const Text& text : kTexts) {
        if (error.code == QLatin1StringView(text.code)
            && Error::fill(QString::fromUtf8(text.source), error.args) == error.message)
            return &text;
    }
    return nullptr;
}

} // namespace

QString ErrorTexts::message(const Error& error)
{
    if (const Text* text = textFor(error)) {
        QStringList shown = error.args;
        for (qsizetype i = 0; i < shown.size() && i < qsizetype(text->words.size()); ++i)
            shown[i] = word(text->words.at(std::size_t(i)), shown.at(i));
        const QString translated = Error::fill(QCoreApplication::translate("ErrorTexts", text->source), shown);
        if (!translated.trimmed().isEmpty())
            return translated;
    }
    if (!error.message.trimmed().isEmpty())
        return error.message;
    return tr("Dockside could not do that (error %1). Try again; if it keeps failing, tell your administrator.")
        .arg(error.code.isEmpty() ? u"?"_s : error.code);
}

QString ErrorTexts::source(const Error& error)
{
    const Text* text = textFor(error);
    return text ? QString::fromUtf8(text->source) : QString();
}

QStringList ErrorTexts::codes()
{
    QStringList codes;
    for (const Text& text : kTexts) {
        const QString code = QString::fromLatin1(text.code);
        if (!codes.contains(code))
            codes << code;
    }
    return codes;
}

QStringList ErrorTexts::sources(const QString& code)
{
    QStringList sources;
    for (const Text& text : kTexts) {
        if (code == QLatin1StringView(text.code))
            sources << QString::fromUtf8(text.source);
    }
    return sources;
}

} // namespace Dockside
