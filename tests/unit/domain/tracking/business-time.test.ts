import fc from 'fast-check'
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

// A slow, obviously correct reference: walk the interval in 15-minute steps.
function referenceBusinessHours(from: Date, to: Date): number {
  let total = 0
  for (let t = from.getTime(); t < to.getTime(); t += 15 * 60_000) {
    const day = new Date(t).getUTCDay()
    if (day !== 0 && day !== 6) total += Math.min(15 * 60_000, to.getTime() - t)
  }
  return total / 3_600_000
}

test('business hours agree with a step-by-step count, and adding then counting gives back the hours', () => {
  const quarter = 15 * 60_000
  const base = Date.UTC(2026, 0, 1)
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 4 * 365 * 96 }),
      fc.integer({ min: 0, max: 30 * 96 }),
      (startQ, lenQ) => {
        const from = new Date(base + startQ * quarter)
        const to = new Date(from.getTime() + lenQ * quarter)
        expect(businessHoursBetween(from, to)).toBeCloseTo(referenceBusinessHours(from, to), 9)
        const hours = lenQ / 4
        const end = addBusinessHours(from, hours)
        expect(businessHoursBetween(from, end)).toBeCloseTo(hours, 9)
      },
    ),
    { numRuns: 300 },
  )
})
