import type { Kysely, Transaction } from 'kysely'
import { sql } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { Database } from '#db/client'

/** States whose units no longer count as "being returned": the buyer may return them again. */
const RELEASED_STATES = ['rejected', 'canceled'] as const

/**
 * Takes the shop's next case number (1001, 1002, …). The counter row is updated in the caller's
 * transaction, so a rolled-back case gives its number back and concurrent cases of one shop queue on it.
 */
export async function nextCaseNumber(trx: Transaction<Database>, shopId: string): Promise<number> {
  const row = await trx
    .insertInto('case_counters')
    .values({ shop_id: shopId, last_number: 1001 })
    .onConflict((oc) =>
      oc.column('shop_id').doUpdateSet({ last_number: sql<number>`case_counters.last_number + 1` }),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow()
  return row.last_number
}

/**
 * Locks the order row for the rest of the transaction: two return requests for one order (a double
 * submit, two tabs) run one after the other, so the second sees the first's units and idempotency key.
 */
export function lockOrderForUpdate(trx: Transaction<Database>, shopId: string, orderId: string) {
  return trx
    .selectFrom('orders')
    .select('id')
    .where('shop_id', '=', shopId)
    .where('id', '=', orderId)
    .forUpdate()
    .executeTakeFirst()
}

export function findCaseByIdempotencyKey(db: Kysely<Database>, shopId: string, idempotencyKey: string) {
  return db
    .selectFrom('cases')
    .select(['id', 'number', 'order_id', 'state', 'auto_approved'])
    .where('shop_id', '=', shopId)
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst()
}

export interface NewCase {
  shopId: string
  orderId: string
  number: number
  kind: 'return' | 'complaint'
  state: string
  policyId: string
  resolution: string | null
  returnMethod: string | null
  complaintKind?: string | null
  shipmentId?: string | null
  buyerNote?: string | null
  exchangeFor?: string | null
  buyerEmail: string
  locale: string
  currency: string
  paidTotalMinor: number
  feesTotalMinor: number
  totalMinor: number
  bonusMinor: number
  issuedMinor: number
  idempotencyKey: string
  at: Date
}

export function insertCase(trx: Transaction<Database>, c: NewCase) {
  return trx
    .insertInto('cases')
    .values({
      shop_id: c.shopId,
      order_id: c.orderId,
      number: c.number,
      kind: c.kind,
      state: c.state,
      policy_id: c.policyId,
      resolution: c.resolution,
      return_method: c.returnMethod,
      buyer_email: c.buyerEmail,
      locale: c.locale,
      currency: c.currency,
      paid_total_minor: c.paidTotalMinor,
      fees_total_minor: c.feesTotalMinor,
      total_minor: c.totalMinor,
      bonus_minor: c.bonusMinor,
      issued_minor: c.issuedMinor,
      idempotency_key: c.idempotencyKey,
      complaint_kind: c.complaintKind ?? null,
      shipment_id: c.shipmentId ?? null,
      buyer_note: c.buyerNote ?? null,
      exchange_for: c.exchangeFor ?? null,
      created_at: c.at,
      updated_at: c.at,
      state_changed_at: c.at,
    })
    .returning(['id', 'number', 'state'])
    .executeTakeFirstOrThrow()
}

export interface NewCaseItem {
  lineItemId: string
  quantity: number
  reason: string
  note: string | null
  paidMinor: number
  restockingFeeMinor: number
  totalMinor: number
  keepItem: boolean
}

export async function insertCaseItems(
  trx: Transaction<Database>,
  shopId: string,
  caseId: string,
  items: readonly NewCaseItem[],
) {
  if (items.length === 0) return
  await trx
    .insertInto('case_items')
    .values(
      items.map((i) => ({
        shop_id: shopId,
        case_id: caseId,
        line_item_id: i.lineItemId,
        quantity: i.quantity,
        reason: i.reason,
        note: i.note,
        paid_minor: i.paidMinor,
        restocking_fee_minor: i.restockingFeeMinor,
        total_minor: i.totalMinor,
        keep_item: i.keepItem,
      })),
    )
    .execute()
}

export async function insertCaseEvent(
  trx: Transaction<Database>,
  e: {
    shopId: string
    caseId: string
    type: string
    actor: 'buyer' | 'staff' | 'system'
    actorStaffId?: string | null
    details?: Record<string, unknown>
    at: Date
  },
) {
  await trx
    .insertInto('case_events')
    .values({
      shop_id: e.shopId,
      case_id: e.caseId,
      type: e.type,
      actor: e.actor,
      actor_staff_id: e.actorStaffId ?? null,
      details: JSON.stringify(e.details ?? {}),
      created_at: e.at,
    })
    .execute()
}

export async function updateCaseState(
  trx: Transaction<Database>,
  u: { shopId: string; caseId: string; state: string; autoApproved?: boolean; at: Date },
) {
  await trx
    .updateTable('cases')
    .set({
      state: u.state,
      updated_at: u.at,
      state_changed_at: u.at,
      ...(u.autoApproved === undefined ? {} : { auto_approved: u.autoApproved }),
    })
    .where('shop_id', '=', u.shopId)
    .where('id', '=', u.caseId)
    .execute()
}

/** Units of each line of the order already in a case that still stands (not rejected or canceled). */
export async function sumReturnedQuantities(
  db: Kysely<Database>,
  shopId: string,
  orderId: string,
): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('case_items as ci')
    .innerJoin('cases as c', 'c.id', 'ci.case_id')
    .where('ci.shop_id', '=', shopId)
    .where('c.shop_id', '=', shopId)
    .where('c.order_id', '=', orderId)
    .where('c.state', 'not in', RELEASED_STATES)
    .groupBy('ci.line_item_id')
    .select(['ci.line_item_id', sql<number>`sum(ci.quantity)::int`.as('quantity')])
    .execute()
  return Object.fromEntries(rows.map((r) => [r.line_item_id, r.quantity]))
}

/** Return cases opened on the order, for the per-order limit. A case the buyer canceled does not count. */
export async function countOrderCases(db: Kysely<Database>, shopId: string, orderId: string) {
  const row = await db
    .selectFrom('cases')
    .where('shop_id', '=', shopId)
    .where('order_id', '=', orderId)
    .where('kind', '=', 'return')
    .where('state', '!=', 'canceled')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Return cases opened by this buyer (any order of the shop) at or after `since`. */
export async function countBuyerReturnsSince(
  db: Kysely<Database>,
  shopId: string,
  email: string,
  since: Date,
) {
  const row = await db
    .selectFrom('cases')
    .where('shop_id', '=', shopId)
    .where('buyer_email', '=', email.trim().toLowerCase())
    .where('kind', '=', 'return')
    .where('created_at', '>=', since)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * One case with its items and timeline (oldest event first), in one round trip. Timestamps inside the
 * JSON arrays come back as ISO strings.
 */
export function findCaseByNumber(db: Kysely<Database>, shopId: string, number: number) {
  return db
    .selectFrom('cases as c')
    .where('c.shop_id', '=', shopId)
    .where('c.number', '=', number)
    .selectAll('c')
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('case_items as ci')
          .whereRef('ci.case_id', '=', 'c.id')
          .where('ci.shop_id', '=', shopId)
          .select([
            'ci.id',
            'ci.line_item_id',
            'ci.quantity',
            'ci.reason',
            'ci.note',
            'ci.paid_minor',
            'ci.restocking_fee_minor',
            'ci.total_minor',
            'ci.keep_item',
          ])
          .orderBy('ci.line_item_id')
          .orderBy('ci.reason'),
      ).as('items'),
      jsonArrayFrom(
        eb
          .selectFrom('case_events as e')
          .whereRef('e.case_id', '=', 'c.id')
          .where('e.shop_id', '=', shopId)
          .select(['e.id', 'e.type', 'e.actor', 'e.actor_staff_id', 'e.details', 'e.created_at'])
          .orderBy('e.created_at')
          .orderBy(sql`case e.type when 'requested' then 0 else 1 end`),
      ).as('events'),
    ])
    .executeTakeFirst()
}

/** What a case email shows: the case, its order and the titles of its items, in one round trip. */
export function findCaseForEmail(db: Kysely<Database>, shopId: string, caseId: string) {
  return db
    .selectFrom('cases as c')
    .innerJoin('orders as o', (j) => j.onRef('o.id', '=', 'c.order_id').on('o.shop_id', '=', shopId))
    .where('c.shop_id', '=', shopId)
    .where('c.id', '=', caseId)
    .select((eb) => [
      'c.id',
      'c.number',
      'c.order_id',
      'c.resolution',
      'c.currency',
      'c.total_minor',
      'c.issued_minor',
      'o.number as order_number',
      'o.buyer_timezone',
      jsonArrayFrom(
        eb
          .selectFrom('case_items as ci')
          .innerJoin('line_items as li', 'li.id', 'ci.line_item_id')
          .whereRef('ci.case_id', '=', 'c.id')
          .where('ci.shop_id', '=', shopId)
          .select(['li.title', 'li.variant_title', 'ci.quantity'])
          .orderBy('li.position'),
      ).as('items'),
    ])
    .executeTakeFirst()
}

/**
 * A case as its pages show it, in one round trip: the case, its order's number, its items with their
 * titles, its photos and its timeline (oldest first, with the acting staff member's name).
 */
export function findCaseDetail(db: Kysely<Database>, shopId: string, number: number) {
  return db
    .selectFrom('cases as c')
    .innerJoin('orders as o', (j) => j.onRef('o.id', '=', 'c.order_id').on('o.shop_id', '=', shopId))
    .where('c.shop_id', '=', shopId)
    .where('c.number', '=', number)
    .selectAll('c')
    .select('o.number as order_number')
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('case_items as ci')
          .innerJoin('line_items as li', 'li.id', 'ci.line_item_id')
          .whereRef('ci.case_id', '=', 'c.id')
          .where('ci.shop_id', '=', shopId)
          .select([
            'ci.line_item_id',
            'ci.quantity',
            'ci.reason',
            'ci.note',
            'ci.paid_minor',
            'ci.restocking_fee_minor',
            'ci.total_minor',
            'ci.keep_item',
            'li.title',
            'li.variant_title',
            'li.image_url',
          ])
          .orderBy('li.position')
          .orderBy('ci.reason'),
      ).as('items'),
      jsonArrayFrom(
        eb
          .selectFrom('photos as p')
          .whereRef('p.case_id', '=', 'c.id')
          .where('p.shop_id', '=', shopId)
          .select(['p.id', 'p.line_item_id', 'p.thumb_key', 'p.uploaded_by'])
          .orderBy('p.created_at')
          .orderBy('p.id'),
      ).as('photos'),
      jsonArrayFrom(
        eb
          .selectFrom('case_events as e')
          .leftJoin('staff_users as u', (j) =>
            j.onRef('u.id', '=', 'e.actor_staff_id').on('u.shop_id', '=', shopId),
          )
          .whereRef('e.case_id', '=', 'c.id')
          .where('e.shop_id', '=', shopId)
          .select(['e.id', 'e.type', 'e.actor', 'e.details', 'e.created_at', 'u.name as staff_name'])
          .orderBy('e.created_at')
          .orderBy(sql`case e.type when 'requested' then 0 else 1 end`),
      ).as('events'),
    ])
    .executeTakeFirst()
}

/** Locks a case by its number for a state change. */
export function lockCaseForUpdate(trx: Transaction<Database>, shopId: string, number: number) {
  return trx
    .selectFrom('cases')
    .select(['id', 'number', 'order_id', 'state', 'kind', 'buyer_email', 'locale'])
    .where('shop_id', '=', shopId)
    .where('number', '=', number)
    .forUpdate()
    .executeTakeFirst()
}

/** Marks the case as changed now without changing its state (a message was added). */
export async function touchCase(trx: Transaction<Database>, u: { shopId: string; caseId: string; at: Date }) {
  await trx
    .updateTable('cases')
    .set({ updated_at: u.at })
    .where('shop_id', '=', u.shopId)
    .where('id', '=', u.caseId)
    .execute()
}

/**
 * The latest "not arrived" complaint still being worked on for a parcel (not rejected, closed or
 * canceled): a second click on a delay notice's remedy link goes to it instead of opening another.
 */
export function findOpenNotArrivedCase(db: Kysely<Database>, shopId: string, shipmentId: string) {
  return db
    .selectFrom('cases')
    .select(['number', 'order_id'])
    .where('shop_id', '=', shopId)
    .where('shipment_id', '=', shipmentId)
    .where('kind', '=', 'complaint')
    .where('complaint_kind', '=', 'not_arrived')
    .where('state', 'not in', ['rejected', 'closed', 'canceled'])
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst()
}
