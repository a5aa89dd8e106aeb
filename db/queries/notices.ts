// Delivery notices: the shop's notice settings, the delay scan's single statement, and the transit
// history behind predicted delivery. Every function takes the shop and filters by it.
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '#db/client'
import type { NoticeSettings } from '#app/domain/notices/settings'
import type { NoticeRule } from '#app/domain/notices/plan'
import type { TransitStats } from '#app/domain/tracking/prediction'
import { prepareQuery } from './prepared'

export function findNoticeSettings(db: Kysely<Database>, shopId: string) {
  return db
    .selectFrom('notice_settings')
    .select(['settings', 'updated_at', 'updated_by'])
    .where('shop_id', '=', shopId)
    .executeTakeFirst()
}

export async function upsertNoticeSettings(
  trx: Transaction<Database>,
  u: { shopId: string; settings: NoticeSettings; staffId: string | null; at: Date },
) {
  await trx
    .insertInto('notice_settings')
    .values({
      shop_id: u.shopId,
      settings: JSON.stringify(u.settings) as unknown as NoticeSettings,
      updated_by: u.staffId,
      updated_at: u.at,
    })
    .onConflict((oc) =>
      oc.column('shop_id').doUpdateSet({
        settings: (eb) => eb.ref('excluded.settings'),
        updated_by: (eb) => eb.ref('excluded.updated_by'),
        updated_at: (eb) => eb.ref('excluded.updated_at'),
      }),
    )
    .execute()
}

export async function updateShopMailBranding(
  trx: Transaction<Database>,
  shopId: string,
  b: { senderName: string | null; replyTo: string | null; brandColor: string; at: Date },
) {
  await trx
    .updateTable('shops')
    .set({
      mail_sender_name: b.senderName,
      mail_reply_to: b.replyTo,
      brand_color: b.brandColor,
      updated_at: b.at,
    })
    .where('id', '=', shopId)
    .execute()
}

/**
 * The buyers' time zones of the parcels with a notice due (none, quickly, when nothing is new): the
 * scan computes quiet hours for exactly these. The queue row carries the zone, so this reads the queue
 * alone. Null stands for a parcel whose order's zone was not found (its notice uses the shop's zone).
 *
 * NOTE: one probe of the (shop_id, buyer_timezone) index per zone (a loose index scan: each step asks for
 * the next zone after the last one), plus one for a null zone, instead of reading every waiting row: a
 * backlog of 40,000 parcels has a handful of zones. A named prepared statement, planned once per
 * connection: planning the recursive query costs more than running it, and this is the every-minute
 * probe of every shop.
 */
const pendingNoticeZones = prepareQuery('pending_notice_zones', ['shopId'], (db, p) => ({
  compile: () =>
    sql<{ tz: string | null }>`
      with recursive zones as (
        (select q.buyer_timezone as tz from shipment_notice_queue q
         where q.shop_id = ${p.shopId}::uuid and q.buyer_timezone is not null
         order by q.buyer_timezone limit 1)
        union all
        select (select q.buyer_timezone from shipment_notice_queue q
                where q.shop_id = ${p.shopId}::uuid and q.buyer_timezone > z.tz
                order by q.buyer_timezone limit 1)
        from zones z where z.tz is not null
      )
      select tz from zones where tz is not null
      union all
      select null where exists (
        select from shipment_notice_queue q where q.shop_id = ${p.shopId}::uuid and q.buyer_timezone is null)`.compile(
      db,
    ),
}))

export async function listPendingNoticeZones(
  db: Kysely<Database>,
  shopId: string,
): Promise<Array<string | null>> {
  const rows = await pendingNoticeZones(db, { shopId })
  return rows.map((r) => r.tz)
}

export interface NoticeScanInput {
  shopId: string
  rules: NoticeRule[]
  /** When a notice to a buyer in each zone may leave (quiet hours). */
  zones: { timeZone: string; sendAfter: Date }[]
  /** For a zone not listed. */
  fallbackSendAfter: Date
  /** A status email needs a scan at least this recent. */
  freshSince: Date
  defaultLocale: string
  /** At most this many parcels per statement. */
  limit: number
}

export interface NoticeScanResult {
  /** Parcels taken from the notice queue (their buyers are now told, or there was nothing to tell). */
  marked: number
  /** Notices written (a dedupe key used before writes nothing). */
  queued: number
  /** The distinct moments the new notices may leave. */
  sendAfters: Date[]
}

/**
 * The delay scan, one statement: takes up to `limit` parcels off the notice queue, compares what each
 * parcel is now (the queue row carries it) with what its buyer was last told, and writes the notices
 * the rules table says, keyed `notice:<shipmentId>:<status-or-level>` with `on conflict do nothing`, so
 * a parcel gets one notice per status and per level however often the scan runs.
 *
 * NOTE: queue rows are taken by their physical address without a row lock. Two scans of one shop at
 * the same moment (the crontab's job key makes that rare) cannot both take a row: the second one's
 * delete waits for the first to commit and then finds the row gone. A row the parcel's own trigger
 * rewrote meanwhile has moved, so it is left for the next scan, with the parcel's newer state.
 */
export async function runNoticeScan(
  trx: Transaction<Database>,
  q: NoticeScanInput,
): Promise<NoticeScanResult> {
  // NOTE: the scan's commit need not wait for its WAL to reach disk (for a backlog, megabytes of it).
  // Were the server to crash just after, the transaction is lost as a whole: the queue rows are back, no
  // notice was written, and the next scan writes them. No worker can send one of these notices before
  // they are durable: its claim commits after this commit, and flushing its own commit flushes this one.
  await sql`set local synchronous_commit = off`.execute(trx)
  const r = q.rules
  const { rows } = await sql<{ marked: number; queued: number; send_afters: Date[] | null }>`
    with rules as (
      select * from unnest(
        ${r.map((x) => x.status)}::text[], ${r.map((x) => x.level)}::text[],
        ${r.map((x) => x.statusChanged)}::boolean[], ${r.map((x) => x.levelChanged)}::boolean[],
        ${r.map((x) => x.freshScan)}::boolean[], ${r.map((x) => x.template)}::text[],
        ${r.map((x) => x.key)}::text[], ${r.map((x) => JSON.stringify(x.remedies))}::jsonb[]
      ) as r(status, level, status_changed, level_changed, fresh_scan, template, key, remedies)
    ),
    taken as (
      delete from shipment_notice_queue q
      where q.shop_id = ${q.shopId} and q.ctid = any(array(
        select ctid from shipment_notice_queue where shop_id = ${q.shopId} limit ${q.limit}
      ))
      returning q.shipment_id, q.status, q.delay_level, q.buyer_timezone, q.email, q.locale,
        q.status <> q.from_status as status_changed,
        q.delay_level <> q.from_level as level_changed,
        (q.last_event_at is null or q.last_event_at >= ${q.freshSince}::timestamptz) as fresh_scan
    ),
    inserted as (
      insert into notifications (shop_id, template, to_email, locale, case_id, payload, dedupe_key, send_after)
      select ${q.shopId}, r.template, t.email, coalesce(t.locale, ${q.defaultLocale}), null,
        jsonb_build_object('shipmentId', t.shipment_id, 'level', t.delay_level, 'remedies', r.remedies),
        'notice:' || t.shipment_id || ':' || r.key,
        -- The zone's moment by position in the (few) zones: a lookup, not a join re-reading the zones
        -- once per notice.
        coalesce(
          (${q.zones.map((z) => z.sendAfter)}::timestamptz[])[
            array_position(${q.zones.map((z) => z.timeZone)}::text[], t.buyer_timezone)],
          ${q.fallbackSendAfter}::timestamptz)
      from taken t
      join rules r on r.status = t.status and r.level = t.delay_level
        and r.status_changed = t.status_changed and r.level_changed = t.level_changed
        and r.fresh_scan = t.fresh_scan
      -- The queue row carries the buyer's email and language (kept current by a trigger on orders), so
      -- no order is read here; a parcel whose order was not found has no one to tell.
      where t.email is not null
      -- In dedupe-key order ('notice:' and the parcel's id, whose text sorts as the uuid does): the unique
      -- index then takes its keys in order, cheaper than 40,000 inserts at random places.
      order by t.shipment_id
      on conflict (shop_id, dedupe_key) do nothing
      returning id, send_after
    )
    select
      (select count(*) from taken)::int as marked,
      count(i.id)::int as queued,
      array_agg(distinct i.send_after) filter (where i.id is not null) as send_afters
    from inserted i`.execute(trx)
  const row = rows[0]
  return {
    marked: row?.marked ?? 0,
    queued: row?.queued ?? 0,
    sendAfters: (row?.send_afters ?? []).map((d) => new Date(d)),
  }
}

/**
 * Transit times of parcels delivered since `since` by a carrier on a route (origin → destination
 * country), as median and 90th percentile business days; null when none.
 */
export async function findTransitStats(
  db: Kysely<Database>,
  q: {
    shopId: string
    carrier: string
    originCountry: string | null
    destinationCountry: string | null
    since: Date
  },
): Promise<TransitStats | null> {
  const { rows } = await sql<{ samples: number; median: number | null; p90: number | null }>`
    select count(*)::int as samples,
      percentile_cont(0.5) within group (order by s.transit_business_days) as median,
      percentile_cont(0.9) within group (order by s.transit_business_days) as p90
    from shipments s
    join orders o on o.id = s.order_id and o.shop_id = ${q.shopId}
    where s.shop_id = ${q.shopId} and s.carrier = ${q.carrier} and s.kind <> 'return'
      and s.transit_business_days is not null and s.delivered_at >= ${q.since}
      and s.origin_country is not distinct from ${q.originCountry}
      and o.shipping_address->>'countryCode' is not distinct from ${q.destinationCountry}`.execute(db)
  const row = rows[0]
  if (!row || row.samples === 0 || row.median === null || row.p90 === null) return null
  return { samples: row.samples, medianDays: Number(row.median), p90Days: Number(row.p90) }
}
