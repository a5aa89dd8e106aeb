// The replacement parcel of an exchange (the variant the buyer chose) or a reship (the line as bought):
// fulfilled in the issuing transaction, under the resolution row lock (see issueResolution). The sandbox
// warehouse adds the items to the order as line items marked with the case, ships them as a shipment of
// kind 'replacement' with a sandbox tracking number (the sandbox carrier then moves it like any parcel),
// turns the stock reserved at approval into stock shipped, and queues the buyer's email with the tracking
// link. A retried job finds the parcel already made for this case and answers with it: one replacement per
// case, whatever happens.
import { isCarrierCode, type CarrierCode } from '#app/domain/tracking/carriers'
import * as outbox from '#db/queries/notifications'
import { caseStockNeeds, consumeStock } from '#db/queries/product-variants'
import {
  findReplacementContext,
  findReplacementShipment,
  insertReplacementLines,
} from '#db/queries/replacements'
import { listCaseResolutions } from '#db/queries/resolutions'
import { insertShipment } from '#db/queries/shipments'
import { sandboxReplacementTrackingNumber } from '#integrations/carriers/sandbox/fulfilment'
import type { IssueContext, Issuer, IssuerAnswer } from './issuers.server'

const HOUR = 3_600_000
/** The carrier of a replacement when the order never shipped (a reship of a lost first parcel always did). */
const DEFAULT_CARRIER: CarrierCode = 'ups'

/** The buyer's payment for a dearer variant has not gone through yet: tried again with backoff. */
class WaitingForCharge extends Error {
  readonly retryable = true
  constructor() {
    super('Waiting for the price difference to be charged before the replacement ships.')
    this.name = 'WaitingForCharge'
  }
}

/**
 * The payment provider took the price difference and finishes it later (Stripe: `processing`, or the
 * buyer's bank wants them to confirm): the replacement waits for the charge's webhook or reconciliation
 * instead of retrying (see issueResolution and releaseAfterCharge).
 */
export class WaitingForChargeAtProvider extends Error {
  readonly retryable = false
  readonly waitFor = 'charge' as const
  constructor() {
    super('Waiting for the buyer’s payment of the price difference to clear before the replacement ships.')
    this.name = 'WaitingForChargeAtProvider'
  }
}

/** Not possible until someone changes something (nothing to send): not retried. */
class ReplacementNotPossible extends Error {
  readonly retryable = false
  constructor(message: string) {
    super(message)
    this.name = 'ReplacementNotPossible'
  }
}

function answerFor(
  r: IssueContext['resolution'],
  s: { id: string; carrier: string; tracking_number: string },
): IssuerAnswer {
  return {
    status: 'succeeded',
    provider: 'sandbox',
    providerId: `sbx_ful_${r.id.slice(0, 8)}`,
    code: s.tracking_number,
    details: { carrier: s.carrier, trackingNumber: s.tracking_number, shipmentId: s.id },
  }
}

async function issueReplacement(ctx: IssueContext): Promise<IssuerAnswer> {
  const { trx, shopId, resolution: r, case: c, now } = ctx
  // Look before making: a run after a crash that came before its commit finds nothing (all of it rolled
  // back with the crash); a run after one that committed finds the parcel and answers with it.
  const existing = await findReplacementShipment(trx, shopId, c.id)
  if (existing) return answerFor(r, existing)

  // A dearer variant ships once its difference is paid: never a replacement for money that failed.
  // NOTE: read under the case row lock (issueResolution holds it); whoever records the charge's end
  // (webhook, reconciliation) takes that lock before releasing a waiting replacement, so it either sees
  // this one waiting or this read sees the charge ended.
  const charge = (await listCaseResolutions(trx, shopId, c.id)).find((x) => x.kind === 'charge')
  if (charge && charge.status !== 'succeeded') {
    if (charge.status === 'failed' || charge.status === 'canceled') {
      throw new ReplacementNotPossible(
        'The price difference was not charged, so the replacement was not sent. Charge the buyer by hand, then send it by hand, or offer a refund instead.',
      )
    }
    // The provider has it (its answer is recorded) and ends it on its own time, possibly days.
    if (charge.status === 'pending' && charge.provider_id) throw new WaitingForChargeAtProvider()
    throw new WaitingForCharge()
  }

  const facts = await findReplacementContext(trx, shopId, c.id)
  if (!facts) throw new ReplacementNotPossible('The case or its order no longer exists.')
  if (facts.items.length === 0) throw new ReplacementNotPossible('The case has no items to replace.')
  if (facts.resolution === 'exchange' && facts.items.some((i) => !i.variantId)) {
    throw new ReplacementNotPossible(
      'An item of this exchange has no variant chosen; send the replacement by hand.',
    )
  }

  const carrier: CarrierCode = facts.carrier && isCarrierCode(facts.carrier) ? facts.carrier : DEFAULT_CARRIER
  const trackingNumber = sandboxReplacementTrackingNumber(carrier, r.idempotency_key)
  const lines = await insertReplacementLines(trx, {
    shopId,
    orderId: facts.order_id,
    caseId: c.id,
    firstPosition: facts.next_position,
    lines: facts.items,
  })
  const shipment = await insertShipment(trx, {
    shopId,
    orderId: facts.order_id,
    carrier,
    trackingNumber,
    service: null,
    shippedAt: now,
    promisedBy: null,
    items: lines.map((l, i) => ({ lineItemId: l.id, quantity: facts.items[i]!.quantity })),
    kind: 'replacement',
    caseId: c.id,
    nextPollAt: new Date(now.getTime() + HOUR),
  })
  // The units reserved at approval leave the warehouse now.
  await consumeStock(trx, shopId, await caseStockNeeds(trx, shopId, c.id), now)
  await outbox.insertNotification(trx, {
    shopId,
    template: 'case-replacement',
    toEmail: c.buyer_email,
    locale: c.locale,
    caseId: c.id,
    payload: { caseNumber: `R-${c.number}`, locale: c.locale, carrier, trackingNumber },
    dedupeKey: `case-replacement:${c.id}`,
  })
  return answerFor(r, { id: shipment.id, carrier, tracking_number: trackingNumber })
}

export const replacementIssuer: Issuer = {
  providerName: () => 'sandbox',
  issue: issueReplacement,
}
