#include "OutboxEntry.h"

#include "util/CodeTable.h"

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {
constexpr CodeTable<OutboxKind, 7> kKinds({{
    {OutboxKind::Process, "process"_L1},
    {OutboxKind::Flag, "flag"_L1},
    {OutboxKind::Note, "note"_L1},
    {OutboxKind::Grade, "grade"_L1},
    {OutboxKind::Assess, "assess"_L1},
    {OutboxKind::Close, "close"_L1},
    {OutboxKind::Cancel, "cancel"_L1},
}});

constexpr CodeTable<OutboxStatus, 4> kStatuses({{
    {OutboxStatus::Pending, "pending"_L1},
    {OutboxStatus::Done, "done"_L1},
    {OutboxStatus::Parked, "parked"_L1},
    {OutboxStatus::Dismissed, "dismissed"_L1},
}});
} // namespace

QString outboxKindCode(OutboxKind kind)
{
    return kKinds.code(kind);
}

std::optional<OutboxKind> outboxKindFromCode(QStringView code)
{
    return kKinds.value(code);
}

QString outboxStatusCode(OutboxStatus status)
{
    return kStatuses.code(status);
}

std::optional<OutboxStatus> outboxStatusFromCode(QStringView code)
{
    return kStatuses.value(code);
}

} // namespace Dockside
