// Dates and money formatted by Intl for the buyer's locale and time zone. Intl constructors are slow
// (tens of microseconds each) and the tracking page formats dozens of values, so formatters are cached.
import type { Locale } from './locales'

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>()

function dtf(locale: Locale, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${timeZone}|${JSON.stringify(options)}`
  let f = cache.get(key) as Intl.DateTimeFormat | undefined
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone })
    cache.set(key, f)
  }
  return f
}

const DATE: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'long' }
const DAY_MONTH: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long' }
const DATE_YEAR: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' }
const TIME: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' }
const DATETIME: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' }
const ZONE: Intl.DateTimeFormatOptions = { timeZoneName: 'short' }

export interface Formatter {
  locale: Locale
  timeZone: string
  /** "Thu, 5 March" — for delivery dates. */
  date(d: Date | string): string
  /** "5 March" — inside sentences and headings. */
  dayMonth(d: Date | string): string
  /** "5 March 2026" — for dates that may be in another year. */
  dateWithYear(d: Date | string): string
  time(d: Date | string): string
  dateTime(d: Date | string): string
  /** The zone's short name at a moment, e.g. "CET" or "GMT+3". */
  zoneName(d: Date | string): string
  money(minor: number, currency: string): string
  /** Day key in the buyer's zone, for grouping the timeline by day. */
  dayKey(d: Date | string): string
}

const toDate = (d: Date | string) => (typeof d === 'string' ? new Date(d) : d)

export function createFormatter(locale: Locale, timeZone: string): Formatter {
  return {
    locale,
    timeZone,
    date: (d) => dtf(locale, timeZone, DATE).format(toDate(d)),
    dayMonth: (d) => dtf(locale, timeZone, DAY_MONTH).format(toDate(d)),
    dateWithYear: (d) => dtf(locale, timeZone, DATE_YEAR).format(toDate(d)),
    time: (d) => dtf(locale, timeZone, TIME).format(toDate(d)),
    dateTime: (d) => dtf(locale, timeZone, DATETIME).format(toDate(d)),
    zoneName: (d) =>
      dtf(locale, timeZone, ZONE)
        .formatToParts(toDate(d))
        .find((p) => p.type === 'timeZoneName')?.value ?? timeZone,
    money: (minor, currency) => {
      const key = `n|${locale}|${currency}`
      let f = cache.get(key) as Intl.NumberFormat | undefined
      if (!f) {
        f = new Intl.NumberFormat(locale, { style: 'currency', currency })
        cache.set(key, f)
      }
      const digits = f.resolvedOptions().maximumFractionDigits ?? 2
      return f.format(minor / 10 ** digits)
    },
    dayKey: (d) => dtf('en', timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(toDate(d)),
  }
}
