#pragma once

#include "Catalogue.h"
#include "DataGenerator.h"
#include "ReturnSerializer.h"
#include "ReturnStore.h"
#include "SimRandom.h"

#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <expected>

class SimClock;
struct SimOptions;

// One Loop shop: its returns and the rules that move them (CONTRACT.md §4 and the §8 transition table), both for
// the warehouse API and for upstream changes a merchant or carrier would cause. Emits the webhook triggers.
class LoopShop final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoopShop)

public:
    // Result of a warehouse action. `conflict` bodies are the documented 200-with-error-body answers whose
    // HTTP status is configurable (--action-errors-status); other statuses are fixed.
    struct ActionResult
    {
        int status = 200;
        QByteArray body;
        bool conflict = false;
        bool effective = false;
    };

    LoopShop(const SimOptions& options, const SimClock& clock, QObject* parent = nullptr);

    void reset();
    // Re-reads --label-tick-ms after a runtime config change.
    void applyLabelTick();

    const ReturnStore& store() const { return m_store; }
    ReturnStore& store() { return m_store; }
    const Catalogue& catalogue() const { return m_catalogue; }
    const ReturnSerializer& serializer() const { return m_serializer; }
    const DataGenerator& generator() const { return m_generator; }
    qint64 shopId() const;

    ActionResult process(qint64 returnId, const QJsonObject& additionalDetails);
    ActionResult remove(qint64 returnId, const std::optional<QString>& lineItemIds);
    ActionResult cancel(qint64 returnId);
    ActionResult flag(qint64 returnId);
    ActionResult close(qint64 returnId);
    ActionResult addNote(qint64 returnId, const QJsonValue& content);
    void recordAction(qint64 returnId, ReturnRecord::ActionCall call);

    // Upstream changes (control API / demo ticker).
    std::expected<qint64, QString> createReturn(const QJsonObject& overrides);
    std::expected<void, QString> advanceLabel(qint64 returnId, const QString& status);
    std::expected<void, QString> setState(qint64 returnId, const QString& state, std::optional<bool> flagged);
    std::expected<void, QString> failNextProcessing(qint64 returnId, const QString& message);

    static QByteArray successBody(bool literal);
    static QByteArray notFoundBody();

Q_SIGNALS:
    // A webhook trigger fired for a return (return.created, return.updated, return.closed, label.created,
    // label.updated). Receivers serialize the return synchronously, so the payload is a snapshot.
    void returnEvent(const QString& trigger, qint64 returnId);
    void processingFailed(qint64 returnId, const QString& message);

private:
    void queueProcessing(ReturnRecord& record);
    void runProcessing(qint64 returnId, quint64 generation);
    void closeReturn(ReturnRecord& record, bool withOutcomes);
    void createLabel(qint64 returnId, const QString& status);
    void tickLabels();
    void touch(ReturnRecord& record);

    const SimOptions& m_options;
    const SimClock& m_clock;
    Catalogue m_catalogue;
    DataGenerator m_generator;
    ReturnSerializer m_serializer;
    ReturnStore m_store;
    SimRandom m_random;
    QTimer m_labelTicker;
    quint64 m_generation = 0;
};
