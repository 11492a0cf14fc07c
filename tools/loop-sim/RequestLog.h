#pragma once

#include <QFile>
#include <QString>

// --request-log: one JSON object per line and request. API keys never appear (they only travel in a header);
// query parameters that look like credentials are redacted anyway.
class RequestLog final
{
public:
    struct Entry
    {
        QString method;
        QString path;
        QByteArray rawQuery;
        int status = 0;
        qint64 ms = 0;
        QString fault;
        QString outcome;
    };

    // Returns an error text when the file cannot be opened.
    QString open(const QString& path);
    void write(const Entry& entry);

    static QString redactedQuery(const QByteArray& rawQuery);

private:
    QFile m_file;
};
