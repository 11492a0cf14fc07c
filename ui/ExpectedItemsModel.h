#pragma once

#include "domain/Return.h"
#include "receiving/ReceivingSession.h"

#include <QAbstractTableModel>
#include <QIcon>
#include <QList>

#include <optional>

namespace Dockside {

// What the package should hold and what was found in it: one row per expected line item of the open return
// (ticked off when scanned, marked when missing), then one row per extra unit of a line item and per scan
// that matched no line. Every scanned unit has exactly one row, so a grade, note or photo always has a place.
class ExpectedItemsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExpectedItemsModel)

public:
    enum Column {
        StatusColumn,
        ItemColumn,
        SkuColumn,
        BarcodeColumn,
        QuantityColumn,
        ReasonColumn,
        ConditionColumn,
        DispositionColumn,
        NotesColumn,
        ColumnCount,
    };

    enum Role {
        UnitKeyRole = Qt::UserRole + 1, // int; invalid when nothing was recorded for the row
        LineItemIdRole, // qlonglong; invalid for an unexpected scan
        RowKindRole, // int(RowKind)
        ImageUrlRole, // QString: Loop's image URL, shown as a placeholder, never fetched here
    };

    enum class RowKind {
        Waiting, // expected, nothing recorded yet
        Received, // expected and scanned
        Missing, // expected and marked missing
        Extra, // one more unit of a line item that was already received
        Unexpected, // a scan that matched no line item of the return
    };

    explicit ExpectedItemsModel(QObject* parent = nullptr);
    ~ExpectedItemsModel() override;

    // A new return: every row is replaced.
    void setReturn(const Return& value);
    // What the receiving session recorded so far: the expected rows change in place, extra rows follow.
    void setUnits(const QList<ReceivingSession::Unit>& units);
    void clear();

    const Return& returnValue() const { return m_return; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

    RowKind rowKind(int row) const;
    std::optional<int> unitKeyAt(int row) const;
    std::optional<qint64> lineItemIdAt(int row) const;
    const ReceivingSession::Unit* unitAt(int row) const;
    const ReturnLine* lineAt(int row) const;
    int rowForUnit(int key) const; // -1 when no row holds it
    int rowForLine(qint64 lineItemId) const; // the expected row of a line item, -1 when none

    int receivedCount() const; // expected rows received
    int missingCount() const;
    int unexpectedCount() const; // extra and unexpected rows

private:
    struct Row
    {
        RowKind kind = RowKind::Waiting;
        int lineIndex = -1; // into m_return.lines; -1 for an unexpected scan
        int unitIndex = -1; // into m_units; -1 when nothing was recorded
    };

    QList<Row> buildRows() const;
    QVariant display(const Row& row, int column) const;
    QString tooltip(const Row& row, int column) const;
    QString statusText(RowKind kind) const;

    Return m_return;
    QList<ReceivingSession::Unit> m_units;
    QList<Row> m_rows;
    QIcon m_imagePlaceholder;
};

} // namespace Dockside
