// The price difference of an exchange: what the new variants cost against what the buyer paid for the
// items they send back, per unit before tax (the line's price less its share of the line discount), so a
// variant at the same price costs nothing either way. Positive: the buyer pays it (charged at approval);
// negative: it is refunded when the money moves. Computed once, on the server, when the case is created.
// Pure.

export interface ExchangedItem {
  /** Units exchanged. */
  quantity: number
  /** The order line: its unit price, its whole quantity and its whole discount. */
  unitPriceMinor: number
  lineQuantity: number
  lineDiscountMinor: number
  /** The price of the variant chosen instead, in the order's currency. */
  variantPriceMinor: number
}

/** What `quantity` units of the line cost the buyer before tax (discount shared by units, rounded). */
export function paidBeforeTaxMinor(i: Omit<ExchangedItem, 'variantPriceMinor'>): number {
  const discount = i.lineQuantity > 0 ? Math.round((i.lineDiscountMinor * i.quantity) / i.lineQuantity) : 0
  return i.unitPriceMinor * i.quantity - discount
}

/** Sum over items of (variant price − paid unit price) × quantity, in minor units. */
export function exchangePriceDifference(items: readonly ExchangedItem[]): number {
  return items.reduce((sum, i) => sum + i.variantPriceMinor * i.quantity - paidBeforeTaxMinor(i), 0)
}
