#include "WedgeScanDetector.h"

#include <QApplication>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QShortcut>
#include <QSignalSpy>
#include <QVBoxLayout>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;

// A keyboard-wedge scanner types fast and ends with Enter; people type slowly. The detector, installed on the
// application, tells them apart by the time between keys, which the tests drive with a fake clock.
class TestWedgeScanDetector final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_now = 1000;
        m_window = std::make_unique<QWidget>();
        auto* layout = new QVBoxLayout(m_window.get());
        m_scanField = new QLineEdit(m_window.get());
        m_scanField->setObjectName(u"scanLineEdit"_s);
        m_noteField = new QLineEdit(m_window.get());
        m_noteField->setObjectName(u"noteLineEdit"_s);
        m_comments = new QPlainTextEdit(m_window.get());
        m_comments->setObjectName(u"commentsPlainTextEdit"_s);
        layout->addWidget(m_scanField);
        layout->addWidget(m_noteField);
        layout->addWidget(m_comments);
        m_detector = std::make_unique<WedgeScanDetector>();
        m_detector->setWindow(m_window.get());
        m_detector->setScanField(m_scanField);
        m_detector->setElapsedSource([this] { return m_now; });
        qApp->installEventFilter(m_detector.get());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_window->activateWindow();
    }

    void cleanup()
    {
        qApp->removeEventFilter(m_detector.get());
        m_detector.reset();
        m_window.reset();
    }

    void shouldTakeAFastBurstInANoteFieldAsAScanAndLeaveTheNoteAsItWas()
    {
        // GIVEN a receiver writing a note
        m_noteField->setFocus();
        m_noteField->setText(u"Scuffed box"_s);
        QSignalSpy scanned(m_detector.get(), &WedgeScanDetector::scanned);
        QSignalSpy returnPressed(m_noteField, &QLineEdit::returnPressed);

        // WHEN the scanner types a barcode, a few milliseconds per key, and Enter
        for (const QChar c : u"0123456789012"_s) {
            QTest::keyClick(m_noteField, c.toLatin1());
            m_now += 4;
        }
        QTest::keyClick(m_noteField, Qt::Key_Return);

        // THEN it is one scan, and nothing reached the note field
        QCOMPARE(scanned.count(), 1);
        QCOMPARE(scanned.first().first().toString(), u"0123456789012"_s);
        QCOMPARE(m_noteField->text(), u"Scuffed box"_s);
        QCOMPARE(returnPressed.count(), 0);
        QCOMPARE(m_detector->heldCount(), 0);
    }

    void shouldLetSlowTypingThroughUntouched()
    {
        // GIVEN a person typing into the note field, 150 ms between keys
        m_noteField->setFocus();
        QSignalSpy scanned(m_detector.get(), &WedgeScanDetector::scanned);
        QSignalSpy returnPressed(m_noteField, &QLineEdit::returnPressed);

        // WHEN they type a word and press Enter
        for (const QChar c : u"dented"_s) {
            QTest::keyClick(m_noteField, c.toLatin1());
            m_now += 150;
        }
        QTest::keyClick(m_noteField, Qt::Key_Return);

        // THEN the field got every key in order, Enter included, and there was no scan
        QCOMPARE(m_noteField->text(), u"dented"_s);
        QCOMPARE(returnPressed.count(), 1);
        QCOMPARE(scanned.count(), 0);
    }

    void shouldGiveHeldKeysBackWhenTheTypingPauses()
    {
        // GIVEN a person who typed two keys in quick succession (a roll-over) and stopped
        m_comments->setFocus();
        QTest::keyClick(m_comments, 'o');
        m_now += 20;
        QTest::keyClick(m_comments, 'k');

        // THEN the keys are held for a moment, then arrive in order
        QCOMPARE(m_detector->heldCount(), 2);
        QTRY_COMPARE(m_comments->toPlainText(), u"ok"_s);
        QCOMPARE(m_detector->heldCount(), 0);
    }

    void shouldTreatAShortFastBurstWithEnterAsTyping()
    {
        // GIVEN the minimum length of a scan
        m_noteField->setFocus();
        QSignalSpy scanned(m_detector.get(), &WedgeScanDetector::scanned);
        QSignalSpy returnPressed(m_noteField, &QLineEdit::returnPressed);

        // WHEN fewer keys than that come fast, then Enter
        QTest::keyClicks(m_noteField, u"ok"_s);
        QTest::keyClick(m_noteField, Qt::Key_Return);

        // THEN it was typing
        QCOMPARE(scanned.count(), 0);
        QCOMPARE(m_noteField->text(), u"ok"_s);
        QCOMPARE(returnPressed.count(), 1);
    }

    void shouldReplayTheHeldKeysWhenABurstTurnsOutSlow()
    {
        // GIVEN three fast keys in the note field
        m_noteField->setFocus();
        QSignalSpy scanned(m_detector.get(), &WedgeScanDetector::scanned);
        QTest::keyClicks(m_noteField, u"abc"_s);
        QCOMPARE(m_noteField->text(), QString());

        // WHEN the next key comes late, and Enter late too
        m_now += 400;
        QTest::keyClick(m_noteField, 'd');
        m_now += 400;
        QTest::keyClick(m_noteField, Qt::Key_Return);

        // THEN everything went into the field, in order
        QCOMPARE(m_noteField->text(), u"abcd"_s);
        QCOMPARE(scanned.count(), 0);
    }

    void shouldKeepTheGroupSeparatorOfAGs1Label()
    {
        // GIVEN the focus in the comments
        m_comments->setFocus();
        QSignalSpy scanned(m_detector.get(), &WedgeScanDetector::scanned);

        // WHEN a USPS label is scanned: 420 + ZIP, GS (sent as Ctrl+]), the tracking number, Enter
        QTest::keyClicks(m_comments, u"42008810"_s);
        QTest::sendKeyEvent(QTest::Click, m_comments, Qt::Key_BracketRight, QString(QChar(0x1D)), Qt::ControlModifier);
        QTest::keyClicks(m_comments, u"9400111899223000047112"_s);
        QTest::keyClick(m_comments, Qt::Key_Return);

        // THEN the scan holds the separator and the comments are untouched
        QCOMPARE(scanned.count(), 1);
        QCOMPARE(scanned.first().first().toString(), u"42008810"_s + QChar(0x1D) + u"9400111899223000047112"_s);
        QCOMPARE(m_comments->toPlainText(), QString());
    }

    void shouldLeaveTheScanFieldAlone()
    {
        // GIVEN the focus in the scan field
        m_scanField->setFocus();
        QSignalSpy scanned(m_detector.get(), &WedgeScanDetector::scanned);
        QSignalSpy returnPressed(m_scanField, &QLineEdit::returnPressed);

        // WHEN a fast burst arrives there
        QTest::keyClicks(m_scanField, u"1Z999AA10123456784"_s);
        QCOMPARE(m_scanField->text(), u"1Z999AA10123456784"_s); // at once, nothing held
        QTest::keyClick(m_scanField, Qt::Key_Return);

        // THEN the field takes it as usual: its own Enter, no second scan
        QCOMPARE(returnPressed.count(), 1);
        QCOMPARE(scanned.count(), 0);
    }

    void shouldPassCommandKeysAndNotHoldThem()
    {
        // GIVEN text in the note field
        m_noteField->setFocus();
        m_noteField->setText(u"torn"_s);

        // WHEN Ctrl+A and Backspace are pressed quickly
        QTest::keyClick(m_noteField, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(m_noteField, Qt::Key_Backspace);

        // THEN they act at once
        QCOMPARE(m_noteField->text(), QString());
        QCOMPARE(m_detector->heldCount(), 0);
    }

    void shouldLetHeldKeysLandBeforeAShortcutActs()
    {
        // GIVEN a window shortcut that reads the note field, and a person who just typed "d" into it
        m_noteField->setFocus();
        m_noteField->setText(u"crushe"_s);
        QString seen;
        auto* shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), m_window.get());
        connect(shortcut, &QShortcut::activated, this, [this, &seen] { seen = m_noteField->text(); });
        QTest::keyClick(m_noteField, Qt::Key_D);
        QCOMPARE(m_detector->heldCount(), 1); // too soon to tell typing from a scan

        // WHEN Ctrl+Enter follows at once, before the pause gives the key back
        QTest::keyClick(m_noteField, Qt::Key_Return, Qt::ControlModifier);

        // THEN the shortcut saw the whole word, and nothing is left held
        QCOMPARE(seen, u"crushed"_s);
        QCOMPARE(m_noteField->text(), u"crushed"_s);
        QCOMPARE(m_detector->heldCount(), 0);
    }

    void shouldKeepHoldingThroughTheCtrlOfAGroupSeparator()
    {
        // GIVEN a scanner part way through a GS1 label in the note field
        m_noteField->setFocus();
        QSignalSpy scanned(m_detector.get(), &WedgeScanDetector::scanned);
        for (const QChar c : u"42008810"_s) {
            QTest::keyClick(m_noteField, c.toLatin1());
            m_now += 3;
        }
        // WHEN it presses Ctrl on its own, then Ctrl+] for the GS, then the rest and Enter
        QTest::keyPress(m_noteField, Qt::Key_Control);
        QCOMPARE(m_detector->heldCount(), 8);
        QTest::sendKeyEvent(QTest::Press, m_noteField, Qt::Key_BracketRight, QString(QChar(0x1D)), Qt::ControlModifier);
        QTest::keyRelease(m_noteField, Qt::Key_Control);
        m_now += 3;
        for (const QChar c : u"9400"_s) {
            QTest::keyClick(m_noteField, c.toLatin1());
            m_now += 3;
        }
        QTest::keyClick(m_noteField, Qt::Key_Return);
        // THEN it is one scan with its separator, and the note is untouched
        QCOMPARE(scanned.count(), 1);
        QCOMPARE(scanned.first().first().toString(), u"42008810"_s + QChar(0x1D) + u"9400"_s);
        QVERIFY(m_noteField->text().isEmpty());
    }

    void shouldLeaveOtherWindowsAlone()
    {
        // GIVEN a second window, e.g. a dialog
        QLineEdit other;
        other.show();
        QVERIFY(QTest::qWaitForWindowExposed(&other));
        QSignalSpy scanned(m_detector.get(), &WedgeScanDetector::scanned);

        // WHEN a burst is typed there
        QTest::keyClicks(&other, u"0123456789012"_s);
        QTest::keyClick(&other, Qt::Key_Return);

        // THEN it is that window's text
        QCOMPARE(other.text(), u"0123456789012"_s);
        QCOMPARE(scanned.count(), 0);
    }

private:
    qint64 m_now = 0;
    std::unique_ptr<QWidget> m_window;
    QLineEdit* m_scanField = nullptr;
    QLineEdit* m_noteField = nullptr;
    QPlainTextEdit* m_comments = nullptr;
    std::unique_ptr<WedgeScanDetector> m_detector;
};

QTEST_MAIN(TestWedgeScanDetector)
#include "TestWedgeScanDetector.moc"
