// Buyer access to an order page: the token must be genuine, unexpired, and for the shop this request is
// served for. A token for another shop is treated exactly like a forged one.
import type { ShopContext } from '#app/services/shops/resolve-shop.server'
import { verifyBuyerToken } from './access-token.server'
import { getOrderTracking, type OrderTrackingView } from './get-order-tracking.server'

/** The order page for a buyer token, or null when the token does not grant this shop's order. */
export async function getBuyerOrderPage(input: {
  shop: ShopContext
  token: string
  now: Date
  timeZoneHint: string | null
}): Promise<OrderTrackingView | null> {
  const check = verifyBuyerToken(input.token, input.now)
  if (!check.ok || check.access.shopId !== input.shop.id) return null
  return getOrderTracking({
    shopId: check.access.shopId,
    orderId: check.access.orderId,
    now: input.now,
    timeZoneHint: input.timeZoneHint,
  })
}
