import { sql } from 'kysely'
import pg from 'pg'
import { expect, test } from 'vitest'
import { getDb, getPool } from '#db/client'

test('a connection PostgreSQL closes while idle in the pool is dropped without ending the process, and the next query gets a new one', async () => {
  const db = getDb()
  const pool = getPool()
  const before = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)
  const pid = before.rows[0]!.pid
  const idle = pool.totalCount

  // As a server restart or an administrator would, from outside while our connection sits idle. Were
  // the pool's 'error' event unheard, it would throw out of pg's socket handler: an uncaught
  // exception that ends the process (and fails this run).
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL })
  await admin.connect()
  try {
    await admin.query('select pg_terminate_backend($1)', [pid])
  } finally {
    await admin.end()
  }
  await expect.poll(() => pool.totalCount, { timeout: 5_000 }).toBe(idle - 1)

  const after = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)
  expect(after.rows[0]!.pid).not.toBe(pid)
})
