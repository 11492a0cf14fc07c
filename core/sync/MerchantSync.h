#pragma once

#include "SyncSettings.h"
#include "SyncStatus.h"
#include "TimeWindow.h"
#include "domain/Merchant.h"
#include "loop/ReturnPage.h"
#include "util/Error.h"

#include <QList>
#include <QObject>
#include <QStringList>

namespace Dockside {

class Clock;
class Database;
class LoopClient;

// One run of one merchant's pull, on the sync thread: the incremental pull of every return state from each
// stream's watermark (minus an overlap), in windows Loop accepts, merging ASN rows; and, in a full run, the
// backup sweep over the last days. Each completed window moves its stream's watermark, so a run cut short
// (crash, network) resumes where it stopped; a failed window stops its stream there, never leaving a gap.
class MerchantSync final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MerchantSync)

public:
    enum class Mode {
        Incremental,
        Full, // incremental plus the backup sweep
    };

    MerchantSync(Merchant merchant, LoopClient& client, Database& database, const Clock& clock,
        SyncSettings settings, QObject* parent = nullptr);

    void start(Mode mode);
    bool isRunning() const { return m_status.running; }
    const MerchantSyncStatus& status() const { return m_status; }
    const Merchant& merchant() const { return m_merchant; }

    // Stream names, as stored in sync_state.
    static QString streamFor(const QString& state, bool sweep);
    static const QStringList& states(); // "" (Loop's default: open, closed, expired), cancelled, review

Q_SIGNALS:
    void statusChanged(const Dockside::MerchantSyncStatus& status);
    void finished(qint64 merchantId, bool ok);

private:
    struct Step
    {
        QString stream;
        QString state;
        TimeWindow window;
        bool asn = false;
    };

    Status plan(Mode mode);
    void runNext();
    void pullReturns(const Step& step);
    void pullAsn(const Step& step);
    void fetchMissing(Step step, QStringList orderNames, qint64 seen);
    void stepSucceeded(const Step& step, qint64 seen);
    void stepFailed(const Step& step, const Error& error);
    Status storePage(const ReturnPage& page);
    Status storeReturn(Return value);
    void finish();
    void publish();

    Merchant m_merchant;
    LoopClient& m_client;
    Database& m_database;
    const Clock& m_clock;
    SyncSettings m_settings;
    QList<Step> m_steps;
    QStringList m_failedStreams;
    bool m_ok = true;
    MerchantSyncStatus m_status;
};

} // namespace Dockside
