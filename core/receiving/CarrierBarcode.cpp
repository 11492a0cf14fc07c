#include "CarrierBarcode.h"

#include <array>

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {
// A USPS Package Identification Code starts with its channel application identifier, 91 to 95 (USPS
// Publication 199), and ends with a GS1 mod-10 check digit over all digits before it.
bool isImpbPic(QStringView pic)
{
    const qsizetype n = pic.size();
    return (n == 22 || n == 26 || n == 30 || n == 34) && pic.startsWith(u'9') && CarrierBarcode::isGs1Valid(pic);
}

// FedEx prints its 12-digit (Express) or 15-digit (Ground) tracking number as the tail of its longer
// barcodes; which one it is shows only in which check digit holds, so both are tried.
void readFedExTail(const QString& digits, const QString& format, QList<CarrierBarcode::Reading>& out)
{
    const QString tail15 = digits.right(15);
    if (CarrierBarcode::isGs1Valid(tail15))
        out << CarrierBarcode::Reading {format, ScanKeyKind::Tracking, tail15, {}};
    const QString tail12 = digits.right(12);
    if (CarrierBarcode::isFedEx12Valid(tail12))
        out << CarrierBarcode::Reading {format, ScanKeyKind::Tracking, tail12, {}};
}

int upsValue(QChar c)
{
    // UPS maps letters onto digits by their code: A=2, B=3, ... I=0, J=1, ... (code - 63) mod 10.
    return c.isDigit() ? c.digitValue() : (c.unicode() - 63) % 10;
}
} // namespace

bool CarrierBarcode::isDigits(QStringView text)
{
    if (text.isEmpty())
        return false;
    for (const QChar c : text) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return true;
}

bool CarrierBarcode::isGs1Valid(QStringView digits)
{
    if (digits.size() < 2 || !isDigits(digits))
        return false;
    int sum = 0;
    bool triple = true;
    for (qsizetype i = digits.size() - 2; i >= 0; --i) {
        sum += digits.at(i).digitValue() * (triple ? 3 : 1);
        triple = !triple;
    }
    return (10 - sum % 10) % 10 == digits.back().digitValue();
}

bool CarrierBarcode::isUpsValid(QStringView tracking)
{
    if (tracking.size() != 18 || !tracking.startsWith(u"1Z"_s) || !tracking.back().isDigit())
        return false;
    int sum = 0;
    for (qsizetype i = 2; i < 17; ++i) {
        const QChar c = tracking.at(i);
        if (!(c.isDigit() || (c >= u'A' && c <= u'Z')))
            return false;
        // Positions count from 1 after "1Z": even ones weigh double.
        sum += upsValue(c) * ((i - 2) % 2 == 1 ? 2 : 1);
    }
    return (10 - sum % 10) % 10 == tracking.back().digitValue();
}

bool CarrierBarcode::isFedEx12Valid(QStringView digits)
{
    if (digits.size() != 12 || !isDigits(digits))
        return false;
    static constexpr std::array<int, 3> kWeights {1, 3, 7};
    int sum = 0;
    for (qsizetype i = 10, w = 0; i >= 0; --i, ++w)
        sum += digits.at(i).digitValue() * kWeights[std::size_t(w % 3)];
    return sum % 11 % 10 == digits.back().digitValue();
}

bool CarrierBarcode::isDhl10Valid(QStringView digits)
{
    if (digits.size() != 10 || !isDigits(digits))
        return false;
    return digits.first(9).toLongLong() % 7 == digits.back().digitValue();
}

QList<CarrierBarcode::Reading> CarrierBarcode::read(const QString& compact, const QStringList& segments)
{
    QList<Reading> out;
    const bool separated = segments.size() > 1;

    // USPS "420" + destination ZIP, then the PIC. With the GS separator the ZIP's length is known; without
    // it (a scanner that drops GS) both ZIP5 and ZIP9 are tried.
    if (separated) {
        const QString& head = segments.constFirst();
        const QString pic = segments.mid(1).join(QString());
        if (head.startsWith(u"420"_s) && (head.size() == 8 || head.size() == 12) && isDigits(head) && isImpbPic(pic))
            out << Reading {u"usps-impb"_s, ScanKeyKind::Tracking, pic, head.mid(3)};
    }

    const qsizetype n = compact.size();
    if (isDigits(compact)) {
        if (!separated && compact.startsWith(u"420"_s)) {
            for (const int zipLength : {5, 9}) {
                const QString pic = compact.mid(3 + zipLength);
                if (isImpbPic(pic))
                    out << Reading {u"usps-impb"_s, ScanKeyKind::Tracking, pic, compact.mid(3, zipLength)};
            }
        }
        if (isImpbPic(compact))
            out << Reading {u"usps-impb"_s, ScanKeyKind::Tracking, compact, {}};
        if (n == 20 && isGs1Valid(compact))
            out << Reading {u"usps-20"_s, ScanKeyKind::Tracking, compact, {}};
        if (n == 12 && isFedEx12Valid(compact))
            out << Reading {u"fedex-12"_s, ScanKeyKind::Tracking, compact, {}};
        if (n == 15 && isGs1Valid(compact))
            out << Reading {u"fedex-15"_s, ScanKeyKind::Tracking, compact, {}};
        if (n == 22 && compact.startsWith(u"96"_s))
            readFedExTail(compact, u"fedex-96"_s, out);
        if (n == 34)
            readFedExTail(compact, u"fedex-34"_s, out);
        if (n == 10 && isDhl10Valid(compact))
            out << Reading {u"dhl-10"_s, ScanKeyKind::Tracking, compact, {}};
        if (n == 8 && isGs1Valid(compact))
            out << Reading {u"ean-8"_s, ScanKeyKind::Barcode, compact, {}};
        if (n == 12 && isGs1Valid(compact))
            out << Reading {u"upc-a"_s, ScanKeyKind::Barcode, compact, {}};
        if (n == 13 && isGs1Valid(compact))
            out << Reading {u"ean-13"_s, ScanKeyKind::Barcode, compact, {}};
    }
    if (isUpsValid(compact))
        out << Reading {u"ups-1z"_s, ScanKeyKind::Tracking, compact, {}};
    if (n == 20 && compact.startsWith(u"JD"_s) && isDigits(QStringView(compact).sliced(2)))
        out << Reading {u"dhl-jd"_s, ScanKeyKind::Tracking, compact, {}};

    QList<Reading> unique;
    for (const Reading& reading : std::as_const(out)) {
        if (!unique.contains(reading))
            unique << reading;
    }
    return unique;
}

} // namespace Dockside
