#include "Decision.h"

#include "util/CodeTable.h"

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {
constexpr CodeTable<DecisionKind, 2> kKinds({{
    {DecisionKind::Process, "process"_L1},
    {DecisionKind::Flag, "flag"_L1},
}});

constexpr CodeTable<ReasonCode, 10> kReasons({{
    {ReasonCode::MissingItem, "missing_item"_L1},
    {ReasonCode::UnexpectedItem, "unexpected_item"_L1},
    {ReasonCode::IncorrectItem, "incorrect_item"_L1},
    {ReasonCode::ConditionBelowThreshold, "condition_below_threshold"_L1},
    {ReasonCode::QuantityOverExpected, "quantity_over_expected"_L1},
    {ReasonCode::ReturnNotOpen, "return_not_open"_L1},
    {ReasonCode::LabelNotDelivered, "label_not_delivered"_L1},
    {ReasonCode::ValueNeedsSupervisor, "value_needs_supervisor"_L1},
    {ReasonCode::AutoProcessDisabled, "auto_process_disabled"_L1},
    {ReasonCode::SupervisorOverride, "supervisor_override"_L1},
}});
} // namespace

QString decisionKindCode(DecisionKind kind)
{
    return kKinds.code(kind);
}

std::optional<DecisionKind> decisionKindFromCode(QStringView code)
{
    return kKinds.value(code);
}

QString reasonCode(ReasonCode reason)
{
    return kReasons.code(reason);
}

std::optional<ReasonCode> reasonFromCode(QStringView code)
{
    return kReasons.value(code);
}

} // namespace Dockside
