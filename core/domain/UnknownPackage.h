#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace Dockside {

// A package whose scan matched no return: it waits in the exception queue, raw scan and all.
struct UnknownPackage
{
    enum class Status {
        Open, // no return yet
        Matched, // a later sync brought the return its scan resolves to
    };

    qint64 id = 0;
    QString rawScan; // exactly what the scanner sent
    QString station;
    QString user;
    QString note;
    QStringList photoRefs;
    QDateTime receivedAt;
    Status status = Status::Open;
    qint64 matchedReturnId = 0; // local return row, when matched
    QDateTime matchedAt;

    friend bool operator==(const UnknownPackage&, const UnknownPackage&) = default;
};

} // namespace Dockside
