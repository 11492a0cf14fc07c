#pragma once

#include <QIODevice>

namespace Dockside {

// A request body that can be read exactly once. QNetworkAccessManager silently sends a request again when
// the connection drops after the request went out but before any answer (it retries up to twice, POSTs
// included), as long as it can rewind the body. For Loop's actions that would be a second process call;
// with this body it cannot rewind, so it reports QNetworkReply::ContentReSendError instead and the caller
// decides (the outbox reads the return back).
class OneShotUpload final : public QIODevice
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OneShotUpload)

public:
    explicit OneShotUpload(QByteArray data, QObject* parent = nullptr);

    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override;
    qint64 size() const override { return m_data.size(); }

protected:
    qint64 readData(char* data, qint64 maxSize) override;
    qint64 writeData(const char* data, qint64 maxSize) override;

private:
    QByteArray m_data;
    qint64 m_position = 0;
};

} // namespace Dockside
