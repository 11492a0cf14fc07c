#include "FakeClock.h"

namespace Dockside::Testing {

FakeClock::FakeClock(QDateTime start)
    : m_now(std::move(start))
{
}

} // namespace Dockside::Testing
