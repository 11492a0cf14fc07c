#pragma once

#include "util/Error.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace Dockside {

class Database;

// Which station is receiving a return. One station at a time: two benches grading the same package would
// send Loop two contradicting decisions. A claim lapses when not renewed (a station crashed or the receiver
// walked away), and then any station takes it over. The same station always re-claims, whoever is logged in.
class ClaimRepository final
{
public:
    struct Claim
    {
        qint64 returnId = 0; // local return row
        QString station;
        QString user;
        QDateTime claimedAt;
        QDateTime expiresAt;

        friend bool operator==(const Claim&, const Claim&) = default;
    };

    struct Attempt
    {
        bool granted = false;
        Claim claim; // ours when granted, otherwise the other station's
    };

    explicit ClaimRepository(Database& database);

    // Takes, renews or takes over the claim until now + ttlMs. Joins the caller's transaction when there is
    // one, so a submit can check that it still holds the claim in the transaction that releases it.
    Result<Attempt> claim(
        qint64 returnId, const QString& station, const QString& user, qint64 ttlMs, const QDateTime& now);
    // Removes the claim if `station` holds it; another station's claim is left alone.
    Status release(qint64 returnId, const QString& station);
    Result<std::optional<Claim>> current(qint64 returnId);

private:
    Database& m_database;
};

} // namespace Dockside
