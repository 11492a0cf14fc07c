#pragma once

#include <QDateTime>
#include <QString>

namespace Dockside {

// One Loop shop served by this warehouse. The API key itself never lives here: `apiKeyRef` names where
// it is kept (the OS keychain or the protected file), so a database dump leaks no credentials.
struct Merchant
{
    qint64 id = 0; // local row id, 0 until stored
    QString name;
    QString shopId; // Loop's `shop_id`, as webhooks carry it; empty until known
    QString baseUrl; // e.g. https://api.loopreturns.com/api
    QString apiVersion = QStringLiteral("v1"); // path segment: v1, 2026-07, 2026-10, unstable
    QString apiKeyRef;
    QString webhookSecretRef;
    int rateLimitPerMinute = 300; // Loop's documented budget per API key
    bool active = true;
    QDateTime createdAt;
};

} // namespace Dockside
