// Shops are the tenant root: these look a shop up by its own id or one of its unique addresses.
import type { Kysely, Selectable } from 'kysely'
import type { Database } from '#db/client'
import type { Shops } from '#db/schema'
import type { ShippingAddress } from '#db/types'

export type ShopRow = Selectable<Shops>

export function findShopById(db: Kysely<Database>, shopId: string) {
  return db.selectFrom('shops').selectAll().where('id', '=', shopId).executeTakeFirst()
}

/** A shop by the host its portal is served on (custom domain) or its Shopify domain. */
export function findShopByHost(db: Kysely<Database>, host: string) {
  return db
    .selectFrom('shops')
    .selectAll()
    .where((eb) => eb.or([eb('portal_host', '=', host), eb('shopify_domain', '=', host)]))
    .executeTakeFirst()
}

export function findShopBySlug(db: Kysely<Database>, slug: string) {
  return db.selectFrom('shops').selectAll().where('slug', '=', slug).executeTakeFirst()
}

/** The first shop created: the portal's shop on a single-shop install. */
export function findFirstShop(db: Kysely<Database>) {
  return db.selectFrom('shops').selectAll().orderBy('created_at').orderBy('id').limit(1).executeTakeFirst()
}

export function listShopIds(db: Kysely<Database>) {
  return db.selectFrom('shops').select('id').orderBy('created_at').execute()
}

export async function countShops(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('shops')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export interface NewShop {
  slug: string
  name: string
  supportEmail: string | null
  defaultLocale: 'en' | 'ru' | 'pl'
  timezone: string
  currency: string
  brandColor: string
  /** The host the buyer portal answers on (a custom domain); resolveShop picks the shop by it. */
  portalHost?: string | null
  shopifyDomain?: string | null
  /** Where returned parcels go (printed on return labels); none until the merchant sets it. */
  returnAddress?: ShippingAddress | null
  /** Carriers (and services) return labels may be bought from: `ups`, `usps:GroundAdvantage`; empty: any. */
  labelCarriers?: string[]
}

export async function insertShop(db: Kysely<Database>, s: NewShop) {
  return db
    .insertInto('shops')
    .values({
      slug: s.slug,
      name: s.name,
      support_email: s.supportEmail,
      default_locale: s.defaultLocale,
      timezone: s.timezone,
      currency: s.currency,
      brand_color: s.brandColor,
      portal_host: s.portalHost ?? null,
      shopify_domain: s.shopifyDomain ?? null,
      return_address: s.returnAddress ?? null,
      label_carriers: s.labelCarriers ?? [],
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}

/** The shop's return address and the carriers its return labels may come from. */
export function findReturnShipping(db: Kysely<Database>, shopId: string) {
  return db
    .selectFrom('shops')
    .select(['return_address', 'label_carriers', 'updated_at'])
    .where('id', '=', shopId)
    .executeTakeFirst()
}

export async function updateReturnShipping(
  db: Kysely<Database>,
  shopId: string,
  u: { returnAddress: ShippingAddress; labelCarriers: string[]; at: Date },
) {
  await db
    .updateTable('shops')
    .set({
      return_address: u.returnAddress,
      label_carriers: u.labelCarriers,
      updated_at: u.at,
    })
    .where('id', '=', shopId)
    .execute()
}
