#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

class QSerialPort;

namespace Dockside {

// A barcode scanner on a serial port (RS-232, or USB in CDC/virtual COM mode): each code arrives as one line
// ending in CR, LF or CR LF. Lines are emitted as read, control characters inside them (GS) kept.
class SerialScanner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SerialScanner)

public:
    // A line longer than this without an end is no scan (a wrong baud rate, a device that is no scanner).
    static constexpr int kMaxLineBytes = 4096;

    explicit SerialScanner(QObject* parent = nullptr);
    ~SerialScanner() override;

    // Opens `portName` ("ttyUSB0", "/dev/ttyACM0", "COM3") at `baudRate`, 8N1, no flow control. On failure
    // returns false and errorString() (also emitted as errorOccurred) says what to do.
    bool open(const QString& portName, qint32 baudRate = 9600);
    void close();
    bool isOpen() const;
    QString portName() const;
    QString errorString() const { return m_error; }

Q_SIGNALS:
    void scanned(const QString& text);
    // Opening failed, the device went away, or it sent garbage; the text is for the receiver.
    void errorOccurred(const QString& message);

private:
    void readAvailable();
    void portError();
    void fail(const QString& message);

    QSerialPort* m_port = nullptr;
    QByteArray m_buffer;
    QString m_error;
    bool m_discarding = false; // inside an overlong line: drop up to its end
};

} // namespace Dockside
