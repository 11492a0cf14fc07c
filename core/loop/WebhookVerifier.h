#pragma once

#include <QByteArray>

namespace Dockside {

// Checks Loop's `X-Loop-Signature`: base64(HMAC-SHA256(secret, raw body)) (CONTRACT §9.2). It must be
// given the exact bytes received: re-serialised JSON would hash differently (Loop escapes slashes).
class WebhookVerifier final
{
public:
    WebhookVerifier() = delete;

    static bool verify(const QByteArray& rawBody, const QByteArray& signatureHeader, const QByteArray& secret);
    static QByteArray sign(const QByteArray& rawBody, const QByteArray& secret);
};

} // namespace Dockside
