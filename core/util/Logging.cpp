#include "Logging.h"

Q_LOGGING_CATEGORY(lcStorage, "dockside.storage")
Q_LOGGING_CATEGORY(lcLoop, "dockside.loop")
Q_LOGGING_CATEGORY(lcSync, "dockside.sync")
Q_LOGGING_CATEGORY(lcReceiving, "dockside.receiving")
Q_LOGGING_CATEGORY(lcWebhook, "dockside.webhook")
