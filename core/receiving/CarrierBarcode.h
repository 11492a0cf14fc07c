#pragma once

#include "domain/ScanKey.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Dockside {

// The barcode formats a receiving dock meets on parcels and items, recognised by structure and check digit.
// Pure functions: no database, no guessing. A reading is only reported when its check digit holds, and when
// one string fits several formats (a 34-digit USPS 420+ZIP9+IMpb also passes as a FedEx 34-digit barcode),
// every fitting reading is reported: the exact lookup decides, not a rule of thumb.
class CarrierBarcode final
{
public:
    struct Reading
    {
        QString format; // a code for the UI to translate: "usps-impb", "ups-1z", "fedex-34", "ean-13", ...
        ScanKeyKind kind = ScanKeyKind::Tracking; // Tracking for parcel labels, Barcode for item codes
        QString value; // the tracking number or item code inside the scan, normalised like a stored key
        QString detail; // what else the barcode says, e.g. the destination ZIP of a USPS 420 barcode

        friend bool operator==(const Reading&, const Reading&) = default;
    };

    // `compact`: the scan upper-cased, without symbology prefix, separators, whitespace or dashes.
    // `segments`: the same scan split at its GS1 separators (GS); one element when it had none.
    static QList<Reading> read(const QString& compact, const QStringList& segments);

    // Check digits, each over the whole code including its check digit (the last character).
    static bool isGs1Valid(QStringView digits); // GTIN, SSCC, USPS IMpb and 20-digit, FedEx 15 (mod 10, 3-1)
    static bool isUpsValid(QStringView tracking); // 1Z + 15 + check
    static bool isFedEx12Valid(QStringView digits); // FedEx Express: weights 1, 3, 7 from the right, mod 11
    static bool isDhl10Valid(QStringView digits); // DHL Express: the first nine digits mod 7

    static bool isDigits(QStringView text);
};

} // namespace Dockside
