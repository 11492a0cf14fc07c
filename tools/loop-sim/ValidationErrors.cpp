#include "ValidationErrors.h"

#include "JsonWriter.h"

using namespace Qt::StringLiterals;

void ValidationErrors::add(const QString& field, const QString& message)
{
    for (auto& [name, messages] : m_errors) {
        if (name == field) {
            messages.append(message);
            return;
        }
    }
    m_errors.append({ field, QStringList { message } });
}

SimResponse ValidationErrors::response() const
{
    qsizetype count = 0;
    for (const auto& entry : m_errors)
        count += entry.second.size();
    QString message = m_errors.isEmpty() ? u"The given data was invalid."_s : m_errors.constFirst().second.constFirst();
    if (count > 1)
        message += u" (and %1 more error%2)"_s.arg(count - 1).arg(count > 2 ? u"s"_s : QString());
    JsonWriter w;
    w.beginObject();
    w.field("message", message);
    w.key("errors");
    w.beginObject();
    for (const auto& [name, messages] : m_errors) {
        w.key(name.toUtf8());
        w.beginArray();
        for (const QString& text : messages)
            w.string(text);
        w.endArray();
    }
    w.endObject();
    w.endObject();
    return SimResponse::json(422, w.take());
}
