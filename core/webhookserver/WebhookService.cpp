#include "WebhookService.h"

using namespace Qt::StringLiterals;

namespace Dockside {

WebhookService::WebhookService(const Options& options)
    : m_options(options)
{
    m_receiverThread.setObjectName(u"webhook-receiver"_s);
    m_processorThread.setObjectName(u"webhook-processor"_s);
}

Result<std::unique_ptr<WebhookService>> WebhookService::start(Database& database, const Clock& clock,
    WebhookReceiver::SecretLookup secrets, WebhookProcessor::ClientFactory clients, const Options& options)
{
    std::unique_ptr<WebhookService> service(new WebhookService(options));

    // Workers have no parent: each lives on its thread and is deleted there when the thread finishes.
    auto* receiver = new WebhookReceiver(database, clock, std::move(secrets), options.receiver);
    receiver->moveToThread(&service->m_receiverThread);
    connect(&service->m_receiverThread, &QThread::finished, receiver, &QObject::deleteLater);
    auto* processor = new WebhookProcessor(database, clock, std::move(clients), options.processor);
    processor->moveToThread(&service->m_processorThread);
    connect(&service->m_processorThread, &QThread::finished, processor, &QObject::deleteLater);
    connect(&service->m_processorThread, &QThread::started, processor, &WebhookProcessor::start);

    // Value-only signals across threads, queued.
    connect(receiver, &WebhookReceiver::deliveryStored, processor, &WebhookProcessor::wake, Qt::QueuedConnection);
    connect(
        processor, &WebhookProcessor::returnStored, service.get(), &WebhookService::returnStored, Qt::QueuedConnection);
    connect(processor, &WebhookProcessor::deliveryFailed, service.get(), &WebhookService::deliveryFailed,
        Qt::QueuedConnection);

    service->m_processorThread.start();
    service->m_receiverThread.start();
    // The caller needs the port (and any failure) before returning; this waits on a semaphore, not an event loop.
    Result<quint16> listening = fail(Error::permanent(u"webhook.listen"_s, u"The webhook receiver did not start."_s));
    QMetaObject::invokeMethod(
        receiver, [receiver] { return receiver->listen(); }, Qt::BlockingQueuedConnection, &listening);
    if (!listening)
        return fail(listening.error()); // the destructor stops both threads
    service->m_port = *listening;
    return service;
}

WebhookService::~WebhookService()
{
    stop();
}

void WebhookService::stop()
{
    // The receiver first, so nothing new arrives for a processor that is going away.
    m_receiverThread.quit();
    m_receiverThread.wait();
    m_processorThread.quit();
    m_processorThread.wait();
}

QUrl WebhookService::endpoint(qint64 merchantId) const
{
    QUrl url;
    url.setScheme(u"http"_s);
    const QHostAddress& address = m_options.receiver.address;
    url.setHost(address == QHostAddress(QHostAddress::Any) || address == QHostAddress(QHostAddress::AnyIPv4)
            ? u"127.0.0.1"_s
            : address.toString());
    url.setPort(m_port);
    url.setPath(WebhookReceiver::path(merchantId));
    return url;
}

} // namespace Dockside
