#pragma once

#include "domain/Return.h"
#include "util/Error.h"

#include <QList>
#include <QString>

namespace Dockside {

// One page of Loop's Detailed Returns List.
struct ReturnPage
{
    QList<Return> returns;
    // Elements that could not be decoded. They are reported rather than failing the page, so one bad
    // return cannot stop a sync forever; the caller logs them.
    QList<Error> rejected;
    QString nextCursor; // empty on the last page (and for the bare-array shape)
};

} // namespace Dockside
