import { sql, type Kysely } from 'kysely'
import type { Database } from '#db/client'

/** True when the database answers a trivial query. */
export async function pingDatabase(db: Kysely<Database>): Promise<boolean> {
  return sql`select 1`
    .execute(db)
    .then(() => true)
    .catch(() => false)
}
