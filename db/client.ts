// One Kysely<Database> per process. It lives on globalThis because the same process loads this module
// twice (once through the Remix server bundle, once through tsx for the worker and boot code) and
// `remix dev` reloads the bundle: both must share one pool.
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { DB as Database } from './schema'

export type { Database }

// NOTE: pg returns int8 (count(*), bigserial) as a string by default; our counts fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10))

const key = Symbol.for('homebound.db')
type G = typeof globalThis & { [key]?: { db: Kysely<Database>; pool: pg.Pool } }

function connectionString() {
  const url = process.env.DATABASE_URL
  if (!url) {
    throw new Error(
      'DATABASE_URL is not set. server.ts sets it after starting the embedded PostgreSQL; scripts must run through it or set it.',
    )
  }
  return url
}

export function getDb(): Kysely<Database> {
  const g = globalThis as G
  if (!g[key]) {
    const pool = new pg.Pool({
      connectionString: connectionString(),
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
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

/** Closes the pool (shutdown, test teardown). A later getDb() opens a new one. */
export async function closeDb() {
  const g = globalThis as G
  const current = g[key]
  delete g[key]
  if (current) await current.db.destroy()
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
