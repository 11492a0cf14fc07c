#include "Error.h"

#include <QList>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {
Error make(Error::Kind kind, const QString& code, const QString& message, const QString& detail)
{
    Error error;
    error.kind = kind;
    error.code = code;
    error.message = message;
    error.detail = detail;
    return error;
}
} // namespace

Error Error::validation(const QString& code, const QString& message, const QString& detail)
{
    return make(Kind::Validation, code, message, detail);
}

Error Error::storage(const QString& code, const QString& message, const QString& detail)
{
    return make(Kind::Storage, code, message, detail);
}

Error Error::transient(const QString& code, const QString& message, const QString& detail)
{
    return make(Kind::Transient, code, message, detail);
}

Error Error::permanent(const QString& code, const QString& message, const QString& detail)
{
    return make(Kind::Permanent, code, message, detail);
}

Error Error::auth(const QString& code, const QString& message, const QString& detail)
{
    return make(Kind::Auth, code, message, detail);
}

Error Error::withArgs(QStringList values) const
{
    Error filled = *this;
    filled.message = fill(message, values);
    filled.args = std::move(values);
    return filled;
}

QString Error::fill(const QString& text, const QStringList& values)
{
    // A placeholder is '%' and one or two digits, 1 to 99, as QString::arg reads it.
    struct Placeholder
    {
        qsizetype at = 0;
        qsizetype length = 0;
        int number = 0;
    };
    QList<Placeholder> found;
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != u'%' || !text.at(i + 1).isDigit())
            continue;
        int number = text.at(i + 1).digitValue();
        qsizetype length = 2;
        if (i + 2 < text.size() && text.at(i + 2).isDigit()) {
            number = number * 10 + text.at(i + 2).digitValue();
            length = 3;
        }
        if (number > 0)
            found.append({ i, length, number });
    }
    QList<int> numbers;
    for (const Placeholder& placeholder : std::as_const(found))
        numbers.append(placeholder.number);
    std::sort(numbers.begin(), numbers.end());
    numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());

    QString filled;
    filled.reserve(text.size());
    qsizetype from = 0;
    for (const Placeholder& placeholder : std::as_const(found)) {
        const qsizetype index = numbers.indexOf(placeholder.number);
        if (index >= values.size())
            continue;
        filled += QStringView(text).sliced(from, placeholder.at - from);
        filled += values.at(index);
        from = placeholder.at + placeholder.length;
    }
    filled += QStringView(text).sliced(from);
    return filled;
}

QString Error::toLogString() const
{
    QString line = u"["_s + code + u"] "_s + message;
    if (!detail.isEmpty())
        line += u" ("_s + detail + u")"_s;
    return line;
}

QString errorKindCode(Error::Kind kind)
{
    switch (kind) {
    case Error::Kind::Validation:
        return u"validation"_s;
    case Error::Kind::Storage:
        return u"storage"_s;
    case Error::Kind::Transient:
        return u"transient"_s;
    case Error::Kind::Permanent:
        return u"permanent"_s;
    case Error::Kind::Auth:
        return u"auth"_s;
    }
    return u"permanent"_s;
}

} // namespace Dockside
