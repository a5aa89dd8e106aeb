// How close the buyer tracking page (order + shipments + events + delay level: one round trip to
// PostgreSQL, then SSR) gets to a route that does no work at all, and its tail latency at low load.
// The server runs as a child process (production build, NODE_ENV=production, no worker) and autocannon
// runs here, so on 2 cores each side has a core and the load generator does not steal the server's.
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import autocannon, { type Result } from 'autocannon'
import pg from 'pg'
import { buildApp, startAppServer } from '../e2e/app-server'
import { defineBench, metric, type BenchContext } from './harness'

const NAME = 'tracking-page'
const BENCH_DB = 'homebound_bench'

export default defineBench({
  name: NAME,
  async run(ctx) {
    ctx.log('remix build …')
    ctx.log(`built in ${(buildApp() / 1000).toFixed(1)} s`)

    const env = await prepareDatabase(ctx)
    const server = await startAppServer({
      env: { ...env, NODE_ENV: 'production', RUN_WORKER: 'false', HOST: '127.0.0.1' },
      logFile: path.join(ctx.tmpDir, 'server.log'),
      dataDir: env.DATA_DIR,
    })
    ctx.defer(() => server.stop())
    ctx.log(`server ready at ${server.url} (log: ${server.logFile})`)

    const { trackingPath, cookie } = await lookup(server.url)
    const headers: Record<string, string> = cookie ? { cookie } : {}
    const helpUrl = `${server.url}/track/help`
    const trackingUrl = `${server.url}${trackingPath}`
    for (const url of [helpUrl, trackingUrl]) await expectOk(url, headers)

    const seconds = ctx.durationSeconds
    const load = (url: string, connections: number, duration = seconds) =>
      measure(ctx, url, connections, duration, headers)
    ctx.log('warm-up (JIT, connection pools, caches) …')
    await load(helpUrl, 10, Math.min(5, seconds))
    await load(trackingUrl, 10, Math.min(5, seconds))

    const help50 = await load(helpUrl, 50)
    const track50 = await load(trackingUrl, 50)
    const track1 = await load(trackingUrl, 1)
    const track10 = await load(trackingUrl, 10)

    const ratio = track50.requests.average / help50.requests.average
    ctx.log('')
    ctx.log(`50 connections   /track/help: ${summary(help50)}`)
    ctx.log(`50 connections   tracking:    ${summary(track50)}`)
    ctx.log(`rps ratio tracking / help: ${ratio.toFixed(2)}`)

    return [
      metric(NAME, 'rps_ratio', round(ratio, 3), 'ratio', '>= 0.6'),
      metric(NAME, 'p99_ms_1conn', track1.latency.p99, 'ms', '<= 10'),
      metric(NAME, 'p99_ms_10conn', track10.latency.p99, 'ms', '<= 25'),
      // Raw figures for the trend in bench-results.json; no targets of their own.
      metric(NAME, 'rps_help_50conn', round(help50.requests.average, 0), 'req/s', 'info'),
      metric(NAME, 'rps_tracking_50conn', round(track50.requests.average, 0), 'req/s', 'info'),
      metric(NAME, 'p50_ms_help_50conn', help50.latency.p50, 'ms', 'info'),
      metric(NAME, 'p99_ms_help_50conn', help50.latency.p99, 'ms', 'info'),
      metric(NAME, 'p50_ms_tracking_50conn', track50.latency.p50, 'ms', 'info'),
      metric(NAME, 'p99_ms_tracking_50conn', track50.latency.p99, 'ms', 'info'),
      metric(NAME, 'p50_ms_1conn', track1.latency.p50, 'ms', 'info'),
      metric(NAME, 'p50_ms_10conn', track10.latency.p50, 'ms', 'info'),
    ]
  },
})

/**
 * BENCH_DATABASE_URL or TEST_DATABASE_URL names a PostgreSQL server: the bench gets a fresh database there.
 * Without either, the server boots embedded PostgreSQL in a scratch DATA_DIR, as `npm start` would.
 */
async function prepareDatabase(ctx: BenchContext): Promise<Record<string, string | undefined>> {
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL
  if (!serverUrl) {
    const dataDir = path.join(ctx.tmpDir, 'data')
    ctx.log(`database: embedded PostgreSQL in ${dataDir}`)
    return { DATA_DIR: dataDir, DATABASE_URL: undefined }
  }
  await admin(serverUrl, [`drop database if exists ${BENCH_DB} with (force)`, `create database ${BENCH_DB}`])
  ctx.defer(() => admin(serverUrl, [`drop database if exists ${BENCH_DB} with (force)`]))
  const url = new URL(serverUrl)
  url.pathname = `/${BENCH_DB}`
  ctx.log(`database: ${BENCH_DB} on ${url.host}`)
  // With DATABASE_URL in production the server insists on a shared SESSION_SECRET, as a real deploy would.
  return {
    DATABASE_URL: url.toString(),
    DATA_DIR: undefined,
    SESSION_SECRET: process.env.SESSION_SECRET ?? randomBytes(32).toString('base64url'),
  }
}

async function admin(serverUrl: string, statements: string[]) {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    for (const statement of statements) await client.query(statement)
  } finally {
    await client.end()
  }
}

/** Finds order #1002 through the buyer lookup form, as a browser without JavaScript would. */
async function lookup(baseUrl: string): Promise<{ trackingPath: string; cookie: string }> {
  const body = new URLSearchParams({ orderNumber: '1002', email: 'ben@example.com' }).toString()
  // A plain form POST to /track targets the track layout; an index-route action needs `?index`. Try both
  // so the bench does not depend on which route file holds the action.
  const attempts: string[] = []
  for (const action of ['/track', '/track?index']) {
    const res = await fetch(`${baseUrl}${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      redirect: 'manual',
    })
    const location = res.headers.get('location') ?? ''
    const trackingPath = new URL(location, baseUrl).pathname
    if (res.status >= 300 && res.status < 400 && /^\/track\/[A-Za-z0-9_.-]+$/.test(trackingPath)) {
      const cookie = res.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ')
      return { trackingPath, cookie }
    }
    attempts.push(`POST ${action} → ${res.status} ${location ? `Location: ${location}` : '(no Location)'}`)
  }
  throw new Error(
    `lookup of #1002 / ben@example.com did not redirect to /track/<token>:\n${attempts.join('\n')}`,
  )
}

async function expectOk(url: string, headers: Record<string, string>) {
  const res = await fetch(url, { headers, redirect: 'manual' })
  await res.arrayBuffer()
  if (res.status !== 200) throw new Error(`GET ${url} → ${res.status}; refusing to benchmark a non-200 page`)
}

async function measure(
  ctx: BenchContext,
  url: string,
  connections: number,
  duration: number,
  headers: Record<string, string>,
): Promise<Result> {
  const result = await autocannon({ url, connections, duration, headers, timeout: 10 })
  const label = `${new URL(url).pathname.replace(/^(\/track\/)[^/]{6,}$/, '$1<token>')} @${connections}`
  ctx.log(`${label.padEnd(26)} ${summary(result)}`)
  // Errors or non-2xx answers (a rate limiter, a 500) would make the figures meaningless.
  if (result.errors || result.timeouts || result.non2xx) {
    const codes = Object.entries(result.statusCodeStats)
      .map(([code, s]) => `${code}×${s.count}`)
      .join(', ')
    throw new Error(
      `${label}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx (${codes})`,
    )
  }
  return result
}

function summary(r: Result) {
  return `${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms`
}

function round(value: number, digits: number) {
  const f = 10 ** digits
  return Math.round(value * f) / f
}
