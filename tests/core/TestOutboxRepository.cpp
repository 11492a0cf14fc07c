#include "Builders.h"
#include "TempDatabase.h"
#include "storage/MerchantRepository.h"
#include "storage/OutboxRepository.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;
using namespace Dockside::Testing;

class TestOutboxRepository final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { Testing::TempDatabase::addBackendRows(); }

    void init()
    {
        DOCKSIDE_OPEN_TEST_DATABASE(m_db);
        MerchantRepository merchants(m_db->database());
        m_merchantId = *merchants.insert(merchant(u"Acme"_s));
    }
    void cleanup() { m_db.reset(); }

    void shouldHandOutOnlyTheOldestOpenEntryOfEachReturn()
    {
        // GIVEN Note then Flag for return 1, and Process for return 2
        OutboxRepository outbox(m_db->database());
        const qint64 note = *outbox.enqueue(entry(1, OutboxKind::Note));
        const qint64 flag = *outbox.enqueue(entry(1, OutboxKind::Flag));
        const qint64 process = *outbox.enqueue(entry(2, OutboxKind::Process));

        // WHEN asking what is due
        auto due = outbox.due(m_now, 10);
        QVERIFY(due);
        // THEN the note (not the flag) and the process come out
        QCOMPARE(ids(*due), (QList<qint64> {note, process}));

        // WHEN the note is done, the flag becomes due
        QVERIFY(outbox.markDone(note, m_now));
        due = outbox.due(m_now, 10);
        QCOMPARE(ids(*due), (QList<qint64> {flag, process}));
    }

    void shouldHoldBackEntriesBehindAParkedOne()
    {
        OutboxRepository outbox(m_db->database());
        const qint64 note = *outbox.enqueue(entry(1, OutboxKind::Note));
        QVERIFY(outbox.enqueue(entry(1, OutboxKind::Flag)));
        QVERIFY(outbox.park(note, u"Loop refused: Return is closed"_s, m_now));
        const auto due = outbox.due(m_now, 10);
        QVERIFY(due);
        QVERIFY(due->isEmpty());
        const auto counts = outbox.countByStatus();
        QCOMPARE(counts->value(OutboxStatus::Parked), 1);
        QCOMPARE(counts->value(OutboxStatus::Pending), 1);
    }

    void shouldWaitUntilTheNextAttemptTime()
    {
        OutboxRepository outbox(m_db->database());
        const qint64 id = *outbox.enqueue(entry(1, OutboxKind::Process));
        QVERIFY(outbox.markAttempt(id, m_now));
        QVERIFY(outbox.reschedule(id, m_now.addSecs(30), u"HTTP 503"_s, m_now));
        QVERIFY(outbox.due(m_now.addSecs(29), 10)->isEmpty());
        QCOMPARE(outbox.due(m_now.addSecs(30), 10)->size(), 1);

        const auto stored = outbox.find(id);
        QVERIFY(stored && stored->has_value());
        QCOMPARE((*stored)->attempts, 1);
        QCOMPARE((*stored)->lastAttemptAt, m_now);
        QCOMPARE((*stored)->lastError, u"HTTP 503"_s);
    }

    void shouldKeepThePayloadByteForByte()
    {
        OutboxRepository outbox(m_db->database());
        OutboxEntry note = entry(1, OutboxKind::Note);
        note.payload = "{\"content\":\"Flagged: missing item \\\"Tote\\\" \xc3\xa9\"}";
        const qint64 id = *outbox.enqueue(note);
        QCOMPARE((*outbox.find(id))->payload, note.payload);
    }

private:
    OutboxEntry entry(qint64 loopReturnId, OutboxKind kind) const
    {
        OutboxEntry value;
        value.merchantId = m_merchantId;
        value.loopReturnId = loopReturnId;
        value.kind = kind;
        value.payload = "{}";
        value.nextAttemptAt = m_now;
        value.createdAt = m_now;
        return value;
    }

    static QList<qint64> ids(const QList<OutboxEntry>& entries)
    {
        QList<qint64> out;
        for (const OutboxEntry& entry : entries)
            out << entry.id;
        return out;
    }

    std::unique_ptr<Testing::TempDatabase> m_db;
    qint64 m_merchantId = 0;
    const QDateTime m_now = QDateTime(QDate(2026, 11, 2), QTime(10, 0), Qt::UTC);
};

QTEST_GUILESS_MAIN(TestOutboxRepository)
#include "TestOutboxRepository.moc"
