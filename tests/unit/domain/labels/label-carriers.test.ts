import { describe, expect, test } from 'vitest'
import {
  chooseCheapestRate,
  decimalToMinor,
  isRateAllowed,
  parseAllowedCarriers,
  readAllowedCarriersInput,
  type RateQuote,
} from '#app/domain/labels/label-carriers'

const rate = (
  carrier: RateQuote['carrier'],
  service: string,
  amountMinor: number,
  days?: number,
): RateQuote => ({
  carrier,
  service,
  amountMinor,
  currency: 'USD',
  deliveryDays: days ?? null,
})

describe('allowed carriers', () => {
  test('entries are a carrier code, optionally with one service; anything else is left out', () => {
    expect(
      parseAllowedCarriers([
        'ups',
        'usps:GroundAdvantage',
        'nope',
        'UPS',
        'fedex:',
        'dhl_express:Express Worldwide',
      ]),
    ).toEqual([
      { carrier: 'ups', service: null },
      { carrier: 'usps', service: 'GroundAdvantage' },
      { carrier: 'dhl_express', service: 'Express Worldwide' },
    ])
  })

  test('what a merchant types is read line by line or comma by comma, deduplicated, with the bad entries named', () => {
    expect(readAllowedCarriersInput('UPS, usps:Priority\nusps:Priority\n\nposta, royal_mail')).toEqual({
      entries: ['ups', 'usps:Priority', 'royal_mail'],
      invalid: ['posta'],
    })
    expect(readAllowedCarriersInput('   ')).toEqual({ entries: [], invalid: [] })
  })

  test('a service matches without case, spaces or underscores; an empty list allows everything', () => {
    const allowed = parseAllowedCarriers(['usps:ground_advantage', 'ups'])
    expect(isRateAllowed(rate('usps', 'GroundAdvantage', 1), allowed)).toBe(true)
    expect(isRateAllowed(rate('usps', 'Priority', 1), allowed)).toBe(false)
    expect(isRateAllowed(rate('ups', 'NextDayAir', 1), allowed)).toBe(true)
    expect(isRateAllowed(rate('fedex', 'Ground', 1), allowed)).toBe(false)
    expect(isRateAllowed(rate('fedex', 'Ground', 1), [])).toBe(true)
  })
})

describe('the cheapest allowed rate', () => {
  const rates = [
    rate('usps', 'Priority', 747, 2),
    rate('usps', 'GroundAdvantage', 892, 5),
    rate('ups', 'Ground', 1012, 3),
    rate('fedex', 'Ground', 655, 4),
    rate('ups', '2ndDayAir', 655, 2),
  ]

  test('is the lowest price among the allowed carriers and services; a tie goes to the faster one', () => {
    expect(chooseCheapestRate(rates, [])).toMatchObject({ carrier: 'ups', service: '2ndDayAir' })
    expect(chooseCheapestRate(rates, parseAllowedCarriers(['usps']))).toMatchObject({ service: 'Priority' })
    expect(
      chooseCheapestRate(rates, parseAllowedCarriers(['usps:GroundAdvantage', 'ups:Ground'])),
    ).toMatchObject({
      carrier: 'usps',
      service: 'GroundAdvantage',
    })
  })

  test('is null when no allowed carrier offers a rate', () => {
    expect(chooseCheapestRate(rates, parseAllowedCarriers(['royal_mail']))).toBeNull()
    expect(chooseCheapestRate([], [])).toBeNull()
  })

  test('compares only amounts in one currency', () => {
    const mixed = [rate('usps', 'Priority', 900), { ...rate('ups', 'Ground', 100), currency: 'JPY' }]
    expect(chooseCheapestRate(mixed, [])).toMatchObject({ carrier: 'usps' })
  })
})

describe('provider amounts', () => {
  test('decimal strings become minor units of the currency, rounded half up', () => {
    expect(decimalToMinor('7.47', 'USD')).toBe(747)
    expect(decimalToMinor('12', 'USD')).toBe(1200)
    expect(decimalToMinor('8.925', 'USD')).toBe(893)
    expect(decimalToMinor('8.924', 'USD')).toBe(892)
    expect(decimalToMinor('1500', 'JPY')).toBe(1500)
    expect(decimalToMinor('1.2345', 'KWD')).toBe(1235)
    expect(decimalToMinor('-1', 'USD')).toBeNull()
    expect(decimalToMinor('abc', 'USD')).toBeNull()
  })
})
