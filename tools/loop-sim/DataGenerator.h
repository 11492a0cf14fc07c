#pragma once

#include "ReturnRecord.h"

#include <QJsonObject>
#include <QString>

#include <expected>
#include <vector>

class Catalogue;
class SimRandom;

// Builds the seeded shop and the returns created through the control API. Every id is derived from the shop id
// (shop_id * 10^7 + n for returns, shop_id * 10^8 + … for line items) so several simulated shops never collide.
class DataGenerator final
{
public:
    // The order a return belongs to; a second return on the same order reuses it.
    struct OrderIdentity
    {
        qint64 sequence = 0;
        qint64 orderId = 0;
        qint64 providerOrderId = 0;
        int orderNumber = 0;
        QString firstName;
        QString lastName;
        QString email;
        int cityIndex = 0;
        int streetIndex = 0;
        int streetNumber = 0;
    };

    DataGenerator(quint64 seed, qint64 shopId, Catalogue& catalogue);

    std::vector<ReturnRecord> generate(int count, qint64 anchorSecs) const;

    // A new return numbered `sequence`, created at `nowSecs`, shaped by the control API's overrides.
    // `existingOrder` is set when the overrides attach it to an order that already has a return.
    std::expected<ReturnRecord, QString> create(
        qint64 sequence, qint64 nowSecs, const QJsonObject& overrides, const OrderIdentity* existingOrder) const;

    OrderIdentity orderFor(qint64 orderSequence) const;
    static OrderIdentity orderOf(const ReturnRecord& record, qint64 orderSequence);
    qint64 orderSequenceOf(const ReturnRecord& record) const;

    qint64 returnId(qint64 sequence) const;
    qint64 lineItemId(qint64 sequence, int index) const;
    qint64 noteId(qint64 sequence) const;
    qint64 webhookId(qint64 sequence) const;
    qint64 exchangeOrderId(qint64 returnSequence) const;
    qint64 shopId() const { return m_shopId; }

    // Refunds and exchange order a completed processing run produces (used by seeding and by Process).
    void applyProcessingOutcome(ReturnRecord& record) const;

    static constexpr int maxLineItems = 8;

private:
    ReturnRecord generateOne(qint64 sequence, qint64 createdAt, qint64 anchor, int forcedFate) const;
    void fillLineItems(ReturnRecord& record, SimRandom& random, int count) const;
    void assignResolutions(ReturnRecord& record) const;
    void assignLabel(ReturnRecord& record, SimRandom& random, LoopEnums::Carrier carrier) const;
    void applyOrder(ReturnRecord& record, const OrderIdentity& order) const;
    LoopEnums::Carrier pickCarrier(SimRandom& random) const;

    quint64 m_seed;
    qint64 m_shopId;
    Catalogue& m_catalogue;
};
