// The link to a buyer's mail preferences, carried by every delivery update (and its List-Unsubscribe
// header): HMAC-SHA256 over shop and email with a key derived from SESSION_SECRET for this purpose only.
// It does not expire, because an unsubscribe link must keep working in an old email; it grants nothing
// but that buyer's delivery-update switch.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { getEnv } from '#app/env.server'

let derived: { secret: string; key: Buffer } | undefined

function key(): Buffer {
  const secret = getEnv().SESSION_SECRET
  if (!secret) throw new Error('SESSION_SECRET is not set')
  if (derived?.secret !== secret) {
    derived = { secret, key: createHmac('sha256', secret).update('homebound:mail-preferences:v1').digest() }
  }
  return derived.key
}

const sign = (payload: string) => createHmac('sha256', key()).update(payload).digest('base64url')

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export function createPreferencesToken(p: { shopId: string; email: string }): string {
  const payload = Buffer.from(`${p.shopId}.${p.email.toLowerCase()}`).toString('base64url')
  return `${payload}.${sign(payload)}`
}

export function verifyPreferencesToken(token: string): { shopId: string; email: string } | null {
  if (token.length > 600) return null
  const parts = token.split('.')
  if (parts.length !== 2 || !parts[0] || !parts[1]) return null
  const [payload, signature] = parts as [string, string]
  const expected = Buffer.from(sign(payload))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
  const decoded = Buffer.from(payload, 'base64url').toString('utf8')
  const dot = decoded.indexOf('.')
  const shopId = decoded.slice(0, dot)
  const email = decoded.slice(dot + 1)
  if (dot < 0 || !UUID.test(shopId) || !email.includes('@')) return null
  return { shopId, email }
}
