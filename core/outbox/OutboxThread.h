#pragma once

#include <QThread>

#include <memory>

namespace Dockside {

class OutboxDispatcher;

// Owns the outbox thread: moves the dispatcher there, starts it, and on destruction stops it, quits the
// thread and waits. The dispatcher is deleted on its own thread. Requests still out are abandoned; their
// entries carry the attempt, so the next start reads the return back instead of sending again.
class OutboxThread final
{
public:
    explicit OutboxThread(std::unique_ptr<OutboxDispatcher> dispatcher);
    ~OutboxThread();
    OutboxThread(const OutboxThread&) = delete;
    OutboxThread& operator=(const OutboxThread&) = delete;

    // For connections (queued: it lives on another thread) and invokeMethod; never call it directly.
    OutboxDispatcher* dispatcher() const { return m_dispatcher; }

private:
    QThread m_thread;
    OutboxDispatcher* m_dispatcher;
};

} // namespace Dockside
