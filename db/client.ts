// One Kysely<Database> per process. It lives on globalThis because the same process loads this module
// twice (once through the Remix server bundle, once through tsx for the worker and boot code) and
// `remix dev` reloads the bundle: both must share one pool.
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { getLogger } from '#app/logger.server'
import { parsePoolSize } from '#app/pool-size'
import type { DB as Database } from './schema'

export type { Database }

// NOTE: pg returns int8 (count(*), bigserial) as a string by default; our counts fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10))

const key = Symbol.for('homebound.db')
const providerKey = Symbol.for('homebound.db.providers')
type Handle = { db: Kysely<Database>; pool: pg.Pool }
type G = typeof globalThis & { [key]?: Handle; [providerKey]?: Handle }

function connectionString() {
  const url = process.env.DATABASE_URL
  if (!url) {
    throw new Error(
      'DATABASE_URL is not set. server.ts sets it after starting the embedded PostgreSQL; scripts must run through it or set it.',
    )
  }
  return url
}

/**
 * A pool that survives PostgreSQL dropping an idle connection (a restart, a failover,
 * pg_terminate_backend): pg reports it as an 'error' event on the pool, which with no listener ends the
 * process. The pool has already discarded that connection; the next query opens a fresh one.
 */
function newPool(name: string, options: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(options)
  pool.on('error', (error) => {
    getLogger().warn({ pool: name, err: error.message }, 'an idle database connection was closed')
  })
  return pool
}

export function getDb(): Kysely<Database> {
  const g = globalThis as G
  if (!g[key]) {
    const pool = newPool('app', {
      connectionString: connectionString(),
      max: parsePoolSize(process.env.DATABASE_POOL_SIZE),
      idleTimeoutMillis: 30_000,
    })
    g[key] = { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), pool }
  }
  return g[key].db
}

/** The pg pool behind `db`, for the few queries that run as named prepared statements. */
export function getPool(): pg.Pool {
  getDb()
  return (globalThis as G)[key]!.pool
}

/**
 * The connections of the sandbox providers (payments ledger, sandbox fulfilment), apart from the app's.
 * They stand in for outside services, and the app calls them while its transaction holds a connection
 * (a resolution is issued under its row lock): sharing the app's pool, as many jobs at once as it has
 * connections would each hold one and wait forever for a second.
 */
export function getProviderDb(): Kysely<Database> {
  const g = globalThis as G
  if (!g[providerKey]) {
    const pool = newPool('providers', {
      connectionString: connectionString(),
      max: 4,
      idleTimeoutMillis: 30_000,
    })
    g[providerKey] = { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), pool }
  }
  return g[providerKey].db
}

/** Closes the pools (shutdown, test teardown). A later getDb() opens a new one. */
export async function closeDb() {
  const g = globalThis as G
  const handles = [g[key], g[providerKey]]
  delete g[key]
  delete g[providerKey]
  for (const h of handles) if (h) await h.db.destroy()
}

/**
 * `db` behaves like the Kysely instance but connects on first use, so importing a module never opens a
 * connection (boot code decides the URL first).
 */
export const db: Kysely<Database> = new Proxy({} as Kysely<Database>, {
  get(_target, prop) {
    const real = getDb() as unknown as Record<PropertyKey, unknown>
    const value = real[prop]
    // NOTE: Kysely uses #private fields, so methods must run with the real instance as `this`.
    return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(real) : value
  },
})
