// Generates db/schema.ts from the migrations: a scratch database is migrated from zero and
// kysely-codegen reads it back. `--verify` fails when db/schema.ts no longer matches the migrations.
//   npm run db:types            rewrite db/schema.ts
//   npm run db:types -- --verify
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { ensureDatabase, startEmbeddedPostgres, withDatabase } from './embedded'
import { migrateToLatest } from './migrate'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const overrides = {
  columns: {
    'orders.shipping_address': "import('./types').ShippingAddress",
    'shops.return_address': "import('./types').ShippingAddress | null",
    'return_policies.rules': "import('../app/domain/policy/policy').ReturnPolicy",
    'return_policies.playbook': "import('../app/domain/complaints/playbook').ComplaintPlaybook | null",
    'rate_limit_hits.id': 'Generated<number>',
    'notice_settings.settings': "import('../app/domain/notices/settings').NoticeSettings",
  },
}

export async function generateTypes(options: { verify: boolean; serverUrl?: string }) {
  let serverUrl = options.serverUrl ?? process.env.TEST_DATABASE_URL
  const embedded = serverUrl
    ? undefined
    : await startEmbeddedPostgres({ dataDir: path.join(root, '.data', 'pg-codegen'), persistent: false })
  serverUrl ??= embedded!.serverUrl
  const name = `homebound_codegen_${process.pid}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  try {
    await admin.query(`drop database if exists ${name} with (force)`)
    await ensureDatabase(serverUrl, name)
    const url = withDatabase(serverUrl, name)
    const db = new Kysely<any>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url }) }),
    })
    try {
      await migrateToLatest(db)
    } finally {
      await db.destroy()
    }
    const bin = path.join(root, 'node_modules', '.bin', 'kysely-codegen')
    const args = [
      '--dialect',
      'postgres',
      '--url',
      url,
      '--exclude-pattern',
      'kysely_migration*',
      '--overrides',
      JSON.stringify(overrides),
      '--out-file',
      path.join(root, 'db', 'schema.ts'),
      '--log-level',
      'error',
    ]
    if (options.verify) args.push('--verify')
    execFileSync(bin, args, { stdio: 'inherit', cwd: root })
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`)
    await admin.end()
    await embedded?.stop()
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  generateTypes({ verify: process.argv.includes('--verify') }).catch((err) => {
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  })
}
