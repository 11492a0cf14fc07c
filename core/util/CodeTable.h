#pragma once

#include <QLatin1StringView>
#include <QString>

#include <array>
#include <optional>
#include <utility>

namespace Dockside {

// Maps an enum to the stable text code stored in the database and sent to Loop, and back.
// Codes are data, never translated.
template <typename Enum, std::size_t N>
class CodeTable
{
public:
    using Entry = std::pair<Enum, QLatin1StringView>;

    constexpr explicit CodeTable(std::array<Entry, N> entries)
        : m_entries(entries)
    {
    }

    QString code(Enum value) const
    {
        for (const auto& [candidate, text] : m_entries) {
            if (candidate == value)
                return QString(text);
        }
        return {};
    }

    std::optional<Enum> value(QStringView code) const
    {
        for (const auto& [candidate, text] : m_entries) {
            if (code == text)
                return candidate;
        }
        return std::nullopt;
    }

    const std::array<Entry, N>& entries() const { return m_entries; }

private:
    std::array<Entry, N> m_entries;
};

} // namespace Dockside
