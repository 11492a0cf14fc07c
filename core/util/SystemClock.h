#pragma once

#include "Clock.h"

namespace Dockside {

class SystemClock final : public Clock
{
public:
    QDateTime now() const override;
};

} // namespace Dockside
