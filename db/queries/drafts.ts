// Unfinished wizards. A draft belongs to one order of one shop; its answers are the wizard's own JSON
// (validated by the service on every read and write), and once submitted it points at the case it became.
import type { Kysely } from 'kysely'
import type { Database } from '#db/client'

export type DraftKind = 'return' | 'complaint'

export function insertDraft(
  db: Kysely<Database>,
  d: { shopId: string; orderId: string; kind: DraftKind; answers: unknown; at: Date },
) {
  return db
    .insertInto('wizard_drafts')
    .values({
      shop_id: d.shopId,
      order_id: d.orderId,
      kind: d.kind,
      answers: JSON.stringify(d.answers),
      created_at: d.at,
      updated_at: d.at,
    })
    .returning(['id', 'answers', 'case_id', 'updated_at'])
    .executeTakeFirstOrThrow()
}

export function findDraft(
  db: Kysely<Database>,
  q: { shopId: string; orderId: string; kind: DraftKind; draftId: string },
) {
  return db
    .selectFrom('wizard_drafts')
    .select(['id', 'answers', 'case_id', 'updated_at'])
    .where('shop_id', '=', q.shopId)
    .where('order_id', '=', q.orderId)
    .where('kind', '=', q.kind)
    .where('id', '=', q.draftId)
    .executeTakeFirst()
}

/** The newest draft of this kind on the order that has not become a case yet. */
export function findOpenDraft(db: Kysely<Database>, q: { shopId: string; orderId: string; kind: DraftKind }) {
  return db
    .selectFrom('wizard_drafts')
    .select(['id', 'answers', 'case_id', 'updated_at'])
    .where('shop_id', '=', q.shopId)
    .where('order_id', '=', q.orderId)
    .where('kind', '=', q.kind)
    .where('case_id', 'is', null)
    .orderBy('updated_at', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/** Replaces the answers of a draft that is still open; false when it was submitted meanwhile. */
export async function updateDraftAnswers(
  db: Kysely<Database>,
  u: { shopId: string; draftId: string; answers: unknown; at: Date },
) {
  const res = await db
    .updateTable('wizard_drafts')
    .set({ answers: JSON.stringify(u.answers), updated_at: u.at })
    .where('shop_id', '=', u.shopId)
    .where('id', '=', u.draftId)
    .where('case_id', 'is', null)
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

/** The open draft of this kind on the order, created (empty) when there is none yet. */
export async function findOrInsertOpenDraft(
  db: Kysely<Database>,
  q: { shopId: string; orderId: string; kind: DraftKind; at: Date },
) {
  const open = await findOpenDraft(db, q)
  return open ?? insertDraft(db, { ...q, answers: {} })
}
