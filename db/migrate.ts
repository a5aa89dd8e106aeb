// Runs Kysely's Migrator over db/migrations. `tsx db/migrate.ts latest|down`.
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely'

export const migrationFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations')

/**
 * Lists db/migrations and imports each file from here. Kysely's FileMigrationProvider would do the same
 * import from inside node_modules, where test runners' TypeScript loaders do not apply. Keys are file
 * names without extension, as Kysely's own provider uses, so existing databases are unaffected.
 */
const provider: MigrationProvider = {
  async getMigrations() {
    const files = (await fs.readdir(migrationFolder)).filter((f) => /^\d{4}_[\w-]+\.(ts|js)$/.test(f)).sort()
    const migrations: Record<string, Migration> = {}
    for (const file of files) {
      migrations[file.replace(/\.(ts|js)$/, '')] = (await import(
        path.join(migrationFolder, file)
      )) as Migration
    }
    return migrations
  },
}

export function migrator(db: Kysely<any>) {
  return new Migrator({ db, provider })
}

export async function migrateToLatest(db: Kysely<any>) {
  const { error, results } = await migrator(db).migrateToLatest()
  if (error) throw error
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

async function main() {
  const direction = process.argv[2] ?? 'latest'
  const { getDb, closeDb } = await import('./client')
  const db = getDb()
  try {
    if (direction === 'down') {
      const { error, results } = await migrator(db).migrateDown()
      if (error) throw error
      for (const r of results ?? []) console.log(`${r.status}: ${r.migrationName}`)
    } else {
      const applied = await migrateToLatest(db)
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Already up to date')
    }
  } finally {
    await closeDb()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  })
}
