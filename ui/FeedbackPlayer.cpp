#include "FeedbackPlayer.h"

#include <QApplication>
#include <QAudioDevice>
#include <QLabel>
#include <QMediaDevices>
#include <QSoundEffect>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {
constexpr int kFlashIntervalMs = 140;
constexpr int kFlashSteps = 5; // bright, pale, bright, pale, bright: then it stays
constexpr float kVolume = 0.9f;
const QList<FeedbackPlayer::Cue> kAudibleCues { FeedbackPlayer::Cue::GoodScan, FeedbackPlayer::Cue::UnknownScan,
    FeedbackPlayer::Cue::WrongItem, FeedbackPlayer::Cue::Flagged, FeedbackPlayer::Cue::Problem };
} // namespace

FeedbackPlayer::FeedbackPlayer(QObject* parent)
    : QObject(parent)
    , m_flashTimer(new QTimer(this))
    , m_audio(!QMediaDevices::audioOutputs().isEmpty())
{
    m_flashTimer->setInterval(kFlashIntervalMs);
    connect(m_flashTimer, &QTimer::timeout, this, &FeedbackPlayer::flashStep);
    if (m_audio) {
        // Loaded up front: a cue must sound at once, not after the file was read.
        for (const Cue cue : kAudibleCues) {
            auto* effect = new QSoundEffect(this);
            effect->setSource(soundSource(cue));
            effect->setVolume(kVolume);
            m_effects.insert(int(cue), effect);
        }
    }
}

FeedbackPlayer::~FeedbackPlayer() = default;

void FeedbackPlayer::setBanner(QLabel* banner)
{
    m_banner = banner;
    if (m_banner) {
        m_banner->setWordWrap(true);
        m_banner->setMinimumHeight(56);
        m_banner->setAlignment(Qt::AlignVCenter | Qt::AlignLeft);
    }
}

QColor FeedbackPlayer::colour(Cue cue)
{
    switch (cue) {
    case Cue::GoodScan:
        return QColor(0x1b, 0x7f, 0x3b); // green
    case Cue::UnknownScan:
        return QColor(0x6a, 0x1b, 0x9a); // purple: nothing matched, a different problem from a wrong item
    case Cue::WrongItem:
        return QColor(0xe6, 0x51, 0x00); // orange
    case Cue::Flagged:
        return QColor(0xf9, 0xa8, 0x25); // amber
    case Cue::Problem:
        return QColor(0xb7, 0x1c, 0x1c); // red
    case Cue::Notice:
        return QColor(0x37, 0x47, 0x4f); // slate
    }
    return {};
}

QColor FeedbackPlayer::textColour(Cue cue)
{
    return cue == Cue::Flagged ? QColor(0x21, 0x21, 0x21) : QColor(Qt::white);
}

QString FeedbackPlayer::cueCode(Cue cue)
{
    switch (cue) {
    case Cue::GoodScan:
        return u"good"_s;
    case Cue::UnknownScan:
        return u"unknown"_s;
    case Cue::WrongItem:
        return u"wrong"_s;
    case Cue::Flagged:
        return u"flagged"_s;
    case Cue::Problem:
        return u"problem"_s;
    case Cue::Notice:
        return u"notice"_s;
    }
    return {};
}

QUrl FeedbackPlayer::soundSource(Cue cue)
{
    if (!kAudibleCues.contains(cue))
        return {};
    return QUrl(u"qrc:/sounds/%1.wav"_s.arg(cueCode(cue)));
}

void FeedbackPlayer::play(Cue cue, const QString& text)
{
    m_cue = cue;
    if (m_banner) {
        m_banner->setText(text);
        m_banner->setProperty("cue", cueCode(cue));
        paint(colour(cue), textColour(cue));
        m_flashStep = 0;
        if (cue == Cue::Notice)
            m_flashTimer->stop();
        else
            m_flashTimer->start();
    }

    bool audible = false;
    if (!m_muted && kAudibleCues.contains(cue)) {
        QSoundEffect* effect = m_effects.value(int(cue));
        if (effect && effect->status() != QSoundEffect::Error) {
            effect->play();
        } else {
            QApplication::beep();
        }
        audible = true;
    }
    Q_EMIT played(cue, audible);
}

void FeedbackPlayer::showIdle(const QString& text)
{
    m_flashTimer->stop();
    m_cue = Cue::Notice;
    if (!m_banner)
        return;
    m_banner->setText(text);
    m_banner->setProperty("cue", u"idle"_s);
    paint(QColor(0xec, 0xef, 0xf1), QColor(0x37, 0x47, 0x4f));
}

void FeedbackPlayer::flashStep()
{
    ++m_flashStep;
    if (m_flashStep >= kFlashSteps) {
        m_flashTimer->stop();
        paint(colour(m_cue), textColour(m_cue));
        return;
    }
    const bool pale = m_flashStep % 2 == 1;
    paint(pale ? colour(m_cue).lighter(150) : colour(m_cue), textColour(m_cue));
}

void FeedbackPlayer::paint(const QColor& background, const QColor& text)
{
    if (!m_banner)
        return;
    m_banner->setStyleSheet(u"QLabel { background-color: %1; color: %2; font-size: 17pt; font-weight: 600; "
                            u"padding: 10px 16px; border-radius: 6px; }"_s.arg(background.name(), text.name()));
}

} // namespace Dockside
