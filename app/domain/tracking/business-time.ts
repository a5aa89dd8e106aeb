// Business time: carriers do not scan on weekends, so "no scan for 2 days" over a weekend is normal.
// These helpers count and add time on Monday–Friday only (in UTC, which is where carriers stamp scans
// for our purposes; a parcel's day boundaries do not change a multi-day threshold).

const HOUR = 3_600_000
const DAY = 24 * HOUR

function isWeekend(d: Date) {
  const day = d.getUTCDay()
  return day === 0 || day === 6
}

function startOfUtcDay(ms: number) {
  const d = new Date(ms)
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())
}

/** Hours between `from` and `to` that fall on Monday–Friday (0 when `to` is not after `from`). */
export function businessHoursBetween(from: Date, to: Date): number {
  let start = from.getTime()
  const end = to.getTime()
  if (end <= start) return 0
  let total = 0
  while (start < end) {
    const dayEnd = startOfUtcDay(start) + DAY
    const sliceEnd = Math.min(dayEnd, end)
    if (!isWeekend(new Date(start))) total += sliceEnd - start
    start = sliceEnd
  }
  return total / HOUR
}

/** The moment `hours` business hours after `from`; weekends are skipped. */
export function addBusinessHours(from: Date, hours: number): Date {
  let at = from.getTime()
  let remaining = hours * HOUR
  while (remaining > 0) {
    if (isWeekend(new Date(at))) {
      at = startOfUtcDay(at) + DAY
      continue
    }
    const dayEnd = startOfUtcDay(at) + DAY
    const step = Math.min(dayEnd - at, remaining)
    at += step
    remaining -= step
  }
  return new Date(at)
}

export function addBusinessDays(from: Date, days: number): Date {
  return addBusinessHours(from, days * 24)
}
