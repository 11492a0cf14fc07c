#include "SerialScanner.h"

#include <QSerialPort>

using namespace Qt::StringLiterals;

namespace Dockside {

SerialScanner::SerialScanner(QObject* parent)
    : QObject(parent)
    , m_port(new QSerialPort(this))
{
    connect(m_port, &QSerialPort::readyRead, this, &SerialScanner::readAvailable);
    connect(m_port, &QSerialPort::errorOccurred, this, &SerialScanner::portError);
}

SerialScanner::~SerialScanner() = default;

bool SerialScanner::open(const QString& portName, qint32 baudRate)
{
    close();
    m_error.clear();
    if (portName.trimmed().isEmpty()) {
        fail(tr("No scanner port is set. Enter the port the scanner is on (for example ttyUSB0 or COM3) in "
                "Settings."));
        return false;
    }
    if (baudRate <= 0) {
        fail(tr("The scanner speed %1 is not a baud rate. Use the one in the scanner's manual, usually 9600.")
                 .arg(baudRate));
        return false;
    }
    m_port->setPortName(portName.trimmed());
    if (!m_port->open(QIODevice::ReadOnly)) {
        const QString name = portName.trimmed();
        switch (m_port->error()) {
        case QSerialPort::DeviceNotFoundError:
            fail(tr("There is no serial port %1. Check that the scanner is plugged in and that the port name in "
                    "Settings is right.")
                     .arg(name));
            break;
        case QSerialPort::PermissionError:
            fail(tr("The scanner port %1 is in use by another program, or this user may not open it. Close the "
                    "other program; on Linux, add the user to the \"dialout\" group and sign in again.")
                     .arg(name));
            break;
        default:
            fail(tr("The scanner port %1 cannot be opened (%2). Check the cable and the port name in Settings.")
                     .arg(name, m_port->errorString()));
            break;
        }
        return false;
    }
    const bool configured = m_port->setBaudRate(baudRate) && m_port->setDataBits(QSerialPort::Data8)
        && m_port->setParity(QSerialPort::NoParity) && m_port->setStopBits(QSerialPort::OneStop)
        && m_port->setFlowControl(QSerialPort::NoFlowControl);
    if (!configured) {
        const QString reason = m_port->errorString();
        m_port->close();
        fail(tr("The scanner port %1 does not take %2 baud, 8 data bits, no parity (%3). Set the speed from the "
                "scanner's manual in Settings.")
                 .arg(portName.trimmed())
                 .arg(baudRate)
                 .arg(reason));
        return false;
    }
    return true;
}

void SerialScanner::close()
{
    if (m_port->isOpen())
        m_port->close();
    m_buffer.clear();
    m_discarding = false;
}

bool SerialScanner::isOpen() const
{
    return m_port->isOpen();
}

QString SerialScanner::portName() const
{
    return m_port->portName();
}

void SerialScanner::readAvailable()
{
    m_buffer += m_port->readAll();
    for (;;) {
        qsizetype end = -1;
        for (qsizetype i = 0; i < m_buffer.size(); ++i) {
            if (m_buffer.at(i) == '\r' || m_buffer.at(i) == '\n') {
                end = i;
                break;
            }
        }
        if (end < 0)
            break;
        const QByteArray line = m_buffer.left(end);
        m_buffer.remove(0, end + 1);
        if (m_discarding) {
            m_discarding = false;
            continue;
        }
        // CR LF ends one line, not two: the empty line between them is no scan.
        if (!line.isEmpty())
            Q_EMIT scanned(QString::fromUtf8(line));
    }
    if (m_buffer.size() > kMaxLineBytes) {
        m_buffer.clear();
        m_discarding = true;
        fail(tr("The scanner on %1 sent more than %2 bytes without ending a line. Check its speed (baud rate) "
                "and that it ends each code with Enter (CR or LF).")
                 .arg(m_port->portName())
                 .arg(kMaxLineBytes));
    }
}

void SerialScanner::portError()
{
    const QSerialPort::SerialPortError error = m_port->error();
    if (error == QSerialPort::NoError || !m_port->isOpen())
        return; // open() reports its own failures
    if (error == QSerialPort::ResourceError) {
        const QString name = m_port->portName();
        m_port->close();
        fail(tr("The scanner on %1 was disconnected. Plug it in again and reopen the port in Settings.").arg(name));
        return;
    }
    if (error == QSerialPort::TimeoutError)
        return;
    fail(tr("The scanner on %1 reported an error: %2").arg(m_port->portName(), m_port->errorString()));
}

void SerialScanner::fail(const QString& message)
{
    m_error = message;
    Q_EMIT errorOccurred(message);
}

} // namespace Dockside
