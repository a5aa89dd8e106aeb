// Each integration worker gets its own database cloned from the migrated template, and every test
// starts from empty tables.
import pg from 'pg'
import { sql } from 'kysely'
import { afterAll, beforeAll, beforeEach, inject } from 'vitest'

const serverUrl = inject('pgServerUrl')
const prefix = inject('pgRunPrefix')
const name = `${prefix}_${process.env.VITEST_POOL_ID ?? '1'}`
const url = new URL(serverUrl)
url.pathname = `/${name}`
// NOTE: set before anything imports #db/client; the pool reads it on first use.
process.env.DATABASE_URL = url.toString()

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`drop database if exists ${name} with (force)`)
  await admin.query(`create database ${name} template ${prefix}_template`)
  await admin.end()
})

beforeEach(async () => {
  const { db } = await import('#db/client')
  const { rows } = await sql<{ tablename: string }>`
    select tablename from pg_tables
    where schemaname = 'public' and tablename not like 'kysely_migration%'`.execute(db)
  if (rows.length) {
    await sql`truncate ${sql.join(rows.map((r) => sql.table(r.tablename)))} restart identity cascade`.execute(
      db,
    )
  }
  await sql`delete from graphile_worker._private_jobs`.execute(db).catch(() => undefined)
})

afterAll(async () => {
  const { closeDb } = await import('#db/client')
  await closeDb()
})
