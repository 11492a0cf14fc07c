#pragma once

#include "ReturnRecord.h"

#include <QByteArray>
#include <QString>

class Catalogue;
class JsonWriter;

// Writes a return in each of the shapes Loop uses for it, with the type drift of CONTRACT.md §1.4:
// strings for ids/money and ".000Z" times in the list, integers and SQL times in details, a mix in webhooks.
class ReturnSerializer final
{
public:
    ReturnSerializer(const Catalogue& catalogue, qint64 shopId, quint64 seed);

    void writeListReturn(JsonWriter& writer, const ReturnRecord& record) const;
    void writeDetails(JsonWriter& writer, const ReturnRecord& record, bool presentment) const;
    void writeAsnRows(JsonWriter& writer, const ReturnRecord& record) const;
    void writeTruth(JsonWriter& writer, const ReturnRecord& record, const QList<qint64>& sameOrderReturnIds) const;
    void writeSummary(JsonWriter& writer, const ReturnRecord& record) const;

    // Webhook bodies (§9.3, §9.4, §9.6); `topic` decides the payload, a topic/trigger mismatch gives "[]".
    QByteArray webhookBody(const QString& topic, const QString& trigger, const ReturnRecord& record) const;
    QByteArray processingFailedBody(const ReturnRecord& record, const QString& message) const;

    static QString money(qint64 cents);
    static constexpr double presentmentRate = 1.36;

private:
    enum class Shape {
        List,
        Details,
        Webhook,
    };

    void writeCore(JsonWriter& writer, const ReturnRecord& record, Shape shape, bool presentment) const;
    void writeLineItem(JsonWriter& writer, const ReturnRecord& record, const ReturnRecord::LineItem& item, Shape shape,
        bool presentment) const;
    void writeExchanges(JsonWriter& writer, const ReturnRecord& record, Shape shape, bool presentment) const;
    void writeLabels(JsonWriter& writer, const ReturnRecord& record, Shape shape) const;
    void writeLabelPayload(JsonWriter& writer, const QString& trigger, const ReturnRecord& record) const;
    QString time(qint64 secs, Shape shape) const;
    QString labelUrl(const ReturnRecord& record) const;
    QString trackingUrl(const ReturnRecord& record) const;
    QString statusPageUrl(const ReturnRecord& record) const;

    const Catalogue& m_catalogue;
    qint64 m_shopId;
    quint64 m_seed;
};
