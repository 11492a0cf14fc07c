#include "Return.h"

#include "util/CodeTable.h"

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {
constexpr CodeTable<ReturnState, 6> kStates({{
    {ReturnState::Open, "open"_L1},
    {ReturnState::Closed, "closed"_L1},
    {ReturnState::Cancelled, "cancelled"_L1},
    {ReturnState::Expired, "expired"_L1},
    {ReturnState::Review, "review"_L1},
    {ReturnState::Unknown, "unknown"_L1},
}});
} // namespace

QString returnStateCode(ReturnState state)
{
    return kStates.code(state);
}

ReturnState returnStateFromCode(QStringView code)
{
    // Older Loop docs said "needs review"; treat it as review.
    if (code.compare(u"needs review", Qt::CaseInsensitive) == 0 || code == u"needs_review")
        return ReturnState::Review;
    return kStates.value(code.trimmed()).value_or(ReturnState::Unknown);
}

} // namespace Dockside
