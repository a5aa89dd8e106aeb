// Homebound's process entry. With nothing configured it starts a real PostgreSQL under DATA_DIR,
// migrates, seeds the demo shop, and serves the web app and the job worker from one process.
// With DATABASE_URL it uses that server instead. `tsx server.ts` (npm start) or startHomebound() in code.
import { randomBytes, randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import type { Runner } from 'graphile-worker'
import { getEnv, resetEnvCache } from './app/env.server'
import { clientIp, createNodeRequestHandler } from './app/http/remix-handler.server'
import { flushLogs, getLogger } from './app/logger.server'
import { setWorkerStatus } from './app/jobs/worker-status'
import { closeDb, getDb } from './db/client'
import { ensureDatabase, startEmbeddedPostgres, withDatabase, type EmbeddedCluster } from './db/embedded'
import { migrateToLatest } from './db/migrate'

const root = path.dirname(fileURLToPath(import.meta.url))
const BUILD_PATH = path.join(root, 'build', 'index.js')

export interface StartOptions {
  port?: number
  host?: string
  runWorker?: boolean
  seed?: boolean
  dataDir?: string
  databaseUrl?: string
}

export interface Homebound {
  url: string
  stop(): Promise<void>
}

/** The session secret: from env, else generated once and kept in DATA_DIR (zero-config only). */
function sessionSecret(dataDir: string, usingEmbedded: boolean): string {
  const fromEnv = process.env.SESSION_SECRET
  if (fromEnv) return fromEnv
  if (!usingEmbedded && process.env.NODE_ENV === 'production') {
    throw new Error(
      'SESSION_SECRET: required when DATABASE_URL is set in production (every web server must share it)',
    )
  }
  const file = path.join(dataDir, 'session-secret')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(dataDir, { recursive: true })
  const secret = randomBytes(32).toString('base64url')
  writeFileSync(file, secret, { mode: 0o600 })
  return secret
}

async function loadBuild(): Promise<ServerBuild> {
  if (!existsSync(BUILD_PATH)) {
    throw new Error(
      'No Remix build found at build/index.js: run `npm run build` (npm start does it for you).',
    )
  }
  // In development the build changes under us: a query string makes ESM load the new file.
  const version = process.env.NODE_ENV === 'development' ? `?t=${statSync(BUILD_PATH).mtimeMs}` : ''
  return (await import(pathToFileURL(BUILD_PATH).href + version)) as ServerBuild
}

export async function startHomebound(options: StartOptions = {}): Promise<Homebound> {
  const env = getEnv()
  const log = getLogger()
  const dataDir = path.resolve(options.dataDir ?? env.DATA_DIR)

  let embedded: EmbeddedCluster | undefined
  let databaseUrl = options.databaseUrl ?? env.DATABASE_URL
  if (!databaseUrl) {
    log.info({ dataDir }, 'starting embedded PostgreSQL')
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, 'pg'),
      persistent: true,
      onLog: (line) => log.debug({ component: 'postgres' }, line),
    })
    await ensureDatabase(embedded.serverUrl, 'homebound')
    databaseUrl = withDatabase(embedded.serverUrl, 'homebound')
  }
  // Everything below (and the Remix bundle) reads the URL and secret from the environment.
  process.env.DATABASE_URL = databaseUrl
  process.env.SESSION_SECRET = sessionSecret(dataDir, Boolean(embedded))
  resetEnvCache()

  let runner: Runner | undefined
  let server: Server | undefined
  const stop = async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
    server?.closeAllConnections?.()
    await runner?.stop().catch(() => undefined)
    await closeDb()
    await embedded?.stop()
    flushLogs()
  }

  try {
    const applied = await migrateToLatest(getDb())
    if (applied.length) log.info({ applied }, 'migrations applied')
    const { runMigrations } = await import('graphile-worker')
    await runMigrations({ connectionString: databaseUrl, logger: undefined })

    if (options.seed ?? env.SEED_DEMO) {
      const demo = await import('./db/seed/demo')
      const seeded = await demo.seedDemoIfEmpty({ now: new Date() })
      if (seeded) log.info({ orders: demo.DEMO_ORDERS.length }, 'demo shop seeded')
      if (seeded || (await demo.hasDemoShop()))
        printDemoBanner({ logins: demo.DEMO_LOGINS, orders: demo.DEMO_HIGHLIGHTS })
    }

    if (options.runWorker ?? env.RUN_WORKER) {
      const { startWorker } = await import('./app/jobs/worker')
      runner = await startWorker({ connectionString: databaseUrl })
    } else {
      setWorkerStatus('disabled')
    }

    server = await listen(options.port ?? env.PORT, options.host ?? env.HOST)
    const addr = server.address()
    const port = typeof addr === 'object' && addr ? addr.port : (options.port ?? env.PORT)
    const url = `http://${(options.host ?? env.HOST) === '0.0.0.0' ? '127.0.0.1' : (options.host ?? env.HOST)}:${port}`
    log.info({ url, database: embedded ? 'embedded' : 'external' }, 'Homebound is up')
    return { url, stop }
  } catch (err) {
    await stop().catch(() => undefined)
    throw err
  }
}

async function listen(port: number, host: string): Promise<Server> {
  const log = getLogger()
  const build = process.env.NODE_ENV === 'development' ? loadBuild : await loadBuild()
  if (process.env.NODE_ENV === 'development') {
    // `remix dev --manual` waits for the app server to say it has loaded the new build.
    const { broadcastDevReady } = await import('@remix-run/node')
    await broadcastDevReady(await loadBuild())
  }
  const pages = createNodeRequestHandler({
    build,
    mode: process.env.NODE_ENV,
    getLoadContext: (req) => ({ clientIp: clientIp(req), requestId: String(req.headers['x-request-id']) }),
    onError: (err, req) => log.error({ err, reqId: req.headers['x-request-id'] }, 'request failed'),
  })

  // Express serves files only. Remix fingerprints everything under /build, so it is cached forever.
  const files = express()
  files.disable('x-powered-by')
  // Level 1: assets are small and compress well at any level; CPU is what the server runs out of first.
  files.use(compression({ level: 1 }))
  files.use('/build', express.static(path.join(root, 'public', 'build'), { immutable: true, maxAge: '1y' }))
  files.use(express.static(path.join(root, 'public'), { maxAge: '1h', index: false }))
  // A route whose path looks like a file (a label's .pdf, a QR code's .png) is a page after all.
  files.use((req, res) => void pages(req, res))

  const server = createServer((req, res) => {
    const incoming = req.headers['x-request-id']
    const id = typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID()
    req.headers['x-request-id'] = id
    res.setHeader('x-request-id', id)
    const url = req.url ?? '/'
    const query = url.indexOf('?')
    const pathname = query < 0 ? url : url.slice(0, query)
    const started = process.hrtime.bigint()
    res.on('finish', () => {
      if (pathname.startsWith('/build/') || pathname === '/healthz') return
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      log.info(
        {
          reqId: id,
          method: req.method,
          path: pathname,
          status: res.statusCode,
          ms: Math.round(ms * 10) / 10,
        },
        'request',
      )
    })
    // Only requests for files go near the disk; pages skip Express and the stat() entirely.
    if (pathname.startsWith('/build/') || /\.[a-z0-9]{2,5}$/i.test(pathname)) files(req, res)
    else void pages(req, res)
  })
  server.keepAliveTimeout = 65_000

  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve(server))
  })
}

function printDemoBanner(seeded: {
  logins: { role: string; email: string; password: string }[]
  orders: string[]
}) {
  const lines = [
    '',
    'Demo shop "Birch & Bay". Staff logins (/auth/login):',
    ...seeded.logins.map((l) => `  ${l.role.padEnd(6)} ${l.email}  password: ${l.password}`),
    'Buyer orders to try at /track:',
    ...seeded.orders.map((o) => `  ${o}`),
    '',
  ]
  console.log(lines.join('\n'))
}

async function main() {
  let hb: Homebound
  try {
    hb = await startHomebound()
  } catch (err) {
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  }
  console.log(`Homebound is running at ${hb.url} (buyer portal: ${hb.url}/track)`)
  let stopping = false
  const shutdown = (signal: string) => {
    if (stopping) return
    stopping = true
    getLogger().info({ signal }, 'shutting down')
    hb.stop().then(
      () => process.exit(0),
      (err) => {
        console.error(err)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', () => shutdown('SIGINT'))
  process.on('SIGTERM', () => shutdown('SIGTERM'))
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main()
}
