#include "PhotoSource.h"

namespace Dockside {

PhotoSource::~PhotoSource() = default;

} // namespace Dockside
