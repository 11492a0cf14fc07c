#include "WebhookRegistry.h"

#include "JsonWriter.h"

using namespace Qt::StringLiterals;

WebhookRegistry::WebhookRegistry(qint64 shopId, QString adminUrl)
    : m_shopId(shopId)
    , m_adminUrl(std::move(adminUrl))
{
    reset();
}

const QStringList& WebhookRegistry::topics()
{
    static const QStringList topics { u"return"_s, u"label"_s, u"restock"_s, u"label.request"_s, u"giftcard"_s,
        u"happy.returns.shipment"_s };
    return topics;
}

const QStringList& WebhookRegistry::triggers()
{
    static const QStringList triggers { u"return.created"_s, u"return.updated"_s, u"return.closed"_s,
        u"label.created"_s, u"label.updated"_s, u"restock.requested"_s, u"label.request.issued"_s,
        u"label.request.cancelled"_s, u"giftcard.requested"_s, u"shipment.processed"_s };
    return triggers;
}

void WebhookRegistry::reset()
{
    m_subscriptions.clear();
    m_sequence = 0;
    if (m_adminUrl.isEmpty())
        return;
    const QList<std::pair<QString, QString>> admin { { u"return"_s, u"return.created"_s },
        { u"return"_s, u"return.updated"_s }, { u"return"_s, u"return.closed"_s }, { u"label"_s, u"label.created"_s },
        { u"label"_s, u"label.updated"_s }, { u"return.processing"_s, u"return.processing.failed"_s } };
    for (const auto& [topic, trigger] : admin) {
        create(topic, trigger, m_adminUrl, true);
        m_subscriptions.last().adminCreated = true;
    }
}

QList<WebhookRegistry::Subscription> WebhookRegistry::activeFor(const QString& trigger) const
{
    QList<Subscription> matching;
    for (const Subscription& subscription : m_subscriptions) {
        if (subscription.active && subscription.trigger == trigger)
            matching.append(subscription);
    }
    return matching;
}

const WebhookRegistry::Subscription& WebhookRegistry::create(
    const QString& topic, const QString& trigger, const QString& url, bool active)
{
    m_subscriptions.append({ m_shopId * 10'000 + ++m_sequence, topic, trigger, url, active, false });
    return m_subscriptions.last();
}

bool WebhookRegistry::update(
    qint64 id, const QString& topic, const QString& trigger, const QString& url, std::optional<bool> active)
{
    for (Subscription& subscription : m_subscriptions) {
        if (subscription.id != id)
            continue;
        subscription.topic = topic;
        subscription.trigger = trigger;
        subscription.url = url;
        if (active)
            subscription.active = *active;
        return true;
    }
    return false;
}

bool WebhookRegistry::remove(qint64 id)
{
    for (qsizetype i = 0; i < m_subscriptions.size(); ++i) {
        if (m_subscriptions.at(i).id == id) {
            m_subscriptions.removeAt(i);
            return true;
        }
    }
    return false;
}

void WebhookRegistry::write(JsonWriter& w, const Subscription& subscription) const
{
    w.beginObject();
    w.fieldInt("id", subscription.id);
    w.fieldInt("shop_id", m_shopId);
    w.field("topic", subscription.topic);
    w.field("trigger", subscription.trigger);
    w.field("url", subscription.url);
    w.field("status", subscription.active ? u"active"_s : u"inactive"_s);
    w.endObject();
}
