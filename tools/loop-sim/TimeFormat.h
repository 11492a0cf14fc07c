#pragma once

#include <QString>
#include <QStringView>

#include <optional>

// Loop's timestamp spellings (CONTRACT.md §1.4), all UTC, second resolution like the MySQL columns behind them.
// Hand-rolled because formatting hundreds of thousands of QDateTimes per page is measurably slow.
namespace TimeFormat {

QString isoMillis(qint64 secs); // 2023-01-01T22:27:15.000Z   (Detailed Returns List)
QString isoSeconds(qint64 secs); // 2023-01-01T22:27:15Z       (webhooks, ASN, notes)
QString sql(qint64 secs); // 2023-01-01 22:27:15         (Get Return Details, cursors)

// Accepts what Laravel's `date` rule accepts in practice from Loop's examples: `YYYY-MM-DD`,
// `YYYY-MM-DD HH:MM[:SS[.fff]]` and `YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH[:]MM]`. No zone means UTC.
std::optional<qint64> parse(QStringView text);

qint64 daysFromCivil(int year, unsigned month, unsigned day);

} // namespace TimeFormat
