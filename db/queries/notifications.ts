import type { Kysely, Transaction } from 'kysely'
import type { Database } from '#db/client'

export interface NewNotification {
  shopId: string
  template: string
  toEmail: string
  locale: string
  caseId: string | null
  payload: Record<string, unknown>
  /** Unique per shop: writing the same key again is a no-op (retries, replays). */
  dedupeKey: string
  sendAfter?: Date
}

/** Queues an email in the outbox, inside the caller's transaction. Returns false when the key was already used. */
export async function insertNotification(trx: Transaction<Database>, n: NewNotification) {
  const row = await trx
    .insertInto('notifications')
    .values({
      shop_id: n.shopId,
      template: n.template,
      to_email: n.toEmail,
      locale: n.locale,
      case_id: n.caseId,
      payload: JSON.stringify(n.payload),
      dedupe_key: n.dedupeKey,
      ...(n.sendAfter ? { send_after: n.sendAfter } : {}),
    })
    .onConflict((oc) => oc.columns(['shop_id', 'dedupe_key']).doNothing())
    .returning('id')
    .executeTakeFirst()
  return row !== undefined
}

export function listNotifications(db: Kysely<Database>, q: { shopId: string; template?: string }) {
  let query = db
    .selectFrom('notifications')
    .select(['id', 'template', 'to_email', 'locale', 'case_id', 'payload', 'dedupe_key', 'status'])
    .where('shop_id', '=', q.shopId)
  if (q.template) query = query.where('template', '=', q.template)
  return query.orderBy('created_at').orderBy('id').execute()
}
