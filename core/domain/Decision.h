#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace Dockside {

enum class DecisionKind {
    Process,
    Flag,
};

// Why a receipt was flagged (or why a supervisor overrode it). Stored and sent as codes; the UI translates.
enum class ReasonCode {
    MissingItem,
    UnexpectedItem,
    IncorrectItem,
    ConditionBelowThreshold,
    QuantityOverExpected,
    ReturnNotOpen,
    LabelNotDelivered,
    ValueNeedsSupervisor,
    AutoProcessDisabled,
    SupervisorOverride,
};

QString decisionKindCode(DecisionKind kind);
std::optional<DecisionKind> decisionKindFromCode(QStringView code);
QString reasonCode(ReasonCode reason);
std::optional<ReasonCode> reasonFromCode(QStringView code);

struct Decision
{
    DecisionKind kind = DecisionKind::Flag;
    QList<ReasonCode> reasons;
    QDateTime decidedAt;
    QString decidedBy;

    friend bool operator==(const Decision&, const Decision&) = default;
};

} // namespace Dockside
