// Can the buyer return this item, and if not, why? Each line of an order is checked against the shop's
// policy and gets one answer: a code, a sentence for the buyer, how many units can still be returned and the
// last day to do it. When several rules say no, the buyer hears the one that will never change first:
// a blocked customer, then final sale, an excluded tag, product type or SKU, too big a discount, and
// "already returned"; then the ones that depend on time: not shipped yet, window closed; and last the
// per-order limit on returns. The window starts on the delivery, fulfilment or order date as the shop
// chose; when delivery was never confirmed it falls back to fulfilment or the order date. An order nothing
// of which has shipped (no fulfilment and no delivery date) cannot be returned whatever the setting: the
// buyer should cancel, not return. The window closes at the end of the UTC day `days` after its start.
// Items refused for a product rule or a closed window point the buyer to "report a problem" instead,
// since a damaged or faulty item may still be the shop's responsibility.
import { allocateProportionally } from '../money/money'
import type { ReturnPolicy } from './policy'
import { englishDay } from '../text/english-dates'

export interface ReturnOrderItem {
  lineItemId: string
  sku: string | null
  productType: string | null
  tags: readonly string[]
  quantity: number
  /** Price of one unit before any discount, minor units. */
  unitPriceMinor: number
  /** Discount on the whole line (all units), minor units. */
  lineDiscountMinor: number
  /** Tax on the whole line, minor units. */
  taxMinor: number
  /** True when the price already contains the tax (EU style); false when tax was charged on top (US style). */
  taxesIncluded: boolean
}

export interface ReturnOrder {
  placedAt: Date
  fulfilledAt: Date | null
  deliveredAt: Date | null
  currency: string
  email: string
  /** Order-level discount (discount codes on the whole order), minor units. */
  discountMinor: number
  items: readonly ReturnOrderItem[]
  /** Return cases already opened on this order. */
  returnsOnThisOrder: number
  /** Units of each line already in a return case. */
  alreadyReturnedQty: Readonly<Record<string, number>>
}

export type EligibilityCode =
  | 'eligible'
  | 'blocked_customer'
  | 'final_sale'
  | 'excluded_tag'
  | 'excluded_type'
  | 'excluded_sku'
  | 'discount_too_high'
  | 'fully_returned'
  | 'not_delivered_yet'
  | 'window_closed'
  | 'order_limit_reached'

/** When several rules refuse an item, the earliest code in this list is the one reported. */
export const ELIGIBILITY_PRECEDENCE = [
  'blocked_customer',
  'final_sale',
  'excluded_tag',
  'excluded_type',
  'excluded_sku',
  'discount_too_high',
  'fully_returned',
  'not_delivered_yet',
  'window_closed',
  'order_limit_reached',
] as const satisfies readonly Exclude<EligibilityCode, 'eligible'>[]

export interface ItemEligibility {
  lineItemId: string
  eligible: boolean
  code: EligibilityCode
  /** Units the buyer may still return; 0 when not eligible. */
  returnableQty: number
  /** End of the last day of the window (23:59:59.999 UTC); null when nothing has shipped yet. */
  deadline: Date | null
  /** For the UI to translate. `date` params are UTC calendar days, 'YYYY-MM-DD'. */
  message: { key: string; params: Record<string, string | number> }
  /** Plain English, for logs and tests. */
  sentence: string
  nextStep: 'report_problem' | null
}

export interface LinePaid {
  lineItemId: string
  /** Units on the line. */
  quantity: number
  /** Unit price × quantity, before discounts. */
  grossMinor: number
  lineDiscountMinor: number
  /** This line's share of the order-level discount. */
  orderDiscountMinor: number
  /** Tax on the line (informational when taxes are included in the price). */
  taxMinor: number
  /** What the buyer paid for the whole line: gross − both discounts, + tax when tax was charged on top. */
  paidMinor: number
}

const DAY_MS = 86_400_000
const clamp = (n: number, lo: number, hi: number) => Math.min(Math.max(n, lo), hi)
const norm = (s: string) => s.trim().toLowerCase()

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10)
}

/**
 * What the buyer paid for each line, in minor units. The order-level discount is spread over the lines in
 * proportion to what each cost after its own discount (largest remainder), lines taken in `lineItemId`
 * order so that ties never depend on how the items happen to be listed. Discounts are clamped so no line
 * goes below zero. Order data is trusted (it comes from the shop): fractional amounts throw.
 */
export function computeLinePaid(order: Pick<ReturnOrder, 'discountMinor' | 'items'>): Map<string, LinePaid> {
  const lines = [...order.items].sort((a, b) =>
    a.lineItemId < b.lineItemId ? -1 : a.lineItemId > b.lineItemId ? 1 : 0,
  )
  const afterLineDiscount = lines.map((l) => {
    const gross = l.unitPriceMinor * l.quantity
    return gross - clamp(l.lineDiscountMinor, 0, gross)
  })
  const orderDiscount = clamp(
    order.discountMinor,
    0,
    afterLineDiscount.reduce((a, b) => a + b, 0),
  )
  const shares = allocateProportionally(orderDiscount, afterLineDiscount)
  const result = new Map<string, LinePaid>()
  lines.forEach((l, i) => {
    const gross = l.unitPriceMinor * l.quantity
    const share = shares[i]!
    const tax = Math.max(0, l.taxMinor)
    result.set(l.lineItemId, {
      lineItemId: l.lineItemId,
      quantity: l.quantity,
      grossMinor: gross,
      lineDiscountMinor: gross - afterLineDiscount[i]!,
      orderDiscountMinor: share,
      taxMinor: tax,
      paidMinor: afterLineDiscount[i]! - share + (l.taxesIncluded ? 0 : tax),
    })
  })
  return result
}

/** The date the window counts from, or null when nothing has shipped yet (see the rule above). */
export function windowStart(policy: ReturnPolicy, order: ReturnOrder): Date | null {
  if (!order.deliveredAt && !order.fulfilledAt) return null
  switch (policy.window.countFrom) {
    case 'order':
      return order.placedAt
    case 'fulfillment':
      return order.fulfilledAt ?? order.deliveredAt
    case 'delivery':
      if (order.deliveredAt) return order.deliveredAt
      return policy.window.fallbackWhenUndelivered === 'order' ? order.placedAt : order.fulfilledAt
  }
}

/** End of the UTC day `policy.window.days` days after the window start; null when nothing has shipped. */
export function returnDeadline(policy: ReturnPolicy, order: ReturnOrder): Date | null {
  const start = windowStart(policy, order)
  if (!start) return null
  const lastDay = Date.UTC(
    start.getUTCFullYear(),
    start.getUTCMonth(),
    start.getUTCDate() + policy.window.days,
  )
  return new Date(lastDay + DAY_MS - 1)
}

function matchesAny(value: string | null, list: readonly string[]): string | null {
  if (value === null) return null
  const v = norm(value)
  return v !== '' && list.some((x) => norm(x) === v) ? value : null
}

function refusal(
  lineItemId: string,
  code: Exclude<EligibilityCode, 'eligible'>,
  deadline: Date | null,
  key: string,
  params: Record<string, string | number>,
  sentence: string,
  nextStep: 'report_problem' | null,
): ItemEligibility {
  return {
    lineItemId,
    eligible: false,
    code,
    returnableQty: 0,
    deadline,
    message: { key, params },
    sentence,
    nextStep,
  }
}

/**
 * One answer per order line, in the order of `order.items`. Pure: the same input at the same `now` gives the
 * same answer, and an item's answer does not depend on where it sits in the list.
 */
export function evaluateEligibility(input: {
  policy: ReturnPolicy
  order: ReturnOrder
  now: Date
}): ItemEligibility[] {
  const { policy, order, now } = input
  const paid = computeLinePaid(order)
  const deadline = returnDeadline(policy, order)
  const email = norm(order.email)
  const blocked = email !== '' && policy.blockedEmails.some((e) => norm(e) === email)
  const finalSale = policy.finalSaleTag === null ? '' : norm(policy.finalSaleTag)
  const days = policy.window.days

  return order.items.map((item): ItemEligibility => {
    const id = item.lineItemId
    const report = 'report_problem' as const

    if (blocked) {
      return refusal(
        id,
        'blocked_customer',
        deadline,
        'policy.blockedCustomer',
        {},
        "Returns for this order can't be started online; please contact the shop",
        null,
      )
    }
    if (finalSale !== '' && item.tags.some((t) => norm(t) === finalSale)) {
      return refusal(
        id,
        'final_sale',
        deadline,
        'policy.finalSale',
        {},
        "Final sale items can't be returned",
        report,
      )
    }
    const tag = item.tags.find((t) => matchesAny(t, policy.exclusions.tags) !== null)
    if (tag !== undefined) {
      return refusal(
        id,
        'excluded_tag',
        deadline,
        'policy.excludedTag',
        { tag },
        "This item can't be returned",
        report,
      )
    }
    const productType = matchesAny(item.productType, policy.exclusions.productTypes)
    if (productType !== null) {
      const params = { productType }
      return refusal(
        id,
        'excluded_type',
        deadline,
        'policy.excludedType',
        params,
        "This item can't be returned",
        report,
      )
    }
    const sku = matchesAny(item.sku, policy.exclusions.skus)
    if (sku !== null) {
      return refusal(
        id,
        'excluded_sku',
        deadline,
        'policy.excludedSku',
        { sku },
        "This item can't be returned",
        report,
      )
    }
    const line = paid.get(id)!
    const discount = line.lineDiscountMinor + line.orderDiscountMinor
    // "More than" the limit, compared in whole numbers: discount / gross > max% ⇔ discount × 100 > max × gross.
    if (policy.maxDiscountPercent !== null && discount * 100 > policy.maxDiscountPercent * line.grossMinor) {
      const percent = policy.maxDiscountPercent
      return refusal(
        id,
        'discount_too_high',
        deadline,
        'policy.discountTooHigh',
        { percent },
        `Items bought at more than ${percent}% off can't be returned`,
        report,
      )
    }
    const returnable = Math.max(0, item.quantity - Math.max(0, order.alreadyReturnedQty[id] ?? 0))
    if (returnable === 0) {
      return refusal(
        id,
        'fully_returned',
        deadline,
        'policy.fullyReturned',
        {},
        'Every unit of this item is already being returned',
        null,
      )
    }
    if (!deadline) {
      return refusal(
        id,
        'not_delivered_yet',
        null,
        'policy.notDeliveredYet',
        {},
        'This item can be returned once it has shipped',
        null,
      )
    }
    if (now.getTime() > deadline.getTime()) {
      return refusal(
        id,
        'window_closed',
        deadline,
        'policy.windowClosed',
        { days, date: isoDay(deadline) },
        `The ${days}-day window closed on ${englishDay(deadline)}`,
        report,
      )
    }
    if (policy.maxReturnsPerOrder !== null && order.returnsOnThisOrder >= policy.maxReturnsPerOrder) {
      const limit = policy.maxReturnsPerOrder
      return refusal(
        id,
        'order_limit_reached',
        deadline,
        'policy.orderLimitReached',
        { limit },
        `This order has already had ${limit} ${limit === 1 ? 'return' : 'returns'}, the most allowed`,
        null,
      )
    }
    return {
      lineItemId: id,
      eligible: true,
      code: 'eligible',
      returnableQty: returnable,
      deadline,
      message: {
        key: 'policy.eligible',
        params: { days, date: isoDay(deadline), returnableQty: returnable },
      },
      sentence: `You can return this item until ${englishDay(deadline)}`,
      nextStep: null,
    }
  })
}
