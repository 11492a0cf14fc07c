#include "GuiStation.h"

#include "MainWindow.h"
#include "storage/DatabaseSummary.h"
#include "util/Logging.h"

namespace Dockside {

GuiStation::GuiStation(DatabaseUrl url, MainWindow& window, QObject* parent)
    : QObject(parent)
    , m_url(std::move(url))
    , m_window(window)
{
    connect(&m_window, &MainWindow::retryDatabaseRequested, this, &GuiStation::start);
    connect(&m_window, &MainWindow::refreshRequested, this, &GuiStation::refresh);
}

GuiStation::~GuiStation() = default;

bool GuiStation::start()
{
    m_context.reset();
    Result<std::unique_ptr<StationContext>> context = StationContext::open(m_url);
    if (!context) {
        qCWarning(lcStorage).noquote() << context.error().toLogString();
        m_window.showDatabaseError(context.error().message);
        return false;
    }
    m_context = std::move(*context);
    refresh();
    return true;
}

void GuiStation::refresh()
{
    if (!m_context) {
        start();
        return;
    }
    const Result<DatabaseSummary> summary = DatabaseSummary::read(m_context->database());
    if (!summary) {
        qCWarning(lcStorage).noquote() << summary.error().toLogString();
        m_window.showDatabaseError(summary.error().message);
        return;
    }
    m_window.showSummary(*summary);
}

} // namespace Dockside
