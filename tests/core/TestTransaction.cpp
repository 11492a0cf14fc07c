#include "Builders.h"
#include "TempDatabase.h"
#include "storage/MerchantRepository.h"
#include "storage/Transaction.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;
using namespace Dockside::Testing;

class TestTransaction final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { Testing::TempDatabase::addBackendRows(); }
    void init() { DOCKSIDE_OPEN_TEST_DATABASE(m_db); }
    void cleanup() { m_db.reset(); }

    void shouldRollBackWhenNotCommitted()
    {
        MerchantRepository merchants(m_db->database());
        {
            // GIVEN a transaction that writes a merchant
            Result<Transaction> transaction = Transaction::begin(m_db->database(), u"test"_s);
            QVERIFY(transaction);
            QVERIFY(merchants.insert(merchant(u"Rolled Back"_s)));
            // WHEN it goes out of scope without commit
        }
        // THEN nothing was stored
        const auto found = merchants.findByName(u"Rolled Back"_s);
        QVERIFY(found);
        QVERIFY(!found->has_value());
    }

    void shouldCommitEverythingTogether()
    {
        MerchantRepository merchants(m_db->database());
        Result<Transaction> transaction = Transaction::begin(m_db->database(), u"test"_s);
        QVERIFY(transaction);
        QVERIFY(merchants.insert(merchant(u"First"_s)));
        QVERIFY(merchants.insert(merchant(u"Second"_s)));
        QVERIFY(transaction->commit());
        const auto all = merchants.list();
        QVERIFY(all);
        QCOMPARE(all->size(), 2);
    }

    void shouldUndoOnlyTheInnerPartWhenANestedTransactionRollsBack()
    {
        MerchantRepository merchants(m_db->database());
        Result<Transaction> outer = Transaction::begin(m_db->database(), u"outer"_s);
        QVERIFY(outer);
        QVERIFY(merchants.insert(merchant(u"Kept"_s)));
        {
            Result<Transaction> inner = Transaction::begin(m_db->database(), u"inner"_s);
            QVERIFY(inner);
            QVERIFY(merchants.insert(merchant(u"Dropped"_s)));
        }
        QVERIFY(outer->commit());
        const auto kept = merchants.findByName(u"Kept"_s);
        const auto dropped = merchants.findByName(u"Dropped"_s);
        QVERIFY(kept && kept->has_value());
        QVERIFY(dropped && !dropped->has_value());
    }

private:
    std::unique_ptr<Testing::TempDatabase> m_db;
};

QTEST_GUILESS_MAIN(TestTransaction)
#include "TestTransaction.moc"
