#include "LoopEnums.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace LoopEnums {

QString toString(ReturnState state)
{
    switch (state) {
    case ReturnState::Open:
        return u"open"_s;
    case ReturnState::Closed:
        return u"closed"_s;
    case ReturnState::Cancelled:
        return u"cancelled"_s;
    case ReturnState::Expired:
        return u"expired"_s;
    case ReturnState::Review:
        return u"review"_s;
    }
    return u"open"_s;
}

std::optional<ReturnState> returnStateFromString(QStringView text)
{
    for (const auto state :
        { ReturnState::Open, ReturnState::Closed, ReturnState::Cancelled, ReturnState::Expired, ReturnState::Review }) {
        if (text == toString(state))
            return state;
    }
    return std::nullopt;
}

QString toString(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Exchange:
        return u"exchange"_s;
    case Outcome::Upsell:
        return u"upsell"_s;
    case Outcome::Refund:
        return u"refund"_s;
    case Outcome::Credit:
        return u"credit"_s;
    case Outcome::ExchangeRefund:
        return u"exchange+refund"_s;
    case Outcome::ExchangeCredit:
        return u"exchange+credit"_s;
    }
    return u"refund"_s;
}

std::optional<Outcome> outcomeFromString(QStringView text)
{
    for (const auto outcome : { Outcome::Exchange, Outcome::Upsell, Outcome::Refund, Outcome::Credit,
             Outcome::ExchangeRefund, Outcome::ExchangeCredit }) {
        if (text == toString(outcome))
            return outcome;
    }
    return std::nullopt;
}

QString toString(Resolution resolution)
{
    switch (resolution) {
    case Resolution::Refund:
        return u"refund"_s;
    case Resolution::Credit:
        return u"credit"_s;
    case Resolution::Exchange:
        return u"exchange"_s;
    }
    return u"refund"_s;
}

QString toString(Carrier carrier)
{
    switch (carrier) {
    case Carrier::None:
        return u"N/A"_s;
    case Carrier::Usps:
        return u"USPS"_s;
    case Carrier::Ups:
        return u"UPS"_s;
    case Carrier::FedEx:
        return u"FedEx"_s;
    }
    return u"N/A"_s;
}

std::optional<Carrier> carrierFromString(QStringView text)
{
    if (text.compare(u"usps", Qt::CaseInsensitive) == 0)
        return Carrier::Usps;
    if (text.compare(u"ups", Qt::CaseInsensitive) == 0)
        return Carrier::Ups;
    if (text.compare(u"fedex", Qt::CaseInsensitive) == 0)
        return Carrier::FedEx;
    if (text.compare(u"n/a", Qt::CaseInsensitive) == 0 || text.compare(u"none", Qt::CaseInsensitive) == 0)
        return Carrier::None;
    return std::nullopt;
}

QString toString(ReturnMethod method)
{
    switch (method) {
    case ReturnMethod::PrepaidLabel:
        return u"prepaid_label"_s;
    case ReturnMethod::HappyReturns:
        return u"happy_returns"_s;
    }
    return u"prepaid_label"_s;
}

std::optional<ReturnMethod> returnMethodFromString(QStringView text)
{
    if (text == u"prepaid_label")
        return ReturnMethod::PrepaidLabel;
    if (text == u"happy_returns")
        return ReturnMethod::HappyReturns;
    return std::nullopt;
}

namespace {

const QStringList& knownStatuses()
{
    // Progression first, then the side statuses Loop or EasyPost may report.
    static const QStringList statuses { u"new"_s, u"pre_transit"_s, u"in_transit"_s, u"out_for_delivery"_s,
        u"delivered"_s, u"N/A"_s, u"failure"_s, u"error"_s, u"return_to_sender"_s, u"available_for_pickup"_s,
        u"cancelled"_s, u"unknown"_s };
    return statuses;
}

constexpr qsizetype progressionLength = 5;

} // namespace

QString labelStatusNone()
{
    return knownStatuses().at(5);
}

QString labelStatusNew()
{
    return knownStatuses().at(0);
}

QString labelStatusDelivered()
{
    return knownStatuses().at(4);
}

QString nextLabelStatus(const QString& current)
{
    const auto& statuses = knownStatuses();
    if (current == labelStatusNone())
        return statuses.at(0);
    const qsizetype index = statuses.indexOf(current);
    if (index < 0 || index + 1 >= progressionLength)
        return {};
    return statuses.at(index + 1);
}

bool isKnownLabelStatus(QStringView status)
{
    for (const QString& known : knownStatuses()) {
        if (known == status)
            return true;
    }
    return false;
}

QString canonicalLabelStatus(QStringView status)
{
    for (const QString& known : knownStatuses()) {
        if (known == status)
            return known;
    }
    return status.toString();
}

} // namespace LoopEnums
