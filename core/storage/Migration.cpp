#include "Migration.h"

#include "SqlDialect.h"

using namespace Qt::StringLiterals;

namespace Dockside {

namespace {

QStringList expand(const SqlDialect& dialect, const QStringList& ddl)
{
    QStringList out;
    out.reserve(ddl.size());
    for (const QString& statement : ddl)
        out << dialect.expandDdl(statement);
    return out;
}

Migration initialSchema(const SqlDialect& dialect)
{
    QStringList statements = expand(dialect,
        {
            uR"(CREATE TABLE "merchants" (
                "id" ${ID},
                "name" TEXT NOT NULL UNIQUE,
                "shop_id" TEXT NOT NULL DEFAULT '',
                "base_url" TEXT NOT NULL,
                "api_version" TEXT NOT NULL DEFAULT 'v1',
                "api_key_ref" TEXT NOT NULL DEFAULT '',
                "webhook_secret_ref" TEXT NOT NULL DEFAULT '',
                "rate_limit_per_minute" INTEGER NOT NULL DEFAULT 300,
                "active" INTEGER NOT NULL DEFAULT 1,
                "created_at" ${BIGINT} NOT NULL))"_s,

            uR"(CREATE TABLE "returns" (
                "id" ${ID},
                "merchant_id" ${BIGINT} NOT NULL REFERENCES "merchants" ("id"),
                "loop_id" ${BIGINT} NOT NULL,
                "state" TEXT NOT NULL,
                "outcome" TEXT NOT NULL DEFAULT '',
                "order_id" TEXT NOT NULL DEFAULT '',
                "order_name" TEXT NOT NULL DEFAULT '',
                "order_number" TEXT NOT NULL DEFAULT '',
                "provider_order_id" TEXT NOT NULL DEFAULT '',
                "customer_email" TEXT NOT NULL DEFAULT '',
                "carrier" TEXT NOT NULL DEFAULT '',
                "tracking_number" TEXT NOT NULL DEFAULT '',
                "extra_tracking_numbers" TEXT NOT NULL DEFAULT '[]',
                "label_status" TEXT NOT NULL DEFAULT '',
                "label_updated_at" ${BIGINT},
                "currency" TEXT NOT NULL DEFAULT '',
                "total_minor" ${BIGINT} NOT NULL DEFAULT 0,
                "created_at" ${BIGINT},
                "updated_at" ${BIGINT} NOT NULL,
                "synced_at" ${BIGINT} NOT NULL,
                UNIQUE ("merchant_id", "loop_id")))"_s,

            uR"(CREATE TABLE "return_lines" (
                "return_id" ${BIGINT} NOT NULL REFERENCES "returns" ("id") ON DELETE CASCADE,
                "line_item_id" ${BIGINT} NOT NULL,
                "position" INTEGER NOT NULL,
                "product_id" TEXT NOT NULL DEFAULT '',
                "variant_id" TEXT NOT NULL DEFAULT '',
                "sku" TEXT NOT NULL DEFAULT '',
                "barcode" TEXT NOT NULL DEFAULT '',
                "title" TEXT NOT NULL DEFAULT '',
                "variant_title" TEXT NOT NULL DEFAULT '',
                "image_url" TEXT NOT NULL DEFAULT '',
                "price_minor" ${BIGINT} NOT NULL DEFAULT 0,
                "return_reason" TEXT NOT NULL DEFAULT '',
                "parent_return_reason" TEXT NOT NULL DEFAULT '',
                "return_comment" TEXT NOT NULL DEFAULT '',
                "outcome" TEXT NOT NULL DEFAULT '',
                PRIMARY KEY ("return_id", "line_item_id")))"_s,

            // Every exact key a scan can resolve through (tracking numbers, return id, order name, email,
            // item barcodes and SKUs), already normalised, in one index: a scan is one indexed lookup.
            uR"(CREATE TABLE "scan_keys" (
                "key" TEXT NOT NULL,
                "kind" TEXT NOT NULL,
                "return_id" ${BIGINT} NOT NULL REFERENCES "returns" ("id") ON DELETE CASCADE,
                PRIMARY KEY ("key", "kind", "return_id")))"_s,
            uR"(CREATE INDEX "scan_keys_return_idx" ON "scan_keys" ("return_id"))"_s,

            uR"(CREATE TABLE "receipts" (
                "id" ${ID},
                "return_id" ${BIGINT} REFERENCES "returns" ("id"),
                "merchant_id" ${BIGINT} REFERENCES "merchants" ("id"),
                "station" TEXT NOT NULL,
                "user_name" TEXT NOT NULL,
                "status" TEXT NOT NULL,
                "started_at" ${BIGINT} NOT NULL,
                "submitted_at" ${BIGINT},
                "note" TEXT NOT NULL DEFAULT '',
                "decision" TEXT,
                "decision_reasons" TEXT NOT NULL DEFAULT '',
                "decided_at" ${BIGINT},
                "decided_by" TEXT NOT NULL DEFAULT ''))"_s,
            uR"(CREATE INDEX "receipts_return_idx" ON "receipts" ("return_id"))"_s,

            uR"(CREATE TABLE "receipt_lines" (
                "id" ${ID},
                "receipt_id" ${BIGINT} NOT NULL REFERENCES "receipts" ("id") ON DELETE CASCADE,
                "position" INTEGER NOT NULL,
                "scanned_code" TEXT NOT NULL DEFAULT '',
                "line_item_id" ${BIGINT},
                "quantity" INTEGER NOT NULL DEFAULT 1,
                "condition" TEXT,
                "disposition" TEXT,
                "note" TEXT NOT NULL DEFAULT '',
                "photo_refs" TEXT NOT NULL DEFAULT '[]',
                "station" TEXT NOT NULL,
                "user_name" TEXT NOT NULL,
                "recorded_at" ${BIGINT} NOT NULL))"_s,
            uR"(CREATE INDEX "receipt_lines_receipt_idx" ON "receipt_lines" ("receipt_id"))"_s,

            uR"(CREATE TABLE "outbox" (
                "id" ${ID},
                "merchant_id" ${BIGINT} NOT NULL REFERENCES "merchants" ("id"),
                "return_id" ${BIGINT} REFERENCES "returns" ("id"),
                "loop_return_id" ${BIGINT} NOT NULL,
                "receipt_id" ${BIGINT} REFERENCES "receipts" ("id"),
                "kind" TEXT NOT NULL,
                "payload" TEXT NOT NULL DEFAULT '',
                "status" TEXT NOT NULL,
                "attempts" INTEGER NOT NULL DEFAULT 0,
                "next_attempt_at" ${BIGINT} NOT NULL,
                "last_attempt_at" ${BIGINT},
                "last_error" TEXT NOT NULL DEFAULT '',
                "created_at" ${BIGINT} NOT NULL,
                "updated_at" ${BIGINT} NOT NULL))"_s,
            uR"(CREATE INDEX "outbox_due_idx" ON "outbox" ("status", "next_attempt_at"))"_s,
            uR"(CREATE INDEX "outbox_return_idx" ON "outbox" ("merchant_id", "loop_return_id", "id"))"_s,

            uR"(CREATE TABLE "audit_events" (
                "id" ${ID},
                "at" ${BIGINT} NOT NULL,
                "station" TEXT NOT NULL DEFAULT '',
                "user_name" TEXT NOT NULL DEFAULT '',
                "action" TEXT NOT NULL,
                "merchant_id" ${BIGINT},
                "return_id" ${BIGINT},
                "receipt_id" ${BIGINT},
                "raw_scan" TEXT NOT NULL DEFAULT '',
                "summary" TEXT NOT NULL DEFAULT '',
                "detail" TEXT NOT NULL DEFAULT '{}'))"_s,
            uR"(CREATE INDEX "audit_events_return_idx" ON "audit_events" ("return_id", "at"))"_s,
            uR"(CREATE INDEX "audit_events_at_idx" ON "audit_events" ("at"))"_s,
        });
    statements << dialect.appendOnlyTriggerSql(u"audit_events"_s);
    return {1, u"initial schema"_s, statements};
}


Migration syncState(const SqlDialect& dialect)
{
    return {2, u"sync state, leases and webhook inbox"_s,
        expand(dialect,
            {
                // Where each merchant's pulls stand. A stream is one kind of pull (e.g. the incremental pull
                // of default states, or of cancelled returns): each has its own watermark.
                uR"(CREATE TABLE "sync_state" (
                    "merchant_id" ${BIGINT} NOT NULL REFERENCES "merchants" ("id"),
                    "stream" TEXT NOT NULL,
                    "watermark" ${BIGINT},
                    "last_attempt_at" ${BIGINT},
                    "last_success_at" ${BIGINT},
                    "last_error" TEXT NOT NULL DEFAULT '',
                    "last_error_at" ${BIGINT},
                    "returns_seen" ${BIGINT} NOT NULL DEFAULT 0,
                    PRIMARY KEY ("merchant_id", "stream")))"_s,

                // A named lease, e.g. the site's sync leadership: one holder until it expires.
                uR"(CREATE TABLE "leases" (
                    "name" TEXT PRIMARY KEY,
                    "holder" TEXT NOT NULL,
                    "acquired_at" ${BIGINT} NOT NULL,
                    "expires_at" ${BIGINT} NOT NULL))"_s,

                // Webhooks as received, verified and stored before the 200 goes out, so none is lost
                // between the answer and the upsert.
                uR"(CREATE TABLE "webhook_inbox" (
                    "id" ${ID},
                    "merchant_id" ${BIGINT} NOT NULL REFERENCES "merchants" ("id"),
                    "received_at" ${BIGINT} NOT NULL,
                    "topic" TEXT NOT NULL DEFAULT '',
                    "trigger_name" TEXT NOT NULL DEFAULT '',
                    "body" TEXT NOT NULL,
                    "processed_at" ${BIGINT},
                    "attempts" INTEGER NOT NULL DEFAULT 0,
                    "last_error" TEXT NOT NULL DEFAULT ''))"_s,
                uR"(CREATE INDEX "webhook_inbox_pending_idx" ON "webhook_inbox" ("processed_at", "id"))"_s,

                // Label webhooks can overtake their return's own updates; they only touch label fields and
                // are ordered by label_updated_at.
                uR"(CREATE INDEX "return_lines_line_item_idx" ON "return_lines" ("line_item_id"))"_s,
            })};
}

Migration receiving(const SqlDialect& dialect)
{
    return {3, u"receiving: merchant rules and receiving claims"_s,
        expand(dialect,
            {
                // Each merchant's receiving rules as a JSON object (MerchantRules); no row means the defaults.
                // JSON rather than columns so that a new setting needs no migration.
                uR"(CREATE TABLE "merchant_rules" (
                    "merchant_id" ${BIGINT} PRIMARY KEY REFERENCES "merchants" ("id"),
                    "rules" TEXT NOT NULL,
                    "updated_at" ${BIGINT} NOT NULL))"_s,

                // Which station is receiving a return: one at a time, until the claim expires.
                uR"(CREATE TABLE "receiving_claims" (
                    "return_id" ${BIGINT} PRIMARY KEY REFERENCES "returns" ("id") ON DELETE CASCADE,
                    "station" TEXT NOT NULL,
                    "user_name" TEXT NOT NULL,
                    "claimed_at" ${BIGINT} NOT NULL,
                    "expires_at" ${BIGINT} NOT NULL))"_s,
            })};
}

} // namespace

int Migration::latestVersion()
{
    return all(SqlDialect(SqlDialect::Kind::Sqlite)).constLast().version;
}

namespace {
Migration contentHash(const SqlDialect& dialect)
{
    // A fingerprint of the copy of each return last stored, so that re-reading an unchanged return (the
    // pull's overlap window, the daily sweep, repeated webhooks) costs a comparison instead of a rewrite.
    return {4, u"return content hash"_s,
        expand(dialect, {uR"(ALTER TABLE "returns" ADD COLUMN "content_hash" TEXT NOT NULL DEFAULT '')"_s})};
}
Migration unknownPackages(const SqlDialect& dialect)
{
    // The exception queue: packages whose scan matched no return. Never dropped: kept with the raw scan
    // until a later sync brings their return (matched) or a supervisor decides (resolved).
    return {5, u"exception queue for unknown packages"_s,
        expand(dialect,
            {
                uR"(CREATE TABLE "unknown_packages" (
                    "id" ${ID},
                    "raw_scan" TEXT NOT NULL,
                    "station" TEXT NOT NULL DEFAULT '',
                    "user_name" TEXT NOT NULL DEFAULT '',
                    "note" TEXT NOT NULL DEFAULT '',
                    "photo_refs" TEXT NOT NULL DEFAULT '[]',
                    "received_at" ${BIGINT} NOT NULL,
                    "status" TEXT NOT NULL,
                    "matched_return_id" ${BIGINT} REFERENCES "returns" ("id"),
                    "matched_at" ${BIGINT}))"_s,
                uR"(CREATE INDEX "unknown_packages_status_idx" ON "unknown_packages" ("status", "id"))"_s,
            })};
}
Migration supervisor(const SqlDialect& dialect)
{
    // A flagged receipt leaves the supervisor's queue once somebody decided (resolved_*), and the queues are read
    // newest first in keyset pages (id < last seen, id DESC): each page query walks one of these indexes (the
    // exception queue has had its own since migration 5). The receipts' partial indexes hold only the flagged
    // queue, so they stay small however many receipts the station keeps; the page queries repeat their predicate
    // literally, which is what lets both planners use them.
    return {6, u"supervisor: resolved receipts and queue indexes"_s,
        expand(dialect,
            {
                uR"(ALTER TABLE "receipts" ADD COLUMN "resolved_at" ${BIGINT})"_s,
                uR"(ALTER TABLE "receipts" ADD COLUMN "resolved_by" TEXT NOT NULL DEFAULT '')"_s,
                uR"(ALTER TABLE "receipts" ADD COLUMN "resolution" TEXT NOT NULL DEFAULT '')"_s,
                uR"(ALTER TABLE "receipts" ADD COLUMN "resolution_note" TEXT NOT NULL DEFAULT '')"_s,
                uR"(CREATE INDEX "receipts_flagged_idx" ON "receipts" ("id")
                    WHERE "decision" = 'flag' AND "resolved_at" IS NULL)"_s,
                uR"(CREATE INDEX "receipts_flagged_merchant_idx" ON "receipts" ("merchant_id", "id")
                    WHERE "decision" = 'flag' AND "resolved_at" IS NULL)"_s,
                uR"(CREATE INDEX "outbox_status_idx" ON "outbox" ("status", "id"))"_s,
                uR"(CREATE INDEX "outbox_receipt_idx" ON "outbox" ("receipt_id"))"_s,
            })};
}
Migration supervisorSorting(const SqlDialect& dialect)
{
    // The supervisor sorts each queue by a column and still reads it in keyset pages: a page is a walk down one of
    // these indexes from the last row seen, (value, id), so its cost does not grow with the queue. Like migration
    // 6's they are partial, holding only the queue's rows, and the page queries repeat the predicates literally.
    // Text is indexed by code point so both databases keep one order. Loop's answer (last_error) has no length
    // limit and PostgreSQL refuses index entries over about 2.7 kB, so its index holds the first 100 characters;
    // the queue sorts by those. The merchant order needs no index of its own on the receipts: a page walks one
    // merchant's rows after another's down ("merchant_id", "id"). Sorting by order name joins the returns, and no
    // index can hold that order (see SupervisorQueues).
    // On SQLite the indexes of the unknown packages and the outbox lead with "status", though they hold one status
    // only: SQLite keeps no statistics and would otherwise prefer the older ("status", ...) indexes for the equality
    // on it, and sort the whole queue. PostgreSQL drops a condition its partial index implies from the index's
    // conditions, so there such a leading column would leave the sort columns unseekable.
    const QString lead = dialect.kind() == SqlDialect::Kind::Sqlite ? uR"("status", )"_s : QString();
    const QString c = dialect.codePointCollation();
    const QString flagged = uR"(WHERE "decision" = 'flag' AND "resolved_at" IS NULL)"_s;
    const QString open = uR"(WHERE "status" = 'open')"_s;
    const QString parked = uR"(WHERE "status" = 'parked')"_s;
    return {7, u"supervisor: indexes for sorted queues"_s,
        expand(dialect,
            {
                uR"(CREATE INDEX "receipts_flagged_submitted_idx" ON "receipts" ((COALESCE("submitted_at", 0)),
                    "id") )"_s
                    + flagged,
                uR"(CREATE INDEX "receipts_flagged_user_idx" ON "receipts" ("user_name"%1, "station"%1,
                    "id") )"_s.arg(c)
                    + flagged,
                uR"(CREATE INDEX "receipts_flagged_reasons_idx" ON "receipts" ("decision_reasons"%1, "id") )"_s.arg(c)
                    + flagged,
                uR"(CREATE INDEX "unknown_packages_open_received_idx" ON "unknown_packages" (%1"received_at",
                    "id") )"_s.arg(lead)
                    + open,
                uR"(CREATE INDEX "unknown_packages_open_user_idx" ON "unknown_packages" (%1"user_name"%2,
                    "station"%2, "id") )"_s.arg(lead, c)
                    + open,
                uR"(CREATE INDEX "outbox_parked_updated_idx" ON "outbox" (%1"updated_at", "id") )"_s.arg(lead)
                    + parked,
                uR"(CREATE INDEX "outbox_parked_merchant_idx" ON "outbox" (%1"merchant_id", "id") )"_s.arg(lead)
                    + parked,
                uR"(CREATE INDEX "outbox_parked_kind_idx" ON "outbox" (%1"kind"%2, "id") )"_s.arg(lead, c) + parked,
                uR"(CREATE INDEX "outbox_parked_error_idx" ON "outbox" (%1(SUBSTR("last_error", 1, 100))%2,
                    "id") )"_s.arg(lead, c)
                    + parked,
                // A sort by order name reads the whole queue: from these, which hold just what it needs, rather
                // than from the table's wide rows (about a third of the time).
                uR"(CREATE INDEX "receipts_flagged_return_idx" ON "receipts" ("return_id", "id") )"_s + flagged,
                uR"(CREATE INDEX "outbox_parked_return_idx" ON "outbox" (%1"return_id", "id") )"_s.arg(lead) + parked,
            })};
}
Migration photos(const SqlDialect& dialect)
{
    // Photos live in the database, not on the desk that took them, so that every station of the site shows them.
    // One row per distinct picture (sha256): storing the same bytes again gives the stored row's id.
    return {8, u"photos stored in the database"_s,
        expand(dialect,
            {
                uR"(CREATE TABLE "photos" (
                    "id" ${ID},
                    "taken_at" ${BIGINT} NOT NULL,
                    "station" TEXT NOT NULL DEFAULT '',
                    "user_name" TEXT NOT NULL DEFAULT '',
                    "content_type" TEXT NOT NULL,
                    "size" ${BIGINT} NOT NULL,
                    "sha256" TEXT NOT NULL UNIQUE,
                    "width" INTEGER,
                    "height" INTEGER,
                    "bytes" ${BLOB} NOT NULL))"_s,
            })};
}
} // namespace

QList<Migration> Migration::all(const SqlDialect& dialect)
{
    return {initialSchema(dialect), syncState(dialect), receiving(dialect), contentHash(dialect),
        unknownPackages(dialect), supervisor(dialect), supervisorSorting(dialect), photos(dialect)};
}

} // namespace Dockside
