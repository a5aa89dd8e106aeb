import { describe, expect, test } from 'vitest'
import { addressLines, returnAddressIssues, type PostalAddress } from '#app/domain/labels/return-address'

const warsaw: PostalAddress = {
  name: 'Birch & Bay Returns',
  line1: 'ul. Magazynowa 12',
  city: 'Pruszków',
  postalCode: '05-800',
  countryCode: 'PL',
}

describe('return address', () => {
  test('a complete address has no issues', () => {
    expect(returnAddressIssues(warsaw)).toEqual([])
    expect(
      returnAddressIssues({
        ...warsaw,
        countryCode: 'US',
        postalCode: '97205-1234',
        region: 'OR',
        phone: '+1 503 555 0100',
      }),
    ).toEqual([])
  })

  test('every missing line, an unknown country and a postal code of the wrong shape are named by field', () => {
    const issues = returnAddressIssues({ name: ' ', line1: '', city: '', postalCode: '', countryCode: 'XX' })
    expect(issues.map((i) => i.field)).toEqual(['name', 'line1', 'city', 'countryCode', 'postalCode'])
    expect(returnAddressIssues({ ...warsaw, postalCode: '05800' })).toEqual([
      { field: 'postalCode', message: 'This is not a postal code of Poland (like 00-950).' },
    ])
    expect(returnAddressIssues({ ...warsaw, phone: 'call me' }).map((i) => i.field)).toEqual(['phone'])
  })

  test('US, Canadian and Australian addresses need their state or province', () => {
    expect(returnAddressIssues({ ...warsaw, countryCode: 'US', postalCode: '97205' })).toEqual([
      { field: 'region', message: 'Carriers need the state for United States.' },
    ])
    expect(
      returnAddressIssues({ ...warsaw, countryCode: 'CA', postalCode: 'M5V 2T6' })[0]?.message,
    ).toContain('province')
  })

  test('prints as label lines with the country in capitals', () => {
    expect(addressLines({ ...warsaw, line2: 'Hala B' })).toEqual([
      'Birch & Bay Returns',
      'ul. Magazynowa 12',
      'Hala B',
      '05-800 Pruszków',
      'POLAND',
    ])
  })
})
