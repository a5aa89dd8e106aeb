// Buyer access to one order: a signed, expiring token (HMAC-SHA256 over shop, order and expiry). It is
// what the lookup form grants and what links in emails carry; nothing about the order is readable from it
// beyond ids, and changing any character breaks the signature.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { getEnv } from '#app/env.server'

export const LOOKUP_TOKEN_TTL_MS = 24 * 3_600_000
export const EMAIL_TOKEN_TTL_MS = 60 * 24 * 3_600_000

export interface BuyerAccess {
  shopId: string
  orderId: string
  expiresAt: Date
}

let derived: { secret: string; key: Buffer } | undefined

/**
 * Tokens whose signature was checked, with what they grant: every view of an order page carries the same
 * token, and checking its HMAC again each time was a measurable part of the page. Only good signatures
 * are kept (so forged tokens cannot fill it), the expiry is still compared on every use, and the map is
 * emptied when the secret changes or it reaches its bound.
 */
const verified = new Map<string, BuyerAccess>()
const MAX_VERIFIED = 10_000

function key(): Buffer {
  const secret = getEnv().SESSION_SECRET
  if (!secret) throw new Error('SESSION_SECRET is not set')
  // A derived key, so the buyer token and the session cookie never share a raw key.
  if (derived?.secret !== secret) {
    derived = { secret, key: createHmac('sha256', secret).update('homebound:buyer-access:v1').digest() }
    verified.clear()
  }
  return derived.key
}

function sign(payload: string): string {
  return createHmac('sha256', key()).update(payload).digest('base64url')
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export function createBuyerToken(
  access: { shopId: string; orderId: string },
  now: Date,
  ttlMs = LOOKUP_TOKEN_TTL_MS,
): string {
  const exp = Math.floor((now.getTime() + ttlMs) / 1000)
  const payload = Buffer.from(`${access.shopId}.${access.orderId}.${exp}`).toString('base64url')
  return `${payload}.${sign(payload)}`
}

export type TokenCheck =
  { ok: true; access: BuyerAccess } | { ok: false; reason: 'malformed' | 'tampered' | 'expired' }

export function verifyBuyerToken(token: string, now: Date): TokenCheck {
  key() // notices a changed secret before the cache is trusted
  const known = verified.get(token)
  if (known) {
    return known.expiresAt.getTime() <= now.getTime()
      ? { ok: false, reason: 'expired' }
      : { ok: true, access: { ...known } }
  }
  const check = checkBuyerToken(token, now)
  if (check.ok) {
    if (verified.size >= MAX_VERIFIED) verified.clear()
    verified.set(token, { ...check.access })
  }
  return check
}

function checkBuyerToken(token: string, now: Date): TokenCheck {
  if (token.length > 400) return { ok: false, reason: 'malformed' }
  const parts = token.split('.')
  if (parts.length !== 2 || !parts[0] || !parts[1]) return { ok: false, reason: 'malformed' }
  const [payload, signature] = parts as [string, string]
  const expected = Buffer.from(sign(payload))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: 'tampered' }
  const [shopId, orderId, exp] = Buffer.from(payload, 'base64url').toString('utf8').split('.')
  if (!shopId || !orderId || !exp || !UUID.test(shopId) || !UUID.test(orderId) || !/^\d+$/.test(exp)) {
    return { ok: false, reason: 'malformed' }
  }
  const expiresAt = new Date(Number(exp) * 1000)
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' }
  return { ok: true, access: { shopId, orderId, expiresAt } }
}
