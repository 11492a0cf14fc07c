#pragma once

#include <QThread>

#include <memory>

namespace Dockside {

class SyncWorker;

// Owns the sync thread: moves the worker there, starts it, and on destruction stops it (releasing the
// lease), quits the thread and waits. The worker is deleted on its own thread.
class SyncThread final
{
public:
    explicit SyncThread(std::unique_ptr<SyncWorker> worker);
    ~SyncThread();
    SyncThread(const SyncThread&) = delete;
    SyncThread& operator=(const SyncThread&) = delete;

    SyncWorker* worker() const { return m_worker; }

private:
    QThread m_thread;
    SyncWorker* m_worker;
};

} // namespace Dockside
