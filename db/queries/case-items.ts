// The receiving steps of a case's items (received, inspected, restocked or disposed of, each with who and
// when) and the case's release hold. Callers hold the case row lock (cases.lockCaseForUpdate), so two
// staff working the same case take their turns.
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '#db/client'
import { casePolicyRule } from './return-policies'

/** The items of a case with their receiving steps, in the order the case shows them. */
export function listCaseItemsForReceiving(
  db: Kysely<Database> | Transaction<Database>,
  shopId: string,
  caseId: string,
) {
  return db
    .selectFrom('case_items as ci')
    .innerJoin('line_items as li', (j) =>
      j.onRef('li.id', '=', 'ci.line_item_id').on('li.shop_id', '=', shopId),
    )
    .where('ci.shop_id', '=', shopId)
    .where('ci.case_id', '=', caseId)
    .select([
      'ci.id',
      'ci.keep_item',
      'ci.quantity',
      'ci.received_at',
      'ci.inspected_at',
      'ci.condition',
      'ci.inspection_note',
      'ci.disposition',
      'ci.disposition_at',
      'li.title',
      'li.variant_title',
    ])
    .orderBy('li.position')
    .orderBy('ci.reason')
    .execute()
}

export async function markItemsReceived(
  trx: Transaction<Database>,
  u: { shopId: string; caseId: string; ids: readonly string[]; staffId: string | null; at: Date },
) {
  if (u.ids.length === 0) return 0
  const r = await trx
    .updateTable('case_items')
    .set({ received_at: u.at, received_by: u.staffId })
    .where('shop_id', '=', u.shopId)
    .where('case_id', '=', u.caseId)
    .where('id', 'in', [...u.ids])
    .where('received_at', 'is', null)
    .executeTakeFirst()
  return Number(r.numUpdatedRows)
}

export async function markItemInspected(
  trx: Transaction<Database>,
  u: {
    shopId: string
    caseId: string
    id: string
    condition: string
    note: string | null
    staffId: string
    at: Date
  },
) {
  const r = await trx
    .updateTable('case_items')
    .set({ inspected_at: u.at, inspected_by: u.staffId, condition: u.condition, inspection_note: u.note })
    .where('shop_id', '=', u.shopId)
    .where('case_id', '=', u.caseId)
    .where('id', '=', u.id)
    .where('inspected_at', 'is', null)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

export async function markItemDisposition(
  trx: Transaction<Database>,
  u: { shopId: string; caseId: string; id: string; disposition: string; staffId: string; at: Date },
) {
  const r = await trx
    .updateTable('case_items')
    .set({ disposition: u.disposition, disposition_at: u.at, disposition_by: u.staffId })
    .where('shop_id', '=', u.shopId)
    .where('case_id', '=', u.caseId)
    .where('id', '=', u.id)
    .where('disposition', 'is', null)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

/** Stops (a date) or resumes (null) the automatic release of what waits for the case's moments. */
export async function setReleaseHold(
  trx: Transaction<Database>,
  u: { shopId: string; caseId: string; heldAt: Date | null; at: Date },
) {
  await trx
    .updateTable('cases')
    .set({ release_held_at: u.heldAt, updated_at: u.at })
    .where('shop_id', '=', u.shopId)
    .where('id', '=', u.caseId)
    .execute()
}

export async function findReleaseHold(trx: Transaction<Database>, shopId: string, caseId: string) {
  const row = await trx
    .selectFrom('cases')
    .select('release_held_at')
    .where('shop_id', '=', shopId)
    .where('id', '=', caseId)
    .executeTakeFirst()
  return row?.release_held_at ?? null
}

/**
 * What the buyer's expected dates are computed from, in one round trip: the case's policy timing, when it
 * was approved, its return parcel (first scan, delivery, estimate) and replacement parcel, how far the
 * receiving went, and its resolutions (which kind waits, is released, issued, failed or declined).
 */
export function findCaseProgress(
  db: Kysely<Database>,
  shopId: string,
  which: { caseId: string } | { caseNumber: number },
) {
  return db
    .selectFrom('cases as c')
    .where('c.shop_id', '=', shopId)
    .$if('caseId' in which, (q) => q.where('c.id', '=', (which as { caseId: string }).caseId))
    .$if('caseNumber' in which, (q) => q.where('c.number', '=', (which as { caseNumber: number }).caseNumber))
    .select([
      'c.id',
      'c.state',
      'c.kind',
      'c.resolution',
      'c.return_method',
      'c.state_changed_at',
      'c.issued_minor',
      'c.currency',
      'c.release_held_at',
      casePolicyRule<Record<string, unknown> | null>('c', 'timing').as('timing'),
      sql<Date | null>`(
        select min(e.created_at) from case_events e
        where e.shop_id = c.shop_id and e.case_id = c.id and e.type = 'approved'
      )`.as('approved_at'),
      sql<Date | null>`(
        select min(e.created_at) from case_events e
        where e.shop_id = c.shop_id and e.case_id = c.id and e.type = 'received'
      )`.as('received_at'),
      sql<Date | null>`(
        select min(e.created_at) from case_events e
        where e.shop_id = c.shop_id and e.case_id = c.id and e.type = 'refund_declined'
      )`.as('declined_at'),
      sql<{ back: number; inspected: number; last_inspected_at: string | null }>`(
        select json_build_object(
          'back', count(*) filter (where not ci.keep_item),
          'inspected', count(ci.inspected_at) filter (where not ci.keep_item),
          'last_inspected_at', max(ci.inspected_at) filter (where not ci.keep_item)
        )
        from case_items ci where ci.shop_id = c.shop_id and ci.case_id = c.id
      )`.as('items'),
      sql<
        {
          kind: string
          status: string
          released_at: string | null
          first_scan_at: string | null
          delivered_at: string | null
          eta: string | null
        }[]
      >`coalesce((
        select json_agg(json_build_object(
          'kind', s.kind,
          'status', s.status,
          'first_scan_at', (
            select min(te.occurred_at) from tracking_events te
            where te.shop_id = s.shop_id and te.shipment_id = s.id and te.status not in ('pre_transit', 'unknown')
          ),
          'delivered_at', s.delivered_at,
          'eta', coalesce(s.current_eta, s.predicted_eta)
        ) order by s.created_at desc)
        from shipments s
        where s.shop_id = c.shop_id and s.case_id = c.id and s.kind in ('return', 'replacement')
      ), '[]'::json)`.as('parcels'),
      sql<
        {
          id: string
          kind: string
          status: string
          amount_minor: number
          currency: string
          release_on: string
          released_at: string | null
          provider_id: string | null
          /** 'charge': a replacement released and then waiting for its price difference to be paid. */
          waiting_for: string | null
          issued_at: string | null
        }[]
      >`coalesce((
        select json_agg(json_build_object(
          'id', r.id,
          'kind', r.kind,
          'status', r.status,
          'amount_minor', r.amount_minor,
          'currency', r.currency,
          'release_on', r.release_on,
          'released_at', r.released_at,
          'provider_id', r.provider_id,
          'waiting_for', r.details ->> 'waitingFor',
          -- When it was issued: its timeline event (the row's updated_at moves with reconciliation).
          'issued_at', (
            select min(e.created_at) from case_events e
            where e.shop_id = c.shop_id and e.case_id = c.id and r.provider_id is not null
              and e.type = case r.kind when 'refund' then 'refund_issued' when 'store_credit' then 'credit_issued'
                when 'coupon' then 'coupon_issued' when 'replacement' then 'replacement_shipped'
                when 'charge' then 'difference_charged' else 'return_label_created' end
          )
        ) order by r.created_at)
        from resolutions r
        where r.shop_id = c.shop_id and r.case_id = c.id
      ), '[]'::json)`.as('resolutions'),
    ])
    .executeTakeFirst()
}
