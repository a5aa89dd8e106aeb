// Dates and money formatted by Intl for the buyer's locale and time zone. Intl constructors are slow
// (tens of microseconds each) and the tracking page formats dozens of values, so formatters are cached.
import type { Locale } from './locales'

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>()

function dtf(locale: string, timeZone: string, style: keyof typeof STYLES): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${style}`
  let f = cache.get(key) as Intl.DateTimeFormat | undefined
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...STYLES[style], timeZone })
    cache.set(key, f)
  }
  return f
}

const STYLES = {
  date: { weekday: 'short', day: 'numeric', month: 'long' },
  dayMonth: { day: 'numeric', month: 'long' },
  dateWithYear: { day: 'numeric', month: 'long', year: 'numeric' },
  time: { hour: 'numeric', minute: '2-digit' },
  dateTime: { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' },
  zone: { timeZoneName: 'short' },
  dayKey: { year: 'numeric', month: '2-digit', day: '2-digit' },
} satisfies Record<string, Intl.DateTimeFormatOptions>

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
    date: (d) => dtf(locale, timeZone, 'date').format(toDate(d)),
    dayMonth: (d) => dtf(locale, timeZone, 'dayMonth').format(toDate(d)),
    dateWithYear: (d) => dtf(locale, timeZone, 'dateWithYear').format(toDate(d)),
    time: (d) => dtf(locale, timeZone, 'time').format(toDate(d)),
    dateTime: (d) => dtf(locale, timeZone, 'dateTime').format(toDate(d)),
    zoneName: (d) =>
      dtf(locale, timeZone, 'zone')
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
    dayKey: (d) => dtf('en', timeZone, 'dayKey').format(toDate(d)),
  }
}
