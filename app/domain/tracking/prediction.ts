// Predicted delivery from our own history: how many business days parcels of the same carrier on the
// same route (origin country → destination country) took to arrive. With enough delivered parcels the
// median is the prediction and the 90th percentile its pessimistic edge; with too few we say nothing
// rather than guess from noise. Business days, because carriers do not move parcels at weekends.
import { addBusinessDays, businessHoursBetween } from './business-time'

/** Fewer delivered parcels than this on a carrier and route, and there is no prediction. */
export const MIN_TRANSIT_SAMPLES = 20

export interface TransitStats {
  samples: number
  /** Median transit time in business days. */
  medianDays: number
  /** 90th percentile transit time in business days. */
  p90Days: number
}

export interface DeliveryPrediction {
  /** The median arrival: more likely than not by then. */
  expectedAt: Date
  /** The 90th percentile arrival. */
  latestAt: Date
  /** p90 − median, in business days: how far the history spreads. */
  spreadDays: number
  samples: number
}

/** Business days a delivered parcel spent between hand-over and delivery (0 when out of order). */
export function transitBusinessDays(shippedAt: Date, deliveredAt: Date): number {
  return Math.round((businessHoursBetween(shippedAt, deliveredAt) / 24) * 100) / 100
}

export function predictDelivery(
  stats: TransitStats | null,
  shippedAt: Date,
  minSamples = MIN_TRANSIT_SAMPLES,
): DeliveryPrediction | null {
  if (!stats || stats.samples < minSamples) return null
  if (!Number.isFinite(stats.medianDays) || !Number.isFinite(stats.p90Days) || stats.medianDays < 0)
    return null
  const p90 = Math.max(stats.p90Days, stats.medianDays)
  return {
    expectedAt: addBusinessDays(shippedAt, stats.medianDays),
    latestAt: addBusinessDays(shippedAt, p90),
    spreadDays: Math.round((p90 - stats.medianDays) * 100) / 100,
    samples: stats.samples,
  }
}
