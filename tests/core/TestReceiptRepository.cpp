#include "Builders.h"
#include "TempDatabase.h"
#include "storage/MerchantRepository.h"
#include "storage/ReceiptRepository.h"
#include "storage/ReturnRepository.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Dockside;
using namespace Dockside::Testing;

class TestReceiptRepository final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { Testing::TempDatabase::addBackendRows(); }

    void init()
    {
        DOCKSIDE_OPEN_TEST_DATABASE(m_db);
        MerchantRepository merchants(m_db->database());
        m_merchantId = *merchants.insert(merchant(u"Acme"_s));
        ReturnRepository returns(m_db->database());
        QVERIFY(returns.upsert(ReturnBuilder(m_merchantId).line(55500102, u"TEE"_s, u"0012345678905"_s), m_at));
        m_returnId = (**returns.findByLoopId(m_merchantId, 41000007)).id;
    }
    void cleanup() { m_db.reset(); }

    void shouldStoreWhatArrivedLineByLine()
    {
        // GIVEN a receipt: one item graded B with a photo, one expected item missing, one unexpected item
        Receipt receipt = openReceipt();
        receipt.lines << line(u"]C10123456789012"_s, 55500101, Condition::GradeB, Disposition::BackToStock)
                      << line(QString(), 55500102, Condition::Missing, Disposition::Missing)
                      << line(u"0099999999994"_s, std::nullopt, Condition::IncorrectItem, std::nullopt);
        receipt.lines[0].photoRefs = {u"/var/lib/dockside/photos/a.jpg"_s, u"/var/lib/dockside/photos/b.jpg"_s};
        receipt.lines[0].note = u"Small stain on the sleeve"_s;
        receipt.status = ReceiptStatus::Submitted;
        receipt.submittedAt = m_at.addSecs(90);
        receipt.decision = Decision {DecisionKind::Flag, {ReasonCode::MissingItem, ReasonCode::UnexpectedItem},
            m_at.addSecs(90), u"maria"_s};

        // WHEN stored
        ReceiptRepository receipts(m_db->database());
        const Result<qint64> id = receipts.insert(receipt);
        QVERIFY2(id, qPrintable(id ? QString() : id.error().toLogString()));

        // THEN it reads back field for field
        const auto found = receipts.find(*id);
        QVERIFY(found && found->has_value());
        Receipt read = **found;
        QCOMPARE(read.lines.size(), 3);
        receipt.id = *id;
        for (int i = 0; i < receipt.lines.size(); ++i)
            receipt.lines[i].id = read.lines[i].id;
        QCOMPARE(read, receipt);
    }

    void shouldRewriteLinesAndDecisionOnUpdate()
    {
        ReceiptRepository receipts(m_db->database());
        Receipt receipt = openReceipt();
        receipt.lines << line(u"0123456789012"_s, 55500101, Condition::GradeA, std::nullopt);
        const Result<qint64> id = receipts.insert(receipt);
        QVERIFY(id);
        receipt.id = *id;

        receipt.lines.clear();
        receipt.lines << line(u"0123456789012"_s, 55500101, Condition::GradeC, Disposition::ResaleHold);
        receipt.status = ReceiptStatus::Submitted;
        receipt.decision = Decision {DecisionKind::Process, {}, m_at, u"maria"_s};
        QVERIFY(receipts.update(receipt));

        const auto list = receipts.forReturn(m_returnId);
        QVERIFY(list);
        QCOMPARE(list->size(), 1);
        QCOMPARE(list->first().lines.size(), 1);
        QCOMPARE(list->first().lines.first().condition, Condition::GradeC);
        QCOMPARE(list->first().decision->kind, DecisionKind::Process);
        QCOMPARE(list->first().status, ReceiptStatus::Submitted);
    }

private:
    Receipt openReceipt() const
    {
        Receipt receipt;
        receipt.returnId = m_returnId;
        receipt.merchantId = m_merchantId;
        receipt.station = u"dock-3"_s;
        receipt.user = u"maria"_s;
        receipt.startedAt = m_at;
        return receipt;
    }

    ReceiptLine line(const QString& scanned, std::optional<qint64> lineItem, std::optional<Condition> condition,
        std::optional<Disposition> disposition) const
    {
        ReceiptLine value;
        value.scannedCode = scanned;
        value.lineItemId = lineItem;
        value.condition = condition;
        value.disposition = disposition;
        value.station = u"dock-3"_s;
        value.user = u"maria"_s;
        value.recordedAt = m_at.addSecs(30);
        return value;
    }

    std::unique_ptr<Testing::TempDatabase> m_db;
    qint64 m_merchantId = 0;
    qint64 m_returnId = 0;
    const QDateTime m_at = QDateTime(QDate(2026, 11, 2), QTime(10, 0), Qt::UTC);
};

QTEST_GUILESS_MAIN(TestReceiptRepository)
#include "TestReceiptRepository.moc"
