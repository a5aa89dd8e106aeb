import { describe, expect, test } from 'vitest'
import { CARRIER_CODES, type CarrierCode } from '#app/domain/tracking/carriers'
import { detectCarrier, type DetectionConfidence } from '#integrations/carriers/detect'
import { TRACKING_FORMATS } from '#integrations/carriers/formats'

// Real numbers where one was published (carrier documentation, public test vectors of tracking-number
// libraries); otherwise numbers built to the format, noted as such.
const VALID: [CarrierCode, string, DetectionConfidence, CarrierCode[]?][] = [
  ['ups', '1Z999AA10123456784', 'high'],
  ['ups', '1Z879E930346834440', 'high'],
  ['usps', '9400111201080805483016', 'high'],
  ['usps', '9361289878700317633795', 'high'],
  ['usps', '03071790000523483741', 'high'],
  ['usps', '420787019400111201080805483016', 'high'],
  ['usps', 'RB123456785US', 'high'],
  ['fedex', '986578788855', 'high'],
  ['fedex', '041441760228964', 'high'],
  ['fedex', '9611020987654312345672', 'high'],
  // A DHL Express waybill is 10 digits like a CDEK order number; only DHL's mod-7 digit tells them apart.
  ['dhl_express', '3318810025', 'low', ['cdek']],
  ['dhl_express', '8487135506', 'low', ['cdek']],
  ['dhl_ecommerce', 'GM2951173225174494', 'medium'],
  ['dpd', '008182709980000020033350276C', 'high'],
  ['dpd', '01015026003653C', 'high'],
  // The bare 14-digit parcel number has no check digit; it fails Russian Post's, so DPD is a suggestion.
  ['dpd', '01015026003653', 'low', ['russian_post']],
  ['gls', '883273514905', 'high'],
  ['gls', '20120000017', 'medium'],
  ['inpost', '602677439331630337653846', 'medium'],
  ['royal_mail', 'RB123456785GB', 'high'],
  ['poczta_polska', 'RR123456785PL', 'high'],
  ['russian_post', 'RA123456785RU', 'high'],
  ['russian_post', '10100065123458', 'low', ['dpd']],
  // CDEK publishes no check digit: any 10 digits fit, so it is named only when DHL's check fails, and
  // then as a suggestion that says the number may be a mistyped DHL Express waybill.
  ['cdek', '1234567890', 'low', ['dhl_express']],
  ['postnl', 'CP123456785NL', 'high'],
  ['postnl', '3SABCD123456789', 'medium'],
  ['canada_post', 'RR123456785CA', 'high'],
  ['canada_post', '0073938000549297', 'high'],
  ['australia_post', 'CX123456785AU', 'high'],
  ['amazon', 'TBA502887274000', 'medium'],
  ['ontrac', 'C11031500001879', 'high'],
  ['ontrac', 'D10011354453707', 'high'],
  ['lasership', '1LS717793482164', 'medium'],
  ['lasership', 'LX17635036', 'medium'],
  ['purolator', '320595463938', 'high'],
  ['purolator', 'KYV009956937', 'medium'],
]

// Numbers one character off (a bad check digit, a letter among digits, a wrong prefix) or of the wrong
// length: none may be named.
const INVALID: [CarrierCode, string, string][] = [
  ['ups', '1Z879E930346834441', 'bad check digit'],
  ['ups', '1Z879E93034683444', 'one character short'],
  ['usps', '9400111201080805483017', 'bad check digit'],
  ['usps', '940011120108080548301', 'one digit short of 22 and failing the 20-digit check'],
  ['usps', '03071790000523483742', 'bad check digit (20 digits)'],
  ['usps', '420787019400111201080805483017', 'bad check digit (with the destination ZIP)'],
  ['usps', 'RB123456784US', 'bad S10 check digit'],
  ['fedex', '986578788854', 'bad check digit (12 digits)'],
  ['fedex', '041441760228965', 'bad check digit (15 digits)'],
  ['fedex', '9611020987654312345673', 'bad check digit (96, 22 digits)'],
  ['dhl_express', '331881002', 'nine digits'],
  ['dhl_express', '33188100A5', 'a letter among the digits'],
  ['dhl_ecommerce', 'GM29511732', 'too short'],
  ['dhl_ecommerce', 'GN2951173225174494', 'wrong prefix'],
  ['dhl_ecommerce', 'GM29511732251744A4', 'a letter among the digits'],
  ['dpd', '008182709980000020033350276A', 'bad check character (28)'],
  ['dpd', '01015026003653D', 'bad check character (15)'],
  ['gls', '883273514906', 'bad check digit'],
  ['inpost', '60267743933163033765384', '23 digits'],
  ['inpost', '602677439331630337653A46', 'a letter among the digits'],
  ['royal_mail', 'RB123456784GB', 'bad S10 check digit'],
  ['poczta_polska', 'RR123456784PL', 'bad S10 check digit'],
  ['russian_post', 'RA123456784RU', 'bad S10 check digit'],
  ['cdek', '123456789', 'nine digits'],
  ['cdek', '12345678A0', 'a letter among the digits'],
  ['postnl', 'CP123456784NL', 'bad S10 check digit'],
  ['postnl', '3SAB123456789', 'customer code of two letters'],
  ['canada_post', '0073938000549292', 'bad check digit'],
  ['canada_post', 'RR123456784CA', 'bad S10 check digit'],
  ['australia_post', 'CX123456786AU', 'bad S10 check digit'],
  ['amazon', 'TBA50288727400', 'eleven digits after TBA'],
  ['amazon', 'TBB502887274000', 'wrong prefix'],
  ['ontrac', 'C11031500001889', 'bad check digit'],
  ['ontrac', 'D10011345983012', 'bad check digit'],
  ['lasership', '1LS734505321754', 'third digit outside 1–2'],
  ['lasership', 'LX1763503', 'seven digits after LX'],
  ['purolator', '320595463939', 'bad Luhn check digit'],
  ['purolator', 'KY009956937', 'two letters'],
]

// A bad check digit on a shape another carrier shares without a check digit of its own: the number may be
// that carrier's, so it is suggested (low, naming the carrier whose check failed), but never the carrier
// whose check digit failed.
const BAD_CHECK_ON_SHARED_SHAPE: [CarrierCode, string, string, CarrierCode][] = [
  ['dhl_express', '3318810026', 'bad mod-7 check digit', 'cdek'],
  ['dhl_express', '8487135507', 'bad mod-7 check digit', 'cdek'],
  ['russian_post', '10100065123459', 'bad check digit (14 digits)', 'dpd'],
]

describe('a tracking number with no carrier', () => {
  test.each(VALID)('%s is named for %s (%s confidence)', (carrier, value, confidence, alsoPossible) => {
    expect(detectCarrier(value)).toEqual(
      confidence === 'low' ? { carrier, confidence, alsoPossible } : { carrier, confidence },
    )
  })

  test.each(INVALID)('no carrier is named for a %s-like %s (%s)', (_carrier, value) => {
    expect(detectCarrier(value)).toEqual({ carrier: 'unknown' })
  })

  test.each(BAD_CHECK_ON_SHARED_SHAPE)(
    'a %s-like %s (%s) is never named for it, only suggested as %s with it as the alternative',
    (carrier, value, _why, suggested) => {
      expect(detectCarrier(value)).toEqual({ carrier: suggested, confidence: 'low', alsoPossible: [carrier] })
    },
  )

  test('every carrier whose format defines a check digit has a bad-check-digit example here', () => {
    const badCheck = [...INVALID, ...BAD_CHECK_ON_SHARED_SHAPE].filter(([, , why]) => /check/.test(why))
    for (const code of CARRIER_CODES) {
      if (!TRACKING_FORMATS[code].some((f) => f.verify !== null)) continue
      expect(
        badCheck.some(([c]) => c === code),
        code,
      ).toBe(true)
    }
  })

  test('a number that fits only a shape without a check digit is never named with high confidence', () => {
    // Any 10 digits fit CDEK's shape, so a CDEK answer can never be more than a suggestion.
    for (const value of ['1234567890', '3318810026', '0000000000', '9999999999']) {
      const detected = detectCarrier(value)
      if (detected.carrier === 'unknown') continue
      expect(detected.confidence, value).toBe('low')
      if (detected.confidence === 'low') expect(detected.alsoPossible.length, value).toBeGreaterThan(0)
    }
  })

  test('every carrier has valid and invalid examples here', () => {
    for (const code of CARRIER_CODES) {
      expect(
        VALID.some(([c]) => c === code),
        code,
      ).toBe(true)
      expect(
        INVALID.some(([c]) => c === code),
        code,
      ).toBe(true)
    }
  })

  test('spaces, dashes and lower case are ignored as pasted', () => {
    expect(detectCarrier(' 1z 999 aa1-012-345-678-4 ')).toEqual({ carrier: 'ups', confidence: 'high' })
    expect(detectCarrier('rb 123 456 785 gb')).toEqual({ carrier: 'royal_mail', confidence: 'high' })
  })

  test('an S10 number names the national post of its country suffix', () => {
    const byCountry: [string, CarrierCode][] = [
      ['PL', 'poczta_polska'],
      ['RU', 'russian_post'],
      ['GB', 'royal_mail'],
      ['CA', 'canada_post'],
      ['AU', 'australia_post'],
      ['NL', 'postnl'],
      ['US', 'usps'],
    ]
    for (const [country, carrier] of byCountry) {
      expect(detectCarrier(`EE123456785${country}`)).toEqual({ carrier, confidence: 'high' })
    }
  })

  test('an S10 number of a post we do not serve is unknown, even with a valid check digit', () => {
    expect(detectCarrier('RB123456785DE')).toEqual({ carrier: 'unknown' })
    expect(detectCarrier('LZ123456785CN')).toEqual({ carrier: 'unknown' })
  })

  test('a 12-digit number whose check digit holds for two carriers is unknown rather than a guess', () => {
    // 201200000176 passes GLS's mod-10 and also another 12-digit rule (FedEx or Purolator).
    expect(detectCarrier('201200000176')).toEqual({ carrier: 'unknown' })
  })

  test('a 12-digit number whose check digit holds for none is unknown', () => {
    expect(detectCarrier('000000000001')).toEqual({ carrier: 'unknown' })
  })

  test('a check digit picks one carrier among the 12-digit formats that share the shape', () => {
    // Both are 12 digits: FedEx's mod-11 holds for the first only, GLS's mod-10 for the second only.
    expect(detectCarrier('986578788855')).toEqual({ carrier: 'fedex', confidence: 'high' })
    expect(detectCarrier('883273514905')).toEqual({ carrier: 'gls', confidence: 'high' })
  })

  test('garbage, empty and absurdly long input is unknown', () => {
    for (const value of ['', '   ', 'hello world', '1Z!@#$', 'A'.repeat(60), '9'.repeat(41)]) {
      expect(detectCarrier(value), value).toEqual({ carrier: 'unknown' })
    }
  })
})
