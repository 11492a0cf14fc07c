#include "ExpectedItemsModel.h"

#include "ReceivingTexts.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {
// A picture frame drawn here: Loop's product images live on the merchant's CDN, and the station never waits
// for the network on the UI thread.
QIcon imagePlaceholder()
{
    QPixmap pixmap(40, 40);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(QColor(0x9e, 0x9e, 0x9e), 2));
    painter.setBrush(QColor(0xee, 0xee, 0xee));
    painter.drawRoundedRect(QRectF(3, 3, 34, 34), 5, 5);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0xbd, 0xbd, 0xbd));
    painter.drawEllipse(QPointF(27, 13), 4, 4);
    QPainterPath hills;
    hills.moveTo(6, 33);
    hills.lineTo(16, 18);
    hills.lineTo(23, 27);
    hills.lineTo(27, 22);
    hills.lineTo(34, 33);
    hills.closeSubpath();
    painter.drawPath(hills);
    return QIcon(pixmap);
}

QColor rowTint(ExpectedItemsModel::RowKind kind)
{
    switch (kind) {
    case ExpectedItemsModel::RowKind::Waiting:
        return {};
    case ExpectedItemsModel::RowKind::Received:
        return QColor(0xe8, 0xf5, 0xe9);
    case ExpectedItemsModel::RowKind::Missing:
        return QColor(0xff, 0xeb, 0xee);
    case ExpectedItemsModel::RowKind::Extra:
        return QColor(0xff, 0xf3, 0xe0);
    case ExpectedItemsModel::RowKind::Unexpected:
        return QColor(0xff, 0xeb, 0xee);
    }
    return {};
}

QColor statusColour(ExpectedItemsModel::RowKind kind)
{
    switch (kind) {
    case ExpectedItemsModel::RowKind::Waiting:
        return QColor(0x61, 0x61, 0x61);
    case ExpectedItemsModel::RowKind::Received:
        return QColor(0x1b, 0x7f, 0x3b);
    case ExpectedItemsModel::RowKind::Missing:
        return QColor(0xc6, 0x28, 0x28);
    case ExpectedItemsModel::RowKind::Extra:
        return QColor(0xe6, 0x51, 0x00);
    case ExpectedItemsModel::RowKind::Unexpected:
        return QColor(0xc6, 0x28, 0x28);
    }
    return {};
}
} // namespace

ExpectedItemsModel::ExpectedItemsModel(QObject* parent)
    : QAbstractTableModel(parent)
    , m_imagePlaceholder(imagePlaceholder())
{
}

ExpectedItemsModel::~ExpectedItemsModel() = default;

void ExpectedItemsModel::setReturn(const Return& value)
{
    beginResetModel();
    m_return = value;
    m_units.clear();
    m_rows = buildRows();
    endResetModel();
}

void ExpectedItemsModel::setUnits(const QList<ReceivingSession::Unit>& units)
{
    const int oldCount = int(m_rows.size());
    // Rows that go are removed while the units they point at still exist, rows that come are inserted once
    // the new units are in place: the model is consistent whenever a view may ask.
    QList<ReceivingSession::Unit> previous = std::exchange(m_units, units);
    QList<Row> rows = buildRows();
    const int newCount = int(rows.size());
    if (newCount < oldCount) {
        std::swap(m_units, previous);
        beginRemoveRows({}, newCount, oldCount - 1);
        m_rows.resize(newCount);
        endRemoveRows();
        std::swap(m_units, previous);
    }
    if (newCount > oldCount) {
        m_rows = rows.mid(0, oldCount);
        beginInsertRows({}, oldCount, newCount - 1);
        m_rows = rows;
        endInsertRows();
    } else {
        m_rows = rows;
    }
    const int changed = std::min(oldCount, newCount);
    if (changed > 0)
        Q_EMIT dataChanged(index(0, 0), index(changed - 1, ColumnCount - 1));
}

void ExpectedItemsModel::clear()
{
    beginResetModel();
    m_return = Return {};
    m_units.clear();
    m_rows.clear();
    endResetModel();
}

QList<ExpectedItemsModel::Row> ExpectedItemsModel::buildRows() const
{
    QList<Row> rows;
    rows.reserve(m_return.lines.size() + m_units.size());
    for (int i = 0; i < m_return.lines.size(); ++i) {
        Row row;
        row.lineIndex = i;
        const qint64 lineItemId = m_return.lines[i].lineItemId;
        for (int u = 0; u < m_units.size(); ++u) {
            const ReceivingSession::Unit& unit = m_units[u];
            if (unit.line.lineItemId != lineItemId)
                continue;
            if (unit.kind == ReceivingSession::UnitKind::Expected) {
                row.kind = RowKind::Received;
                row.unitIndex = u;
                break;
            }
            if (unit.kind == ReceivingSession::UnitKind::Missing) {
                row.kind = RowKind::Missing;
                row.unitIndex = u;
                break;
            }
        }
        rows << row;
    }
    for (int u = 0; u < m_units.size(); ++u) {
        const ReceivingSession::Unit& unit = m_units[u];
        if (unit.kind == ReceivingSession::UnitKind::OverQuantity) {
            Row row;
            row.kind = RowKind::Extra;
            row.unitIndex = u;
            for (int i = 0; i < m_return.lines.size(); ++i) {
                if (unit.line.lineItemId == m_return.lines[i].lineItemId)
                    row.lineIndex = i;
            }
            rows << row;
        } else if (unit.kind == ReceivingSession::UnitKind::Unexpected) {
            Row row;
            row.kind = RowKind::Unexpected;
            row.unitIndex = u;
            rows << row;
        }
    }
    return rows;
}

int ExpectedItemsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ExpectedItemsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

Qt::ItemFlags ExpectedItemsModel::flags(const QModelIndex& index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QString ExpectedItemsModel::statusText(RowKind kind) const
{
    switch (kind) {
    case RowKind::Waiting:
        return tr("To scan");
    case RowKind::Received:
        return u"\u2713 "_s + tr("Received");
    case RowKind::Missing:
        return u"\u2717 "_s + tr("Missing");
    case RowKind::Extra:
        return u"+ "_s + tr("Extra unit");
    case RowKind::Unexpected:
        return u"! "_s + tr("Not on return");
    }
    return {};
}

QVariant ExpectedItemsModel::display(const Row& row, int column) const
{
    const ReturnLine* line = row.lineIndex >= 0 ? &m_return.lines[row.lineIndex] : nullptr;
    const ReceivingSession::Unit* unit = row.unitIndex >= 0 ? &m_units[row.unitIndex] : nullptr;
    switch (column) {
    case StatusColumn:
        return statusText(row.kind);
    case ItemColumn:
        if (!line)
            return unit ? unit->line.scannedCode.simplified() : QString();
        return line->title.trimmed().isEmpty() ? tr("Line item %1").arg(line->lineItemId) : line->title.trimmed();
    case SkuColumn:
        return line ? line->sku : QString();
    case BarcodeColumn:
        return line ? line->barcode : QString();
    case QuantityColumn: {
        if (row.kind == RowKind::Extra || row.kind == RowKind::Unexpected)
            return u"+1"_s;
        int received = 0;
        for (const ReceivingSession::Unit& candidate : m_units) {
            if (candidate.kind != ReceivingSession::UnitKind::Missing
                && candidate.kind != ReceivingSession::UnitKind::Unexpected
                && candidate.line.lineItemId == line->lineItemId)
                ++received;
        }
        // Loop has no quantity: one line item is one unit.
        return tr("%1/%2", "received/expected").arg(received).arg(1);
    }
    case ReasonColumn:
        if (!line)
            return QString();
        return line->returnComment.trimmed().isEmpty()
            ? line->returnReason
            : tr("%1 \u2013 \u201c%2\u201d").arg(line->returnReason, line->returnComment.simplified());
    case ConditionColumn:
        if (!unit)
            return QString();
        if (unit->kind == ReceivingSession::UnitKind::Missing)
            return ReceivingTexts::conditionName(Condition::Missing);
        if (unit->line.condition)
            return ReceivingTexts::conditionName(*unit->line.condition);
        // An item that is not on the return is flagged anyway; grading it is up to the receiver.
        return unit->kind == ReceivingSession::UnitKind::Unexpected ? QString() : tr("needs a grade");
    case DispositionColumn:
        return unit && unit->line.disposition ? ReceivingTexts::dispositionName(*unit->line.disposition) : QString();
    case NotesColumn: {
        if (!unit)
            return QString();
        QStringList parts;
        if (!unit->line.photoRefs.isEmpty())
            parts << (unit->line.photoRefs.size() == 1 ? tr("1 photo")
                                                       : tr("%1 photos").arg(unit->line.photoRefs.size()));
        if (!unit->line.note.trimmed().isEmpty())
            parts << unit->line.note.simplified();
        return parts.join(u" \u00b7 "_s);
    }
    default:
        break;
    }
    return {};
}

QString ExpectedItemsModel::tooltip(const Row& row, int column) const
{
    const ReturnLine* line = row.lineIndex >= 0 ? &m_return.lines[row.lineIndex] : nullptr;
    const ReceivingSession::Unit* unit = row.unitIndex >= 0 ? &m_units[row.unitIndex] : nullptr;
    switch (column) {
    case ItemColumn:
        if (!line)
            return tr("Scanned: %1").arg(unit ? unit->line.scannedCode : QString());
        return QStringList { line->title, line->variantTitle,
            line->sku.isEmpty() ? QString() : tr("SKU: %1").arg(line->sku),
            line->barcode.isEmpty() ? QString() : tr("Barcode: %1").arg(line->barcode),
            line->imageUrl.isEmpty() ? QString() : tr("Image: %1 (not loaded at the station)").arg(line->imageUrl) }
            .filter(QRegularExpression(u"\\S"_s))
            .join(u'\n');
    case ReasonColumn:
        if (!line)
            return {};
        return QStringList { line->parentReturnReason.isEmpty() || line->parentReturnReason == line->returnReason
                ? line->returnReason
                : tr("%1 \u203a %2").arg(line->parentReturnReason, line->returnReason),
            line->returnComment }
            .filter(QRegularExpression(u"\\S"_s))
            .join(u'\n');
    case ConditionColumn:
        return unit && unit->line.condition ? ReceivingTexts::conditionHint(*unit->line.condition) : QString();
    case NotesColumn:
        if (!unit)
            return {};
        return QStringList { unit->line.note, unit->line.photoRefs.join(u'\n') }
            .filter(QRegularExpression(u"\\S"_s))
            .join(u'\n');
    default:
        break;
    }
    return {};
}

QVariant ExpectedItemsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows[index.row()];
    const ReturnLine* line = row.lineIndex >= 0 ? &m_return.lines[row.lineIndex] : nullptr;
    const ReceivingSession::Unit* unit = row.unitIndex >= 0 ? &m_units[row.unitIndex] : nullptr;
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column());
    case Qt::ToolTipRole: {
        const QString text = tooltip(row, index.column());
        return text.isEmpty() ? QVariant() : QVariant(text);
    }
    case Qt::DecorationRole:
        if (index.column() == ItemColumn && line && !line->imageUrl.isEmpty())
            return m_imagePlaceholder;
        return {};
    case Qt::BackgroundRole: {
        if (index.column() == StatusColumn && row.kind != RowKind::Waiting)
            return QBrush(statusColour(row.kind));
        const QColor tint = rowTint(row.kind);
        return tint.isValid() ? QVariant(QBrush(tint)) : QVariant();
    }
    case Qt::ForegroundRole:
        if (index.column() == StatusColumn && row.kind != RowKind::Waiting)
            return QBrush(Qt::white);
        if (index.column() == ConditionColumn && unit && unit->kind != ReceivingSession::UnitKind::Missing
            && unit->kind != ReceivingSession::UnitKind::Unexpected && !unit->line.condition)
            return QBrush(QColor(0xe6, 0x51, 0x00));
        if (index.column() == SkuColumn || index.column() == BarcodeColumn)
            return QBrush(QColor(0x45, 0x5a, 0x64));
        return {};
    case Qt::FontRole:
        if (index.column() == ItemColumn || index.column() == StatusColumn) {
            QFont font;
            font.setBold(true);
            font.setItalic(index.column() == ItemColumn && row.kind == RowKind::Unexpected);
            return font;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == QuantityColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignCenter));
        return {};
    case UnitKeyRole:
        return unit ? QVariant(unit->key) : QVariant();
    case LineItemIdRole:
        return line ? QVariant(qlonglong(line->lineItemId)) : QVariant();
    case RowKindRole:
        return int(row.kind);
    case ImageUrlRole:
        return line ? line->imageUrl : QString();
    default:
        break;
    }
    return {};
}

QVariant ExpectedItemsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case StatusColumn:
        return tr("Status");
    case ItemColumn:
        return tr("Item");
    case SkuColumn:
        return tr("SKU");
    case BarcodeColumn:
        return tr("Barcode");
    case QuantityColumn:
        return tr("Qty", "quantity");
    case ReasonColumn:
        return tr("Return reason");
    case ConditionColumn:
        return tr("Condition");
    case DispositionColumn:
        return tr("Disposition");
    case NotesColumn:
        return tr("Notes and photos");
    default:
        break;
    }
    return {};
}

ExpectedItemsModel::RowKind ExpectedItemsModel::rowKind(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].kind : RowKind::Waiting;
}

std::optional<int> ExpectedItemsModel::unitKeyAt(int row) const
{
    const ReceivingSession::Unit* unit = unitAt(row);
    return unit ? std::optional<int>(unit->key) : std::nullopt;
}

std::optional<qint64> ExpectedItemsModel::lineItemIdAt(int row) const
{
    const ReturnLine* line = lineAt(row);
    return line ? std::optional<qint64>(line->lineItemId) : std::nullopt;
}

const ReceivingSession::Unit* ExpectedItemsModel::unitAt(int row) const
{
    if (row < 0 || row >= m_rows.size() || m_rows[row].unitIndex < 0)
        return nullptr;
    return &m_units[m_rows[row].unitIndex];
}

const ReturnLine* ExpectedItemsModel::lineAt(int row) const
{
    if (row < 0 || row >= m_rows.size() || m_rows[row].lineIndex < 0)
        return nullptr;
    return &m_return.lines[m_rows[row].lineIndex];
}

int ExpectedItemsModel::rowForUnit(int key) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].unitIndex >= 0 && m_units[m_rows[row].unitIndex].key == key)
            return row;
    }
    return -1;
}

int ExpectedItemsModel::rowForLine(qint64 lineItemId) const
{
    for (int row = 0; row < m_return.lines.size() && row < m_rows.size(); ++row) {
        if (m_return.lines[m_rows[row].lineIndex].lineItemId == lineItemId)
            return row;
    }
    return -1;
}

int ExpectedItemsModel::receivedCount() const
{
    return int(
        std::count_if(m_rows.cbegin(), m_rows.cend(), [](const Row& row) { return row.kind == RowKind::Received; }));
}

int ExpectedItemsModel::missingCount() const
{
    return int(
        std::count_if(m_rows.cbegin(), m_rows.cend(), [](const Row& row) { return row.kind == RowKind::Missing; }));
}

int ExpectedItemsModel::unexpectedCount() const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(),
        [](const Row& row) { return row.kind == RowKind::Extra || row.kind == RowKind::Unexpected; }));
}

} // namespace Dockside
