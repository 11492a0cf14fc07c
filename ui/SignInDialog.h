#pragma once

#include "StationIdentity.h"

#include <QDialog>

#include <memory>

class QTimer;

namespace Ui {
class SignInDialog;
}

namespace Dockside {

class StationSettings;

// Who works at this station now: a name (the last one is offered again) and a role. A supervisor proves it
// with the station's supervisor PIN, checked against its hash in StationSettings; after five wrong PINs in a
// row the dialog waits half a minute before it takes another.
class SignInDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignInDialog)

public:
    static constexpr int kMaxWrongPins = 5;
    static constexpr int kLockoutMs = 30'000;

    // `settings` must outlive the dialog.
    explicit SignInDialog(StationSettings& settings, QWidget* parent = nullptr);
    ~SignInDialog() override;

    // Valid once the dialog was accepted.
    StationIdentity identity() const { return m_identity; }
    // Starts with the supervisor role chosen (e.g. when a receiver asks for a supervisor's action).
    void preferSupervisor();

public Q_SLOTS:
    void accept() override;

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void onRoleChanged();
    void showMessage(const QString& message);

    std::unique_ptr<Ui::SignInDialog> m_ui;
    StationSettings& m_settings;
    StationIdentity m_identity;
    int m_wrongPins = 0;
    QTimer* m_lockout = nullptr;
};

} // namespace Dockside
