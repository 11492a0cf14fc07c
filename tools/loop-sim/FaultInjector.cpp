#include "FaultInjector.h"

#include "JsonWriter.h"

using namespace Qt::StringLiterals;

FaultInjector::FaultInjector(quint64 seed)
    : m_random(SimRandom::mix(seed, 0xFA17u))
{
}

void FaultInjector::reset(quint64 seed)
{
    m_random = SimRandom(SimRandom::mix(seed, 0xFA17u));
    m_scheduled.clear();
}

QString FaultInjector::name(Fault fault)
{
    switch (fault) {
    case Fault::None:
        return {};
    case Fault::Error500:
        return u"500"_s;
    case Fault::TooMany429:
        return u"429"_s;
    case Fault::Reset:
        return u"reset"_s;
    case Fault::Slow:
        return u"slow"_s;
    case Fault::Truncated:
        return u"truncated"_s;
    case Fault::BadJson:
        return u"badjson"_s;
    }
    return {};
}

FaultInjector::Fault FaultInjector::fromName(const QString& text)
{
    for (const Fault fault :
        { Fault::Error500, Fault::TooMany429, Fault::Reset, Fault::Slow, Fault::Truncated, Fault::BadJson }) {
        if (name(fault) == text)
            return fault;
    }
    return Fault::None;
}

FaultInjector::Fault FaultInjector::decide(
    const QString& method, const QString& path, double rate, const QStringList& kinds)
{
    for (qsizetype i = 0; i < m_scheduled.size(); ++i) {
        Scheduled& scheduled = m_scheduled[i];
        if (!scheduled.method.isEmpty() && scheduled.method.compare(method, Qt::CaseInsensitive) != 0)
            continue;
        if (!scheduled.pathContains.isEmpty() && !path.contains(scheduled.pathContains))
            continue;
        const Fault fault = scheduled.fault;
        if (--scheduled.remaining <= 0)
            m_scheduled.removeAt(i);
        return fault;
    }
    if (rate <= 0.0 || kinds.isEmpty() || !m_random.chance(rate))
        return Fault::None;
    return fromName(m_random.pick(kinds));
}

void FaultInjector::schedule(Scheduled scheduled)
{
    m_scheduled.append(std::move(scheduled));
}

void FaultInjector::writeScheduled(JsonWriter& w) const
{
    w.beginArray();
    for (const Scheduled& scheduled : m_scheduled) {
        w.beginObject();
        w.field("kind", name(scheduled.fault));
        w.fieldStringOrNull("method", scheduled.method.isEmpty() ? QString() : scheduled.method);
        w.fieldStringOrNull("path_contains", scheduled.pathContains.isEmpty() ? QString() : scheduled.pathContains);
        w.fieldInt("remaining", scheduled.remaining);
        w.endObject();
    }
    w.endArray();
}
