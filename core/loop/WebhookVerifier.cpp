#include "WebhookVerifier.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>

namespace Dockside {

namespace {
// Time independent of where the first difference is, so an attacker cannot learn the signature byte by
// byte from response times. The length of a base64 SHA-256 is public, so an early length check leaks nothing.
bool equalInConstantTime(const QByteArray& a, const QByteArray& b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return difference == 0;
}
} // namespace

QByteArray WebhookVerifier::sign(const QByteArray& rawBody, const QByteArray& secret)
{
    return QMessageAuthenticationCode::hash(rawBody, secret, QCryptographicHash::Sha256).toBase64();
}

bool WebhookVerifier::verify(const QByteArray& rawBody, const QByteArray& signatureHeader, const QByteArray& secret)
{
    const QByteArray presented = signatureHeader.trimmed();
    // An empty secret would make the signature computable by anyone: treat it as unconfigured.
    if (presented.isEmpty() || secret.isEmpty())
        return false;
    return equalInConstantTime(sign(rawBody, secret), presented);
}

} // namespace Dockside
