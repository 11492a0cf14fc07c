#include "FeedbackPlayer.h"

#include <QFile>
#include <QLabel>
#include <QSet>
#include <QSignalSpy>
#include <QtEndian>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;

Q_DECLARE_METATYPE(Dockside::FeedbackPlayer::Cue)

// Each outcome of a scan has its own sound and colour, so the receiver knows without reading.
class TestFeedbackPlayer final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<FeedbackPlayer::Cue>(); }

    void shouldShipAShortDistinctWavForEachAudibleCue()
    {
        QSet<QByteArray> seen;
        for (const FeedbackPlayer::Cue cue : audibleCues()) {
            // GIVEN the sound of a cue, from the resources
            const QUrl source = FeedbackPlayer::soundSource(cue);
            QVERIFY(source.isValid());
            QFile file(u":"_s + source.path());
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(source.toString()));
            const QByteArray wav = file.readAll();

            // THEN it is a 16-bit PCM WAV, small and short, unlike any other cue's
            QVERIFY(wav.startsWith("RIFF"));
            QCOMPARE(wav.mid(8, 8), QByteArray("WAVEfmt "));
            QCOMPARE(qFromLittleEndian<quint16>(wav.constData() + 20), quint16(1)); // PCM
            QCOMPARE(qFromLittleEndian<quint16>(wav.constData() + 34), quint16(16));
            const quint32 rate = qFromLittleEndian<quint32>(wav.constData() + 24);
            const quint32 byteRate = qFromLittleEndian<quint32>(wav.constData() + 28);
            QVERIFY(rate >= 8000);
            const double seconds = double(wav.size() - 44) / byteRate;
            QVERIFY2(seconds > 0.1 && seconds < 1.0, qPrintable(QString::number(seconds)));
            QVERIFY(wav.size() < 64 * 1024);
            QVERIFY(!seen.contains(wav));
            seen.insert(wav);
        }
        QVERIFY(!FeedbackPlayer::soundSource(FeedbackPlayer::Cue::Notice).isValid());
    }

    void shouldFlashTheBannerInTheCuesOwnColour()
    {
        // GIVEN a banner
        QLabel banner;
        FeedbackPlayer player;
        player.setMuted(true);
        player.setBanner(&banner);
        QSet<QRgb> colours;

        for (const FeedbackPlayer::Cue cue : audibleCues()) {
            // WHEN a cue plays
            player.play(cue, u"Canvas Tote: received"_s);

            // THEN the banner says it, in that cue's colour
            QCOMPARE(banner.text(), u"Canvas Tote: received"_s);
            QCOMPARE(banner.property("cue").toString(), FeedbackPlayer::cueCode(cue));
            QVERIFY2(banner.styleSheet().contains(FeedbackPlayer::colour(cue).name()), qPrintable(banner.styleSheet()));
            colours.insert(FeedbackPlayer::colour(cue).rgb());
        }
        QCOMPARE(colours.size(), audibleCues().size());

        // AND it flashes: paler, then back to the cue's colour, where it stays
        player.play(FeedbackPlayer::Cue::WrongItem, u"Not on this return"_s);
        const QString bright = FeedbackPlayer::colour(FeedbackPlayer::Cue::WrongItem).name();
        const QString pale = FeedbackPlayer::colour(FeedbackPlayer::Cue::WrongItem).lighter(150).name();
        QTRY_VERIFY(banner.styleSheet().contains(pale));
        QTRY_VERIFY(banner.styleSheet().contains(bright));
    }

    void shouldSoundUnlessMuted()
    {
        // GIVEN a player (on this machine with or without a sound device: then it beeps)
        FeedbackPlayer player;
        QSignalSpy played(&player, &FeedbackPlayer::played);

        // WHEN a cue plays, then a silent notice, then a cue while muted
        player.play(FeedbackPlayer::Cue::UnknownScan, u"No return matches"_s);
        player.play(FeedbackPlayer::Cue::Notice, u"Note saved"_s);
        player.setMuted(true);
        player.play(FeedbackPlayer::Cue::GoodScan, u"Received"_s);

        // THEN only the first was audible
        QCOMPARE(played.count(), 3);
        QCOMPARE(played.at(0).at(1).toBool(), true);
        QCOMPARE(played.at(1).at(1).toBool(), false);
        QCOMPARE(played.at(2).at(1).toBool(), false);
        QVERIFY(player.isMuted());
    }

private:
    static QList<FeedbackPlayer::Cue> audibleCues()
    {
        return { FeedbackPlayer::Cue::GoodScan, FeedbackPlayer::Cue::UnknownScan, FeedbackPlayer::Cue::WrongItem,
            FeedbackPlayer::Cue::Flagged, FeedbackPlayer::Cue::Problem };
    }
};

QTEST_MAIN(TestFeedbackPlayer)
#include "TestFeedbackPlayer.moc"
