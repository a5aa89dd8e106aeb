// What an approved case delivers, as a list of resolutions, each issued once by a job at its moment.
// A return sent back by label or drop-off gets its return label (the drop-off QR code comes with it) at
// approval. Money (refund, store credit, coupon) moves when the merchant chose: at approval, at the return
// parcel's first carrier scan, at its delivery to the merchant, or once staff have received and inspected
// the items; when nothing comes back (the buyer keeps the items, a problem report) there is nothing to wait
// for, so it moves at approval. A replacement (exchange or reship) ships at approval or at the first scan.
// An exchange for a dearer variant charges the difference at approval; for a cheaper one it refunds the
// difference when the money would move. Pure: ids and amounts come in, plans go out.

export const RESOLUTION_KINDS = [
  'refund',
  'store_credit',
  'coupon',
  'charge',
  'return_label',
  'replacement',
] as const
export type ResolutionKind = (typeof RESOLUTION_KINDS)[number]

/** The kinds that move money through the payments provider. */
export const MONEY_KINDS = [
  'refund',
  'store_credit',
  'coupon',
  'charge',
] as const satisfies readonly ResolutionKind[]

/** The moments a resolution can wait for, in the order they happen to a returned parcel. */
export const RELEASE_MOMENTS = ['approval', 'first_scan', 'delivered', 'inspected'] as const
export type ReleaseMoment = (typeof RELEASE_MOMENTS)[number]

/** When a replacement ships: at once, or once the returned parcel has its first carrier scan. */
export type ReplacementMoment = Extract<ReleaseMoment, 'approval' | 'first_scan'>

export function isResolutionKind(v: unknown): v is ResolutionKind {
  return typeof v === 'string' && (RESOLUTION_KINDS as readonly string[]).includes(v)
}

export function isMoneyKind(kind: ResolutionKind): boolean {
  return (MONEY_KINDS as readonly string[]).includes(kind)
}

/**
 * Whether reaching `reached` releases a resolution waiting for `waitsFor`. Later moments imply the
 * earlier ones: a parcel delivered without a scan on record was still scanned, and items inspected were
 * delivered.
 */
export function isReleasedBy(waitsFor: ReleaseMoment, reached: ReleaseMoment): boolean {
  return RELEASE_MOMENTS.indexOf(waitsFor) <= RELEASE_MOMENTS.indexOf(reached)
}

export interface PlanInput {
  caseId: string
  kind: 'return' | 'complaint'
  /** The resolution the buyer chose or the remedy the playbook gave. */
  resolution: string | null
  returnMethod: 'label' | 'drop_off' | 'keep' | null
  /** What the buyer receives as money, credit or coupon value (after fees and bonus). */
  issuedMinor: number
  currency: string
  /** For an exchange: what the buyer pays (> 0) or gets back (< 0) for the new variants. */
  priceDifferenceMinor: number
  moneyMoves: ReleaseMoment
  replacementShips: ReplacementMoment
}

export interface ResolutionPlan {
  kind: ResolutionKind
  amountMinor: number
  currency: string
  /** The key sent with every provider call for this resolution: one case, one kind, one effect. */
  idempotencyKey: string
  releaseOn: ReleaseMoment
}

/** The key sent with every provider call for this case's resolution of this kind. */
export function resolutionIdempotencyKey(caseId: string, kind: ResolutionKind): string {
  return `case:${caseId}:${kind}`
}

/** Whether the items of this case travel back to the merchant in a parcel. */
export function sendsItemsBack(c: Pick<PlanInput, 'kind' | 'returnMethod'>): boolean {
  return c.kind === 'return' && (c.returnMethod === 'label' || c.returnMethod === 'drop_off')
}

/** Everything an approved case delivers, in the order it is issued. */
export function planResolutions(input: PlanInput): ResolutionPlan[] {
  const plans: ResolutionPlan[] = []
  const add = (kind: ResolutionKind, amountMinor: number, releaseOn: ReleaseMoment) =>
    plans.push({
      kind,
      amountMinor,
      currency: input.currency,
      idempotencyKey: resolutionIdempotencyKey(input.caseId, kind),
      releaseOn,
    })
  const comesBack = sendsItemsBack(input)
  const moneyMoves: ReleaseMoment = comesBack ? input.moneyMoves : 'approval'

  if (comesBack) add('return_label', 0, 'approval')
  switch (input.resolution) {
    case 'refund':
    case 'store_credit':
    case 'coupon':
      if (input.issuedMinor > 0) add(input.resolution, input.issuedMinor, moneyMoves)
      break
    case 'exchange':
    case 'reship': {
      const ships: ReleaseMoment = comesBack ? input.replacementShips : 'approval'
      if (input.priceDifferenceMinor > 0) add('charge', input.priceDifferenceMinor, 'approval')
      add('replacement', 0, ships)
      if (input.priceDifferenceMinor < 0) add('refund', -input.priceDifferenceMinor, moneyMoves)
      break
    }
    default:
      break
  }
  return plans
}
