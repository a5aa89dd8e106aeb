// One case as people read it: the buyer on their case page, staff on the support page. Both see the same
// record (items, reasons, photos, amounts, the whole timeline), so nobody has to tell the story twice; the
// buyer's view leaves out staff-only details (who on the team acted, internal notes).
import {
  CASE_STATES,
  availableCommands,
  type CaseCommand,
  type CaseState,
} from '#app/domain/cases/case-state'
import type { NextStep } from '#app/domain/cases/expected-outcome'
import { isItemCondition, type Disposition, type ItemCondition } from '#app/domain/cases/receiving'
import { formatOrderNumber } from '#app/domain/orders/order-number'
import { db } from '#db/client'
import { createBuyerToken } from '#app/services/buyer/access-token.server'
import { STAFF_VIEW_TTL_MS } from '#app/services/staff/shop-overview.server'
import * as cases from '#db/queries/cases'
import { casesNeedingAttention } from '#app/services/resolutions/resolutions-view.server'
import {
  loadCaseOutlook,
  type CaseExpectation,
  type CaseOutlook,
  type WaitingResolution,
} from './case-expectation.server'

export interface CaseItemView {
  lineItemId: string
  title: string
  variantTitle: string | null
  /** An exchange: the variant the buyer gets instead. */
  exchangeVariantTitle: string | null
  imageUrl: string | null
  quantity: number
  reason: string
  note: string | null
  paidMinor: number
  restockingFeeMinor: number
  totalMinor: number
  keepItem: boolean
  /** The case item's own id (one line of the order may appear once per reason). */
  caseItemId: string
  receivedAt: string | null
  inspectedAt: string | null
  condition: ItemCondition | null
  /** Staff's note from the inspection (staff view only). */
  inspectionNote: string | null
  disposition: Disposition | null
  dispositionAt: string | null
}

export interface CaseEventView {
  id: string
  type: string
  actor: 'buyer' | 'staff' | 'system'
  /** Staff name for staff views; null in the buyer's view. */
  staffName: string | null
  at: string
  /** What the buyer may read of the event: a reason, a question, their answer. */
  message: string | null
  photos: number
  /**
   * What a resolution event is about (`refund`, `return_label`, `replacement` …), for both audiences:
   * a failed label must not read as a failed payment. Null for other events.
   */
  resolutionKind: string | null
  details: Record<string, unknown>
}

export interface CaseView {
  id: string
  number: string
  orderId: string
  orderNumber: string
  kind: 'return' | 'complaint'
  complaintKind: string | null
  state: CaseState
  resolution: string | null
  returnMethod: 'label' | 'drop_off' | 'keep' | null
  exchangeFor: string | null
  buyerEmail: string
  buyerNote: string | null
  locale: string
  currency: string
  paidTotalMinor: number
  feesTotalMinor: number
  totalMinor: number
  bonusMinor: number
  issuedMinor: number
  /** An exchange: what the buyer pays (> 0) or gets back (< 0) for the new variants, fixed at creation. */
  priceDifferenceMinor: number
  /** The replacement parcel of an exchange or reship, once it shipped. */
  replacement: { carrier: string; trackingNumber: string } | null
  autoApproved: boolean
  createdAt: string
  stateChangedAt: string
  next: NextStep
  nextBy: string | null
  outcomeBy: string | null
  /** The question staff asked, when the case waits for the buyer. */
  openQuestion: string | null
  /** When the refund, credit or coupon was issued; null until it is. */
  issuedAt: string | null
  items: CaseItemView[]
  photos: { id: string; lineItemId: string | null; hasThumb: boolean; uploadedBy: string }[]
  events: CaseEventView[]
  /** What staff may do next (empty in the buyer's view). */
  staffCommands: CaseCommand[]
  /** What the buyer gets and when (see case-expectation.server.ts); null when nothing is expected. */
  expectation: CaseExpectation | null
  /** An inspection found a problem: the automatic release is stopped until staff decide. */
  releaseHeld: boolean
  /** What waits for its moment and staff may release now (empty in the buyer's view). */
  waiting: WaitingResolution[]
}

const ISSUED_EVENTS = new Set(['refund_issued', 'credit_issued', 'coupon_issued'])
/** Events whose message is the payment provider's sentence for support: the buyer sees only the label. */
const PROVIDER_WORDS = new Set(['resolution_failed', 'resolution_retried'])
/**
 * Staff only: bookkeeping between us and the payment provider, and the item steps, which are the shop's
 * own business (the buyer reads the case-level story).
 */
const STAFF_ONLY_EVENTS = new Set([
  // The buyer's timeline says "Return label issued" once (the case's move); the purchase is bookkeeping.
  'return_label_created',
  'reconcile_mismatch',
  'reconcile_cleared',
  'items_received',
  'item_inspected',
  'item_restocked',
  'item_disposed',
])

/** 'R-1042' → 1042; null for anything else. */
export function parseCaseNumber(value: string | undefined): number | null {
  const m = /^R-(\d{1,9})$/i.exec(value ?? '')
  return m ? Number(m[1]) : null
}

const messageOf = (details: Record<string, unknown>): string | null => {
  // A coupon's code is the buyer's to see and use.
  for (const k of ['reason', 'question', 'message', 'code']) {
    const v = details[k]
    if (typeof v === 'string' && v.trim()) return v
  }
  return null
}

/** The replacement parcel as its issue recorded it on the timeline. */
function replacementOf(events: readonly { type: string; details: unknown }[]) {
  const shipped = events.find((e) => e.type === 'replacement_shipped')
  const d = (shipped?.details ?? {}) as Record<string, unknown>
  return typeof d.carrier === 'string' && typeof d.trackingNumber === 'string'
    ? { carrier: d.carrier, trackingNumber: d.trackingNumber }
    : null
}

const iso = (v: string | Date | null) => (v ? new Date(v).toISOString() : null)

function toView(
  row: NonNullable<Awaited<ReturnType<typeof cases.findCaseDetail>>>,
  outlook: CaseOutlook,
  staff: boolean,
) {
  const state = (CASE_STATES as readonly string[]).includes(row.state)
    ? (row.state as CaseState)
    : 'requested'
  const e = outlook.outcome
  const events: CaseEventView[] = row.events
    .filter((ev) => staff || !STAFF_ONLY_EVENTS.has(ev.type))
    .map((ev) => {
      const details = (ev.details ?? {}) as Record<string, unknown>
      return {
        id: ev.id,
        type: ev.type,
        actor: ev.actor as CaseEventView['actor'],
        staffName: staff ? ev.staff_name : null,
        at: new Date(ev.created_at).toISOString(),
        message: staff || !PROVIDER_WORDS.has(ev.type) ? messageOf(details) : null,
        photos: typeof details.photos === 'number' ? details.photos : 0,
        resolutionKind: PROVIDER_WORDS.has(ev.type) && typeof details.kind === 'string' ? details.kind : null,
        details: staff ? details : {},
      }
    })
  const lastQuestion = [...events].reverse().find((ev) => ev.type === 'info_requested')
  const issued = events.find((ev) => ISSUED_EVENTS.has(ev.type))
  const view: CaseView = {
    id: row.id,
    number: `R-${row.number}`,
    orderId: row.order_id,
    orderNumber: formatOrderNumber(row.order_number),
    kind: row.kind as CaseView['kind'],
    complaintKind: row.complaint_kind,
    state,
    resolution: row.resolution,
    returnMethod: row.return_method as CaseView['returnMethod'],
    exchangeFor: row.exchange_for,
    buyerEmail: row.buyer_email,
    buyerNote: row.buyer_note,
    locale: row.locale,
    currency: row.currency,
    paidTotalMinor: row.paid_total_minor,
    feesTotalMinor: row.fees_total_minor,
    totalMinor: row.total_minor,
    bonusMinor: row.bonus_minor,
    issuedMinor: row.issued_minor,
    priceDifferenceMinor: row.price_difference_minor,
    replacement: replacementOf(row.events),
    autoApproved: row.auto_approved,
    createdAt: new Date(row.created_at).toISOString(),
    stateChangedAt: new Date(row.state_changed_at).toISOString(),
    next: e.next,
    nextBy: e.nextBy?.toISOString() ?? null,
    outcomeBy: e.outcomeBy?.toISOString() ?? null,
    openQuestion: state === 'needs_info' ? (lastQuestion?.message ?? null) : null,
    issuedAt: issued?.at ?? null,
    items: row.items.map((i) => ({
      lineItemId: i.line_item_id,
      title: i.title,
      variantTitle: i.variant_title,
      exchangeVariantTitle: i.exchange_variant_title,
      imageUrl: i.image_url,
      quantity: i.quantity,
      reason: i.reason,
      note: i.note,
      paidMinor: i.paid_minor,
      restockingFeeMinor: i.restocking_fee_minor,
      totalMinor: i.total_minor,
      keepItem: i.keep_item,
      caseItemId: i.case_item_id,
      receivedAt: iso(i.received_at),
      inspectedAt: iso(i.inspected_at),
      condition: isItemCondition(i.condition) ? i.condition : null,
      inspectionNote: staff ? i.inspection_note : null,
      disposition: i.disposition === 'restock' || i.disposition === 'dispose' ? i.disposition : null,
      dispositionAt: iso(i.disposition_at),
    })),
    photos: row.photos.map((p) => ({
      id: p.id,
      lineItemId: p.line_item_id,
      hasThumb: p.thumb_key !== null,
      uploadedBy: p.uploaded_by,
    })),
    events,
    // Receiving is done item by item (or all at once) in the items section, not as a case command.
    staffCommands: staff ? availableCommands(state, 'staff').filter((c) => c !== 'receive') : [],
    expectation: outlook.expectation,
    releaseHeld: outlook.releaseHeld,
    waiting: staff ? outlook.waiting : [],
  }
  return view
}

/** The buyer's view of a case of their order; null when the case is not on that order. */
export async function getBuyerCase(input: {
  shopId: string
  orderId: string
  caseNumber: number
  now: Date
}): Promise<CaseView | null> {
  const [row, outlook] = await Promise.all([
    cases.findCaseDetail(db, input.shopId, input.caseNumber),
    loadCaseOutlook(input.shopId, { caseNumber: input.caseNumber }, input.now),
  ])
  if (!row || !outlook || row.order_id !== input.orderId) return null
  return toView(row, outlook, false)
}

/** The staff view of a case of the shop; null when there is none with that number. */
export async function getStaffCase(input: {
  shopId: string
  caseNumber: number
  now: Date
}): Promise<(CaseView & { buyerView: string }) | null> {
  const [row, outlook] = await Promise.all([
    cases.findCaseDetail(db, input.shopId, input.caseNumber),
    loadCaseOutlook(input.shopId, { caseNumber: input.caseNumber }, input.now),
  ])
  if (!row || !outlook) return null
  const token = createBuyerToken(
    { shopId: input.shopId, orderId: row.order_id },
    input.now,
    STAFF_VIEW_TTL_MS,
  )
  return { ...toView(row, outlook, true), buyerView: `/track/${token}` }
}

/** States a support agent works on; the rest are finished. */
export const OPEN_CASE_STATES: readonly CaseState[] = [
  'requested',
  'needs_info',
  'approved',
  'awaiting_return',
  'return_in_transit',
  'received',
]

export interface CaseQueueRow {
  number: string
  kind: 'return' | 'complaint'
  complaintKind: string | null
  state: CaseState
  resolution: string | null
  currency: string
  issuedMinor: number
  buyerEmail: string
  customer: string
  orderNumber: string
  autoApproved: boolean
  createdAt: string
  waitingSince: string
  /** A refund, credit or coupon failed, or differs from the provider's record: support must look. */
  attention: { failed: number; mismatched: number } | null
}

/**
 * The support queue: cases in `states` (the open ones by default), longest waiting first. With
 * `attention`, only the cases needing attention (a failed resolution or a difference with the provider),
 * in any state: a refund can fail after its case was resolved.
 */
export async function listCaseQueue(input: {
  shopId: string
  states?: readonly CaseState[]
  attention?: boolean
  limit?: number
}): Promise<CaseQueueRow[]> {
  const flagged = await casesNeedingAttention(input.shopId)
  const rows = await cases.listCases(db, {
    shopId: input.shopId,
    states: input.attention ? CASE_STATES : (input.states ?? OPEN_CASE_STATES),
    limit: input.limit ?? 200,
    ...(input.attention ? { caseIds: [...flagged.keys()] } : {}),
  })
  return rows.map((r) => ({
    attention: flagged.get(r.id) ?? null,
    number: `R-${r.number}`,
    kind: r.kind as CaseQueueRow['kind'],
    complaintKind: r.complaint_kind,
    state: r.state as CaseState,
    resolution: r.resolution,
    currency: r.currency,
    issuedMinor: r.issued_minor,
    buyerEmail: r.buyer_email,
    customer: r.customer_name,
    orderNumber: formatOrderNumber(r.order_number),
    autoApproved: r.auto_approved,
    createdAt: new Date(r.created_at).toISOString(),
    waitingSince: new Date(r.state_changed_at).toISOString(),
  }))
}
