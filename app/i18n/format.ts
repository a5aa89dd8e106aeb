// Dates and money formatted by Intl for the buyer's locale and time zone. Intl constructors are slow
// (tens of microseconds each) and the tracking page formats dozens of values, so a formatter (with its
// Intl instances) is built once per locale and zone and reused by every request. Formatting itself costs
// a few microseconds per value (ICU), and an order page formats the same scan times on every view, so
// each formatter also remembers its most recent answers.
import type { Locale } from './locales'

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

// Keyed by locale and zone. Zones come from cookies and addresses but are checked by validTimeZone()
// first (an invalid zone throws in the constructor), so the map holds the zones buyers really use; it
// is still bounded so that a flood of valid but different zones cannot grow it without limit.
const formatters = new Map<string, Formatter>()
const MAX_FORMATTERS = 500

/**
 * Formatted dates remembered per formatter (locale and zone): a date string is a pure function of the
 * style and the instant, so a page view of an order whose scans were shown before formats nothing.
 * Bounded, oldest first out, so the whole cache stays small (MAX_FORMATTERS × this).
 */
const MAX_REMEMBERED = 256

/** A quarter of an hour: every zone's offset is a multiple of it, so its name only changes on one. */
const QUARTER_HOUR_MS = 15 * 60 * 1000

export function createFormatter(locale: Locale, timeZone: string): Formatter {
  const key = `${locale}|${timeZone}`
  let f = formatters.get(key)
  if (!f) {
    if (formatters.size >= MAX_FORMATTERS) formatters.clear()
    f = buildFormatter(locale, timeZone)
    formatters.set(key, f)
  }
  return f
}

function buildFormatter(locale: Locale, timeZone: string): Formatter {
  // Each Intl instance is made on first use: most pages need two or three of the seven styles.
  const instances = new Map<keyof typeof STYLES | 'dayKeyEn', Intl.DateTimeFormat>()
  const dtf = (style: keyof typeof STYLES, forLocale: string = locale) => {
    const id = forLocale === locale ? style : 'dayKeyEn'
    let i = instances.get(id)
    if (!i) instances.set(id, (i = new Intl.DateTimeFormat(forLocale, { ...STYLES[style], timeZone })))
    return i
  }
  const remembered = new Map<string, string>()
  const format = (style: Exclude<keyof typeof STYLES, 'zone'>, d: Date | string) => {
    const key = `${style}|${typeof d === 'string' ? d : d.getTime()}`
    let text = remembered.get(key)
    if (text === undefined) {
      text = dtf(style, style === 'dayKey' ? 'en' : locale).format(toDate(d))
      if (remembered.size >= MAX_REMEMBERED) remembered.delete(remembered.keys().next().value!)
      remembered.set(key, text)
    }
    return text
  }
  const numbers = new Map<string, Intl.NumberFormat>()
  // A zone's short name only changes at a transition (DST), and transitions fall on a quarter hour, so
  // it is looked up once per quarter hour instead of through formatToParts on every page view.
  let zoneAt = NaN
  let zoneLabel = ''
  return {
    locale,
    timeZone,
    date: (d) => format('date', d),
    dayMonth: (d) => format('dayMonth', d),
    dateWithYear: (d) => format('dateWithYear', d),
    time: (d) => format('time', d),
    dateTime: (d) => format('dateTime', d),
    zoneName: (d) => {
      const date = toDate(d)
      const quarter = Math.floor(date.getTime() / QUARTER_HOUR_MS)
      if (quarter !== zoneAt) {
        zoneLabel =
          dtf('zone')
            .formatToParts(date)
            .find((p) => p.type === 'timeZoneName')?.value ?? timeZone
        zoneAt = quarter
      }
      return zoneLabel
    },
    money: (minor, currency) => {
      let n = numbers.get(currency)
      if (!n) numbers.set(currency, (n = new Intl.NumberFormat(locale, { style: 'currency', currency })))
      const digits = n.resolvedOptions().maximumFractionDigits ?? 2
      return n.format(minor / 10 ** digits)
    },
    // The same digits in every language, so keys compare the same whatever the buyer reads.
    dayKey: (d) => format('dayKey', d),
  }
}

const relativeFormats = new Map<Locale, Intl.RelativeTimeFormat>()

/**
 * How long until `until`, from `now`, in words: "in 12 minutes", "через 12 минут", "za 12 minut". True
 * in every time zone, unlike a clock time. Rounded up (never "in 0 minutes", and a buyer who waits what
 * it says is never early); whole hours from two hours on.
 */
export function timeUntil(locale: Locale, until: Date | string, now: Date | string): string {
  let rtf = relativeFormats.get(locale)
  if (!rtf) relativeFormats.set(locale, (rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'always' })))
  const minutes = Math.max(1, Math.ceil((toDate(until).getTime() - toDate(now).getTime()) / 60_000))
  return minutes < 120 ? rtf.format(minutes, 'minute') : rtf.format(Math.ceil(minutes / 60), 'hour')
}
