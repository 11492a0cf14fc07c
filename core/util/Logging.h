#pragma once

#include <QLoggingCategory>

// Log categories, so a site can turn on e.g. QT_LOGGING_RULES="dockside.storage.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcStorage)
Q_DECLARE_LOGGING_CATEGORY(lcLoop)
Q_DECLARE_LOGGING_CATEGORY(lcSync)
Q_DECLARE_LOGGING_CATEGORY(lcReceiving)
Q_DECLARE_LOGGING_CATEGORY(lcWebhook)
