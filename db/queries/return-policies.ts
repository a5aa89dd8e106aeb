import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '#db/client'
import type { ReturnPolicy } from '#app/domain/policy/policy'
import type { ComplaintPlaybook } from '#app/domain/complaints/playbook'

/** The version in force: the highest one. */
export function findCurrentPolicy(db: Kysely<Database>, shopId: string) {
  return db
    .selectFrom('return_policies')
    .select(['id', 'version', 'rules', 'playbook', 'created_at'])
    .where('shop_id', '=', shopId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst()
}

export function findPolicyVersion(db: Kysely<Database>, shopId: string, version: number) {
  return db
    .selectFrom('return_policies')
    .select(['id', 'version', 'rules', 'playbook', 'created_at'])
    .where('shop_id', '=', shopId)
    .where('version', '=', version)
    .executeTakeFirst()
}

/** Newest first, with who saved each version. */
export function listPolicyVersions(db: Kysely<Database>, q: { shopId: string; limit: number }) {
  return db
    .selectFrom('return_policies as p')
    .leftJoin('staff_users as u', (j) => j.onRef('u.id', '=', 'p.created_by').on('u.shop_id', '=', q.shopId))
    .select([
      'p.id',
      'p.version',
      'p.changed',
      'p.note',
      'p.created_at',
      'u.name as created_by_name',
      'u.email as created_by_email',
    ])
    .where('p.shop_id', '=', q.shopId)
    .orderBy('p.version', 'desc')
    .limit(q.limit)
    .execute()
}

// Saves of a shop's policy and the cases computed under it are kept apart by a transaction-scoped
// advisory lock per shop: exclusive for a save, shared for a case. Advisory locks live in memory, so
// twenty cases opening at once share it without writing lock records to the shop row.
export const policyLockKey = (shopId: string) => sql`hashtextextended(${`homebound:policy:${shopId}`}, 0)`

/** Makes two saves of the policy at the same moment run one after the other (numbered, not colliding). */
export async function lockShopForPolicyChange(trx: Transaction<Database>, shopId: string) {
  await sql`select pg_advisory_xact_lock(${policyLockKey(shopId)})`.execute(trx)
}

/**
 * Taken by whoever computes something under the policy in force (opening a case): such work runs side by
 * side, but a policy save waits until it has committed, and it waits for a save in progress.
 */
export async function lockShopForPolicyRead(trx: Transaction<Database>, shopId: string) {
  await sql`select pg_advisory_xact_lock_shared(${policyLockKey(shopId)})`.execute(trx)
}

type NewPolicyVersion = {
  shopId: string
  version: number
  rules: ReturnPolicy
  /** The complaint playbook of this version; null means the defaults. */
  playbook?: ComplaintPlaybook | null
  changed: string[]
  note: string | null
  createdBy: string | null
  at: Date
}

function policyRow(v: NewPolicyVersion) {
  return {
    shop_id: v.shopId,
    version: v.version,
    // NOTE: stringified so pg sends JSON text; it would turn a JS array into a PostgreSQL array.
    rules: JSON.stringify(v.rules) as unknown as ReturnPolicy,
    playbook: (v.playbook ? JSON.stringify(v.playbook) : null) as unknown as ComplaintPlaybook | null,
    changed: v.changed,
    note: v.note,
    created_by: v.createdBy,
    created_at: v.at,
  }
}

/** Inserts the version unless the shop already has one with that number; undefined when it did. */
export async function insertPolicyVersionIfAbsent(trx: Transaction<Database>, v: NewPolicyVersion) {
  return trx
    .insertInto('return_policies')
    .values(policyRow(v))
    .onConflict((oc) => oc.columns(['shop_id', 'version']).doNothing())
    .returning(['id', 'version'])
    .executeTakeFirst()
}

export async function insertPolicyVersion(trx: Transaction<Database>, v: NewPolicyVersion) {
  return trx
    .insertInto('return_policies')
    .values(policyRow(v))
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow()
}

/**
 * A rule of the return-policy version a case was opened under, as a subquery: `path` into the version's
 * rules JSON (`['timing']`, `['resolutions', 'coupon', 'validDays']`), for the case table aliased `alias`.
 */
export function casePolicyRule<T>(alias: string, ...path: string[]) {
  return sql<T>`(
    select p.rules #> ${path}::text[] from return_policies p
    where p.shop_id = ${sql.ref(`${alias}.shop_id`)} and p.id = ${sql.ref(`${alias}.policy_id`)}
  )`
}
