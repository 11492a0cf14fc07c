#include "TimeFormat.h"

using namespace Qt::StringLiterals;

namespace TimeFormat {

namespace {

struct Civil
{
    int year;
    unsigned month;
    unsigned day;
};

// Howard Hinnant's civil_from_days.
Civil civilFromDays(qint64 days)
{
    days += 719468;
    const qint64 era = (days >= 0 ? days : days - 146096) / 146097;
    const auto doe = unsigned(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 y = qint64(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return { int(y + (m <= 2 ? 1 : 0)), m, d };
}

void put(char16_t* out, qsizetype& pos, qint64 value, int width)
{
    for (int i = width - 1; i >= 0; --i) {
        out[pos + i] = char16_t(u'0' + value % 10);
        value /= 10;
    }
    pos += width;
}

QString format(qint64 secs, char16_t separator, bool zulu, bool millis)
{
    qint64 days = secs / 86400;
    qint64 rest = secs % 86400;
    if (rest < 0) {
        rest += 86400;
        --days;
    }
    const Civil civil = civilFromDays(days);
    QString text(19 + (millis ? 4 : 0) + (zulu ? 1 : 0), Qt::Uninitialized);
    auto* out = reinterpret_cast<char16_t*>(text.data());
    qsizetype pos = 0;
    put(out, pos, civil.year, 4);
    out[pos++] = u'-';
    put(out, pos, civil.month, 2);
    out[pos++] = u'-';
    put(out, pos, civil.day, 2);
    out[pos++] = separator;
    put(out, pos, rest / 3600, 2);
    out[pos++] = u':';
    put(out, pos, rest / 60 % 60, 2);
    out[pos++] = u':';
    put(out, pos, rest % 60, 2);
    if (millis) {
        out[pos++] = u'.';
        put(out, pos, 0, 3);
    }
    if (zulu)
        out[pos++] = u'Z';
    return text;
}

class Scanner
{
public:
    explicit Scanner(QStringView text)
        : m_text(text)
    {
    }

    bool atEnd() const { return m_pos >= m_text.size(); }
    QChar peek() const { return atEnd() ? QChar() : m_text.at(m_pos); }
    bool accept(QChar c)
    {
        if (peek() != c)
            return false;
        ++m_pos;
        return true;
    }
    std::optional<int> number(int digits)
    {
        int value = 0;
        for (int i = 0; i < digits; ++i) {
            if (atEnd() || !m_text.at(m_pos).isDigit() || m_text.at(m_pos).unicode() > 127)
                return std::nullopt;
            value = value * 10 + m_text.at(m_pos).digitValue();
            ++m_pos;
        }
        return value;
    }
    void skipDigits()
    {
        while (!atEnd() && m_text.at(m_pos).unicode() < 128 && m_text.at(m_pos).isDigit())
            ++m_pos;
    }

private:
    QStringView m_text;
    qsizetype m_pos = 0;
};

bool validDate(int year, int month, int day)
{
    static constexpr int lengths[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1)
        return false;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return day <= lengths[month - 1] + ((month == 2 && leap) ? 1 : 0);
}

} // namespace

qint64 daysFromCivil(int year, unsigned month, unsigned day)
{
    year -= month <= 2 ? 1 : 0;
    const qint64 era = (year >= 0 ? year : year - 399) / 400;
    const auto yoe = unsigned(year - era * 400);
    const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + qint64(doe) - 719468;
}

QString isoMillis(qint64 secs)
{
    return format(secs, u'T', true, true);
}

QString isoSeconds(qint64 secs)
{
    return format(secs, u'T', true, false);
}

QString sql(qint64 secs)
{
    return format(secs, u' ', false, false);
}

std::optional<qint64> parse(QStringView input)
{
    Scanner scanner(input.trimmed());
    const auto year = scanner.number(4);
    if (!year || !scanner.accept(u'-'))
        return std::nullopt;
    const auto month = scanner.number(2);
    if (!month || !scanner.accept(u'-'))
        return std::nullopt;
    const auto day = scanner.number(2);
    if (!day || !validDate(*year, *month, *day))
        return std::nullopt;
    qint64 secs = daysFromCivil(*year, unsigned(*month), unsigned(*day)) * 86400;
    if (scanner.atEnd())
        return secs;
    if (!scanner.accept(u'T') && !scanner.accept(u' '))
        return std::nullopt;
    const auto hour = scanner.number(2);
    if (!hour || *hour > 23 || !scanner.accept(u':'))
        return std::nullopt;
    const auto minute = scanner.number(2);
    if (!minute || *minute > 59)
        return std::nullopt;
    int second = 0;
    if (scanner.accept(u':')) {
        const auto parsed = scanner.number(2);
        if (!parsed || *parsed > 59)
            return std::nullopt;
        second = *parsed;
        if (scanner.accept(u'.')) {
            if (!scanner.number(1))
                return std::nullopt;
            scanner.skipDigits();
        }
    }
    secs += *hour * 3600 + *minute * 60 + second;
    if (scanner.atEnd() || scanner.accept(u'Z'))
        return scanner.atEnd() ? std::optional<qint64>(secs) : std::nullopt;
    const QChar sign = scanner.peek();
    if (sign != u'+' && sign != u'-')
        return std::nullopt;
    scanner.accept(sign);
    const auto offsetHours = scanner.number(2);
    if (!offsetHours || *offsetHours > 14)
        return std::nullopt;
    scanner.accept(u':');
    const auto offsetMinutes = scanner.number(2);
    if (!offsetMinutes || *offsetMinutes > 59 || !scanner.atEnd())
        return std::nullopt;
    const qint64 offset = (*offsetHours * 3600 + *offsetMinutes * 60) * (sign == u'+' ? 1 : -1);
    return secs - offset;
}

} // namespace TimeFormat
