import { timingSafeEqual } from 'node:crypto'
import { db } from '#db/client'
import { findOrderForLookup } from '#db/queries/orders'
import { checkRateLimit, recordFailure, type LimitRule } from '#app/services/security/rate-limit.server'
import { createBuyerToken } from './access-token.server'
import type { LookupForm } from './lookup.schema'

export const LOOKUP_LIMIT: LimitRule = { bucket: 'order-lookup', limit: 10, windowMs: 15 * 60_000 }

export type LookupResult =
  | { ok: true; token: string }
  | { ok: false; code: 'not_found' }
  | { ok: false; code: 'rate_limited'; retryAt: Date }

function same(a: string, b: string) {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/**
 * Finds an order by number plus email or postal code and grants access to it. Every mismatch is the same
 * `not_found` (no hint whether the order exists). After LOOKUP_LIMIT failures per client IP or per order
 * number within the window, every attempt is refused until the window frees up.
 */
export async function lookupOrder(
  input: LookupForm & { shopId: string; clientIp: string; now: Date },
): Promise<LookupResult> {
  const keys = [`ip:${input.clientIp}`, `order:${input.orderNumber}`]
  const limit = await checkRateLimit(LOOKUP_LIMIT, { shopId: input.shopId, keys, now: input.now })
  if (limit.limited) return { ok: false, code: 'rate_limited', retryAt: limit.retryAt }

  const order = await findOrderForLookup(db, input.shopId, input.orderNumber)
  const matches =
    order !== undefined &&
    (input.email === undefined || same(order.email, input.email)) &&
    (input.postalCode === undefined || same(order.postal_code_normalized, input.postalCode))
  if (!order || !matches) {
    await recordFailure(LOOKUP_LIMIT, { shopId: input.shopId, keys, now: input.now })
    return { ok: false, code: 'not_found' }
  }
  return { ok: true, token: createBuyerToken({ shopId: input.shopId, orderId: order.id }, input.now) }
}
