// Buyer languages. The language comes from an explicit choice (?lang=, remembered in a cookie), then the
// browser's Accept-Language, then the shop's default.

export const LOCALES = ['en', 'ru', 'pl'] as const
export type Locale = (typeof LOCALES)[number]

export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', ru: 'Русский', pl: 'Polski' }

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v)
}

/** Best supported language from an Accept-Language header, honouring q-values; null when none fits. */
export function pickFromAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null
  const ranked = header
    .split(',')
    .slice(0, 20)
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';')
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean)
      return { lang: tag.toLowerCase().split('-')[0] ?? '', q: q ? Number(q) : 1, i }
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
  return ranked.map((x) => x.lang).find(isLocale) ?? null
}

export function resolveLocale(input: {
  queryLang?: string | null
  cookieLang?: string | null
  acceptLanguage?: string | null
  shopDefault: Locale
}): Locale {
  if (isLocale(input.queryLang)) return input.queryLang
  if (isLocale(input.cookieLang)) return input.cookieLang
  return pickFromAcceptLanguage(input.acceptLanguage) ?? input.shopDefault
}

const zoneCheck = new Map<string, boolean>()

/** A time zone name the runtime knows, else null. (Checked once per name: the check builds a formatter.) */
export function validTimeZone(tz: string | null | undefined): string | null {
  if (!tz || tz.length > 64) return null
  let ok = zoneCheck.get(tz)
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz })
      ok = true
    } catch {
      ok = false
    }
    // Bounded: names come from cookies, so junk must not grow the map without limit.
    if (zoneCheck.size < 1000) zoneCheck.set(tz, ok)
  }
  return ok ? tz : null
}
