#include "FlagNote.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {
const QString kPrefix = u"Dockside: "_s;
const QString kEllipsis = u"\u2026"_s;
constexpr int kMaxItemBytes = 60; // one long title must not crowd out the others

qsizetype bytes(const QString& text)
{
    return text.toUtf8().size();
}

QString plural(qsizetype count, const QString& one, const QString& many)
{
    return count == 1 ? one : many.arg(count);
}

QString money(qint64 minor, const QString& currency)
{
    // Minor units are hundredths throughout Dockside (LoopJson::moneyMinor).
    QString text = u"%1.%2"_s.arg(minor / 100).arg(minor % 100, 2, 10, QChar(u'0'));
    if (!currency.isEmpty())
        text += u' ' + currency;
    return text;
}

QString headline(const ReceiptRules::Finding& finding)
{
    const qsizetype n = finding.items.size();
    switch (finding.reason) {
    case ReasonCode::MissingItem:
        return plural(n, u"1 item missing"_s, u"%1 items missing"_s);
    case ReasonCode::IncorrectItem:
        return plural(n, u"1 incorrect item"_s, u"%1 incorrect items"_s);
    case ReasonCode::UnexpectedItem:
        return plural(n, u"1 unexpected item scanned"_s, u"%1 unexpected items scanned"_s);
    case ReasonCode::QuantityOverExpected:
        return plural(n, u"more units than expected for 1 item"_s, u"more units than expected for %1 items"_s);
    case ReasonCode::ConditionBelowThreshold:
        return plural(n, u"1 item below accepted condition"_s, u"%1 items below accepted condition"_s);
    case ReasonCode::ReturnNotOpen:
        return u"return is %1, not open"_s.arg(finding.code.isEmpty() ? u"unknown"_s : finding.code);
    case ReasonCode::LabelNotDelivered:
        return finding.code.isEmpty() ? u"label has no delivery status"_s
                                      : u"label not delivered (%1)"_s.arg(finding.code);
    case ReasonCode::ValueNeedsSupervisor:
        return u"value %1 over the %2 limit"_s.arg(
            money(finding.valueMinor, finding.currency), money(finding.limitMinor, finding.currency));
    case ReasonCode::AutoProcessDisabled:
        return u"auto-processing is off for this merchant"_s;
    case ReasonCode::SupervisorOverride:
        return u"supervisor override"_s;
    }
    return reasonCode(finding.reason);
}

QString describe(const ReceiptRules::Finding& finding, const ReceiptRules::Item& item)
{
    QString text = item.title.trimmed();
    if (finding.reason == ReasonCode::UnexpectedItem || text.isEmpty())
        text = item.scannedCode.isEmpty() ? item.sku : item.scannedCode;
    else if (!item.sku.isEmpty())
        text += u" ("_s + item.sku + u')';
    if (finding.reason == ReasonCode::ConditionBelowThreshold && item.condition)
        text += u' ' + conditionCode(*item.condition);
    if (finding.reason == ReasonCode::QuantityOverExpected)
        text += u" x%1"_s.arg(item.units);
    return FlagNote::fit(text.simplified(), kMaxItemBytes);
}

QString section(const QString& head, const QStringList& items, qsizetype shown)
{
    if (shown == 0)
        return head;
    QString text = head + u": "_s + items.mid(0, shown).join(u", "_s);
    if (shown < items.size())
        text += u", "_s + kEllipsis + u" +%1 more"_s.arg(items.size() - shown);
    return text;
}

QString assemble(const QStringList& sections, const QString& receiverNote = {})
{
    QString text = kPrefix + sections.join(u"; "_s);
    if (!receiverNote.isEmpty())
        text += u"; "_s + receiverNote;
    return text.endsWith(kEllipsis) ? text : text + u'.';
}
} // namespace

QString FlagNote::fit(const QString& text, int limit)
{
    if (bytes(text) <= limit)
        return text;
    const qsizetype room = limit - bytes(kEllipsis);
    QString cut;
    qsizetype used = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        // A surrogate pair is one character: keep or drop both halves together.
        const qsizetype length = text[i].isHighSurrogate() && i + 1 < text.size() ? 2 : 1;
        const qsizetype size = bytes(text.mid(i, length));
        if (used + size > room)
            break;
        cut += text.mid(i, length);
        used += size;
        i += length - 1;
    }
    while (!cut.isEmpty() && (cut.back().isSpace() || cut.back() == u',' || cut.back() == u';'))
        cut.chop(1);
    return cut + kEllipsis;
}

QString FlagNote::compose(const QList<ReceiptRules::Finding>& findings, const QString& receiverNote)
{
    if (findings.isEmpty())
        return {};
    QStringList heads;
    QList<QStringList> items;
    for (const ReceiptRules::Finding& finding : findings) {
        heads << headline(finding);
        QStringList described;
        for (const ReceiptRules::Item& item : finding.items)
            described << describe(finding, item);
        items << described;
    }

    // Every reason, briefly, most important first; if even that is too long, the least important ones go.
    QStringList sections = heads;
    if (bytes(assemble(sections)) > maxBytes) {
        while (sections.size() > 1 && bytes(assemble(sections + QStringList { kEllipsis })) > maxBytes)
            sections.removeLast();
        if (sections.size() < heads.size())
            sections << kEllipsis;
        return fit(assemble(sections), maxBytes);
    }

    // Then the receiver's note, in what room the reasons leave (a stub of a few words says nothing: left out).
    QString noted;
    if (const QString text = receiverNote.simplified(); !text.isEmpty()) {
        const QString label = u"receiver: "_s;
        const qsizetype room
            = std::min<qsizetype>(maxBytes - bytes(assemble(sections, label)), maxReceiverNoteBytes);
        constexpr qsizetype kShortestUseful = 24;
        if (room >= std::min(bytes(text), kShortestUseful))
            noted = label + fit(text, int(room));
    }

    // Then the items, in the same order, as many as fit.
    for (qsizetype i = 0; i < sections.size(); ++i) {
        for (qsizetype shown = 1; shown <= items[i].size(); ++shown) {
            QStringList candidate = sections;
            candidate[i] = section(heads[i], items[i], shown);
            if (bytes(assemble(candidate, noted)) > maxBytes)
                break;
            sections = candidate;
        }
    }
    return assemble(sections, noted);
}

} // namespace Dockside
