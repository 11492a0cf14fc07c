#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace Dockside {

// Loop's grading vocabulary, `condition_category` (CONTRACT §5).
enum class Condition {
    GradeA,
    GradeB,
    GradeC,
    GradeD,
    IncorrectItem,
    Missing,
    Junk,
};

// Loop's `disposition_outcome` (CONTRACT §5).
enum class Disposition {
    BackToStock,
    ResaleHold,
    Recycle,
    Donate,
    Missing,
};

QString conditionCode(Condition condition);
std::optional<Condition> conditionFromCode(QStringView code);
QString dispositionCode(Disposition disposition);
std::optional<Disposition> dispositionFromCode(QStringView code);

// What actually arrived for one unit: a scanned item, an unexpected item (no matched line) or an
// expected line marked missing (no scanned code, condition Missing).
struct ReceiptLine
{
    qint64 id = 0; // local row id, 0 until stored
    QString scannedCode; // exactly what the scanner sent
    std::optional<qint64> lineItemId; // the matched Loop line item; none for an unexpected item
    int quantity = 1;
    std::optional<Condition> condition;
    std::optional<Disposition> disposition;
    QString note;
    QStringList photoRefs; // file paths or URLs of photos taken at the bench
    QString station;
    QString user;
    QDateTime recordedAt;

    friend bool operator==(const ReceiptLine&, const ReceiptLine&) = default;
};

} // namespace Dockside
