// The rule for DATABASE_POOL_SIZE, in one place with no imports: EnvSchema checks it at boot (naming the
// variable), and db/client applies the same rule when it opens the pool, because scripts can reach
// db/client without the boot's check and `Number('ten')` would give pg a NaN pool size.

export const POOL_SIZE_DEFAULT = 10
// PostgreSQL's default max_connections is 100, shared by every process of the deployment.
export const POOL_SIZE_MAX = 100
export const POOL_SIZE_MESSAGE = `must be a whole number of connections from 1 to ${POOL_SIZE_MAX}`

/** The pool size `raw` asks for, or null when it breaks the rule. Unset or empty means the default. */
export function checkPoolSize(raw: string | undefined): number | null {
  if (raw === undefined || raw === '') return POOL_SIZE_DEFAULT
  if (!/^\d{1,3}$/.test(raw)) return null
  const size = Number(raw)
  return size >= 1 && size <= POOL_SIZE_MAX ? size : null
}

/** The pool size from `raw`; throws naming the variable (never its value) when it breaks the rule. */
export function parsePoolSize(raw: string | undefined): number {
  const size = checkPoolSize(raw)
  if (size === null) throw new Error(`Invalid environment: DATABASE_POOL_SIZE: ${POOL_SIZE_MESSAGE}`)
  return size
}
