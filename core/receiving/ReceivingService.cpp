#include "ReceivingService.h"

#include "storage/ClaimRepository.h"
#include "storage/MerchantRulesRepository.h"
#include "storage/ReturnRepository.h"
#include "util/Clock.h"

using namespace Qt::StringLiterals;

namespace Dockside {

ReceivingService::ReceivingService(Database& database, const Clock& clock, Settings settings)
    : m_database(database)
    , m_clock(clock)
    , m_settings(settings)
{
}

Result<std::unique_ptr<ReceivingSession>> ReceivingService::open(
    qint64 returnId, const QString& station, const QString& user)
{
    if (station.trimmed().isEmpty() || user.trimmed().isEmpty()) {
        return fail(Error::validation(u"receiving.identity.empty"_s,
            u"Receiving needs a station name and a user name. Set both and try again."_s));
    }
    Result<std::optional<Return>> found = ReturnRepository(m_database).find(returnId);
    if (!found)
        return fail(found.error());
    if (!found->has_value()) {
        return fail(Error::validation(u"receiving.return.unknown"_s,
            u"There is no return with row id %1 here. Scan the package again or sync first."_s)
                        .with(returnId));
    }
    const Return& value = **found;
    if (const Status fresh = ReceivingSession::checkNotReceived(m_database, value); !fresh)
        return fail(fresh.error());
    Result<MerchantRules> rules = MerchantRulesRepository(m_database).forMerchant(value.merchantId);
    if (!rules)
        return fail(rules.error());

    Result<ClaimRepository::Attempt> attempt
        = ClaimRepository(m_database)
              .claim(value.id, station.trimmed(), user.trimmed(), m_settings.claimTtlMs, m_clock.now());
    if (!attempt)
        return fail(attempt.error());
    if (!attempt->granted)
        return fail(ReceivingSession::claimedElsewhere(value, attempt->claim, false));
    return std::unique_ptr<ReceivingSession>(
        new ReceivingSession(m_database, m_clock, m_settings.claimTtlMs, value, *rules, attempt->claim));
}

Status ReceivingService::release(qint64 returnId, const QString& station)
{
    return ClaimRepository(m_database).release(returnId, station);
}

} // namespace Dockside
