#include "WedgeScanDetector.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QKeyEvent>
#include <QTimer>
#include <QWidget>

namespace Dockside {

namespace {
// GS1 and ISO/IEC 15434 separators a scanner may send inside a code (GS, RS, EOT), often as Ctrl+] and so on.
bool isSeparator(QChar c)
{
    return c == QChar(0x1D) || c == QChar(0x1E) || c == QChar(0x04);
}

// How long past the gap a held burst waits for its next key before it is given back: the timer is real time,
// and a busy event loop may deliver a scanner's next key a little late.
constexpr int kPauseSlackMs = 25;
} // namespace

WedgeScanDetector::WedgeScanDetector(QObject* parent)
    : QObject(parent)
    , m_pauseTimer(new QTimer(this))
{
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    m_elapsed = [clock] {
        return clock->elapsed();
    };
    m_pauseTimer->setSingleShot(true);
    m_pauseTimer->setInterval(m_maxGapMs + kPauseSlackMs);
    connect(m_pauseTimer, &QTimer::timeout, this, &WedgeScanDetector::flush);
}

WedgeScanDetector::~WedgeScanDetector() = default;

void WedgeScanDetector::setElapsedSource(ElapsedSource source)
{
    if (source)
        m_elapsed = std::move(source);
}

void WedgeScanDetector::setMaxGapMs(int ms)
{
    m_maxGapMs = std::max(1, ms);
    m_pauseTimer->setInterval(m_maxGapMs + kPauseSlackMs);
}

void WedgeScanDetector::setEnabled(bool enabled)
{
    if (!enabled)
        flush();
    m_enabled = enabled;
}

bool WedgeScanDetector::inScope(QObject* receiver) const
{
    auto* widget = qobject_cast<QWidget*>(receiver);
    if (!widget || !m_window || widget->window() != m_window)
        return false;
    return !m_scanField || (widget != m_scanField && !m_scanField->isAncestorOf(widget));
}

bool WedgeScanDetector::isHoldable(const QKeyEvent* event)
{
    if (event->isAutoRepeat())
        return false;
    const QString text = event->text();
    if (text.isEmpty())
        return false;
    bool separators = true;
    for (const QChar c : text) {
        if (!isSeparator(c))
            separators = false;
        if (!c.isPrint() && !isSeparator(c))
            return false;
    }
    // Ctrl/Alt/Meta make a printable key a command (Ctrl+Z, Alt+1); a separator arrives as Ctrl+] and the like.
    const Qt::KeyboardModifiers commands = Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier;
    return separators || !(event->modifiers() & commands);
}

bool WedgeScanDetector::isModifier(const QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Shift:
    case Qt::Key_Control:
    case Qt::Key_Alt:
    case Qt::Key_AltGr:
    case Qt::Key_Meta:
        return true;
    default:
        return false;
    }
}

bool WedgeScanDetector::isEnter(const QKeyEvent* event)
{
    return (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter)
        && !(event->modifiers() & ~(Qt::KeypadModifier | Qt::ShiftModifier));
}

bool WedgeScanDetector::eventFilter(QObject* watched, QEvent* event)
{
    if (!m_enabled || m_replaying)
        return false;
    if (event->type() != QEvent::KeyPress && event->type() != QEvent::ShortcutOverride)
        return false;
    auto* key = static_cast<QKeyEvent*>(event);
    if (!inScope(watched)) {
        if (event->type() == QEvent::KeyPress && !m_held.empty())
            flush();
        return false;
    }

    if (event->type() == QEvent::ShortcutOverride) {
        // Claimed, so that no single-key shortcut fires in the middle of a code and the key press comes here.
        if (isHoldable(key) || (isEnter(key) && !m_held.empty())) {
            event->accept();
            return true;
        }
        // Any other key may be a shortcut that acts before its key press comes here (Ctrl+Enter submits): what
        // the person typed just before it must be in its widget first.
        if (!m_held.empty() && !isModifier(key))
            flush();
        return false;
    }

    // A scanner presses Shift for capitals and Ctrl for a GS like anyone: those presses alone decide nothing.
    if (isModifier(key))
        return false;

    const qint64 now = m_elapsed();
    if (!m_held.empty() && (now - m_lastAt > m_maxGapMs || m_held.back().target != watched))
        flush();

    if (isEnter(key)) {
        if (int(m_held.size()) >= m_minLength) {
            m_pauseTimer->stop();
            QString text;
            for (const Held& held : m_held)
                text += held.event->text();
            m_held.clear();
            Q_EMIT scanned(text);
            return true;
        }
        flush();
        return false;
    }
    if (isHoldable(key)) {
        m_held.push_back(Held { watched, std::unique_ptr<QKeyEvent>(static_cast<QKeyEvent*>(key->clone())) });
        m_lastAt = now;
        m_pauseTimer->start();
        return true;
    }
    flush();
    return false;
}

void WedgeScanDetector::flush()
{
    m_pauseTimer->stop();
    if (m_held.empty())
        return;
    std::vector<Held> held = std::exchange(m_held, {});
    m_replaying = true;
    for (const Held& key : held) {
        if (key.target)
            QCoreApplication::sendEvent(key.target, key.event.get());
    }
    m_replaying = false;
}

} // namespace Dockside
