// Picks the carrier adapter. EasyPost when its credentials are configured (EASYPOST_API_KEY and
// EASYPOST_WEBHOOK_SECRET); otherwise the sandbox simulator, the zero-config default.
import { getEnv } from '#app/env.server'
import type { Carrier, DrawnReturnLabel, LabelSpec } from './carrier'
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

/**
 * Draws a label bought `drawable` (see ReturnLabelFiles) by the provider that bought it, whichever
 * provider is configured now: a sandbox label issued before EasyPost was set up still opens.
 */
export function drawReturnLabel(provider: string, spec: LabelSpec): Promise<DrawnReturnLabel> {
  const current = getCarrier()
  const drawer =
    current.name === provider ? current : provider === 'sandbox' ? createSandboxCarrier() : undefined
  if (!drawer?.drawReturnLabel) {
    return Promise.reject(new Error(`Labels of ${provider} come drawn; there is nothing to draw them with.`))
  }
  return drawer.drawReturnLabel(spec)
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
  DrawnReturnLabel,
  LabelAddress,
  LabelParcel,
  LabelSpec,
  ReturnLabel,
  ReturnLabelFiles,
  ReturnLabelRequest,
  CarrierWebhookResult,
  CarrierWebhookUpdate,
  TrackingSnapshot,
  TrackRequest,
} from './carrier'
