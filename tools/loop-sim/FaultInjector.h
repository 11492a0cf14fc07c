#pragma once

#include "SimRandom.h"

#include <QList>
#include <QString>
#include <QStringList>

class JsonWriter;

// Chooses the fault, if any, for an /api exchange: at random (--fault-rate, --fault-kinds) or from faults a test
// scheduled for the next matching requests (POST /__sim/faults).
class FaultInjector final
{
public:
    enum class Fault {
        None,
        Error500,
        TooMany429,
        Reset,
        Slow,
        Truncated,
        BadJson,
    };

    struct Scheduled
    {
        Fault fault = Fault::None;
        QString method; // empty = any
        QString pathContains; // empty = any
        int remaining = 1;
    };

    explicit FaultInjector(quint64 seed);

    Fault decide(const QString& method, const QString& path, double rate, const QStringList& kinds);
    void schedule(Scheduled scheduled);
    void clearScheduled() { m_scheduled.clear(); }
    void writeScheduled(JsonWriter& writer) const;
    void reset(quint64 seed);

    static QString name(Fault fault);
    static Fault fromName(const QString& name);
    // 500 and 429 replace the handler; the others hit the response after the handler changed state.
    static bool beforeHandler(Fault fault) { return fault == Fault::Error500 || fault == Fault::TooMany429; }

private:
    SimRandom m_random;
    QList<Scheduled> m_scheduled;
};
