#pragma once

#include <QList>
#include <QtGlobal>

// SplitMix64: tiny, fast and identical on every platform, so a seed always yields the same shop.
class SimRandom final
{
public:
    explicit SimRandom(quint64 seed)
        : m_state(seed)
    {
    }

    static quint64 mix(quint64 a, quint64 b)
    {
        SimRandom random(a ^ (b * 0x9E3779B97F4A7C15ULL));
        random.next();
        return random.next();
    }

    quint64 next()
    {
        quint64 z = (m_state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }

    // Uniform in [0, bound); bound 0 yields 0.
    quint64 bounded(quint64 bound) { return bound == 0 ? 0 : next() % bound; }

    // Uniform in [low, high].
    qint64 range(qint64 low, qint64 high)
    {
        if (high <= low)
            return low;
        return low + qint64(bounded(quint64(high - low) + 1));
    }

    double real() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }

    bool chance(double probability) { return real() < probability; }

    template <typename T>
    const T& pick(const QList<T>& list)
    {
        return list.at(qsizetype(bounded(quint64(list.size()))));
    }

    // Index into a table of relative weights.
    qsizetype weighted(std::initializer_list<int> weights)
    {
        int total = 0;
        for (const int weight : weights)
            total += weight;
        qint64 roll = qint64(bounded(quint64(total)));
        qsizetype index = 0;
        for (const int weight : weights) {
            if (roll < weight)
                return index;
            roll -= weight;
            ++index;
        }
        return index - 1;
    }

    QString digits(int count)
    {
        QString text;
        text.reserve(count);
        for (int i = 0; i < count; ++i)
            text.append(QChar(u'0' + char16_t(bounded(10))));
        return text;
    }

private:
    quint64 m_state;
};
