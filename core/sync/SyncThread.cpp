#include "SyncThread.h"

#include "SyncWorker.h"

namespace Dockside {

SyncThread::SyncThread(std::unique_ptr<SyncWorker> worker)
    : m_worker(worker.release())
{
    m_thread.setObjectName(QStringLiteral("dockside-sync"));
    m_worker->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, &SyncWorker::start, Qt::QueuedConnection);
}

SyncThread::~SyncThread()
{
    // Queued, not blocking: stop() runs before the thread's event loop sees quit().
    QMetaObject::invokeMethod(m_worker, &SyncWorker::stop, Qt::QueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

} // namespace Dockside
