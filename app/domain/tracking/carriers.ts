// What we know about each carrier that the buyer pages and the delay rules need: its display name,
// the public tracking page, and how long a gap between scans is still normal for it. Pure data.

export const CARRIER_CODES = [
  'ups',
  'usps',
  'fedex',
  'dhl_express',
  'dhl_ecommerce',
  'dpd',
  'gls',
  'inpost',
  'royal_mail',
  'poczta_polska',
  'russian_post',
  'cdek',
  'postnl',
  'canada_post',
  'australia_post',
  'amazon',
  'ontrac',
  'lasership',
  'purolator',
] as const
export type CarrierCode = (typeof CARRIER_CODES)[number]

export interface CarrierProfile {
  code: CarrierCode
  name: string
  /** Public tracking page; `{n}` is replaced by the URL-encoded tracking number. */
  trackingUrl: string
  /**
   * Business hours (Mon–Fri) without a scan that are still normal while a parcel moves. Past this the
   * parcel counts as stalled. Postal networks scan less often than express integrators.
   */
  normalScanGapBusinessHours: number
  /** Business days without any scan after which the parcel is presumed lost. */
  lostAfterBusinessDays: number
}

const profiles: Record<CarrierCode, Omit<CarrierProfile, 'code'>> = {
  ups: {
    name: 'UPS',
    trackingUrl: 'https://www.ups.com/track?tracknum={n}',
    normalScanGapBusinessHours: 48,
    lostAfterBusinessDays: 10,
  },
  usps: {
    name: 'USPS',
    trackingUrl: 'https://tools.usps.com/go/TrackConfirmAction?tLabels={n}',
    normalScanGapBusinessHours: 72,
    lostAfterBusinessDays: 15,
  },
  fedex: {
    name: 'FedEx',
    trackingUrl: 'https://www.fedex.com/fedextrack/?trknbr={n}',
    normalScanGapBusinessHours: 48,
    lostAfterBusinessDays: 10,
  },
  dhl_express: {
    name: 'DHL Express',
    trackingUrl: 'https://www.dhl.com/global-en/home/tracking/tracking-express.html?tracking-id={n}',
    normalScanGapBusinessHours: 48,
    lostAfterBusinessDays: 10,
  },
  dhl_ecommerce: {
    name: 'DHL eCommerce',
    trackingUrl: 'https://www.dhl.com/us-en/home/tracking/tracking-ecommerce.html?tracking-id={n}',
    normalScanGapBusinessHours: 72,
    lostAfterBusinessDays: 15,
  },
  dpd: {
    name: 'DPD',
    trackingUrl: 'https://tracking.dpd.de/status/en_US/parcel/{n}',
    normalScanGapBusinessHours: 48,
    lostAfterBusinessDays: 10,
  },
  gls: {
    name: 'GLS',
    trackingUrl: 'https://gls-group.com/track/{n}',
    normalScanGapBusinessHours: 48,
    lostAfterBusinessDays: 10,
  },
  inpost: {
    name: 'InPost',
    trackingUrl: 'https://inpost.pl/sledzenie-przesylek?number={n}',
    normalScanGapBusinessHours: 48,
    lostAfterBusinessDays: 10,
  },
  royal_mail: {
    name: 'Royal Mail',
    trackingUrl: 'https://www.royalmail.com/track-your-item#/tracking-results/{n}',
    normalScanGapBusinessHours: 72,
    lostAfterBusinessDays: 15,
  },
  poczta_polska: {
    name: 'Poczta Polska',
    trackingUrl: 'https://emonitoring.poczta-polska.pl/?numer={n}',
    normalScanGapBusinessHours: 72,
    lostAfterBusinessDays: 15,
  },
  russian_post: {
    name: 'Russian Post',
    trackingUrl: 'https://www.pochta.ru/tracking?barcode={n}',
    normalScanGapBusinessHours: 96,
    lostAfterBusinessDays: 20,
  },
  cdek: {
    name: 'CDEK',
    trackingUrl: 'https://www.cdek.ru/en/tracking?order_id={n}',
    normalScanGapBusinessHours: 72,
    lostAfterBusinessDays: 15,
  },
  postnl: {
    name: 'PostNL',
    trackingUrl: 'https://jouw.postnl.nl/track-and-trace/{n}',
    normalScanGapBusinessHours: 48,
    lostAfterBusinessDays: 10,
  },
  canada_post: {
    name: 'Canada Post',
    trackingUrl: 'https://www.canadapost-postescanada.ca/track-reperage/en#/details/{n}',
    normalScanGapBusinessHours: 72,
    lostAfterBusinessDays: 15,
  },
  australia_post: {
    name: 'Australia Post',
    trackingUrl: 'https://auspost.com.au/mypost/track/details/{n}',
    normalScanGapBusinessHours: 72,
    lostAfterBusinessDays: 15,
  },
  amazon: {
    name: 'Amazon Logistics',
    trackingUrl: 'https://track.amazon.com/tracking/{n}',
    normalScanGapBusinessHours: 48,
    lostAfterBusinessDays: 10,
  },
  ontrac: {
    name: 'OnTrac',
    trackingUrl: 'https://www.ontrac.com/tracking/?number={n}',
    normalScanGapBusinessHours: 48,
    lostAfterBusinessDays: 10,
  },
  lasership: {
    name: 'LaserShip',
    trackingUrl: 'https://www.lasership.com/track/{n}',
    normalScanGapBusinessHours: 48,
    lostAfterBusinessDays: 10,
  },
  purolator: {
    name: 'Purolator',
    trackingUrl: 'https://www.purolator.com/en/shipping/tracker?pin={n}',
    normalScanGapBusinessHours: 48,
    lostAfterBusinessDays: 10,
  },
}

export function isCarrierCode(value: string): value is CarrierCode {
  return (CARRIER_CODES as readonly string[]).includes(value)
}

/** Profile for a carrier code; unknown codes get a conservative postal-style profile. */
export function carrierProfile(code: string): CarrierProfile {
  if (isCarrierCode(code)) return { code, ...profiles[code] }
  return {
    code: code as CarrierCode,
    name: code.toUpperCase(),
    trackingUrl: '',
    normalScanGapBusinessHours: 72,
    lostAfterBusinessDays: 15,
  }
}

export function carrierTrackingUrl(code: string, trackingNumber: string): string | null {
  const { trackingUrl } = carrierProfile(code)
  return trackingUrl ? trackingUrl.replace('{n}', encodeURIComponent(trackingNumber)) : null
}
