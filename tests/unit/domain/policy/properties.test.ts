import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  computeLinePaid,
  evaluateEligibility,
  type ReturnOrder,
  type ReturnOrderItem,
} from '#app/domain/policy/evaluate-eligibility'
import {
  DEFAULT_RETURN_POLICY,
  RESOLUTIONS,
  RETURN_REASONS,
  type Resolution,
  type ReturnPolicy,
} from '#app/domain/policy/policy'
import { computeReturnAmounts, type ReturnSelection } from '#app/domain/policy/refund-amount'

const NOW = new Date('2026-02-10T12:00:00Z')

// Random policies that let every reason choose every resolution, so a generated return is valid and the
// properties are about the money, not about refusals (those have their own example tests).
const policyArb: fc.Arbitrary<ReturnPolicy> = fc
  .record({
    restockingFeePercent: fc.integer({ min: 0, max: 100 }),
    shippingFee: fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: null }),
    greenLimit: fc.option(fc.integer({ min: 0, max: 50_000 }), { nil: null }),
    bonus: fc.tuple(
      fc.integer({ min: 0, max: 100 }),
      fc.integer({ min: 0, max: 100 }),
      fc.integer({ min: 0, max: 100 }),
    ),
    waivers: fc.array(fc.tuple(fc.boolean(), fc.boolean()), {
      minLength: RETURN_REASONS.length,
      maxLength: RETURN_REASONS.length,
    }),
  })
  .map(({ restockingFeePercent, shippingFee, greenLimit, bonus, waivers }) => {
    const p = structuredClone(DEFAULT_RETURN_POLICY)
    p.restockingFeePercent = restockingFeePercent
    p.returnShippingFee = shippingFee === null ? {} : { USD: shippingFee }
    p.greenReturn = {
      enabled: greenLimit !== null,
      maxItemValue: greenLimit === null ? {} : { USD: greenLimit },
    }
    p.resolutions = {
      refund: { enabled: true },
      storeCredit: { enabled: true, bonusPercent: bonus[0] },
      exchange: { enabled: true, bonusPercent: bonus[1] },
      coupon: { enabled: true, bonusPercent: bonus[2] },
    }
    RETURN_REASONS.forEach((reason, i) => {
      const [waiveReturnShipping, waiveRestockingFee] = waivers[i]!
      p.reasons[reason] = {
        ...p.reasons[reason],
        allowedResolutions: [...RESOLUTIONS],
        waiveReturnShipping,
        waiveRestockingFee,
      }
    })
    p.maxReturnsPerOrder = null
    return p
  })

const itemArb = (lineItemId: string): fc.Arbitrary<ReturnOrderItem> =>
  fc
    .record({
      quantity: fc.integer({ min: 1, max: 6 }),
      // Common prices and no line discount half the time: equal lines make rounding ties, which is where
      // a result could start depending on the order of the lines.
      unitPriceMinor: fc.oneof(fc.constantFrom(0, 100, 999, 2500), fc.integer({ min: 0, max: 200_000 })),
      discountShare: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1.2, noNaN: true })),
      taxMinor: fc.integer({ min: 0, max: 40_000 }),
      taxesIncluded: fc.boolean(),
    })
    .map(({ quantity, unitPriceMinor, discountShare, taxMinor, taxesIncluded }) => ({
      lineItemId,
      sku: `SKU-${lineItemId}`,
      productType: 'Thing',
      tags: [],
      quantity,
      unitPriceMinor,
      // Sometimes more than the line is worth: the domain must clamp it.
      lineDiscountMinor: Math.floor(unitPriceMinor * quantity * discountShare),
      taxMinor,
      taxesIncluded,
    }))

const orderArb: fc.Arbitrary<ReturnOrder> = fc
  .integer({ min: 1, max: 6 })
  .chain((n) =>
    fc.record({
      items: fc.tuple(...Array.from({ length: n }, (_, i) => itemArb(`line-${i}`))),
      discountMinor: fc.oneof(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 500_000 })),
      returned: fc.array(fc.nat(), { minLength: n, maxLength: n }),
    }),
  )
  .map(({ items, discountMinor, returned }) => ({
    placedAt: new Date('2026-01-25T10:00:00Z'),
    fulfilledAt: new Date('2026-01-27T10:00:00Z'),
    deliveredAt: new Date('2026-02-01T15:00:00Z'),
    currency: 'USD',
    email: 'ana@example.com',
    discountMinor,
    items,
    returnsOnThisOrder: 0,
    // Leave at least one unit of every line returnable.
    alreadyReturnedQty: Object.fromEntries(items.map((it, i) => [it.lineItemId, returned[i]! % it.quantity])),
  }))

const reasonArb = fc.constantFrom(...RETURN_REASONS)
const resolutionArb = fc.constantFrom<Resolution>(...RESOLUTIONS)

/** A valid return: for each line, maybe some of its returnable units, each group with a random reason. */
const caseArb = fc.tuple(policyArb, orderArb, resolutionArb).chain(([policy, order, resolution]) =>
  fc
    .tuple(
      ...order.items.map((it) => {
        const returnable = it.quantity - (order.alreadyReturnedQty[it.lineItemId] ?? 0)
        return fc.tuple(fc.integer({ min: 0, max: returnable }), reasonArb)
      }),
    )
    .map((picks) => {
      const selections: ReturnSelection[] = []
      picks.forEach(([quantity, reason], i) => {
        if (quantity > 0) selections.push({ lineItemId: order.items[i]!.lineItemId, quantity, reason })
      })
      return { policy, order, resolution, selections }
    }),
)

function okResult(result: ReturnType<typeof computeReturnAmounts>) {
  if (!result.ok) throw new Error(`expected ok, got ${result.code}: ${result.message}`)
  return result
}

describe('properties of return amounts', () => {
  test('a refund never exceeds what was paid, for each item and in total', () => {
    fc.assert(
      fc.property(caseArb, ({ policy, order, resolution, selections }) => {
        const r = okResult(computeReturnAmounts({ policy, order, selections, resolution, now: NOW }))
        const lines = computeLinePaid(order)
        for (const it of r.items) {
          const line = order.items.find((l) => l.lineItemId === it.lineItemId)!
          // An upper bound that does not trust the allocation: price less its own discount, plus tax on top.
          const ceiling =
            line.unitPriceMinor * line.quantity -
            Math.min(line.lineDiscountMinor, line.unitPriceMinor * line.quantity) +
            (line.taxesIncluded ? 0 : line.taxMinor)
          expect(it.paidMinor).toBeLessThanOrEqual(lines.get(it.lineItemId)!.paidMinor)
          expect(it.paidMinor).toBeLessThanOrEqual(ceiling)
          expect(it.netMinor).toBeLessThanOrEqual(it.paidMinor)
          expect(it.netMinor).toBeGreaterThanOrEqual(0)
        }
        expect(r.totals.paidMinor).toBe(r.items.reduce((a, i) => a + i.paidMinor, 0))
        expect(r.totals.totalMinor).toBeLessThanOrEqual(r.totals.paidMinor)
        expect(r.totals.totalMinor).toBe(
          r.totals.paidMinor - r.totals.restockingFeeMinor - r.totals.returnShippingFeeMinor,
        )
        if (resolution === 'refund') expect(r.totals.issuedMinor).toBeLessThanOrEqual(r.totals.paidMinor)
      }),
    )
  })

  test('the amount returned is never negative and a bonus only adds to it', () => {
    fc.assert(
      fc.property(caseArb, ({ policy, order, resolution, selections }) => {
        const { totals } = okResult(computeReturnAmounts({ policy, order, selections, resolution, now: NOW }))
        expect(totals.totalMinor).toBeGreaterThanOrEqual(0)
        expect(totals.returnShippingFeeMinor).toBeGreaterThanOrEqual(0)
        expect(totals.bonusMinor).toBeGreaterThanOrEqual(0)
        expect(totals.issuedMinor).toBe(totals.totalMinor + totals.bonusMinor)
        for (const v of Object.values(totals))
          if (typeof v === 'number') expect(Number.isInteger(v)).toBe(true)
      }),
    )
  })

  test('returning a line in several parts never adds up to more than the line, and exactly to it when all of it comes back without fees', () => {
    const partsArb = fc.tuple(
      policyArb,
      orderArb,
      fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 6 }),
    )
    fc.assert(
      fc.property(partsArb, reasonArb, fc.boolean(), ([generated, base, chunks], reason, noFees) => {
        // A copy: fast-check may hand the same generated value to another run while shrinking.
        const policy = structuredClone(generated)
        const order: ReturnOrder = { ...base, alreadyReturnedQty: {} }
        const line = order.items[0]!
        if (noFees) {
          policy.restockingFeePercent = 0
          policy.returnShippingFee = {}
        }
        const linePaid = computeLinePaid(order).get(line.lineItemId)!.paidMinor
        let returned = 0
        let paidSoFar = 0
        let totalSoFar = 0
        let returnsSoFar = 0
        for (const chunk of chunks) {
          const quantity = Math.min(chunk, line.quantity - returned)
          if (quantity === 0) break
          const r = okResult(
            computeReturnAmounts({
              policy,
              order: {
                ...order,
                returnsOnThisOrder: returnsSoFar,
                alreadyReturnedQty: { [line.lineItemId]: returned },
              },
              selections: [{ lineItemId: line.lineItemId, quantity, reason }],
              resolution: 'refund',
              now: NOW,
            }),
          )
          returned += quantity
          returnsSoFar++
          paidSoFar += r.totals.paidMinor
          totalSoFar += r.totals.totalMinor
          expect(paidSoFar).toBeLessThanOrEqual(linePaid)
          expect(totalSoFar).toBeLessThanOrEqual(linePaid)
        }
        // Whatever is left over comes back in one last return.
        if (returned < line.quantity) {
          const r = okResult(
            computeReturnAmounts({
              policy,
              order: { ...order, alreadyReturnedQty: { [line.lineItemId]: returned } },
              selections: [{ lineItemId: line.lineItemId, quantity: line.quantity - returned, reason }],
              resolution: 'refund',
              now: NOW,
            }),
          )
          paidSoFar += r.totals.paidMinor
          totalSoFar += r.totals.totalMinor
        }
        expect(paidSoFar).toBe(linePaid)
        if (noFees) expect(totalSoFar).toBe(linePaid)
        else expect(totalSoFar).toBeLessThanOrEqual(linePaid)
      }),
    )
  })

  test('listing the items and selections in another order changes nothing', () => {
    const shuffledArb = caseArb.chain((c) =>
      fc
        .tuple(
          fc.shuffledSubarray([...c.order.items], { minLength: c.order.items.length }),
          fc.shuffledSubarray(c.selections, { minLength: c.selections.length }),
        )
        .map(([items, selections]) => ({ c, items, selections })),
    )
    fc.assert(
      fc.property(shuffledArb, ({ c, items, selections }) => {
        const shuffledOrder = { ...c.order, items }
        const a = computeReturnAmounts({ ...c, now: NOW })
        const b = computeReturnAmounts({ ...c, order: shuffledOrder, selections, now: NOW })
        expect(b).toEqual(a)

        const byId = (x: { lineItemId: string }, y: { lineItemId: string }) =>
          x.lineItemId.localeCompare(y.lineItemId)
        const ea = evaluateEligibility({ policy: c.policy, order: c.order, now: NOW }).sort(byId)
        const eb = evaluateEligibility({ policy: c.policy, order: shuffledOrder, now: NOW }).sort(byId)
        expect(eb).toEqual(ea)
        expect(computeLinePaid(shuffledOrder)).toEqual(computeLinePaid(c.order))
      }),
    )
  })

  test('line totals after the order discount never go below zero and account for the whole discount that fits', () => {
    fc.assert(
      fc.property(orderArb, (order) => {
        const lines = [...computeLinePaid(order).values()]
        const afterLine = lines.reduce((a, l) => a + l.grossMinor - l.lineDiscountMinor, 0)
        const orderDiscount = lines.reduce((a, l) => a + l.orderDiscountMinor, 0)
        expect(orderDiscount).toBe(Math.min(order.discountMinor, afterLine))
        for (const l of lines) expect(l.paidMinor).toBeGreaterThanOrEqual(0)
      }),
    )
  })
})
