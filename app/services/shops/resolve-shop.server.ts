// Which shop a request is for. The portal can serve several shops: a shop is found by the host it is
// served on (its custom portal host or Shopify domain), else DEFAULT_SHOP, else the first shop of a
// single-shop install. Shops change rarely, so answers are cached briefly per host to keep the hot
// buyer pages at one database round trip.
import { db } from '#db/client'
import * as shops from '#db/queries/shops'
import { getEnv } from '#app/env.server'
import type { Locale } from '#app/i18n/locales'

export interface ShopContext {
  id: string
  slug: string
  name: string
  defaultLocale: Locale
  timezone: string
  currency: string
  supportEmail: string | null
  brandColor: string
}

const TTL_MS = 30_000
const cache = new Map<string, { shop: ShopContext; expires: number }>()

function toContext(row: shops.ShopRow): ShopContext {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    defaultLocale: row.default_locale as Locale,
    timezone: row.timezone,
    currency: row.currency,
    supportEmail: row.support_email,
    brandColor: row.brand_color,
  }
}

export class NoShopError extends Error {
  constructor() {
    super('No shop is set up yet: run the seed or connect a Shopify store.')
  }
}

export async function resolveShop(request: Request): Promise<ShopContext> {
  const host = new URL(request.url).hostname.toLowerCase()
  const hit = cache.get(host)
  const now = Date.now()
  if (hit && hit.expires > now) return hit.shop
  const defaultSlug = getEnv().DEFAULT_SHOP
  const row =
    (await shops.findShopByHost(db, host)) ??
    (defaultSlug ? await shops.findShopBySlug(db, defaultSlug) : undefined) ??
    (await shops.findFirstShop(db))
  if (!row) throw new NoShopError()
  const shop = toContext(row)
  cache.set(host, { shop, expires: now + TTL_MS })
  return shop
}

/** Forget cached shops (after a shop's settings change, and between tests). */
export function clearShopCache() {
  cache.clear()
}
