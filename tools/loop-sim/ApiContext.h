#pragma once

#include <QString>

// What a handler needs to know about the exchange beyond the request itself.
struct ApiContext
{
    QString version; // v1, 2026-07, 2026-10, unstable, or empty when the path omitted it
    QString baseUrl; // http://host:port, for absolute links
    // Fault that will hit the response after the handler ran (reset, slow, truncated, badjson) or empty;
    // recorded in the truth so tests can tell "state changed but the client never heard".
    QString postFault;
    QString pathId; // the {id} segment of the route, if any
};
