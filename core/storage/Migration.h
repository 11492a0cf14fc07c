#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Dockside {

class SqlDialect;

// One step of the schema. Steps are append-only: once released, a migration is never edited, a new
// one is added instead.
struct Migration
{
    int version = 0;
    QString name;
    QStringList statements; // already expanded for the dialect

    // Every migration Dockside knows, in order.
    static QList<Migration> all(const SqlDialect& dialect);
    // The version a fully migrated database of this build has.
    static int latestVersion();
};

} // namespace Dockside
