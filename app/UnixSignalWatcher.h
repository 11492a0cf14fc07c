#pragma once

#include <QObject>

class QSocketNotifier;

namespace Dockside {

// Turns SIGINT and SIGTERM into a Qt signal (self-pipe), so long-running commands shut down cleanly:
// release the sync lease, close the webhook port, finish database writes.
class UnixSignalWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UnixSignalWatcher)

public:
    explicit UnixSignalWatcher(QObject* parent = nullptr);
    ~UnixSignalWatcher() override;

Q_SIGNALS:
    void terminationRequested(int signalNumber);

private:
    QSocketNotifier* m_notifier = nullptr;
};

} // namespace Dockside
