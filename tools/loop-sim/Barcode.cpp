#include "Barcode.h"

#include "SimRandom.h"

using namespace Qt::StringLiterals;

namespace Barcode {

namespace {

int digitValue(QChar c)
{
    if (c.isDigit())
        return c.digitValue();
    return (c.unicode() - 3) % 10;
}

QString withCheck(QStringView data, int check)
{
    return data.toString() + QChar(u'0' + char16_t(check));
}

} // namespace

int gs1CheckDigit(QStringView dataDigits)
{
    int sum = 0;
    bool triple = true;
    for (qsizetype i = dataDigits.size() - 1; i >= 0; --i) {
        sum += digitValue(dataDigits.at(i)) * (triple ? 3 : 1);
        triple = !triple;
    }
    return (10 - sum % 10) % 10;
}

int upsCheckDigit(QStringView serial15)
{
    int sum = 0;
    for (qsizetype i = 0; i < serial15.size(); ++i)
        sum += digitValue(serial15.at(i)) * (i % 2 == 1 ? 2 : 1);
    return (10 - sum % 10) % 10;
}

int fedex12CheckDigit(QStringView data11)
{
    static constexpr int weights[] = { 3, 1, 7 };
    int sum = 0;
    for (qsizetype i = 0; i < data11.size(); ++i)
        sum += digitValue(data11.at(i)) * weights[i % 3];
    return sum % 11 % 10;
}

int fedex15CheckDigit(QStringView data14)
{
    int sum = 0;
    for (qsizetype i = 0; i < data14.size(); ++i)
        sum += digitValue(data14.at(i)) * (i % 2 == 1 ? 3 : 1);
    return (10 - sum % 10) % 10;
}

QString upcA(QStringView data11)
{
    return withCheck(data11, gs1CheckDigit(data11));
}

QString ean13(QStringView data12)
{
    return withCheck(data12, gs1CheckDigit(data12));
}

QString uspsImpb(SimRandom& random, QStringView mailerId9)
{
    static const QList<QString> prefixes { u"92"_s, u"93"_s, u"94"_s };
    // Service type codes seen on return labels (Ground Advantage / Priority / Parcel Select returns).
    static const QList<QString> serviceTypes { u"001"_s, u"055"_s, u"612"_s, u"748"_s };
    const QString data = random.pick(prefixes) + random.pick(serviceTypes) + mailerId9 + random.digits(7);
    return withCheck(data, gs1CheckDigit(data));
}

QString upsTracking(SimRandom& random, QStringView shipper6)
{
    // 90 = "Ground - Returns - UPS Prints and Mails Label", 03 = Ground.
    static const QList<QString> services { u"90"_s, u"03"_s };
    const QString serial = shipper6.toString() + random.pick(services) + random.digits(7);
    return u"1Z"_s + withCheck(serial, upsCheckDigit(serial));
}

QString fedex12(SimRandom& random)
{
    static const QList<QString> leads { u"77"_s, u"39"_s, u"78"_s, u"27"_s };
    const QString data = random.pick(leads) + random.digits(9);
    return withCheck(data, fedex12CheckDigit(data));
}

QString fedex15(SimRandom& random)
{
    const QString data = random.digits(14);
    return withCheck(data, fedex15CheckDigit(data));
}

QString uspsLabelBarcode(QStringView impb, QStringView zip5, QStringView zip4, bool aimPrefix)
{
    QString barcode;
    if (aimPrefix)
        barcode += u"]C1"_s;
    barcode += u"420"_s + zip5;
    if (!zip4.isEmpty())
        barcode += zip4;
    barcode += QChar(0x1D);
    barcode += impb;
    return barcode;
}

QString fedex34LabelBarcode(SimRandom& random, QStringView tracking12, QStringView zip5)
{
    // "1001" + form digit + 10 digits + destination ZIP + "00" + the 12-digit tracking number (its own check digit
    // doubles as the barcode's: the 13-digit serial is the tracking number with a leading zero).
    return u"10019"_s + random.digits(10) + zip5 + u"00"_s + tracking12;
}

QString fedexGround22LabelBarcode(QStringView tracking15)
{
    return u"9611020"_s + tracking15;
}

} // namespace Barcode
