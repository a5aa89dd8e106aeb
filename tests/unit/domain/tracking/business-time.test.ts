import { expect, test } from 'vitest'
import { addBusinessDays, addBusinessHours, businessHoursBetween } from '#app/domain/tracking/business-time'

const at = (iso: string) => new Date(iso)

test('weekdays count in full, weekends not at all', () => {
  // Friday 12:00 → Monday 12:00 = 12 h of Friday + 12 h of Monday.
  expect(businessHoursBetween(at('2026-03-06T12:00:00Z'), at('2026-03-09T12:00:00Z'))).toBe(24)
  expect(businessHoursBetween(at('2026-03-07T00:00:00Z'), at('2026-03-09T00:00:00Z'))).toBe(0)
})

test('a backwards interval counts as nothing', () => {
  expect(businessHoursBetween(at('2026-03-09T12:00:00Z'), at('2026-03-06T12:00:00Z'))).toBe(0)
})

test('adding business time skips weekends and inverts the count', () => {
  const from = at('2026-03-06T12:00:00Z')
  const to = addBusinessHours(from, 24)
  expect(to).toEqual(at('2026-03-09T12:00:00Z'))
  expect(businessHoursBetween(from, to)).toBe(24)
  expect(addBusinessDays(at('2026-03-02T10:00:00Z'), 10)).toEqual(at('2026-03-16T10:00:00Z'))
})

test('adding from a Saturday starts counting on Monday', () => {
  expect(addBusinessHours(at('2026-03-07T15:00:00Z'), 2)).toEqual(at('2026-03-09T02:00:00Z'))
})
