// The sandbox payments provider for `npm start` and tests: nothing leaves the machine; every refund,
// credit and coupon is a row in our own `sandbox_ledger`, keyed by the idempotency key, so a repeated
// call gets the first answer back. References and coupon codes derive from the key (deterministic).
import { createHash } from 'node:crypto'
import { getProviderDb } from '#db/client'
import { findLedgerEntry, recordLedgerEntry } from '#db/queries/sandbox-ledger'
import { couponCodeFor, PaymentsError, type PaymentsProvider } from './payments'

function referenceFor(prefix: string, key: string) {
  return `${prefix}_${createHash('sha256').update(key).digest('hex').slice(0, 24)}`
}

function checkAmount(amountMinor: number) {
  if (!Number.isInteger(amountMinor) || amountMinor <= 0) {
    throw new PaymentsError('The amount must be a positive whole number of minor units.', false)
  }
}

export function createSandboxPayments(): PaymentsProvider {
  return {
    name: 'sandbox',

    async refund(input) {
      checkAmount(input.amountMinor)
      const row = await recordLedgerEntry(getProviderDb(), {
        shopId: input.metadata.shopId,
        kind: 'refund',
        idempotencyKey: input.idempotencyKey,
        amountMinor: input.amountMinor,
        currency: input.currency,
        reference: referenceFor('sbx_re', input.idempotencyKey),
        buyerEmail: null,
      })
      return { providerId: row.reference, status: 'succeeded' }
    },

    // The buyer's card is "charged" in the ledger: an exchange's price difference, once per key.
    async charge(input) {
      checkAmount(input.amountMinor)
      const row = await recordLedgerEntry(getProviderDb(), {
        shopId: input.metadata.shopId,
        kind: 'charge',
        idempotencyKey: input.idempotencyKey,
        amountMinor: input.amountMinor,
        currency: input.currency,
        reference: referenceFor('sbx_ch', input.idempotencyKey),
        buyerEmail: input.email,
      })
      return { providerId: row.reference, status: 'succeeded' }
    },

    async issueStoreCredit(input) {
      checkAmount(input.amountMinor)
      const row = await recordLedgerEntry(getProviderDb(), {
        shopId: input.metadata.shopId,
        kind: 'store_credit',
        idempotencyKey: input.idempotencyKey,
        amountMinor: input.amountMinor,
        currency: input.currency,
        reference: referenceFor('sbx_cr', input.idempotencyKey),
        // The credit is this buyer's, as a Shopify store credit account belongs to one customer.
        buyerEmail: input.email,
      })
      return { providerId: row.reference }
    },

    async createCoupon(input) {
      if (input.amountMinor !== undefined) checkAmount(input.amountMinor)
      const code = couponCodeFor(input.idempotencyKey)
      await recordLedgerEntry(getProviderDb(), {
        shopId: input.metadata.shopId,
        kind: 'coupon',
        idempotencyKey: input.idempotencyKey,
        // A percentage coupon is booked with no amount (its value is known only when it is used).
        amountMinor: input.amountMinor ?? 0,
        currency: input.currency,
        reference: code,
        // Single use, for this buyer: the book says whose code it is.
        buyerEmail: input.email,
      })
      return { providerId: referenceFor('sbx_promo', input.idempotencyKey), code }
    },

    // The ledger is the sandbox's whole truth: one entry per idempotency key (a refund, credit, coupon or
    // an exchange's charge), booked as succeeded.
    async findIssued(input) {
      const entry = await findLedgerEntry(getProviderDb(), input.metadata.shopId, input.idempotencyKey)
      if (!entry || entry.kind !== input.kind) return []
      const coupon = entry.kind === 'coupon'
      return [
        {
          providerId: coupon ? referenceFor('sbx_promo', entry.idempotency_key) : entry.reference,
          amountMinor: coupon && entry.amount_minor === 0 ? null : entry.amount_minor,
          currency: entry.currency,
          status: 'succeeded',
          failureReason: null,
          code: coupon ? entry.reference : null,
        },
      ]
    },
  }
}
