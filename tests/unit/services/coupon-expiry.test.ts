import { expect, test } from 'vitest'
import { couponExpiresAt } from '#app/services/resolutions/issuers.server'

const DAY = 86_400_000
const released = new Date('2026-12-01T10:00:00.400Z')

test('a coupon runs for the policy’s validity from its release, to the second, whenever a retry within a day runs', () => {
  for (const later of [0, 60_000, 23 * 3_600_000]) {
    const now = new Date(released.getTime() + later)
    expect(couponExpiresAt({ released_at: released }, { coupon_valid_days: 30 }, now).toISOString()).toBe(
      '2026-12-31T10:00:00.000Z',
    )
  }
})

test('tried again days after its release, a coupon runs its whole validity from now, never already expired', () => {
  const now = new Date(released.getTime() + 3 * DAY)
  const expires = couponExpiresAt({ released_at: released }, { coupon_valid_days: 1 }, now)
  expect(expires.getTime()).toBe(Math.floor((now.getTime() + DAY) / 1000) * 1000)
  expect(expires.getTime()).toBeGreaterThan(now.getTime())
})

test('without a recorded release, and with no validity set, it is a year from now', () => {
  const now = new Date('2026-12-02T08:00:00Z')
  expect(couponExpiresAt({ released_at: null }, { coupon_valid_days: null }, now).toISOString()).toBe(
    '2027-12-02T08:00:00.000Z',
  )
})
