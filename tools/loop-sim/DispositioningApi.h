#pragma once

#include "SimRequest.h"
#include "SimResponse.h"

class LoopShop;

// POST /dispositioning/grade and /dispositioning/assess (CONTRACT.md §5): validate, check ownership, store the
// result on the line item (`condition` / `disposition`) and echo the accepted items.
class DispositioningApi final
{
public:
    enum class Kind {
        Grade,
        Assess,
    };

    explicit DispositioningApi(LoopShop& shop);

    SimResponse handle(Kind kind, const SimRequest& request);

    static constexpr int maxItems = 30;

private:
    LoopShop& m_shop;
};
