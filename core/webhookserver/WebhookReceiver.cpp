#include "WebhookReceiver.h"

#include "loop/LoopJson.h"
#include "loop/WebhookVerifier.h"
#include "storage/WebhookInboxRepository.h"
#include "util/Clock.h"
#include "util/Logging.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {
// Merchant ids are positive row ids; 18 digits keep the number inside qint64.
const QRegularExpression kPathPattern(u"^/loop/webhooks/([1-9][0-9]{0,17})/?$"_s);

QByteArray jsonBody(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}
} // namespace

WebhookReceiver::WebhookReceiver(
    Database& database, const Clock& clock, SecretLookup secrets, const Options& options, QObject* parent)
    : QObject(parent)
    , m_database(database)
    , m_clock(clock)
    , m_secrets(std::move(secrets))
    , m_options(options)
{
}

WebhookReceiver::~WebhookReceiver() = default;

QString WebhookReceiver::path(qint64 merchantId)
{
    return u"/loop/webhooks/%1"_s.arg(merchantId);
}

Result<quint16> WebhookReceiver::listen()
{
    if (m_server)
        return m_port;
    m_server = new QHttpServer(this);
    // Every request comes here: the one route is parsed by hand so that each refusal gets its own status.
    m_server->setMissingHandler([this](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
        handle(request, std::move(responder));
    });
    const quint16 port = m_server->listen(m_options.address, m_options.port);
    if (port == 0) {
        delete m_server;
        m_server = nullptr;
        return fail(Error::validation(u"webhook.listen"_s,
            u"Cannot listen for Loop webhooks on %1 port %2: the address is not this computer's or the port is in "
            "use. Choose another port."_s)
                        .with(m_options.address.toString(), m_options.port));
    }
    m_port = port;
    qCInfo(lcWebhook).noquote() << "listening for Loop webhooks on" << m_options.address.toString() << "port" << port;
    return port;
}

void WebhookReceiver::handle(const QHttpServerRequest& request, QHttpServerResponder&& responder)
{
    const QRegularExpressionMatch match = kPathPattern.match(request.url().path());
    if (!match.hasMatch()) {
        refuse(responder, request, 0, 404, u"not_found"_s, u"No such endpoint."_s);
        return;
    }
    bool ok = false;
    const qint64 merchantId = match.captured(1).toLongLong(&ok);
    if (!ok) {
        refuse(responder, request, 0, 404, u"not_found"_s, u"No such endpoint."_s);
        return;
    }
    if (request.method() != QHttpServerRequest::Method::Post) {
        refuse(responder, request, merchantId, 405, u"method_not_allowed"_s, u"Webhooks are delivered with POST."_s);
        return;
    }
    const QByteArray body = request.body();
    if (body.size() > m_options.maxBodyBytes) {
        refuse(responder, request, merchantId, 413, u"payload_too_large"_s,
            u"The body is larger than %1 bytes."_s.arg(m_options.maxBodyBytes));
        return;
    }
    const std::optional<QByteArray> secret = m_secrets ? m_secrets(merchantId) : std::nullopt;
    if (!secret || secret->isEmpty()) {
        // An empty secret would make every signature computable by anyone: treat it as not configured.
        refuse(responder, request, merchantId, 404, u"unknown_merchant"_s,
            u"No merchant with this id receives webhooks here."_s);
        return;
    }
    const QByteArray signature = request.value("X-Loop-Signature");
    if (signature.trimmed().isEmpty()) {
        refuse(responder, request, merchantId, 401, u"missing_signature"_s, u"X-Loop-Signature is missing."_s);
        return;
    }
    if (!WebhookVerifier::verify(body, signature, *secret)) {
        refuse(responder, request, merchantId, 401, u"invalid_signature"_s,
            u"X-Loop-Signature does not match the body."_s);
        return;
    }

    // Topic and trigger only label the row; the processor decodes the body itself and parks what it cannot.
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    const QString trigger = LoopJson::text(object.value(u"trigger"_s));
    QString topic = LoopJson::text(object.value(u"topic"_s));
    if (topic.isEmpty())
        topic = trigger.section(u'.', 0, 0);
    WebhookInboxRepository inbox(m_database);
    const Result<qint64> stored = inbox.append(merchantId, m_clock.now(), topic, trigger, body);
    if (!stored) {
        qCWarning(lcWebhook).noquote() << "cannot store a webhook of merchant" << merchantId << ":"
                                       << stored.error().toLogString();
        refuse(
            responder, request, merchantId, 503, u"unavailable"_s, u"The delivery could not be stored; retry later."_s);
        return;
    }
    responder.write(jsonBody(QJsonObject { { u"received"_s, true } }),
        { { QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json") } },
        QHttpServerResponder::StatusCode::Ok);
    qCDebug(lcWebhook).noquote() << "stored webhook" << *stored << "of merchant" << merchantId << "topic" << topic
                                 << "trigger" << trigger;
    Q_EMIT deliveryStored(merchantId, *stored);
}

void WebhookReceiver::refuse(QHttpServerResponder& responder, const QHttpServerRequest& request, qint64 merchantId,
    int status, const QString& code, const QString& message)
{
    qCWarning(lcWebhook).noquote() << "refused a webhook request:" << status << code << "merchant" << merchantId
                                   << "from" << request.remoteAddress().toString() << "path"
                                   << request.url().path(QUrl::FullyEncoded).left(200) << "body bytes"
                                   << request.body().size();
    const QByteArray answer = jsonBody(QJsonObject { { u"error"_s, code }, { u"message"_s, message } });
    const auto statusCode = static_cast<QHttpServerResponder::StatusCode>(status);
    if (status == 405) {
        responder.write(answer,
            { { QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json") },
                { QByteArrayLiteral("Allow"), QByteArrayLiteral("POST") } },
            statusCode);
    } else {
        responder.write(
            answer, { { QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json") } }, statusCode);
    }
    Q_EMIT deliveryRefused(merchantId, status, code);
}

} // namespace Dockside
