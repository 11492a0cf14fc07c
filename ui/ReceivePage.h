#pragma once

#include "FeedbackPlayer.h"
#include "PhotoSource.h"
#include "PhotoStore.h"
#include "StationIdentity.h"
#include "domain/ReceiptLine.h"
#include "receiving/ReceivingSession.h"
#include "receiving/ScanResolver.h"

#include <QList>
#include <QPointer>
#include <QString>
#include <QWidget>

#include <memory>
#include <optional>
#include <utility>

class QMessageBox;
class QPushButton;
class QTimer;

namespace Ui {
class ReceivePage;
}

namespace Dockside {

class CameraCaptureDialog;
class ChooserDialog;
class Clock;
class Database;
class ExpectedItemsModel;
class UnknownPackageDialog;
class WedgeScanDetector;

// The receive screen, scan first: the scan field always has the focus back after an action. A package scan
// opens its return (claimed for this station) with its expected items; item scans tick them off; single keys
// grade; Ctrl+Enter shows the decision and, pressed again, submits it (the outbox thread tells Loop). Several
// matches open a chooser, none the unknown-package form. A keyboard-wedge scan is taken wherever the focus is
// in the window; a serial scanner feeds scan().
class ReceivePage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReceivePage)

public:
    explicit ReceivePage(QWidget* parent = nullptr);
    ~ReceivePage() override;

    // `database` null: not connected, the page says so and takes no scans. Changing the station gives an open
    // return back first, so call setStation(nullptr, ...) before the database goes away.
    void setStation(Database* database, const Clock* clock, const StationIdentity& identity);
    void setSoundMuted(bool muted);
    // Where "Take photo" gets its pictures (the page owns `source`) and where it keeps them. The page starts with
    // the station's cameras (CameraPhotoSource) and PhotoStore's default folder; tests pass a fake and a
    // temporary folder. With no camera connected the button is off and says to add a photo file instead.
    void setPhotoCapture(PhotoSource* source, const PhotoStore& store);
    PhotoSource* photoSource() const { return m_photoSource; }

    bool hasOpenReturn() const { return m_session != nullptr; }
    std::optional<qint64> openReturnId() const;
    WedgeScanDetector* wedgeScanDetector() const { return m_wedge; }
    FeedbackPlayer* feedbackPlayer() const { return m_feedback; }
    // (keys, what they do) for the window's shortcut list.
    QList<std::pair<QString, QString>> shortcutHelp() const;

public Q_SLOTS:
    // One scan from any source: the scan field, a keyboard-wedge burst elsewhere in the window, a serial scanner.
    void scan(const QString& raw);
    void focusScanField();

Q_SIGNALS:
    void receiptSubmitted(qint64 returnId, qint64 receiptId);
    void unknownPackageRecorded(qint64 id);
    void statusMessage(const QString& message);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void hideEvent(QHideEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    struct Focus
    {
        std::optional<int> unitKey;
        std::optional<qint64> lineItemId;
    };

    void setupTable();
    void setupShortcuts();
    void retranslate();
    void updateAvailability();

    // Scans
    void scanFromField();
    void scanWithoutReturn(const QString& raw);
    void scanWithReturn(const QString& raw);
    std::optional<ScanResolver::Resolution> resolve(const QString& raw);
    void offerChoice(const QString& raw, const ScanResolver::Resolution& resolution);
    void askToSwitch(const QString& raw, const ScanResolver::Resolution& resolution);
    void askUnknownPackage(const QString& raw);
    void recordUnknownPackage();
    bool isOnOpenReturn(const QString& raw) const;
    void openReturn(qint64 returnId, const QString& itemScan);
    void scanItem(const QString& raw);

    // Per item
    void setCondition(Condition condition);
    void setDisposition(std::optional<Disposition> disposition);
    void saveNote();
    // The package note as typed goes into the session when it changed; false (said on the banner) when refused.
    bool keepPackageNote();
    void savePackageNote();
    // The selected unit, for a photo; none (said on the banner when a return is open) when nothing is selected.
    std::optional<int> photoTarget();
    void choosePhotos();
    void takePhotos();
    void updateTakePhotoButton();
    void addPhotos(int unitKey, const QStringList& paths);
    void toggleMissing();
    void receiveWithoutScan();
    void undoLastScan();

    // The whole return
    void submitOrConfirm();
    void showDecision(const ReceivingSession::Outcome& outcome);
    void confirmSubmit();
    void backToItems();
    void escapePressed();
    void abandonReturn();
    void closeSession();
    void renewClaim();
    // A refused session call: said on the banner; a session that can no longer go on is closed.
    void sessionFailed(const Error& error);

    // Display
    void refreshItems();
    QList<ReceivingSession::Unit> showUnits();
    void selectRow(int row);
    void currentRowChanged(int row);
    void updateHeader();
    void fitHeader();
    void fitColumns();
    void updateProgress();
    void updateItemPanel();
    void report(FeedbackPlayer::Cue cue, const QString& text);
    bool gradeKeysApply() const;
    void applyHeldGradeKey();
    bool dialogOpen() const;
    void focusAfterDialog();

    std::unique_ptr<Ui::ReceivePage> m_ui;
    Database* m_database = nullptr;
    const Clock* m_clock = nullptr;
    StationIdentity m_identity;
    std::unique_ptr<ReceivingSession> m_session;
    QString m_merchantName;
    Focus m_focus;
    bool m_gradeKeysArmed = false; // digits re-grade: right after a grade or an explicit selection
    bool m_selectingProgrammatically = false;
    QString m_heldGradeText; // a digit typed into the empty scan field, waiting to see whether a scan follows
    int m_heldGradeIndex = -1;

    ExpectedItemsModel* m_items = nullptr;
    FeedbackPlayer* m_feedback = nullptr;
    WedgeScanDetector* m_wedge = nullptr;
    QTimer* m_gradeKeyTimer = nullptr;
    QTimer* m_claimTimer = nullptr;
    QList<QPushButton*> m_conditionButtons; // in ReceivingTexts::gradingConditions() order
    QPointer<ChooserDialog> m_chooser;
    QPointer<UnknownPackageDialog> m_unknown;
    QPointer<CameraCaptureDialog> m_camera;
    QPointer<PhotoSource> m_photoSource;
    PhotoStore m_photoStore;
    QPointer<QMessageBox> m_question;
};

} // namespace Dockside
