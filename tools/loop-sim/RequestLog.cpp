#include "RequestLog.h"

#include "JsonWriter.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

QString RequestLog::open(const QString& path)
{
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text))
        return u"cannot open --request-log '%1': %2"_s.arg(path, m_file.errorString());
    return {};
}

QString RequestLog::redactedQuery(const QByteArray& rawQuery)
{
    QStringList parts;
    for (const QByteArray& part : rawQuery.split('&')) {
        if (part.isEmpty())
            continue;
        const qsizetype equals = part.indexOf('=');
        const QByteArray name = (equals < 0 ? part : part.left(equals)).toLower();
        if (name.contains("key") || name.contains("token") || name.contains("auth") || name.contains("secret"))
            parts.append(QString::fromUtf8(part.left(equals < 0 ? part.size() : equals)) + u"=[redacted]"_s);
        else
            parts.append(QString::fromUtf8(part));
    }
    return parts.join(u'&');
}

void RequestLog::write(const Entry& entry)
{
    if (!m_file.isOpen())
        return;
    JsonWriter w;
    w.beginObject();
    w.field("ts", QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    w.field("method", entry.method);
    w.field("path", entry.path);
    w.field("query", redactedQuery(entry.rawQuery));
    w.fieldInt("status", entry.status);
    w.fieldInt("ms", entry.ms);
    w.fieldStringOrNull("fault", entry.fault.isEmpty() ? QString() : entry.fault);
    w.field("outcome", entry.outcome);
    w.endObject();
    QByteArray line = w.take();
    line.append('\n');
    m_file.write(line);
    m_file.flush();
}
