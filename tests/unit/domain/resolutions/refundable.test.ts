import { describe, expect, test } from 'vitest'
import { fitRefund, remainingRefundable } from '#app/domain/resolutions/refundable'

describe('what remains refundable', () => {
  test('what was paid (with charged differences) less what is refunded, never below zero', () => {
    expect(remainingRefundable({ paidMinor: 10_000, chargedMinor: 0, refundedMinor: 0 })).toBe(10_000)
    expect(remainingRefundable({ paidMinor: 10_000, chargedMinor: 1_500, refundedMinor: 4_000 })).toBe(7_500)
    expect(remainingRefundable({ paidMinor: 10_000, chargedMinor: 0, refundedMinor: 12_000 })).toBe(0)
  })

  test('a refund up to the last cent fits; one cent more does not, and says by how much', () => {
    const t = { paidMinor: 25_000, chargedMinor: 0, refundedMinor: 20_000 }
    expect(fitRefund(t, 5_000)).toEqual({ ok: true, remainingAfterMinor: 0 })
    expect(fitRefund(t, 5_001)).toEqual({
      ok: false,
      remainingMinor: 5_000,
      wouldTotalMinor: 25_001,
      paidMinor: 25_000,
    })
  })
})
