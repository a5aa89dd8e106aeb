// How many resolutions per second go through the job queue with the sandbox providers: approved cases
// whose return label and money (refund, store credit or coupon, paid at approval) wait as
// `issue-resolution` jobs, then a graphile-worker runner (the app's own task, WORKER_CONCURRENCY jobs at
// a time, as `npm start` runs it) issues them all: the sandbox carrier buys each label (decides what it
// says; its PDF and QR code are drawn on the label's first download, as a carrier's label URL is), the
// sandbox ledger books the money, and every issue writes its case event, the buyer's email in the outbox
// and, once all is issued, the case's next state. Then `label_first_download_ms`: what that first
// download costs (drawn, stored), for some of the labels. Measured in this process against a scratch
// database on the machine PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL), else an embedded cluster.
import path from 'node:path'
import { sql, type Kysely } from 'kysely'
import pg from 'pg'
import { Logger, run } from 'graphile-worker'
import type { Database } from '../../db/client'
import { defineBench, metric, type BenchContext } from './harness'
import { prepareScratchDatabase } from './scratch-db'

const NAME = 'resolution-jobs'

const statementText = (q: unknown) =>
  String(typeof q === 'string' ? q : ((q as { text?: string } | null)?.text ?? '?'))
    .replace(/\s+/g, ' ')
    .slice(0, 150)
const BENCH_DB = 'homebound_bench_resolutions'
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const CASES = Number(process.env.BENCH_CASES ?? 600)
const RESOLUTIONS = ['refund', 'store_credit', 'coupon'] as const
/** BENCH_METHOD=keep: the buyer keeps the items, so cases carry money only (no label to draw). */
const METHOD = process.env.BENCH_METHOD === 'keep' ? 'keep' : 'label'

export default defineBench({
  name: NAME,
  async run(ctx) {
    const url = await prepareScratchDatabase(ctx, BENCH_DB)
    // NOTE: before any app module is imported: #db/client and the env read these on first use.
    process.env.DATABASE_URL = url
    process.env.DATA_DIR = path.join(ctx.tmpDir, 'data')
    process.env.SESSION_SECRET ??= 'bench-session-secret-that-is-at-least-32-chars'
    process.env.LOG_LEVEL ??= 'warn'
    const { getEnv } = await import('../../app/env.server')
    const concurrency = getEnv().WORKER_CONCURRENCY
    const { closeDb, db } = await import('../../db/client')
    ctx.defer(() => closeDb())
    const { taskList, runnerBatching } = await import('../../app/jobs/worker')

    await seed(ctx)
    const total = await countOpen(db)
    ctx.log(`${total} resolutions queued; worker concurrency ${concurrency}`)

    // Round trips to PostgreSQL per resolution, this process's share (worker and app pools alike).
    let queries = 0
    const query = pg.Client.prototype.query
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      queries++
      // BENCH_TRACE=1 prints every statement's start: where the round trips go.
      if (process.env.BENCH_TRACE) console.log('query:', statementText(args[0]))
      return (query as (...a: unknown[]) => unknown).apply(this, args)
    } as typeof query
    ctx.defer(() => {
      pg.Client.prototype.query = query
    })
    const cpu = process.cpuUsage()
    const started = performance.now()
    const runner = await run({
      connectionString: url,
      concurrency,
      preset: runnerBatching(concurrency),
      noHandleSignals: true,
      pollInterval: 1000,
      logger: new Logger(() => () => {}),
      taskList: { 'issue-resolution': taskList['issue-resolution']! },
    })
    let stopped = false
    ctx.defer(() => (stopped ? undefined : runner.stop()))
    let open = total
    while (open > 0) {
      await new Promise((r) => setTimeout(r, 25))
      open = await countOpen(db)
      if (performance.now() - started > 600_000)
        throw new Error(`${open} resolutions still open after 10 min`)
    }
    const seconds = (performance.now() - started) / 1000
    const used = process.cpuUsage(cpu)
    const roundTrips = queries
    stopped = true
    await runner.stop()

    const outcomes = await sql<{ kind: string; status: string; n: number }>`
      select kind, status, count(*)::int as n from resolutions group by kind, status order by kind, status`.execute(
      db,
    )
    for (const o of outcomes.rows) ctx.log(`  ${o.kind.padEnd(13)} ${o.status.padEnd(10)} ${o.n}`)
    const failed = outcomes.rows.filter((o) => o.status !== 'succeeded').reduce((n, o) => n + o.n, 0)
    if (failed > 0) throw new Error(`${failed} resolutions did not succeed; see the table above`)
    // Exactly once, at scale: one ledger entry per money resolution, one label per case.
    const { rows } = await sql<{ ledger: number; labels: number; money: number }>`
      select (select count(*)::int from sandbox_ledger) as ledger,
             (select count(*)::int from return_labels) as labels,
             (select count(*)::int from resolutions where kind <> 'return_label') as money`.execute(db)
    const labels = METHOD === 'label' ? CASES : 0
    if (rows[0]!.ledger !== rows[0]!.money || rows[0]!.labels !== labels) {
      throw new Error(
        `expected ${rows[0]!.money} ledger entries and ${labels} labels, got ${JSON.stringify(rows[0])}`,
      )
    }

    const perS = total / seconds
    ctx.log(`${total} resolutions in ${seconds.toFixed(1)} s: ${perS.toFixed(0)} per s`)

    // The work moved out of the job: the first download of a label draws and stores it.
    const downloads: number[] = []
    if (METHOD === 'label') {
      const { readReturnLabelFile } = await import('../../app/services/resolutions/return-label-view.server')
      const sample = await sql<{ shop_id: string; number: number }>`
        select c.shop_id, c.number from return_labels l join cases c on c.id = l.case_id
        order by c.number limit 50`.execute(db)
      for (const c of sample.rows) {
        const t = performance.now()
        const file = await readReturnLabelFile({ shopId: c.shop_id, caseNumber: c.number, file: 'pdf' })
        downloads.push(performance.now() - t)
        if (!file || file.bytes.subarray(0, 5).toString() !== '%PDF-')
          throw new Error(`case ${c.number}: the first download gave no PDF`)
      }
    }
    return [
      metric(NAME, 'per_s', Math.round(perS), 'per s', '>= 200'),
      metric(NAME, 'resolutions', total, 'count', 'info'),
      metric(NAME, 'concurrency', concurrency, 'jobs', 'info'),
      // This process's CPU per resolution (worker and providers; PostgreSQL runs beside it).
      metric(NAME, 'queries_per_resolution', round(roundTrips / total), 'count', 'info'),
      metric(
        NAME,
        'app_cpu_ms_per_resolution',
        round((used.user + used.system) / 1000 / total),
        'ms',
        'info',
      ),
      ...(downloads.length
        ? [metric(NAME, 'label_first_download_ms', round(median(downloads)), 'ms', 'info')]
        : []),
    ]
  },
})

async function countOpen(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from resolutions where status = 'pending' and provider_id is null`.execute(db)
  return rows[0]!.n
}

/** One shop whose policy pays at approval; CASES delivered orders, each returned by label and approved. */
async function seed(ctx: BenchContext) {
  const { createOrder, createShipment, createShop, createStaff } = await import('../factories/index')
  const { createReturnCase } = await import('../../app/services/cases/create-return-case.server')
  const { actOnCaseAsStaff } = await import('../../app/services/cases/case-actions.server')
  const { savePolicy } = await import('../../app/services/policies/policies.server')
  const { DEFAULT_RETURN_POLICY } = await import('../../app/domain/policy/policy')
  const { findCaseByIdempotencyKey } = await import('../../db/queries/cases')
  const { db } = await import('../../db/client')
  ctx.log(`seeding ${CASES} approved returns …`)
  const shop = await createShop({ currency: 'USD' })
  const staff = await createStaff({ shopId: shop.id, role: 'agent' })
  const saved = await savePolicy({
    shopId: shop.id,
    staffId: null,
    rules: {
      ...DEFAULT_RETURN_POLICY,
      // Every case is approved by staff below, so the queue fills before the clock starts.
      autoApprove: { ...DEFAULT_RETURN_POLICY.autoApprove, enabled: false },
      resolutions: {
        ...DEFAULT_RETURN_POLICY.resolutions,
        coupon: { ...DEFAULT_RETURN_POLICY.resolutions.coupon, enabled: true },
      },
      // Money-only runs let the buyer keep every item; label runs send them all back.
      greenReturn: { enabled: METHOD === 'keep', maxItemValue: { USD: 1_000_000 } },
      reasons: {
        ...DEFAULT_RETURN_POLICY.reasons,
        changed_mind: {
          ...DEFAULT_RETURN_POLICY.reasons.changed_mind,
          allowedResolutions: ['refund', 'store_credit', 'coupon'],
          waiveReturnShipping: true,
        },
      },
      timing: { moneyMoves: 'approval', replacementShips: 'approval' },
    },
    basedOnVersion: 0,
    now: new Date(),
  })
  if (!saved.ok) throw new Error(saved.message)
  const now = Date.now()
  for (let i = 0; i < CASES; i++) {
    const order = await createOrder({
      shopId: shop.id,
      currency: 'USD',
      items: [
        { quantity: 1, unitPriceMinor: 4500 },
        { quantity: 1, unitPriceMinor: 1900 },
      ],
      placedAt: new Date(now - 6 * 86_400_000),
    })
    await createShipment({ shopId: shop.id, orderId: order.id, shippedAt: new Date(now - 5 * 86_400_000) })
    const key = crypto.randomUUID()
    const created = await createReturnCase({
      shopId: shop.id,
      orderId: order.id,
      buyerEmail: order.email,
      locale: 'en',
      request: {
        selections: order.lineItems.map((li) => ({
          lineItemId: li.id,
          quantity: 1,
          reason: 'changed_mind' as const,
        })),
        resolution: RESOLUTIONS[i % RESOLUTIONS.length]!,
        returnMethod: METHOD,
        idempotencyKey: key,
      },
      now: new Date(),
    })
    if (!created.ok) throw new Error(created.message)
    const c = (await findCaseByIdempotencyKey(db, shop.id, key))!
    const approved = await actOnCaseAsStaff({
      shopId: shop.id,
      staffId: staff.id,
      caseNumber: c.number,
      command: 'approve',
      now: new Date(),
    })
    if (!approved.ok) throw new Error(approved.message)
  }
}

const round = (n: number) => Math.round(n * 10) / 10
