#pragma once

#include <QString>

#include <expected>

namespace Dockside {

// A failure that crosses a layer boundary. `message` is English text a person can act on (the CLI prints it,
// the UI maps `code` to a translated string and falls back to it); `detail` is what the driver or server said,
// for logs. Neither ever holds a password or an API key.
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

    static Error validation(const QString& code, const QString& message, const QString& detail = {});
    static Error storage(const QString& code, const QString& message, const QString& detail = {});
    static Error transient(const QString& code, const QString& message, const QString& detail = {});
    static Error permanent(const QString& code, const QString& message, const QString& detail = {});
    static Error auth(const QString& code, const QString& message, const QString& detail = {});

    // One line for logs: "[storage.unreachable] message (detail)".
    QString toLogString() const;
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
