#pragma once

#include <QList>
#include <QString>

// The shop's product variants, people, places and return reasons the generator draws from. Built once per shop
// (deterministic from seed and shop id); records refer to variants by index so 100k returns stay small.
class Catalogue final
{
public:
    struct Variant
    {
        qint64 productId = 0;
        qint64 variantId = 0;
        QString sku;
        QString title; // "Merino Crew Sweater - Navy / M"
        QString productTitle; // "Merino Crew Sweater"
        QString variantTitle; // "Navy / M"
        QString barcode; // UPC-A, EAN-13 or ""
        QString image;
        qint32 priceCents = 0;
        int productIndex = 0;
    };

    struct Reason
    {
        QString parent;
        QString reason;
    };

    struct City
    {
        QString city;
        QString state;
        QString zip;
        QString country;
        QString countryCode;
    };

    struct Destination
    {
        qint64 id = 0;
        QString name;
        QString zip5;
        QString zip4;
    };

    Catalogue(quint64 seed, qint64 shopId);

    const QList<Variant>& variants() const { return m_variants; }
    const Variant& variant(int index) const { return m_variants.at(index); }
    // Variant indices that belong to the same product (for exchanges) and cost more (for upsells).
    int exchangeVariantFor(int variantIndex, quint64 salt) const;
    int upsellVariantFor(int variantIndex, quint64 salt) const;
    // Custom variants requested through the control API (reset() drops them).
    int addVariant(Variant variant);
    void reset();

    const QList<Reason>& reasons() const;
    const QList<QString>& comments() const;
    const QList<QString>& firstNames() const;
    const QList<QString>& lastNames() const;
    const QList<QString>& streets() const;
    const QList<City>& cities() const;
    const QList<Destination>& destinations() const { return m_destinations; }
    int destinationIndexById(qint64 id) const;

    const QString& upsShipper() const { return m_upsShipper; }
    const QString& uspsMailerId() const { return m_uspsMailerId; }
    const QString& shopDomain() const { return m_shopDomain; }

private:
    void build(quint64 seed, qint64 shopId);

    QList<Variant> m_variants;
    qsizetype m_generatedVariantCount = 0;
    QList<QList<int>> m_variantsByProduct;
    QList<Destination> m_destinations;
    QString m_upsShipper;
    QString m_uspsMailerId;
    QString m_shopDomain;
};
