#pragma once

#include <QString>

namespace Dockside {

// Who works at this station now: the station's name (from the settings) and the signed-in person.
// Every scan, receipt and override is recorded under these names.
struct StationIdentity
{
    enum class Role {
        Receiver,
        Supervisor, // signed in with the supervisor PIN: may override flags and resolve exceptions
    };

    QString stationName;
    QString userName;
    Role role = Role::Receiver;

    bool isSupervisor() const { return role == Role::Supervisor; }
};

} // namespace Dockside
