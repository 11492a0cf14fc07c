#include "ScanKey.h"

#include "util/CodeTable.h"

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {
constexpr CodeTable<ScanKeyKind, 6> kKinds({{
    {ScanKeyKind::Tracking, "tracking"_L1},
    {ScanKeyKind::ReturnId, "return_id"_L1},
    {ScanKeyKind::OrderName, "order_name"_L1},
    {ScanKeyKind::Email, "email"_L1},
    {ScanKeyKind::Barcode, "barcode"_L1},
    {ScanKeyKind::Sku, "sku"_L1},
}});
} // namespace

QString scanKeyKindCode(ScanKeyKind kind)
{
    return kKinds.code(kind);
}

std::optional<ScanKeyKind> scanKeyKindFromCode(QStringView code)
{
    return kKinds.value(code);
}

QString ScanKey::normalizeTracking(QStringView raw)
{
    QString out;
    out.reserve(raw.size());
    for (const QChar c : raw) {
        if (c.isLetterOrNumber())
            out.append(c.toUpper());
    }
    return out;
}

QString ScanKey::normalizeOrderName(QStringView raw)
{
    QStringView trimmed = raw.trimmed();
    while (trimmed.startsWith(u'#'))
        trimmed = trimmed.sliced(1).trimmed();
    return trimmed.toString().toUpper();
}

QString ScanKey::normalizeEmail(QStringView raw)
{
    return raw.trimmed().toString().toLower();
}

QString ScanKey::normalizeCode(QStringView raw)
{
    QString out;
    out.reserve(raw.size());
    for (const QChar c : raw.trimmed()) {
        if (c.category() != QChar::Other_Control)
            out.append(c.toUpper());
    }
    return out;
}

} // namespace Dockside
