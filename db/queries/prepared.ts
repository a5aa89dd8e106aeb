// Hot read queries are built and compiled by Kysely once, then run as named prepared statements: each
// pooled connection parses and plans the SQL once and afterwards only binds new values. Building and
// planning a query with nested JSON subqueries costs more than PostgreSQL takes to execute it, and the
// buyer's order page runs one on every view.
import type { Compilable, CompiledQuery, Kysely } from 'kysely'
import { getPool, type Database } from '#db/client'

const MARK = '\u0000hb:'

/**
 * `build` receives a placeholder for each named parameter and returns the query; each call of the result
 * binds the real values. Placeholders must be used as plain values (never inside SQL text).
 * NOTE: the statement name must be unique per query text; `name` is it.
 */
export function prepareQuery<P extends string, R>(
  name: string,
  names: readonly P[],
  build: (db: Kysely<Database>, params: Record<P, string>) => Compilable<R>,
) {
  let compiled: CompiledQuery<R> | undefined
  const placeholders = Object.fromEntries(names.map((n) => [n, `${MARK}${n}`])) as Record<P, string>
  return async (db: Kysely<Database>, values: Record<P, unknown>): Promise<R[]> => {
    compiled ??= build(db, placeholders).compile()
    const parameters = compiled.parameters.map((p) =>
      typeof p === 'string' && p.startsWith(MARK) ? values[p.slice(MARK.length) as P] : p,
    )
    const result = await getPool().query({
      name: `hb_${name}`,
      text: compiled.sql,
      values: parameters as unknown[],
    })
    return result.rows as R[]
  }
}
