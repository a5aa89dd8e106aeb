import { expect, test } from 'vitest'
import { resetEnvCache } from '#app/env.server'
import { createBuyerToken, verifyBuyerToken } from '#app/services/buyer/access-token.server'
import { normalizePostalCode, parseOrderNumber } from '#app/domain/orders/order-number'

const access = {
  shopId: '6f1c3b1e-8a59-4a4e-9a0c-0d6b2f1f3a11',
  orderId: '0b7f0c9e-2d4f-4a3b-8f6a-3c2e1d0f9b88',
}
const now = new Date('2026-03-04T12:00:00Z')

test('a fresh token grants access to exactly its shop and order', () => {
  const check = verifyBuyerToken(createBuyerToken(access, now), now)
  expect(check).toMatchObject({ ok: true, access })
})

test('a token stops working when it expires', () => {
  const token = createBuyerToken(access, now, 60_000)
  expect(verifyBuyerToken(token, new Date(now.getTime() + 59_000)).ok).toBe(true)
  expect(verifyBuyerToken(token, new Date(now.getTime() + 61_000))).toEqual({ ok: false, reason: 'expired' })
})

test('changing any character of a token breaks it', () => {
  const token = createBuyerToken(access, now)
  for (const i of [0, 10, token.indexOf('.') - 1, token.indexOf('.') + 1, token.length - 1]) {
    const c = token[i] === 'A' ? 'B' : 'A'
    const tampered = token.slice(0, i) + c + token.slice(i + 1)
    expect(verifyBuyerToken(tampered, now).ok, `position ${i}`).toBe(false)
  }
})

test('a token seen before is still refused once expired, and its tampered twin is refused', () => {
  const token = createBuyerToken(access, now, 60_000)
  expect(verifyBuyerToken(token, now).ok).toBe(true)
  expect(verifyBuyerToken(token, now)).toMatchObject({ ok: true, access })
  expect(verifyBuyerToken(token, new Date(now.getTime() + 61_000))).toEqual({ ok: false, reason: 'expired' })
  const tampered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A')
  expect(verifyBuyerToken(tampered, now).ok).toBe(false)
})

test('a new secret ends every token signed with the old one, even those already checked', () => {
  const before = process.env.SESSION_SECRET
  const token = createBuyerToken(access, now)
  expect(verifyBuyerToken(token, now).ok).toBe(true)
  try {
    process.env.SESSION_SECRET = 'another-session-secret-that-is-32-chars-long'
    resetEnvCache()
    expect(verifyBuyerToken(token, now)).toEqual({ ok: false, reason: 'tampered' })
  } finally {
    process.env.SESSION_SECRET = before
    resetEnvCache()
  }
  expect(verifyBuyerToken(token, now).ok).toBe(true)
})

test('garbage is rejected as malformed, never thrown', () => {
  for (const junk of ['', 'abc', 'a.b.c', '.', 'x'.repeat(1000), '%%%.%%%']) {
    expect(verifyBuyerToken(junk, now).ok).toBe(false)
  }
})

test('order numbers are read the way buyers type them', () => {
  expect(parseOrderNumber('#1001')).toBe(1001)
  expect(parseOrderNumber(' 1001 ')).toBe(1001)
  expect(parseOrderNumber('# 1001')).toBe(1001)
  for (const bad of ['', '#', 'abc', '10.01', '-5', '0', '1234567890', '1001; drop table orders']) {
    expect(parseOrderNumber(bad), bad).toBeNull()
  }
})

test('postal codes compare without spaces, dashes or case', () => {
  expect(normalizePostalCode('sw1a 2bd')).toBe('SW1A2BD')
  expect(normalizePostalCode('00-950')).toBe('00950')
})
