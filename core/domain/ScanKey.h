#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace Dockside {

enum class ScanKeyKind {
    Tracking,
    ReturnId,
    OrderName,
    Email,
    Barcode,
    Sku,
};

QString scanKeyKindCode(ScanKeyKind kind);
std::optional<ScanKeyKind> scanKeyKindFromCode(QStringView code);

// An exact lookup key. Stored keys and the scan resolver's candidates go through the same normalisation,
// so that a match is always an equality, never a substring or a guess.
struct ScanKey
{
    ScanKeyKind kind = ScanKeyKind::Tracking;
    QString value;

    // Upper-case, without whitespace, dashes or control characters (GS, FNC1 leftovers).
    static QString normalizeTracking(QStringView raw);
    // "#1042", " 1042 " and "#1042" all become "1042"; letters are upper-cased.
    static QString normalizeOrderName(QStringView raw);
    static QString normalizeEmail(QStringView raw);
    // Item barcodes and SKUs: trimmed and upper-cased; inner dashes are significant in SKUs.
    static QString normalizeCode(QStringView raw);

    static ScanKey tracking(QStringView raw) { return {ScanKeyKind::Tracking, normalizeTracking(raw)}; }
    static ScanKey returnId(qint64 id) { return {ScanKeyKind::ReturnId, QString::number(id)}; }
    static ScanKey orderName(QStringView raw) { return {ScanKeyKind::OrderName, normalizeOrderName(raw)}; }
    static ScanKey email(QStringView raw) { return {ScanKeyKind::Email, normalizeEmail(raw)}; }
    static ScanKey barcode(QStringView raw) { return {ScanKeyKind::Barcode, normalizeCode(raw)}; }
    static ScanKey sku(QStringView raw) { return {ScanKeyKind::Sku, normalizeCode(raw)}; }

    friend bool operator==(const ScanKey&, const ScanKey&) = default;
};

} // namespace Dockside
