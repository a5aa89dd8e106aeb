// What happens when a buyer reports a problem ("report a problem"), decided from the shop's complaint
// playbook and what the carrier has already told us. The answer says what the buyer sees next, what they
// must give us (photos, which items, a note) and, when remedies are offered, which ones and whether they are
// granted without staff.
//
// Precedence, first match wins:
// 1. "Something else" always opens a case for staff, with a note required, whatever the parcel says.
// 2. Nothing shipped yet (no parcel): there is nothing to complain about yet; the buyer is shown tracking.
// 3. Not arrived:
//    a. Delivered (status 'delivered' or a delivery time is known): less than `waitAfterDeliveredHours`
//       since delivery, ask the buyer to check with neighbours and safe places, and say when they can come
//       back (`supportAfter` = delivery + wait); at exactly the wait or later, open a case for staff. A
//       delivered status with no delivery time goes to staff (we cannot count the wait). A delivery time in
//       the future (clock skew) counts as "just delivered".
//    b. Lost (level 'lost', reason 'lost_by_carrier' or 'no_scan_lost', or status 'lost'), returned to
//       sender, stalled, or late because the date has passed (reason 'eta_passed'): offer
//       `remediesWhenStalledOrLost` at once. Automatic only when lost, `autoApproveWhenLost` is on, items
//       are given and their value is under `maxAutoValue` for the order's currency (strictly; a currency
//       missing from the limit: never). Returned, stalled and late parcels always need staff approval.
//    c. A carrier exception (address, customs, weather...): a case for staff, since the parcel may still
//       arrive and someone usually has to act on it.
//    d. Label created and not yet picked up, and not stalled: treated as not shipped yet.
//    e. Anything else (on time, at risk after a failed attempt, late with a revised date, waiting at a
//       pickup point): still on its way; show the date, open no case.
// 4. Damaged, wrong item, missing item: offer the path's remedies; the buyer must choose the affected items,
//    and give photos when the playbook asks. Damaged and missing items are automatic when items are given
//    and their value is under the path's limit (strictly; missing currency: never). Wrong items always need
//    staff approval, and say whether the wrong item must be sent back. The carrier's status is not checked
//    beyond "something shipped": a missing "delivered" scan is common and the buyer has the parcel.
// 5. Any path whose remedy list is empty opens a case for staff instead, still asking for what staff need.
//
// The value of a complaint is the sum of `paidMinor` over the given items (what the buyer paid for the
// affected units). With no items nothing is approved automatically: the buyer has not yet said what is
// affected. Remedies come back in the playbook's order, without duplicates. A coupon's value is
// `couponPercent` of the value. Pure: same input, same answer; `now` is passed in.
import { assertNonNegativeMinor, percentOf, sum } from '../money/money'
import { amountFor, type AmountByCurrency } from '../policy/policy'
import type { DelayAssessment } from '../tracking/delay'
import type { TrackingStatus } from '../tracking/status'
import type { ComplaintKind, ComplaintPlaybook, Remedy } from './playbook'
import { englishTime } from '../text/english-dates'

export interface ComplaintParcel {
  status: TrackingStatus
  deliveredAt: Date | null
  delay: Pick<DelayAssessment, 'level' | 'reason'>
}

export interface ComplaintItem {
  lineItemId: string
  /** Affected units of the line. */
  quantity: number
  /** What the buyer paid for the affected units, in minor units of the order's currency. */
  paidMinor: number
}

export interface ComplaintInput {
  playbook: ComplaintPlaybook
  kind: ComplaintKind
  /** The parcel the complaint is about; null when nothing has shipped yet. */
  parcel: ComplaintParcel | null
  /** Affected items chosen by the buyer (for 'not_arrived': the parcel's contents). */
  items: readonly ComplaintItem[]
  currency: string
  now: Date
}

export interface ComplaintRequires {
  photos: boolean
  itemSelection: boolean
  note: boolean
}

interface DecisionBase {
  kind: ComplaintKind
  requires: ComplaintRequires
  /** For the UI to translate. `date` params are ISO timestamps. */
  message: { key: string; params: Record<string, string | number> }
  /** Plain English, for logs and tests. */
  sentence: string
}

export type ComplaintDecision =
  | (DecisionBase & { next: 'ask_neighbours'; supportAfter: Date })
  | (DecisionBase & { next: 'to_support' })
  | (DecisionBase & {
      next: 'offer_remedies'
      /** What the buyer may pick now: the playbook's list for this path, in order, no duplicates. */
      remedies: Remedy[]
      /** Granted without staff. */
      autoApprove: boolean
      /** Sum of `paidMinor` over the items. */
      valueMinor: number
      /** The coupon's value when a coupon is offered, else null. */
      couponMinor: number | null
      /** The buyer must send the affected items back (wrong item with `returnWrongItem`). */
      returnItems: boolean
    })
  | (DecisionBase & { next: 'not_shipped_yet' })
  | (DecisionBase & { next: 'in_transit_on_time' })

export type ComplaintNext = ComplaintDecision['next']

const HOUR_MS = 3_600_000
const NOTHING: ComplaintRequires = { photos: false, itemSelection: false, note: false }

function unique(list: readonly Remedy[]): Remedy[] {
  return [...new Set(list)]
}

function under(valueMinor: number, limits: AmountByCurrency, currency: string): boolean {
  const limit = amountFor(limits, currency)
  return limit !== null && valueMinor < limit
}

type Params = DecisionBase['message']['params']

interface Context {
  kind: ComplaintKind
  playbook: ComplaintPlaybook
  currency: string
  valueMinor: number
  hasItems: boolean
}

function decisionBase(
  ctx: Context,
  requires: ComplaintRequires,
  key: string,
  params: Params,
  sentence: string,
): DecisionBase {
  return { kind: ctx.kind, requires, message: { key, params }, sentence }
}

function toSupport(
  ctx: Context,
  requires: ComplaintRequires,
  key: string,
  params: Params,
  sentence: string,
): ComplaintDecision {
  return { next: 'to_support', ...decisionBase(ctx, requires, key, params, sentence) }
}

/** Offers the listed remedies, or opens a case for staff when the list is empty. */
function offer(
  ctx: Context,
  requires: ComplaintRequires,
  listed: readonly Remedy[],
  autoApprove: boolean,
  returnItems: boolean,
  key: string,
  sentence: string,
): ComplaintDecision {
  const remedies = unique(listed)
  if (remedies.length === 0) {
    return toSupport(
      ctx,
      requires,
      'complaint.no_remedies',
      {},
      `${sentence} The shop offers no remedy for this without staff, so a case is opened for staff.`,
    )
  }
  const { valueMinor, currency } = ctx
  const couponMinor = remedies.includes('coupon') ? percentOf(valueMinor, ctx.playbook.couponPercent) : null
  const approved = autoApprove && ctx.hasItems
  return {
    next: 'offer_remedies',
    remedies,
    autoApprove: approved,
    valueMinor,
    couponMinor,
    returnItems,
    ...decisionBase(
      ctx,
      requires,
      key,
      { remedies: remedies.join(','), valueMinor, currency },
      `${sentence} The buyer may choose ${remedies.join(', ')}; ${
        approved ? 'it is granted without staff.' : 'staff approve it.'
      }`,
    ),
  }
}

/** Decides what the buyer sees next for a reported problem. Throws on a negative or fractional `paidMinor`. */
export function evaluateComplaint(input: ComplaintInput): ComplaintDecision {
  const { playbook, kind, parcel, items, currency } = input
  items.forEach((it, i) => assertNonNegativeMinor(it.paidMinor, `items[${i}].paidMinor`))
  const valueMinor = sum(items.map((it) => it.paidMinor))
  const ctx: Context = { kind, playbook, currency, valueMinor, hasItems: items.length > 0 }

  // 1. Something else.
  if (kind === 'other') {
    return toSupport(
      ctx,
      { photos: false, itemSelection: false, note: true },
      'complaint.other',
      {},
      'The buyer describes the problem in a note and a case is opened for staff.',
    )
  }

  // 2. Nothing shipped yet.
  if (parcel === null) {
    return {
      next: 'not_shipped_yet',
      ...decisionBase(
        ctx,
        NOTHING,
        'complaint.not_shipped_yet',
        {},
        'Nothing has shipped yet, so the buyer is shown tracking.',
      ),
    }
  }

  switch (kind) {
    case 'not_arrived':
      return notArrived(ctx, parcel, input.now)
    case 'damaged': {
      const p = playbook.damaged
      return offer(
        ctx,
        { photos: p.photoRequired, itemSelection: true, note: false },
        p.remedies,
        under(valueMinor, p.autoApproveUnder, currency),
        false,
        'complaint.damaged.offer',
        'The item arrived damaged.',
      )
    }
    case 'wrong_item': {
      const p = playbook.wrongItem
      return offer(
        ctx,
        { photos: p.photoRequired, itemSelection: true, note: false },
        p.remedies,
        false,
        p.returnWrongItem,
        'complaint.wrong_item.offer',
        p.returnWrongItem
          ? 'The wrong item arrived and must be sent back.'
          : 'The wrong item arrived and the buyer may keep it.',
      )
    }
    case 'missing_item': {
      const p = playbook.missingItem
      return offer(
        ctx,
        { photos: false, itemSelection: true, note: false },
        p.remedies,
        under(valueMinor, p.autoApproveUnder, currency),
        false,
        'complaint.missing_item.offer',
        'An item is missing from the parcel.',
      )
    }
  }
}

function notArrived(ctx: Context, parcel: ComplaintParcel, now: Date): ComplaintDecision {
  const { playbook, currency, valueMinor } = ctx
  const p = playbook.notArrived
  const { level, reason } = parcel.delay

  // a. Delivered.
  if (parcel.status === 'delivered' || parcel.deliveredAt !== null) {
    if (parcel.deliveredAt === null) {
      return toSupport(
        ctx,
        NOTHING,
        'complaint.not_arrived.delivered_time_unknown',
        {},
        'The carrier says delivered but gives no time, so a case is opened for staff.',
      )
    }
    const supportAfter = new Date(parcel.deliveredAt.getTime() + p.waitAfterDeliveredHours * HOUR_MS)
    if (now.getTime() < supportAfter.getTime()) {
      return {
        next: 'ask_neighbours',
        supportAfter,
        ...decisionBase(
          ctx,
          NOTHING,
          'complaint.not_arrived.ask_neighbours',
          { deliveredAt: parcel.deliveredAt.toISOString(), supportAfter: supportAfter.toISOString() },
          `The carrier says delivered on ${englishTime(parcel.deliveredAt)}; the buyer is asked to check with neighbours and safe places, and can open a case from ${englishTime(supportAfter)}.`,
        ),
      }
    }
    return toSupport(
      ctx,
      NOTHING,
      'complaint.not_arrived.delivered_not_received',
      { deliveredAt: parcel.deliveredAt.toISOString() },
      `The carrier says delivered on ${englishTime(parcel.deliveredAt)} and the buyer still has nothing, so a case is opened for staff.`,
    )
  }

  // b. Lost, returned, stalled or past its date.
  const lost =
    level === 'lost' || reason === 'lost_by_carrier' || reason === 'no_scan_lost' || parcel.status === 'lost'
  const returned = reason === 'returned_to_sender' || parcel.status === 'returned_to_sender'
  const stalled = level === 'stalled'
  const pastDate = level === 'late' && reason === 'eta_passed'
  if (lost || returned || stalled || pastDate) {
    const what = lost
      ? 'The carrier has lost the parcel.'
      : returned
        ? 'The parcel is on its way back to the shop.'
        : stalled
          ? 'The parcel has stopped moving.'
          : 'The parcel is past its delivery date.'
    const auto = lost && p.autoApproveWhenLost && under(valueMinor, p.maxAutoValue, currency)
    const key = lost ? 'lost' : returned ? 'returned' : stalled ? 'stalled' : 'late'
    return offer(ctx, NOTHING, p.remediesWhenStalledOrLost, auto, false, `complaint.not_arrived.${key}`, what)
  }

  // c. Carrier exception.
  if (level === 'exception') {
    return toSupport(
      ctx,
      NOTHING,
      'complaint.not_arrived.carrier_exception',
      {},
      'The carrier reports a problem with the parcel, so a case is opened for staff.',
    )
  }

  // d. Not picked up yet.
  if (parcel.status === 'pre_transit') {
    return {
      next: 'not_shipped_yet',
      ...decisionBase(
        ctx,
        NOTHING,
        'complaint.not_shipped_yet',
        {},
        'The label is created but the carrier has not picked the parcel up yet, so the buyer is shown tracking.',
      ),
    }
  }

  // e. On its way.
  return {
    next: 'in_transit_on_time',
    ...decisionBase(
      ctx,
      NOTHING,
      `complaint.not_arrived.${reason === 'awaiting_pickup' ? 'awaiting_pickup' : 'in_transit'}`,
      { level, reason },
      reason === 'awaiting_pickup'
        ? 'The parcel is waiting at a pickup point; the buyer is shown where, and no case is opened.'
        : 'The parcel is on its way and not late; the buyer is shown the expected date, and no case is opened.',
    ),
  }
}
