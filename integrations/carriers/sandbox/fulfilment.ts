// The sandbox warehouse: a replacement parcel (exchange or reship) gets a real-format tracking number of
// the order's carrier, chosen from the resolution's idempotency key, so the same replacement always has
// the same number, and the sandbox carrier then moves it like any parcel (its story follows from the
// number, see scenarios.ts).
import { createHash } from 'node:crypto'
import type { CarrierCode } from '#app/domain/tracking/carriers'
import { detectCarrier } from '#integrations/carriers/detect'
import { generateTrackingNumber } from '#integrations/carriers/formats'

export function sandboxReplacementTrackingNumber(carrier: CarrierCode, idempotencyKey: string): string {
  const start =
    createHash('sha256').update(`sandbox-replacement:${idempotencyKey}`).digest().readUInt32BE(0) % 9_000_000
  for (let serial = start; serial < start + 1_000; serial++) {
    const number = generateTrackingNumber(carrier, serial)
    if (detectCarrier(number).carrier === carrier) return number
  }
  throw new Error(`No ${carrier} tracking number that detection recognises near serial ${start}`)
}
