#pragma once

#include <QMap>
#include <QString>

class JsonWriter;

// Request counters for GET /__sim/counters, keyed by "METHOD /route/template" so ids do not explode the map.
class SimCounters final
{
public:
    void count(const QString& route, int status, const QString& fault, const QString& outcome);
    void reset();
    void write(JsonWriter& writer) const;

private:
    QMap<QString, QMap<int, qint64>> m_byRoute;
    QMap<int, qint64> m_byStatus;
    QMap<QString, qint64> m_faults;
    QMap<QString, qint64> m_outcomes;
    qint64 m_total = 0;
};
