import { describe, expect, test } from 'vitest'
import { allocateProportionally } from '#app/domain/money/money'
import type { ReturnOrder, ReturnOrderItem } from '#app/domain/policy/evaluate-eligibility'
import { DEFAULT_RETURN_POLICY, type ReturnPolicy } from '#app/domain/policy/policy'
import {
  computeReturnAmounts,
  evaluateAutoApproval,
  unitRangeShare,
  type ReturnAmountsInput,
  type ReturnSelection,
} from '#app/domain/policy/refund-amount'

const at = (iso: string) => new Date(iso)
const NOW = at('2026-02-10T12:00:00Z')

function item(overrides: Partial<ReturnOrderItem> = {}): ReturnOrderItem {
  return {
    lineItemId: 'tee',
    sku: 'TEE-M-BLK',
    productType: 'T-shirt',
    tags: [],
    quantity: 1,
    unitPriceMinor: 2500,
    lineDiscountMinor: 0,
    taxMinor: 0,
    taxesIncluded: true,
    ...overrides,
  }
}

function order(overrides: Partial<ReturnOrder> = {}): ReturnOrder {
  return {
    placedAt: at('2026-01-25T10:00:00Z'),
    fulfilledAt: at('2026-01-27T10:00:00Z'),
    deliveredAt: at('2026-02-01T15:00:00Z'),
    currency: 'USD',
    email: 'ana@example.com',
    discountMinor: 0,
    items: [item()],
    returnsOnThisOrder: 0,
    alreadyReturnedQty: {},
    ...overrides,
  }
}

function policy(edit: (p: ReturnPolicy) => void = () => {}): ReturnPolicy {
  const p = structuredClone(DEFAULT_RETURN_POLICY)
  edit(p)
  return p
}

function amounts(overrides: Partial<ReturnAmountsInput> & { selections?: ReturnSelection[] } = {}) {
  return computeReturnAmounts({
    policy: policy(),
    order: order(),
    selections: [{ lineItemId: 'tee', quantity: 1, reason: 'wrong_size' }],
    resolution: 'refund',
    now: NOW,
    ...overrides,
  })
}

function ok(result: ReturnType<typeof computeReturnAmounts>) {
  if (!result.ok) throw new Error(`expected ok, got ${result.code}: ${result.message}`)
  return result
}

describe('refunding an ordinary item', () => {
  test('refunds what was paid less the flat return shipping fee', () => {
    const r = ok(amounts())
    expect(r.items).toEqual([
      {
        lineItemId: 'tee',
        reason: 'wrong_size',
        quantity: 1,
        paidMinor: 2500,
        taxMinor: 0,
        restockingFeeMinor: 0,
        netMinor: 2500,
        keepItem: false,
      },
    ])
    expect(r.totals).toEqual({
      currency: 'USD',
      paidMinor: 2500,
      restockingFeeMinor: 0,
      returnShippingFeeMinor: 695,
      totalMinor: 1805,
      bonusMinor: 0,
      issuedMinor: 1805,
    })
  })

  test('uses the shipping fee of the order currency', () => {
    expect(ok(amounts({ order: order({ currency: 'GBP' }) })).totals.returnShippingFeeMinor).toBe(495)
  })

  test('charges no shipping fee in a currency missing from the fee list', () => {
    expect(ok(amounts({ order: order({ currency: 'JPY' }) })).totals).toMatchObject({
      returnShippingFeeMinor: 0,
      totalMinor: 2500,
    })
  })

  test('never charges more shipping than is left to refund', () => {
    const r = ok(amounts({ order: order({ items: [item({ unitPriceMinor: 400 })] }) }))
    expect(r.totals).toMatchObject({ paidMinor: 400, returnShippingFeeMinor: 400, totalMinor: 0 })
  })
})

describe('what was paid for the returned units', () => {
  test('takes off the line discount and the line share of the order discount', () => {
    const o = order({
      discountMinor: 1000,
      items: [
        item({ lineItemId: 'tee', quantity: 1, unitPriceMinor: 3000 }),
        item({ lineItemId: 'cap', quantity: 2, unitPriceMinor: 1000, lineDiscountMinor: 1000 }),
      ],
    })
    const r = ok(amounts({ order: o, policy: policy((p) => (p.returnShippingFee = {})) }))
    expect(r.items[0]!.paidMinor).toBe(2250)
  })

  test('includes tax charged on top of the price', () => {
    const o = order({
      items: [item({ quantity: 2, unitPriceMinor: 1000, taxMinor: 161, taxesIncluded: false })],
    })
    const r = ok(
      amounts({ order: o, selections: [{ lineItemId: 'tee', quantity: 1, reason: 'arrived_damaged' }] }),
    )
    expect(r.items[0]).toMatchObject({ paidMinor: 1081, taxMinor: 81 })
  })

  test('does not add tax that is already in the price, but reports the part inside it', () => {
    const o = order({
      items: [item({ quantity: 1, unitPriceMinor: 1230, taxMinor: 230, taxesIncluded: true })],
    })
    const r = ok(amounts({ order: o, selections: [{ lineItemId: 'tee', quantity: 1, reason: 'defective' }] }))
    expect(r.items[0]).toMatchObject({ paidMinor: 1230, taxMinor: 230 })
  })

  test('splits a line over its units so that separate returns add up to exactly the line', () => {
    const o = order({ items: [item({ quantity: 3, unitPriceMinor: 1000, lineDiscountMinor: 2000 })] })
    const p = policy((p) => (p.maxReturnsPerOrder = null))
    const sel = (quantity: number): ReturnSelection[] => [
      { lineItemId: 'tee', quantity, reason: 'defective' },
    ]
    const first = ok(amounts({ order: o, policy: p, selections: sel(1) }))
    const rest = ok(
      amounts({ order: { ...o, alreadyReturnedQty: { tee: 1 } }, policy: p, selections: sel(2) }),
    )
    expect(first.items[0]!.paidMinor).toBe(334)
    expect(rest.items[0]!.paidMinor).toBe(666)
  })

  test('two reasons on one line take different units', () => {
    const o = order({ items: [item({ quantity: 3, unitPriceMinor: 1000, lineDiscountMinor: 2000 })] })
    const r = ok(
      amounts({
        order: o,
        selections: [
          { lineItemId: 'tee', quantity: 1, reason: 'defective' },
          { lineItemId: 'tee', quantity: 2, reason: 'changed_mind' },
        ],
      }),
    )
    expect(r.items.map((i) => [i.reason, i.paidMinor])).toEqual([
      ['changed_mind', 667],
      ['defective', 333],
    ])
    expect(r.totals.paidMinor).toBe(1000)
  })

  test('selections of the same line and reason are merged', () => {
    const o = order({ items: [item({ quantity: 3, unitPriceMinor: 1000 })] })
    const one = { lineItemId: 'tee', quantity: 1, reason: 'defective' } as const
    const r = ok(amounts({ order: o, selections: [one, one] }))
    expect(r.items).toHaveLength(1)
    expect(r.items[0]).toMatchObject({ quantity: 2, paidMinor: 2000 })
  })
})

describe('fees', () => {
  const restocking15 = (p: ReturnPolicy) => (p.restockingFeePercent = 15)

  test('keeps a restocking fee as a percent of what was paid, rounded half away from zero', () => {
    const o = order({ items: [item({ unitPriceMinor: 2499 })] })
    const r = ok(amounts({ order: o, policy: policy(restocking15) }))
    expect(r.items[0]).toMatchObject({ paidMinor: 2499, restockingFeeMinor: 375, netMinor: 2124 })
    expect(r.totals).toMatchObject({ restockingFeeMinor: 375, returnShippingFeeMinor: 695, totalMinor: 1429 })
  })

  test('waives the restocking fee for reasons that waive it', () => {
    const r = ok(
      amounts({
        policy: policy(restocking15),
        selections: [{ lineItemId: 'tee', quantity: 1, reason: 'wrong_item' }],
      }),
    )
    expect(r.items[0]!.restockingFeeMinor).toBe(0)
  })

  test('waives return shipping when every item is returned for a reason that waives it', () => {
    const o = order({ items: [item({ lineItemId: 'a' }), item({ lineItemId: 'b' })] })
    const r = ok(
      amounts({
        order: o,
        selections: [
          { lineItemId: 'a', quantity: 1, reason: 'arrived_damaged' },
          { lineItemId: 'b', quantity: 1, reason: 'wrong_item' },
        ],
      }),
    )
    expect(r.totals).toMatchObject({ returnShippingFeeMinor: 0, totalMinor: 5000 })
  })

  test('charges return shipping once when any item is returned for a reason that does not waive it', () => {
    const o = order({
      items: [item({ lineItemId: 'a' }), item({ lineItemId: 'b' }), item({ lineItemId: 'c' })],
    })
    const r = ok(
      amounts({
        order: o,
        selections: [
          { lineItemId: 'a', quantity: 1, reason: 'arrived_damaged' },
          { lineItemId: 'b', quantity: 1, reason: 'changed_mind' },
          { lineItemId: 'c', quantity: 1, reason: 'wrong_size' },
        ],
      }),
    )
    expect(r.totals).toMatchObject({ paidMinor: 7500, returnShippingFeeMinor: 695, totalMinor: 6805 })
  })
})

describe('keeping the item (green return)', () => {
  const cheap = order({ items: [item({ unitPriceMinor: 1499 })] })

  test('a cheap item that arrived damaged is kept, with no fees', () => {
    const p = policy((p) => (p.restockingFeePercent = 20))
    const r = ok(
      amounts({
        order: cheap,
        policy: p,
        selections: [{ lineItemId: 'tee', quantity: 1, reason: 'arrived_damaged' }],
      }),
    )
    expect(r.items[0]).toMatchObject({ keepItem: true, restockingFeeMinor: 0 })
    expect(r.totals.totalMinor).toBe(1499)
  })

  test('an item at or above the limit is sent back', () => {
    const o = order({ items: [item({ unitPriceMinor: 1500 })] })
    const r = ok(
      amounts({ order: o, selections: [{ lineItemId: 'tee', quantity: 1, reason: 'arrived_damaged' }] }),
    )
    expect(r.items[0]!.keepItem).toBe(false)
  })

  test('only applies to reasons that waive return shipping', () => {
    expect(ok(amounts({ order: cheap })).items[0]!.keepItem).toBe(false)
  })

  test('never applies in a currency without a limit, or when turned off', () => {
    const damaged: ReturnSelection[] = [{ lineItemId: 'tee', quantity: 1, reason: 'wrong_item' }]
    expect(
      ok(amounts({ order: { ...cheap, currency: 'CAD' }, selections: damaged })).items[0]!.keepItem,
    ).toBe(false)
    const off = policy((p) => (p.greenReturn.enabled = false))
    expect(ok(amounts({ order: cheap, policy: off, selections: damaged })).items[0]!.keepItem).toBe(false)
  })
})

describe('resolutions and bonuses', () => {
  const noFee = policy((p) => (p.returnShippingFee = {}))

  test('store credit adds its bonus on top of the returned amount', () => {
    const r = ok(amounts({ policy: noFee, resolution: 'store_credit' }))
    expect(r.totals).toMatchObject({ totalMinor: 2500, bonusMinor: 250, issuedMinor: 2750 })
  })

  test('the bonus is a percent of what is left after fees', () => {
    const r = ok(amounts({ resolution: 'exchange' }))
    // 5% of 1805 = 90.25 → 90.
    expect(r.totals).toMatchObject({ totalMinor: 1805, bonusMinor: 90, issuedMinor: 1895 })
  })

  test('a refund carries no bonus', () => {
    expect(ok(amounts({ policy: noFee })).totals.bonusMinor).toBe(0)
  })

  test('coupons give their bonus once the shop turns them on', () => {
    const p = policy((p) => {
      p.returnShippingFee = {}
      p.resolutions.coupon = { enabled: true, bonusPercent: 20 }
      p.reasons.wrong_size.allowedResolutions.push('coupon')
    })
    expect(ok(amounts({ policy: p, resolution: 'coupon' })).totals).toMatchObject({
      bonusMinor: 500,
      issuedMinor: 3000,
    })
  })
})

describe('refused selections come back as values', () => {
  test('a line that is not on the order', () => {
    expect(amounts({ selections: [{ lineItemId: 'nope', quantity: 1, reason: 'wrong_size' }] })).toEqual({
      ok: false,
      code: 'unknown_item',
      message: "Order has no line item 'nope'",
      lineItemId: 'nope',
    })
  })

  test('a quantity that is not a whole number of at least one', () => {
    for (const quantity of [0, -1, 1.5, Number.NaN]) {
      const r = amounts({ selections: [{ lineItemId: 'tee', quantity, reason: 'wrong_size' }] })
      expect(r).toMatchObject({ ok: false, code: 'invalid_quantity', lineItemId: 'tee' })
    }
  })

  test('more units than can still be returned', () => {
    const o = order({ items: [item({ quantity: 2 })], alreadyReturnedQty: { tee: 1 } })
    const r = amounts({ order: o, selections: [{ lineItemId: 'tee', quantity: 2, reason: 'wrong_size' }] })
    expect(r).toEqual({
      ok: false,
      code: 'quantity_exceeds_returnable',
      message: 'Only 1 of this item can be returned',
      lineItemId: 'tee',
    })
  })

  test('more units than can be returned, split over two reasons', () => {
    const r = amounts({
      selections: [
        { lineItemId: 'tee', quantity: 1, reason: 'wrong_size' },
        { lineItemId: 'tee', quantity: 1, reason: 'defective' },
      ],
    })
    expect(r).toMatchObject({ ok: false, code: 'quantity_exceeds_returnable' })
  })

  test('an item that is not eligible, with the eligibility sentence', () => {
    const o = order({ items: [item({ tags: ['final-sale'] })] })
    expect(amounts({ order: o })).toEqual({
      ok: false,
      code: 'item_not_eligible',
      message: "Final sale items can't be returned",
      lineItemId: 'tee',
    })
  })

  test('an item whose window has closed', () => {
    expect(amounts({ now: at('2026-06-01T00:00:00Z') })).toMatchObject({
      ok: false,
      code: 'item_not_eligible',
    })
  })

  test('a reason the shop does not offer', () => {
    const p = policy((p) => (p.reasons.other.enabled = false))
    const r = amounts({ policy: p, selections: [{ lineItemId: 'tee', quantity: 1, reason: 'other' }] })
    expect(r).toMatchObject({
      ok: false,
      code: 'reason_disabled',
      message: "The reason 'other' is not offered",
    })
  })

  test('a resolution the shop has turned off', () => {
    expect(amounts({ resolution: 'coupon' })).toEqual({
      ok: false,
      code: 'resolution_not_allowed',
      message: "This shop does not offer 'coupon' for returns",
      lineItemId: null,
    })
  })

  test('a resolution the reason does not allow', () => {
    const r = amounts({
      resolution: 'store_credit',
      selections: [{ lineItemId: 'tee', quantity: 1, reason: 'arrived_damaged' }],
    })
    expect(r).toMatchObject({ ok: false, code: 'resolution_not_allowed', lineItemId: 'tee' })
  })

  test('the first problem reported is the same whatever order the selections came in', () => {
    const o = order({ items: [item({ lineItemId: 'a' }), item({ lineItemId: 'b' })] })
    const bad: ReturnSelection[] = [
      { lineItemId: 'b', quantity: 9, reason: 'wrong_size' },
      { lineItemId: 'a', quantity: 0, reason: 'wrong_size' },
    ]
    expect(amounts({ order: o, selections: bad })).toEqual(
      amounts({ order: o, selections: [...bad].reverse() }),
    )
    expect(amounts({ order: o, selections: bad })).toMatchObject({
      code: 'invalid_quantity',
      lineItemId: 'a',
    })
  })

  test('an empty selection costs nothing and charges no shipping', () => {
    expect(ok(amounts({ selections: [] })).totals).toMatchObject({
      paidMinor: 0,
      returnShippingFeeMinor: 0,
      totalMinor: 0,
    })
  })
})

describe('unit shares', () => {
  test('match a largest-remainder split of the line over its units', () => {
    for (const [total, units] of [
      [1000, 3],
      [7, 4],
      [0, 2],
      [5, 5],
      [1, 6],
    ] as const) {
      const parts = allocateProportionally(total, Array<number>(units).fill(1))
      for (let from = 0; from <= units; from++) {
        for (let count = 0; from + count <= units; count++) {
          const expected = parts.slice(from, from + count).reduce((a, b) => a + b, 0)
          expect(unitRangeShare(total, units, from, count)).toBe(expected)
        }
      }
    }
  })
})

describe('auto-approval', () => {
  const base = {
    policy: DEFAULT_RETURN_POLICY,
    currency: 'USD',
    email: 'ana@example.com',
    valueMinor: 9999,
    reasons: ['wrong_size', 'changed_mind'] as const,
    buyerReturnsLast90Days: 2,
  }

  test('approves a small routine return from a buyer who rarely returns', () => {
    expect(evaluateAutoApproval({ ...base, reasons: [...base.reasons] })).toEqual({
      approve: true,
      blockers: [],
    })
  })

  test('lists every condition that failed', () => {
    const p = policy((p) => (p.blockedEmails = ['Ana@Example.com']))
    const r = evaluateAutoApproval({
      ...base,
      policy: p,
      valueMinor: 10000,
      reasons: ['defective'],
      buyerReturnsLast90Days: 3,
    })
    expect(r).toEqual({
      approve: false,
      blockers: ['blocked_customer', 'value_too_high', 'reason_not_listed', 'too_many_recent_returns'],
    })
  })

  test('never approves in a currency without a limit, or when turned off', () => {
    expect(evaluateAutoApproval({ ...base, reasons: [], currency: 'JPY' }).blockers).toEqual([
      'no_limit_for_currency',
    ])
    const off = policy((p) => (p.autoApprove.enabled = false))
    expect(evaluateAutoApproval({ ...base, reasons: [], policy: off }).blockers).toEqual(['disabled'])
  })
})
