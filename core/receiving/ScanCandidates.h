#pragma once

#include "CarrierBarcode.h"
#include "domain/ScanKey.h"
#include "util/Error.h"

#include <QList>
#include <QString>

namespace Dockside {

// What one raw scan can mean, as a short list of exact keys. The scanner's symbology prefix (AIM "]C1",
// "]E0", ...) goes, GS1 separators split, whitespace and dashes go for tracking numbers; every recognised
// barcode format adds the key it carries (the tracking number inside a USPS 420 or FedEx 34-digit
// barcode, the UPC-A inside its EAN-13 spelling). Nothing here ever matches a part of a key: the
// resolver looks the keys up by equality.
class ScanCandidates final
{
public:
    // Longer than any label or code a dock scanner reads: a stuck key, a pasted document, a wrong port.
    static constexpr qsizetype kMaxLength = 200;

    // A Validation error for input that is no scan at all (empty, only control characters, too long).
    static Result<ScanCandidates> fromScan(QStringView raw);

    QString symbology() const { return m_symbology; } // the AIM prefix as read, e.g. "]C1"; empty when none
    QString compact() const { return m_compact; } // upper-case letters and digits only
    const QList<CarrierBarcode::Reading>& formats() const { return m_formats; }
    const QList<ScanKey>& keys() const { return m_keys; }

    // Keys that name a parcel or a return (tracking, return id, order name, email), and keys that name an
    // item (barcode, SKU): a parcel match outranks an item match.
    QList<ScanKey> packageKeys() const;
    QList<ScanKey> itemKeys() const;

    static bool isItemKind(ScanKeyKind kind) { return kind == ScanKeyKind::Barcode || kind == ScanKeyKind::Sku; }

private:
    ScanCandidates() = default;
    void add(const ScanKey& key);

    QString m_symbology;
    QString m_compact;
    QList<CarrierBarcode::Reading> m_formats;
    QList<ScanKey> m_keys;
};

} // namespace Dockside
