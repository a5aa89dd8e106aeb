// A buyer's mail preferences, reached through the signed link in every delivery update. Only delivery
// updates can be turned off; emails about a request the buyer made (cases, money) always go.
import { db } from '#db/client'
import { findBuyerPreferences, upsertBuyerPreferences } from '#db/queries/buyer-preferences'
import { findShopById } from '#db/queries/shops'
import { isLocale, type Locale } from '#app/i18n/locales'
import { verifyPreferencesToken } from '#app/services/buyer/preferences-token.server'

export async function setDeliveryUpdates(input: {
  shopId: string
  email: string
  deliveryUpdates: boolean
  now: Date
}) {
  await upsertBuyerPreferences(db, {
    shopId: input.shopId,
    email: input.email.trim().toLowerCase(),
    deliveryUpdates: input.deliveryUpdates,
    at: input.now,
  })
}

export interface PreferencesView {
  shop: { name: string; brandColor: string; defaultLocale: Locale }
  email: string
  deliveryUpdates: boolean
}

/** The preferences behind a link, or null when the link is not genuine (or its shop is gone). */
export async function getPreferences(input: { token: string }): Promise<PreferencesView | null> {
  const access = verifyPreferencesToken(input.token)
  if (!access) return null
  const shop = await findShopById(db, access.shopId)
  if (!shop) return null
  const prefs = await findBuyerPreferences(db, shop.id, access.email)
  return {
    shop: {
      name: shop.name,
      brandColor: shop.brand_color,
      defaultLocale: isLocale(shop.default_locale) ? shop.default_locale : 'en',
    },
    email: access.email,
    deliveryUpdates: prefs?.delivery_updates ?? true,
  }
}

/** Saves the switch for the buyer the link names. Returns false when the link is not genuine. */
export async function savePreferences(input: {
  token: string
  deliveryUpdates: boolean
  now: Date
}): Promise<boolean> {
  const access = verifyPreferencesToken(input.token)
  if (!access) return false
  if (!(await findShopById(db, access.shopId))) return false
  await setDeliveryUpdates({ ...access, deliveryUpdates: input.deliveryUpdates, now: input.now })
  return true
}
