#include "Receipt.h"

#include "util/CodeTable.h"

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {
constexpr CodeTable<ReceiptStatus, 3> kStatuses({{
    {ReceiptStatus::Open, "open"_L1},
    {ReceiptStatus::Submitted, "submitted"_L1},
    {ReceiptStatus::Abandoned, "abandoned"_L1},
}});
} // namespace

QString receiptStatusCode(ReceiptStatus status)
{
    return kStatuses.code(status);
}

std::optional<ReceiptStatus> receiptStatusFromCode(QStringView code)
{
    return kStatuses.value(code);
}

} // namespace Dockside
