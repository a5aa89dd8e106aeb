// A delay notice's remedy link: the buyer picked "wait", "coupon", "refund" or "reship" in the email and
// lands on their order page to confirm it. What may be chosen is decided twice, when the page is shown
// and when it is confirmed: the shop must offer the remedy in delay notices at the parcel's level now
// (the notice settings decide; the complaint playbook answers reports the buyer starts). A confirmed
// remedy becomes a "not arrived" complaint case for that parcel through the same service the "report a
// problem" wizard uses, so support sees it in the same log; waiting records nothing. Staff decide it
// unless the playbook grants it, or it is the shop's apology coupon for a parcel with no case before.
import { z } from 'zod'
import {
  apologyCouponMinor,
  readNoticeSettings,
  NOTICE_REMEDIES,
  type NoticeRemedy,
} from '#app/domain/notices/settings'
import type { DelayLevel } from '#app/domain/tracking/delay'
import { db } from '#db/client'
import { findOpenNotArrivedCase, hasNotArrivedCase } from '#db/queries/cases'
import { findNoticeSettings } from '#db/queries/notices'
import {
  createNotArrivedDraft,
  notArrivedDecision,
  submitComplaint,
} from '#app/services/complaints/complaint-wizard.server'

export const RemedyParamsSchema = z.object({
  shipmentId: z.string().uuid(),
  remedy: z.enum(NOTICE_REMEDIES),
})

export interface RemedyView {
  orderNumber: string
  currency: string
  remedy: NoticeRemedy
  parcel: {
    id: string
    carrierName: string
    trackingNumber: string
    level: DelayLevel
    reason: string
    /** ISO; the new date when one is known. */
    newDate: string | null
    expectedBy: string | null
  }
  /** Whether the remedy can be confirmed now; when not, the page says so and links to "report a problem". */
  offered: boolean
  /** The amount a refund or coupon would be, when known. */
  amountMinor: number | null
}

const isOfferedByShop = (level: DelayLevel, remedy: NoticeRemedy, remedies: Record<string, NoticeRemedy[]>) =>
  (remedies[level] ?? []).includes(remedy)

async function evaluate(input: {
  shopId: string
  orderId: string
  shipmentId: string
  remedy: NoticeRemedy
  now: Date
}) {
  const [found, stored] = await Promise.all([notArrivedDecision(input), findNoticeSettings(db, input.shopId)])
  if (!found) return null
  const settings = readNoticeSettings(stored?.settings)
  const { parcel } = found
  // The link stands while the parcel is still at a level whose notice offers this remedy: on time again,
  // delivered or in the carrier's exception, and it is explained instead. The playbook decides what a
  // report the buyer starts offers; a notice offers what the shop chose for it (see submitComplaint).
  const offered = isOfferedByShop(parcel.delay.level, input.remedy, settings.remedies)
  const valueMinor = found.valueMinor
  const couponMinor = apologyCouponMinor(settings, found.currency, valueMinor)
  const view: RemedyView = {
    orderNumber: found.orderNumber,
    currency: found.currency,
    remedy: input.remedy,
    parcel: {
      id: parcel.id,
      carrierName: parcel.carrierName,
      trackingNumber: parcel.trackingNumber,
      level: parcel.delay.level,
      reason: parcel.delay.reason,
      // Only a date still ahead (the assessment drops an estimate whose day is over).
      newDate: parcel.delay.newDate,
      expectedBy: parcel.delay.expectedBy,
    },
    offered,
    amountMinor: input.remedy === 'refund' ? valueMinor : input.remedy === 'coupon' ? couponMinor : null,
  }
  return { view, couponMinor }
}

export async function getRemedyOffer(input: {
  shopId: string
  orderId: string
  shipmentId: string
  remedy: NoticeRemedy
  now: Date
}): Promise<RemedyView | null> {
  return (await evaluate(input))?.view ?? null
}

export type AcceptRemedyResult =
  | { ok: true; kind: 'wait' }
  | { ok: true; kind: 'case'; caseNumber: string }
  | { ok: false; status: 404 | 422; view: RemedyView | null }

export async function acceptRemedy(input: {
  shopId: string
  orderId: string
  shipmentId: string
  remedy: NoticeRemedy
  locale: 'en' | 'ru' | 'pl'
  now: Date
}): Promise<AcceptRemedyResult> {
  const evaluated = await evaluate(input)
  if (!evaluated) return { ok: false, status: 404, view: null }
  if (!evaluated.view.offered) return { ok: false, status: 422, view: evaluated.view }
  if (input.remedy === 'wait') return { ok: true, kind: 'wait' }
  // A second click (or a second remedy link) while a case for this parcel is open goes to that case.
  const open = await findOpenNotArrivedCase(db, input.shopId, input.shipmentId)
  if (open && open.order_id === input.orderId)
    return { ok: true, kind: 'case', caseNumber: `R-${open.number}` }
  const draft = await createNotArrivedDraft(input)
  const submitted = await submitComplaint({
    shopId: input.shopId,
    orderId: input.orderId,
    draftId: draft.id,
    remedy: input.remedy,
    note: undefined,
    locale: input.locale,
    now: input.now,
    couponMinorOverride: evaluated.couponMinor ?? undefined,
    reuseOpenCaseForShipment: input.shipmentId,
    offeredByNotice: {
      couponAtOnce:
        input.remedy === 'coupon' && !(await hasNotArrivedCase(db, input.shopId, input.shipmentId)),
    },
  })
  if (!submitted.ok) return { ok: false, status: 422, view: { ...evaluated.view, offered: false } }
  return { ok: true, kind: 'case', caseNumber: submitted.caseNumber }
}
