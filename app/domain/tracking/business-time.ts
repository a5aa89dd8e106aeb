// Business time: carriers do not scan on weekends, so "no scan for 2 days" over a weekend is normal.
// These helpers count and add time on Monday–Friday only (in UTC, which is where carriers stamp scans
// for our purposes; a parcel's day boundaries do not change a multi-day threshold).
// Integer arithmetic on epoch days (1970-01-01 was a Thursday): these run for every parcel on every
// page view and every poll, so they allocate nothing.

const HOUR = 3_600_000
const DAY = 24 * HOUR

function isWeekendDay(epochDay: number): boolean {
  const weekday = (((epochDay + 4) % 7) + 7) % 7 // 0 = Sunday
  return weekday === 0 || weekday === 6
}

/** Hours between `from` and `to` that fall on Monday–Friday (0 when `to` is not after `from`). */
export function businessHoursBetween(from: Date, to: Date): number {
  const start = from.getTime()
  const end = to.getTime()
  if (end <= start) return 0
  let total = 0
  for (let day = Math.floor(start / DAY), last = Math.floor(end / DAY); day <= last; day++) {
    if (isWeekendDay(day)) continue
    total += Math.min(end, (day + 1) * DAY) - Math.max(start, day * DAY)
  }
  return total / HOUR
}

/** The moment `hours` business hours after `from`; weekends are skipped. */
export function addBusinessHours(from: Date, hours: number): Date {
  let at = from.getTime()
  let remaining = hours * HOUR
  while (remaining > 0) {
    const day = Math.floor(at / DAY)
    if (isWeekendDay(day)) {
      at = (day + 1) * DAY
      continue
    }
    const step = Math.min((day + 1) * DAY - at, remaining)
    at += step
    remaining -= step
  }
  return new Date(at)
}

export function addBusinessDays(from: Date, days: number): Date {
  return addBusinessHours(from, days * 24)
}
