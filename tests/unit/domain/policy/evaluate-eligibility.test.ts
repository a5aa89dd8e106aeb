import { describe, expect, test } from 'vitest'
import {
  ELIGIBILITY_PRECEDENCE,
  computeLinePaid,
  evaluateEligibility,
  returnDeadline,
  type ReturnOrder,
  type ReturnOrderItem,
} from '#app/domain/policy/evaluate-eligibility'
import { DEFAULT_RETURN_POLICY, type ReturnPolicy } from '#app/domain/policy/policy'

const at = (iso: string) => new Date(iso)

function item(overrides: Partial<ReturnOrderItem> = {}): ReturnOrderItem {
  return {
    lineItemId: 'line-1',
    sku: 'TEE-M-BLK',
    productType: 'T-shirt',
    tags: [],
    quantity: 2,
    unitPriceMinor: 2500,
    lineDiscountMinor: 0,
    taxMinor: 0,
    taxesIncluded: true,
    ...overrides,
  }
}

// Delivered 1 February 2026; the default 30-day window closes at the end of 3 March 2026 (UTC).
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

const NOW = at('2026-02-10T12:00:00Z')

function only(o: ReturnOrder, p: ReturnPolicy = policy(), now: Date = NOW) {
  const results = evaluateEligibility({ policy: p, order: o, now })
  expect(results).toHaveLength(1)
  return results[0]!
}

describe('an ordinary item inside the window', () => {
  test('is eligible for all its units, with the deadline at the end of the last UTC day', () => {
    const e = only(order())
    expect(e).toMatchObject({
      lineItemId: 'line-1',
      eligible: true,
      code: 'eligible',
      returnableQty: 2,
      nextStep: null,
    })
    expect(e.deadline).toEqual(at('2026-03-03T23:59:59.999Z'))
    expect(e.message).toEqual({
      key: 'policy.eligible',
      params: { days: 30, date: '2026-03-03', returnableQty: 2 },
    })
    expect(e.sentence).toBe('You can return this item until 3 March 2026')
  })

  test('is still eligible in the last millisecond of the last day', () => {
    expect(only(order(), policy(), at('2026-03-03T23:59:59.999Z')).eligible).toBe(true)
  })

  test('can return only the units not already in a return', () => {
    expect(only(order({ alreadyReturnedQty: { 'line-1': 1 } })).returnableQty).toBe(1)
  })

  test('gives one answer per line in the order the lines were listed', () => {
    const o = order({ items: [item({ lineItemId: 'b' }), item({ lineItemId: 'a', tags: ['final-sale'] })] })
    const results = evaluateEligibility({ policy: policy(), order: o, now: NOW })
    expect(results.map((r) => [r.lineItemId, r.code])).toEqual([
      ['b', 'eligible'],
      ['a', 'final_sale'],
    ])
  })
})

describe('the return window', () => {
  test('closes after the last day and says when it closed', () => {
    const e = only(order(), policy(), at('2026-03-04T00:00:00Z'))
    expect(e).toMatchObject({
      eligible: false,
      code: 'window_closed',
      returnableQty: 0,
      nextStep: 'report_problem',
    })
    expect(e.sentence).toBe('The 30-day window closed on 3 March 2026')
    expect(e.message).toEqual({ key: 'policy.windowClosed', params: { days: 30, date: '2026-03-03' } })
    expect(e.deadline).toEqual(at('2026-03-03T23:59:59.999Z'))
  })

  test('counts from the delivery day whatever the time of delivery', () => {
    const late = order({ deliveredAt: at('2026-02-01T23:59:00Z') })
    expect(returnDeadline(policy(), late)).toEqual(at('2026-03-03T23:59:59.999Z'))
  })

  test('can count from fulfilment', () => {
    const p = policy((p) => (p.window.countFrom = 'fulfillment'))
    expect(returnDeadline(p, order())).toEqual(at('2026-02-26T23:59:59.999Z'))
  })

  test('can count from the order date', () => {
    const p = policy((p) => (p.window = { days: 14, countFrom: 'order', fallbackWhenUndelivered: 'order' }))
    expect(returnDeadline(p, order())).toEqual(at('2026-02-08T23:59:59.999Z'))
    expect(only(order(), p)).toMatchObject({
      code: 'window_closed',
      sentence: 'The 14-day window closed on 8 February 2026',
    })
  })

  test('falls back to fulfilment when delivery was never confirmed', () => {
    const e = only(order({ deliveredAt: null }))
    expect(e.eligible).toBe(true)
    expect(e.deadline).toEqual(at('2026-02-26T23:59:59.999Z'))
  })

  test('falls back to the order date when the shop chose that', () => {
    const p = policy((p) => (p.window.fallbackWhenUndelivered = 'order'))
    expect(returnDeadline(p, order({ deliveredAt: null }))).toEqual(at('2026-02-24T23:59:59.999Z'))
  })

  test('counting from fulfilment uses the delivery date when no fulfilment date was recorded', () => {
    const p = policy((p) => (p.window.countFrom = 'fulfillment'))
    expect(returnDeadline(p, order({ fulfilledAt: null }))).toEqual(at('2026-03-03T23:59:59.999Z'))
  })

  test('an order nothing of which has shipped cannot be returned yet, whatever the window counts from', () => {
    for (const countFrom of ['delivery', 'fulfillment', 'order'] as const) {
      const p = policy((p) => {
        p.window.countFrom = countFrom
        p.window.fallbackWhenUndelivered = 'order'
      })
      const e = only(order({ fulfilledAt: null, deliveredAt: null }), p)
      expect(e).toMatchObject({ eligible: false, code: 'not_delivered_yet', deadline: null, nextStep: null })
      expect(e.sentence).toBe('This item can be returned once it has shipped')
    }
  })

  test('crosses month and year ends on calendar days', () => {
    const p = policy((p) => (p.window.days = 1))
    expect(returnDeadline(p, order({ deliveredAt: at('2025-12-31T08:00:00Z') }))).toEqual(
      at('2026-01-01T23:59:59.999Z'),
    )
  })
})

describe('product rules', () => {
  test('final sale items cannot be returned and the buyer is pointed to reporting a problem', () => {
    const e = only(order({ items: [item({ tags: ['Summer', 'Final-Sale'] })] }))
    expect(e).toMatchObject({
      eligible: false,
      code: 'final_sale',
      returnableQty: 0,
      nextStep: 'report_problem',
    })
    expect(e.sentence).toBe("Final sale items can't be returned")
    expect(e.message).toEqual({ key: 'policy.finalSale', params: {} })
    expect(e.deadline).toEqual(at('2026-03-03T23:59:59.999Z'))
  })

  test('the final-sale rule can be turned off', () => {
    const p = policy((p) => (p.finalSaleTag = null))
    expect(only(order({ items: [item({ tags: ['final-sale'] })] }), p).eligible).toBe(true)
  })

  test('an excluded tag matches regardless of case and spaces', () => {
    const e = only(order({ items: [item({ tags: [' HYGIENE '] })] }))
    expect(e).toMatchObject({
      code: 'excluded_tag',
      nextStep: 'report_problem',
      sentence: "This item can't be returned",
    })
    expect(e.message).toEqual({ key: 'policy.excludedTag', params: { tag: ' HYGIENE ' } })
  })

  test('an excluded product type cannot be returned', () => {
    const p = policy((p) => (p.exclusions.productTypes = ['gift card']))
    const e = only(order({ items: [item({ productType: 'Gift Card' })] }), p)
    expect(e).toMatchObject({ code: 'excluded_type', message: { key: 'policy.excludedType' } })
  })

  test('an excluded SKU cannot be returned', () => {
    const p = policy((p) => (p.exclusions.skus = ['tee-m-blk']))
    expect(only(order(), p)).toMatchObject({
      code: 'excluded_sku',
      message: { params: { sku: 'TEE-M-BLK' } },
    })
  })

  test('a line without SKU or product type matches no SKU or type exclusion', () => {
    const p = policy((p) => {
      p.exclusions.skus = ['x']
      p.exclusions.productTypes = ['y']
    })
    expect(only(order({ items: [item({ sku: null, productType: null })] }), p).eligible).toBe(true)
  })
})

describe('discounted items', () => {
  const halfOff = (p: ReturnPolicy) => (p.maxDiscountPercent = 50)

  test('an item bought at more than the set discount cannot be returned', () => {
    const e = only(
      order({ items: [item({ quantity: 1, unitPriceMinor: 1000, lineDiscountMinor: 501 })] }),
      policy(halfOff),
    )
    expect(e).toMatchObject({ code: 'discount_too_high', nextStep: 'report_problem' })
    expect(e.sentence).toBe("Items bought at more than 50% off can't be returned")
    expect(e.message).toEqual({ key: 'policy.discountTooHigh', params: { percent: 50 } })
  })

  test('an item bought at exactly the set discount can be returned', () => {
    const e = only(
      order({ items: [item({ quantity: 1, unitPriceMinor: 1000, lineDiscountMinor: 500 })] }),
      policy(halfOff),
    )
    expect(e.eligible).toBe(true)
  })

  test('the order-wide discount counts towards the item discount', () => {
    const o = order({ discountMinor: 600, items: [item({ quantity: 1, unitPriceMinor: 1000 })] })
    expect(only(o, policy(halfOff)).code).toBe('discount_too_high')
  })

  test('without a discount rule any discount is fine', () => {
    expect(
      only(order({ items: [item({ quantity: 1, unitPriceMinor: 1000, lineDiscountMinor: 1000 })] })).eligible,
    ).toBe(true)
  })
})

describe('customer and order limits', () => {
  test('a blocked email cannot start a return online, matched regardless of case', () => {
    const p = policy((p) => (p.blockedEmails = ['ANA@example.com ']))
    const e = only(order(), p)
    expect(e).toMatchObject({ eligible: false, code: 'blocked_customer', nextStep: null })
    expect(e.sentence).toBe("Returns for this order can't be started online; please contact the shop")
  })

  test('an order that reached its limit of returns cannot have another', () => {
    const e = only(order({ returnsOnThisOrder: 2 }))
    expect(e).toMatchObject({
      code: 'order_limit_reached',
      message: { key: 'policy.orderLimitReached', params: { limit: 2 } },
    })
    expect(e.sentence).toBe('This order has already had 2 returns, the most allowed')
  })

  test('an order below its limit, or with no limit, can have another return', () => {
    expect(only(order({ returnsOnThisOrder: 1 })).eligible).toBe(true)
    expect(
      only(
        order({ returnsOnThisOrder: 50 }),
        policy((p) => (p.maxReturnsPerOrder = null)),
      ).eligible,
    ).toBe(true)
  })

  test('a line whose every unit is already in a return is fully returned', () => {
    const e = only(order({ alreadyReturnedQty: { 'line-1': 2 } }))
    expect(e).toMatchObject({ code: 'fully_returned', returnableQty: 0, nextStep: null })
  })
})

describe('precedence when several rules refuse an item', () => {
  // Everything is wrong at once; removing the winning problem must reveal the next code in the list.
  const problems: Record<
    (typeof ELIGIBILITY_PRECEDENCE)[number],
    { p?: (p: ReturnPolicy) => void; o?: Partial<ReturnOrder>; tag?: string }
  > = {
    blocked_customer: { p: (p) => (p.blockedEmails = ['ana@example.com']) },
    final_sale: { tag: 'final-sale' },
    excluded_tag: { tag: 'hygiene' },
    excluded_type: { p: (p) => (p.exclusions.productTypes = ['t-shirt']) },
    excluded_sku: { p: (p) => (p.exclusions.skus = ['tee-m-blk']) },
    discount_too_high: { p: (p) => (p.maxDiscountPercent = 10), o: { discountMinor: 2500 } },
    fully_returned: { o: { alreadyReturnedQty: { 'line-1': 2 } } },
    not_delivered_yet: { o: { fulfilledAt: null, deliveredAt: null } },
    window_closed: { o: { placedAt: at('2025-01-01T00:00:00Z') }, p: (p) => (p.window.countFrom = 'order') },
    order_limit_reached: { o: { returnsOnThisOrder: 5 } },
  }

  test('the documented order is the one applied', () => {
    expect(Object.keys(problems)).toEqual([...ELIGIBILITY_PRECEDENCE])
    ELIGIBILITY_PRECEDENCE.forEach((expected, k) => {
      // Apply the problems from position k on: the k-th must win.
      const active = ELIGIBILITY_PRECEDENCE.slice(k)
      const tags = active.flatMap((c) => (problems[c].tag ? [problems[c].tag] : []))
      const o = order({ items: [item({ tags })] })
      const edited = active.reduce<ReturnOrder>((acc, c) => ({ ...acc, ...problems[c].o }), o)
      const p = policy((p) => active.forEach((c) => problems[c].p?.(p)))
      expect(only(edited, p).code, `with problems ${active.join(', ')}`).toBe(expected)
    })
  })

  test('a final-sale item outside the window is reported as final sale', () => {
    expect(
      only(order({ items: [item({ tags: ['final-sale'] })] }), policy(), at('2027-01-01T00:00:00Z')).code,
    ).toBe('final_sale')
  })

  test('a fully returned item is reported as such even after the window closed', () => {
    expect(
      only(order({ alreadyReturnedQty: { 'line-1': 2 } }), policy(), at('2027-01-01T00:00:00Z')).code,
    ).toBe('fully_returned')
  })

  test('a closed window is reported before the per-order limit', () => {
    expect(only(order({ returnsOnThisOrder: 9 }), policy(), at('2027-01-01T00:00:00Z')).code).toBe(
      'window_closed',
    )
  })
})

describe('what the buyer paid per line', () => {
  test('spreads the order discount over lines by what they cost after their own discount', () => {
    const o = order({
      discountMinor: 1000,
      items: [
        item({ lineItemId: 'a', quantity: 1, unitPriceMinor: 3000, lineDiscountMinor: 0 }),
        item({ lineItemId: 'b', quantity: 2, unitPriceMinor: 1000, lineDiscountMinor: 1000 }),
      ],
    })
    const paid = computeLinePaid(o)
    expect(paid.get('a')).toMatchObject({ grossMinor: 3000, orderDiscountMinor: 750, paidMinor: 2250 })
    expect(paid.get('b')).toMatchObject({
      grossMinor: 2000,
      lineDiscountMinor: 1000,
      orderDiscountMinor: 250,
      paidMinor: 750,
    })
  })

  test('adds tax charged on top of the price, but not tax already inside it', () => {
    const o = order({
      items: [
        item({ lineItemId: 'us', quantity: 1, unitPriceMinor: 1000, taxMinor: 80, taxesIncluded: false }),
        item({ lineItemId: 'eu', quantity: 1, unitPriceMinor: 1230, taxMinor: 230, taxesIncluded: true }),
      ],
    })
    expect(computeLinePaid(o).get('us')!.paidMinor).toBe(1080)
    expect(computeLinePaid(o).get('eu')!.paidMinor).toBe(1230)
  })

  test('never lets discounts take a line below zero', () => {
    const o = order({
      discountMinor: 999_999,
      items: [item({ quantity: 1, unitPriceMinor: 500, lineDiscountMinor: 900 })],
    })
    expect(computeLinePaid(o).get('line-1')).toMatchObject({
      lineDiscountMinor: 500,
      orderDiscountMinor: 0,
      paidMinor: 0,
    })
  })

  test('breaks rounding ties by line id, not by listing order', () => {
    const a = item({ lineItemId: 'a', quantity: 1, unitPriceMinor: 100 })
    const b = item({ lineItemId: 'b', quantity: 1, unitPriceMinor: 100 })
    const one = computeLinePaid({ discountMinor: 1, items: [a, b] })
    const two = computeLinePaid({ discountMinor: 1, items: [b, a] })
    expect(one.get('a')!.orderDiscountMinor).toBe(1)
    expect(two.get('a')!.orderDiscountMinor).toBe(1)
    expect(two.get('b')!.orderDiscountMinor).toBe(0)
  })
})
