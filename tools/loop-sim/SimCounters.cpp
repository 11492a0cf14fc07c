#include "SimCounters.h"

#include "JsonWriter.h"

void SimCounters::count(const QString& route, int status, const QString& fault, const QString& outcome)
{
    ++m_total;
    ++m_byRoute[route][status];
    ++m_byStatus[status];
    if (!fault.isEmpty())
        ++m_faults[fault];
    ++m_outcomes[outcome];
}

void SimCounters::reset()
{
    m_byRoute.clear();
    m_byStatus.clear();
    m_faults.clear();
    m_outcomes.clear();
    m_total = 0;
}

void SimCounters::write(JsonWriter& w) const
{
    w.beginObject();
    w.fieldInt("total", m_total);
    w.key("by_status");
    w.beginObject();
    for (auto it = m_byStatus.cbegin(); it != m_byStatus.cend(); ++it)
        w.fieldInt(QByteArray::number(it.key()), it.value());
    w.endObject();
    w.key("by_route");
    w.beginObject();
    for (auto it = m_byRoute.cbegin(); it != m_byRoute.cend(); ++it) {
        w.key(it.key().toUtf8());
        w.beginObject();
        for (auto status = it.value().cbegin(); status != it.value().cend(); ++status)
            w.fieldInt(QByteArray::number(status.key()), status.value());
        w.endObject();
    }
    w.endObject();
    w.key("faults");
    w.beginObject();
    for (auto it = m_faults.cbegin(); it != m_faults.cend(); ++it)
        w.fieldInt(it.key().toUtf8(), it.value());
    w.endObject();
    w.key("outcomes");
    w.beginObject();
    for (auto it = m_outcomes.cbegin(); it != m_outcomes.cend(); ++it)
        w.fieldInt(it.key().toUtf8(), it.value());
    w.endObject();
    w.endObject();
}
