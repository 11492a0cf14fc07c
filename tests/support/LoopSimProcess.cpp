#include "LoopSimProcess.h"

#include <QSignalSpy>
#include <QNetworkReply>
#include <QNetworkAccessManager>
#include <QDeadlineTimer>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Dockside::Testing {

LoopSimProcess::LoopSimProcess(QObject* parent)
    : QObject(parent)
    , m_program(defaultProgram())
{
}

LoopSimProcess::~LoopSimProcess()
{
    stop();
}

QString LoopSimProcess::defaultProgram()
{
    const QString fromEnvironment = qEnvironmentVariable("DOCKSIDE_LOOP_SIM");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
#ifdef DOCKSIDE_LOOP_SIM_PATH
    return QStringLiteral(DOCKSIDE_LOOP_SIM_PATH);
#else
    return u"loop-sim"_s;
#endif
}

bool LoopSimProcess::start(const QStringList& arguments, int timeoutMs)
{
    stop();
    m_error.clear();
    m_stderr.clear();
    m_baseUrl.clear();
    QStringList args = arguments;
    if (!args.contains(u"--port"_s))
        args << u"--port"_s << u"0"_s;
    m_process.setProgram(m_program);
    m_process.setArguments(args);
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.start();
    if (!m_process.waitForStarted(timeoutMs)) {
        m_error = u"cannot start %1: %2"_s.arg(m_program, m_process.errorString());
        return false;
    }
    static const QRegularExpression listening(u"^listening on (http://\\S+:\\d+)\\s*$"_s);
    const QDeadlineTimer deadline(timeoutMs);
    QByteArray pending;
    while (!deadline.hasExpired()) {
        if (m_process.state() != QProcess::Running && m_process.bytesAvailable() == 0) {
            m_stderr += m_process.readAllStandardError();
            m_error = u"loop-sim exited (code %1) before listening: %2"_s.arg(m_process.exitCode())
                          .arg(QString::fromLocal8Bit(m_stderr).trimmed());
            return false;
        }
        if (m_process.canReadLine()
            || m_process.waitForReadyRead(int(std::min<qint64>(deadline.remainingTime(), 200)))) {
            while (m_process.canReadLine()) {
                const QString line = QString::fromUtf8(m_process.readLine());
                const auto match = listening.match(line);
                if (match.hasMatch()) {
                    m_baseUrl = QUrl(match.captured(1));
                    return true;
                }
            }
        }
        m_stderr += m_process.readAllStandardError();
    }
    m_error = u"loop-sim did not print its listening line within %1 ms: %2"_s.arg(timeoutMs).arg(
        QString::fromLocal8Bit(m_stderr).trimmed());
    stop();
    return false;
}

void LoopSimProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.kill();
    m_process.waitForFinished(5000);
}

bool LoopSimProcess::isRunning() const
{
    return m_process.state() == QProcess::Running;
}

QUrl LoopSimProcess::apiUrl(const QString& version) const
{
    QUrl url = m_baseUrl;
    url.setPath(u"/api/"_s + version);
    return url;
}

QJsonDocument LoopSimProcess::control(const QByteArray& method, const QString& path, const QByteArray& body) const
{
    QNetworkAccessManager network;
    QNetworkRequest request(controlUrl(path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply* reply = network.sendCustomRequest(request, method, method == "GET" ? QByteArray() : body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(30'000))
        qFatal("loop-sim control call %s timed out", qPrintable(path));
    const QByteArray answer = reply->readAll();
    reply->deleteLater();
    return QJsonDocument::fromJson(answer);
}

QUrl LoopSimProcess::controlUrl(const QString& path) const
{
    QUrl url = m_baseUrl;
    const qsizetype question = path.indexOf(u'?');
    url.setPath(u"/__sim/"_s + path.left(question));
    if (question >= 0)
        url.setQuery(path.mid(question + 1));
    return url;
}

QByteArray LoopSimProcess::standardError()
{
    m_stderr += m_process.readAllStandardError();
    return m_stderr;
}

} // namespace Dockside::Testing
