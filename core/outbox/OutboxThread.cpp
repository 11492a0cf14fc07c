#include "OutboxThread.h"

#include "OutboxDispatcher.h"

namespace Dockside {

OutboxThread::OutboxThread(std::unique_ptr<OutboxDispatcher> dispatcher)
    : m_dispatcher(dispatcher.release())
{
    m_thread.setObjectName(QStringLiteral("dockside-outbox"));
    m_dispatcher->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_dispatcher, &QObject::deleteLater);
    m_thread.start();
    QMetaObject::invokeMethod(m_dispatcher, &OutboxDispatcher::start, Qt::QueuedConnection);
}

OutboxThread::~OutboxThread()
{
    // Queued, not blocking: stop() runs before the thread's event loop sees quit().
    QMetaObject::invokeMethod(m_dispatcher, &OutboxDispatcher::stop, Qt::QueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

} // namespace Dockside
