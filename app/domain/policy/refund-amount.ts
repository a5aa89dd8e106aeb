// How much the buyer gets back. For each item being returned the starting point is what the buyer actually
// paid for those units: the price, less the line's own discount, less the line's share of any order-wide
// discount (shared over the lines by what they cost), plus the tax when it was charged on top of the price
// (when prices include tax, the tax is already in the price). A line's total is split over its units as
// evenly as whole cents allow, and each return takes the next units not yet returned, so returning a line
// bit by bit adds up to exactly what was paid for it, never more. From that the shop may keep a restocking
// fee (a percent of the item, unless the reason waives it) and one flat return shipping fee per return,
// charged unless every item's reason waives it (one item the buyer simply changed their mind about means
// a parcel the buyer pays to send). An item the buyer may keep ("green return") is not shipped or
// restocked, so it carries neither fee. Store credit, exchanges and coupons may add a bonus on top of what
// is returned. The amount taken from the buyer's payment is never negative and never more than they paid.
import { percentOf } from '../money/money'
import { computeLinePaid, evaluateEligibility, type ReturnOrder } from './evaluate-eligibility'
import {
  RETURN_REASONS,
  amountFor,
  bonusPercentFor,
  isResolutionEnabled,
  type Resolution,
  type ReturnPolicy,
  type ReturnReason,
} from './policy'

export interface ReturnSelection {
  lineItemId: string
  quantity: number
  reason: ReturnReason
}

export interface ReturnAmountsInput {
  policy: ReturnPolicy
  order: ReturnOrder
  selections: readonly ReturnSelection[]
  resolution: Resolution
  /** Needed to check each item is still eligible (window, limits). */
  now: Date
}

export interface ReturnItemAmount {
  lineItemId: string
  reason: ReturnReason
  quantity: number
  /** What the buyer paid for these units (tax included when it was charged on top). */
  paidMinor: number
  /** The tax inside `paidMinor` (or inside the price when taxes are included); for accounting. */
  taxMinor: number
  restockingFeeMinor: number
  /** paidMinor − restockingFeeMinor. */
  netMinor: number
  /** Green return: the buyer keeps the item; nothing is shipped back. */
  keepItem: boolean
}

export interface ReturnTotals {
  currency: string
  paidMinor: number
  restockingFeeMinor: number
  /** The flat fee actually deducted: 0 when waived, and never more than what is left after restocking. */
  returnShippingFeeMinor: number
  /** paid − restocking − shipping: what comes out of the buyer's payment. 0 ≤ total ≤ paid. */
  totalMinor: number
  /** Bonus on `totalMinor` for store credit, exchange or coupon; 0 for a refund. Paid by the shop. */
  bonusMinor: number
  /** Value issued to the buyer: totalMinor + bonusMinor (for a refund, equal to totalMinor). */
  issuedMinor: number
}

export type ReturnAmountsErrorCode =
  | 'unknown_item'
  | 'invalid_quantity'
  | 'reason_disabled'
  | 'item_not_eligible'
  | 'quantity_exceeds_returnable'
  | 'resolution_not_allowed'

export type ReturnAmountsResult =
  | { ok: true; items: ReturnItemAmount[]; totals: ReturnTotals }
  | { ok: false; code: ReturnAmountsErrorCode; message: string; lineItemId: string | null }

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * The share of `total` that falls on units `[from, from + count)` when `total` is split over `units` units
 * by largest remainder (equal weights, so the first `total % units` units get the extra minor unit). Same
 * result as summing a slice of `allocateProportionally(total, Array(units).fill(1))`, without the array.
 */
export function unitRangeShare(total: number, units: number, from: number, count: number): number {
  if (units <= 0 || count <= 0) return 0
  const base = Math.floor(total / units)
  const extra = total - base * units
  const withExtra = Math.max(0, Math.min(from + count, extra) - from)
  return base * count + withExtra
}

/**
 * Money breakdown of a return for the chosen resolution, all in minor units of the order's currency.
 * Selections for the same line and reason are merged; results come back sorted by line then reason, so
 * they do not depend on the order of the input. Never throws on bad selections: problems come back as
 * `{ ok: false }` with one of the `ReturnAmountsErrorCode`s (the first found, checking lines in id order).
 * An empty selection is valid and costs nothing (no shipping fee: there is no parcel).
 */
export function computeReturnAmounts(input: ReturnAmountsInput): ReturnAmountsResult {
  const { policy, order, resolution } = input
  const fail = (code: ReturnAmountsErrorCode, message: string, lineItemId: string | null = null) =>
    ({ ok: false, code, message, lineItemId }) as const

  if (!isResolutionEnabled(policy, resolution)) {
    return fail('resolution_not_allowed', `This shop does not offer '${resolution}' for returns`)
  }

  const items = new Map(order.items.map((i) => [i.lineItemId, i]))
  const eligibility = new Map(evaluateEligibility(input).map((e) => [e.lineItemId, e]))

  // Merge by (line, reason) and sort, so both the checks and the unit assignment are order-independent.
  const merged = new Map<string, ReturnSelection>()
  for (const s of input.selections) {
    const key = `${s.lineItemId}\u0000${s.reason}`
    const prev = merged.get(key)
    merged.set(key, prev ? { ...s, quantity: prev.quantity + s.quantity } : { ...s })
  }
  const selections = [...merged.values()].sort(
    (a, b) =>
      byId(a.lineItemId, b.lineItemId) || RETURN_REASONS.indexOf(a.reason) - RETURN_REASONS.indexOf(b.reason),
  )

  const selectedQty = new Map<string, number>()
  for (const s of selections) {
    const id = s.lineItemId
    if (!items.has(id)) return fail('unknown_item', `Order has no line item '${id}'`, id)
    if (!Number.isSafeInteger(s.quantity) || s.quantity < 1) {
      return fail('invalid_quantity', `Quantity must be a whole number of at least 1, got ${s.quantity}`, id)
    }
    const reason = policy.reasons[s.reason]
    if (!reason?.enabled) return fail('reason_disabled', `The reason '${s.reason}' is not offered`, id)
    const e = eligibility.get(id)!
    if (!e.eligible) return fail('item_not_eligible', e.sentence, id)
    const qty = (selectedQty.get(id) ?? 0) + s.quantity
    if (qty > e.returnableQty) {
      return fail('quantity_exceeds_returnable', `Only ${e.returnableQty} of this item can be returned`, id)
    }
    selectedQty.set(id, qty)
    if (!reason.allowedResolutions.includes(resolution)) {
      return fail('resolution_not_allowed', `'${resolution}' is not offered for the reason '${s.reason}'`, id)
    }
  }

  const paidByLine = computeLinePaid(order)
  const nextUnit = new Map<string, number>()
  const greenLimit = policy.greenReturn.enabled
    ? amountFor(policy.greenReturn.maxItemValue, order.currency)
    : null
  let shippingWaived = true

  const result: ReturnItemAmount[] = selections.map((s) => {
    const line = paidByLine.get(s.lineItemId)!
    const reason = policy.reasons[s.reason]
    // Units already in earlier returns come first; this return takes the next ones.
    const from = nextUnit.get(s.lineItemId) ?? Math.max(0, order.alreadyReturnedQty[s.lineItemId] ?? 0)
    nextUnit.set(s.lineItemId, from + s.quantity)
    const paidMinor = unitRangeShare(line.paidMinor, line.quantity, from, s.quantity)
    const taxMinor = unitRangeShare(line.taxMinor, line.quantity, from, s.quantity)
    // An item's value for the keep-it rule is the most a single unit of the line cost, so it does not depend
    // on which units this return happens to take.
    const unitValue = Math.ceil(line.paidMinor / line.quantity)
    const keepItem = greenLimit !== null && reason.waiveReturnShipping && unitValue < greenLimit
    if (!reason.waiveReturnShipping && !keepItem) shippingWaived = false
    const restockingFeeMinor =
      keepItem || reason.waiveRestockingFee
        ? 0
        : Math.min(paidMinor, percentOf(paidMinor, policy.restockingFeePercent))
    return {
      lineItemId: s.lineItemId,
      reason: s.reason,
      quantity: s.quantity,
      paidMinor,
      taxMinor,
      restockingFeeMinor,
      netMinor: paidMinor - restockingFeeMinor,
      keepItem,
    }
  })

  const paidMinor = result.reduce((a, i) => a + i.paidMinor, 0)
  const restockingFeeMinor = result.reduce((a, i) => a + i.restockingFeeMinor, 0)
  const afterRestocking = paidMinor - restockingFeeMinor
  const fee =
    result.length === 0 || shippingWaived ? 0 : (amountFor(policy.returnShippingFee, order.currency) ?? 0)
  const returnShippingFeeMinor = Math.min(Math.max(0, fee), afterRestocking)
  const totalMinor = afterRestocking - returnShippingFeeMinor
  const bonusMinor = percentOf(totalMinor, bonusPercentFor(policy, resolution))

  return {
    ok: true,
    items: result,
    totals: {
      currency: order.currency,
      paidMinor,
      restockingFeeMinor,
      returnShippingFeeMinor,
      totalMinor,
      bonusMinor,
      issuedMinor: totalMinor + bonusMinor,
    },
  }
}

export type AutoApprovalBlocker =
  | 'disabled'
  | 'blocked_customer'
  | 'no_limit_for_currency'
  | 'value_too_high'
  | 'reason_not_listed'
  | 'too_many_recent_returns'

/**
 * Whether a return can be approved without staff: auto-approval is on, the return's value (`paidMinor`
 * of its totals) is strictly under the limit for its currency, every reason is in the list, the buyer has
 * had fewer than `maxReturnsLast90Days` returns in the last 90 days (counted by the caller), and the buyer
 * is not blocked. Returns every condition that failed, so staff can see why a case is waiting for them.
 */
export function evaluateAutoApproval(input: {
  policy: ReturnPolicy
  currency: string
  email: string
  valueMinor: number
  reasons: readonly ReturnReason[]
  buyerReturnsLast90Days: number
}): { approve: boolean; blockers: AutoApprovalBlocker[] } {
  const { policy, currency } = input
  const rule = policy.autoApprove
  const blockers: AutoApprovalBlocker[] = []
  if (!rule.enabled) blockers.push('disabled')
  const email = input.email.trim().toLowerCase()
  if (policy.blockedEmails.some((e) => e.trim().toLowerCase() === email)) blockers.push('blocked_customer')
  const limit = amountFor(rule.maxValue, currency)
  if (limit === null) blockers.push('no_limit_for_currency')
  else if (!(input.valueMinor < limit)) blockers.push('value_too_high')
  if (input.reasons.some((r) => !rule.reasons.includes(r))) blockers.push('reason_not_listed')
  if (!(input.buyerReturnsLast90Days < rule.maxReturnsLast90Days)) blockers.push('too_many_recent_returns')
  return { approve: blockers.length === 0, blockers }
}
