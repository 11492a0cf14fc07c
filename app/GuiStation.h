#pragma once

#include "StationContext.h"

#include <QObject>

#include <memory>

namespace Dockside {

class MainWindow;

// The GUI side of the composition root: opens the station's services and wires them into the main
// window. When the database cannot be opened the window says why and offers to retry; it never crashes.
class GuiStation final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GuiStation)

public:
    GuiStation(DatabaseUrl url, MainWindow& window, QObject* parent = nullptr);
    ~GuiStation() override;

    // Opens the database (again) and shows the result in the window.
    bool start();
    StationContext* context() const { return m_context.get(); }

private:
    void refresh();

    DatabaseUrl m_url;
    MainWindow& m_window;
    std::unique_ptr<StationContext> m_context;
};

} // namespace Dockside
