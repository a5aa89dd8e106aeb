// Exactly once when the worker dies at the worst moment: the real worker (`npm run worker`'s entry, with
// the project's task list and crontab) runs as a child process against the Stripe fake served over real
// HTTP (STRIPE_API_BASE points at it). Stripe makes the refund and answers; the worker records the answer
// inside its transaction and is killed (SIGKILL, no cleanup) before that transaction commits. A new worker
// then starts, finds the refund still unrecorded, and issues it again under the same idempotency key:
// Stripe answers with the first refund, so one refund took effect and one record exists.
//
// No hook in product code holds the worker at that moment: the test holds a SHARE lock on case_events,
// which the worker's insert of the "refund issued" event must wait for, after it has the provider's answer
// and has written it to the resolution row, but before it commits.
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { sql } from 'kysely'
import pg from 'pg'
import { afterEach, expect, test } from 'vitest'
import { getStaffCase } from '#app/services/cases/case-view.server'
import { db } from '#db/client'
import { listNotifications } from '#db/queries/notifications'
import { fakeStripe, stripeRefunds, stripeRequests } from '#tests/fakes/stripe'
import { startStripeFakeServer, type StripeFakeServer } from '#tests/fakes/stripe-server'
import { approveMoneyCase, clearJobQueue, moneyResolution, openMoneyCase } from '#tests/helpers/resolutions'

const root = path.resolve(import.meta.dirname, '..', '..', '..')
const cleanups: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  for (const c of cleanups.reverse()) await c()
  cleanups.length = 0
})

interface Worker {
  child: ChildProcess
  output: () => string
  exited: Promise<number | null>
}

/** The worker as `npm run worker` starts it, in its own process, against this test's database. */
function startWorker(stripeBase: string): Worker {
  let out = ''
  const child = spawn(process.execPath, ['--import', 'tsx', 'app/jobs/worker.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: process.env.DATABASE_URL,
      DATABASE_POOL_SIZE: '4',
      SESSION_SECRET: process.env.SESSION_SECRET,
      DATA_DIR: process.env.DATA_DIR,
      PUBLIC_URL: 'http://localhost:3000',
      STRIPE_SECRET_KEY: 'sk_test_homebound_worker',
      STRIPE_API_BASE: stripeBase,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    await exited
  })
  return { child, output: () => out, exited }
}

async function waitFor<T>(what: string, check: () => Promise<T | undefined | null | false>, worker?: Worker) {
  const deadline = Date.now() + 40_000
  for (;;) {
    const value = await check()
    if (value) return value
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${worker ? `\nworker output:\n${worker.output()}` : ''}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
}

test('a worker killed after Stripe answered and before its commit: the restarted worker records the one refund', async () => {
  await clearJobQueue()
  fakeStripe.addPaymentIntent({ id: 'pi_crash_child', amount: 25_000, currency: 'EUR' })
  const x = await openMoneyCase({ valueMinor: 25_000, paymentReference: 'pi_crash_child' })
  expect(await approveMoneyCase(x)).toMatchObject({ ok: true, state: 'approved' })
  const planned = await moneyResolution(x)
  const key = `case:${x.case.id}:refund`

  // The test's own connection, which holds case_events while the worker gets Stripe's answer.
  const blocker = new pg.Client({ connectionString: process.env.DATABASE_URL })
  await blocker.connect()
  cleanups.push(() => blocker.end())
  let refundAnswered!: () => void
  const answered = new Promise<void>((resolve) => (refundAnswered = resolve))
  let holding = false
  const server: StripeFakeServer = await startStripeFakeServer({
    async beforeAnswer(request) {
      if (request.method === 'POST' && request.path === '/v1/refunds' && !holding) {
        // The refund is made at "Stripe" now; block the worker's commit before it gets the answer.
        holding = true
        await blocker.query('begin')
        await blocker.query('lock table case_events in share mode')
        refundAnswered()
      }
      return 'send' as const
    },
  })
  cleanups.push(() => server.close())

  const first = startWorker(server.url)
  await Promise.race([
    answered,
    first.exited.then((code) => {
      throw new Error(`the worker exited (${code}) before calling Stripe:\n${first.output()}`)
    }),
  ])
  // The worker has the answer and waits on our lock, inside its transaction, to write the case event.
  const waiting = await waitFor(
    'the worker to wait on the case event insert',
    async () =>
      (
        await sql<{ pid: number }>`
          select pid from pg_stat_activity
          where wait_event_type = 'Lock' and query ilike '%insert into case_events%'`.execute(db)
      ).rows[0],
    first,
  )
  // It wrote the answer to the resolution row already (uncommitted): the worst moment to die.
  first.child.kill('SIGKILL')
  expect(await first.exited).toBeNull()
  await blocker.query('rollback')
  // PostgreSQL ends the dead worker's session and rolls its transaction back.
  await waitFor('the dead worker’s session to end', async () => {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_stat_activity where pid = ${waiting.pid}`.execute(db)
    return rows[0]!.n === 0
  })

  // Stripe made the refund; we have no record of it, and nothing half-written.
  expect(stripeRefunds).toHaveLength(1)
  expect(await moneyResolution(x)).toMatchObject({
    id: planned.id,
    status: 'pending',
    provider_id: null,
    attempts: 0,
  })
  const before = await getStaffCase({ shopId: x.shop.id, caseNumber: x.case.number, now: new Date() })
  expect(before!.events.map((e) => e.type)).not.toContain('refund_issued')
  expect(before!.state).toBe('approved')

  // A worker starts again (the dead one's job stays locked for hours; a fresh start queues it anew).
  const second = startWorker(server.url)
  const done = await waitFor(
    'the restarted worker to record the refund',
    async () => {
      const r = await moneyResolution(x)
      return r.status === 'succeeded' ? r : null
    },
    second,
  )
  second.child.kill('SIGTERM')
  await second.exited

  // One refund took effect at Stripe: the second request carried the same key and got the first answer.
  expect(stripeRefunds).toEqual([
    { id: expect.stringMatching(/^re_/), payment_intent: 'pi_crash_child', amount: 25_000, currency: 'eur' },
  ])
  const refundCalls = stripeRequests.filter((q) => q.method === 'POST' && q.path === '/v1/refunds')
  expect(refundCalls.map((q) => [q.idempotencyKey, q.replayed])).toEqual([
    [key, false],
    [key, true],
  ])
  // One record: the resolution, succeeded with that refund's id, one event, one email.
  expect(done).toMatchObject({ status: 'succeeded', provider: 'stripe', provider_id: stripeRefunds[0]!.id })
  const rows = await db.selectFrom('resolutions').select('id').where('case_id', '=', x.case.id).execute()
  expect(rows).toHaveLength(1)
  const after = await getStaffCase({ shopId: x.shop.id, caseNumber: x.case.number, now: new Date() })
  expect(after!.events.filter((e) => e.type === 'refund_issued')).toHaveLength(1)
  expect(after!.state).toBe('resolved')
  expect(await listNotifications(db, { shopId: x.shop.id, template: 'case-resolved' })).toHaveLength(1)
}, 120_000)
