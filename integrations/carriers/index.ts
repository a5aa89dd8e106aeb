// Picks the carrier adapter. EasyPost when its credentials are configured (EASYPOST_API_KEY and
// EASYPOST_WEBHOOK_SECRET); otherwise the sandbox simulator, the zero-config default.
import { getEnv } from '#app/env.server'
import type { Carrier } from './carrier'
import { createEasypostCarrier } from './easypost'
import { createSandboxCarrier } from './sandbox'

let carrier: Carrier | undefined

export function getCarrier(): Carrier {
  if (carrier) return carrier
  const env = getEnv()
  carrier =
    env.EASYPOST_API_KEY && env.EASYPOST_WEBHOOK_SECRET
      ? createEasypostCarrier({ apiKey: env.EASYPOST_API_KEY, webhookSecret: env.EASYPOST_WEBHOOK_SECRET })
      : createSandboxCarrier()
  return carrier
}

/** Forget the chosen adapter (after the environment changed: tests, boot code). */
export function resetCarrier() {
  carrier = undefined
}

export { CarrierError } from './carrier'
export type {
  Carrier,
  CarrierErrorCode,
  CarrierEvent,
  LabelAddress,
  LabelParcel,
  ReturnLabel,
  ReturnLabelRequest,
  CarrierWebhookResult,
  CarrierWebhookUpdate,
  TrackingSnapshot,
  TrackRequest,
} from './carrier'
