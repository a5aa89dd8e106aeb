import { sql, type ExpressionBuilder, type Kysely, type Transaction } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { Database } from '#db/client'
import type { DelayLevel } from '#app/domain/tracking/delay'
import type { ExceptionReason, TrackingEvent, TrackingStatus } from '#app/domain/tracking/status'

export interface NewShipment {
  shopId: string
  orderId: string
  carrier: string
  trackingNumber: string
  service: string | null
  shippedAt: Date
  promisedBy: Date | null
  items: { lineItemId: string; quantity: number }[]
  /** 'order' (the default): the buyer's parcel; 'return': a case's parcel on its way back to the shop. */
  kind?: 'order' | 'return' | 'replacement'
  /** The case a return or replacement parcel belongs to. */
  caseId?: string | null
  /** When to ask the carrier first (default: at hand-over). */
  nextPollAt?: Date
  /** The provider's tracker, when it made one with the label (EasyPost). */
  externalTrackerId?: string | null
}

/** Inserts a shipment and its items: two statements, so it takes the caller's transaction. */
export async function insertShipment(db: Transaction<Database>, s: NewShipment) {
  const insert = db
    .insertInto('shipments')
    .values({
      shop_id: s.shopId,
      order_id: s.orderId,
      carrier: s.carrier,
      tracking_number: s.trackingNumber,
      service: s.service,
      shipped_at: s.shippedAt,
      promised_by: s.promisedBy,
      next_poll_at: s.nextPollAt ?? s.shippedAt,
      created_at: s.shippedAt,
      updated_at: s.shippedAt,
      kind: s.kind ?? 'order',
      case_id: s.caseId ?? null,
      external_tracker_id: s.externalTrackerId ?? null,
    })
    .returning('id')
  // The parcel and its items in one statement (one round trip).
  const { rows } = await sql<{ id: string }>`
    with parcel as (${insert}), items as (
      insert into shipment_items (shop_id, shipment_id, line_item_id, quantity)
      select ${s.shopId}, parcel.id, i."lineItemId", i.quantity
      from parcel, jsonb_to_recordset(${JSON.stringify(s.items)}::jsonb) as i("lineItemId" uuid, quantity int)
    )
    select id from parcel`.execute(db)
  return { id: rows[0]!.id }
}

/** Active parcels of one shop whose next poll is due, oldest first. */
export function listDueShipments(db: Kysely<Database>, q: { shopId: string; now: Date; limit: number }) {
  return db
    .selectFrom('shipments')
    .select(['id', 'carrier', 'tracking_number', 'shipped_at', 'external_tracker_id', 'kind'])
    .where('shop_id', '=', q.shopId)
    .where('is_active', '=', true)
    .where('next_poll_at', '<=', q.now)
    .orderBy('next_poll_at')
    .limit(q.limit)
    .execute()
}

/**
 * The shipments a provider's tracker belongs to, with their shops. A webhook arrives before we know the
 * shop, so this is the one lookup that finds the tenant rather than filtering by it: by the stored
 * tracker id (provider ids are unique), or, for a parcel whose tracker id was never stored, by its
 * tracking number among shipments without one.
 */
export async function findShipmentsForTracker(
  db: Kysely<Database>,
  q: { trackerId: string; trackingNumber: string },
) {
  const byTracker = await db
    .selectFrom('shipments')
    .select(['id', 'shop_id', 'external_tracker_id'])
    .where('external_tracker_id', '=', q.trackerId)
    .execute()
  if (byTracker.length) return byTracker
  return db
    .selectFrom('shipments')
    .select(['id', 'shop_id', 'external_tracker_id'])
    .where('tracking_number', '=', q.trackingNumber)
    .where('external_tracker_id', 'is', null)
    .execute()
}

/** Remembers the provider's tracker for a shipment, so polls fetch it and webhooks find the shop. */
export async function setShipmentTracker(
  db: Kysely<Database>,
  shopId: string,
  shipmentId: string,
  trackerId: string,
) {
  await db
    .updateTable('shipments')
    .set({ external_tracker_id: trackerId })
    .where('shop_id', '=', shopId)
    .where('id', '=', shipmentId)
    .execute()
}

export function lockShipmentForUpdate(trx: Transaction<Database>, shopId: string, shipmentId: string) {
  return trx
    .selectFrom('shipments')
    .select([
      'id',
      'carrier',
      'shipped_at',
      'promised_by',
      'original_eta',
      'current_eta',
      'delay_level',
      'origin_country',
      'kind',
      'case_id',
      'tracking_number',
    ])
    .select((eb) => [
      eb
        .selectFrom('orders as o')
        .whereRef('o.id', '=', 'shipments.order_id')
        .where('o.shop_id', '=', shopId)
        .select(sql<string | null>`o.shipping_address->>'countryCode'`.as('c'))
        .as('destination_country'),
      eb
        .selectFrom('orders as o')
        .whereRef('o.id', '=', 'shipments.order_id')
        .where('o.shop_id', '=', shopId)
        .select('o.promised_by')
        .as('order_promised_by'),
    ])
    .where('shop_id', '=', shopId)
    .where('id', '=', shipmentId)
    .forUpdate()
    .executeTakeFirst()
}

export type NewTrackingEvent = TrackingEvent & { dedupeKey: string }

/** Appends scans; a scan already stored (same dedupe key) is skipped. Returns how many were new. */
export async function insertTrackingEvents(
  trx: Transaction<Database>,
  q: { shopId: string; shipmentId: string; source: string; events: NewTrackingEvent[]; at: Date },
): Promise<number> {
  if (q.events.length === 0) return 0
  const inserted = await trx
    .insertInto('tracking_events')
    .values(
      q.events.map((e) => ({
        shop_id: q.shopId,
        shipment_id: q.shipmentId,
        occurred_at: e.occurredAt,
        status: e.status,
        status_detail: e.detail,
        raw_status: e.rawStatus,
        description: e.description,
        location: e.location,
        source: q.source,
        dedupe_key: e.dedupeKey,
        created_at: q.at,
      })),
    )
    .onConflict((oc) => oc.columns(['shipment_id', 'dedupe_key']).doNothing())
    .returning('id')
    .execute()
  return inserted.length
}

export async function listShipmentEvents(trx: Transaction<Database>, shopId: string, shipmentId: string) {
  const rows = await trx
    .selectFrom('tracking_events')
    .select(['occurred_at', 'status', 'status_detail', 'raw_status', 'description', 'location'])
    .where('shop_id', '=', shopId)
    .where('shipment_id', '=', shipmentId)
    .execute()
  return rows.map((r) => ({
    occurredAt: r.occurred_at,
    status: r.status as TrackingStatus,
    detail: r.status_detail as ExceptionReason | null,
    rawStatus: r.raw_status,
    description: r.description,
    location: r.location,
  }))
}

export interface ShipmentTrackingUpdate {
  status: TrackingStatus
  statusDetail: ExceptionReason | null
  rawStatus: string | null
  originalEta: Date | null
  currentEta: Date | null
  deliveredAt: Date | null
  lastEventAt: Date | null
  failedAttempts: number
  delayLevel: DelayLevel
  delayReason: string
  /** Set only when the level changed; otherwise the previous moment is kept. */
  delayLevelChangedAt?: Date
  /** Our own prediction from the carrier's and route's history, when there is enough of it. */
  predictedEta: Date | null
  /** Business days from hand-over to delivery, once delivered (the history predictions come from). */
  transitBusinessDays: number | null
  nextPollAt: Date
  polledAt: Date
}

export async function updateShipmentTracking(
  trx: Transaction<Database>,
  shopId: string,
  shipmentId: string,
  u: ShipmentTrackingUpdate,
) {
  await trx
    .updateTable('shipments')
    .set({
      status: u.status,
      status_detail: u.statusDetail,
      raw_status: u.rawStatus,
      original_eta: u.originalEta,
      current_eta: u.currentEta,
      delivered_at: u.deliveredAt,
      last_event_at: u.lastEventAt,
      failed_attempts: u.failedAttempts,
      delay_level: u.delayLevel,
      delay_reason: u.delayReason,
      ...(u.delayLevelChangedAt ? { delay_level_changed_at: u.delayLevelChangedAt } : {}),
      predicted_eta: u.predictedEta,
      transit_business_days: u.transitBusinessDays,
      next_poll_at: u.nextPollAt,
      last_polled_at: u.polledAt,
      updated_at: u.polledAt,
    })
    .where('shop_id', '=', shopId)
    .where('id', '=', shipmentId)
    .execute()
}

/** Postpones a parcel's next poll after the carrier could not be reached. */
export async function postponeShipmentPoll(
  db: Kysely<Database>,
  shopId: string,
  shipmentId: string,
  until: Date,
) {
  await db
    .updateTable('shipments')
    .set({ next_poll_at: until })
    .where('shop_id', '=', shopId)
    .where('id', '=', shipmentId)
    .execute()
}

/** Buyers' parcels still moving, counted per delay level (return parcels are counted with their cases). */
export async function countActiveShipmentsByLevel(db: Kysely<Database>, shopId: string) {
  const rows = await db
    .selectFrom('shipments')
    .select((eb) => ['delay_level', eb.fn.countAll<number>().as('n')])
    .where('shop_id', '=', shopId)
    .where('kind', '!=', 'return')
    .where('is_active', '=', true)
    .groupBy('delay_level')
    .execute()
  return Object.fromEntries(rows.map((r) => [r.delay_level, Number(r.n)])) as Partial<
    Record<DelayLevel, number>
  >
}

export async function countShipmentsByStatus(db: Kysely<Database>, shopId: string) {
  const rows = await db
    .selectFrom('shipments')
    .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
    .where('shop_id', '=', shopId)
    .where('kind', '!=', 'return')
    .groupBy('status')
    .execute()
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Partial<
    Record<TrackingStatus, number>
  >
}

/**
 * Parcels in trouble: any level but on time, still moving or given up as lost. Return parcels are the
 * case page's business, not a buyer's late delivery.
 */
function needingAttention(eb: ExpressionBuilder<Database & { s: Database['shipments'] }, 's'>) {
  return eb.and([
    eb('s.kind', '!=', 'return'),
    eb('s.delay_level', '!=', 'on_time'),
    eb.or([eb('s.is_active', '=', true), eb('s.status', '=', 'lost')]),
  ])
}

export async function countShipmentsNeedingAttention(db: Kysely<Database>, shopId: string): Promise<number> {
  const row = await db
    .selectFrom('shipments as s')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('s.shop_id', '=', shopId)
    .where(needingAttention)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Parcels in trouble, worst and oldest first. */
export function listShipmentsNeedingAttention(db: Kysely<Database>, q: { shopId: string; limit: number }) {
  return db
    .selectFrom('shipments as s')
    .innerJoin('orders as o', 'o.id', 's.order_id')
    .select([
      's.id',
      's.carrier',
      's.tracking_number',
      's.status',
      's.status_detail',
      's.delay_level',
      's.delay_reason',
      's.last_event_at',
      's.current_eta',
      's.delay_level_changed_at',
      'o.id as order_id',
      'o.number as order_number',
      'o.customer_name',
      'o.email',
    ])
    .where('s.shop_id', '=', q.shopId)
    .where('o.shop_id', '=', q.shopId)
    .where(needingAttention)
    .orderBy((eb) =>
      eb
        .case('s.delay_level')
        .when('lost')
        .then(0)
        .when('exception')
        .then(1)
        .when('stalled')
        .then(2)
        .when('late')
        .then(3)
        .else(4)
        .end(),
    )
    .orderBy('s.last_event_at', 'asc')
    .limit(q.limit)
    .execute()
}

/** What a delivery email shows: the parcel, its order and the titles of what is in it, in one round trip. */
export function findShipmentForEmail(db: Kysely<Database>, shopId: string, shipmentId: string) {
  return db
    .selectFrom('shipments as s')
    .innerJoin('orders as o', (j) => j.onRef('o.id', '=', 's.order_id').on('o.shop_id', '=', shopId))
    .where('s.shop_id', '=', shopId)
    .where('s.id', '=', shipmentId)
    .select((eb) => [
      's.id',
      's.order_id',
      's.carrier',
      's.tracking_number',
      's.status',
      's.status_detail',
      's.delay_reason',
      's.current_eta',
      's.original_eta',
      's.promised_by',
      's.predicted_eta',
      's.delivered_at',
      'o.number as order_number',
      'o.buyer_timezone',
      jsonArrayFrom(
        eb
          .selectFrom('shipment_items as si')
          .innerJoin('line_items as li', 'li.id', 'si.line_item_id')
          .whereRef('si.shipment_id', '=', 's.id')
          .where('si.shop_id', '=', shopId)
          .select(['li.title', 'li.variant_title', 'si.quantity'])
          .orderBy('li.position'),
      ).as('items'),
    ])
    .executeTakeFirst()
}

/** The dedupe keys of the scans a shipment has (what the carrier already told us). */
export async function listShipmentEventKeys(db: Kysely<Database>, shopId: string, shipmentId: string) {
  const rows = await db
    .selectFrom('tracking_events')
    .select('dedupe_key')
    .where('shop_id', '=', shopId)
    .where('shipment_id', '=', shipmentId)
    .execute()
  return rows.map((r) => r.dedupe_key)
}
