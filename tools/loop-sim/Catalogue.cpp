#include "Catalogue.h"

#include "Barcode.h"
#include "SimRandom.h"

using namespace Qt::StringLiterals;

namespace {

struct ProductFamily
{
    const char16_t* title;
    const char16_t* code;
    qint32 basePriceCents;
    int sizing; // 0 none, 1 apparel, 2 footwear, 3 waist
};

constexpr ProductFamily families[] = {
    { u"Canvas Tote", u"TOTE", 4000, 0 },
    { u"Merino Crew Sweater", u"MCS", 12800, 1 },
    { u"Organic Cotton Tee", u"OCT", 3200, 1 },
    { u"Relaxed Linen Shirt", u"RLS", 8800, 1 },
    { u"Slim Chino", u"CHN", 7900, 3 },
    { u"Selvedge Denim Jean", u"SDJ", 14800, 3 },
    { u"Trail Runner", u"TRN", 13500, 2 },
    { u"Leather Chelsea Boot", u"LCB", 24500, 2 },
    { u"Canvas Sneaker", u"CSN", 6900, 2 },
    { u"Quilted Puffer Jacket", u"QPJ", 21900, 1 },
    { u"Rain Shell", u"RSH", 16500, 1 },
    { u"Fleece Half-Zip", u"FHZ", 7400, 1 },
    { u"Ribbed Beanie", u"RBN", 2800, 0 },
    { u"Wool Scarf", u"WSC", 5400, 0 },
    { u"Leather Belt", u"LBT", 6200, 3 },
    { u"Everyday Backpack", u"EBP", 9800, 0 },
    { u"Wrap Midi Dress", u"WMD", 11800, 1 },
    { u"Pleated Skirt", u"PSK", 7800, 1 },
    { u"Cashmere Cardigan", u"CCD", 19800, 1 },
    { u"Performance Legging", u"PLG", 8800, 1 },
    { u"Sports Bra", u"SBR", 5200, 1 },
    { u"Hiking Sock 3-Pack", u"HSK", 2400, 0 },
    { u"Sun Hat", u"SHT", 3800, 0 },
    { u"Oxford Button-Down", u"OBD", 6800, 1 },
    { u"Cord Overshirt", u"COS", 9200, 1 },
    { u"Swim Trunk", u"SWT", 5800, 1 },
    { u"Bamboo Pajama Set", u"BPS", 8400, 1 },
    { u"Suede Loafer", u"SLF", 17800, 2 },
    { u"Crossbody Bag", u"CBB", 11200, 0 },
    { u"Travel Duffel", u"TDF", 15800, 0 },
    { u"Graphic Hoodie", u"GHD", 6400, 1 },
    { u"Thermal Henley", u"THN", 4800, 1 },
};

struct Colour
{
    const char16_t* name;
    const char16_t* code;
};

constexpr Colour colours[] = {
    { u"Black", u"BLK" },
    { u"Navy", u"NVY" },
    { u"Olive", u"OLV" },
    { u"Oatmeal", u"OAT" },
    { u"Heather Grey", u"HGR" },
    { u"Rust", u"RST" },
    { u"Forest", u"FOR" },
    { u"Sky Blue", u"SKY" },
    { u"Burgundy", u"BRG" },
    { u"Sand", u"SND" },
    { u"Crème", u"CRM" },
};

QList<QString> sizesFor(int sizing)
{
    switch (sizing) {
    case 1:
        return { u"XS"_s, u"S"_s, u"M"_s, u"L"_s, u"XL"_s };
    case 2:
        return { u"8"_s, u"9"_s, u"10"_s, u"11"_s, u"12"_s };
    case 3:
        return { u"30"_s, u"32"_s, u"34"_s, u"36"_s };
    default:
        return {};
    }
}

QString slug(QString text)
{
    text = text.toLower();
    QString out;
    for (const QChar c : std::as_const(text)) {
        if (c.isLetterOrNumber() && c.unicode() < 128)
            out.append(c);
        else if (!out.endsWith(u'-'))
            out.append(u'-');
    }
    while (out.endsWith(u'-'))
        out.chop(1);
    return out;
}

} // namespace

Catalogue::Catalogue(quint64 seed, qint64 shopId)
{
    build(seed, shopId);
}

void Catalogue::build(quint64 seed, qint64 shopId)
{
    SimRandom random(SimRandom::mix(seed, quint64(shopId) * 7919 + 17));
    m_variants.clear();
    m_variantsByProduct.clear();
    m_shopDomain = u"sim-shop-"_s + QString::number(shopId) + u".example.com"_s;

    // UPS shipper numbers are 6 alphanumerics; USPS 9-digit mailer ids start with 9.
    static const QString alphabet = u"0123456789ABCDEFGHJKLMNPRSTVWXYZ"_s;
    m_upsShipper.clear();
    for (int i = 0; i < 6; ++i)
        m_upsShipper.append(alphabet.at(qsizetype(random.bounded(quint64(alphabet.size())))));
    m_uspsMailerId = u"9"_s + random.digits(8);

    const qint64 productBase = 8000000000000LL + shopId * 10000;
    const qint64 variantBase = 45000000000000LL + shopId * 100000;
    // GS1 company prefixes for this shop's brands: one US (UPC-A), one EU (EAN-13).
    const QString upcCompany = QString::number(8) + random.digits(5);
    const QString eanCompany = u"40"_s + random.digits(5);
    int variantSerial = 0;

    int productIndex = 0;
    for (const ProductFamily& family : families) {
        QList<int> variantIndices;
        const int colourCount = int(random.range(2, 3));
        const int colourStart = int(random.bounded(std::size(colours)));
        QList<QString> sizes = sizesFor(family.sizing);
        const int barcodeKind = int(random.weighted({ 70, 25, 5 }));
        for (int c = 0; c < colourCount; ++c) {
            const Colour& colour = colours[(colourStart + c) % std::size(colours)];
            const QList<QString> variantSizes = sizes.isEmpty() ? QList<QString> { QString() } : sizes;
            for (const QString& size : variantSizes) {
                Variant variant;
                variant.productIndex = productIndex;
                variant.productId = productBase + productIndex + 1;
                variant.variantId = variantBase + m_variants.size() + 1;
                const QString colourName = QStringView(colour.name).toString();
                variant.productTitle = QStringView(family.title).toString();
                variant.variantTitle = size.isEmpty() ? colourName : colourName + u" / "_s + size;
                variant.title = variant.productTitle + u" - "_s + variant.variantTitle;
                variant.sku = QStringView(family.code).toString() + u'-' + QStringView(colour.code).toString()
                    + (size.isEmpty() ? QString() : QString(u"-"_s + size));
                variant.priceCents = family.basePriceCents;
                ++variantSerial;
                const QString item = QString::number(variantSerial).rightJustified(5, u'0');
                if (barcodeKind == 0)
                    variant.barcode = Barcode::upcA(QString(upcCompany + item));
                else if (barcodeKind == 1)
                    variant.barcode = Barcode::ean13(QString(eanCompany + item));
                else
                    variant.barcode = u""_s;
                variant.image = u"https://cdn.shopify.com/s/files/1/0"_s + QString::number(shopId) + u"/products/"_s
                    + slug(variant.productTitle + u' ' + colourName) + u".jpg"_s;
                variantIndices.append(int(m_variants.size()));
                m_variants.append(variant);
            }
        }
        m_variantsByProduct.append(variantIndices);
        ++productIndex;
    }
    m_generatedVariantCount = m_variants.size();

    m_destinations = {
        { shopId * 100 + 1, u"East Coast DC"_s, u"08810"_s, u"1402"_s },
        { shopId * 100 + 2, u"West Coast DC"_s, u"91761"_s, u"3506"_s },
    };
}

int Catalogue::exchangeVariantFor(int variantIndex, quint64 salt) const
{
    const auto& siblings = m_variantsByProduct.at(m_variants.at(variantIndex).productIndex);
    if (siblings.size() < 2)
        return variantIndex;
    int pick = siblings.at(qsizetype(salt % quint64(siblings.size())));
    if (pick == variantIndex)
        pick = siblings.at(qsizetype((salt + 1) % quint64(siblings.size())));
    return pick;
}

int Catalogue::upsellVariantFor(int variantIndex, quint64 salt) const
{
    const qint32 price = m_variants.at(variantIndex).priceCents;
    QList<int> pricier;
    for (qsizetype i = 0; i < m_generatedVariantCount; ++i) {
        if (m_variants.at(i).priceCents > price)
            pricier.append(int(i));
    }
    if (pricier.isEmpty())
        return exchangeVariantFor(variantIndex, salt);
    return pricier.at(qsizetype(salt % quint64(pricier.size())));
}

int Catalogue::addVariant(Variant variant)
{
    variant.productIndex = int(m_variantsByProduct.size());
    m_variantsByProduct.append(QList<int> { int(m_variants.size()) });
    m_variants.append(std::move(variant));
    return int(m_variants.size() - 1);
}

void Catalogue::reset()
{
    m_variants.resize(m_generatedVariantCount);
    while (m_variantsByProduct.size() > qsizetype(std::size(families)))
        m_variantsByProduct.removeLast();
}

int Catalogue::destinationIndexById(qint64 id) const
{
    for (qsizetype i = 0; i < m_destinations.size(); ++i) {
        if (m_destinations.at(i).id == id)
            return int(i);
    }
    return -1;
}

const QList<Catalogue::Reason>& Catalogue::reasons() const
{
    static const QList<Reason> reasons {
        { u"Didn't fit"_s, u"Too small"_s },
        { u"Didn't fit"_s, u"Too large"_s },
        { u"Didn't fit"_s, u"Too long"_s },
        { u"Didn't fit"_s, u"Too short"_s },
        { u"Didn't like it"_s, u"I like another style more"_s },
        { u"Didn't like it"_s, u"Color not as expected"_s },
        { u"Didn't like it"_s, u"Material not as expected"_s },
        { u"Quality issue"_s, u"Damaged or defective"_s },
        { u"Quality issue"_s, u"Arrived damaged"_s },
        { u"Quality issue"_s, u"Poor quality"_s },
        { u"Wrong item"_s, u"Received wrong item"_s },
        { u"Wrong item"_s, u"Received wrong size"_s },
        { u"Changed my mind"_s, u"No longer needed"_s },
        { u"Changed my mind"_s, u"Ordered more than one size"_s },
        { u"Changed my mind"_s, u"Found a better price"_s },
    };
    return reasons;
}

const QList<QString>& Catalogue::comments() const
{
    static const QList<QString> comments { u""_s, u""_s, u""_s, u""_s, u"N/A"_s, u"Runs about a size small."_s,
        u"Seam came apart after one wash."_s, u"Colour is much darker than the photos / website."_s,
        u"Ordered two sizes, keeping the M."_s, u"Box was crushed — item scuffed."_s,
        u"Gift, recipient already had one."_s };
    return comments;
}

const QList<QString>& Catalogue::firstNames() const
{
    static const QList<QString> names { u"Olivia"_s, u"Liam"_s, u"Emma"_s, u"Noah"_s, u"Amelia"_s, u"Oliver"_s,
        u"Sophia"_s, u"Elijah"_s, u"Charlotte"_s, u"James"_s, u"Mia"_s, u"Mateo"_s, u"Harper"_s, u"Lucas"_s,
        u"Evelyn"_s, u"Benjamin"_s, u"Aaliyah"_s, u"Henry"_s, u"Zoë"_s, u"Santiago"_s, u"Priya"_s, u"Wei"_s,
        u"Fatima"_s, u"Kenji"_s, u"Chloé"_s, u"Diego"_s, u"Ngozi"_s, u"Sean"_s, u"Ingrid"_s, u"Omar"_s, u"Grace"_s,
        u"Theo"_s, u"Isla"_s, u"Mason"_s, u"Leah"_s, u"Ethan"_s };
    return names;
}

const QList<QString>& Catalogue::lastNames() const
{
    static const QList<QString> names { u"Smith"_s, u"Johnson"_s, u"Williams"_s, u"Brown"_s, u"Jones"_s, u"Garcia"_s,
        u"Miller"_s, u"Davis"_s, u"Rodriguez"_s, u"Martinez"_s, u"Hernandez"_s, u"Lopez"_s, u"Gonzalez"_s, u"Wilson"_s,
        u"Anderson"_s, u"Thomas"_s, u"Taylor"_s, u"Moore"_s, u"Jackson"_s, u"Martin"_s, u"Lee"_s, u"Nguyen"_s,
        u"O'Brien"_s, u"Kowalski"_s, u"Okafor"_s, u"Patel"_s, u"Kim"_s, u"Müller"_s, u"Rossi"_s, u"Dubois"_s,
        u"Yamamoto"_s, u"Haddad"_s };
    return names;
}

const QList<QString>& Catalogue::streets() const
{
    static const QList<QString> streets { u"Main St"_s, u"Oak Ave"_s, u"Maple Dr"_s, u"Cedar Ln"_s, u"Pine St"_s,
        u"Elm St"_s, u"Washington Blvd"_s, u"Lakeview Rd"_s, u"Sunset Ave"_s, u"Park Pl"_s, u"River Rd"_s,
        u"Hillcrest Dr"_s, u"Highland Ave"_s, u"Church St"_s, u"Spring St"_s, u"Mill Rd"_s };
    return streets;
}

const QList<Catalogue::City>& Catalogue::cities() const
{
    static const QList<City> cities {
        { u"Columbus"_s, u"Ohio"_s, u"43215"_s, u"United States"_s, u"US"_s },
        { u"Austin"_s, u"Texas"_s, u"78701"_s, u"United States"_s, u"US"_s },
        { u"Denver"_s, u"Colorado"_s, u"80202"_s, u"United States"_s, u"US"_s },
        { u"Portland"_s, u"Oregon"_s, u"97205"_s, u"United States"_s, u"US"_s },
        { u"Brooklyn"_s, u"New York"_s, u"11201"_s, u"United States"_s, u"US"_s },
        { u"Chicago"_s, u"Illinois"_s, u"60614"_s, u"United States"_s, u"US"_s },
        { u"Atlanta"_s, u"Georgia"_s, u"30309"_s, u"United States"_s, u"US"_s },
        { u"Seattle"_s, u"Washington"_s, u"98101"_s, u"United States"_s, u"US"_s },
        { u"San Diego"_s, u"California"_s, u"92101"_s, u"United States"_s, u"US"_s },
        { u"Minneapolis"_s, u"Minnesota"_s, u"55401"_s, u"United States"_s, u"US"_s },
        { u"Nashville"_s, u"Tennessee"_s, u"37203"_s, u"United States"_s, u"US"_s },
        { u"Boston"_s, u"Massachusetts"_s, u"02116"_s, u"United States"_s, u"US"_s },
        { u"Phoenix"_s, u"Arizona"_s, u"85004"_s, u"United States"_s, u"US"_s },
        { u"Raleigh"_s, u"North Carolina"_s, u"27601"_s, u"United States"_s, u"US"_s },
        { u"Salt Lake City"_s, u"Utah"_s, u"84111"_s, u"United States"_s, u"US"_s },
        { u"Miami"_s, u"Florida"_s, u"33130"_s, u"United States"_s, u"US"_s },
        { u"Toronto"_s, u"Ontario"_s, u"M5V 2T6"_s, u"Canada"_s, u"CA"_s },
        { u"Vancouver"_s, u"British Columbia"_s, u"V6B 1A1"_s, u"Canada"_s, u"CA"_s },
        { u"Montréal"_s, u"Quebec"_s, u"H2Y 1C6"_s, u"Canada"_s, u"CA"_s },
    };
    return cities;
}
