// Return labels and return parcels: what the label issuer needs to ask a carrier (the buyer's address,
// the shop's return address and carriers, the items going back), the label it keeps (the PDF and QR code
// are stored with it: a few kB, in the same transaction as the case when the provider drew them, else
// on the label's first download, drawn from the spec kept with it), and what the case pages, the label
// downloads and the label email show. Every function takes the shop and filters by it.
import { sql, type Kysely, type Transaction } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { Database } from '#db/client'
import type { Json } from '#db/schema'
import type { ShippingAddress } from '#db/types'

/** Everything a return label request is made of, for one case. */
export async function findLabelContext(trx: Transaction<Database>, shopId: string, caseId: string) {
  return trx
    .selectFrom('cases as c')
    .innerJoin('orders as o', (j) => j.onRef('o.id', '=', 'c.order_id').on('o.shop_id', '=', shopId))
    .innerJoin('shops as s', 's.id', 'c.shop_id')
    .where('c.shop_id', '=', shopId)
    .where('c.id', '=', caseId)
    .select((eb) => [
      'c.id',
      'c.number',
      'c.order_id',
      'c.buyer_email',
      'c.return_method',
      'o.number as order_number',
      'o.shipping_address',
      's.name as shop_name',
      's.return_address',
      's.label_carriers',
      jsonArrayFrom(
        eb
          .selectFrom('case_items as ci')
          .innerJoin('line_items as li', 'li.id', 'ci.line_item_id')
          .whereRef('ci.case_id', '=', 'c.id')
          .where('ci.shop_id', '=', shopId)
          // What the buyer keeps does not travel.
          .where('ci.keep_item', '=', false)
          .select(['ci.line_item_id', 'ci.quantity', 'li.title'])
          .orderBy('li.position'),
      ).as('items'),
    ])
    .executeTakeFirst()
}

export interface NewReturnLabel {
  shopId: string
  caseId: string
  resolutionId: string
  shipmentId: string
  provider: string
  providerShipmentId: string
  carrier: string
  service: string
  trackingNumber: string
  rateMinor: number | null
  rateCurrency: string | null
  /**
   * The label's files: the bytes when the provider drew them, or the provider's spec (plain JSON) to draw
   * them from on the first download.
   */
  files:
    | { kind: 'drawn'; pdf: Uint8Array; qrPng: Uint8Array | null }
    | { kind: 'drawable'; spec: { readonly [key: string]: unknown }; hasQr: boolean }
  at: Date
}

/** The case's label, once: a second label for a case or a resolution is refused by the unique keys. */
export async function insertReturnLabel(trx: Transaction<Database>, l: NewReturnLabel) {
  const row = await trx
    .insertInto('return_labels')
    .values({
      shop_id: l.shopId,
      case_id: l.caseId,
      resolution_id: l.resolutionId,
      shipment_id: l.shipmentId,
      provider: l.provider,
      provider_shipment_id: l.providerShipmentId,
      carrier: l.carrier,
      service: l.service,
      tracking_number: l.trackingNumber,
      rate_minor: l.rateMinor,
      rate_currency: l.rateCurrency,
      label_pdf: l.files.kind === 'drawn' ? Buffer.from(l.files.pdf) : null,
      qr_png: l.files.kind === 'drawn' && l.files.qrPng ? Buffer.from(l.files.qrPng) : null,
      label_spec: l.files.kind === 'drawable' ? sql<Json>`${JSON.stringify(l.files.spec)}::jsonb` : null,
      has_qr: l.files.kind === 'drawn' ? l.files.qrPng !== null : l.files.hasQr,
      created_at: l.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row
}

/**
 * The label file of a case (`pdf` or the `qr` code), for a download. With `orderId` (a buyer's link) the
 * case must be of that order. `bytes` is null while the label is not drawn yet (`spec` is then what to
 * draw it from) and for a `qr` the label does not have (`has_qr` false).
 */
export async function findReturnLabelFile(
  db: Kysely<Database>,
  q: { shopId: string; caseNumber: number; orderId?: string; file: 'pdf' | 'qr' },
) {
  let query = db
    .selectFrom('return_labels as l')
    .innerJoin('cases as c', (j) => j.onRef('c.id', '=', 'l.case_id').on('c.shop_id', '=', q.shopId))
    .where('l.shop_id', '=', q.shopId)
    .where('c.number', '=', q.caseNumber)
    .select(['l.id', 'l.provider', 'l.tracking_number', 'l.carrier', 'l.has_qr'])
    .select(q.file === 'pdf' ? 'l.label_pdf as bytes' : 'l.qr_png as bytes')
    // The spec only matters until the label is drawn; a drawn label's download does not carry it.
    .select(sql<Json | null>`case when l.label_pdf is null then l.label_spec end`.as('spec'))
  if (q.orderId) query = query.where('c.order_id', '=', q.orderId)
  return query.executeTakeFirst()
}

/**
 * Keeps a label's files drawn on its first download, unless another download stored them first (two at
 * once both draw; the first to commit is kept). Returns the stored files either way, so every download
 * serves the same bytes.
 */
export async function storeDrawnReturnLabel(
  db: Kysely<Database>,
  l: { shopId: string; labelId: string; pdf: Uint8Array; qrPng: Uint8Array | null },
) {
  const stored = await db
    .updateTable('return_labels')
    .set({ label_pdf: Buffer.from(l.pdf), qr_png: l.qrPng ? Buffer.from(l.qrPng) : null })
    .where('shop_id', '=', l.shopId)
    .where('id', '=', l.labelId)
    .where('label_pdf', 'is', null)
    .returning(['label_pdf', 'qr_png'])
    .executeTakeFirst()
  if (stored) return { pdf: stored.label_pdf!, qrPng: stored.qr_png }
  const first = await db
    .selectFrom('return_labels')
    .select(['label_pdf', 'qr_png'])
    .where('shop_id', '=', l.shopId)
    .where('id', '=', l.labelId)
    .executeTakeFirst()
  return first?.label_pdf ? { pdf: first.label_pdf, qrPng: first.qr_png } : null
}

/**
 * A case's return label and return parcel as the case pages show them: the label's facts (not its
 * files), and the parcel with its scans, newest first. Null fields when there is no label yet; the
 * label resolution's state tells whether one is coming or failed.
 */
export async function findCaseReturnParcel(db: Kysely<Database>, shopId: string, caseId: string) {
  const [resolution, label] = await Promise.all([
    db
      .selectFrom('resolutions')
      .select(['id', 'status', 'failure_message', 'attempts', 'updated_at', 'provider'])
      .where('shop_id', '=', shopId)
      .where('case_id', '=', caseId)
      .where('kind', '=', 'return_label')
      .executeTakeFirst(),
    db
      .selectFrom('return_labels as l')
      .leftJoin('shipments as s', (j) => j.onRef('s.id', '=', 'l.shipment_id').on('s.shop_id', '=', shopId))
      .where('l.shop_id', '=', shopId)
      .where('l.case_id', '=', caseId)
      .select((eb) => [
        'l.provider',
        'l.carrier',
        'l.service',
        'l.tracking_number',
        'l.rate_minor',
        'l.rate_currency',
        'l.created_at',
        'l.has_qr',
        's.id as shipment_id',
        's.status',
        's.status_detail',
        's.current_eta',
        's.delivered_at',
        's.last_event_at',
        's.shipped_at',
        jsonArrayFrom(
          eb
            .selectFrom('tracking_events as te')
            .whereRef('te.shipment_id', '=', 's.id')
            .where('te.shop_id', '=', shopId)
            .select(['te.occurred_at', 'te.status', 'te.description', 'te.location'])
            .orderBy('te.occurred_at', 'desc'),
        ).as('events'),
      ])
      .executeTakeFirst(),
  ])
  return { resolution: resolution ?? null, label: label ?? null }
}

/** The case's return parcel, for bringing its next sandbox scan forward. */
export function findReturnShipmentForCase(db: Kysely<Database>, shopId: string, caseNumber: number) {
  return db
    .selectFrom('shipments as s')
    .innerJoin('cases as c', (j) => j.onRef('c.id', '=', 's.case_id').on('c.shop_id', '=', shopId))
    .where('s.shop_id', '=', shopId)
    .where('c.number', '=', caseNumber)
    .where('s.kind', '=', 'return')
    .select([
      's.id',
      's.carrier',
      's.tracking_number',
      's.shipped_at',
      's.external_tracker_id',
      's.current_eta',
    ])
    .orderBy('s.created_at', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/** What the label email shows about the label. */
export function findReturnLabelForEmail(db: Kysely<Database>, shopId: string, caseId: string) {
  return db
    .selectFrom('return_labels as l')
    .innerJoin('cases as c', (j) => j.onRef('c.id', '=', 'l.case_id').on('c.shop_id', '=', shopId))
    .where('l.shop_id', '=', shopId)
    .where('l.case_id', '=', caseId)
    .select(['l.carrier', 'l.service', 'l.tracking_number', 'l.has_qr', 'c.return_method'])
    .executeTakeFirst()
}

export type { ShippingAddress }

/**
 * Queues one carrier poll at `at` (when a new label's first scan is expected), in the caller's
 * transaction. No job key: the crontab's poll keeps its own schedule, and a poll finding nothing due
 * ends at once.
 */
export async function scheduleCarrierPoll(trx: Transaction<Database>, at: Date) {
  await sql`select graphile_worker.add_job('poll-carriers', '{}'::json, run_at := ${at}::timestamptz)`.execute(
    trx,
  )
}
