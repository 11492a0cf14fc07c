#pragma once

#include <QString>
#include <QStringList>

#include <concepts>
#include <expected>

namespace Dockside {

// A failure that crosses a layer boundary. `message` is English text a person can act on (the CLI prints it,
// the UI maps `code` and `args` to a translated string, ui/ErrorTexts, and falls back to it); `detail` is what the
// driver or server said, for logs. None of them ever holds a password or an API key.
struct Error
{
    enum class Kind {
        Validation, // bad input: a scan, a URL, an argument, a payload
        Storage, // the database refused or is unreachable
        Transient, // worth retrying: network down, timeout, 429, 5xx
        Permanent, // retrying will not help: other 4xx, a state Loop refuses
        Auth, // wrong or missing credentials
    };

    Kind kind = Kind::Permanent;
    QString code;
    QString message;
    QString detail;
    // The values in `message`, in the order of its placeholders (%1 first), so that the UI can say the same
    // sentence in another language. Empty when the message has none.
    QStringList args;

    static Error validation(const QString& code, const QString& message, const QString& detail = {});
    static Error storage(const QString& code, const QString& message, const QString& detail = {});
    static Error transient(const QString& code, const QString& message, const QString& detail = {});
    static Error permanent(const QString& code, const QString& message, const QString& detail = {});
    static Error auth(const QString& code, const QString& message, const QString& detail = {});

    // This error with the message's %1, %2, ... filled with `values` (strings or integers) and the values kept in
    // `args`, so a message and its arguments always match:
    //     Error::validation(u"receiving.claimed"_s, u"Return %1 is being received at station %2."_s).with(id, station)
    template <typename... Values>
    Error with(const Values&... values) const
    {
        return withArgs({ argText(values)... });
    }
    Error withArgs(QStringList values) const;

    // `text` with its placeholders %1 to %99 replaced in one pass, like QString::arg(a, b, ...): the lowest number
    // by values[0], the next by values[1]; a value's own "%1" is left alone. Placeholders beyond `values` stay.
    static QString fill(const QString& text, const QStringList& values);

    // One line for logs: "[storage.unreachable] message (detail)".
    QString toLogString() const;

private:
    static QString argText(const QString& value) { return value; }
    template <std::integral T>
    requires(!std::same_as<T, bool> && !std::same_as<T, char> && !std::same_as<T, char16_t>) static QString
        argText(T value)
    {
        return QString::number(value);
    }
};

QString errorKindCode(Error::Kind kind);

template <typename T>
using Result = std::expected<T, Error>;

using Status = std::expected<void, Error>;

inline std::unexpected<Error> fail(Error error)
{
    return std::unexpected<Error>(std::move(error));
}

} // namespace Dockside
