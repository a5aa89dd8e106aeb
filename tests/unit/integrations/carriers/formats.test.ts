import { describe, expect, test } from 'vitest'
import { CARRIER_CODES, type CarrierCode } from '#app/domain/tracking/carriers'
import {
  carriersMatching,
  generateTrackingNumber,
  isValidTrackingNumber,
  normalizeTrackingNumber,
  TRACKING_FORMATS,
} from '#integrations/carriers/formats'

const SERIALS = [0, 1, 2, 3, 9, 10, 99, 1_000, 12_345, 999_999, 9_999_999]

// Carriers whose generated form carries a check digit in its last position.
const CHECKED: CarrierCode[] = [
  'ups',
  'usps',
  'fedex',
  'dhl_express',
  'gls',
  'royal_mail',
  'poczta_polska',
  'russian_post',
  'postnl',
  'canada_post',
  'australia_post',
  'ontrac',
  'purolator',
]
const S10: CarrierCode[] = [
  'royal_mail',
  'poczta_polska',
  'russian_post',
  'postnl',
  'canada_post',
  'australia_post',
]

function checkDigitIndex(carrier: CarrierCode, value: string): number {
  return S10.includes(carrier) ? 10 : value.length - 1
}

function withDigit(value: string, index: number, digit: number): string {
  return value.slice(0, index) + String(digit) + value.slice(index + 1)
}

function bumpDigit(value: string, index: number): string {
  return withDigit(value, index, (Number(value[index]) + 1) % 10)
}

describe.each(CARRIER_CODES)('%s numbers', (carrier) => {
  test('generated numbers validate for their carrier', () => {
    for (const serial of SERIALS) {
      const value = generateTrackingNumber(carrier, serial)
      expect(isValidTrackingNumber(carrier, value), value).toBe(true)
    }
  })

  test('different serials give different numbers and the same serial the same one', () => {
    const values = SERIALS.map((serial) => generateTrackingNumber(carrier, serial))
    expect(new Set(values).size).toBe(SERIALS.length)
    expect(generateTrackingNumber(carrier, 12_345n)).toBe(values[SERIALS.indexOf(12_345)])
  })

  test('a number three characters short or five characters long is rejected', () => {
    const value = generateTrackingNumber(carrier, 4_242)
    expect(isValidTrackingNumber(carrier, value.slice(0, -3))).toBe(false)
    expect(isValidTrackingNumber(carrier, `${value}00000`)).toBe(false)
    expect(isValidTrackingNumber(carrier, '')).toBe(false)
  })

  test('every documented example validates', () => {
    for (const format of TRACKING_FORMATS[carrier]) {
      expect(isValidTrackingNumber(carrier, format.example), format.example).toBe(true)
    }
  })
})

test('negative, fractional and too large serials are refused', () => {
  expect(() => generateTrackingNumber('ups', -1)).toThrow(RangeError)
  expect(() => generateTrackingNumber('ups', 1.5)).toThrow(RangeError)
  expect(() => generateTrackingNumber('ups', 10_000_000)).toThrow(RangeError)
  expect(generateTrackingNumber('inpost', 10n ** 21n)).toMatch(/^\d{24}$/)
})

describe('real-world numbers', () => {
  test.each([
    ['ups', '1Z999AA10123456784'],
    ['ups', '1Z5R89390357567127'],
    ['ups', '1Z879E930346834440'],
    ['ups', '1Z410E7W0392751591'],
    ['usps', '9400111201080805483016'],
    ['usps', '9361289878700317633795'],
    ['usps', '9405803699300124287899'],
    ['usps', '9505511069605048600624'],
    ['usps', 'RB123456785US'],
    ['fedex', '986578788855'],
    ['fedex', '477179081230'],
    ['fedex', '799531274483'],
    ['fedex', '790535312317'],
    ['dhl_express', '3318810025'],
    ['dhl_express', '8487135506'],
    ['dhl_express', '1099255990'],
    ['dhl_ecommerce', 'GM2951173225174494'],
    ['dhl_ecommerce', 'GM295117494011169042'],
    ['dpd', '01015026003653'],
    ['royal_mail', 'RB123456785GB'],
    ['canada_post', '0073938000549297'],
  ] as const)('%s accepts %s', (carrier, value) => {
    expect(isValidTrackingNumber(carrier, value)).toBe(true)
  })

  test.each([
    ['ups', '1Z1111111111111111'],
    ['ups', '2Z5R89390357567127'],
    ['ups', '1Z999AA10123456785'],
    ['usps', '9400111201080805483017'],
    ['usps', 'RB123456786US'],
    ['fedex', '996578788855'],
    ['dhl_express', '3318810010'],
    ['dhl_express', '3318810034'],
    ['dhl_ecommerce', 'GS295117494011169041'],
    ['royal_mail', 'RB123456785US'],
    ['poczta_polska', 'RB123456785GB'],
    ['canada_post', '0073938000549292'],
  ] as const)('%s rejects %s', (carrier, value) => {
    expect(isValidTrackingNumber(carrier, value)).toBe(false)
  })

  test('the S10 check digit follows the UPU weights, including the 10 → 0 and 11 → 5 cases', () => {
    // 12345678: weighted sum 204, remainder 6, check 11 - 6 = 5.
    expect(isValidTrackingNumber('royal_mail', 'RR123456785GB')).toBe(true)
    // 00000010: sum 9, remainder 9, check 2.
    expect(isValidTrackingNumber('russian_post', 'RA000000102RU')).toBe(true)
    // 00000000: remainder 0, 11 - 0 = 11 → 5.
    expect(isValidTrackingNumber('poczta_polska', 'RR000000005PL')).toBe(true)
    // 00000012: sum 9 + 14 = 23, remainder 1, 11 - 1 = 10 → 0.
    expect(isValidTrackingNumber('postnl', 'RR000000120NL')).toBe(true)
    expect(isValidTrackingNumber('postnl', 'RR000000121NL')).toBe(false)
  })
})

describe('check digits', () => {
  test.each(CHECKED)('%s: any other digit in the check position is rejected', (carrier) => {
    for (const serial of SERIALS) {
      const value = generateTrackingNumber(carrier, serial)
      const index = checkDigitIndex(carrier, value)
      const right = Number(value[index])
      for (let digit = 0; digit <= 9; digit++) {
        if (digit === right) continue
        expect(isValidTrackingNumber(carrier, withDigit(value, index, digit)), `${value} → ${digit}`).toBe(
          false,
        )
      }
    }
  })

  // Mod-10 and mod-7 rules catch every single-digit change of ±1.
  test.each(['ups', 'usps', 'dhl_express', 'gls'] as const)(
    '%s: changing any one digit is caught',
    (carrier) => {
      for (const serial of SERIALS) {
        const value = generateTrackingNumber(carrier, serial)
        for (let i = 0; i < value.length; i++) {
          if (!/\d/.test(value[i]!) || (carrier === 'ups' && i < 2)) continue
          expect(isValidTrackingNumber(carrier, bumpDigit(value, i)), `${value} @${i}`).toBe(false)
        }
      }
    },
  )

  // The mod-11 rules fold two remainders onto the same digit (FedEx 0 and 10, S10 0 and 6), so a few
  // corruptions slip through by design; nearly all are still caught.
  test.each(['fedex', ...S10] as const)('%s: nearly every one-digit change is caught', (carrier) => {
    let tried = 0
    let caught = 0
    for (let serial = 0; serial < 300; serial++) {
      const value = generateTrackingNumber(carrier, serial * 7_919)
      const digits = S10.includes(carrier) ? [2, 3, 4, 5, 6, 7, 8, 9] : [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
      for (const i of digits) {
        tried++
        if (!isValidTrackingNumber(carrier, bumpDigit(value, i))) caught++
      }
    }
    expect(caught / tried).toBeGreaterThan(0.85)
  })

  test('a FedEx remainder of 10 gives check digit 0', () => {
    // 00000000031 weighted from the right: 1·1 + 3·3 = 10, 10 mod 11 = 10, 10 mod 10 = 0.
    expect(isValidTrackingNumber('fedex', '000000000310')).toBe(true)
    expect(isValidTrackingNumber('fedex', '000000000311')).toBe(false)
  })
})

describe('input handling', () => {
  test('normalizing strips spaces and dashes and upper-cases', () => {
    expect(normalizeTrackingNumber(' 1z 999 aa1-0123 456 784 ')).toBe('1Z999AA10123456784')
    expect(isValidTrackingNumber('ups', normalizeTrackingNumber('1z 999 aa1 01 2345 678 4'))).toBe(true)
  })

  test('validation expects the compact upper-case form', () => {
    expect(isValidTrackingNumber('ups', '1z999aa10123456784')).toBe(false)
    expect(isValidTrackingNumber('ups', '1Z 999AA10123456784')).toBe(false)
  })

  test('a number can be matched back to the carriers whose formats accept it', () => {
    expect(carriersMatching('1Z999AA10123456784')).toEqual(['ups'])
    expect(carriersMatching('RB123456785GB')).toEqual(['royal_mail'])
    expect(carriersMatching(generateTrackingNumber('inpost', 77))).toEqual(['inpost'])
    expect(carriersMatching('3318810025')).toContain('dhl_express')
    expect(carriersMatching('not a number')).toEqual([])
  })
})
