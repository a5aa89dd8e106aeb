// Resolutions: what a case delivers (money, a return label, a replacement), planned in the approving
// transaction and issued by the issue-resolution job. One row per case and kind; a row waits ('waiting')
// until its release moment, then its job is queued ('pending'). The job locks its row for the whole
// provider call, so two runs never call the provider for the same row at once.
import { sql, type Kysely, type Transaction } from 'kysely'
import {
  RELEASE_MOMENTS,
  isReleasedBy,
  type ReleaseMoment,
  type ResolutionKind,
  type ResolutionPlan,
} from '#app/domain/resolutions/plan'
import type { ResolutionTiming } from '#app/domain/policy/policy'
import type { Database } from '#db/client'
import { casePolicyRule } from './return-policies'

export { RESOLUTION_KINDS, type ResolutionKind } from '#app/domain/resolutions/plan'
export type ResolutionStatus = 'waiting' | 'pending' | 'succeeded' | 'failed' | 'canceled'

/** How many times the job tries a resolution before it is recorded as failed for support. */
export const RESOLUTION_MAX_ATTEMPTS = 10

export interface PlannedResolution extends ResolutionPlan {
  shopId: string
  caseId: string
}

/** The status a planned resolution starts in: released at once on approval, else waiting. */
export function initialStatus(releaseOn: ReleaseMoment): 'pending' | 'waiting' {
  return releaseOn === 'approval' ? 'pending' : 'waiting'
}

/** The issue-resolution job for the resolution id `id` (an SQL expression), as one SQL expression. */
export function resolutionJobSql(shopId: string, id: ReturnType<typeof sql.ref>) {
  return sql`graphile_worker.add_job(
    'issue-resolution',
    json_build_object('shopId', ${shopId}::text, 'resolutionId', ${id}),
    job_key := 'issue-resolution:' || ${id},
    max_attempts := ${RESOLUTION_MAX_ATTEMPTS}
  )`
}

/**
 * Inserts the case's planned resolutions (a kind the case already has is skipped) and, in the same
 * statement, queues the issue-resolution job for each new row released at approval (when the worker's
 * schema is installed). Returns the new rows.
 */
export async function insertPlannedResolutions(
  trx: Transaction<Database>,
  shopId: string,
  caseId: string,
  plans: readonly ResolutionPlan[],
  options: { scheduleJob: boolean; at: Date },
): Promise<{ id: string; kind: ResolutionKind; status: string }[]> {
  if (plans.length === 0) return []
  const rows = plans.map((p) => ({ ...p, status: initialStatus(p.releaseOn) }))
  const { rows: inserted } = await sql<{ id: string; kind: ResolutionKind; status: string }>`
    with r as (
      insert into resolutions (
        shop_id, case_id, kind, amount_minor, currency, idempotency_key, release_on, status, released_at
      )
      select ${shopId}, ${caseId}, x.kind, x."amountMinor", x.currency, x."idempotencyKey", x."releaseOn",
        x.status, case when x.status = 'pending' then ${options.at}::timestamptz end
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as x(kind text, "amountMinor" int, currency text, "idempotencyKey" text, "releaseOn" text, status text)
      on conflict do nothing
      returning id, kind, status
    )
    select r.id, r.kind, r.status,
      ${
        options.scheduleJob
          ? sql`case when r.status = 'pending' then ${resolutionJobSql(shopId, sql.ref('r.id'))} is not null end`
          : sql`false`
      } as scheduled
    from r`.execute(trx)
  return inserted.map(({ id, kind, status }) => ({ id, kind, status }))
}

/**
 * The case reached `reached` (its return parcel was first scanned, delivered, or its items inspected):
 * every resolution waiting for that moment or an earlier one is released and its job queued, in one
 * statement. Nothing is released while the case's release is held (an inspection found a problem and
 * staff decide). Returns the kinds released.
 */
export async function releaseWaitingResolutions(
  trx: Transaction<Database>,
  r: { shopId: string; caseId: string; reached: ReleaseMoment; at: Date; scheduleJob: boolean },
): Promise<ResolutionKind[]> {
  const moments = RELEASE_MOMENTS.filter((m) => isReleasedBy(m, r.reached))
  const { rows } = await sql<{ kind: ResolutionKind }>`
    with r as (
      update resolutions set status = 'pending', released_at = ${r.at}, updated_at = ${r.at}
      where shop_id = ${r.shopId} and case_id = ${r.caseId} and status = 'waiting'
        and release_on in (${sql.join(moments)})
        and not exists (
          select 1 from cases h
          where h.shop_id = ${r.shopId} and h.id = ${r.caseId} and h.release_held_at is not null
        )
      returning id, kind
    )
    select r.kind, ${
      r.scheduleJob ? sql`${resolutionJobSql(r.shopId, sql.ref('r.id'))} is not null` : sql`false`
    } as scheduled
    from r`.execute(trx)
  return rows.map((x) => x.kind)
}

/**
 * The case ended before these were released: they will never be issued. A replacement among them gives
 * back the stock it held since approval, in the same statement. Returns how many were canceled.
 */
export async function cancelWaitingResolutions(
  trx: Transaction<Database>,
  r: { shopId: string; caseId: string; at: Date },
): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    with canceled as (
      update resolutions set status = 'canceled', updated_at = ${r.at}
      where shop_id = ${r.shopId} and case_id = ${r.caseId} and status = 'waiting'
      returning kind
    ), held as (
      select case c.resolution when 'exchange' then ci.exchange_variant_id when 'reship' then li.variant_id end
          as variant_id,
        sum(ci.quantity)::int as quantity
      from case_items ci
      join cases c on c.id = ci.case_id and c.shop_id = ${r.shopId}
      join line_items li on li.id = ci.line_item_id and li.shop_id = ${r.shopId}
      where ci.shop_id = ${r.shopId} and ci.case_id = ${r.caseId}
        and exists (select 1 from canceled where canceled.kind = 'replacement')
      group by 1
    ), released as (
      update product_variants pv
      set inventory_reserved = greatest(pv.inventory_reserved - held.quantity, 0), updated_at = ${r.at}
      from held
      where pv.shop_id = ${r.shopId} and pv.id = held.variant_id
      returning pv.id
    )
    select (select count(*) from canceled)::int as n, (select count(*) from released) as released`.execute(
    trx,
  )
  return rows[0]?.n ?? 0
}

/**
 * Queues the issue-resolution job for a shop's resolutions still waiting for their first provider answer
 * (planned before the worker's schema existed, or whose job was lost). The job key makes a job that is
 * already queued stay one job. Returns how many were queued.
 */
export async function queueWaitingResolutions(db: Kysely<Database>, shopId: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(graphile_worker.add_job(
      'issue-resolution',
      json_build_object('shopId', r.shop_id::text, 'resolutionId', r.id),
      job_key := 'issue-resolution:' || r.id,
      job_key_mode := 'preserve_run_at',
      max_attempts := ${RESOLUTION_MAX_ATTEMPTS}
    ))::int as n
    from resolutions r
    where r.shop_id = ${shopId} and r.status = 'pending' and r.provider_id is null`.execute(db)
  return rows[0]?.n ?? 0
}

/**
 * The resolution to issue and its case, both locked, in one statement: the resolution with skip locked
 * (null when it does not exist or another run holds it), the case waiting for
 * its lock (as cases.lockCaseForUpdate does). PostgreSQL takes each table's lock with that table's own clause.
 * The issue job's first round trip instead of two.
 */
export async function lockResolutionAndCaseForIssue(trx: Transaction<Database>, shopId: string, id: string) {
  const row = await trx
    .selectFrom('resolutions as r')
    .innerJoin('cases as c', (j) => j.onRef('c.id', '=', 'r.case_id').on('c.shop_id', '=', shopId))
    .innerJoin('orders as o', (j) => j.onRef('o.id', '=', 'c.order_id').on('o.shop_id', '=', shopId))
    .where('r.shop_id', '=', shopId)
    .where('r.id', '=', id)
    .select([
      'r.id',
      'r.case_id',
      'r.kind',
      'r.amount_minor',
      'r.currency',
      'r.status',
      'r.idempotency_key',
      'r.provider_id',
      'r.attempts',
      'r.release_on',
      'r.released_at',
      'r.details',
      'c.number as case_number',
      'o.payment_reference',
      'c.order_id as case_order_id',
      'c.state as case_state',
      'c.kind as case_kind',
      'c.return_method as case_return_method',
      'c.buyer_email as case_buyer_email',
      'c.locale as case_locale',
      'c.resolution as case_resolution',
      'c.issued_minor as case_issued_minor',
      'c.currency as case_currency',
      'c.price_difference_minor as case_price_difference_minor',
      casePolicyRule<ResolutionTiming | null>('c', 'timing').as('case_timing'),
      // The days its coupons run under the case's policy version (absent before it was a setting).
      casePolicyRule<unknown>('c', 'resolutions', 'coupon', 'validDays').as('case_coupon_valid_days'),
    ])
    .modifyEnd(sql`for update of r skip locked for update of c`)
    .executeTakeFirst()
  if (!row) return null
  return {
    resolution: {
      id: row.id,
      case_id: row.case_id,
      kind: row.kind,
      amount_minor: row.amount_minor,
      currency: row.currency,
      status: row.status,
      idempotency_key: row.idempotency_key,
      provider_id: row.provider_id,
      attempts: row.attempts,
      release_on: row.release_on,
      released_at: row.released_at,
      details: row.details,
      case_number: row.case_number,
      payment_reference: row.payment_reference,
    },
    case: {
      id: row.case_id,
      number: row.case_number,
      order_id: row.case_order_id,
      state: row.case_state,
      kind: row.case_kind,
      return_method: row.case_return_method,
      buyer_email: row.case_buyer_email,
      locale: row.case_locale,
      resolution: row.case_resolution,
      issued_minor: row.case_issued_minor,
      currency: row.case_currency,
      price_difference_minor: row.case_price_difference_minor,
      timing: row.case_timing,
      coupon_valid_days: row.case_coupon_valid_days,
    },
  }
}

/**
 * What the provider answered, recorded in one statement: the resolution's outcome (once), its event on
 * the case timeline, and, with `touchCase`, the case marked as changed now. The issue job's closing
 * writes in one round trip instead of three.
 */
export async function recordResolutionIssued(
  trx: Transaction<Database>,
  u: {
    shopId: string
    id: string
    caseId: string
    status: 'succeeded' | 'pending'
    provider: string
    providerId: string
    code: string | null
    details?: Record<string, unknown>
    event: { type: string; details: Record<string, unknown> }
    touchCase: boolean
    at: Date
  },
) {
  await sql`
    with issued as (
      update resolutions set status = ${u.status}, provider = ${u.provider}, provider_id = ${u.providerId},
        code = ${u.code}, details = details || ${JSON.stringify(u.details ?? {})}::jsonb,
        failure_message = null, attempts = attempts + 1, updated_at = ${u.at}
      where shop_id = ${u.shopId} and id = ${u.id}
    ), event as (
      insert into case_events (shop_id, case_id, type, actor, actor_staff_id, details, created_at)
      values (${u.shopId}, ${u.caseId}, ${u.event.type}, 'system', null, ${JSON.stringify(u.event.details)}::jsonb, ${u.at})
    )
    update cases set updated_at = ${u.at}
    where ${u.touchCase} and shop_id = ${u.shopId} and id = ${u.caseId}`.execute(trx)
}

/** A try that did not go through: still pending (the job retries) or failed for good. */
export async function markResolutionAttemptFailed(
  trx: Transaction<Database>,
  u: {
    shopId: string
    id: string
    status: 'pending' | 'failed'
    provider: string
    message: string
    at: Date
  },
) {
  await trx
    .updateTable('resolutions')
    .set({
      status: u.status,
      provider: u.provider,
      failure_message: u.message.slice(0, 2000),
      attempts: sql<number>`attempts + 1`,
      updated_at: u.at,
    })
    .where('shop_id', '=', u.shopId)
    .where('id', '=', u.id)
    .execute()
}

/** Refused before any provider call (the case was canceled meanwhile): failed, not counted as a try. */
export async function markResolutionNotIssued(
  trx: Transaction<Database>,
  u: { shopId: string; id: string; message: string; at: Date },
) {
  await trx
    .updateTable('resolutions')
    .set({ status: 'failed', failure_message: u.message, updated_at: u.at })
    .where('shop_id', '=', u.shopId)
    .where('id', '=', u.id)
    .execute()
}

export function listCaseResolutions(db: Kysely<Database>, shopId: string, caseId: string) {
  return db
    .selectFrom('resolutions')
    .select([
      'id',
      'kind',
      'amount_minor',
      'currency',
      'status',
      'idempotency_key',
      'provider',
      'provider_id',
      'code',
      'failure_message',
      'attempts',
      'release_on',
      'released_at',
      'details',
      'reconcile_mismatch',
      'reconciled_at',
      'updated_at',
    ])
    .where('shop_id', '=', shopId)
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .execute()
}

/**
 * How many of the case's resolutions, the return label aside, are not issued yet (waiting, pending
 * without a provider answer, or failed). Zero means the case has delivered everything.
 */
export async function countOutstanding(trx: Transaction<Database>, shopId: string, caseId: string) {
  const row = await trx
    .selectFrom('resolutions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('shop_id', '=', shopId)
    .where('case_id', '=', caseId)
    .where('kind', '<>', 'return_label')
    .where('status', '<>', 'canceled')
    .where((eb) =>
      eb.or([eb('status', '<>', 'succeeded').and('provider_id', 'is', null), eb('status', '=', 'failed')]),
    )
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

// --- What the provider says after issuing: webhooks, reconciliation, staff retries ---

const PROVIDER_EVENT_COLUMNS = [
  'r.id',
  'r.shop_id',
  'r.case_id',
  'r.kind',
  'r.amount_minor',
  'r.currency',
  'r.status',
  'r.idempotency_key',
  'r.provider',
  'r.provider_id',
  'r.code',
  'r.failure_message',
  'r.attempts',
  'r.details',
  'r.reconcile_mismatch',
  'r.updated_at',
  'c.number as case_number',
  'c.state as case_state',
  'c.buyer_email',
  'c.locale',
  'o.payment_reference',
] as const

function resolutionWithCase(trx: Kysely<Database>) {
  return trx
    .selectFrom('resolutions as r')
    .innerJoin('cases as c', (j) => j.onRef('c.id', '=', 'r.case_id').onRef('c.shop_id', '=', 'r.shop_id'))
    .innerJoin('orders as o', (j) => j.onRef('o.id', '=', 'c.order_id').onRef('o.shop_id', '=', 'r.shop_id'))
    .select(PROVIDER_EVENT_COLUMNS)
}

export type ResolutionForProvider = NonNullable<Awaited<ReturnType<typeof lockResolutionByProviderId>>>

/**
 * Locks the resolution a provider's event is about, found by the provider's own id: the one lookup that
 * cannot start from a shop (the event names only the provider's object); the shop comes from the row.
 * Waits for an issuing job that holds the row, so an event never overtakes the answer being recorded.
 */
export function lockResolutionByProviderId(
  trx: Transaction<Database>,
  q: { provider: string; providerId: string; kind?: ResolutionKind },
) {
  let query = resolutionWithCase(trx)
    .where('r.provider', '=', q.provider)
    .where('r.provider_id', '=', q.providerId)
  if (q.kind) query = query.where('r.kind', '=', q.kind)
  return query.orderBy('r.created_at').limit(1).forUpdate('r').executeTakeFirst()
}

/** Locks a shop's resolution of one kind for a case (the case and kind our provider metadata names). */
export function lockResolutionOfCase(
  trx: Transaction<Database>,
  q: { shopId: string; caseId: string; kind: ResolutionKind },
) {
  return resolutionWithCase(trx)
    .where('r.shop_id', '=', q.shopId)
    .where('r.case_id', '=', q.caseId)
    .where('r.kind', '=', q.kind)
    .forUpdate('r')
    .executeTakeFirst()
}

/** Locks one resolution of a shop by id (staff actions, reconciliation); null when another run holds it. */
export function lockResolutionById(
  trx: Transaction<Database>,
  q: { shopId: string; id: string; skipLocked?: boolean },
) {
  const query = resolutionWithCase(trx)
    .where('r.shop_id', '=', q.shopId)
    .where('r.id', '=', q.id)
    .forUpdate('r')
  return (q.skipLocked ? query.skipLocked() : query).executeTakeFirst()
}

/** One resolution of a shop with its case and order (read only). */
export function findResolutionById(db: Kysely<Database>, shopId: string, id: string) {
  return resolutionWithCase(db).where('r.shop_id', '=', shopId).where('r.id', '=', id).executeTakeFirst()
}

/** The provider moved an issued resolution forward (see app/domain/resolutions/outcome). */
export async function recordProviderStatus(
  trx: Transaction<Database>,
  u: {
    shopId: string
    id: string
    status: 'succeeded' | 'failed'
    failureMessage: string | null
    details: Record<string, unknown>
    at: Date
  },
) {
  await trx
    .updateTable('resolutions')
    .set({
      status: u.status,
      failure_message: u.failureMessage,
      details: sql`details || ${JSON.stringify(u.details)}::jsonb`,
      updated_at: u.at,
    })
    .where('shop_id', '=', u.shopId)
    .where('id', '=', u.id)
    .execute()
}

/**
 * Records what reconciliation found: a difference (`mismatch`, a sentence for support) or agreement
 * (`mismatch` null, `reconciled_at` set). `updated_at` is left alone: it says when the resolution itself
 * last changed, which decides when it is checked again.
 */
export async function recordReconciliation(
  trx: Transaction<Database>,
  u: { shopId: string; id: string; mismatch: string | null; at: Date },
) {
  await trx
    .updateTable('resolutions')
    .set({
      reconcile_mismatch: u.mismatch,
      reconciled_at: u.mismatch === null ? u.at : null,
    })
    .where('shop_id', '=', u.shopId)
    .where('id', '=', u.id)
    .execute()
}

/**
 * Staff try a resolution again: pending with its tries reset and its failure cleared, under the same
 * idempotency key, `details` merged in, and its job queued in the same statement. Only from one of the
 * statuses `from` and only one the provider never took (no provider id): anything else is left as it is.
 * Returns whether it was queued.
 */
export async function requeueResolution(
  trx: Transaction<Database>,
  u: {
    shopId: string
    id: string
    at: Date
    scheduleJob: boolean
    from: readonly ('failed' | 'waiting' | 'canceled')[]
    details?: Record<string, unknown>
  },
): Promise<boolean> {
  const { rows } = await sql<{ id: string }>`
    with r as (
      update resolutions set status = 'pending', attempts = 0, failure_message = null, updated_at = ${u.at},
        released_at = coalesce(released_at, ${u.at}), reconciled_at = null,
        details = details || ${JSON.stringify(u.details ?? {})}::jsonb
      where shop_id = ${u.shopId} and id = ${u.id} and provider_id is null
        and status in (${sql.join(u.from.map((f) => sql`${f}`))})
      returning id
    )
    select r.id, ${
      u.scheduleJob ? sql`${resolutionJobSql(u.shopId, sql.ref('r.id'))} is not null` : sql`false`
    } as scheduled
    from r`.execute(trx)
  return rows.length === 1
}

/**
 * A replacement whose price difference the provider still holds (a charge pending with its id): it waits
 * (`waiting`, `details.waitingFor = 'charge'`) instead of retrying, until the charge ends (see
 * releaseAfterCharge). Not counted as a try.
 */
export async function waitForCharge(trx: Transaction<Database>, u: { shopId: string; id: string; at: Date }) {
  await trx
    .updateTable('resolutions')
    .set({
      status: 'waiting',
      failure_message: null,
      details: sql`details || '{"waitingFor":"charge"}'::jsonb`,
      updated_at: u.at,
    })
    .where('shop_id', '=', u.shopId)
    .where('id', '=', u.id)
    .where('status', '=', 'pending')
    .execute()
}

/**
 * The case's price difference ended at the provider (paid or failed): its replacement waiting for it is
 * released and its job queued in the same statement, so the replacement issuer decides, as after a charge
 * that ended at once (ship when paid, refuse when not). Nothing is released while the case's release is
 * held. Call it with the case row locked (see issue-replacement: the issuer reads the charge under that
 * lock), so a replacement starting to wait at this moment is seen here. Returns whether one was released.
 */
export async function releaseAfterCharge(
  trx: Transaction<Database>,
  r: { shopId: string; caseId: string; at: Date; scheduleJob: boolean },
): Promise<boolean> {
  const { rows } = await sql<{ id: string }>`
    with r as (
      update resolutions set status = 'pending', updated_at = ${r.at}, details = details - 'waitingFor'
      where shop_id = ${r.shopId} and case_id = ${r.caseId} and kind = 'replacement'
        and status = 'waiting' and details->>'waitingFor' = 'charge'
        and not exists (
          select 1 from cases h
          where h.shop_id = ${r.shopId} and h.id = ${r.caseId} and h.release_held_at is not null
        )
      returning id
    )
    select r.id, ${
      r.scheduleJob ? sql`${resolutionJobSql(r.shopId, sql.ref('r.id'))} is not null` : sql`false`
    } as scheduled
    from r`.execute(trx)
  return rows.length > 0
}

/**
 * A shop's money resolutions due a check with the provider: issued or tried in the last `days` days and
 * either changed since they last matched, still in the provider's hands (pending with its id), flagged,
 * or a refund not checked for a day (a card refund can fail days after it succeeded). Oldest first.
 */
export function listResolutionsToReconcile(
  db: Kysely<Database>,
  q: { shopId: string; now: Date; days: number; limit: number; caseId?: string },
) {
  const since = new Date(q.now.getTime() - q.days * 86_400_000)
  const dayAgo = new Date(q.now.getTime() - 86_400_000)
  let query = resolutionWithCase(db)
    .select(['r.reconciled_at', 'r.released_at'])
    .where('r.shop_id', '=', q.shopId)
    .where('r.kind', 'in', ['refund', 'store_credit', 'coupon', 'charge'])
    .where('r.status', 'in', ['pending', 'succeeded', 'failed'])
  if (q.caseId) {
    query = query.where('r.case_id', '=', q.caseId)
  } else {
    query = query
      .where('r.created_at', '>=', since)
      .where((eb) =>
        eb.or([
          eb('r.reconciled_at', 'is', null),
          eb('r.reconciled_at', '<', eb.ref('r.updated_at')),
          eb('r.reconcile_mismatch', 'is not', null),
          eb.and([eb('r.status', '=', 'pending'), eb('r.provider_id', 'is not', null)]),
          eb.and([eb('r.kind', '=', 'refund'), eb('r.reconciled_at', '<', dayAgo)]),
        ]),
      )
  }
  return query.orderBy('r.created_at').limit(q.limit).execute()
}

/**
 * Queues the issue-resolution job again for a shop's released resolutions with no provider answer whose
 * job is gone, spent, or held for over `staleMinutes` by a worker that is evidently dead (a job runs
 * seconds, and the row is untouched meanwhile): a worker killed mid-job leaves its job locked for hours.
 * A job that is waiting for its backoff is left alone. Returns how many were queued.
 */
export async function requeueStalledResolutions(
  db: Kysely<Database>,
  q: { shopId: string; now: Date; staleMinutes: number },
): Promise<number> {
  const stale = new Date(q.now.getTime() - q.staleMinutes * 60_000)
  const { rows } = await sql<{ n: number }>`
    select count(${resolutionJobSql(q.shopId, sql.ref('r.id'))})::int as n
    from resolutions r
    where r.shop_id = ${q.shopId} and r.status = 'pending' and r.provider_id is null
      and r.updated_at < ${stale}
      and not exists (
        select 1 from graphile_worker.jobs j
        where j.key = 'issue-resolution:' || r.id
          and ((j.locked_at is null and j.attempts < j.max_attempts) or j.locked_at >= ${stale})
      )`.execute(db)
  return rows[0]?.n ?? 0
}

/** The cases of a shop with a failed resolution or one that disagrees with its provider. */
export async function listCasesNeedingAttention(db: Kysely<Database>, shopId: string) {
  return db
    .selectFrom('resolutions')
    .select((eb) => [
      'case_id',
      eb.fn.count<number>('id').filterWhere('status', '=', 'failed').as('failed'),
      eb.fn.count<number>('id').filterWhere('reconcile_mismatch', 'is not', null).as('mismatched'),
    ])
    .where('shop_id', '=', shopId)
    .where((eb) => eb.or([eb('status', '=', 'failed'), eb('reconcile_mismatch', 'is not', null)]))
    .groupBy('case_id')
    .execute()
}

/** A case's resolutions with what the staff panel shows, by the case's number; empty when no such case. */
export function listResolutionsOfCaseNumber(db: Kysely<Database>, shopId: string, caseNumber: number) {
  return db
    .selectFrom('resolutions as r')
    .innerJoin('cases as c', (j) => j.onRef('c.id', '=', 'r.case_id').on('c.shop_id', '=', shopId))
    .where('r.shop_id', '=', shopId)
    .where('c.number', '=', caseNumber)
    .select([
      'r.id',
      'r.case_id',
      'r.kind',
      'r.amount_minor',
      'r.currency',
      'r.status',
      'r.provider',
      'r.provider_id',
      'r.code',
      'r.failure_message',
      'r.attempts',
      'r.release_on',
      'r.released_at',
      'r.details',
      'r.reconciled_at',
      'r.reconcile_mismatch',
      'r.updated_at',
      'c.state as case_state',
    ])
    .orderBy('r.created_at')
    .orderBy('r.kind')
    .execute()
}

/** The case's id and state by its number (for actions that start from the staff page). */
export function findCaseOfNumber(db: Kysely<Database>, shopId: string, caseNumber: number) {
  return db
    .selectFrom('cases')
    .select(['id', 'state', 'number'])
    .where('shop_id', '=', shopId)
    .where('number', '=', caseNumber)
    .executeTakeFirst()
}

/**
 * Staff release waiting resolutions of a case before their moment (one by id, or every one still
 * waiting), queuing their jobs in the same statement. Returns what was released; a row that is no longer
 * waiting (released meanwhile, canceled) is left alone and not returned.
 */
export async function releaseResolutionsNow(
  trx: Transaction<Database>,
  r: { shopId: string; caseId: string; id: string | null; at: Date; scheduleJob: boolean },
): Promise<
  { id: string; kind: ResolutionKind; amount_minor: number; currency: string; release_on: string }[]
> {
  const { rows } = await sql<{
    id: string
    kind: ResolutionKind
    amount_minor: number
    currency: string
    release_on: string
  }>`
    with r as (
      update resolutions set status = 'pending', released_at = ${r.at}, updated_at = ${r.at}
      where shop_id = ${r.shopId} and case_id = ${r.caseId} and status = 'waiting'
        and (${r.id}::uuid is null or id = ${r.id}::uuid)
      returning id, kind, amount_minor, currency, release_on
    )
    select r.id, r.kind, r.amount_minor, r.currency, r.release_on, ${
      r.scheduleJob ? sql`${resolutionJobSql(r.shopId, sql.ref('r.id'))} is not null` : sql`false`
    } as scheduled
    from r`.execute(trx)
  return rows.map(({ id, kind, amount_minor, currency, release_on }) => ({
    id,
    kind,
    amount_minor,
    currency,
    release_on,
  }))
}

/** Staff declined the money still waiting for this case: it will never be issued. Returns what was. */
export async function cancelWaitingMoney(
  trx: Transaction<Database>,
  r: { shopId: string; caseId: string; at: Date },
) {
  return trx
    .updateTable('resolutions')
    .set({ status: 'canceled', updated_at: r.at })
    .where('shop_id', '=', r.shopId)
    .where('case_id', '=', r.caseId)
    .where('status', '=', 'waiting')
    .where('kind', 'in', ['refund', 'store_credit', 'coupon'])
    .returning(['id', 'kind', 'amount_minor', 'currency'])
    .execute()
}

/**
 * Locks the order row and adds up its money: what the buyer paid (the order total plus any price
 * difference charged for an exchange) and what its cases refund, apart from `excludeId` (and the case `excludeCaseId`). `committed`
 * counts every refund not canceled or failed (planned, waiting, released or issued), for a decision to
 * plan or release one; `issued` counts those the provider took, for the moment a refund is issued.
 * The order lock makes two refunds of the same order decide one after the other.
 */
export async function lockOrderRefundTotals(
  trx: Transaction<Database>,
  q: {
    shopId: string
    orderId: string
    excludeId: string | null
    /** A case whose refunds are being planned again (they replace what it had). */
    excludeCaseId?: string | null
    basis: 'committed' | 'issued'
  },
) {
  const order = await trx
    .selectFrom('orders')
    .select(['id', 'number', 'total_minor', 'currency'])
    .where('shop_id', '=', q.shopId)
    .where('id', '=', q.orderId)
    .forUpdate()
    .executeTakeFirst()
  if (!order) return null
  const counted =
    q.basis === 'committed'
      ? sql`r.status in ('waiting', 'pending', 'succeeded')`
      : sql`(r.status = 'succeeded' or (r.status = 'pending' and r.provider_id is not null))`
  const { rows } = await sql<{ refunded_minor: number; charged_minor: number }>`
    select
      coalesce(sum(r.amount_minor) filter (where r.kind = 'refund' and ${counted}), 0)::int as refunded_minor,
      coalesce(sum(r.amount_minor) filter (where r.kind = 'charge' and r.status = 'succeeded'), 0)::int
        as charged_minor
    from resolutions r
    join cases c on c.id = r.case_id and c.shop_id = r.shop_id
    where r.shop_id = ${q.shopId} and c.order_id = ${q.orderId}
      and (${q.excludeId}::uuid is null or r.id <> ${q.excludeId}::uuid)
      and (${q.excludeCaseId ?? null}::uuid is null or r.case_id <> ${q.excludeCaseId ?? null}::uuid)`.execute(
    trx,
  )
  return {
    orderNumber: order.number,
    currency: order.currency,
    paidMinor: order.total_minor,
    chargedMinor: rows[0]?.charged_minor ?? 0,
    refundedMinor: rows[0]?.refunded_minor ?? 0,
  }
}

/**
 * The case's resolution of one kind, locked for a change by staff; null when there is none, and
 * `busy` when its job holds it right now (skip locked: staff never wait on a provider call).
 */
export async function lockCaseResolutionOfKind(
  trx: Transaction<Database>,
  q: { shopId: string; caseId: string; kind: ResolutionKind },
): Promise<{ id: string; status: string; details: unknown } | 'busy' | null> {
  const locked = await trx
    .selectFrom('resolutions')
    .select(['id', 'status', 'details'])
    .where('shop_id', '=', q.shopId)
    .where('case_id', '=', q.caseId)
    .where('kind', '=', q.kind)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst()
  if (locked) return locked
  const exists = await trx
    .selectFrom('resolutions')
    .select('id')
    .where('shop_id', '=', q.shopId)
    .where('case_id', '=', q.caseId)
    .where('kind', '=', q.kind)
    .executeTakeFirst()
  return exists ? 'busy' : null
}

/**
 * The coupon a case was given (at most one: resolutions are unique per case and kind), with the expiry
 * kept at issue, for the buyer's emails; undefined until it is issued.
 */
export function findIssuedCouponOfCase(db: Kysely<Database>, shopId: string, caseId: string) {
  return db
    .selectFrom('resolutions')
    .where('shop_id', '=', shopId)
    .where('case_id', '=', caseId)
    .where('kind', '=', 'coupon')
    .where('status', '=', 'succeeded')
    .where('code', 'is not', null)
    .select([
      'code',
      'amount_minor',
      'currency',
      sql<string | null>`details ->> 'expiresAt'`.as('expires_at'),
    ])
    .executeTakeFirst()
}
