#include "OverrideNoteDialog.h"

#include "ui_OverrideNoteDialog.h"

#include <QPushButton>
#include <QShortcut>

using namespace Qt::StringLiterals;

namespace Dockside {

OverrideNoteDialog::OverrideNoteDialog(QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::OverrideNoteDialog>())
{
    m_ui->setupUi(this);
    setObjectName(u"overrideNoteDialog"_s);
    connect(m_ui->noteDialogButtonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->noteDialogButtonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->notePlainTextEdit, &QPlainTextEdit::textChanged, this, &OverrideNoteDialog::updateAcceptable);
    // Enter types a new line in the note; Ctrl+Enter is the keyboard way to OK.
    for (const QKeySequence& keys :
        { QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter) }) {
        auto* shortcut = new QShortcut(keys, this);
        connect(shortcut, &QShortcut::activated, this, [this] {
            if (m_ui->noteDialogButtonBox->button(QDialogButtonBox::Ok)->isEnabled())
                accept();
        });
    }
    updateAcceptable();
    m_ui->notePlainTextEdit->setFocus();
}

OverrideNoteDialog::~OverrideNoteDialog() = default;

void OverrideNoteDialog::setAction(const QString& title, const QString& explanation, const QString& acceptText)
{
    setWindowTitle(title);
    m_ui->titleLabel->setText(title);
    m_ui->explanationLabel->setText(explanation);
    QPushButton* ok = m_ui->noteDialogButtonBox->button(QDialogButtonBox::Ok);
    ok->setText(acceptText);
    ok->setToolTip(tr("Ctrl+Enter"));
}

QString OverrideNoteDialog::note() const
{
    return m_ui->notePlainTextEdit->toPlainText().trimmed();
}

void OverrideNoteDialog::updateAcceptable()
{
    m_ui->noteDialogButtonBox->button(QDialogButtonBox::Ok)->setEnabled(!note().isEmpty());
}

} // namespace Dockside
