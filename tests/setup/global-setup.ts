// Integration suites: one PostgreSQL server (TEST_DATABASE_URL, else an embedded cluster), one
// migrated template database, cloned per worker in tests/setup/db.ts.
import os from 'node:os'
import path from 'node:path'
import { chmodSync, mkdtempSync } from 'node:fs'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { startEmbeddedPostgres, withDatabase } from '../../db/embedded'
import { migrateToLatest } from '../../db/migrate'

declare module 'vitest' {
  export interface ProvidedContext {
    pgServerUrl: string
    /** Prefix of every database this run creates; unique so concurrent runs on one server never collide. */
    pgRunPrefix: string
  }
}

export default async function setup(project: TestProject) {
  let serverUrl = process.env.TEST_DATABASE_URL
  let stop: (() => Promise<void>) | undefined
  if (!serverUrl) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'homebound-pg-'))
    // As root, PostgreSQL runs as the `postgres` user, which must be able to enter this folder.
    chmodSync(dir, 0o755)
    const cluster = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), persistent: false })
    serverUrl = cluster.serverUrl
    stop = cluster.stop
  }
  const prefix = `hb_test_${process.pid}_${Date.now().toString(36)}`
  const TEMPLATE_DB = `${prefix}_template`
  project.provide('pgServerUrl', serverUrl)
  project.provide('pgRunPrefix', prefix)

  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`drop database if exists ${TEMPLATE_DB} with (force)`)
  await admin.query(`create database ${TEMPLATE_DB}`)
  await admin.end()

  const db = new Kysely<any>({
    dialect: new PostgresDialect({
      pool: new pg.Pool({ connectionString: withDatabase(serverUrl, TEMPLATE_DB) }),
    }),
  })
  try {
    await migrateToLatest(db)
    // graphile-worker installs its own schema on first run; do it once here so clones carry it.
    const { runMigrations } = await import('graphile-worker')
    await runMigrations({ connectionString: withDatabase(serverUrl, TEMPLATE_DB) })
  } finally {
    await db.destroy()
  }

  return async () => {
    if (!stop) {
      // Drop what this run created on the shared server (the embedded cluster goes away whole).
      const admin = new pg.Client({ connectionString: serverUrl })
      await admin.connect()
      const { rows } = await admin.query<{ datname: string }>(
        'select datname from pg_database where datname like $1',
        [`${prefix}%`],
      )
      for (const { datname } of rows) await admin.query(`drop database if exists "${datname}" with (force)`)
      await admin.end()
    }
    await stop?.()
  }
}
