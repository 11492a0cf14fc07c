#pragma once

#include <QJsonDocument>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Dockside::Testing {

// A running loop-sim (tools/loop-sim) for tests: start() launches it on a free port and returns once it prints
// "listening on http://HOST:PORT"; the destructor kills it. The program is DOCKSIDE_LOOP_SIM_PATH (set by CMake),
// overridable with the DOCKSIDE_LOOP_SIM environment variable or setProgram().
class LoopSimProcess final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoopSimProcess)

public:
    explicit LoopSimProcess(QObject* parent = nullptr);
    ~LoopSimProcess() override;

    static QString defaultProgram();
    void setProgram(const QString& program) { m_program = program; }
    QString program() const { return m_program; }

    // Adds "--port 0" unless the arguments name a port. Blocks (without an event loop) until the simulator is
    // listening, it exits, or timeoutMs passes.
    bool start(const QStringList& arguments = {}, int timeoutMs = 30000);
    void stop();
    bool isRunning() const;

    QUrl baseUrl() const { return m_baseUrl; } // http://127.0.0.1:PORT
    QUrl apiUrl(const QString& version = QStringLiteral("v1")) const; // http://127.0.0.1:PORT/api/v1
    QUrl controlUrl(const QString& path) const; // http://127.0.0.1:PORT/__sim/<path>[?query]
    // Calls a /__sim control endpoint and returns its JSON answer; fails the process if it does not answer
    // within 30 s (a hung simulator would otherwise hang the test until ctest's timeout).
    QJsonDocument control(const QByteArray& method, const QString& path, const QByteArray& body = "{}") const;
    quint16 port() const { return quint16(m_baseUrl.port()); }
    QString errorString() const { return m_error; }
    // Everything loop-sim wrote to stderr so far (useful in failure messages).
    QByteArray standardError();

private:
    QString m_program;
    QProcess m_process;
    QUrl m_baseUrl;
    QString m_error;
    QByteArray m_stderr;
};

} // namespace Dockside::Testing
