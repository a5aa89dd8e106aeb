// The parcel a return goes back in, for the carrier's rate: products carry no weights or sizes yet, so a
// returned item is taken to weigh 400 g and the box is a standard mailer by how many items it holds.
// Carriers price returns by weight band; erring on the heavy side avoids a surcharge at the depot. Pure.

const ITEM_GRAMS = 400
const BOX_GRAMS = 150

export interface ParcelSize {
  weightGrams: number
  lengthCm: number
  widthCm: number
  heightCm: number
}

export function returnParcelFor(items: readonly { quantity: number }[]): ParcelSize {
  const count = Math.max(
    1,
    items.reduce((n, i) => n + Math.max(0, i.quantity), 0),
  )
  const box =
    count <= 2
      ? { lengthCm: 30, widthCm: 22, heightCm: 10 }
      : count <= 5
        ? { lengthCm: 40, widthCm: 30, heightCm: 15 }
        : { lengthCm: 50, widthCm: 40, heightCm: 25 }
  return { weightGrams: count * ITEM_GRAMS + BOX_GRAMS, ...box }
}

/**
 * The reference a return label is asked for under at the carrier network: the case number and enough of
 * the case id to be unique across every shop on one provider account, and the generation when staff
 * issued the label again after a failure (a new request, while a label bought under an earlier one is
 * still found and used).
 */
export function labelProviderReference(c: { number: number; id: string }, generation: number): string {
  const base = `R-${c.number}-${c.id.replace(/-/g, '').slice(0, 12)}`
  return generation > 1 ? `${base}-${generation}` : base
}
