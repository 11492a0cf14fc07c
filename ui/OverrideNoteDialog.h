#pragma once

#include <QDialog>

#include <memory>

namespace Ui {
class OverrideNoteDialog;
}

namespace Dockside {

// Asks for the note every supervisor action needs: OK stays disabled until a note is typed. Ctrl+Enter accepts.
class OverrideNoteDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OverrideNoteDialog)

public:
    explicit OverrideNoteDialog(QWidget* parent = nullptr);
    ~OverrideNoteDialog() override;

    // `title` says what will happen, `explanation` what it means in Loop, `acceptText` labels the OK button.
    void setAction(const QString& title, const QString& explanation, const QString& acceptText);
    // The note as typed, without surrounding blanks.
    QString note() const;

private:
    void updateAcceptable();

    std::unique_ptr<Ui::OverrideNoteDialog> m_ui;
};

} // namespace Dockside
