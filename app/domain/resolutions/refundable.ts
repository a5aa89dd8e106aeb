// Never refund more than the buyer paid. What an order can still give back is what was paid for it (its
// total, plus any price difference charged for an exchange) less every refund its cases already count,
// whichever case they belong to: a return refunded after a "not arrived" refund of the same order finds
// nothing left. Pure: totals in integer minor units in, a decision out.

export interface RefundTotals {
  /** The order's total as paid. */
  paidMinor: number
  /** Price differences charged on top of it (exchanges for dearer variants). */
  chargedMinor: number
  /** Refunds of the order's cases that count already. */
  refundedMinor: number
}

export function remainingRefundable(t: RefundTotals): number {
  return Math.max(0, t.paidMinor + t.chargedMinor - t.refundedMinor)
}

export type RefundFit =
  | { ok: true; remainingAfterMinor: number }
  | { ok: false; remainingMinor: number; wouldTotalMinor: number; paidMinor: number }

/** Whether refunding `amountMinor` more keeps the order's refunds within what was paid. */
export function fitRefund(t: RefundTotals, amountMinor: number): RefundFit {
  const remaining = remainingRefundable(t)
  if (amountMinor <= remaining) return { ok: true, remainingAfterMinor: remaining - amountMinor }
  return {
    ok: false,
    remainingMinor: remaining,
    wouldTotalMinor: t.refundedMinor + amountMinor,
    paidMinor: t.paidMinor + t.chargedMinor,
  }
}
