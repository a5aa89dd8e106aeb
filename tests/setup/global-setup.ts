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
  }
}

export const TEMPLATE_DB = 'homebound_test_template'

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
  project.provide('pgServerUrl', serverUrl)

  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`drop database if exists ${TEMPLATE_DB} with (force)`)
  await admin.query(`create database ${TEMPLATE_DB}`)
  await admin.end()

  const db = new Kysely<any>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: withDatabase(serverUrl, TEMPLATE_DB) }) }),
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
    await stop?.()
  }
}
