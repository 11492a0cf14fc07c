#include "ChooserDialog.h"

#include "ReceivingTexts.h"
#include "ui_ChooserDialog.h"

#include <QPushButton>

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {
constexpr int kReturnIdRole = Qt::UserRole + 1;
}

ChooserDialog::ChooserDialog(QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ChooserDialog>())
{
    m_ui->setupUi(this);
    setObjectName(u"chooserDialog"_s);
    QPushButton* open = m_ui->chooserButtonBox->button(QDialogButtonBox::Ok);
    open->setText(tr("Open this return"));
    open->setObjectName(u"openReturnPushButton"_s);
    open->setDefault(true);
    m_ui->chooserButtonBox->button(QDialogButtonBox::Cancel)->setObjectName(u"cancelChooserPushButton"_s);
    connect(m_ui->chooserButtonBox, &QDialogButtonBox::accepted, this, &ChooserDialog::accept);
    connect(m_ui->chooserButtonBox, &QDialogButtonBox::rejected, this, &ChooserDialog::reject);
    connect(m_ui->candidatesTreeWidget, &QTreeWidget::itemDoubleClicked, this, &ChooserDialog::accept);
}

ChooserDialog::~ChooserDialog() = default;

void ChooserDialog::setCandidates(
    const QString& scan, const QList<Candidate>& candidates, bool itemMatch, bool truncated)
{
    m_candidates = candidates;
    if (itemMatch)
        m_ui->titleLabel->setText(candidates.size() == 1 ? tr("This item is on one return")
                                                         : tr("This item is on %1 returns").arg(candidates.size()));
    else
        m_ui->titleLabel->setText(tr("%1 returns match this scan").arg(candidates.size()));
    QString explanation = itemMatch
        ? tr("“%1” is an item code, not a label. Pick the return this package belongs to (check the packing "
             "slip), or press Escape and scan the label.")
              .arg(scan.simplified())
        : tr("“%1” matches more than one return. Pick the one whose order and customer are on the package.")
              .arg(scan.simplified());
    if (truncated)
        explanation
            += u' ' + tr("Only the first %1 are listed; scan the label to narrow it down.").arg(candidates.size());
    m_ui->explanationLabel->setText(explanation);

    QTreeWidget* tree = m_ui->candidatesTreeWidget;
    tree->clear();
    for (const Candidate& candidate : candidates) {
        auto* item = new QTreeWidgetItem(tree,
            QStringList { candidate.merchant, QString::number(candidate.loopId),
                candidate.orderName.isEmpty() ? tr("—") : candidate.orderName,
                candidate.customer.isEmpty() ? tr("—") : candidate.customer, ReceivingTexts::stateName(candidate.state),
                ReceivingTexts::labelStatusName(candidate.labelStatus), candidate.matchedBy });
        item->setData(0, kReturnIdRole, candidate.returnId);
        if (candidate.state != ReturnState::Open) {
            item->setForeground(4, QColor(0xb7, 0x1c, 0x1c));
            item->setToolTip(4, tr("Not open in Loop: receiving it will flag it for a supervisor."));
        }
    }
    for (int column = 0; column < tree->columnCount(); ++column)
        tree->resizeColumnToContents(column);
    if (tree->topLevelItemCount() > 0)
        tree->setCurrentItem(tree->topLevelItem(0));
    tree->setFocus();
}

std::optional<qint64> ChooserDialog::chosenReturnId() const
{
    const QTreeWidgetItem* item = m_ui->candidatesTreeWidget->currentItem();
    if (!item)
        return std::nullopt;
    return item->data(0, kReturnIdRole).toLongLong();
}

} // namespace Dockside
