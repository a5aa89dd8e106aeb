import { expect, test } from 'vitest'
import { exchangePriceDifference } from '#app/domain/exchanges/price-difference'

test('a variant at the price paid costs nothing either way', () => {
  expect(
    exchangePriceDifference([
      { quantity: 1, unitPriceMinor: 7000, lineQuantity: 1, lineDiscountMinor: 0, variantPriceMinor: 7000 },
    ]),
  ).toBe(0)
})

test('dearer variants are paid for, cheaper ones refunded, summed over items and units', () => {
  expect(
    exchangePriceDifference([
      { quantity: 2, unitPriceMinor: 2000, lineQuantity: 2, lineDiscountMinor: 0, variantPriceMinor: 2500 },
      { quantity: 1, unitPriceMinor: 5000, lineQuantity: 1, lineDiscountMinor: 0, variantPriceMinor: 4200 },
    ]),
  ).toBe(2 * 500 - 800)
})

test('the line discount counts as paid less, shared by its units', () => {
  // 3 units at 10.00 with 3.00 off the line: 9.00 paid per unit; one unit swapped for a 10.00 variant.
  expect(
    exchangePriceDifference([
      { quantity: 1, unitPriceMinor: 1000, lineQuantity: 3, lineDiscountMinor: 300, variantPriceMinor: 1000 },
    ]),
  ).toBe(100)
})
