// Photo records: where the stored file is, what it is, and whose it is (a draft while the buyer is still
// answering, a case from then on). The bytes themselves are in the photo store.
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { Database } from '#db/client'

export interface NewPhoto {
  shopId: string
  orderId: string
  draftId: string | null
  caseId: string | null
  lineItemId: string | null
  contentType: string
  bytes: number
  storageKey: string
  thumbKey: string | null
  width: number | null
  height: number | null
  uploadedBy: 'buyer' | 'staff'
  at: Date
}

export function insertPhoto(db: Kysely<Database>, p: NewPhoto & { id: string }) {
  return db
    .insertInto('photos')
    .values({
      id: p.id,
      shop_id: p.shopId,
      order_id: p.orderId,
      draft_id: p.draftId,
      case_id: p.caseId,
      line_item_id: p.lineItemId,
      content_type: p.contentType,
      bytes: p.bytes,
      storage_key: p.storageKey,
      thumb_key: p.thumbKey,
      width: p.width,
      height: p.height,
      uploaded_by: p.uploadedBy,
      created_at: p.at,
    })
    .returning(['id'])
    .executeTakeFirstOrThrow()
}

const PHOTO_COLUMNS = [
  'id',
  'line_item_id',
  'content_type',
  'bytes',
  'thumb_key',
  'width',
  'height',
  'created_at',
] as const

export function listDraftPhotos(db: Kysely<Database>, shopId: string, draftId: string) {
  return db
    .selectFrom('photos')
    .select(PHOTO_COLUMNS)
    .where('shop_id', '=', shopId)
    .where('draft_id', '=', draftId)
    .where('case_id', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
}

/** Photos per line item of a draft (the key '' counts photos of no particular item). */
export async function countDraftPhotosByItem(
  db: Kysely<Database>,
  shopId: string,
  draftId: string,
): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('photos')
    .where('shop_id', '=', shopId)
    .where('draft_id', '=', draftId)
    .where('case_id', 'is', null)
    .groupBy('line_item_id')
    .select(['line_item_id', sql<number>`count(*)::int`.as('n')])
    .execute()
  return Object.fromEntries(rows.map((r) => [r.line_item_id ?? '', r.n]))
}

export function countCasePhotos(db: Kysely<Database>, shopId: string, caseId: string) {
  return db
    .selectFrom('photos')
    .where('shop_id', '=', shopId)
    .where('case_id', '=', caseId)
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow()
    .then((r) => r.n)
}

/** A photo of this shop's order, as the buyer (who holds an order token) may see it. */
export function findOrderPhoto(
  db: Kysely<Database>,
  q: { shopId: string; orderId: string; photoId: string },
) {
  return db
    .selectFrom('photos')
    .select(['id', 'content_type', 'storage_key', 'thumb_key', 'draft_id', 'case_id'])
    .where('shop_id', '=', q.shopId)
    .where('order_id', '=', q.orderId)
    .where('id', '=', q.photoId)
    .executeTakeFirst()
}

/** A photo of this shop, as staff may see it. */
export function findShopPhoto(db: Kysely<Database>, q: { shopId: string; photoId: string }) {
  return db
    .selectFrom('photos')
    .select(['id', 'content_type', 'storage_key', 'thumb_key'])
    .where('shop_id', '=', q.shopId)
    .where('id', '=', q.photoId)
    .executeTakeFirst()
}

/** Removes a photo from an open draft; returns the storage keys to delete, or undefined when not found. */
export function deleteDraftPhoto(
  db: Kysely<Database>,
  q: { shopId: string; draftId: string; photoId: string },
) {
  return db
    .deleteFrom('photos')
    .where('shop_id', '=', q.shopId)
    .where('draft_id', '=', q.draftId)
    .where('case_id', 'is', null)
    .where('id', '=', q.photoId)
    .returning(['storage_key', 'thumb_key'])
    .executeTakeFirst()
}
