#pragma once

#include "domain/UnknownPackage.h"

#include <QDialog>

#include <memory>

namespace Ui {
class RelinkDialog;
}

namespace Dockside {

class Database;

// Picks the return an unknown package belongs to: the supervisor scans the return's label or types a code it
// resolves through (order name, Loop return number, email), as at the receiving bench; several matches are listed
// to choose from. OK needs one chosen return and a note. Ctrl+Enter accepts.
class RelinkDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RelinkDialog)

public:
    // Starts by resolving the package's own scan again: a sync may have brought its return since.
    RelinkDialog(Database& database, const UnknownPackage& package, QWidget* parent = nullptr);
    ~RelinkDialog() override;

    // The chosen return (local row id), 0 when none.
    qint64 selectedReturnId() const;
    QString note() const;

    // Resolves `code` and lists what it names; public so the station can feed a scan in.
    void find(const QString& code);

private:
    void updateAcceptable();

    Database& m_database;
    std::unique_ptr<Ui::RelinkDialog> m_ui;
};

} // namespace Dockside
