// The outbox: services queue mail here inside their own transaction; the deliver-outbox job claims due
// rows with a lease, sends them and records the outcome with a snapshot of exactly what was rendered.
// The one other writer is the delay scan (db/queries/notices.ts), which writes delivery notices in bulk
// under the same unique (shop_id, dedupe_key) and queues the job through scheduleOutboxDelivery.
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely'
import type { Database } from '#db/client'
import type { Notifications } from '#db/schema'

export const NOTIFICATION_STATUSES = ['pending', 'sending', 'sent', 'failed', 'suppressed'] as const
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number]

export interface NewNotification {
  shopId: string
  template: string
  toEmail: string
  locale: string
  caseId: string | null
  payload: Record<string, unknown>
  /** Unique per shop: writing the same key again is a no-op (retries, replays). */
  dedupeKey: string
  sendAfter?: Date
}

// Whether graphile-worker's schema is installed here; once it is, it stays (cached per process).
let workerQueueInstalled = false

export async function hasWorkerQueue(trx: Transaction<Database>): Promise<boolean> {
  if (workerQueueInstalled) return true
  const { rows } = await sql<{ ok: boolean }>`
    select exists (
      select 1 from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'graphile_worker' and p.proname = 'add_job'
    ) as ok`.execute(trx)
  workerQueueInstalled = rows[0]?.ok === true
  return workerQueueInstalled
}

/**
 * Queues emails in the outbox, inside the caller's transaction, and schedules the deliver-outbox job in
 * the same statement, so in the same transaction (a rolled-back case schedules nothing) and in one
 * round trip. Returns how many rows were new (a dedupe key already used is skipped; when none is new, no
 * job is queued).
 */
export async function insertNotifications(trx: Transaction<Database>, list: readonly NewNotification[]) {
  if (list.length === 0) return 0
  const insert = trx
    .insertInto('notifications')
    .values(
      list.map((n) => ({
        shop_id: n.shopId,
        template: n.template,
        to_email: n.toEmail,
        locale: n.locale,
        case_id: n.caseId,
        payload: JSON.stringify(n.payload),
        dedupe_key: n.dedupeKey,
        ...(n.sendAfter ? { send_after: n.sendAfter } : {}),
      })),
    )
    .onConflict((oc) => oc.columns(['shop_id', 'dedupe_key']).doNothing())
    .returning('send_after')
  // NOTE: before the worker first starts, its schema may not exist yet; the rows wait for the
  // every-minute crontab run, so queuing mail never fails a case for that reason.
  const schedule = await hasWorkerQueue(trx)
  const { rows } = await sql<{ n: number }>`
    with queued as (${insert})
    select count(*)::int as n, ${
      schedule
        ? sql`case when count(*) > 0 then ${deliverOutboxJobSql(sql`min(send_after)`)} is not null end`
        : sql`null`
    } as scheduled
    from queued`.execute(trx)
  return rows[0]?.n ?? 0
}

/**
 * The deliver-outbox job for mail due at `at` (an SQL expression; now when that has passed), as one SQL
 * expression.
 *
 * NOTE: no job key. A shared key would make every transaction that queues mail update the same job row
 * and hold its lock until commit, so concurrent cases would queue up behind each other. A job per
 * transaction costs an insert; a run that finds nothing due (another run took it) ends at once.
 */
function deliverOutboxJobSql(at: ReturnType<typeof sql>) {
  return sql`graphile_worker.add_job('deliver-outbox', '{}'::json, run_at := greatest(${at}::timestamptz, now()))`
}

/**
 * Schedules the deliver-outbox job in the caller's transaction, for mail queued there (due at `at`, or
 * now when that has passed). Writers that insert outbox rows themselves call it once afterwards.
 */
export async function scheduleOutboxDelivery(trx: Transaction<Database>, at: Date) {
  // NOTE: before the worker first starts, its schema may not exist yet; the rows wait for the
  // every-minute crontab run, so queuing mail never fails a case for that reason.
  if (!(await hasWorkerQueue(trx))) return
  await sql`select ${deliverOutboxJobSql(sql`${at}`)}`.execute(trx)
}

/**
 * scheduleOutboxDelivery for several moments in one statement (the delay scan's notices leave at a few
 * moments, one per buyer zone in quiet hours): one round trip instead of one per moment.
 */
export async function scheduleOutboxDeliveries(trx: Transaction<Database>, ats: readonly Date[]) {
  if (ats.length === 0) return
  if (!(await hasWorkerQueue(trx))) return
  await sql`
    select graphile_worker.add_job('deliver-outbox', '{}'::json, run_at := greatest(at, now()))
    from unnest(${ats.map((a) => a.toISOString())}::timestamptz[]) as at`.execute(trx)
}

/** Queues one email (see insertNotifications). Returns false when its dedupe key was already used. */
export async function insertNotification(trx: Transaction<Database>, n: NewNotification) {
  return (await insertNotifications(trx, [n])) === 1
}

export function listNotifications(db: Kysely<Database>, q: { shopId: string; template?: string }) {
  let query = db
    .selectFrom('notifications')
    .select(['id', 'template', 'to_email', 'locale', 'case_id', 'payload', 'dedupe_key', 'status'])
    .where('shop_id', '=', q.shopId)
  if (q.template) query = query.where('template', '=', q.template)
  // Ids are uuid v7 (time-ordered): the primary key (shop_id, id) gives the order of writing.
  return query.orderBy('id').execute()
}

export type ClaimedNotification = Pick<
  Selectable<Notifications>,
  'id' | 'shop_id' | 'template' | 'to_email' | 'locale' | 'case_id' | 'payload' | 'attempts'
> & { locked_until: Date }

/**
 * Claims up to `limit` due rows of a shop: pending ones whose time has come, and ones left 'sending' by a
 * worker whose lease ran out. `skip locked` lets concurrent workers take disjoint rows; the single
 * statement commits the claim at once, so the lease is visible before any mail is sent.
 */
export async function claimDueNotifications(
  db: Kysely<Database>,
  q: { shopId: string; now: Date; leaseUntil: Date; limit: number },
): Promise<ClaimedNotification[]> {
  const rows = await db
    .updateTable('notifications')
    .set({ status: 'sending', locked_until: q.leaseUntil })
    .where('shop_id', '=', q.shopId)
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('notifications')
        .select('id')
        .where('shop_id', '=', q.shopId)
        .where((w) =>
          w.or([
            w.and([w('status', '=', 'pending'), w('send_after', '<=', q.now)]),
            w.and([w('status', '=', 'sending'), w('locked_until', '<', q.now)]),
          ]),
        )
        .orderBy('send_after')
        .limit(q.limit)
        .forUpdate()
        .skipLocked(),
    )
    .returning([
      'id',
      'shop_id',
      'template',
      'to_email',
      'locale',
      'case_id',
      'payload',
      'attempts',
      'locked_until',
    ])
    .execute()
  return rows.map((r) => ({ ...r, locked_until: r.locked_until! }))
}

export interface RenderedSnapshot {
  subject: string
  html: string
  text: string
  headers: Record<string, string>
  transport: 'smtp' | 'capture'
}

/** The claim is ours only while the row is still 'sending' under the lease we took. */
function ours(db: Kysely<Database>, shopId: string, id: string, lease: Date) {
  return db
    .updateTable('notifications')
    .where('shop_id', '=', shopId)
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .where('locked_until', '=', lease)
}

export async function markNotificationSent(
  db: Kysely<Database>,
  u: { shopId: string; id: string; lease: Date; messageId: string; sentAt: Date; snapshot: RenderedSnapshot },
): Promise<boolean> {
  const r = await ours(db, u.shopId, u.id, u.lease)
    .set({
      status: 'sent',
      message_id: u.messageId,
      sent_at: u.sentAt,
      attempts: sql<number>`attempts + 1`,
      last_error: null,
      locked_until: null,
      ...snapshotColumns(u.snapshot),
    })
    .executeTakeFirst()
  return r.numUpdatedRows > 0n
}

/** A failed attempt: back to 'pending' until `sendAfter`, or 'failed' for good. */
export async function markNotificationAttemptFailed(
  db: Kysely<Database>,
  u: {
    shopId: string
    id: string
    lease: Date
    status: 'pending' | 'failed'
    sendAfter: Date
    error: string
    countsAsAttempt: boolean
    snapshot: RenderedSnapshot | null
  },
): Promise<boolean> {
  const r = await ours(db, u.shopId, u.id, u.lease)
    .set({
      status: u.status,
      send_after: u.sendAfter,
      last_error: u.error.slice(0, 2000),
      attempts: u.countsAsAttempt ? sql<number>`attempts + 1` : sql<number>`attempts`,
      locked_until: null,
      ...(u.snapshot ? snapshotColumns(u.snapshot) : {}),
    })
    .executeTakeFirst()
  return r.numUpdatedRows > 0n
}

/** Hands a claimed row back untouched (not an attempt), for the next run. */
export async function releaseNotification(
  db: Kysely<Database>,
  u: { shopId: string; id: string; lease: Date },
) {
  await ours(db, u.shopId, u.id, u.lease).set({ status: 'pending', locked_until: null }).execute()
}

export async function markNotificationSuppressed(
  db: Kysely<Database>,
  u: { shopId: string; id: string; lease: Date; reason: string },
): Promise<boolean> {
  const r = await ours(db, u.shopId, u.id, u.lease)
    .set({ status: 'suppressed', last_error: u.reason, locked_until: null })
    .executeTakeFirst()
  return r.numUpdatedRows > 0n
}

function snapshotColumns(s: RenderedSnapshot) {
  return {
    subject: s.subject,
    body_html: s.html,
    body_text: s.text,
    headers: JSON.stringify(s.headers),
    transport: s.transport,
  }
}

const LIST_COLUMNS = [
  'id',
  'template',
  'to_email',
  'locale',
  'subject',
  'status',
  'attempts',
  'last_error',
  'created_at',
  'sent_at',
  'send_after',
  'transport',
] as const

/** The staff outbox, newest first. */
export function listOutbox(
  db: Kysely<Database>,
  q: { shopId: string; status: NotificationStatus | null; limit: number; offset: number },
) {
  let query = db.selectFrom('notifications').select(LIST_COLUMNS).where('shop_id', '=', q.shopId)
  if (q.status) query = query.where('status', '=', q.status)
  // Newest first along the primary key (shop_id, id); ids are uuid v7, so this is the order of writing.
  return query.orderBy('id', 'desc').limit(q.limit).offset(q.offset).execute()
}

export async function countOutbox(
  db: Kysely<Database>,
  q: { shopId: string; status: NotificationStatus | null },
) {
  let query = db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('shop_id', '=', q.shopId)
  if (q.status) query = query.where('status', '=', q.status)
  return Number((await query.executeTakeFirstOrThrow()).n)
}

export function findNotification(db: Kysely<Database>, shopId: string, id: string) {
  return db
    .selectFrom('notifications')
    .select([
      ...LIST_COLUMNS,
      'body_html',
      'body_text',
      'headers',
      'message_id',
      'payload',
      'case_id',
      'dedupe_key',
    ])
    .where('shop_id', '=', shopId)
    .where('id', '=', id)
    .executeTakeFirst()
}
