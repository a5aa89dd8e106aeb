// Stripe's webhooks for money we moved: refund events (refund.updated, refund.failed,
// charge.refund.updated), the news that a refund we issued went through or failed after Stripe took it;
// and payment_intent.succeeded / payment_intent.payment_failed / payment_intent.canceled, the end of an
// exchange's price difference that Stripe left `processing` (or `requires_action`), which releases the
// replacement waiting for it (a canceled charge is a failed one: the replacement is refused).
// The signature is checked over the raw body first (nothing is read or written for a bad one). The event
// then finds its resolution by the refund's or PaymentIntent's id, or by the shop and case in its
// metadata (which we wrote), and everything it changes is
// written in one transaction together with the delivery's id: a second copy of the event, even one
// arriving at the same moment, finds the id taken and changes nothing. Statuses only move forward
// (app/domain/resolutions/outcome), so events arriving out of order end in the same place.
import { formatMinor, reconcile, type ProviderView } from '#app/domain/resolutions/outcome'
import { getEnv } from '#app/env.server'
import { getLogger } from '#app/logger.server'
import { db, type Database } from '#db/client'
import * as resolutions from '#db/queries/resolutions'
import * as deliveries from '#db/queries/webhook-deliveries'
import { verifyStripeWebhook, type StripeWebhookEvent } from '#integrations/payments/stripe-webhooks'
import type { Transaction } from 'kysely'
import { z } from 'zod'
import {
  flagRefundOwed,
  issuedRecordOf,
  recordMatch,
  recordMismatch,
  recordProviderAdvance,
} from './provider-outcome.server'

export type StripeWebhookOutcome =
  /** The resolution moved forward (succeeded, or failed with the buyer told). */
  | 'applied'
  /** Nothing new for our record (a repeat of a status we have, or an older one arriving late). */
  | 'unchanged'
  /** The same event was taken before. */
  | 'duplicate'
  /** An event type we do not act on. */
  | 'ignored'
  /** A refund or payment that is not one of ours (made in the dashboard, a checkout, another app). */
  | 'not_ours'
  /** Ours, but it disagrees with our record: flagged on the case for support. */
  | 'mismatch'

export type StripeWebhookResult =
  | { ok: true; outcome: StripeWebhookOutcome }
  | {
      ok: false
      code: 'not_configured' | 'bad_signature' | 'malformed' | 'not_recorded_yet'
      message: string
    }

const Uuid = z.string().uuid()

/** Takes one Stripe webhook delivery (the raw body and its Stripe-Signature header). */
export async function receiveStripeWebhook(input: {
  rawBody: string
  signature: string | null
  now?: Date
}): Promise<StripeWebhookResult> {
  const now = input.now ?? new Date()
  const log = getLogger().child({ component: 'stripe-webhook' })
  const secret = getEnv().STRIPE_WEBHOOK_SECRET
  if (!secret) {
    return { ok: false, code: 'not_configured', message: 'Stripe webhooks are not configured here' }
  }
  const verified = verifyStripeWebhook({ rawBody: input.rawBody, signature: input.signature, secret, now })
  if (!verified.ok) {
    if (verified.reason === 'bad_signature') {
      log.warn('webhook refused: signature missing or wrong')
      return { ok: false, code: 'bad_signature', message: 'Invalid signature' }
    }
    return { ok: false, code: 'malformed', message: 'Not a Stripe event we can read' }
  }
  const event = verified.event
  if (event.kind === 'other') return { ok: true, outcome: 'ignored' }

  if (event.kind === 'charge') {
    const result = await db.transaction().execute((trx) => applyChargeEvent(trx, event, now))
    if (!result.ok) log.info({ eventId: event.id, paymentIntentId: event.charge.providerId }, result.message)
    return result
  }
  const result = await db.transaction().execute((trx) => applyRefundEvent(trx, event, now))
  if (!result.ok) log.info({ eventId: event.id, refundId: event.refund.providerId }, result.message)
  return result
}

/** The resolution our metadata names (the shop and case we wrote), locked; undefined when it names none. */
async function lockByMetadata(
  trx: Transaction<Database>,
  metadata: Record<string, string>,
  kind: 'refund' | 'charge',
) {
  const shopId = Uuid.safeParse(metadata.shopId)
  const caseId = Uuid.safeParse(metadata.caseId)
  if (!shopId.success || !caseId.success) return undefined
  return resolutions.lockResolutionOfCase(trx, { shopId: shopId.data, caseId: caseId.data, kind })
}

/**
 * The end of a charge of ours (an exchange's price difference): found by the PaymentIntent's id, else by
 * the shop and case of its metadata. Every PaymentIntent of the account sends these events (the shop's
 * own checkouts too): one that is neither is not ours and writes nothing.
 */
async function applyChargeEvent(
  trx: Transaction<Database>,
  event: Extract<StripeWebhookEvent, { kind: 'charge' }>,
  now: Date,
): Promise<StripeWebhookResult> {
  const charge = event.charge
  let r = await resolutions.lockResolutionByProviderId(trx, {
    provider: 'stripe',
    providerId: charge.providerId,
    kind: 'charge',
  })
  if (!r && charge.metadata.kind === 'exchange_difference') {
    r = await lockByMetadata(trx, charge.metadata, 'charge')
  }
  if (!r) return { ok: true, outcome: 'not_ours' }
  const refused = await acceptDelivery(trx, r, event, now, 'charge')
  if (refused) return refused

  const theirs: ProviderView = charge
  if (r.provider_id !== theirs.providerId) {
    // Another PaymentIntent for the same case, or one for a charge we recorded as never taken: money
    // taken that we have no record of. A failed one took nothing.
    if (theirs.status !== 'succeeded') return { ok: true, outcome: 'unchanged' }
    const amount =
      theirs.amountMinor !== null && theirs.currency
        ? formatMinor(theirs.amountMinor, theirs.currency)
        : 'an unknown amount'
    const sentence = r.provider_id
      ? `Stripe took another payment for this case, ${theirs.providerId} (${amount}), besides the charge ${r.provider_id} that we made: the buyer may have paid twice.`
      : `Stripe took a payment for this case, ${theirs.providerId} (${amount}), but we recorded the charge as ${r.status}: the buyer has paid.`
    await recordMismatch(trx, r, { sentence, source: 'webhook', now })
    return { ok: true, outcome: 'mismatch' }
  }
  return applyVerdict(trx, r, theirs, now)
}

async function applyRefundEvent(
  trx: Transaction<Database>,
  event: Extract<StripeWebhookEvent, { kind: 'refund' }>,
  now: Date,
): Promise<StripeWebhookResult> {
  const refund = event.refund
  // Ours by the refund's id; else by the shop and case our metadata names (a refund whose answer we
  // have not recorded, or a second refund of the same case). The shop is the row's, never the payload's.
  let r = await resolutions.lockResolutionByProviderId(trx, {
    provider: 'stripe',
    providerId: refund.providerId,
    kind: 'refund',
  })
  if (!r) r = await lockByMetadata(trx, refund.metadata, 'refund')
  if (!r) return { ok: true, outcome: 'not_ours' }
  const refused = await acceptDelivery(trx, r, event, now, 'refund')
  if (refused) return refused

  const theirs: ProviderView = refund
  const moved = theirs.status === 'pending' || theirs.status === 'succeeded'
  if (r.provider_id && r.provider_id !== theirs.providerId) {
    // Another refund of the same case, not the one we recorded: money we did not send ourselves.
    if (!moved) return { ok: true, outcome: 'unchanged' }
    const amount =
      theirs.amountMinor !== null && theirs.currency
        ? formatMinor(theirs.amountMinor, theirs.currency)
        : 'an unknown amount'
    const sentence = `Stripe holds another refund for this case, ${theirs.providerId} (${amount}), besides ${r.provider_id} that we issued: money we have no record of.`
    await recordMismatch(trx, r, { sentence, source: 'webhook', now })
    return { ok: true, outcome: 'mismatch' }
  }
  return applyVerdict(trx, r, theirs, now)
}

/**
 * Whether to act on this delivery: null to go on, else the answer. Nothing is written while the issuing
 * job has taken the money but not recorded Stripe's answer (it died before its commit and will retry,
 * getting the same object back): Stripe sends the event again later. A delivery seen before is a no-op.
 */
async function acceptDelivery(
  trx: Transaction<Database>,
  r: resolutions.ResolutionForProvider,
  event: StripeWebhookEvent,
  now: Date,
  what: 'charge' | 'refund',
): Promise<StripeWebhookResult | null> {
  if (!r.provider_id && r.status === 'pending') {
    return {
      ok: false,
      code: 'not_recorded_yet',
      message: `This ${what} is not recorded yet; send it again later`,
    }
  }
  const recorded = await deliveries.recordWebhookDelivery(trx, {
    shopId: r.shop_id,
    provider: 'stripe',
    deliveryId: event.id,
    payload: event.payload,
    receivedAt: now,
  })
  return recorded ? null : { ok: true, outcome: 'duplicate' }
}

/** Our record against one event's view of it: moved forward, flagged, or nothing new. */
async function applyVerdict(
  trx: Transaction<Database>,
  r: resolutions.ResolutionForProvider,
  theirs: ProviderView,
  now: Date,
): Promise<StripeWebhookResult> {
  const verdict = reconcile(issuedRecordOf(r), 'stripe', [theirs], { live: false })
  switch (verdict.kind) {
    case 'advance':
      await recordProviderAdvance(trx, r, { to: verdict.to, record: verdict.record, source: 'webhook', now })
      return { ok: true, outcome: 'applied' }
    case 'mismatch':
      await recordMismatch(trx, r, { sentence: verdict.sentence, source: 'webhook', now })
      return { ok: true, outcome: 'mismatch' }
    case 'match':
      // A charge paid for a case that has ended stays flagged (recordMatch keeps it); a repeat adds nothing.
      if (r.reconcile_mismatch !== null) await recordMatch(trx, r, now, 'webhook')
      else await flagRefundOwed(trx, r, { source: 'webhook', now })
      return { ok: true, outcome: 'unchanged' }
    default:
      return { ok: true, outcome: 'unchanged' }
  }
}
