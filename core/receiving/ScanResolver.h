#pragma once

#include "ScanCandidates.h"
#include "storage/ReturnRepository.h"
#include "util/Error.h"

#include <QList>

#include <optional>

namespace Dockside {

class Database;

// From a raw scan to the return(s) it names, by exact keys only: the scan becomes a few candidate keys
// (ScanCandidates), each looked up by equality in the scan_keys index. A parcel key (tracking number,
// return number, order name, e-mail) outranks an item key (barcode, SKU): item keys are only looked up
// when no parcel key matched, and such a result is marked as an item match so the receiving screen can
// tick the line instead of opening a return.
class ScanResolver final
{
public:
    enum class Outcome {
        None, // nothing matched: the parcel goes to the exception queue
        One, // exactly one return
        Several, // the operator chooses (two returns on one order, a popular item, ...)
    };

    struct Resolution
    {
        ScanCandidates candidates;
        QList<ReturnRepository::KeyMatch> matches; // (return row id, key kind) pairs, by row id
        QList<qint64> returnIds; // the distinct return row ids of `matches`, ascending
        Outcome outcome = Outcome::None;
        bool itemMatch = false; // every match is an item barcode or SKU
        bool truncated = false; // more matched than the limit; `matches` holds the lowest return ids

        std::optional<qint64> returnId() const
        {
            return outcome == Outcome::One ? std::optional<qint64>(returnIds.constFirst()) : std::nullopt;
        }
        // The kinds of key through which this return matched.
        QList<ScanKeyKind> kindsFor(qint64 returnId) const;
    };

    explicit ScanResolver(Database& database, int limit = 50);

    // A Validation error for input that is no scan (empty, control characters only, too long), a Storage
    // error when the database cannot answer.
    Result<Resolution> resolve(QStringView raw);

    static QString outcomeCode(Outcome outcome);

private:
    ReturnRepository m_returns;
    int m_limit; // matched (return, key kind) rows kept
};

} // namespace Dockside
