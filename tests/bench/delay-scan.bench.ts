// The delay scan at scale: a shop with 1,000,000 parcels, 100,000 of them still moving. Two figures:
// `routine_ms`, the every-minute scan when nothing is new (median of many runs), and
// `backlog_40k_ms`, one scan after 40,000 moving parcels became late at once (their queued changes
// taken and 40,000 delay notices written with their deliver-outbox job), the median of three such
// backlogs. The data is built with generate_series in a scratch database on BENCH_DATABASE_URL or
// TEST_DATABASE_URL (the machine's PostgreSQL), dropped afterwards; without either, in an embedded
// PostgreSQL.
import path from 'node:path'
import pg from 'pg'
import { defineBench, metric, type BenchContext } from './harness'

const NAME = 'delay-scan'
const BENCH_DB = `homebound_bench_delay_${process.pid}`
const TOTAL = 1_000_000
const ACTIVE = 100_000
const BACKLOG = 40_000
const ROUTINE_RUNS = 25

async function admin(serverUrl: string, statements: string[]) {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    for (const statement of statements) await client.query(statement)
  } finally {
    await client.end()
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}
const round = (n: number) => Math.round(n * 100) / 100

async function build(ctx: BenchContext, client: pg.Client): Promise<string> {
  const started = Date.now()
  const shop = await client.query<{ id: string }>(
    `insert into shops (slug, name, currency) values ('bench', 'Bench', 'EUR') returning id`,
  )
  const shopId = shop.rows[0]!.id
  // 200,000 orders, five parcels each; buyers spread over a few zones.
  await client.query(
    `insert into orders (shop_id, number, email, customer_name, currency, subtotal_minor, total_minor,
       financial_status, fulfillment_status, shipping_address, postal_code_normalized, buyer_timezone, placed_at)
     select $1, g, 'buyer' || g || '@example.com', 'Buyer ' || g, 'EUR', 5000, 5000, 'paid', 'fulfilled',
       '{"name":"B","line1":"1 Main St","city":"Austin","region":null,"postalCode":"78701","countryCode":"US"}'::jsonb,
       '78701', (array['UTC','Europe/Warsaw','America/Chicago','Asia/Tokyo'])[1 + g % 4],
       now() - interval '30 days'
     from generate_series(1, $2::int) g`,
    [shopId, TOTAL / 5],
  )
  // Parcels: the first ACTIVE are in transit, the rest delivered; inserted as they are, so no notice is
  // due (notices are queued by changes).
  await client.query(
    `insert into shipments (shop_id, order_id, carrier, tracking_number, status, shipped_at, delivered_at,
       last_event_at, delay_level, next_poll_at)
     select $1, o.id, 'ups', 'BENCH' || g, st, now() - interval '3 days',
       case when st = 'delivered' then now() - interval '1 day' end, now() - interval '1 day',
       'on_time', now() + interval '1 hour'
     from generate_series(1, $2::int) g
     cross join lateral (select case when g <= $3 then 'in_transit' else 'delivered' end as st) s
     join orders o on o.shop_id = $1 and o.number = 1 + (g - 1) / 5`,
    [shopId, TOTAL, ACTIVE],
  )
  await client.query('vacuum analyze shops, orders, shipments, notifications')
  ctx.log(`built ${TOTAL} parcels (${ACTIVE} active) in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return shopId
}

export default defineBench({
  name: NAME,
  async run(ctx) {
    let serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL
    if (!serverUrl) {
      // Without a server, an embedded PostgreSQL in the bench's scratch directory, as `npm start` would.
      const { startEmbeddedPostgres } = await import('../../db/embedded')
      const cluster = await startEmbeddedPostgres({ dataDir: path.join(ctx.tmpDir, 'pg'), persistent: false })
      ctx.defer(() => cluster.stop())
      serverUrl = cluster.serverUrl
    }
    const server = serverUrl
    await admin(serverUrl, [
      `drop database if exists ${BENCH_DB} with (force)`,
      `create database ${BENCH_DB}`,
    ])
    ctx.defer(() => admin(server, [`drop database if exists ${BENCH_DB} with (force)`]))
    if (process.env.BENCH_EXPLAIN)
      await admin(serverUrl, [
        `alter database ${BENCH_DB} set session_preload_libraries = 'auto_explain'`,
        `alter database ${BENCH_DB} set auto_explain.log_min_duration = 200`,
        `alter database ${BENCH_DB} set auto_explain.log_analyze = on`,
        `alter database ${BENCH_DB} set auto_explain.log_buffers = on`,
        `alter database ${BENCH_DB} set auto_explain.log_wal = on`,
      ])
    const url = new URL(serverUrl)
    url.pathname = `/${BENCH_DB}`
    process.env.DATABASE_URL = url.toString()
    ctx.log(`database: ${BENCH_DB} on ${url.host}`)

    // Imported after DATABASE_URL is set: the app's pool reads it once.
    const { getDb, closeDb } = await import('../../db/client')
    const { migrateToLatest } = await import('../../db/migrate')
    const { scanShopNotices } = await import('../../app/services/notices/scan-delays.server')
    ctx.defer(() => closeDb())
    await migrateToLatest(getDb())
    // The worker's schema, as `npm start` installs it, so the scan really queues its deliver-outbox job.
    const { runMigrations } = await import('graphile-worker')
    await runMigrations({ connectionString: url.toString() })

    const client = new pg.Client({ connectionString: url.toString() })
    await client.connect()
    ctx.defer(() => client.end())
    const shopId = await build(ctx, client)
    const now = new Date()

    // Warm the pool and the plan cache, then measure the scan with nothing new.
    for (let i = 0; i < 3; i++) await scanShopNotices({ shopId, now })
    const routine: number[] = []
    for (let i = 0; i < ROUTINE_RUNS; i++) {
      const t = performance.now()
      const r = await scanShopNotices({ shopId, now })
      routine.push(performance.now() - t)
      if (r.marked !== 0) throw new Error(`a routine scan marked ${r.marked} parcels`)
    }

    // 40,000 moving parcels turn late (as the poll would store it; the trigger queues their notices),
    // then one scan takes the backlog. Three rounds, each a fresh 40,000-parcel change with notices of
    // its own (parcels 1–40,000 late, then 40,001–80,000 late, then 1–40,000 stalled), and the median
    // is the figure: a single statement of this size swings by a tenth or more run to run on this VM.
    const rounds: Array<{ from: number; level: string; reason: string }> = [
      { from: 1, level: 'late', reason: 'eta_passed' },
      { from: BACKLOG + 1, level: 'late', reason: 'eta_passed' },
      { from: 1, level: 'stalled', reason: 'no_scan' },
    ]
    const backlogs: number[] = []
    for (const round of rounds) {
      await client.query(
        `update shipments set delay_level = $3, delay_reason = $4
         where shop_id = $1 and is_active
           and tracking_number in (select 'BENCH' || g from generate_series($2::int, $2::int + $5::int - 1) g)`,
        [shopId, round.from, round.level, round.reason, BACKLOG],
      )
      await client.query('vacuum analyze shipments')
      const t = performance.now()
      const backlog = await scanShopNotices({ shopId, now })
      backlogs.push(performance.now() - t)
      if (backlog.marked !== BACKLOG || backlog.queued !== BACKLOG)
        throw new Error(
          `backlog scan (${round.level} from ${round.from}) marked ${backlog.marked} and queued ${backlog.queued}, expected ${BACKLOG}`,
        )
    }
    ctx.log(`backlog scans: ${backlogs.map((ms) => `${Math.round(ms)} ms`).join(', ')}`)
    const jobs = await client.query<{ n: number }>(
      `select count(*)::int as n from graphile_worker.jobs where task_identifier = 'deliver-outbox'`,
    )
    if (!jobs.rows[0]?.n) throw new Error('the backlog scan queued no deliver-outbox job')
    const after: number[] = []
    for (let i = 0; i < 5; i++) {
      const t2 = performance.now()
      await scanShopNotices({ shopId, now })
      after.push(performance.now() - t2)
    }

    return [
      metric(NAME, 'routine_ms', round(median(routine)), 'ms', '<= 5'),
      metric(
        NAME,
        'routine_p90_ms',
        round([...routine].sort((a, b) => a - b)[Math.floor(routine.length * 0.9)]!),
        'ms',
        'info',
      ),
      metric(NAME, 'backlog_40k_ms', round(median(backlogs)), 'ms', '<= 500'),
      metric(NAME, 'backlog_40k_max_ms', round(Math.max(...backlogs)), 'ms', 'info'),
      metric(NAME, 'routine_after_backlog_ms', round(median(after)), 'ms', 'info'),
    ]
  },
})
