// The translate function: `t('order.heading', { number: '#1001' })`. Plural entries use `count`.
import { en, type MessageKey, type Messages } from './messages/en'
import { pl } from './messages/pl'
import { ru } from './messages/ru'
import type { Locale } from './locales'

const dictionaries: Record<Locale, Messages> = { en, ru, pl }
const pluralRules = new Map<Locale, Intl.PluralRules>()

export type TFunction = (key: MessageKey, params?: Record<string, string | number>) => string

// A message split once into literal text and placeholder names: [text, name, text, name, text…].
const compiled = new Map<string, string[]>()
function parts(text: string): string[] {
  let p = compiled.get(text)
  if (!p) compiled.set(text, (p = text.split(/\{(\w+)\}/)))
  return p
}

export function createT(locale: Locale): TFunction {
  const dict = dictionaries[locale]
  let rules = pluralRules.get(locale)
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)))
  return (key, params) => {
    const entry = dict[key] as string | Record<string, string>
    let text: string
    if (typeof entry === 'string') {
      text = entry
    } else {
      const count = Number(params?.count ?? 0)
      const form = rules!.select(count)
      text = entry[form] ?? entry.other!
    }
    if (!params) return text
    const p = parts(text)
    let out = p[0]!
    for (let i = 1; i < p.length; i += 2) {
      const name = p[i]!
      out += (name in params ? String(params[name]) : `{${name}}`) + p[i + 1]!
    }
    return out
  }
}

/** Whether a key exists (for keys built from data, such as timeline event types). */
export function hasMessage(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key)
}

export type { MessageKey }
