#include "InspectResult.h"

namespace rediscope {

bool InspectResult::allStagesOk() const
{
    if (error)
        return false;
    for (const StageResult& result : stages)
        if (!result.ok())
            return false;
    return true;
}

const StageResult* InspectResult::stage(Stage which) const
{
    for (const StageResult& result : stages)
        if (result.stage == which)
            return &result;
    return nullptr;
}

} // namespace rediscope
