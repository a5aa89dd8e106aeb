// Resolutions: the refund, store credit or coupon a case owes the buyer, planned in the approving
// transaction and issued by the issue-resolution job. One row per case and kind; the job locks its row
// for the whole provider call, so two runs never call the provider for the same row at once.
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '#db/client'

export const RESOLUTION_KINDS = ['refund', 'store_credit', 'coupon'] as const
export type ResolutionKind = (typeof RESOLUTION_KINDS)[number]
export type ResolutionStatus = 'pending' | 'succeeded' | 'failed'

/** How many times the job tries a resolution before it is recorded as failed for support. */
export const RESOLUTION_MAX_ATTEMPTS = 10

export interface PlannedResolution {
  shopId: string
  caseId: string
  kind: ResolutionKind
  amountMinor: number
  currency: string
  idempotencyKey: string
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
 * Inserts the resolution unless the case already has one of this kind, and, in the same statement, queues
 * the issue-resolution job for a new row (when the worker's schema is installed). Returns the new row's
 * id, or null when it already existed.
 */
export async function insertPlannedResolution(
  trx: Transaction<Database>,
  r: PlannedResolution,
  options: { scheduleJob: boolean },
): Promise<string | null> {
  const { rows } = await sql<{ id: string }>`
    with r as (
      insert into resolutions (shop_id, case_id, kind, amount_minor, currency, idempotency_key)
      values (${r.shopId}, ${r.caseId}, ${r.kind}, ${r.amountMinor}, ${r.currency}, ${r.idempotencyKey})
      on conflict do nothing
      returning id
    )
    select r.id, ${options.scheduleJob ? sql`${resolutionJobSql(r.shopId, sql.ref('r.id'))} is not null` : sql`false`} as scheduled
    from r`.execute(trx)
  return rows[0]?.id ?? null
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
    ])
    .where('shop_id', '=', shopId)
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .execute()
}
