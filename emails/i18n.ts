// Email texts for a locale: `t(key, params)` fills `{name}` placeholders with values formatted by the
// caller (dates and money go through the shared Intl formatter).
import { createFormatter, type Formatter } from '#app/i18n/format'
import type { Locale } from '#app/i18n/locales'
import { en, type EmailMessageKey, type EmailMessages } from './messages/en'
import { pl } from './messages/pl'
import { ru } from './messages/ru'

const dictionaries: Record<Locale, EmailMessages> = { en, ru, pl }

export type EmailT = (key: EmailMessageKey, params?: Record<string, string | number>) => string

export function createEmailT(locale: Locale): EmailT {
  const dict = dictionaries[locale]
  return (key, params) =>
    dict[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      params && name in params ? String(params[name]) : whole,
    )
}

export interface EmailLocale {
  locale: Locale
  t: EmailT
  f: Formatter
}

export function emailLocale(locale: Locale, timeZone: string): EmailLocale {
  return { locale, t: createEmailT(locale), f: createFormatter(locale, timeZone) }
}

export type { EmailMessageKey }
