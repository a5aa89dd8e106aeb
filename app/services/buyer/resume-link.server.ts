// A link that brings the buyer back to an unfinished wizard after the lookup's short-lived access has
// expired: it carries an order token with the lifetime of the links in our emails.
import { getEnv } from '#app/env.server'
import { EMAIL_TOKEN_TTL_MS, createBuyerToken } from './access-token.server'

export function resumeLink(input: {
  shopId: string
  orderId: string
  now: Date
  path: 'return' | 'problem'
}): string {
  const token = createBuyerToken(
    { shopId: input.shopId, orderId: input.orderId },
    input.now,
    EMAIL_TOKEN_TTL_MS,
  )
  const base = getEnv().PUBLIC_URL?.replace(/\/$/, '') ?? ''
  return `${base}/track/${token}/${input.path}`
}
