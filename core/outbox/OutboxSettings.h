#pragma once

#include <QString>

namespace Dockside {

// How the outbox dispatcher paces itself. Defaults suit production; tests shorten the times.
struct OutboxSettings
{
    QString stationId = QStringLiteral("station"); // written into the audit trail
    int lookIntervalMs = 5'000; // how often it looks for due entries when nothing else wakes it
    int batchSize = 50; // due entries read per look
    int maxInFlight = 4; // entries (each of a different return) worked on at once
    int retryBaseMs = 5'000; // first retry delay after a transient failure; doubles per attempt
    int retryMaxMs = 15 * 60 * 1000;
    // Processing is asynchronous in Loop: after "queued" the return is read back until it shows `closed`.
    int confirmFirstPollMs = 2'000; // first read-back; doubles per poll
    int confirmMaxPollMs = 30'000;
    // How long a queued (or possibly queued) process may take to close before a supervisor is asked.
    int confirmWindowMs = 10 * 60 * 1000;
    // One station of a site sends at a time, holding the "outbox-sender" lease in the shared database; the
    // holder renews it at every look, so it must outlive a few look intervals. A dead holder's lease lapses
    // and another station takes over.
    int senderLeaseTtlMs = 60'000;
    // After taking over from another station, entries it attempted this recently are left alone for now: its
    // request may still be on the wire, and reading back too early would send a note or a flag twice.
    int takeoverGraceMs = 2 * 60 * 1000;
};

} // namespace Dockside
