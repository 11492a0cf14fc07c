#include "SystemClock.h"

namespace Dockside {

QDateTime SystemClock::now() const
{
    return QDateTime::currentDateTimeUtc();
}

} // namespace Dockside
