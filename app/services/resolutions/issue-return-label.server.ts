// The return label of a case: asked for from the carrier (the sandbox, or EasyPost) with the case's
// idempotency key, then, in the issuing transaction, kept with its parcel: the label row (PDF and QR
// code), the return parcel as a shipment of the case (with the items going back), the case moved from
// approved to "waiting for your parcel", and the buyer's email with the label link. A sandbox label comes
// undrawn (what it says, decided and frozen): its files are drawn on the first download (see
// readReturnLabelFile), not in this job. The carrier is asked
// under the resolution row lock (see issueResolution), so a case gets one label however often its job runs.
import { nextCaseState, type CaseState } from '#app/domain/cases/case-state'
import { parseAllowedCarriers } from '#app/domain/labels/label-carriers'
import { labelProviderReference, returnParcelFor } from '#app/domain/labels/parcel'
import { returnAddressIssues } from '#app/domain/labels/return-address'
import { formatOrderNumber } from '#app/domain/orders/order-number'
import * as cases from '#db/queries/cases'
import * as outbox from '#db/queries/notifications'
import * as labels from '#db/queries/return-labels'
import { insertShipment } from '#db/queries/shipments'
import type { LabelAddress } from '#integrations/carriers'
import type { IssueContext, Issuer, IssuerAnswer } from './issuers.server'

const HOUR = 3_600_000

/** A label that cannot be asked for at all until someone changes a setting: not retried. */
export class LabelNotPossible extends Error {
  readonly retryable = false
  constructor(message: string) {
    super(message)
    this.name = 'LabelNotPossible'
  }
}

/** How many times staff issued this label again after a failure (each is a new request; see labelProviderReference). */
export function labelGeneration(details: unknown): number {
  const g = (details as { labelGeneration?: unknown } | null)?.labelGeneration
  return typeof g === 'number' && Number.isInteger(g) && g >= 1 ? g : 1
}

async function issueReturnLabel(ctx: IssueContext): Promise<IssuerAnswer> {
  const { trx, shopId, resolution: r, case: c, deps, now } = ctx
  const facts = await labels.findLabelContext(trx, shopId, c.id)
  if (!facts) throw new LabelNotPossible('The case or its order no longer exists.')
  const returnAddress = facts.return_address
  if (!returnAddress) {
    throw new LabelNotPossible(
      'Add your return address in Settings → Return shipping: return labels need somewhere to send parcels to. Then issue the label again from this case.',
    )
  }
  const issues = returnAddressIssues(returnAddress)
  if (issues.length > 0) {
    throw new LabelNotPossible(
      `Correct the return address in Settings → Return shipping (${issues.map((i) => i.message).join(' ')}), then issue the label again.`,
    )
  }
  if (facts.items.length === 0) {
    throw new LabelNotPossible(
      'Nothing in this case travels back (the buyer keeps every item): no label is needed.',
    )
  }

  const generation = labelGeneration(r.details)
  const buyer: LabelAddress = { ...facts.shipping_address, email: facts.buyer_email }
  const label = await deps.carrier.createReturnLabel({
    idempotencyKey: generation > 1 ? `${r.idempotency_key}:${generation}` : r.idempotency_key,
    reference: `R-${facts.number}`,
    providerReference: labelProviderReference({ number: facts.number, id: facts.id }, generation),
    earlierProviderReferences: Array.from({ length: generation - 1 }, (_, i) =>
      labelProviderReference({ number: facts.number, id: facts.id }, i + 1),
    ),
    orderNumber: formatOrderNumber(facts.order_number),
    from: buyer,
    to: { ...returnAddress },
    parcel: returnParcelFor(facts.items),
    items: facts.items.map((i) => ({ title: i.title, quantity: i.quantity })),
    allowedCarriers: parseAllowedCarriers(facts.label_carriers),
    dropOff: facts.return_method === 'drop_off',
    now,
  })

  // The return parcel is a shipment of the order tied to its case: the carrier refresh and webhooks move
  // it like any parcel, and its scans move the case (see return-parcel milestones).
  const shipment = await insertShipment(trx, {
    shopId,
    orderId: facts.order_id,
    carrier: label.carrier,
    trackingNumber: label.trackingNumber,
    service: label.service,
    shippedAt: now,
    promisedBy: null,
    items: facts.items.map((i) => ({ lineItemId: i.line_item_id, quantity: i.quantity })),
    kind: 'return',
    caseId: c.id,
    nextPollAt: label.firstScanExpectedAt ?? new Date(now.getTime() + HOUR),
    externalTrackerId: label.trackerId,
  })
  await labels.insertReturnLabel(trx, {
    shopId,
    caseId: c.id,
    resolutionId: r.id,
    shipmentId: shipment.id,
    provider: label.provider,
    providerShipmentId: label.providerShipmentId,
    carrier: label.carrier,
    service: label.service,
    trackingNumber: label.trackingNumber,
    rateMinor: label.rate?.amountMinor ?? null,
    rateCurrency: label.rate?.currency ?? null,
    files: label.files,
    at: now,
  })

  const decision = nextCaseState(c.state as CaseState, 'issue_label', 'system')
  if (decision.kind === 'transition') {
    await cases.moveCaseState(trx, {
      shopId,
      caseId: c.id,
      state: decision.to,
      at: now,
      event: {
        type: decision.event,
        actor: 'system',
        details: {
          from: c.state,
          to: decision.to,
          carrier: label.carrier,
          trackingNumber: label.trackingNumber,
        },
      },
    })
  }
  await outbox.insertNotification(trx, {
    shopId,
    template: 'case-label',
    toEmail: c.buyer_email,
    locale: c.locale,
    caseId: c.id,
    payload: { caseNumber: `R-${c.number}`, locale: c.locale },
    dedupeKey: `case-label:${c.id}`,
  })
  // The first scan is near (the sandbox says when): look then rather than at the next scheduled poll.
  if (label.firstScanExpectedAt && (await outbox.hasWorkerQueue(trx))) {
    await labels.scheduleCarrierPoll(trx, label.firstScanExpectedAt)
  }
  return {
    status: 'succeeded',
    provider: label.provider,
    providerId: label.providerShipmentId,
    code: label.trackingNumber,
    details: {
      carrier: label.carrier,
      service: label.service,
      trackingNumber: label.trackingNumber,
      shipmentId: shipment.id,
      ...(label.rate ? { rateMinor: label.rate.amountMinor, rateCurrency: label.rate.currency } : {}),
      ...(label.trackerId ? { trackerId: label.trackerId } : {}),
    },
  }
}

export const returnLabelIssuer: Issuer = {
  providerName: (deps) => deps.carrier.name,
  issue: issueReturnLabel,
}
