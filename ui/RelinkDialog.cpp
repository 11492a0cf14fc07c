#include "RelinkDialog.h"

#include "ErrorTexts.h"
#include "SupervisorText.h"
#include "receiving/ScanResolver.h"
#include "storage/MerchantRepository.h"
#include "storage/ReturnRepository.h"
#include "ui_RelinkDialog.h"

#include <QHash>
#include <QPushButton>
#include <QShortcut>

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {
constexpr int kReturnIdRole = Qt::UserRole + 1;
}

RelinkDialog::RelinkDialog(Database& database, const UnknownPackage& package, QWidget* parent)
    : QDialog(parent)
    , m_database(database)
    , m_ui(std::make_unique<Ui::RelinkDialog>())
{
    m_ui->setupUi(this);
    setObjectName(u"relinkDialog"_s);
    m_ui->packageLabel->setText(
        tr("Package scanned as <b>%1</b> by %2 at %3, %4.")
            .arg(SupervisorText::visibleScan(package.rawScan).toHtmlEscaped(), package.user.toHtmlEscaped(),
                package.station.toHtmlEscaped(), SupervisorText::time(package.receivedAt)));
    m_ui->candidatesListWidget->setVisible(false);

    connect(m_ui->relinkDialogButtonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->relinkDialogButtonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->findPushButton, &QPushButton::clicked, this, [this] { find(m_ui->returnCodeLineEdit->text()); });
    connect(m_ui->candidatesListWidget, &QListWidget::currentRowChanged, this, &RelinkDialog::updateAcceptable);
    connect(
        m_ui->candidatesListWidget, &QListWidget::itemActivated, this, [this] { m_ui->notePlainTextEdit->setFocus(); });
    connect(m_ui->notePlainTextEdit, &QPlainTextEdit::textChanged, this, &RelinkDialog::updateAcceptable);
    for (const QKeySequence& keys :
        { QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter) }) {
        auto* shortcut = new QShortcut(keys, this);
        connect(shortcut, &QShortcut::activated, this, [this] {
            if (m_ui->relinkDialogButtonBox->button(QDialogButtonBox::Ok)->isEnabled())
                accept();
        });
    }
    QPushButton* ok = m_ui->relinkDialogButtonBox->button(QDialogButtonBox::Ok);
    ok->setText(tr("Re-link"));
    ok->setAutoDefault(false);
    ok->setToolTip(tr("Ctrl+Enter"));
    m_ui->relinkDialogButtonBox->button(QDialogButtonBox::Cancel)->setAutoDefault(false);

    m_ui->returnCodeLineEdit->setText(package.rawScan);
    find(package.rawScan);
    m_ui->returnCodeLineEdit->selectAll();
    m_ui->returnCodeLineEdit->setFocus();
}

RelinkDialog::~RelinkDialog() = default;

qint64 RelinkDialog::selectedReturnId() const
{
    const QListWidgetItem* item = m_ui->candidatesListWidget->currentItem();
    return item ? item->data(kReturnIdRole).toLongLong() : 0;
}

QString RelinkDialog::note() const
{
    return m_ui->notePlainTextEdit->toPlainText().trimmed();
}

void RelinkDialog::find(const QString& code)
{
    QListWidget* list = m_ui->candidatesListWidget;
    list->clear();
    list->setVisible(false);
    updateAcceptable();

    const Result<ScanResolver::Resolution> resolved = ScanResolver(m_database).resolve(code);
    if (!resolved) {
        m_ui->matchMessageLabel->setText(resolved.error().kind == Error::Kind::Validation
                ? tr("Dockside cannot read that as a code. Scan the return's label again, or type its order name "
                     "or Loop return number.")
                : tr("Could not look the code up: %1").arg(ErrorTexts::message(resolved.error())));
        return;
    }
    if (resolved->outcome == ScanResolver::Outcome::None) {
        m_ui->matchMessageLabel->setText(tr("No return matches \"%1\". Check the code, or wait for the next sync "
                                            "if the return is new in Loop.")
                                             .arg(SupervisorText::visibleScan(code.trimmed())));
        return;
    }

    ReturnRepository returns(m_database);
    MerchantRepository merchants(m_database);
    QHash<qint64, QString> merchantNames;
    for (const qint64 returnId : resolved->returnIds) {
        const Result<std::optional<Return>> found = returns.find(returnId);
        if (!found || !*found)
            continue;
        const Return& value = **found;
        if (!merchantNames.contains(value.merchantId)) {
            const Result<std::optional<Merchant>> merchant = merchants.find(value.merchantId);
            merchantNames.insert(value.merchantId, merchant && *merchant ? (*merchant)->name : QString());
        }
        const QString text = tr("%1 · %2 · Loop return %3 · %4 · %5", "order, merchant, return number, email, state")
                                 .arg(value.orderName, merchantNames.value(value.merchantId))
                                 .arg(value.loopId)
                                 .arg(value.customerEmail, SupervisorText::returnState(value.state));
        auto* item = new QListWidgetItem(text, list);
        item->setData(kReturnIdRole, value.id);
    }
    list->setVisible(list->count() > 0);
    if (list->count() == 1) {
        list->setCurrentRow(0);
        m_ui->matchMessageLabel->setText(resolved->itemMatch
                ? tr("One return has an item with this code. Check it is the right one.")
                : tr("This code names one return."));
    } else {
        m_ui->matchMessageLabel->setText(resolved->truncated
                ? tr("More than %n returns match: showing the first ones. A more precise code narrows it down.", "",
                    int(list->count()))
                : tr("%n returns match: pick the right one.", "", int(list->count())));
    }
    updateAcceptable();
}

void RelinkDialog::updateAcceptable()
{
    m_ui->relinkDialogButtonBox->button(QDialogButtonBox::Ok)->setEnabled(selectedReturnId() > 0 && !note().isEmpty());
}

} // namespace Dockside
