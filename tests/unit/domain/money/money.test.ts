import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  allocateProportionally,
  assertNonNegativeMinor,
  money,
  percentOf,
  sum,
  sumMoney,
} from '#app/domain/money/money'

describe('money values', () => {
  test('a money value keeps whole minor units and an uppercase ISO currency', () => {
    expect(money(695, 'USD')).toEqual({ amountMinor: 695, currency: 'USD' })
  })

  test('fractional amounts and malformed currencies are refused', () => {
    expect(() => money(6.95, 'USD')).toThrow(RangeError)
    expect(() => money(695, 'usd')).toThrow(/ISO 4217/)
    expect(() => money(695, 'US')).toThrow(RangeError)
  })

  test('negative amounts are refused where they make no sense', () => {
    expect(() => assertNonNegativeMinor(-1, 'fee')).toThrow(/fee must not be negative/)
    expect(() => assertNonNegativeMinor(0)).not.toThrow()
  })

  test('sums are exact and refuse fractions', () => {
    expect(sum([])).toBe(0)
    expect(sum([1, 2, -3, 10])).toBe(10)
    expect(() => sum([1, 0.5])).toThrow(/amounts\[1\]/)
  })

  test('money of different currencies is never added together', () => {
    expect(sumMoney([money(1, 'EUR'), money(2, 'EUR')], 'EUR')).toEqual(money(3, 'EUR'))
    expect(() => sumMoney([money(1, 'EUR'), money(2, 'USD')], 'EUR')).toThrow(/USD to EUR/)
  })
})

describe('percentages', () => {
  test('round half away from zero to whole minor units', () => {
    expect(percentOf(695, 10)).toBe(70)
    expect(percentOf(-695, 10)).toBe(-70)
    expect(percentOf(694, 10)).toBe(69)
    expect(percentOf(1, 50)).toBe(1)
    expect(percentOf(1, 49.9999)).toBe(0)
  })

  test('fractional percentages are exact to four decimal places', () => {
    expect(percentOf(10000, 12.5)).toBe(1250)
    expect(percentOf(3, 33.3333)).toBe(1)
    expect(() => percentOf(100, 1.23456)).toThrow(/decimal places/)
  })

  test('large amounts pick up no floating-point error', () => {
    expect(percentOf(9_007_199_254_740_991, 100)).toBe(9_007_199_254_740_991)
    expect(percentOf(9_007_199_254_740_990, 50)).toBe(4_503_599_627_370_495)
  })

  test('negative or non-finite percentages and fractional amounts are refused', () => {
    expect(() => percentOf(100, -1)).toThrow(RangeError)
    expect(() => percentOf(100, Number.NaN)).toThrow(RangeError)
    expect(() => percentOf(1.5, 10)).toThrow(RangeError)
  })
})

describe('proportional allocation', () => {
  test('splits by weight and gives leftover units to the largest remainders', () => {
    expect(allocateProportionally(100, [1, 1, 1])).toEqual([34, 33, 33])
    expect(allocateProportionally(10, [3, 7])).toEqual([3, 7])
    expect(allocateProportionally(5, [1, 2])).toEqual([2, 3])
    expect(allocateProportionally(7, [10, 0, 20])).toEqual([2, 0, 5])
  })

  test('ties between equal remainders go to the earlier part', () => {
    expect(allocateProportionally(1, [1, 1])).toEqual([1, 0])
    expect(allocateProportionally(2, [1, 1, 1])).toEqual([1, 1, 0])
  })

  test('a zero weight always gets nothing', () => {
    expect(allocateProportionally(1, [0, 1, 0])).toEqual([0, 1, 0])
  })

  test('nothing to split gives zeros, even over zero weights', () => {
    expect(allocateProportionally(0, [0, 0])).toEqual([0, 0])
    expect(allocateProportionally(0, [])).toEqual([])
  })

  test('a non-zero total with nowhere to go is refused', () => {
    expect(() => allocateProportionally(5, [0, 0])).toThrow(/every weight is 0/)
    expect(() => allocateProportionally(5, [])).toThrow(RangeError)
  })

  test('fractional or negative totals and weights are refused', () => {
    expect(() => allocateProportionally(-1, [1])).toThrow(RangeError)
    expect(() => allocateProportionally(1.5, [1])).toThrow(RangeError)
    expect(() => allocateProportionally(1, [-1, 2])).toThrow(/weights\[0\]/)
    expect(() => allocateProportionally(1, [0.5])).toThrow(RangeError)
  })

  test('totals and weights whose product passes 2^53 are still split exactly', () => {
    const parts = allocateProportionally(1_000_000_000_000, [999_999_999, 1, 3])
    expect(parts.reduce((a, b) => a + b, 0)).toBe(1_000_000_000_000)
  })
})

const weightsArb = fc.array(fc.nat({ max: 1_000_000 }), { minLength: 1, maxLength: 20 })

describe('allocation properties', () => {
  test('the parts always add up to exactly the total', () => {
    fc.assert(
      fc.property(fc.nat({ max: 100_000_000 }), weightsArb, (total, weights) => {
        fc.pre(weights.some((w) => w > 0))
        const parts = allocateProportionally(total, weights)
        expect(parts).toHaveLength(weights.length)
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total)
      }),
    )
  })

  test('every part is a whole number within one unit of its exact proportional share', () => {
    fc.assert(
      fc.property(fc.nat({ max: 100_000_000 }), weightsArb, (total, weights) => {
        const weightSum = weights.reduce((a, b) => a + b, 0)
        fc.pre(weightSum > 0)
        allocateProportionally(total, weights).forEach((part, i) => {
          const exact = (total * weights[i]!) / weightSum
          expect(Number.isInteger(part)).toBe(true)
          expect(Math.abs(part - exact)).toBeLessThan(1 + 1e-6)
          if (weights[i] === 0) expect(part).toBe(0)
        })
      }),
    )
  })

  test('a larger weight never gets a smaller part', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1_000_000 }), weightsArb, (total, weights) => {
        fc.pre(weights.some((w) => w > 0))
        const parts = allocateProportionally(total, weights)
        weights.forEach((wi, i) =>
          weights.forEach((wj, j) => {
            if (wi > wj) expect(parts[i]!).toBeGreaterThanOrEqual(parts[j]!)
          }),
        )
      }),
    )
  })

  test('percentOf is within half a unit of the exact value', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (a, p) => {
          expect(Math.abs(percentOf(a, p) - (a * p) / 100)).toBeLessThanOrEqual(0.5)
        },
      ),
    )
  })
})
