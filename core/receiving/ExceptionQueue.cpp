#include "ExceptionQueue.h"

#include "ScanResolver.h"
#include "domain/AuditEvent.h"
#include "domain/UnknownPackage.h"
#include "storage/AuditRepository.h"
#include "storage/Database.h"
#include "storage/Transaction.h"
#include "storage/UnknownPackageRepository.h"
#include "util/Clock.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Dockside {

ExceptionQueue::ExceptionQueue(Database& database, const Clock& clock)
    : m_database(database)
    , m_clock(clock)
{
}

Result<qint64> ExceptionQueue::record(
    const QString& rawScan, const QString& station, const QString& user, const QString& note, const QStringList& photoRefs)
{
    Result<Transaction> transaction = Transaction::begin(m_database, u"recording an unknown package"_s);
    if (!transaction)
        return fail(transaction.error());
    UnknownPackage package;
    package.rawScan = rawScan;
    package.station = station;
    package.user = user;
    package.note = note;
    package.photoRefs = photoRefs;
    package.receivedAt = m_clock.now();
    const Result<qint64> id = UnknownPackageRepository(m_database).add(package);
    if (!id)
        return fail(id.error());
    AuditEvent event;
    event.at = package.receivedAt;
    event.station = station;
    event.user = user;
    event.action = u"unknown_package"_s;
    event.rawScan = rawScan;
    event.summary = u"Unknown package %1 put in the exception queue"_s.arg(*id);
    event.detail = QJsonDocument(QJsonObject {{u"unknown_package_id"_s, *id}, {u"note"_s, note}})
                       .toJson(QJsonDocument::Compact);
    if (const auto audited = AuditRepository(m_database).append(event); !audited)
        return fail(audited.error());
    if (const Status committed = transaction->commit(); !committed)
        return fail(committed.error());
    return id;
}

Result<int> ExceptionQueue::rematch()
{
    UnknownPackageRepository packages(m_database);
    const Result<QList<UnknownPackage>> open = packages.list(UnknownPackage::Status::Open);
    if (!open)
        return fail(open.error());
    ScanResolver resolver(m_database);
    int matched = 0;
    for (const UnknownPackage& package : *open) {
        const Result<ScanResolver::Resolution> resolution = resolver.resolve(package.rawScan);
        // A scan that cannot be read (it was kept as read) or still matches nothing stays open.
        if (!resolution || !resolution->returnId() || resolution->itemMatch)
            continue;
        const qint64 returnId = *resolution->returnId();
        Result<Transaction> transaction = Transaction::begin(m_database, u"matching an unknown package"_s);
        if (!transaction)
            return fail(transaction.error());
        if (const Status marked = packages.markMatched(package.id, returnId, m_clock.now()); !marked)
            return fail(marked.error());
        AuditEvent event;
        event.at = m_clock.now();
        event.station = package.station;
        event.action = u"unknown_matched"_s;
        event.returnId = returnId;
        event.rawScan = package.rawScan;
        event.summary = u"Unknown package %1 now matches a return"_s.arg(package.id);
        event.detail = QJsonDocument(QJsonObject {{u"unknown_package_id"_s, package.id}}).toJson(QJsonDocument::Compact);
        if (const auto audited = AuditRepository(m_database).append(event); !audited)
            return fail(audited.error());
        if (const Status committed = transaction->commit(); !committed)
            return fail(committed.error());
        ++matched;
    }
    return matched;
}

} // namespace Dockside
