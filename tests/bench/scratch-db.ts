// A fresh, migrated database for a benchmark that runs the app in its own process: on
// BENCH_DATABASE_URL or TEST_DATABASE_URL when set, else in an embedded cluster under the bench's
// scratch directory; dropped afterwards. The job queue's schema is there too, because the app queues jobs
// in the same transactions it writes in, as in production.
import path from 'node:path'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { Logger, runMigrations } from 'graphile-worker'
import { startEmbeddedPostgres } from '../../db/embedded'
import { migrateToLatest } from '../../db/migrate'
import type { BenchContext } from './harness'

export async function prepareScratchDatabase(ctx: BenchContext, name: string): Promise<string> {
  let serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL
  if (!serverUrl) {
    const cluster = await startEmbeddedPostgres({ dataDir: path.join(ctx.tmpDir, 'pg'), persistent: false })
    ctx.defer(() => cluster.stop())
    serverUrl = cluster.serverUrl
  }
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl })
    await client.connect()
    try {
      await client.query(statement)
    } finally {
      await client.end()
    }
  }
  await admin(`drop database if exists ${name} with (force)`)
  await admin(`create database ${name}`)
  ctx.defer(() => admin(`drop database if exists ${name} with (force)`))
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const db = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url.toString(), max: 1 }) }),
  })
  try {
    await migrateToLatest(db)
  } finally {
    await db.destroy()
  }
  await runMigrations({ connectionString: url.toString(), logger: new Logger(() => () => {}) })
  ctx.log(`database: ${name} on ${url.host}`)
  return url.toString()
}
