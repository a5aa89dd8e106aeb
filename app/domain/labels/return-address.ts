// Where returned parcels go: the shop's return address, printed on every return label as the recipient.
// A carrier refuses a label whose address it cannot deliver to, so the address is checked when the
// merchant saves it, with the rules carriers apply first: every line a label needs, a real country, a
// region where the country's post requires one, and a postal code in that country's shape. Pure.

export interface PostalAddress {
  /** Who receives the parcel: "Birch & Bay Returns". */
  name: string
  line1: string
  line2?: string | null
  city: string
  /** State, province or county; required in the US, Canada and Australia. */
  region?: string | null
  postalCode: string
  /** ISO 3166-1 alpha-2, upper case. */
  countryCode: string
  phone?: string | null
}

export interface AddressIssue {
  field: keyof PostalAddress
  message: string
}

// Countries whose posts and carriers will not deliver without a state or province.
const REGION_REQUIRED = new Set(['US', 'CA', 'AU'])

const POSTAL_CODES: Record<string, { pattern: RegExp; example: string }> = {
  US: { pattern: /^\d{5}(-\d{4})?$/, example: '97205 or 97205-1234' },
  CA: { pattern: /^[A-Z]\d[A-Z] ?\d[A-Z]\d$/i, example: 'M5V 2T6' },
  GB: { pattern: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i, example: 'SW1A 1AA' },
  PL: { pattern: /^\d{2}-\d{3}$/, example: '00-950' },
  DE: { pattern: /^\d{5}$/, example: '10115' },
  FR: { pattern: /^\d{5}$/, example: '75001' },
  NL: { pattern: /^\d{4} ?[A-Z]{2}$/i, example: '1011 AB' },
  RU: { pattern: /^\d{6}$/, example: '101000' },
  AU: { pattern: /^\d{4}$/, example: '2000' },
  IE: { pattern: /^[A-Z\d]{3} ?[A-Z\d]{4}$/i, example: 'D02 X285' },
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' })

/** Whether `code` is an ISO country code Intl knows (XX-style unknown codes come back unchanged). */
export function isCountryCode(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code)) return false
  try {
    const name = regionNames.of(code)
    return name !== undefined && name !== code
  } catch {
    return false
  }
}

export function countryName(code: string): string {
  return isCountryCode(code) ? regionNames.of(code)! : code
}

/** Every problem with an address as a label's recipient, in form order; empty when it can be used. */
export function returnAddressIssues(a: PostalAddress): AddressIssue[] {
  const issues: AddressIssue[] = []
  const add = (field: keyof PostalAddress, message: string) => issues.push({ field, message })
  const blank = (v: string | null | undefined) => !v || !v.trim()
  if (blank(a.name)) add('name', 'Enter who receives returns, for example “Birch & Bay Returns”.')
  if (blank(a.line1)) add('line1', 'Enter the street and number.')
  if (blank(a.city)) add('city', 'Enter the city.')
  const country = a.countryCode?.trim().toUpperCase() ?? ''
  if (!isCountryCode(country)) add('countryCode', 'Choose the country as a two-letter code, like PL or US.')
  if (REGION_REQUIRED.has(country) && blank(a.region)) {
    add('region', `Carriers need the ${country === 'CA' ? 'province' : 'state'} for ${countryName(country)}.`)
  }
  const postal = a.postalCode?.trim() ?? ''
  const rule = POSTAL_CODES[country]
  if (!postal) add('postalCode', 'Enter the postal code.')
  else if (rule && !rule.pattern.test(postal)) {
    add('postalCode', `This is not a postal code of ${countryName(country)} (like ${rule.example}).`)
  } else if (!rule && !/^[A-Za-z\d][A-Za-z\d -]{1,11}$/.test(postal)) {
    add('postalCode', 'Enter the postal code with letters, digits, spaces or dashes only.')
  }
  if (a.phone && a.phone.trim() && !/^\+?[\d\s().-]{6,20}$/.test(a.phone.trim())) {
    add('phone', 'Enter the phone number with digits, spaces and an optional leading +.')
  }
  return issues
}

/** The address as the lines a label prints, recipient first. */
export function addressLines(a: PostalAddress): string[] {
  const cityLine = [a.postalCode, a.city].filter(Boolean).join(' ')
  return [
    a.name,
    a.line1,
    ...(a.line2 ? [a.line2] : []),
    a.region ? `${cityLine}, ${a.region}` : cityLine,
    countryName(a.countryCode).toUpperCase(),
  ].filter((l) => l.trim() !== '')
}
