// The sandbox payments provider's book: one row per idempotency key. Writing a key again returns the
// first row unchanged, as a real provider answers a repeated idempotent request with its first answer.
import type { Kysely } from 'kysely'
import type { Database } from '#db/client'

export interface LedgerEntry {
  shopId: string
  kind: 'refund' | 'store_credit' | 'coupon' | 'charge'
  idempotencyKey: string
  amountMinor: number
  currency: string
  reference: string
  /** Whose it is: the buyer of a coupon, credit or charge; null for a refund (it goes back to the payment). */
  buyerEmail: string | null
}

export async function recordLedgerEntry(db: Kysely<Database>, e: LedgerEntry) {
  return (
    db
      .insertInto('sandbox_ledger')
      .values({
        shop_id: e.shopId,
        kind: e.kind,
        idempotency_key: e.idempotencyKey,
        amount_minor: e.amountMinor,
        currency: e.currency,
        reference: e.reference,
        buyer_email: e.buyerEmail,
      })
      // NOTE: a no-op update so the existing row comes back in the same statement.
      .onConflict((oc) =>
        oc
          .column('idempotency_key')
          .doUpdateSet((eb) => ({ idempotency_key: eb.ref('excluded.idempotency_key') })),
      )
      .returning(['id', 'shop_id', 'kind', 'reference', 'amount_minor', 'currency', 'buyer_email'])
      .executeTakeFirstOrThrow()
  )
}

export function listLedgerEntries(db: Kysely<Database>, shopId: string) {
  return db
    .selectFrom('sandbox_ledger')
    .select(['kind', 'idempotency_key', 'amount_minor', 'currency', 'reference', 'buyer_email', 'created_at'])
    .where('shop_id', '=', shopId)
    .orderBy('created_at')
    .execute()
}

/** The sandbox's entry for one idempotency key in a shop (reconciliation), or undefined. */
export function findLedgerEntry(db: Kysely<Database>, shopId: string, idempotencyKey: string) {
  return db
    .selectFrom('sandbox_ledger')
    .select(['kind', 'idempotency_key', 'amount_minor', 'currency', 'reference', 'buyer_email', 'created_at'])
    .where('shop_id', '=', shopId)
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst()
}
