#include "SupervisorDetailView.h"

#include "ErrorTexts.h"
#include "PhotoViewerDialog.h"
#include "SupervisorText.h"
#include "storage/PhotoRepository.h"

#include <QBuffer>
#include <QDesktopServices>
#include <QFileInfo>
#include <QImageReader>
#include <QLocale>
#include <QTextDocument>

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {

constexpr QSize kThumbnailSize(120, 90);

QString esc(const QString& text)
{
    return text.toHtmlEscaped();
}

QString cell(const QString& html)
{
    return u"<td>"_s + html + u"</td>"_s;
}

QString headerRow(const QStringList& titles)
{
    QString row = u"<tr>"_s;
    for (const QString& title : titles)
        row += u"<th align=\"left\">"_s + esc(title) + u"</th>"_s;
    return row + u"</tr>"_s;
}

QString table(const QString& rows)
{
    return u"<table width=\"99%\" cellspacing=\"0\" cellpadding=\"3\" border=\"0\">"_s + rows + u"</table>"_s;
}

QString localPath(const QString& reference)
{
    const QUrl url(reference);
    if (url.isLocalFile())
        return url.toLocalFile();
    return QFileInfo(reference).isAbsolute() ? reference : QString();
}

} // namespace

SupervisorDetailView::SupervisorDetailView(QWidget* parent)
    : QTextBrowser(parent)
{
    setOpenLinks(false);
    connect(this, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        if (const std::optional<qint64> id = PhotoRepository::idFromReference(url.toString()))
            openStoredPhoto(*id);
        else
            QDesktopServices::openUrl(url);
    });
    document()->setDefaultStyleSheet(u"h2 { margin-bottom: 2px; } h3 { margin-top: 14px; margin-bottom: 4px; }"
                                     " th { background-color: #eceff1; } .focus { background-color: #fff4d6; }"
                                     " .parked { color: #b71c1c; } .muted { color: #607d8b; }"_s);
}

void SupervisorDetailView::setDatabase(Database* database)
{
    if (database != m_database)
        m_storedThumbnails.clear();
    m_database = database;
}

void SupervisorDetailView::showPlaceholder(const QString& text)
{
    m_thumbnails.clear();
    setContent(u"<p class=\"muted\">"_s + esc(text) + u"</p>"_s);
}

void SupervisorDetailView::showUnknownPackage(const UnknownPackage& package)
{
    m_thumbnails.clear();
    QString html = u"<h2>"_s + esc(tr("Unknown package")) + u"</h2>"_s;
    html += u"<p>"_s + tr("Scanned as <b>%1</b>").arg(esc(SupervisorText::visibleScan(package.rawScan))) + u"<br/>"_s
        + esc(
            tr("Received %1 by %2 at %3").arg(SupervisorText::time(package.receivedAt), package.user, package.station))
        + u"<br/>"_s + esc(SupervisorText::unknownStatus(package.status)) + u"</p>"_s;
    html += u"<h3>"_s + esc(tr("Note")) + u"</h3>"_s;
    html += package.note.isEmpty() ? u"<p class=\"muted\">"_s + esc(tr("No note.")) + u"</p>"_s
                                   : u"<p>"_s + esc(package.note).replace(u'\n', u"<br/>"_s) + u"</p>"_s;
    html += u"<h3>"_s + esc(tr("Photos")) + u"</h3>"_s;
    html += package.photoRefs.isEmpty() ? u"<p class=\"muted\">"_s + esc(tr("No photos.")) + u"</p>"_s
                                        : u"<p>"_s + photosHtml(package.photoRefs) + u"</p>"_s;
    html += u"<p class=\"muted\">"_s
        + esc(tr("Re-link it to its return once you know which one it is: scan the return's label or type its "
                 "order name."))
        + u"</p>"_s;
    setContent(html);
}

void SupervisorDetailView::showReturn(const ReturnDetail& detail, qint64 focusReceiptId, qint64 focusOutboxId)
{
    m_thumbnails.clear();
    const Return& value = detail.returnValue;
    QHash<qint64, const ReturnLine*> lines;
    for (const ReturnLine& line : value.lines)
        lines.insert(line.lineItemId, &line);

    QString html = u"<h2>"_s + esc(tr("Order %1 — %2").arg(value.orderName, detail.merchantName)) + u"</h2>"_s;
    QStringList facts;
    facts << tr("Loop return %1").arg(value.loopId) << tr("%1 in Loop").arg(SupervisorText::returnState(value.state));
    if (!value.customerEmail.isEmpty())
        facts << value.customerEmail;
    if (!value.trackingNumber.isEmpty())
        facts << tr("label %1 %2 (%3)").arg(value.carrier, value.trackingNumber, value.labelStatus);
    html += u"<p>"_s + esc(facts.join(u" · "_s)) + u"</p>"_s;

    html += u"<h3>"_s + esc(tr("Expected items")) + u"</h3>"_s;
    QString rows = headerRow({ tr("Item"), tr("SKU"), tr("Barcode"), tr("Customer's reason") });
    for (const ReturnLine& line : value.lines) {
        const QString title = line.variantTitle.isEmpty() ? line.title : line.title + u" — "_s + line.variantTitle;
        rows += u"<tr>"_s + cell(esc(title)) + cell(esc(line.sku)) + cell(esc(line.barcode))
            + cell(esc(line.returnReason)) + u"</tr>"_s;
    }
    html += table(rows);

    for (const Receipt& receipt : detail.receipts) {
        QString heading = tr("Receipt %1").arg(receipt.id);
        if (receipt.decision)
            heading += u" — "_s + SupervisorText::decision(receipt.decision->kind);
        if (receipt.decision && !receipt.decision->reasons.isEmpty())
            heading += u": "_s + SupervisorText::reasons(receipt.decision->reasons);
        html += u"<h3"_s + (receipt.id == focusReceiptId ? u" class=\"focus\""_s : QString()) + u">"_s + esc(heading)
            + u"</h3>"_s;
        html += u"<p>"_s
            + esc(tr("%1 %2 by %3 at %4")
                      .arg(SupervisorText::receiptStatus(receipt.status),
                          SupervisorText::time(receipt.submittedAt.isValid() ? receipt.submittedAt : receipt.startedAt),
                          receipt.user, receipt.station));
        if (!receipt.note.isEmpty())
            html += u"<br/>"_s + esc(tr("Package note: %1").arg(receipt.note));
        for (const ReceiptResolution& resolution : detail.resolutions) {
            if (resolution.receiptId != receipt.id)
                continue;
            html += u"<br/><b>"_s
                + esc(tr("%1 by %2, %3", "resolution by supervisor, time")
                          .arg(SupervisorText::resolution(resolution.resolution), resolution.resolvedBy,
                              SupervisorText::time(resolution.resolvedAt)))
                + u"</b>"_s;
            if (!resolution.note.isEmpty())
                html += u"<br/>"_s + esc(tr("Supervisor's note: %1").arg(resolution.note));
        }
        html += u"</p>"_s;
        QString lineRows = headerRow({ tr("Item"), tr("Scanned"), tr("Condition"), tr("Disposition"), tr("Note") });
        QStringList photos;
        for (const ReceiptLine& line : receipt.lines) {
            const ReturnLine* expected = line.lineItemId ? lines.value(*line.lineItemId) : nullptr;
            const QString title = expected ? expected->title
                : line.lineItemId          ? tr("Line item %1").arg(*line.lineItemId)
                                           : tr("Unexpected item");
            const bool missing = line.condition == Condition::Missing;
            lineRows += u"<tr>"_s + cell(esc(title)) + cell(esc(SupervisorText::visibleScan(line.scannedCode)))
                + cell((missing ? u"<b class=\"parked\">"_s : u"<b>"_s) + esc(SupervisorText::condition(line.condition))
                    + u"</b>"_s)
                + cell(esc(SupervisorText::disposition(line.disposition))) + cell(esc(line.note)) + u"</tr>"_s;
            photos << line.photoRefs;
        }
        html += table(lineRows);
        if (!photos.isEmpty())
            html += u"<p style=\"margin-top: 8px\"><b>"_s + esc(tr("Photos")) + u"</b><br/>"_s + photosHtml(photos)
                + u"</p>"_s;
    }
    if (detail.receipts.isEmpty())
        html += u"<p class=\"muted\">"_s + esc(tr("Not received at any station yet.")) + u"</p>"_s;

    html += u"<h3>"_s + esc(tr("Calls to Loop")) + u"</h3>"_s;
    if (detail.outbox.isEmpty()) {
        html += u"<p class=\"muted\">"_s + esc(tr("None.")) + u"</p>"_s;
    } else {
        QString outboxRows
            = headerRow({ tr("Call"), tr("State"), tr("Attempts"), tr("Last attempt"), tr("Last error") });
        for (const OutboxEntry& entry : detail.outbox) {
            const bool parked = entry.status == OutboxStatus::Parked;
            outboxRows += (entry.id == focusOutboxId ? u"<tr class=\"focus\">"_s : u"<tr>"_s)
                + cell(esc(SupervisorText::outboxKind(entry.kind)))
                + cell((parked ? u"<b class=\"parked\">"_s : u"<b>"_s) + esc(SupervisorText::outboxStatus(entry.status))
                    + u"</b>"_s)
                + cell(QLocale().toString(entry.attempts)) + cell(esc(SupervisorText::time(entry.lastAttemptAt)))
                + cell(esc(entry.lastError)) + u"</tr>"_s;
        }
        html += table(outboxRows);
    }

    html += u"<h3>"_s + esc(tr("History")) + u"</h3>"_s;
    QString auditRows = headerRow({ tr("When"), tr("Who"), tr("What"), tr("Details") });
    for (const AuditEvent& event : detail.audit) {
        auditRows += u"<tr>"_s + cell(esc(SupervisorText::time(event.at)))
            + cell(esc(tr("%1 at %2", "user at station").arg(event.user, event.station)))
            + cell(esc(SupervisorText::auditAction(event.action))) + cell(esc(event.summary)) + u"</tr>"_s;
    }
    html += table(auditRows);
    setContent(html);
}

QString SupervisorDetailView::photosHtml(const QStringList& references)
{
    QString html;
    for (const QString& reference : references) {
        if (const std::optional<qint64> id = PhotoRepository::idFromReference(reference)) {
            html += storedPhotoHtml(reference, *id);
            continue;
        }
        const QString path = localPath(reference);
        QImage image;
        if (!path.isEmpty() && QFileInfo(path).isFile()) {
            QImageReader reader(path);
            reader.setAutoTransform(true);
            const QSize size = reader.size();
            if (size.isValid())
                reader.setScaledSize(size.scaled(kThumbnailSize, Qt::KeepAspectRatio));
            image = reader.read();
        }
        if (image.isNull()) {
            html
                += u"<span class=\"muted\">"_s + esc(tr("%1 (not on this station)").arg(reference)) + u"</span><br/>"_s;
            continue;
        }
        const QString name = u"thumb:%1"_s.arg(m_thumbnails.size());
        m_thumbnails.insert(name, image);
        html += u"<a href=\"%1\"><img src=\"%2\" width=\"%3\" height=\"%4\" title=\"%5\"/></a>&nbsp;"_s
                    .arg(QUrl::fromLocalFile(path).toString(QUrl::FullyEncoded).toHtmlEscaped(), name)
                    .arg(image.width())
                    .arg(image.height())
                    .arg(esc(QFileInfo(path).fileName()));
    }
    return html;
}

QString SupervisorDetailView::storedPhotoHtml(const QString& reference, qint64 id)
{
    auto cached = m_storedThumbnails.constFind(id);
    if (cached == m_storedThumbnails.cend()) {
        if (!m_database)
            return u"<span class=\"muted\">"_s + esc(tr("%1 (no database to read it from)").arg(reference))
                + u"</span><br/>"_s;
        const Result<std::optional<StoredPhoto>> read = PhotoRepository(*m_database).read(id);
        if (!read)
            return u"<span class=\"muted\">"_s
                + esc(tr("%1 (could not be read: %2)").arg(reference, ErrorTexts::message(read.error())))
                + u"</span><br/>"_s;
        if (!read->has_value())
            return u"<span class=\"muted\">"_s + esc(tr("%1 (not in the database)").arg(reference))
                + u"</span><br/>"_s;
        QByteArray bytes = (*read)->bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::ReadOnly);
        QImageReader reader(&buffer);
        reader.setAutoTransform(true);
        const QSize size = reader.size();
        if (size.isValid())
            reader.setScaledSize(size.scaled(kThumbnailSize, Qt::KeepAspectRatio));
        const QImage image = reader.read();
        if (image.isNull())
            return u"<span class=\"muted\">"_s + esc(tr("%1 (not a picture that can be shown)").arg(reference))
                + u"</span><br/>"_s;
        cached = m_storedThumbnails.insert(id, image);
    }
    const QImage image = *cached;
    const QString name = u"thumb:%1"_s.arg(m_thumbnails.size());
    m_thumbnails.insert(name, image);
    return u"<a href=\"%1\"><img src=\"%2\" width=\"%3\" height=\"%4\" title=\"%5\"/></a>&nbsp;"_s
        .arg(PhotoRepository::reference(id).toHtmlEscaped(), name)
        .arg(image.width())
        .arg(image.height())
        .arg(esc(tr("Photo %1").arg(id)));
}

void SupervisorDetailView::openStoredPhoto(qint64 id)
{
    auto* viewer = new PhotoViewerDialog(this);
    viewer->setAttribute(Qt::WA_DeleteOnClose);
    if (!m_database) {
        viewer->showProblem(tr("Photo %1 cannot be shown: this station is not connected to a database.").arg(id));
    } else {
        const Result<std::optional<StoredPhoto>> read = PhotoRepository(*m_database).read(id);
        if (!read)
            viewer->showProblem(tr("Photo %1 could not be read: %2").arg(id).arg(ErrorTexts::message(read.error())));
        else if (!read->has_value())
            viewer->showProblem(tr("Photo %1 is not in the database.").arg(id));
        else
            viewer->showPhoto(**read);
    }
    viewer->open();
}

void SupervisorDetailView::setContent(const QString& html)
{
    // The thumbnails are served by loadResource(); clear the document's cache so a reused name shows the new image.
    document()->clear();
    setHtml(html);
}

QVariant SupervisorDetailView::loadResource(int type, const QUrl& name)
{
    if (type == QTextDocument::ImageResource && name.scheme() == u"thumb") {
        const auto found = m_thumbnails.constFind(name.toString());
        if (found != m_thumbnails.cend())
            return *found;
    }
    return QTextBrowser::loadResource(type, name);
}

} // namespace Dockside
