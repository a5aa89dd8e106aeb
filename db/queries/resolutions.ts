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
import type { Database } from '#db/client'

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
 * statement. Returns the kinds released.
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
      returning id, kind
    )
    select r.kind, ${
      r.scheduleJob ? sql`${resolutionJobSql(r.shopId, sql.ref('r.id'))} is not null` : sql`false`
    } as scheduled
    from r`.execute(trx)
  return rows.map((x) => x.kind)
}

/** The case ended before these were released: they will never be issued. Returns how many. */
export async function cancelWaitingResolutions(
  trx: Transaction<Database>,
  r: { shopId: string; caseId: string; at: Date },
): Promise<number> {
  const result = await trx
    .updateTable('resolutions')
    .set({ status: 'canceled', updated_at: r.at })
    .where('shop_id', '=', r.shopId)
    .where('case_id', '=', r.caseId)
    .where('status', '=', 'waiting')
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
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
 * Locks a resolution for issuing; null when it does not exist or another run holds it (skip locked).
 * Comes with what the provider call needs from its case and order.
 */
export function lockResolutionForIssue(trx: Transaction<Database>, shopId: string, id: string) {
  return trx
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
      'r.details',
      'c.number as case_number',
      'o.payment_reference',
    ])
    .forUpdate('r')
    .skipLocked()
    .executeTakeFirst()
}

/** The provider took it: what it answered, once. */
export async function markResolutionIssued(
  trx: Transaction<Database>,
  u: {
    shopId: string
    id: string
    status: 'succeeded' | 'pending'
    provider: string
    providerId: string
    code: string | null
    /** What the issuer wants kept with the row (a label's tracking number, a replacement's parcel). */
    details?: Record<string, unknown>
    at: Date
  },
) {
  await trx
    .updateTable('resolutions')
    .set({
      status: u.status,
      provider: u.provider,
      provider_id: u.providerId,
      code: u.code,
      details: sql`details || ${JSON.stringify(u.details ?? {})}::jsonb`,
      failure_message: null,
      attempts: sql<number>`attempts + 1`,
      updated_at: u.at,
    })
    .where('shop_id', '=', u.shopId)
    .where('id', '=', u.id)
    .execute()
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
 * Staff try a failed (or canceled) resolution again: pending with its tries counted afresh, `details`
 * merged in, and its job queued in the same statement.
 */
export async function retryResolution(
  trx: Transaction<Database>,
  r: { shopId: string; id: string; details: Record<string, unknown>; at: Date; scheduleJob: boolean },
) {
  await sql`
    with r as (
      update resolutions set status = 'pending', attempts = 0, failure_message = null,
        released_at = coalesce(released_at, ${r.at}), updated_at = ${r.at},
        details = details || ${JSON.stringify(r.details)}::jsonb
      where shop_id = ${r.shopId} and id = ${r.id}
      returning id
    )
    select ${r.scheduleJob ? sql`${resolutionJobSql(r.shopId, sql.ref('r.id'))} is not null` : sql`false`} as scheduled
    from r`.execute(trx)
}
