#include "ReceivePage.h"

#include "CameraCaptureDialog.h"
#include "CameraPhotoSource.h"
#include "ChooserDialog.h"
#include "ErrorTexts.h"
#include "ExpectedItemsModel.h"
#include "PhotoImporter.h"
#include "ReceivingTexts.h"
#include "UnknownPackageDialog.h"
#include "WedgeScanDetector.h"
#include "domain/ScanKey.h"
#include "receiving/ExceptionQueue.h"
#include "receiving/ReceivingService.h"
#include "storage/MerchantRepository.h"
#include "storage/ReturnRepository.h"
#include "util/Clock.h"
#include "ui_ReceivePage.h"

#include <QApplication>
#include <QFileDialog>
#include <QFontMetrics>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMessageBox>
#include <QResizeEvent>
#include <QShortcut>
#include <QStandardPaths>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {
// Long enough for a slow inspection, well inside the claim's 15 minutes.
constexpr int kClaimRenewalMs = 5 * 60 * 1000;
// A digit in the empty scan field waits this long for a scanner's next key before it counts as a grade key.
constexpr int kGradeKeyWaitMs = WedgeScanDetector::kDefaultMaxGapMs + 25;
// Below this the item's title would be cut to a word or two: the SKU and barcode columns make room for it.
constexpr int kMinItemTitleWidth = 260;

bool isSeparator(QChar c)
{
    return c == QChar(0x1D) || c == QChar(0x1E) || c == QChar(0x04);
}

QString matchedByText(ScanKeyKind kind)
{
    switch (kind) {
    case ScanKeyKind::Tracking:
        return ReceivePage::tr("tracking number");
    case ScanKeyKind::ReturnId:
        return ReceivePage::tr("return number");
    case ScanKeyKind::OrderName:
        return ReceivePage::tr("order number");
    case ScanKeyKind::Email:
        return ReceivePage::tr("customer e-mail");
    case ScanKeyKind::Barcode:
        return ReceivePage::tr("item barcode");
    case ScanKeyKind::Sku:
        return ReceivePage::tr("item SKU");
    }
    return scanKeyKindCode(kind);
}

QString callName(OutboxKind kind)
{
    switch (kind) {
    case OutboxKind::Process:
        return ReceivePage::tr("process", "Loop call");
    case OutboxKind::Flag:
        return ReceivePage::tr("flag", "Loop call");
    case OutboxKind::Note:
        return ReceivePage::tr("note", "Loop call");
    case OutboxKind::Grade:
        return ReceivePage::tr("grades", "Loop call");
    case OutboxKind::Assess:
        return ReceivePage::tr("dispositions", "Loop call");
    case OutboxKind::Close:
        return ReceivePage::tr("close", "Loop call");
    case OutboxKind::Cancel:
        return ReceivePage::tr("cancel", "Loop call");
    }
    return outboxKindCode(kind);
}

QString lineTitle(const ReturnLine& line)
{
    return line.title.trimmed().isEmpty() ? (line.sku.isEmpty() ? QString::number(line.lineItemId) : line.sku)
                                          : line.title.trimmed();
}

// Errors after which the session cannot go on: the return went elsewhere or is done.
bool endsSession(const Error& error)
{
    return error.code == u"receiving.claim_lost"_s || error.code == u"receiving.already_received"_s
        || error.code == u"receiving.submitted"_s || error.code == u"receiving.abandoned"_s
        || error.code == u"receiving.return.gone"_s;
}
} // namespace

ReceivePage::ReceivePage(QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::ReceivePage>())
    , m_items(new ExpectedItemsModel(this))
    , m_feedback(new FeedbackPlayer(this))
    , m_wedge(new WedgeScanDetector(this))
    , m_gradeKeyTimer(new QTimer(this))
    , m_claimTimer(new QTimer(this))
{
    m_ui->setupUi(this);
    // A long merchant name (or a longer language) must not make the window wider than the dock's screen: the
    // header gives way and is cut instead, with the whole text in its tooltip.
    for (QLabel* label : {m_ui->returnHeaderLabel, m_ui->orderLabel})
        label->setSizePolicy(QSizePolicy::Ignored, label->sizePolicy().verticalPolicy());
    setObjectName(u"receivePage"_s);
    setFocusProxy(m_ui->scanLineEdit); // whoever focuses the page lands in the scan field
    m_feedback->setBanner(m_ui->feedbackLabel);

    m_conditionButtons = { m_ui->gradeAPushButton, m_ui->gradeBPushButton, m_ui->gradeCPushButton,
        m_ui->gradeDPushButton, m_ui->incorrectItemPushButton, m_ui->junkPushButton };
    const QList<Condition> conditions = ReceivingTexts::gradingConditions();
    for (int i = 0; i < m_conditionButtons.size(); ++i) {
        QPushButton* button = m_conditionButtons[i];
        button->setCheckable(true);
        button->setFocusPolicy(Qt::NoFocus);
        button->setMinimumHeight(52);
        button->setStyleSheet(u"QPushButton { font-size: 13pt; font-weight: 600; text-align: left; padding: 4px 10px; }"
                              u"QPushButton:checked { background: #1565c0; color: white; border-radius: 4px; }"_s);
        const Condition condition = conditions[i];
        connect(button, &QPushButton::clicked, this, [this, condition] { setCondition(condition); });
    }

    setupTable();
    setupShortcuts();
    retranslate();

    m_ui->scanLineEdit->installEventFilter(this);
    m_ui->noteLineEdit->installEventFilter(this);
    m_ui->packageNoteLineEdit->installEventFilter(this);
    m_ui->expectedItemsTableView->viewport()->installEventFilter(this);
    connect(m_ui->scanLineEdit, &QLineEdit::returnPressed, this, &ReceivePage::scanFromField);
    connect(m_ui->scanLineEdit, &QLineEdit::textEdited, this, [this] { m_gradeKeysArmed = false; });
    connect(m_ui->undoPushButton, &QPushButton::clicked, this, &ReceivePage::undoLastScan);
    connect(m_ui->submitPushButton, &QPushButton::clicked, this, &ReceivePage::submitOrConfirm);
    connect(m_ui->confirmSubmitPushButton, &QPushButton::clicked, this, &ReceivePage::confirmSubmit);
    connect(m_ui->backToItemsPushButton, &QPushButton::clicked, this, &ReceivePage::backToItems);
    connect(m_ui->abandonPushButton, &QPushButton::clicked, this, &ReceivePage::escapePressed);
    connect(m_ui->markMissingPushButton, &QPushButton::clicked, this, &ReceivePage::toggleMissing);
    connect(m_ui->receiveWithoutScanPushButton, &QPushButton::clicked, this, &ReceivePage::receiveWithoutScan);
    connect(m_ui->addPhotoPushButton, &QPushButton::clicked, this, &ReceivePage::choosePhotos);
    connect(m_ui->takePhotoPushButton, &QPushButton::clicked, this, &ReceivePage::takePhotos);
    setPhotoCapture(new CameraPhotoSource(this), PhotoStore());
    connect(m_ui->noteLineEdit, &QLineEdit::returnPressed, this, &ReceivePage::saveNote);
    connect(m_ui->packageNoteLineEdit, &QLineEdit::returnPressed, this, &ReceivePage::savePackageNote);
    connect(m_ui->dispositionComboBox, &QComboBox::activated, this, [this](int index) {
        const QVariant code = m_ui->dispositionComboBox->itemData(index);
        setDisposition(code.isValid() ? dispositionFromCode(code.toString()) : std::nullopt);
    });

    // While the decision is shown, the items are read, not edited: the decision gets the room.
    connect(m_ui->actionsStackedWidget, &QStackedWidget::currentChanged, this,
        [this] { m_ui->itemGroupBox->setVisible(m_ui->actionsStackedWidget->currentWidget() == m_ui->actionsPage); });
    m_gradeKeyTimer->setSingleShot(true);
    m_gradeKeyTimer->setInterval(kGradeKeyWaitMs);
    connect(m_gradeKeyTimer, &QTimer::timeout, this, &ReceivePage::applyHeldGradeKey);
    m_claimTimer->setInterval(kClaimRenewalMs);
    connect(m_claimTimer, &QTimer::timeout, this, &ReceivePage::renewClaim);

    m_wedge->setWindow(window());
    m_wedge->setScanField(m_ui->scanLineEdit);
    connect(m_wedge, &WedgeScanDetector::scanned, this, &ReceivePage::scan);

    updateAvailability();
}

// The session is dropped, not abandoned: the database may already be gone (see setStation), and an unreleased
// claim lapses on its own.
ReceivePage::~ReceivePage()
{
    if (qApp)
        qApp->removeEventFilter(m_wedge);
}

void ReceivePage::setupTable()
{
    QTableView* table = m_ui->expectedItemsTableView;
    table->setModel(m_items);
    QHeaderView* header = table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ExpectedItemsModel::ItemColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(ExpectedItemsModel::ReasonColumn, QHeaderView::Interactive);
    header->resizeSection(ExpectedItemsModel::ReasonColumn, 130);
    header->setSectionResizeMode(ExpectedItemsModel::NotesColumn, QHeaderView::Interactive);
    header->resizeSection(ExpectedItemsModel::NotesColumn, 140);
    header->setMinimumSectionSize(48);
    // Shown once an item has one: most receipts have neither, and the item's title needs the room.
    table->setColumnHidden(ExpectedItemsModel::DispositionColumn, true);
    table->setColumnHidden(ExpectedItemsModel::NotesColumn, true);
    table->verticalHeader()->setDefaultSectionSize(54); // two lines of a long title
    connect(table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex& current) { currentRowChanged(current.isValid() ? current.row() : -1); });
}

void ReceivePage::setupShortcuts()
{
    const auto add = [this](const QKeySequence& keys, auto slot) {
        auto* shortcut = new QShortcut(keys, this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, slot);
        return shortcut;
    };
    add(QKeySequence(Qt::CTRL | Qt::Key_Z), [this] { undoLastScan(); });
    add(QKeySequence(Qt::CTRL | Qt::Key_Return), [this] { submitOrConfirm(); });
    add(QKeySequence(Qt::CTRL | Qt::Key_Enter), [this] { submitOrConfirm(); });
    add(QKeySequence(Qt::Key_Escape), [this] { escapePressed(); });
    add(QKeySequence(Qt::CTRL | Qt::Key_M), [this] { toggleMissing(); });
    add(QKeySequence(Qt::CTRL | Qt::Key_R), [this] { receiveWithoutScan(); });
    add(QKeySequence(Qt::CTRL | Qt::Key_P), [this] { choosePhotos(); });
    add(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), [this] { takePhotos(); });
    add(QKeySequence(Qt::CTRL | Qt::Key_N), [this] {
        if (m_session && m_focus.unitKey) {
            m_ui->noteLineEdit->setFocus();
            m_ui->noteLineEdit->selectAll();
        }
    });
    add(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N), [this] {
        if (m_session && m_ui->actionsStackedWidget->currentWidget() == m_ui->actionsPage) {
            m_ui->packageNoteLineEdit->setFocus();
            m_ui->packageNoteLineEdit->selectAll();
        }
    });
    const QList<Condition> conditions = ReceivingTexts::gradingConditions();
    for (int i = 0; i < conditions.size(); ++i) {
        const Condition condition = conditions[i];
        add(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)), [this, condition] { setCondition(condition); });
    }
    const QList<Disposition> dispositions = ReceivingTexts::choosableDispositions();
    for (int i = 0; i < dispositions.size(); ++i) {
        const Disposition disposition = dispositions[i];
        add(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + i)), [this, disposition] { setDisposition(disposition); });
    }
}

void ReceivePage::retranslate()
{
    const QList<Condition> conditions = ReceivingTexts::gradingConditions();
    for (int i = 0; i < m_conditionButtons.size(); ++i) {
        m_conditionButtons[i]->setText(tr("%1   %2").arg(i + 1).arg(ReceivingTexts::conditionName(conditions[i])));
        m_conditionButtons[i]->setToolTip(
            tr("%1 (key %2, or Ctrl+%2)").arg(ReceivingTexts::conditionHint(conditions[i])).arg(i + 1));
    }
    m_ui->dispositionComboBox->clear();
    m_ui->dispositionComboBox->addItem(tr("Not set"));
    const QList<Disposition> dispositions = ReceivingTexts::choosableDispositions();
    for (int i = 0; i < dispositions.size(); ++i) {
        m_ui->dispositionComboBox->addItem(
            tr("%1   Alt+%2").arg(ReceivingTexts::dispositionName(dispositions[i])).arg(i + 1),
            dispositionCode(dispositions[i]));
    }
    m_ui->idleHintLabel->setText(
        tr("Scan the label on the parcel. An order number (#1042), a return number, the customer's e-mail or an "
           "item barcode work too; type one and press Enter if the label is unreadable.\n\n"
           "Then scan each item and press its condition key (1 Grade A … 6 Junk). Ctrl+Enter shows the decision, "
           "Ctrl+Enter again sends it. Ctrl+Z undoes the last scan, Esc gives the return back."));
    updateTakePhotoButton();
    if (m_session) {
        updateHeader();
        updateProgress();
        updateItemPanel();
    } else if (m_database) {
        m_feedback->showIdle(tr("Ready for the next package"));
    }
}

QList<std::pair<QString, QString>> ReceivePage::shortcutHelp() const
{
    return {
        { tr("Enter"), tr("Look up what was typed in the scan field") },
        { tr("1 … 6"), tr("Condition of the scanned item (in the empty scan field)") },
        { tr("Ctrl+1 … Ctrl+6"), tr("Condition of the selected item") },
        { tr("Alt+1 … Alt+4"), tr("Disposition of the selected item") },
        { tr("Up, Down"), tr("Select another item") },
        { tr("Ctrl+N"), tr("Note on the selected item (Enter saves)") },
        { tr("Ctrl+Shift+N"), tr("Note on the whole package, e.g. a crushed box (Enter saves)") },
        { tr("Ctrl+P"), tr("Add a photo file to the selected item") },
        { tr("Ctrl+Shift+P"), tr("Take photos of the selected item with the camera") },
        { tr("Ctrl+M"), tr("Mark the selected item missing, or not missing") },
        { tr("Ctrl+R"), tr("Receive the selected item without scanning it") },
        { tr("Ctrl+Z"), tr("Undo the last scan") },
        { tr("Ctrl+Enter"), tr("Show the decision; again: send it to Loop") },
        { tr("Esc"), tr("Back from the decision; give the return back") },
    };
}

void ReceivePage::setStation(Database* database, const Clock* clock, const StationIdentity& identity)
{
    if (m_session && m_database) {
        if (const Status given = m_session->abandon(); !given)
            qWarning("receive: could not give return back: %s", qPrintable(given.error().toLogString()));
    }
    closeSession();
    m_database = clock ? database : nullptr;
    m_clock = clock;
    m_identity = identity;
    updateAvailability();
}

void ReceivePage::setSoundMuted(bool muted)
{
    m_feedback->setMuted(muted);
}

std::optional<qint64> ReceivePage::openReturnId() const
{
    return m_session ? std::optional<qint64>(m_session->returnValue().id) : std::nullopt;
}

void ReceivePage::updateAvailability()
{
    const bool connected = m_database != nullptr;
    m_ui->scanLineEdit->setEnabled(connected);
    m_ui->undoPushButton->setEnabled(connected && m_session);
    m_wedge->setEnabled(connected);
    if (!connected) {
        m_ui->pageStackedWidget->setCurrentWidget(m_ui->disconnectedPage);
        m_feedback->play(FeedbackPlayer::Cue::Notice, tr("Not connected to the database"));
        return;
    }
    if (!m_session) {
        m_ui->pageStackedWidget->setCurrentWidget(m_ui->idlePage);
        m_feedback->showIdle(tr("Ready for the next package"));
    }
}

void ReceivePage::focusScanField()
{
    if (m_ui->scanLineEdit->isEnabled())
        m_ui->scanLineEdit->setFocus(Qt::OtherFocusReason);
}

void ReceivePage::focusAfterDialog()
{
    // The window manager usually gives the window back its activation when a dialog closes; not every one does.
    if (isVisible() && !dialogOpen() && !QApplication::activeModalWidget())
        activateWindow();
    focusScanField();
}

void ReceivePage::report(FeedbackPlayer::Cue cue, const QString& text)
{
    m_feedback->play(cue, text);
    Q_EMIT statusMessage(text);
}

bool ReceivePage::dialogOpen() const
{
    return (m_chooser && m_chooser->isVisible()) || (m_unknown && m_unknown->isVisible())
        || (m_question && m_question->isVisible()) || (m_camera && m_camera->isVisible());
}

// ---------------------------------------------------------------------------------------------------------------
// Scans

void ReceivePage::scanFromField()
{
    const QString raw = m_ui->scanLineEdit->text();
    m_ui->scanLineEdit->clear();
    scan(raw);
}

void ReceivePage::scan(const QString& raw)
{
    if (raw.trimmed().isEmpty())
        return;
    if (!m_database) {
        report(FeedbackPlayer::Cue::Problem, tr("Not connected to the database: the scan was not looked up."));
        return;
    }
    if (dialogOpen()) {
        report(FeedbackPlayer::Cue::Problem, tr("Finish the open window first, then scan again."));
        return;
    }
    if (m_session && m_focus.unitKey && m_ui->noteLineEdit->hasFocus()) {
        // A scan arrived while a note was being typed (a wedge burst): the note is kept, as Enter would keep it.
        const QString note = m_ui->noteLineEdit->text().trimmed();
        const ReceivingSession::Unit* unit = m_items->unitAt(m_items->rowForUnit(*m_focus.unitKey));
        if (unit && unit->line.note != note) {
            if (const Status set = m_session->setNote(*m_focus.unitKey, note); !set) {
                sessionFailed(set.error());
                return;
            }
            showUnits();
        }
    }
    if (m_ui->packageNoteLineEdit->hasFocus() && !keepPackageNote())
        return;
    if (m_session)
        scanWithReturn(raw);
    else
        scanWithoutReturn(raw);
    if (!dialogOpen())
        focusScanField();
    if (m_session)
        updateItemPanel();
}

std::optional<ScanResolver::Resolution> ReceivePage::resolve(const QString& raw)
{
    Result<ScanResolver::Resolution> resolved = ScanResolver(*m_database).resolve(raw);
    if (!resolved) {
        report(resolved.error().kind == Error::Kind::Validation ? FeedbackPlayer::Cue::UnknownScan
                                                                : FeedbackPlayer::Cue::Problem,
            ErrorTexts::message(resolved.error()));
        return std::nullopt;
    }
    return std::move(*resolved);
}

void ReceivePage::scanWithoutReturn(const QString& raw)
{
    const std::optional<ScanResolver::Resolution> resolution = resolve(raw);
    if (!resolution)
        return;
    switch (resolution->outcome) {
    case ScanResolver::Outcome::None:
        askUnknownPackage(raw);
        return;
    case ScanResolver::Outcome::One:
        if (!resolution->itemMatch) {
            openReturn(*resolution->returnId(), QString());
            return;
        }
        break; // an item code: the receiver confirms which return it came with
    case ScanResolver::Outcome::Several:
        break;
    }
    offerChoice(raw, *resolution);
}

bool ReceivePage::isOnOpenReturn(const QString& raw) const
{
    const QString code = ScanKey::normalizeCode(raw);
    if (code.isEmpty() || !m_session)
        return false;
    for (const ReturnLine& line : m_session->returnValue().lines) {
        if ((!line.barcode.isEmpty() && ScanKey::normalizeCode(line.barcode) == code)
            || (!line.sku.isEmpty() && ScanKey::normalizeCode(line.sku) == code))
            return true;
    }
    return false;
}

void ReceivePage::scanWithReturn(const QString& raw)
{
    // The items of the open return first: an item code may also be on other returns.
    if (isOnOpenReturn(raw)) {
        scanItem(raw);
        return;
    }
    const std::optional<ScanResolver::Resolution> resolution = resolve(raw);
    if (!resolution)
        return;
    const qint64 openId = m_session->returnValue().id;
    if (resolution->outcome != ScanResolver::Outcome::None && !resolution->itemMatch) {
        if (resolution->returnIds.contains(openId)) {
            report(FeedbackPlayer::Cue::Notice,
                tr("That is the label of return %1, which is open: scan its items.")
                    .arg(m_session->returnValue().loopId));
            return;
        }
        askToSwitch(raw, *resolution);
        return;
    }
    if (resolution->outcome == ScanResolver::Outcome::None) {
        // A carrier label is no item: a parcel's label read while this return is open is not put in this box.
        const QList<CarrierBarcode::Reading>& formats = resolution->candidates.formats();
        const auto isKind = [&formats](ScanKeyKind kind) {
            return std::any_of(formats.cbegin(), formats.cend(),
                [kind](const CarrierBarcode::Reading& reading) { return reading.kind == kind; });
        };
        if (isKind(ScanKeyKind::Tracking) && !isKind(ScanKeyKind::Barcode)) {
            report(FeedbackPlayer::Cue::UnknownScan,
                tr("That parcel label matches no return, so it was not added to return %1. Submit or give back this "
                   "return, then scan the label again to record the package as unknown.")
                    .arg(m_session->returnValue().loopId));
            return;
        }
    }
    // Nothing, or an item of other returns: it is in this box, so it is an unexpected item of this return.
    scanItem(raw);
}

void ReceivePage::offerChoice(const QString& raw, const ScanResolver::Resolution& resolution)
{
    ReturnRepository returns(*m_database);
    MerchantRepository merchants(*m_database);
    QHash<qint64, QString> merchantNames;
    QList<ChooserDialog::Candidate> candidates;
    for (const qint64 id : resolution.returnIds) {
        const Result<std::optional<Return>> found = returns.find(id);
        if (!found) {
            report(FeedbackPlayer::Cue::Problem, ErrorTexts::message(found.error()));
            return;
        }
        if (!found->has_value())
            continue;
        const Return& value = **found;
        if (!merchantNames.contains(value.merchantId)) {
            const Result<std::optional<Merchant>> merchant = merchants.find(value.merchantId);
            merchantNames.insert(value.merchantId, merchant && merchant->has_value() ? (*merchant)->name : QString());
        }
        QStringList matched;
        for (const ScanKeyKind kind : resolution.kindsFor(id))
            matched << matchedByText(kind);
        candidates << ChooserDialog::Candidate { value.id, value.loopId, merchantNames.value(value.merchantId),
            value.orderName, value.customerEmail, value.state, value.labelStatus, matched.join(tr(", ")) };
    }
    if (candidates.isEmpty()) {
        askUnknownPackage(raw);
        return;
    }

    auto* chooser = new ChooserDialog(this);
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    chooser->setCandidates(raw, candidates, resolution.itemMatch, resolution.truncated);
    const bool itemMatch = resolution.itemMatch;
    connect(chooser, &QDialog::accepted, this, [this, chooser, raw, itemMatch] {
        const std::optional<qint64> chosen = chooser->chosenReturnId();
        if (chosen)
            openReturn(*chosen, itemMatch ? raw : QString());
    });
    connect(chooser, &QDialog::finished, this, [this] { QTimer::singleShot(0, this, &ReceivePage::focusAfterDialog); });
    m_chooser = chooser;
    report(FeedbackPlayer::Cue::Notice,
        resolution.itemMatch ? tr("An item code: pick the return it came with.")
                             : tr("%n returns match: pick one.", nullptr, int(candidates.size())));
    chooser->open();
}

void ReceivePage::askToSwitch(const QString& raw, const ScanResolver::Resolution& resolution)
{
    const Return& open = m_session->returnValue();
    const qsizetype recorded = m_session->units().size();
    auto* box = new QMessageBox(QMessageBox::Question, tr("Another package?"),
        tr("This scan is the label of another return, not of return %1 that is open.").arg(open.loopId),
        QMessageBox::NoButton, this);
    box->setObjectName(u"switchReturnMessageBox"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(recorded == 0 ? tr("Give return %1 back and open the scanned one?").arg(open.loopId)
            : recorded == 1
            ? tr("Give return %1 back and open the scanned one? The item recorded on it is discarded.").arg(open.loopId)
            : tr("Give return %1 back and open the scanned one? The %2 items recorded on it are discarded.")
                  .arg(open.loopId)
                  .arg(recorded));
    QPushButton* switchButton = box->addButton(tr("Switch"), QMessageBox::AcceptRole);
    switchButton->setObjectName(u"switchReturnPushButton"_s);
    QPushButton* stayButton = box->addButton(tr("Stay on return %1").arg(open.loopId), QMessageBox::RejectRole);
    stayButton->setObjectName(u"stayOnReturnPushButton"_s);
    box->setDefaultButton(recorded == 0 ? switchButton : stayButton);
    box->setEscapeButton(stayButton);
    const ScanResolver::Resolution target = resolution;
    connect(box, &QDialog::finished, this, [this, box, switchButton, raw, target] {
        const bool switching = box->clickedButton() == switchButton;
        QTimer::singleShot(0, this, [this, switching, raw, target] {
            if (switching && m_session) {
                abandonReturn();
                if (!m_session) {
                    if (target.outcome == ScanResolver::Outcome::One)
                        openReturn(*target.returnId(), QString());
                    else
                        offerChoice(raw, target);
                }
            }
            if (!dialogOpen())
                focusAfterDialog();
        });
    });
    m_question = box;
    report(FeedbackPlayer::Cue::WrongItem, tr("That label belongs to another return."));
    box->open();
}

void ReceivePage::askUnknownPackage(const QString& raw)
{
    auto* dialog = new UnknownPackageDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setRawScan(raw);
    dialog->setPhotoCapture(m_photoSource, m_photoStore, m_clock);
    connect(dialog, &UnknownPackageDialog::recordRequested, this, &ReceivePage::recordUnknownPackage);
    connect(dialog, &QDialog::finished, this, [this] { QTimer::singleShot(0, this, &ReceivePage::focusAfterDialog); });
    m_unknown = dialog;
    report(FeedbackPlayer::Cue::UnknownScan, tr("No return matches this scan."));
    dialog->open();
}

void ReceivePage::recordUnknownPackage()
{
    if (!m_unknown || !m_database)
        return;
    // The photos go into the database first, so the supervisor sees them from any desk; a file that is no picture
    // keeps the form open (remove it or choose another), one the database refused is kept by its path.
    const PhotoImporter::Outcome photos
        = PhotoImporter(*m_database, m_identity.stationName, m_identity.userName, m_clock->now())
              .storeAll(m_unknown->photoPaths());
    if (!photos.refused.isEmpty()) {
        m_unknown->showError(tr("The package was not recorded: %1").arg(photos.refused.join(u' ')));
        return;
    }
    const Result<qint64> id = ExceptionQueue(*m_database, *m_clock)
                                  .record(m_unknown->rawScan(), m_identity.stationName, m_identity.userName,
                                      m_unknown->note(), photos.references);
    if (!id) {
        m_unknown->showError(tr("The package was not recorded: %1").arg(ErrorTexts::message(id.error())));
        return;
    }
    m_unknown->accept();
    if (photos.hasProblems())
        report(FeedbackPlayer::Cue::Problem,
            tr("Unknown package %1 recorded: put it on the exception shelf. %2").arg(*id).arg(photos.problems()));
    else
        report(FeedbackPlayer::Cue::Notice, tr("Unknown package %1 recorded: put it on the exception shelf.").arg(*id));
    Q_EMIT unknownPackageRecorded(*id);
}

void ReceivePage::openReturn(qint64 returnId, const QString& itemScan)
{
    Result<std::unique_ptr<ReceivingSession>> opened
        = ReceivingService(*m_database, *m_clock).open(returnId, m_identity.stationName, m_identity.userName);
    if (!opened) {
        report(FeedbackPlayer::Cue::Problem, ErrorTexts::message(opened.error()));
        return;
    }
    m_session = std::move(*opened);
    const Return& value = m_session->returnValue();
    const Result<std::optional<Merchant>> merchant = MerchantRepository(*m_database).find(value.merchantId);
    m_merchantName = merchant && merchant->has_value() ? (*merchant)->name : QString();

    m_focus = {};
    m_gradeKeysArmed = false;
    m_selectingProgrammatically = true;
    m_items->setReturn(value);
    m_selectingProgrammatically = false;
    m_ui->actionsStackedWidget->setCurrentWidget(m_ui->actionsPage);
    m_ui->pageStackedWidget->setCurrentWidget(m_ui->returnPage);
    m_ui->undoPushButton->setEnabled(true);
    m_claimTimer->start();
    updateHeader();
    refreshItems();

    const QStringList warnings = ReceivingTexts::warnings(value, m_session->rules());
    const QString opening = value.lines.size() == 1
        ? tr("Return %1: 1 item to check").arg(value.loopId)
        : tr("Return %1: %2 items to check").arg(value.loopId).arg(value.lines.size());
    if (warnings.isEmpty())
        report(FeedbackPlayer::Cue::GoodScan, opening);
    else
        report(FeedbackPlayer::Cue::Flagged, tr("%1. %2").arg(opening, warnings.join(tr(". "))));

    if (!itemScan.isEmpty())
        scanItem(itemScan);
}

void ReceivePage::scanItem(const QString& raw)
{
    const Result<ReceivingSession::ScanResult> scanned = m_session->scan(raw);
    if (!scanned) {
        sessionFailed(scanned.error());
        return;
    }
    m_focus = { scanned->key, scanned->lineItemId };
    m_gradeKeysArmed = false;
    m_ui->actionsStackedWidget->setCurrentWidget(m_ui->actionsPage);
    refreshItems();
    switch (scanned->kind) {
    case ReceivingSession::UnitKind::Expected:
        report(FeedbackPlayer::Cue::GoodScan, tr("%1: received. Its condition?").arg(scanned->title));
        break;
    case ReceivingSession::UnitKind::OverQuantity:
        report(FeedbackPlayer::Cue::WrongItem, tr("One more %1 than expected").arg(scanned->title));
        break;
    case ReceivingSession::UnitKind::Unexpected:
        report(FeedbackPlayer::Cue::WrongItem, tr("%1 is not on this return").arg(raw.simplified()));
        break;
    case ReceivingSession::UnitKind::Missing:
        break;
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Per item

void ReceivePage::setCondition(Condition condition)
{
    if (!m_session)
        return;
    if (!m_focus.unitKey) {
        report(FeedbackPlayer::Cue::Problem, tr("Scan the item first, or select a scanned one."));
        focusScanField();
        return;
    }
    if (const Status set = m_session->setCondition(*m_focus.unitKey, condition); !set) {
        sessionFailed(set.error());
        focusScanField();
        return;
    }
    m_gradeKeysArmed = true;
    m_ui->actionsStackedWidget->setCurrentWidget(m_ui->actionsPage);
    refreshItems();
    const ReceivingSession::Unit* unit = m_items->unitAt(m_items->rowForUnit(*m_focus.unitKey));
    const ReturnLine* line = m_items->lineAt(m_items->rowForUnit(*m_focus.unitKey));
    const QString what = line ? lineTitle(*line) : (unit ? unit->line.scannedCode.simplified() : QString());
    if (m_session->rules().isAcceptable(condition))
        report(FeedbackPlayer::Cue::Notice, tr("%1: %2").arg(what, ReceivingTexts::conditionName(condition)));
    else
        report(FeedbackPlayer::Cue::Flagged,
            tr("%1: %2. The return will be flagged for a supervisor.")
                .arg(what, ReceivingTexts::conditionName(condition)));
    focusScanField();
}

void ReceivePage::setDisposition(std::optional<Disposition> disposition)
{
    if (!m_session)
        return;
    if (!m_focus.unitKey) {
        report(FeedbackPlayer::Cue::Problem, tr("Scan the item first, or select a scanned one."));
        focusScanField();
        return;
    }
    if (const Status set = m_session->setDisposition(*m_focus.unitKey, disposition); !set) {
        sessionFailed(set.error());
        updateItemPanel();
        focusScanField();
        return;
    }
    refreshItems();
    report(FeedbackPlayer::Cue::Notice,
        disposition ? tr("Disposition: %1").arg(ReceivingTexts::dispositionName(*disposition))
                    : tr("Disposition cleared"));
    focusScanField();
}

void ReceivePage::saveNote()
{
    if (!m_session || !m_focus.unitKey) {
        focusScanField();
        return;
    }
    if (const Status set = m_session->setNote(*m_focus.unitKey, m_ui->noteLineEdit->text().trimmed()); !set) {
        sessionFailed(set.error());
    } else {
        refreshItems();
        report(FeedbackPlayer::Cue::Notice, tr("Note saved"));
    }
    focusScanField();
}

bool ReceivePage::keepPackageNote()
{
    if (!m_session || m_session->receiptNote() == m_ui->packageNoteLineEdit->text().trimmed())
        return true;
    if (const Status set = m_session->setReceiptNote(m_ui->packageNoteLineEdit->text().trimmed()); !set) {
        sessionFailed(set.error());
        return false;
    }
    return true;
}

void ReceivePage::savePackageNote()
{
    if (m_session && keepPackageNote()) {
        report(FeedbackPlayer::Cue::Notice,
            m_session->receiptNote().isEmpty() ? tr("Package note removed") : tr("Package note saved"));
    }
    focusScanField();
}

std::optional<int> ReceivePage::photoTarget()
{
    if (!m_session)
        return std::nullopt;
    if (!m_focus.unitKey) {
        report(FeedbackPlayer::Cue::Problem, tr("Scan the item first, or select a scanned one."));
        focusScanField();
    }
    return m_focus.unitKey;
}

void ReceivePage::choosePhotos()
{
    const std::optional<int> target = photoTarget();
    if (!target)
        return;
    const int key = *target;
    auto* dialog = new QFileDialog(this, tr("Photos of the item"),
        QStandardPaths::writableLocation(QStandardPaths::PicturesLocation),
        tr("Images (*.jpg *.jpeg *.png *.heic *.webp);;All files (*)"));
    dialog->setObjectName(u"itemPhotoFileDialog"_s);
    dialog->setFileMode(QFileDialog::ExistingFiles);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(
        dialog, &QFileDialog::filesSelected, this, [this, key](const QStringList& paths) { addPhotos(key, paths); });
    connect(dialog, &QDialog::finished, this, [this] { QTimer::singleShot(0, this, &ReceivePage::focusAfterDialog); });
    dialog->open();
}

void ReceivePage::setPhotoCapture(PhotoSource* source, const PhotoStore& store)
{
    if (source != m_photoSource) {
        if (m_photoSource && m_photoSource->parent() == this)
            delete m_photoSource.data();
        m_photoSource = source;
        if (source) {
            source->setParent(this);
            connect(source, &PhotoSource::camerasChanged, this, &ReceivePage::updateTakePhotoButton);
        }
    }
    m_photoStore = store;
    updateTakePhotoButton();
}

void ReceivePage::updateTakePhotoButton()
{
    // Follows cameras being plugged in and out; an item must be selected, as for a photo file.
    const bool camera = m_photoSource && m_photoSource->hasCamera();
    const bool item = m_session && m_focus.unitKey && m_items->rowForUnit(*m_focus.unitKey) >= 0;
    m_ui->takePhotoPushButton->setEnabled(camera && item);
    m_ui->takePhotoPushButton->setToolTip(camera
            ? tr("Take photos of the selected item with the camera (Ctrl+Shift+P)")
            : tr("No camera was found. Connect one, or add a photo file instead (Ctrl+P)."));
}

void ReceivePage::takePhotos()
{
    const std::optional<int> target = photoTarget();
    if (!target)
        return;
    if (!m_photoSource || !m_photoSource->hasCamera()) {
        report(FeedbackPlayer::Cue::Problem,
            tr("No camera was found. Connect one, or add a photo file instead (Ctrl+P)."));
        focusScanField();
        return;
    }
    const int key = *target;
    // The files say what they show: return-41000007-item-55500101_20261102-090000_01.jpg.
    const ReceivingSession::Unit* unit = m_items->unitAt(m_items->rowForUnit(key));
    QString subject = u"return-%1"_s.arg(m_session->returnValue().loopId);
    subject += unit && unit->line.lineItemId ? u"-item-%1"_s.arg(*unit->line.lineItemId) : u"-unexpected"_s;
    auto* dialog = new CameraCaptureDialog(m_photoSource, m_photoStore, subject, m_clock, this);
    dialog->setTitle(tr("Photos: %1").arg(m_ui->selectedItemLabel->text()));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // Taken photos go the way photo files go.
    connect(dialog, &QDialog::accepted, this, [this, dialog, key] { addPhotos(key, dialog->photoPaths()); });
    connect(dialog, &QDialog::finished, this, [this] { QTimer::singleShot(0, this, &ReceivePage::focusAfterDialog); });
    m_camera = dialog;
    dialog->open();
}

void ReceivePage::addPhotos(int unitKey, const QStringList& paths)
{
    if (!m_session)
        return;
    // Each photo goes into the site's database (checked to be a picture, scaled down when huge), so the supervisor
    // sees it from any desk; the line refers to it as "dockside-photo:<id>". A file that is no picture is not
    // added; one the database refused keeps its path, and the banner says both.
    PhotoImporter::Outcome photos;
    photos.references = paths;
    if (m_database && m_clock)
        photos = PhotoImporter(*m_database, m_identity.stationName, m_identity.userName, m_clock->now())
                     .storeAll(paths);
    int added = 0;
    for (const QString& reference : std::as_const(photos.references)) {
        if (const Status set = m_session->addPhoto(unitKey, reference); !set) {
            sessionFailed(set.error());
            break;
        }
        ++added;
    }
    if (!m_session)
        return;
    refreshItems();
    const QString done = added == 0 ? QString() : added == 1 ? tr("Photo added") : tr("%1 photos added").arg(added);
    if (photos.hasProblems())
        report(FeedbackPlayer::Cue::Problem,
            done.isEmpty() ? photos.problems() : tr("%1. %2", "photos added. problems").arg(done, photos.problems()));
    else if (added > 0)
        report(FeedbackPlayer::Cue::Notice, done);
}

void ReceivePage::toggleMissing()
{
    if (!m_session)
        return;
    if (!m_focus.lineItemId) {
        report(FeedbackPlayer::Cue::Problem, tr("Select the expected item that is missing first."));
        focusScanField();
        return;
    }
    const int row = m_items->rowForLine(*m_focus.lineItemId);
    const ExpectedItemsModel::RowKind kind = m_items->rowKind(row);
    const ReturnLine* line = m_items->lineAt(row);
    Status changed;
    if (kind == ExpectedItemsModel::RowKind::Missing)
        changed = m_session->unmarkMissing(*m_focus.lineItemId);
    else
        changed = m_session->markMissing(*m_focus.lineItemId);
    if (!changed) {
        sessionFailed(changed.error());
        focusScanField();
        return;
    }
    m_focus.unitKey.reset();
    m_ui->actionsStackedWidget->setCurrentWidget(m_ui->actionsPage);
    refreshItems();
    const QString title = line ? lineTitle(*line) : QString();
    report(FeedbackPlayer::Cue::Notice,
        kind == ExpectedItemsModel::RowKind::Missing ? tr("%1 is no longer marked missing").arg(title)
                                                     : tr("%1 marked missing").arg(title));
    focusScanField();
}

void ReceivePage::receiveWithoutScan()
{
    if (!m_session)
        return;
    const ReturnLine* line = m_focus.lineItemId ? m_items->lineAt(m_items->rowForLine(*m_focus.lineItemId)) : nullptr;
    if (!line) {
        report(FeedbackPlayer::Cue::Problem, tr("Select the expected item that is in the package first."));
        focusScanField();
        return;
    }
    const QString code = line->barcode.trimmed().isEmpty() ? line->sku : line->barcode;
    if (code.trimmed().isEmpty()) {
        report(FeedbackPlayer::Cue::Problem,
            tr("This item has neither barcode nor SKU, so it can only be marked missing "
               "here; a supervisor can receive it."));
        focusScanField();
        return;
    }
    scanItem(code);
    focusScanField();
}

void ReceivePage::undoLastScan()
{
    if (!m_session)
        return;
    const Result<ReceivingSession::ScanResult> undone = m_session->undoLastScan();
    if (!undone) {
        sessionFailed(undone.error());
        focusScanField();
        return;
    }
    if (m_focus.unitKey == undone->key)
        m_focus = { std::nullopt, undone->lineItemId };
    m_ui->actionsStackedWidget->setCurrentWidget(m_ui->actionsPage);
    refreshItems();
    report(FeedbackPlayer::Cue::Notice,
        tr("Undid the scan of %1").arg(undone->title.isEmpty() ? tr("an item not on this return") : undone->title));
    focusScanField();
}

// ---------------------------------------------------------------------------------------------------------------
// The whole return

void ReceivePage::submitOrConfirm()
{
    if (!m_session)
        return;
    if (m_ui->actionsStackedWidget->currentWidget() == m_ui->decisionPage) {
        confirmSubmit();
        return;
    }
    // What was typed about the package counts even without Enter: the decision below is built with it.
    if (!keepPackageNote()) {
        focusScanField();
        return;
    }
    if (const Status complete = m_session->checkComplete(); !complete) {
        for (int row = 0; row < m_items->rowCount(); ++row) {
            const ReceivingSession::Unit* unit = m_items->unitAt(row);
            if (unit && unit->kind != ReceivingSession::UnitKind::Missing
                && unit->kind != ReceivingSession::UnitKind::Unexpected && !unit->line.condition) {
                m_focus = { unit->key, unit->line.lineItemId };
                selectRow(row);
                m_gradeKeysArmed = true;
                break;
            }
        }
        report(FeedbackPlayer::Cue::WrongItem, ErrorTexts::message(complete.error()));
        focusScanField();
        return;
    }
    const Result<ReceivingSession::Outcome> outcome = m_session->preview();
    if (!outcome) {
        sessionFailed(outcome.error());
        focusScanField();
        return;
    }
    updateHeader(); // the preview reloads the return: Loop may have changed it meanwhile
    showDecision(*outcome);
    focusScanField();
}

void ReceivePage::showDecision(const ReceivingSession::Outcome& outcome)
{
    const bool flag = outcome.evaluation.decision.kind == DecisionKind::Flag;
    m_ui->decisionFrame->setProperty("decision", decisionKindCode(outcome.evaluation.decision.kind));
    m_ui->decisionFrame->setStyleSheet(flag
            ? u"QFrame#decisionFrame { background: #fff8e1; border: 3px solid #f9a825; border-radius: 8px; }"_s
            : u"QFrame#decisionFrame { background: #e8f5e9; border: 3px solid #2e7d32; border-radius: 8px; }"_s);
    m_ui->decisionTitleLabel->setText(flag ? tr("FLAG for a supervisor") : tr("PROCESS"));
    m_ui->decisionTitleLabel->setStyleSheet(
        u"font-size: 24pt; font-weight: 800; color: %1;"_s.arg(flag ? u"#e65100"_s : u"#1b5e20"_s));

    QStringList reasons;
    for (const ReceiptRules::Finding& finding : outcome.evaluation.findings)
        reasons << u"\u2022 "_s + ReceivingTexts::reason(finding);
    m_ui->decisionReasonsLabel->setText(
        flag ? reasons.join(u'\n') : tr("Everything expected arrived, in a condition the merchant accepts."));
    m_ui->flagNoteLabel->setVisible(flag || !m_session->receiptNote().isEmpty());
    // A flag's note to Loop ends with the package note; a processed return keeps it with the receipt only.
    m_ui->flagNoteLabel->setText(flag ? tr("Note to Loop: %1").arg(outcome.flagNote)
                                      : tr("Package note, kept with the receipt: %1").arg(m_session->receiptNote()));
    QStringList calls;
    for (const OutboxEntry& entry : outcome.outbox) {
        const QString name = callName(entry.kind);
        if (!calls.contains(name))
            calls << name;
    }
    m_ui->callsLabel->setText(
        tr("Ctrl+Enter sends to Loop, in this order: %1. Nothing is sent before that.").arg(calls.join(tr(", "))));
    m_ui->actionsStackedWidget->setCurrentWidget(m_ui->decisionPage);
    if (flag)
        report(FeedbackPlayer::Cue::Flagged,
            tr("Return %1 will be flagged for a supervisor. Ctrl+Enter sends it.")
                .arg(m_session->returnValue().loopId));
    else
        report(FeedbackPlayer::Cue::Notice,
            tr("Return %1 will be processed. Ctrl+Enter sends it.").arg(m_session->returnValue().loopId));
}

void ReceivePage::confirmSubmit()
{
    if (!m_session)
        return;
    const Result<ReceivingSession::Outcome> outcome = m_session->submit();
    if (!outcome) {
        sessionFailed(outcome.error());
        focusScanField();
        return;
    }
    const qint64 returnId = m_session->returnValue().id;
    const qint64 loopId = m_session->returnValue().loopId;
    const bool flag = outcome->evaluation.decision.kind == DecisionKind::Flag;
    closeSession();
    if (flag)
        report(FeedbackPlayer::Cue::Flagged,
            tr("Return %1 submitted: flagged for a supervisor. Next package.").arg(loopId));
    else
        report(FeedbackPlayer::Cue::GoodScan, tr("Return %1 submitted: process. Next package.").arg(loopId));
    Q_EMIT receiptSubmitted(returnId, outcome->receipt.id);
    focusScanField();
}

void ReceivePage::backToItems()
{
    m_ui->actionsStackedWidget->setCurrentWidget(m_ui->actionsPage);
    report(FeedbackPlayer::Cue::Notice, tr("Nothing sent. Go on with the items."));
    focusScanField();
}

void ReceivePage::escapePressed()
{
    if (m_ui->noteLineEdit->hasFocus()) {
        updateItemPanel(); // the note as saved
        focusScanField();
        return;
    }
    if (m_ui->packageNoteLineEdit->hasFocus()) {
        m_ui->packageNoteLineEdit->setText(m_session ? m_session->receiptNote() : QString()); // as saved
        focusScanField();
        return;
    }
    if (!m_ui->scanLineEdit->text().isEmpty()) {
        m_ui->scanLineEdit->clear();
        return;
    }
    if (!m_session)
        return;
    if (m_ui->actionsStackedWidget->currentWidget() == m_ui->decisionPage) {
        backToItems();
        return;
    }
    const qsizetype recorded = m_session->units().size();
    if (recorded == 0) {
        abandonReturn();
        focusScanField();
        return;
    }
    auto* box = new QMessageBox(QMessageBox::Question, tr("Give the return back?"),
        tr("Give return %1 back without submitting?").arg(m_session->returnValue().loopId), QMessageBox::NoButton,
        this);
    box->setObjectName(u"abandonMessageBox"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(recorded == 1
            ? tr("The item recorded here is kept as an abandoned receipt, nothing goes to Loop, and any station can "
                 "then receive the return.")
            : tr("The %1 items recorded here are kept as an abandoned receipt, nothing goes to Loop, and any station "
                 "can then receive the return.")
                  .arg(recorded));
    QPushButton* giveBack = box->addButton(tr("Give back"), QMessageBox::AcceptRole);
    giveBack->setObjectName(u"giveBackPushButton"_s);
    QPushButton* keep = box->addButton(tr("Keep receiving"), QMessageBox::RejectRole);
    keep->setObjectName(u"keepReceivingPushButton"_s);
    box->setDefaultButton(keep);
    box->setEscapeButton(keep);
    connect(box, &QDialog::finished, this, [this, box, giveBack] {
        const bool abandon = box->clickedButton() == giveBack;
        QTimer::singleShot(0, this, [this, abandon] {
            if (abandon)
                abandonReturn();
            focusAfterDialog();
        });
    });
    m_question = box;
    box->open();
}

void ReceivePage::abandonReturn()
{
    if (!m_session || !keepPackageNote()) // a package note typed before giving back is kept with the rest
        return;
    const qint64 loopId = m_session->returnValue().loopId;
    const Status given = m_session->abandon();
    closeSession();
    if (!given) {
        report(FeedbackPlayer::Cue::Problem,
            tr("Return %1 was closed here, but the station could not say so: %2 Its claim lapses on its own within "
               "15 minutes.")
                .arg(loopId)
                .arg(ErrorTexts::message(given.error())));
        return;
    }
    report(FeedbackPlayer::Cue::Notice, tr("Return %1 given back, nothing submitted.").arg(loopId));
}

void ReceivePage::closeSession()
{
    m_session.reset();
    m_merchantName.clear();
    m_focus = {};
    m_gradeKeysArmed = false;
    m_gradeKeyTimer->stop();
    m_heldGradeIndex = -1;
    m_heldGradeText.clear();
    m_claimTimer->stop();
    m_selectingProgrammatically = true;
    m_items->clear();
    m_selectingProgrammatically = false;
    m_ui->noteLineEdit->clear();
    m_ui->packageNoteLineEdit->clear();
    m_ui->actionsStackedWidget->setCurrentWidget(m_ui->actionsPage);
    m_ui->undoPushButton->setEnabled(false);
    if (m_database)
        m_ui->pageStackedWidget->setCurrentWidget(m_ui->idlePage);
}

void ReceivePage::renewClaim()
{
    if (!m_session)
        return;
    if (const Status renewed = m_session->renewClaim(); !renewed)
        sessionFailed(renewed.error());
}

void ReceivePage::sessionFailed(const Error& error)
{
    if (endsSession(error) && m_session) {
        m_session->abandon(); // audits what is dropped; refused harmlessly when already submitted or abandoned
        closeSession();
    }
    report(FeedbackPlayer::Cue::Problem, ErrorTexts::message(error));
}

// ---------------------------------------------------------------------------------------------------------------
// Display

void ReceivePage::refreshItems()
{
    if (!m_session)
        return;
    const QList<ReceivingSession::Unit> units = showUnits();
    const bool dispositions = std::any_of(units.cbegin(), units.cend(), [](const ReceivingSession::Unit& unit) {
        return unit.kind != ReceivingSession::UnitKind::Missing && unit.line.disposition.has_value();
    });
    const bool notes = std::any_of(units.cbegin(), units.cend(), [](const ReceivingSession::Unit& unit) {
        return !unit.line.note.trimmed().isEmpty() || !unit.line.photoRefs.isEmpty();
    });
    m_ui->expectedItemsTableView->setColumnHidden(ExpectedItemsModel::DispositionColumn, !dispositions);
    m_ui->expectedItemsTableView->setColumnHidden(ExpectedItemsModel::NotesColumn, !notes);
    int row = m_focus.unitKey ? m_items->rowForUnit(*m_focus.unitKey) : -1;
    if (row < 0 && m_focus.lineItemId)
        row = m_items->rowForLine(*m_focus.lineItemId);
    selectRow(row);
    updateProgress();
    updateItemPanel();
    fitColumns();
}

void ReceivePage::fitColumns()
{
    // The item's title is what a receiver reads: on a narrow screen (or in a longer language) the barcode column
    // goes first, then the SKU, rather than squeezing the title to a few letters. Both stay in the item's tooltip.
    QTableView* table = m_ui->expectedItemsTableView;
    const QHeaderView* header = table->horizontalHeader();
    const auto width = [table, header](int column) {
        return header->sectionResizeMode(column) == QHeaderView::ResizeToContents
            ? std::max(static_cast<const QAbstractItemView*>(table)->sizeHintForColumn(column), header->sectionSizeHint(column))
            : header->sectionSize(column);
    };
    int others = 0;
    for (int column = 0; column < m_items->columnCount(); ++column) {
        if (column != ExpectedItemsModel::ItemColumn && column != ExpectedItemsModel::SkuColumn
            && column != ExpectedItemsModel::BarcodeColumn && !table->isColumnHidden(column))
            others += width(column);
    }
    int room = table->viewport()->width() - others;
    const int sku = width(ExpectedItemsModel::SkuColumn);
    const int barcode = width(ExpectedItemsModel::BarcodeColumn);
    const bool showSku = room - sku >= kMinItemTitleWidth;
    const bool showBarcode = showSku && room - sku - barcode >= kMinItemTitleWidth;
    table->setColumnHidden(ExpectedItemsModel::SkuColumn, !showSku);
    table->setColumnHidden(ExpectedItemsModel::BarcodeColumn, !showBarcode);
}

QList<ReceivingSession::Unit> ReceivePage::showUnits()
{
    // Rows that come and go move the view's current row; that is no choice of the receiver's.
    const QList<ReceivingSession::Unit> units = m_session->units();
    m_selectingProgrammatically = true;
    m_items->setUnits(units);
    m_selectingProgrammatically = false;
    return units;
}

void ReceivePage::selectRow(int row)
{
    m_selectingProgrammatically = true;
    QTableView* table = m_ui->expectedItemsTableView;
    if (row < 0) {
        table->selectionModel()->clearSelection();
        table->selectionModel()->setCurrentIndex(QModelIndex(), QItemSelectionModel::NoUpdate);
    } else {
        table->selectionModel()->setCurrentIndex(
            m_items->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        table->scrollTo(m_items->index(row, 0));
    }
    m_selectingProgrammatically = false;
    // Following the page's own choice of row is no explicit selection: the grade keys stay as they were.
    m_focus = { m_items->unitKeyAt(row), m_items->lineItemIdAt(row) };
}

void ReceivePage::currentRowChanged(int row)
{
    if (m_selectingProgrammatically)
        return;
    m_focus = { m_items->unitKeyAt(row), m_items->lineItemIdAt(row) };
    m_gradeKeysArmed = row >= 0;
    updateItemPanel();
}

void ReceivePage::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    fitHeader();
}

void ReceivePage::fitHeader()
{
    // Big enough to read from a step away, but a long merchant name or a longer language shrinks it to fit
    // rather than cutting the return number off.
    const auto fit = [](QLabel* label, int largest, int smallest, bool bold, const QString& style) {
        const int room = label->width() - 12; // the style's rendering is a little wider than the metrics say
        int points = largest;
        QFont font = label->font();
        font.setBold(bold);
        for (; points > smallest; --points) {
            font.setPointSize(points);
            if (QFontMetrics(font).horizontalAdvance(label->text()) <= room)
                break;
        }
        label->setStyleSheet(style.arg(points));
    };
    fit(m_ui->returnHeaderLabel, 26, 14, true, u"font-size: %1pt; font-weight: 700; color: #102027;"_s);
    fit(m_ui->orderLabel, 17, 11, false, u"font-size: %1pt; color: #263238;"_s);
}

void ReceivePage::updateHeader()
{
    if (!m_session)
        return;
    const Return& value = m_session->returnValue();
    const QString merchant = m_merchantName.isEmpty() ? tr("Unknown merchant") : m_merchantName;
    m_ui->returnHeaderLabel->setText(tr("%1  ·  Return %2").arg(merchant).arg(value.loopId));
    m_ui->returnHeaderLabel->setToolTip(m_ui->returnHeaderLabel->text());
    QStringList order;
    order << (value.orderName.isEmpty() ? tr("No order number") : tr("Order %1").arg(value.orderName));
    if (!value.customerEmail.isEmpty())
        order << value.customerEmail;
    m_ui->orderLabel->setText(order.join(u"  ·  "_s));
    m_ui->orderLabel->setToolTip(m_ui->orderLabel->text());
    // Once the layout has placed the new texts (the label chip beside the header may have grown).
    QTimer::singleShot(0, this, &ReceivePage::fitHeader);

    const MerchantRules& rules = m_session->rules();
    const bool delivered = rules.isDelivered(value.labelStatus);
    QString label = tr("Label: %1").arg(ReceivingTexts::labelStatusName(value.labelStatus));
    if (!value.carrier.isEmpty())
        label += u"  ("_s + value.carrier + u')';
    m_ui->labelStatusLabel->setText(label);
    m_ui->labelStatusLabel->setToolTip(
        value.trackingNumber.isEmpty() ? QString() : tr("Tracking %1").arg(value.trackingNumber));
    m_ui->labelStatusLabel->setStyleSheet(
        u"QLabel { font-size: 14pt; font-weight: 600; color: white; background: %1; padding: 6px 12px; border-radius: 6px; }"_s
            .arg(delivered ? u"#2e7d32"_s : u"#ef6c00"_s));

    const QStringList warnings = ReceivingTexts::warnings(value, rules);
    m_ui->warningsLabel->setText(u"\u26a0  "_s + warnings.join(u"   \u26a0  "_s));
    m_ui->warningsLabel->setVisible(!warnings.isEmpty());
}

void ReceivePage::updateProgress()
{
    if (!m_session)
        return;
    const int expected = int(m_session->returnValue().lines.size());
    QStringList parts { tr("%1 of %2 received").arg(m_items->receivedCount()).arg(expected) };
    if (m_items->missingCount() > 0)
        parts << tr("%n missing", nullptr, m_items->missingCount());
    if (m_items->unexpectedCount() > 0)
        parts << tr("%n extra", nullptr, m_items->unexpectedCount());
    m_ui->progressLabel->setText(parts.join(u"  ·  "_s));
}

void ReceivePage::updateItemPanel()
{
    const int row = m_focus.unitKey ? m_items->rowForUnit(*m_focus.unitKey)
                                    : (m_focus.lineItemId ? m_items->rowForLine(*m_focus.lineItemId) : -1);
    const ReceivingSession::Unit* unit = m_items->unitAt(row);
    const ReturnLine* line = m_items->lineAt(row);
    const ExpectedItemsModel::RowKind kind = m_items->rowKind(row);
    const bool gradable = unit && unit->kind != ReceivingSession::UnitKind::Missing;

    if (!m_session || row < 0)
        m_ui->selectedItemLabel->setText(m_session ? tr("Scan an item, or pick one with the arrow keys.") : QString());
    else if (line)
        m_ui->selectedItemLabel->setText(
            kind == ExpectedItemsModel::RowKind::Extra ? tr("Extra unit: %1").arg(lineTitle(*line)) : lineTitle(*line));
    else
        m_ui->selectedItemLabel->setText(
            tr("Not on this return: %1").arg(unit ? unit->line.scannedCode.simplified() : QString()));

    const QList<Condition> conditions = ReceivingTexts::gradingConditions();
    for (int i = 0; i < m_conditionButtons.size(); ++i) {
        m_conditionButtons[i]->setEnabled(gradable);
        m_conditionButtons[i]->setChecked(gradable && unit->line.condition == conditions[i]);
    }
    m_ui->dispositionComboBox->setEnabled(gradable);
    int dispositionIndex = 0;
    if (gradable && unit->line.disposition)
        dispositionIndex = std::max(0, m_ui->dispositionComboBox->findData(dispositionCode(*unit->line.disposition)));
    m_ui->dispositionComboBox->setCurrentIndex(dispositionIndex);
    m_ui->noteLineEdit->setEnabled(unit != nullptr);
    if (!m_ui->noteLineEdit->hasFocus())
        m_ui->noteLineEdit->setText(unit ? unit->line.note : QString());
    m_ui->addPhotoPushButton->setEnabled(unit != nullptr);
    updateTakePhotoButton();
    const qsizetype photos = unit ? unit->line.photoRefs.size() : 0;
    m_ui->photosLabel->setText(!unit ? QString() : photos == 1 ? tr("1 photo") : tr("%1 photos").arg(photos));
    m_ui->photosLabel->setToolTip(unit ? unit->line.photoRefs.join(u'\n') : QString());

    const bool expectedRow
        = kind == ExpectedItemsModel::RowKind::Waiting || kind == ExpectedItemsModel::RowKind::Missing;
    m_ui->markMissingPushButton->setEnabled(line && expectedRow && row < m_session->returnValue().lines.size());
    m_ui->markMissingPushButton->setText(kind == ExpectedItemsModel::RowKind::Missing
            ? tr("Not missing after all  Ctrl+M")
            : tr("Mark missing  Ctrl+M"));
    m_ui->receiveWithoutScanPushButton->setEnabled(
        line && expectedRow && (!line->barcode.isEmpty() || !line->sku.isEmpty()));
}

// ---------------------------------------------------------------------------------------------------------------
// Keys

bool ReceivePage::gradeKeysApply() const
{
    if (!m_session || !m_ui->scanLineEdit->text().isEmpty() || !m_focus.unitKey
        || m_ui->actionsStackedWidget->currentWidget() != m_ui->actionsPage)
        return false;
    const ReceivingSession::Unit* unit = m_items->unitAt(m_items->rowForUnit(*m_focus.unitKey));
    if (!unit || unit->kind == ReceivingSession::UnitKind::Missing)
        return false;
    return !unit->line.condition || m_gradeKeysArmed;
}

void ReceivePage::applyHeldGradeKey()
{
    const int index = std::exchange(m_heldGradeIndex, -1);
    m_heldGradeText.clear();
    const QList<Condition> conditions = ReceivingTexts::gradingConditions();
    if (index >= 0 && index < conditions.size())
        setCondition(conditions[index]);
}

bool ReceivePage::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_ui->scanLineEdit && event->type() == QEvent::ShortcutOverride) {
        // The line edit would take Ctrl+Z for its own text; here it undoes the last scan.
        if (static_cast<QKeyEvent*>(event)->matches(QKeySequence::Undo))
            return true;
    }
    if (watched == m_ui->scanLineEdit && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (m_heldGradeIndex >= 0) {
            // Another key this soon after the digit: a scan (or typing) that starts with a digit.
            m_gradeKeyTimer->stop();
            m_heldGradeIndex = -1;
            m_ui->scanLineEdit->insert(std::exchange(m_heldGradeText, QString()));
            m_gradeKeysArmed = false;
        }
        const Qt::KeyboardModifiers modifiers = key->modifiers() & ~Qt::KeypadModifier;
        if (modifiers == Qt::NoModifier && m_session
            && (key->key() == Qt::Key_Up || key->key() == Qt::Key_Down || key->key() == Qt::Key_PageUp
                || key->key() == Qt::Key_PageDown)) {
            const int rows = m_items->rowCount();
            if (rows > 0) {
                const int current = m_ui->expectedItemsTableView->currentIndex().row();
                const int step = key->key() == Qt::Key_Up ? -1
                    : key->key() == Qt::Key_Down          ? 1
                    : key->key() == Qt::Key_PageUp        ? -rows
                                                          : rows;
                const int target = std::clamp(current < 0 ? (step > 0 ? 0 : rows - 1) : current + step, 0, rows - 1);
                m_ui->expectedItemsTableView->setCurrentIndex(m_items->index(target, 0));
            }
            return true;
        }
        const QString text = key->text();
        if (text.size() == 1 && isSeparator(text.at(0))) {
            // QLineEdit drops control characters; GS matters in a GS1 label (it ends the ZIP in a USPS barcode).
            m_ui->scanLineEdit->insert(text);
            return true;
        }
        if (modifiers == Qt::NoModifier && key->key() >= Qt::Key_1 && key->key() <= Qt::Key_9 && !key->isAutoRepeat()
            && gradeKeysApply()) {
            const int index = key->key() - Qt::Key_1;
            if (index < ReceivingTexts::gradingConditions().size()) {
                m_heldGradeIndex = index;
                m_heldGradeText = text;
                m_gradeKeyTimer->start();
                return true;
            }
        }
    }
    if (watched == m_ui->noteLineEdit && event->type() == QEvent::FocusOut) {
        // Leaving the note with the mouse keeps what was typed, as Enter would.
        const auto* focus = static_cast<QFocusEvent*>(event);
        if (focus->reason() == Qt::MouseFocusReason && m_session && m_focus.unitKey) {
            const ReceivingSession::Unit* unit = m_items->unitAt(m_items->rowForUnit(*m_focus.unitKey));
            if (unit && unit->line.note != m_ui->noteLineEdit->text().trimmed()) {
                if (const Status set = m_session->setNote(*m_focus.unitKey, m_ui->noteLineEdit->text().trimmed()); set)
                    showUnits();
            }
        }
    }
    if (watched == m_ui->expectedItemsTableView->viewport() && event->type() == QEvent::Resize)
        fitColumns();
    if (watched == m_ui->packageNoteLineEdit && event->type() == QEvent::FocusOut
        && static_cast<QFocusEvent*>(event)->reason() == Qt::MouseFocusReason) {
        keepPackageNote();
    }
    return QWidget::eventFilter(watched, event);
}

void ReceivePage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    m_wedge->setWindow(window());
    qApp->installEventFilter(m_wedge);
    focusScanField();
}

void ReceivePage::hideEvent(QHideEvent* event)
{
    qApp->removeEventFilter(m_wedge);
    m_wedge->flush();
    QWidget::hideEvent(event);
}

void ReceivePage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        retranslate();
    }
    QWidget::changeEvent(event);
}

} // namespace Dockside
