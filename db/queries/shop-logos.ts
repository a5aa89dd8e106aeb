// A shop's email logo: one row per shop, replaced whole on upload, deleted on remove. Every function
// takes the shop and filters by it.
import type { Kysely } from 'kysely'
import type { Database } from '#db/client'

export interface ShopLogo {
  contentType: string
  bytes: Uint8Array
  width: number
  height: number
  sha256: string
}

/** The logo with its bytes (mail, previews and the image route), or null. */
export async function findShopLogo(db: Kysely<Database>, shopId: string): Promise<ShopLogo | null> {
  const row = await db
    .selectFrom('shop_logos')
    .select(['content_type', 'bytes', 'width', 'height', 'sha256'])
    .where('shop_id', '=', shopId)
    .executeTakeFirst()
  if (!row) return null
  return {
    contentType: row.content_type,
    bytes: new Uint8Array(row.bytes),
    width: row.width,
    height: row.height,
    sha256: row.sha256,
  }
}

/** What the settings page shows about the logo, without its bytes. */
export function findShopLogoInfo(db: Kysely<Database>, shopId: string) {
  return db
    .selectFrom('shop_logos')
    .select(['width', 'height', 'sha256', 'updated_at'])
    .where('shop_id', '=', shopId)
    .executeTakeFirst()
}

export async function upsertShopLogo(
  db: Kysely<Database>,
  l: {
    shopId: string
    contentType: string
    bytes: Uint8Array
    width: number
    height: number
    sha256: string
    staffId: string | null
    at: Date
  },
) {
  const values = {
    content_type: l.contentType,
    bytes: Buffer.from(l.bytes),
    width: l.width,
    height: l.height,
    sha256: l.sha256,
    updated_by: l.staffId,
    updated_at: l.at,
  }
  await db
    .insertInto('shop_logos')
    .values({ shop_id: l.shopId, ...values })
    .onConflict((oc) => oc.column('shop_id').doUpdateSet(values))
    .execute()
}

/** Removes the shop's logo; false when it had none. */
export async function deleteShopLogo(db: Kysely<Database>, shopId: string): Promise<boolean> {
  const r = await db.deleteFrom('shop_logos').where('shop_id', '=', shopId).executeTakeFirst()
  return r.numDeletedRows > 0n
}
