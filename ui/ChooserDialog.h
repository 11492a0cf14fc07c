#pragma once

#include "domain/Return.h"

#include <QDialog>
#include <QList>

#include <memory>
#include <optional>

namespace Ui {
class ChooserDialog;
}

namespace Dockside {

// A scan that names several returns (two returns on one order, an item code on many): the receiver picks one
// with the arrow keys and Enter. Escape leaves the package where it is.
class ChooserDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChooserDialog)

public:
    struct Candidate
    {
        qint64 returnId = 0; // local row id
        qint64 loopId = 0;
        QString merchant;
        QString orderName;
        QString customer;
        ReturnState state = ReturnState::Open;
        QString labelStatus;
        QString matchedBy; // already in words: "order name", "item barcode", ...
    };

    explicit ChooserDialog(QWidget* parent = nullptr);
    ~ChooserDialog() override;

    // `itemMatch`: the scan was an item code, not a label; `truncated`: more returns matched than are listed.
    void setCandidates(const QString& scan, const QList<Candidate>& candidates, bool itemMatch, bool truncated);
    std::optional<qint64> chosenReturnId() const;
    QList<Candidate> candidates() const { return m_candidates; }

private:
    std::unique_ptr<Ui::ChooserDialog> m_ui;
    QList<Candidate> m_candidates;
};

} // namespace Dockside
