// Buyer access to an order page: the token must be genuine, unexpired, and for the shop this request is
// served for. A token for another shop is treated exactly like a forged one.
import { redirect } from '@remix-run/node'
import type { ShopContext } from '#app/services/shops/resolve-shop.server'
import { validTimeZone } from '#app/i18n/locales'
import { TZ_COOKIE, getBuyerContext, readCookie } from './buyer-context.server'
import { flashBuyer } from './buyer-session.server'
import { verifyBuyerToken } from './access-token.server'
import { getOrderTracking, type OrderTrackingView } from './get-order-tracking.server'

/** The order page for a buyer token, or null when the token does not grant this shop's order. */
export async function getBuyerOrderPage(input: {
  shop: ShopContext
  token: string
  now: Date
  timeZoneHint: string | null
}): Promise<OrderTrackingView | null> {
  const access = buyerOrderAccess(input.shop, input.token, input.now)
  if (!access) return null
  return getOrderTracking({
    ...access,
    now: input.now,
    timeZoneHint: input.timeZoneHint,
  })
}

/** The order a buyer token grants in this shop, or null for a forged, expired or other-shop token. */
export function buyerOrderAccess(
  shop: ShopContext,
  token: string,
  now: Date,
): { shopId: string; orderId: string } | null {
  const check = verifyBuyerToken(token, now)
  if (!check.ok || check.access.shopId !== shop.id) return null
  return { shopId: check.access.shopId, orderId: check.access.orderId }
}

/**
 * The shop, language and order of a buyer page, or a redirect to /track with the "link expired" message
 * when the token does not grant an order of this shop.
 */
export async function requireBuyerOrder(request: Request, token: string, now = new Date()) {
  const ctx = await getBuyerContext(request)
  const access = buyerOrderAccess(ctx.shop, token, now)
  if (!access) {
    throw redirect(`/track?lang=${ctx.locale}`, {
      headers: { 'Set-Cookie': await flashBuyer(request, 'badToken') },
    })
  }
  // The buyer's own zone when the browser told us (cookie), else the shop's.
  const timeZone = validTimeZone(readCookie(request, TZ_COOKIE)) ?? ctx.shop.timezone
  return { ...ctx, ...access, timeZone }
}
