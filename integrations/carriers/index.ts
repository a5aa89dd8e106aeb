// Picks the carrier adapter. The sandbox simulator is the zero-config default; the EasyPost adapter
// joins here when its credentials are configured (carriers issue).
import type { Carrier } from './carrier'
import { createSandboxCarrier } from './sandbox'

let carrier: Carrier | undefined

export function getCarrier(): Carrier {
  return (carrier ??= createSandboxCarrier())
}

export type { Carrier, CarrierEvent, TrackingSnapshot, TrackRequest } from './carrier'
