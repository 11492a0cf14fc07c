#include "SecretStore.h"

using namespace Qt::StringLiterals;

namespace Dockside {

Result<QString> SecretStore::nameIn(const QString& reference) const
{
    if (holds(reference) && reference.size() > scheme().size() + 1)
        return reference.mid(scheme().size() + 1);
    return fail(Error::validation(u"secret.reference.foreign"_s,
        u"The secret reference \"%1\" does not point into the %2. It was stored elsewhere: use the station "
        "that stored it, or enter the key again."_s)
                    .with(reference, description()));
}

} // namespace Dockside
