// Picks the payments provider: Stripe when STRIPE_SECRET_KEY is set, otherwise the sandbox provider
// (the zero-config default, which records what it "pays" in its own ledger table).
import { getEnv } from '#app/env.server'
import type { PaymentsProvider } from './payments'
import { createSandboxPayments } from './sandbox'
import { createStripePayments } from './stripe'

let provider: PaymentsProvider | null = null

export function getPaymentsProvider(): PaymentsProvider {
  if (provider) return provider
  const env = getEnv()
  const chosen: PaymentsProvider = env.STRIPE_SECRET_KEY
    ? createStripePayments({ secretKey: env.STRIPE_SECRET_KEY, apiBase: env.STRIPE_API_BASE })
    : createSandboxPayments()
  provider = chosen
  return chosen
}

/** Forget the chosen provider (after the environment changed: tests, boot code). */
export function resetPaymentsProvider() {
  provider = null
}

export { PaymentsError } from './payments'
export type {
  ChargeRequest,
  ChargeResult,
  CouponRequest,
  CouponResult,
  FindIssuedRequest,
  PaymentsProvider,
  ProviderRecord,
  RefundRequest,
  RefundResult,
} from './payments'
