#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

// Laravel cursor-paginator cursor: base64url (no padding) of
// {"<column>":"YYYY-MM-DD HH:MM:SS","id":N,"_pointsToNextItems":true|false}.
struct PageCursor
{
    QString column; // created_at or updated_at
    qint64 time = 0;
    qint64 id = 0;
    bool pointsToNextItems = true;

    QByteArray encode() const;
    // Like Laravel's Cursor::fromEncoded(): anything unreadable yields nothing (and the first page is served).
    static std::optional<PageCursor> decode(QStringView encoded, const QString& expectedColumn);
};
