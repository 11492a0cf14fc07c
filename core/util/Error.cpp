#include "Error.h"

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
