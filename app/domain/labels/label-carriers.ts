// Which carrier a return label is bought from. The merchant may limit labels to some carriers, or to some
// services of a carrier ("ups" allows every UPS service, "usps:GroundAdvantage" only that one); an empty
// list allows every carrier we can track. Among the rates the carrier network offers for the parcel, the
// cheapest allowed one is bought: returns are a cost to the merchant, and the buyer only needs the parcel
// to arrive. Ties go to the faster service, then to the order the rates came in. Pure.
import { CARRIER_CODES, isCarrierCode, type CarrierCode } from '#app/domain/tracking/carriers'

export interface AllowedCarrier {
  carrier: CarrierCode
  /** Null: every service of the carrier. */
  service: string | null
}

export interface RateQuote {
  carrier: CarrierCode
  service: string
  amountMinor: number
  currency: string
  /** Business days the carrier promises, when it says. */
  deliveryDays?: number | null
}

const ENTRY = /^([a-z_]+)(?::([A-Za-z0-9][A-Za-z0-9 _.-]{0,59}))?$/

/** Services compare without case, spaces, dashes or underscores ("Ground Advantage" = "ground_advantage"). */
export function sameService(a: string, b: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/[\s_.-]+/g, '')
  return norm(a) === norm(b)
}

/**
 * One stored entry ("ups", "usps:GroundAdvantage") as an allowed carrier, or null when it is not one
 * (an unknown carrier code, a malformed service).
 */
export function parseAllowedCarrier(entry: string): AllowedCarrier | null {
  const m = ENTRY.exec(entry.trim())
  if (!m || !isCarrierCode(m[1]!)) return null
  return { carrier: m[1] as CarrierCode, service: m[2]?.trim() || null }
}

/** The stored list as allowed carriers; entries that do not parse are left out. */
export function parseAllowedCarriers(entries: readonly string[]): AllowedCarrier[] {
  return entries.map(parseAllowedCarrier).filter((a): a is AllowedCarrier => a !== null)
}

export function formatAllowedCarrier(a: AllowedCarrier): string {
  return a.service ? `${a.carrier}:${a.service}` : a.carrier
}

/**
 * Reads what a merchant typed (comma- or line-separated entries) into the stored list. Every entry that is
 * not a carrier code (optionally with ":Service") is named in `invalid`.
 */
export function readAllowedCarriersInput(text: string): { entries: string[]; invalid: string[] } {
  const entries: string[] = []
  const invalid: string[] = []
  for (const raw of text.split(/[,\n]/)) {
    const value = raw.trim()
    if (!value) continue
    const parsed = parseAllowedCarrier(value.replace(/^([A-Za-z_]+)/, (c) => c.toLowerCase()))
    if (!parsed) {
      invalid.push(value)
      continue
    }
    const formatted = formatAllowedCarrier(parsed)
    if (!entries.includes(formatted)) entries.push(formatted)
  }
  return { entries, invalid }
}

/** Whether a rate's carrier and service are among the allowed ones (an empty list allows all). */
export function isRateAllowed(
  rate: Pick<RateQuote, 'carrier' | 'service'>,
  allowed: readonly AllowedCarrier[],
) {
  if (allowed.length === 0) return true
  return allowed.some(
    (a) => a.carrier === rate.carrier && (a.service === null || sameService(a.service, rate.service)),
  )
}

/**
 * The cheapest allowed rate, or null when none is allowed. Rates of one parcel come in one currency
 * (the carrier network quotes in the account's currency); a rate in another currency than the first
 * allowed one cannot be compared and is skipped rather than converted.
 */
export function chooseCheapestRate<R extends RateQuote>(
  rates: readonly R[],
  allowed: readonly AllowedCarrier[],
): R | null {
  const candidates = rates.filter((r) => isRateAllowed(r, allowed) && r.amountMinor >= 0)
  const currency = candidates[0]?.currency
  let best: R | null = null
  for (const r of candidates) {
    if (r.currency !== currency) continue
    if (
      !best ||
      r.amountMinor < best.amountMinor ||
      (r.amountMinor === best.amountMinor && (r.deliveryDays ?? 99) < (best.deliveryDays ?? 99))
    ) {
      best = r
    }
  }
  return best
}

/** Digits after the decimal point of a currency's minor unit (JPY 0, USD 2, KWD 3). */
function minorDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    )
  } catch {
    return 2
  }
}

/**
 * A provider's decimal amount ("7.47", "12", "8.925") in whole minor units of `currency`, rounded half up
 * at the minor unit; null when it is not a plain non-negative decimal.
 */
export function decimalToMinor(value: string, currency: string): number | null {
  const m = /^(\d{1,12})(?:\.(\d{1,8}))?$/.exec(value.trim())
  if (!m) return null
  const digits = minorDigits(currency)
  const whole = Number(m[1]) * 10 ** digits
  const fraction = (m[2] ?? '').padEnd(digits + 1, '0')
  const kept = Number(fraction.slice(0, digits) || '0')
  const next = Number(fraction[digits] ?? '0')
  return whole + kept + (next >= 5 ? 1 : 0)
}

/** Every carrier code a merchant may allow, in display order. */
export const LABEL_CARRIER_CODES: readonly CarrierCode[] = CARRIER_CODES
