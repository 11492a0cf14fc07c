#pragma once

#include "domain/ReceiptLine.h"
#include "util/Error.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

#include <optional>

namespace Dockside {

// How one merchant wants its returns judged at the bench. Stored per merchant as JSON (MerchantRulesRepository);
// a merchant without stored rules gets the defaults below, which flag anything doubtful.
struct MerchantRules
{
    // Grades that may be processed without a person looking. Missing and incorrect items are judged on their own
    // and never belong here.
    QList<Condition> acceptableConditions = { Condition::GradeA, Condition::GradeB };
    // A return worth more than this (minor units of its currency) goes to a supervisor; none = no limit.
    std::optional<qint64> supervisorValueMinor;
    // Off: every receipt is flagged for a supervisor, whatever was found.
    bool autoProcess = true;
    // A package whose label never reached one of these statuses is flagged (compared case-insensitively).
    bool requireDeliveredLabel = true;
    QStringList deliveredLabelStatuses = { QStringLiteral("delivered") };
    // Send each graded line item's condition (grade) and disposition (assess) to Loop.
    bool sendGrades = true;
    bool sendDispositions = true;

    bool isAcceptable(Condition condition) const { return acceptableConditions.contains(condition); }
    bool isDelivered(const QString& labelStatus) const;

    QByteArray toJson() const;
    // Lenient about absent keys (they keep their defaults, so a setting added later needs no rewrite) and
    // strict about wrong ones: a typo must not silently auto-process what a merchant wanted flagged.
    static Result<MerchantRules> fromJson(const QByteArray& json);

    friend bool operator==(const MerchantRules&, const MerchantRules&) = default;
};

} // namespace Dockside
