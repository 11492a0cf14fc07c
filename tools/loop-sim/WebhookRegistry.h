#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

class JsonWriter;

// The shop's webhook subscriptions (CONTRACT.md §9.8). --webhook-url becomes admin-created, active subscriptions,
// one per trigger, listed and editable like programmatic ones.
class WebhookRegistry final
{
public:
    struct Subscription
    {
        qint64 id = 0;
        QString topic;
        QString trigger;
        QString url;
        bool active = false;
        bool adminCreated = false;
    };

    WebhookRegistry(qint64 shopId, QString adminUrl);

    void reset();
    const QList<Subscription>& subscriptions() const { return m_subscriptions; }
    QList<Subscription> activeFor(const QString& trigger) const;
    const Subscription& create(const QString& topic, const QString& trigger, const QString& url, bool active);
    bool update(
        qint64 id, const QString& topic, const QString& trigger, const QString& url, std::optional<bool> active);
    bool remove(qint64 id);

    void write(JsonWriter& writer, const Subscription& subscription) const;

    static const QStringList& topics();
    static const QStringList& triggers();

private:
    qint64 m_shopId;
    QString m_adminUrl;
    QList<Subscription> m_subscriptions;
    qint64 m_sequence = 0;
};
