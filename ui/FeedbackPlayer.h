#pragma once

#include <QColor>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

class QLabel;
class QSoundEffect;
class QTimer;

namespace Dockside {

// What the receiver hears and sees after each action, so a glance (or not even that) tells how it went: each
// cue has its own sound (Qt Multimedia, falling back to the system beep when the station has no audio output)
// and its own colour on the page's banner, which flashes with a short text.
class FeedbackPlayer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FeedbackPlayer)

public:
    enum class Cue {
        GoodScan, // a label or item that matched
        UnknownScan, // a scan that matched nothing
        WrongItem, // an item that is not on this return, or one unit too many
        Flagged, // the return will be, or was, flagged
        Problem, // an action was refused: claim held elsewhere, database error, ...
        Notice, // neutral information; silent
    };
    Q_ENUM(Cue)

    explicit FeedbackPlayer(QObject* parent = nullptr);
    ~FeedbackPlayer() override;

    // The label that flashes; styled here.
    void setBanner(QLabel* banner);
    void setMuted(bool muted) { m_muted = muted; }
    bool isMuted() const { return m_muted; }
    // False on stations without a sound device; cues then beep.
    bool hasAudioOutput() const { return m_audio; }

    void play(Cue cue, const QString& text);
    // Back to the calm idle banner.
    void showIdle(const QString& text);

    static QColor colour(Cue cue);
    static QColor textColour(Cue cue);
    static QString cueCode(Cue cue); // "good", "unknown", ...: the banner's "cue" property, for tests and styling
    static QUrl soundSource(Cue cue); // empty for a silent cue

Q_SIGNALS:
    // After the sound started (or the beep sounded, or nothing did because of mute or a silent cue).
    void played(Dockside::FeedbackPlayer::Cue cue, bool audible);

private:
    void paint(const QColor& background, const QColor& text);
    void flashStep();

    QPointer<QLabel> m_banner;
    QHash<int, QSoundEffect*> m_effects; // by Cue, children of this
    QTimer* m_flashTimer = nullptr;
    Cue m_cue = Cue::Notice;
    int m_flashStep = 0;
    bool m_muted = false;
    bool m_audio = false;
};

} // namespace Dockside
