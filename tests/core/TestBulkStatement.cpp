#include "TempDatabase.h"
#include "storage/BulkStatement.h"
#include "storage/Sql.h"
#include "storage/Transaction.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;
using namespace Dockside::Testing;

namespace {
using Column = SqlDialect::Column;
using ColumnType = SqlDialect::ColumnType;

const QList<Column> kColumns = {
    { u"id"_s, ColumnType::Integer },
    { u"label"_s, ColumnType::Text },
    { u"amount"_s, ColumnType::Integer },
};

// Text that each backend's way of carrying rows must not bend: quotes, backslashes, the array and list
// punctuation, the word NULL, blanks at either end, control characters, letters outside ASCII.
QString trickyLabel(int i)
{
    static const QStringList samples = {
        u""_s,
        u"plain"_s,
        u"say \"hi\""_s,
        u"back\\slash\\"_s,
        u"{braces},[brackets],(parens)"_s,
        u"NULL"_s,
        u"  padded  "_s,
        u"line\nbreak\ttab"_s,
        u"ÄÖÜ ñ 日本 😀"_s,
        u"'single' quotes; -- not a comment"_s,
        QString(400, u'x'),
    };
    return samples.at(i % samples.size()) + (i % 3 == 0 ? QString() : QString::number(i));
}
} // namespace

class TestBulkStatement final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { Testing::TempDatabase::addBackendRows(); }

    void init()
    {
        DOCKSIDE_OPEN_TEST_DATABASE(m_db);
        Result<QSqlDatabase> connection = m_db->database().connection();
        QVERIFY(connection);
        const QString ddl = m_db->database().dialect().expandDdl(
            u"CREATE TABLE \"bulk_test\" (\"id\" ${BIGINT} PRIMARY KEY, \"label\" TEXT NOT NULL, \"amount\" ${BIGINT})"_s);
        QVERIFY(Sql::exec(m_db->database(), *connection, ddl, {}, u"creating the test table"_s));
    }

    void cleanup() { m_db.reset(); }

    void shouldStoreEveryRowExactlyAsGiven()
    {
        // GIVEN 75 rows of awkward text and some NULLs: more than two full SQLite statements of 32 rows
        Result<Transaction> transaction = Transaction::begin(m_db->database(), u"test"_s);
        QVERIFY(transaction);
        Result<BulkStatement> insert = prepareInsert(transaction->connection(), u""_s);
        QVERIFY(insert);

        // WHEN they go through one bulk insert
        for (int i = 0; i < 75; ++i) {
            insert->add(qint64(i));
            insert->add(trickyLabel(i));
            if (i % 4 == 0)
                insert->addNull();
            else
                insert->add(qint64(i) * 1'000'000'000'000LL);
            QVERIFY(insert->endRow());
        }
        const Result<QList<QVariantList>> returned = insert->finish();
        QVERIFY2(returned, qPrintable(returned ? QString() : returned.error().toLogString()));
        QVERIFY(transaction->commit());

        // THEN every row reads back as it was, NULLs as NULLs
        QVERIFY(returned->isEmpty());
        Result<QSqlDatabase> connection = m_db->database().connection();
        QVERIFY(connection);
        Result<QSqlQuery> stored = Sql::exec(m_db->database(), *connection,
            u"SELECT \"id\", \"label\", \"amount\" FROM \"bulk_test\" ORDER BY \"id\""_s, {}, u"reading"_s);
        QVERIFY(stored);
        int rows = 0;
        while (stored->next()) {
            const int i = stored->value(0).toInt();
            QCOMPARE(i, rows);
            QCOMPARE(stored->value(1).toString(), trickyLabel(i));
            QCOMPARE(stored->value(2).isNull(), i % 4 == 0);
            if (i % 4 != 0)
                QCOMPARE(stored->value(2).toLongLong(), qint64(i) * 1'000'000'000'000LL);
            ++rows;
        }
        QCOMPARE(rows, 75);
    }

    void shouldGiveBackWhatTheStatementReturns()
    {
        // GIVEN an insert that returns each row's id and label
        Result<Transaction> transaction = Transaction::begin(m_db->database(), u"test"_s);
        QVERIFY(transaction);
        Result<BulkStatement> insert
            = prepareInsert(transaction->connection(), u" RETURNING \"id\", \"label\", \"amount\""_s);
        QVERIFY(insert);

        // WHEN 40 rows go in
        for (int i = 0; i < 40; ++i) {
            insert->add(qint64(100 + i));
            insert->add(trickyLabel(i));
            insert->add(qint64(i));
            QVERIFY(insert->endRow());
        }
        const Result<QList<QVariantList>> returned = insert->finish();

        // THEN finish() hands back one row per inserted row, with the values stored
        QVERIFY2(returned, qPrintable(returned ? QString() : returned.error().toLogString()));
        QCOMPARE(returned->size(), 40);
        QSet<qint64> ids;
        for (const QVariantList& row : *returned) {
            QCOMPARE(row.size(), 3);
            const qint64 id = row.at(0).toLongLong();
            ids.insert(id);
            QCOMPARE(row.at(1).toString(), trickyLabel(int(id - 100)));
            QCOMPARE(row.at(2).toLongLong(), id - 100);
        }
        QCOMPARE(ids.size(), 40);
    }

    void shouldMatchRowsByEveryColumnGiven()
    {
        // GIVEN ten stored rows
        Result<Transaction> transaction = Transaction::begin(m_db->database(), u"test"_s);
        QVERIFY(transaction);
        Result<BulkStatement> insert = prepareInsert(transaction->connection(), u""_s);
        QVERIFY(insert);
        for (int i = 0; i < 10; ++i) {
            insert->add(qint64(i));
            insert->add(u"label %1"_s.arg(i));
            insert->add(qint64(i % 2));
            QVERIFY(insert->endRow());
        }
        QVERIFY(insert->finish());

        // WHEN a delete matches on (id, label) pairs, one of which names a label the row does not have
        const SqlDialect& dialect = m_db->database().dialect();
        const QList<Column> key = { { u"id"_s, ColumnType::Integer }, { u"label"_s, ColumnType::Text } };
        Result<BulkStatement> removal = BulkStatement::prepare(
            m_db->database(), transaction->connection(), key,
            [&dialect, &key](qsizetype rows) -> QString {
                return u"DELETE FROM \"bulk_test\" WHERE "_s + dialect.bulkMatchSql(key, rows) + u" RETURNING \"id\""_s;
            },
            1, u"deleting"_s);
        QVERIFY(removal);
        for (const auto& [id, label] :
            { std::pair(2, u"label 2"_s), std::pair(5, u"label 5"_s), std::pair(7, u"label 8"_s) }) {
            removal->add(qint64(id));
            removal->add(label);
            QVERIFY(removal->endRow());
        }
        const Result<QList<QVariantList>> removed = removal->finish();
        QVERIFY(removed);
        QVERIFY(transaction->commit());

        // THEN exactly the rows matching both columns are gone
        QSet<qint64> removedIds;
        for (const QVariantList& row : *removed)
            removedIds.insert(row.at(0).toLongLong());
        QCOMPARE(removedIds, (QSet<qint64> { 2, 5 }));
        Result<QSqlDatabase> connection = m_db->database().connection();
        QVERIFY(connection);
        Result<QSqlQuery> left
            = Sql::exec(m_db->database(), *connection, u"SELECT COUNT(*) FROM \"bulk_test\""_s, {}, u"counting"_s);
        QVERIFY(left && left->next());
        QCOMPARE(left->value(0).toInt(), 8);
    }

    void shouldReportARowTheDatabaseRefuses()
    {
        // GIVEN a row that repeats a primary key among valid ones
        Result<Transaction> transaction = Transaction::begin(m_db->database(), u"test"_s);
        QVERIFY(transaction);
        Result<BulkStatement> insert = prepareInsert(transaction->connection(), u""_s);
        QVERIFY(insert);

        // WHEN the rows go in
        bool failed = false;
        for (int i = 0; i < 40 && !failed; ++i) {
            insert->add(qint64(i == 20 ? 3 : i));
            insert->add(u"row"_s);
            insert->add(qint64(i));
            failed = !insert->endRow();
        }
        failed = failed || !insert->finish();

        // THEN the statement fails with a storage error, wherever the backend noticed it
        QVERIFY(failed);
    }

    void shouldDoNothingForNoRows()
    {
        Result<Transaction> transaction = Transaction::begin(m_db->database(), u"test"_s);
        QVERIFY(transaction);
        Result<BulkStatement> insert = prepareInsert(transaction->connection(), u" RETURNING \"id\""_s);
        QVERIFY(insert);
        const Result<QList<QVariantList>> returned = insert->finish();
        QVERIFY(returned);
        QVERIFY(returned->isEmpty());
    }

private:
    Result<BulkStatement> prepareInsert(QSqlDatabase& connection, const QString& tail)
    {
        const SqlDialect& dialect = m_db->database().dialect();
        return BulkStatement::prepare(
            m_db->database(), connection, kColumns,
            [&dialect, tail](
                qsizetype rows) -> QString { return dialect.bulkInsertSql(u"bulk_test"_s, kColumns, rows) + tail; },
            32, u"testing bulk inserts"_s);
    }

    std::unique_ptr<TempDatabase> m_db;
};

QTEST_GUILESS_MAIN(TestBulkStatement)
#include "TestBulkStatement.moc"
