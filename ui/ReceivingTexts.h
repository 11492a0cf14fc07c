#pragma once

#include "domain/Decision.h"
#include "domain/ReceiptLine.h"
#include "domain/Return.h"
#include "receiving/MerchantRules.h"
#include "receiving/ReceiptRules.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace Dockside {

// The words dock staff read for the codes core stores: grades, dispositions, reasons, label statuses and
// return states. Core never translates; every screen that shows these codes asks here.
class ReceivingTexts final
{
    Q_DECLARE_TR_FUNCTIONS(ReceivingTexts)

public:
    ReceivingTexts() = delete;

    // The grades a receiver can give a scanned unit, in key order: key 1 is the first (Missing is not one:
    // a missing item is marked, not graded).
    static QList<Condition> gradingConditions();
    // The dispositions a receiver can choose for a scanned unit, in key order.
    static QList<Disposition> choosableDispositions();

    static QString conditionName(Condition condition);
    static QString conditionHint(Condition condition); // one line saying when to use it
    static QString dispositionName(Disposition disposition);

    // A finding of the rules engine in words, e.g. "Missing from the package: Canvas Tote (TOTE-OLV)".
    static QString reason(const ReceiptRules::Finding& finding);
    // The reason alone, without the items it is about.
    static QString reasonName(ReasonCode reason);

    static QString labelStatusName(const QString& status); // Loop's open vocabulary; unknown ones verbatim
    static QString stateName(ReturnState state);

    // What a receiver should know before receiving: the return is not open in Loop, its label never reached
    // a delivered status, it is worth more than a supervisor's limit, the merchant flags everything.
    static QStringList warnings(const Return& value, const MerchantRules& rules);

    static QString money(qint64 minor, const QString& currency);
};

} // namespace Dockside
