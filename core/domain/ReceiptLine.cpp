#include "ReceiptLine.h"

#include "util/CodeTable.h"

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {
constexpr CodeTable<Condition, 7> kConditions({{
    {Condition::GradeA, "grade_a"_L1},
    {Condition::GradeB, "grade_b"_L1},
    {Condition::GradeC, "grade_c"_L1},
    {Condition::GradeD, "grade_d"_L1},
    {Condition::IncorrectItem, "incorrect_item"_L1},
    {Condition::Missing, "missing"_L1},
    {Condition::Junk, "junk"_L1},
}});

constexpr CodeTable<Disposition, 5> kDispositions({{
    {Disposition::BackToStock, "back_to_stock"_L1},
    {Disposition::ResaleHold, "resale_hold"_L1},
    {Disposition::Recycle, "recycle"_L1},
    {Disposition::Donate, "donate"_L1},
    {Disposition::Missing, "missing"_L1},
}});
} // namespace

QString conditionCode(Condition condition)
{
    return kConditions.code(condition);
}

std::optional<Condition> conditionFromCode(QStringView code)
{
    return kConditions.value(code);
}

QString dispositionCode(Disposition disposition)
{
    return kDispositions.code(disposition);
}

std::optional<Disposition> dispositionFromCode(QStringView code)
{
    return kDispositions.value(code);
}

} // namespace Dockside
