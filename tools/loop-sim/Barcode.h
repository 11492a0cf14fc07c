#pragma once

#include <QString>
#include <QStringView>

class SimRandom;

// Carrier tracking numbers, carrier label barcodes and item barcodes, all with valid check digits.
namespace Barcode {

// GS1 mod-10 (UPC/EAN/SSCC, USPS IMpb): weight 3 on the rightmost data digit, alternating with 1.
int gs1CheckDigit(QStringView dataDigits);
// UPS 1Z: over the 15 characters after "1Z"; letters map to (code - 3) % 10, odd positions doubled.
int upsCheckDigit(QStringView serial15);
// FedEx Express 12-digit: weights 3,1,7 repeating over the 11 data digits, sum mod 11 mod 10.
int fedex12CheckDigit(QStringView data11);
// FedEx Ground 15-digit: mod-10 with weight 3 on every second digit from the left.
int fedex15CheckDigit(QStringView data14);

QString upcA(QStringView data11);
QString ean13(QStringView data12);

// USPS IMpb: 9x + 3-digit service type code + 9-digit mailer id + 7-digit serial + check = 22 digits.
QString uspsImpb(SimRandom& random, QStringView mailerId9);
QString upsTracking(SimRandom& random, QStringView shipper6);
QString fedex12(SimRandom& random);
QString fedex15(SimRandom& random);

// What a scanner reads off the label (GS = 0x1D as FNC1 separator, optional AIM "]C1" prefix).
QString uspsLabelBarcode(QStringView impb, QStringView zip5, QStringView zip4, bool aimPrefix);
QString fedex34LabelBarcode(SimRandom& random, QStringView tracking12, QStringView zip5);
QString fedexGround22LabelBarcode(QStringView tracking15);

} // namespace Barcode
