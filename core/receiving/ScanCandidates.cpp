#include "ScanCandidates.h"

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {
// GS1 element strings separate their fields with GS; some scanners send FS, RS or EOT in its place.
bool isSeparator(QChar c)
{
    return c == QChar(0x1D) || c == QChar(0x1C) || c == QChar(0x1E) || c == QChar(0x04);
}

// Characters no barcode or typed key holds: what a scanner with the wrong code page or a noisy serial
// line produces. A scan with them is refused rather than looked up as something it is not.
bool isGarbage(QChar c)
{
    switch (c.category()) {
    case QChar::Other_Surrogate:
    case QChar::Other_PrivateUse:
    case QChar::Other_NotAssigned:
        return true;
    default:
        return c == QChar(QChar::ReplacementCharacter);
    }
}

bool isAsciiLetter(QChar c)
{
    return (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z');
}
} // namespace

Result<ScanCandidates> ScanCandidates::fromScan(QStringView raw)
{
    if (raw.size() > kMaxLength) {
        return fail(Error::validation(u"scan.too_long"_s,
            u"The scan is %1 characters long, more than any label holds (%2). Scan the label again; if this "
            u"repeats, check the scanner's prefix and suffix settings."_s)
                        .with(raw.size(), kMaxLength));
    }

    // Split at separators; drop control and format characters (CR, LF, TAB from keyboard wedges,
    // zero-width characters from pasted text).
    QStringList parts {QString()};
    bool sawControl = false;
    for (const QChar c : raw) {
        if (isGarbage(c)) {
            return fail(Error::validation(u"scan.unreadable"_s,
                u"The scan holds characters no label has (U+%1). Scan the label again; if this repeats, check "
                u"the scanner's keyboard and code page settings."_s)
                            .with(QString::number(c.unicode(), 16).rightJustified(4, u'0')));
        }
        if (isSeparator(c)) {
            sawControl = true;
            parts << QString();
        } else if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format) {
            sawControl = sawControl || !c.isSpace();
        } else {
            parts.last() += c;
        }
    }

    ScanCandidates out;
    // The AIM symbology identifier ("]C1" GS1-128, "]E0" EAN-13, "]d2" GS1 DataMatrix, "]Q3" QR) that a
    // scanner may put in front: it names the symbology, it is not part of the data.
    QString& first = parts.first();
    first = first.trimmed();
    if (first.size() >= 3 && first.at(0) == u']' && isAsciiLetter(first.at(1)) && first.at(2).isDigit()) {
        out.m_symbology = first.first(3);
        first.remove(0, 3);
    }

    QStringList segments;
    for (const QString& part : std::as_const(parts)) {
        const QString segment = ScanKey::normalizeTracking(part);
        if (!segment.isEmpty())
            segments << segment;
    }
    out.m_compact = segments.join(QString());
    if (out.m_compact.isEmpty()) {
        if (sawControl || !QStringView(raw).trimmed().isEmpty()) {
            return fail(Error::validation(u"scan.unreadable"_s,
                u"The scan holds no letters or digits. Scan the label again; if this repeats, check the "
                u"scanner's keyboard settings."_s));
        }
        return fail(Error::validation(u"scan.empty"_s,
            u"Nothing was scanned. Scan the label again, or type the tracking number, order name or return "
            u"number."_s));
    }
    const QString text = parts.join(QString()).trimmed();

    // An e-mail address is typed, not printed on a parcel: it is only ever a customer's address.
    const qsizetype at = text.indexOf(u'@');
    if (at > 0 && at < text.size() - 1 && !text.contains(u' ')) {
        out.add(ScanKey::email(text));
        return out;
    }

    out.m_formats = CarrierBarcode::read(out.m_compact, segments);
    for (const CarrierBarcode::Reading& reading : std::as_const(out.m_formats)) {
        out.add(ScanKey {reading.kind, reading.value});
        // One GTIN, two spellings: shops store a UPC-A as 12 digits or as the EAN-13 with a leading zero.
        if (reading.format == u"upc-a"_s)
            out.add(ScanKey::barcode(QString(u'0' + reading.value)));
        else if (reading.format == u"ean-13"_s && reading.value.startsWith(u'0'))
            out.add(ScanKey::barcode(reading.value.sliced(1)));
    }
    // Whatever was recognised, the scan as read stays a tracking key: a carrier's format we do not know,
    // or a label whose check digit a misprint broke, is still stored under exactly these characters.
    out.add(ScanKey::tracking(out.m_compact));
    if (CarrierBarcode::isDigits(out.m_compact) && out.m_compact.size() <= 18 && !out.m_compact.startsWith(u'0'))
        out.add(ScanKey::returnId(out.m_compact.toLongLong()));
    // Order names are stored without "#", so "#1042" and "1042" are the same key.
    out.add(ScanKey::orderName(text));
    out.add(ScanKey::barcode(text));
    out.add(ScanKey::sku(text));
    return out;
}

void ScanCandidates::add(const ScanKey& key)
{
    // Stored keys never hold "NA" (Loop's "N/A" for a missing label), so neither do candidates.
    if (key.value.isEmpty() || key.value == u"NA"_s || m_keys.contains(key))
        return;
    m_keys << key;
}

QList<ScanKey> ScanCandidates::packageKeys() const
{
    QList<ScanKey> keys;
    for (const ScanKey& key : m_keys) {
        if (!isItemKind(key.kind))
            keys << key;
    }
    return keys;
}

QList<ScanKey> ScanCandidates::itemKeys() const
{
    QList<ScanKey> keys;
    for (const ScanKey& key : m_keys) {
        if (isItemKind(key.kind))
            keys << key;
    }
    return keys;
}

} // namespace Dockside
