#include "SerialScanner.h"

#include <QSignalSpy>
#include <QtTest>

#include <cerrno>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace Dockside;

namespace {
// The other end of a serial cable: a pseudo-terminal whose slave side the scanner opens like a real port.
class PseudoTerminal final
{
public:
    PseudoTerminal()
    {
        m_master = posix_openpt(O_RDWR | O_NOCTTY);
        if (m_master < 0 || grantpt(m_master) != 0 || unlockpt(m_master) != 0)
            return;
        const char* name = ptsname(m_master);
        if (name)
            m_slavePath = QString::fromLocal8Bit(name);
    }
    ~PseudoTerminal()
    {
        if (m_master >= 0)
            ::close(m_master);
    }
    PseudoTerminal(const PseudoTerminal&) = delete;
    PseudoTerminal& operator=(const PseudoTerminal&) = delete;

    bool isValid() const { return !m_slavePath.isEmpty(); }
    QString slavePath() const { return m_slavePath; }
    bool write(const QByteArray& bytes)
    {
        qsizetype done = 0;
        while (done < bytes.size()) {
            const ssize_t n = ::write(m_master, bytes.constData() + done, size_t(bytes.size() - done));
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                return false;
            done += n;
        }
        return true;
    }

private:
    int m_master = -1;
    QString m_slavePath;
};
} // namespace

// A serial scanner, tested for real: QSerialPort opens the slave side of a pseudo-terminal and the test writes
// what a scanner would send into the master side.
class TestSerialScanner final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldEmitEachLineTheScannerSends()
    {
        // GIVEN a scanner on a pseudo-terminal
        PseudoTerminal pty;
        QVERIFY2(pty.isValid(), "no pseudo-terminal available");
        SerialScanner scanner;
        QVERIFY2(scanner.open(pty.slavePath(), 115200), qPrintable(scanner.errorString()));
        QVERIFY(scanner.isOpen());
        QSignalSpy scanned(&scanner, &SerialScanner::scanned);

        // WHEN it sends codes ended by CR LF, CR and LF, one of them with a GS inside and one in two pieces
        const QByteArray usps = "42008810\x1d"
                                "9400111899223000047112";
        QVERIFY(pty.write("1Z999AA10123456784\r\n" + usps + "\r" + "#1042\n" + "00123"));
        QTRY_COMPARE(scanned.count(), 3);
        QVERIFY(pty.write("45678905\r\n"));

        // THEN each code arrives once, exactly as sent
        QTRY_COMPARE(scanned.count(), 4);
        QCOMPARE(scanned.at(0).first().toString(), u"1Z999AA10123456784"_s);
        QCOMPARE(scanned.at(1).first().toString(), QString::fromLatin1(usps));
        QCOMPARE(scanned.at(2).first().toString(), u"#1042"_s);
        QCOMPARE(scanned.at(3).first().toString(), u"0012345678905"_s);
    }

    void shouldDropAnOverlongLineAndSayWhy()
    {
        // GIVEN a scanner on a pseudo-terminal
        PseudoTerminal pty;
        QVERIFY(pty.isValid());
        SerialScanner scanner;
        QVERIFY2(scanner.open(pty.slavePath(), 9600), qPrintable(scanner.errorString()));
        QSignalSpy scanned(&scanner, &SerialScanner::scanned);
        QSignalSpy errors(&scanner, &SerialScanner::errorOccurred);

        // WHEN a device sends garbage without line ends (a wrong baud rate), then a good code
        QVERIFY(pty.write(QByteArray(SerialScanner::kMaxLineBytes + 100, 'x')));
        QTRY_COMPARE(errors.count(), 1);
        QVERIFY(pty.write("more garbage\r\n1Z999AA10123456784\r\n"));

        // THEN the garbage is no scan, the receiver is told to check the speed, and the next code works
        QTRY_COMPARE(scanned.count(), 1);
        QCOMPARE(scanned.first().first().toString(), u"1Z999AA10123456784"_s);
        QVERIFY2(errors.first().first().toString().contains(u"baud"_s), qPrintable(errors.first().first().toString()));
    }

    void shouldExplainAPortThatDoesNotExist()
    {
        // GIVEN a port name that names no device
        SerialScanner scanner;
        QSignalSpy errors(&scanner, &SerialScanner::errorOccurred);

        // WHEN it is opened
        const bool opened = scanner.open(u"/dev/ttyDoesNotExist9"_s, 9600);

        // THEN it fails with a message that says what to check
        QVERIFY(!opened);
        QVERIFY(!scanner.isOpen());
        QCOMPARE(errors.count(), 1);
        QVERIFY2(scanner.errorString().contains(u"/dev/ttyDoesNotExist9"_s)
                && scanner.errorString().contains(u"plugged in"_s),
            qPrintable(scanner.errorString()));
    }

    void shouldRefuseAnEmptyPortName()
    {
        SerialScanner scanner;
        QVERIFY(!scanner.open(QString(), 9600));
        QVERIFY(scanner.errorString().contains(u"Settings"_s));
    }
};

QTEST_GUILESS_MAIN(TestSerialScanner)
#include "TestSerialScanner.moc"
