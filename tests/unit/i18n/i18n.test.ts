import { describe, expect, test } from 'vitest'
import { createFormatter, timeUntil } from '#app/i18n/format'
import { pickFromAcceptLanguage, resolveLocale, validTimeZone, type Locale } from '#app/i18n/locales'
import { en } from '#app/i18n/messages/en'
import { pl } from '#app/i18n/messages/pl'
import { ru } from '#app/i18n/messages/ru'
import { createT } from '#app/i18n/t'

describe('choosing the buyer language', () => {
  test('an explicit ?lang= wins over everything', () => {
    expect(
      resolveLocale({ queryLang: 'pl', cookieLang: 'ru', acceptLanguage: 'en', shopDefault: 'en' }),
    ).toBe('pl')
  })
  test('a remembered choice wins over the browser', () => {
    expect(resolveLocale({ cookieLang: 'ru', acceptLanguage: 'pl-PL', shopDefault: 'en' })).toBe('ru')
  })
  test('the browser language is used when supported, honouring q-values', () => {
    expect(pickFromAcceptLanguage('de-DE,de;q=0.9,pl;q=0.8,en;q=0.5')).toBe('pl')
    expect(pickFromAcceptLanguage('en;q=0.2, ru-RU')).toBe('ru')
    expect(pickFromAcceptLanguage('fr, de')).toBeNull()
  })
  test('unsupported or junk values fall back to the shop default', () => {
    expect(
      resolveLocale({ queryLang: 'xx', cookieLang: '<script>', acceptLanguage: 'fr', shopDefault: 'pl' }),
    ).toBe('pl')
  })
  test('only real time zones are accepted', () => {
    expect(validTimeZone('Europe/Warsaw')).toBe('Europe/Warsaw')
    expect(validTimeZone('Mars/Olympus')).toBeNull()
    expect(validTimeZone('')).toBeNull()
  })
})

describe('messages', () => {
  test('Russian and Polish have exactly the English keys', () => {
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort())
    expect(Object.keys(pl).sort()).toEqual(Object.keys(en).sort())
  })
  test('every placeholder of an English message exists in its translations', () => {
    const placeholders = (v: unknown) => [...JSON.stringify(v).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      const want = [...new Set(placeholders(en[key]))]
      expect([...new Set(placeholders(ru[key]))], `ru ${key}`).toEqual(want)
      expect([...new Set(placeholders(pl[key]))], `pl ${key}`).toEqual(want)
    }
  })
  test('plurals follow each language’s rules', () => {
    expect(createT('en')('order.parcels', { count: 1 })).toBe('1 parcel')
    expect(createT('en')('order.parcels', { count: 2 })).toBe('2 parcels')
    expect(createT('ru')('order.parcels', { count: 1 })).toBe('1 посылка')
    expect(createT('ru')('order.parcels', { count: 3 })).toBe('3 посылки')
    expect(createT('ru')('order.parcels', { count: 5 })).toBe('5 посылок')
    expect(createT('ru')('order.parcels', { count: 21 })).toBe('21 посылка')
    expect(createT('pl')('order.parcels', { count: 1 })).toBe('1 paczka')
    expect(createT('pl')('order.parcels', { count: 4 })).toBe('4 paczki')
    expect(createT('pl')('order.parcels', { count: 5 })).toBe('5 paczek')
  })
  test('placeholders are filled and unknown ones are left visible', () => {
    expect(createT('en')('order.heading', { number: '#1001' })).toBe('Order #1001')
    expect(createT('en')('order.heading')).toBe('Order {number}')
  })
})

describe('formatting for the buyer', () => {
  test('money is shown in the currency’s own minor units and the locale’s style', () => {
    expect(createFormatter('en', 'UTC').money(12999, 'USD')).toBe('$129.99')
    expect(createFormatter('pl', 'UTC').money(12999, 'PLN').replace(/\s/g, ' ')).toBe('129,99 zł')
    expect(createFormatter('en', 'UTC').money(1500, 'JPY')).toBe('¥1,500')
  })
  test('dates are shown in the buyer’s time zone', () => {
    const late = '2026-03-05T23:30:00Z'
    expect(createFormatter('en', 'UTC').dayMonth(late)).toBe('March 5')
    expect(createFormatter('en', 'Europe/Warsaw').dayMonth(late)).toBe('March 6')
    expect(createFormatter('ru', 'Europe/Moscow').dayMonth(late)).toBe('6 марта')
    expect(createFormatter('pl', 'Europe/Warsaw').dayMonth(late)).toBe('6 marca')
  })
})

describe('how long until a moment, in words (the 429 page on /track)', () => {
  const now = new Date('2026-03-05T12:00:00Z')
  const later = (ms: number) => new Date(now.getTime() + ms)

  test.each<[Locale, number, string]>([
    ['en', 12 * 60_000, 'in 12 minutes'],
    ['en', 60_000, 'in 1 minute'],
    ['ru', 12 * 60_000, 'через 12 минут'],
    ['ru', 60_000, 'через 1 минуту'],
    ['ru', 3 * 60_000, 'через 3 минуты'],
    ['pl', 12 * 60_000, 'za 12 minut'],
    ['pl', 60_000, 'za 1 minutę'],
    ['pl', 3 * 60_000, 'za 3 minuty'],
  ])('%s, %i ms: %s', (locale, ms, text) => {
    expect(timeUntil(locale, later(ms), now)).toBe(text)
  })

  test('rounds up, so a buyer who waits what it says is never early, and never says zero', () => {
    expect(timeUntil('en', later(11 * 60_000 + 1), now)).toBe('in 12 minutes')
    expect(timeUntil('en', later(500), now)).toBe('in 1 minute')
    expect(timeUntil('en', now, now)).toBe('in 1 minute')
    expect(timeUntil('en', later(-5_000), now)).toBe('in 1 minute')
  })

  test('whole hours from two hours on; ISO strings work like dates', () => {
    expect(timeUntil('en', later(119 * 60_000), now)).toBe('in 119 minutes')
    expect(timeUntil('en', later(150 * 60_000).toISOString(), now.toISOString())).toBe('in 3 hours')
    expect(timeUntil('ru', later(5 * 3_600_000), now)).toBe('через 5 часов')
    expect(timeUntil('pl', later(2 * 3_600_000), now)).toBe('za 2 godziny')
  })
})
