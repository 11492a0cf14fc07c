#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>
#include <vector>

class QKeyEvent;
class QTimer;
class QWidget;

namespace Dockside {

// A keyboard-wedge scanner types its code as keystrokes, much faster than a person (a few milliseconds apart),
// and ends with Enter. Installed on the application, this filter takes such a burst as a scan wherever the
// focus is in the watched window (a note field, a button, the item table): it holds printable keys while they
// come fast, and emits scanned() when Enter ends a burst of at least minLength keys. Keys that turn out to be
// a person typing (a gap longer than maxGapMs, a pause, a non-printable key) are replayed to their widget
// in order, so human typing arrives untouched, only a few tens of milliseconds late. The scan field itself is
// left alone: there Enter is a scan anyway.
class WedgeScanDetector final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WedgeScanDetector)

public:
    // Milliseconds from any fixed start; injectable so tests drive timing without sleeping.
    using ElapsedSource = std::function<qint64()>;

    static constexpr int kDefaultMaxGapMs = 45;
    static constexpr int kDefaultMinLength = 4;

    explicit WedgeScanDetector(QObject* parent = nullptr);
    ~WedgeScanDetector() override;

    // Only keys for widgets in this window are watched (dialogs are windows of their own and left alone).
    void setWindow(QWidget* window) { m_window = window; }
    // Keys for this widget pass through untouched.
    void setScanField(QWidget* field) { m_scanField = field; }
    void setElapsedSource(ElapsedSource source);
    void setMaxGapMs(int ms);
    int maxGapMs() const { return m_maxGapMs; }
    void setMinLength(int length) { m_minLength = std::max(1, length); }
    void setEnabled(bool enabled);
    bool isEnabled() const { return m_enabled; }
    int heldCount() const { return int(m_held.size()); }

    bool eventFilter(QObject* watched, QEvent* event) override;

public Q_SLOTS:
    // Replays the held keys to their widgets now (a pause ended the burst, the focus moved, ...).
    void flush();

Q_SIGNALS:
    void scanned(const QString& text);

private:
    struct Held
    {
        QPointer<QObject> target;
        std::unique_ptr<QKeyEvent> event;
    };

    bool inScope(QObject* receiver) const;
    static bool isHoldable(const QKeyEvent* event);
    static bool isEnter(const QKeyEvent* event);
    static bool isModifier(const QKeyEvent* event); // Shift, Ctrl, Alt, AltGr, Meta pressed alone

    QPointer<QWidget> m_window;
    QPointer<QWidget> m_scanField;
    ElapsedSource m_elapsed;
    QTimer* m_pauseTimer = nullptr;
    std::vector<Held> m_held;
    qint64 m_lastAt = 0;
    int m_maxGapMs = kDefaultMaxGapMs;
    int m_minLength = kDefaultMinLength;
    bool m_enabled = true;
    bool m_replaying = false;
};

} // namespace Dockside
