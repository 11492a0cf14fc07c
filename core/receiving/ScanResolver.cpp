#include "ScanResolver.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Dockside {

ScanResolver::ScanResolver(Database& database, int limit)
    : m_returns(database)
    , m_limit(std::max(2, limit))
{
}

QString ScanResolver::outcomeCode(Outcome outcome)
{
    switch (outcome) {
    case Outcome::None:
        return u"none"_s;
    case Outcome::One:
        return u"one"_s;
    case Outcome::Several:
        return u"several"_s;
    }
    return u"none"_s;
}

QList<ScanKeyKind> ScanResolver::Resolution::kindsFor(qint64 returnId) const
{
    QList<ScanKeyKind> kinds;
    for (const ReturnRepository::KeyMatch& match : matches) {
        if (match.returnId == returnId && !kinds.contains(match.kind))
            kinds << match.kind;
    }
    return kinds;
}

Result<ScanResolver::Resolution> ScanResolver::resolve(QStringView raw)
{
    Result<ScanCandidates> candidates = ScanCandidates::fromScan(raw);
    if (!candidates)
        return fail(candidates.error());
    Resolution resolution {std::move(*candidates), {}, {}, Outcome::None, false, false};

    // Two lookups, not one: an item code may be on thousands of returns, and one LIMITed query over all
    // keys could then cut off the single return whose label was scanned.
    // One row more than the limit tells whether the limit cut anything off.
    Result<QList<ReturnRepository::KeyMatch>> matches
        = m_returns.findByKeys(resolution.candidates.packageKeys(), m_limit + 1);
    if (!matches)
        return fail(matches.error());
    if (matches->isEmpty()) {
        // A popular item's code is on thousands of returns. One key per query lets the database walk the
        // (key, kind, return id) index in order and stop at the limit; a query over several keys would have to
        // collect and sort every match first.
        QList<ReturnRepository::KeyMatch> items;
        for (const ScanKey& key : resolution.candidates.itemKeys()) {
            const Result<QList<ReturnRepository::KeyMatch>> found = m_returns.findByKeys({key}, m_limit + 1);
            if (!found)
                return fail(found.error());
            for (const ReturnRepository::KeyMatch& match : *found) {
                if (!items.contains(match))
                    items << match;
            }
        }
        std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
            return a.returnId != b.returnId ? a.returnId < b.returnId : int(a.kind) < int(b.kind);
        });
        resolution.itemMatch = !items.isEmpty();
        *matches = std::move(items);
    }
    resolution.matches = std::move(*matches);
    resolution.truncated = resolution.matches.size() > m_limit;
    if (resolution.truncated)
        resolution.matches.resize(m_limit);
    // Rows come ordered by return id; a return that matched through two kinds of key counts once.
    for (const ReturnRepository::KeyMatch& match : std::as_const(resolution.matches)) {
        if (resolution.returnIds.isEmpty() || resolution.returnIds.constLast() != match.returnId)
            resolution.returnIds << match.returnId;
    }
    if (resolution.returnIds.size() == 1)
        resolution.outcome = Outcome::One;
    else if (resolution.returnIds.size() > 1)
        resolution.outcome = Outcome::Several;
    return resolution;
}

} // namespace Dockside
