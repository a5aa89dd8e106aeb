import type { Kysely, Transaction } from 'kysely'
import { sql } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { Database } from '#db/client'
import { casePolicyRule, policyLockKey } from './return-policies'
import type { ResolutionPlan } from '#app/domain/resolutions/plan'
import type { ResolutionTiming } from '#app/domain/policy/policy'
import { initialStatus, resolutionJobSql } from './resolutions'

/**
 * Locks the order row for the rest of the transaction: two return requests for one order (a double
 * submit, two tabs) run one after the other, so the second sees the first's units and idempotency key.
 */
/**
 * Locks the order row (as lockOrderForUpdate) and takes the shop's policy lock shared (as
 * lockShopForPolicyRead), in one round trip: what opening a case needs before it reads anything.
 */
export function lockOrderForNewCase(trx: Transaction<Database>, shopId: string, orderId: string) {
  return trx
    .selectFrom('orders')
    .select(['id', 'email', sql`pg_advisory_xact_lock_shared(${policyLockKey(shopId)})`.as('policy_lock')])
    .where('shop_id', '=', shopId)
    .where('id', '=', orderId)
    .forUpdate()
    .executeTakeFirst()
}

export function lockOrderForUpdate(trx: Transaction<Database>, shopId: string, orderId: string) {
  return trx
    .selectFrom('orders')
    .select(['id', 'email'])
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
  /** Chosen by the caller (crypto.randomUUID()), so every row of the case goes in one statement. */
  id: string
  shopId: string
  orderId: string
  kind: 'return' | 'complaint'
  state: string
  autoApproved: boolean
  policyId: string
  resolution: string | null
  returnMethod: string | null
  complaintKind?: string | null
  shipmentId?: string | null
  buyerNote?: string | null
  exchangeFor?: string | null
  /** An exchange: what the buyer pays (> 0) or gets back (< 0), computed once at creation. */
  priceDifferenceMinor?: number
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
  items: readonly NewCaseItem[]
  /** Timeline events, in order (they share the case's time; the timeline lists "requested" first). */
  events: readonly { type: string; actor: 'buyer' | 'staff' | 'system'; details: Record<string, unknown> }[]
  /** Emails to queue; each template once per case. */
  mail: readonly string[]
  /** The wizard draft the case comes from: its photos move to the case and it is closed. */
  draftId: string | null
  /** What an automatically approved case delivers, planned with it (see resolutions). */
  resolutionPlans?: readonly ResolutionPlan[]
}

/**
 * Writes a new case whole, in one statement: the shop's next number (1001, 1002, …) from its sequence,
 * the case, its items, its timeline, its outbox emails, and the hand-over of the draft and its photos.
 * Returns the number and how many emails were queued (the caller schedules their delivery).
 */
export async function writeNewCase(
  trx: Transaction<Database>,
  c: NewCase,
  options: { scheduleDelivery: boolean },
) {
  const plan = (c.resolutionPlans ?? []).map((p) => ({ ...p, status: initialStatus(p.releaseOn) }))
  const json = (v: unknown) => JSON.stringify(v)
  const { rows } = await sql<{ number: number; mails: number; scheduled: boolean }>`
    with c as (
      insert into cases (
        id, shop_id, order_id, number, kind, state, auto_approved, policy_id, resolution, return_method,
        complaint_kind, shipment_id, buyer_note, exchange_for, price_difference_minor, buyer_email, locale,
        currency, paid_total_minor, fees_total_minor, total_minor, bonus_minor, issued_minor, idempotency_key,
        created_at, updated_at, state_changed_at
      )
      select ${c.id}, ${c.shopId}, ${c.orderId},
        nextval(case_number_sequence(${c.shopId}::uuid)::regclass), ${c.kind}, ${c.state}, ${c.autoApproved},
        ${c.policyId}, ${c.resolution}, ${c.returnMethod}, ${c.complaintKind ?? null}, ${c.shipmentId ?? null},
        ${c.buyerNote ?? null}, ${c.exchangeFor ?? null}, ${c.priceDifferenceMinor ?? 0}, ${c.buyerEmail},
        ${c.locale}, ${c.currency},
        ${c.paidTotalMinor}, ${c.feesTotalMinor}, ${c.totalMinor}, ${c.bonusMinor}, ${c.issuedMinor},
        ${c.idempotencyKey}, ${c.at}, ${c.at}, ${c.at}
      returning number
    ), items as (
      insert into case_items (
        shop_id, case_id, line_item_id, quantity, reason, note, paid_minor, restocking_fee_minor,
        total_minor, keep_item, exchange_variant_id
      )
      select ${c.shopId}, ${c.id}, x."lineItemId", x.quantity, x.reason, x.note, x."paidMinor",
        x."restockingFeeMinor", x."totalMinor", x."keepItem", x."exchangeVariantId"
      from jsonb_to_recordset(${json(c.items)}::jsonb) as x(
        "lineItemId" uuid, quantity int, reason text, note text, "paidMinor" int,
        "restockingFeeMinor" int, "totalMinor" int, "keepItem" boolean, "exchangeVariantId" uuid
      )
    ), events as (
      insert into case_events (shop_id, case_id, type, actor, details, created_at)
      select ${c.shopId}, ${c.id}, x.type, x.actor, x.details, ${c.at}
      from jsonb_to_recordset(${json(c.events)}::jsonb) as x(type text, actor text, details jsonb)
    ), photos as (
      update photos set case_id = ${c.id}
      where shop_id = ${c.shopId} and draft_id = ${c.draftId}::uuid and case_id is null
    ), draft as (
      update wizard_drafts set case_id = ${c.id}, updated_at = ${c.at}
      where shop_id = ${c.shopId} and id = ${c.draftId}::uuid
    ), mail as (
      insert into notifications (shop_id, template, to_email, locale, case_id, payload, dedupe_key)
      select ${c.shopId}, t.template, ${c.buyerEmail}, ${c.locale}, ${c.id}, '{}'::jsonb,
        t.template || ':' || ${c.id}
      from jsonb_array_elements_text(${json(c.mail)}::jsonb) as t(template)
      on conflict (shop_id, dedupe_key) do nothing
      returning id
    ), plan as (
      insert into resolutions (
        shop_id, case_id, kind, amount_minor, currency, idempotency_key, release_on, status, released_at
      )
      select ${c.shopId}, ${c.id}, x.kind, x."amountMinor", x.currency, x."idempotencyKey", x."releaseOn",
        x.status, case when x.status = 'pending' then ${c.at}::timestamptz end
      from jsonb_to_recordset(${json(plan)}::jsonb)
        as x(kind text, "amountMinor" int, currency text, "idempotencyKey" text, "releaseOn" text, status text)
      on conflict do nothing
      returning id, status
    )
    select c.number, (select count(*)::int from mail) as mails,
      ${
        options.scheduleDelivery
          ? sql`(select count(${resolutionJobSql(c.shopId, sql.ref('plan.id'))})::int from plan where plan.status = 'pending')`
          : sql`0`
      } as resolution_jobs,
      ${
        // The deliver-outbox job, queued in the same statement when the worker's schema is installed.
        options.scheduleDelivery
          ? sql`(select graphile_worker.add_job('deliver-outbox', '{}'::json) from (select 1 from mail limit 1) m) is not null`
          : sql`false`
      } as scheduled
    from c`.execute(trx)
  return rows[0]!
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
  /** An exchange: the variant the buyer gets instead. */
  exchangeVariantId?: string | null
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

/**
 * updateCaseState and the timeline event of that move (insertCaseEvent), in one statement: one round
 * trip for the commonest pair of writes on a case.
 */
export async function moveCaseState(
  trx: Transaction<Database>,
  u: {
    shopId: string
    caseId: string
    state: string
    at: Date
    event: { type: string; actor: 'buyer' | 'staff' | 'system'; details: Record<string, unknown> }
  },
) {
  await sql`
    with moved as (
      update cases set state = ${u.state}, updated_at = ${u.at}, state_changed_at = ${u.at}
      where shop_id = ${u.shopId} and id = ${u.caseId}
    )
    insert into case_events (shop_id, case_id, type, actor, actor_staff_id, details, created_at)
    values (${u.shopId}, ${u.caseId}, ${u.event.type}, ${u.event.actor}, null,
      ${JSON.stringify(u.event.details)}::jsonb, ${u.at})`.execute(trx)
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
          .leftJoin('product_variants as xv', (j) =>
            j.onRef('xv.id', '=', 'ci.exchange_variant_id').on('xv.shop_id', '=', shopId),
          )
          .whereRef('ci.case_id', '=', 'c.id')
          .where('ci.shop_id', '=', shopId)
          .select([
            // The variant an exchange swaps this item for.
            'xv.variant_title as exchange_variant_title',
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
            // The receiving steps (staff receive, inspect, restock or dispose of each item).
            'ci.id as case_item_id',
            'ci.received_at',
            'ci.inspected_at',
            'ci.condition',
            'ci.inspection_note',
            'ci.disposition',
            'ci.disposition_at',
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
    .select([
      'id',
      'number',
      'order_id',
      'state',
      'kind',
      'return_method',
      'buyer_email',
      'locale',
      'resolution',
      'issued_minor',
      'currency',
      'price_difference_minor',
      // When the case's policy version moves money and ships replacements (planned at approval).
      casePolicyRule<ResolutionTiming | null>('cases', 'timing').as('timing'),
    ])
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

/** The shop's cases in the given states, oldest change first (what has waited longest comes first). */
export function listCases(
  db: Kysely<Database>,
  q: {
    shopId: string
    states: readonly string[]
    limit: number
    /** Only these cases (the ones needing attention); absent: all. */
    caseIds?: readonly string[]
  },
) {
  let query = db
    .selectFrom('cases as c')
    .innerJoin('orders as o', (j) => j.onRef('o.id', '=', 'c.order_id').on('o.shop_id', '=', q.shopId))
    .where('c.shop_id', '=', q.shopId)
    .where('c.state', 'in', q.states.length ? [...q.states] : ['__none__'])
  if (q.caseIds) {
    query = query.where(
      'c.id',
      'in',
      q.caseIds.length ? [...q.caseIds] : ['00000000-0000-0000-0000-000000000000'],
    )
  }
  return query
    .select([
      'c.id',
      'c.number',
      'c.kind',
      'c.complaint_kind',
      'c.state',
      'c.resolution',
      'c.currency',
      'c.issued_minor',
      'c.buyer_email',
      'c.auto_approved',
      'c.created_at',
      'c.state_changed_at',
      'o.number as order_number',
      'o.customer_name',
    ])
    .orderBy('c.state_changed_at')
    .orderBy('c.number')
    .limit(q.limit)
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

/** Whether this parcel ever had a "not arrived" case, in any state (an apology is granted once). */
export async function hasNotArrivedCase(db: Kysely<Database>, shopId: string, shipmentId: string) {
  const row = await db
    .selectFrom('cases')
    .select('id')
    .where('shop_id', '=', shopId)
    .where('shipment_id', '=', shipmentId)
    .where('kind', '=', 'complaint')
    .where('complaint_kind', '=', 'not_arrived')
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

/**
 * Locks a case by its id for a state change: a return parcel's scans know their case, not its number.
 * The fields settling a case needs (see settleIfDone).
 */
export function lockCaseByIdForUpdate(trx: Transaction<Database>, shopId: string, caseId: string) {
  return trx
    .selectFrom('cases')
    .select(['id', 'number', 'order_id', 'state', 'kind', 'return_method', 'buyer_email', 'locale'])
    .where('shop_id', '=', shopId)
    .where('id', '=', caseId)
    .forUpdate()
    .executeTakeFirst()
}

/** Whether the case's timeline already has an event of this type (events recorded once per case). */
export async function hasCaseEvent(
  trx: Transaction<Database>,
  q: { shopId: string; caseId: string; type: string },
): Promise<boolean> {
  const row = await trx
    .selectFrom('case_events')
    .select('id')
    .where('shop_id', '=', q.shopId)
    .where('case_id', '=', q.caseId)
    .where('type', '=', q.type)
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}
