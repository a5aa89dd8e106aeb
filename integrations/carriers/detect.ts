// Names the carrier of a tracking number pasted without one, from the formats in formats.ts. It says
// "unknown" rather than guess: shapes overlap (10, 12, 14 and 20 digits are used by several carriers),
// and only a check digit is evidence that a number belongs to one of them.
import { CARRIER_CODES, type CarrierCode } from '#app/domain/tracking/carriers'
import { normalizeTrackingNumber, TRACKING_FORMATS } from './formats'

/**
 * - `high`: only this carrier's formats fit the shape, and the check digit holds.
 * - `medium`: only this carrier's formats fit, but the format has no check digit (a distinctive shape
 *   such as `TBA…`, `GM…` or 24 digits).
 * - `low`: other carriers' shapes fit too and only a check digit told them apart: this carrier's holds
 *   where the others define none, or this carrier has none where the others' fail (a 10-digit number
 *   failing DHL Express's check is a CDEK number or a mistyped waybill). Offer it as a suggestion, never
 *   as a fact: a `low` answer always says, in `alsoPossible`, which other carriers it could be.
 */
export type DetectionConfidence = 'high' | 'medium' | 'low'

export type CarrierDetection =
  | { carrier: CarrierCode; confidence: 'high' | 'medium' }
  | {
      carrier: CarrierCode
      confidence: 'low'
      /**
       * The carriers the number may belong to instead: one whose format has no check digit to rule it
       * out, or one whose check digit fails (the number may be theirs, mistyped). Never empty.
       */
      alsoPossible: CarrierCode[]
    }
  | { carrier: 'unknown' }

const UNKNOWN: CarrierDetection = { carrier: 'unknown' }

export function detectCarrier(trackingNumber: string): CarrierDetection {
  const value = normalizeTrackingNumber(trackingNumber)
  if (value.length < 8 || value.length > 40 || !/^[0-9A-Z]+$/.test(value)) return UNKNOWN

  // Per carrier: whether a format with a check digit accepted the number (`checked`), or only a format
  // without one fits its shape (`shape`). A format whose check digit fails does not count at all.
  const checked = new Set<CarrierCode>()
  const shapeOnly = new Set<CarrierCode>()
  const failed = new Set<CarrierCode>()
  for (const carrier of CARRIER_CODES) {
    for (const format of TRACKING_FORMATS[carrier]) {
      if (!format.pattern.test(value)) continue
      if (format.verify === null) shapeOnly.add(carrier)
      else if (format.verify(value)) checked.add(carrier)
      else failed.add(carrier)
    }
  }
  for (const carrier of checked) shapeOnly.delete(carrier)
  for (const carrier of [...checked, ...shapeOnly]) failed.delete(carrier)

  if (checked.size === 1) {
    const [carrier] = checked as unknown as [CarrierCode]
    if (shapeOnly.size === 0) return { carrier, confidence: 'high' }
    return { carrier, confidence: 'low', alsoPossible: [...shapeOnly] }
  }
  // Two check digits that both hold cannot be told apart.
  if (checked.size > 1) return UNKNOWN
  if (shapeOnly.size === 1) {
    const [carrier] = shapeOnly as unknown as [CarrierCode]
    // CDEK's 10 digits and DPD's bare 14 carry no check digit, so any number of that length fits them;
    // when another carrier's check digit fails on it, it may as well be that carrier's number mistyped.
    if (failed.size === 0) return { carrier, confidence: 'medium' }
    return { carrier, confidence: 'low', alsoPossible: [...failed] }
  }
  return UNKNOWN
}
