#pragma once

#include <QString>
#include <QStringView>

#include <optional>

// Loop's vocabularies (CONTRACT.md §7) and the simulator's internal enums that map onto them.
namespace LoopEnums {

enum class ReturnState {
    Open,
    Closed,
    Cancelled,
    Expired,
    Review,
};

enum class Outcome {
    Exchange,
    Upsell,
    Refund,
    Credit,
    ExchangeRefund,
    ExchangeCredit,
};

// How one line item is resolved; only refund and credit items may be removed (§4.2).
enum class Resolution {
    Refund,
    Credit,
    Exchange,
};

enum class Carrier {
    None,
    Usps,
    Ups,
    FedEx,
};

enum class ReturnMethod {
    PrepaidLabel,
    HappyReturns,
};

QString toString(ReturnState state);
std::optional<ReturnState> returnStateFromString(QStringView text);
QString toString(Outcome outcome);
std::optional<Outcome> outcomeFromString(QStringView text);
QString toString(Resolution resolution);
QString toString(Carrier carrier);
std::optional<Carrier> carrierFromString(QStringView text);
QString toString(ReturnMethod method);
std::optional<ReturnMethod> returnMethodFromString(QStringView text);

// Label statuses are kept as text because Loop's vocabulary is open-ended (§7.2).
QString labelStatusNone();
QString labelStatusNew();
QString labelStatusDelivered();
// new -> pre_transit -> in_transit -> out_for_delivery -> delivered; empty when there is no next step.
QString nextLabelStatus(const QString& current);
bool isKnownLabelStatus(QStringView status);
// Shared QString instance for a known status so 100k records do not each own a copy.
QString canonicalLabelStatus(QStringView status);

} // namespace LoopEnums
