// A shop's complaint playbook: what happens when a buyer reports a problem with an order, and the defaults a
// new shop starts with. It sits beside the return policy and is edited the same way. The buyer first picks
// what went wrong: the parcel has not arrived, it arrived damaged, it holds the wrong item, an item is
// missing from it, or something else. For a parcel that has not arrived, the shop chooses how long after a
// "delivered" scan the buyer is asked to check with neighbours and safe places before a case is opened for
// staff, which remedies (reship, refund, coupon) a stalled or lost parcel gets straight away, and whether a
// parcel the carrier has lost is settled without staff below a value limit. For a damaged item the shop
// chooses whether a photo is needed, the remedies, and a value limit below which the claim is approved
// without staff; for a wrong item, whether a photo is needed, the remedies and whether the wrong item must
// be sent back; for a missing item, the remedies and a value limit. "Something else" always goes to staff.
// A coupon is worth a set percentage of what the buyer paid for the affected items. Amounts are minor units
// per currency, and a currency missing from a limit means "never without staff" for that currency (see
// `AmountByCurrency`). An empty list of remedies is allowed: every complaint of that kind goes to staff.
import { isCurrencyCode } from '../money/money'
import type { AmountByCurrency } from '../policy/policy'

export const COMPLAINT_KINDS = ['not_arrived', 'damaged', 'wrong_item', 'missing_item', 'other'] as const
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number]

export const REMEDIES = ['reship', 'refund', 'coupon'] as const
export type Remedy = (typeof REMEDIES)[number]

export interface ComplaintPlaybook {
  notArrived: {
    /** Whole hours, 0–720, after a "delivered" scan before the buyer's report becomes a case for staff. */
    waitAfterDeliveredHours: number
    /** Offered at once when the parcel is stalled, past its date, lost or on its way back to the shop. */
    remediesWhenStalledOrLost: Remedy[]
    /** Settle a parcel the carrier lost (or that has been silent past the carrier's give-up period) without staff. */
    autoApproveWhenLost: boolean
    /** Automatic settlement only when the parcel's value is under this (a missing currency: never). */
    maxAutoValue: AmountByCurrency
  }
  damaged: {
    photoRequired: boolean
    remedies: Remedy[]
    /** Approve without staff when the affected items are worth less than this (a missing currency: never). */
    autoApproveUnder: AmountByCurrency
  }
  wrongItem: {
    photoRequired: boolean
    remedies: Remedy[]
    /** The buyer must send the wrong item back (the shop pays; the return flow issues the label). */
    returnWrongItem: boolean
  }
  missingItem: {
    remedies: Remedy[]
    /** Approve without staff when the missing items are worth less than this (a missing currency: never). */
    autoApproveUnder: AmountByCurrency
  }
  /** "Something else" has no rules to apply: a person reads it. */
  other: { toSupport: true }
  /** A coupon's value as a percentage, 0–100, of what the buyer paid for the affected items. */
  couponPercent: number
}

// Functions rather than shared arrays and maps, so editing one path of a copied playbook never changes another.
const autoLimits = (): AmountByCurrency => ({
  USD: 5000,
  EUR: 5000,
  GBP: 4000,
  PLN: 20000,
  CAD: 6500,
  RUB: 400000,
})

export const DEFAULT_COMPLAINT_PLAYBOOK: ComplaintPlaybook = {
  notArrived: {
    waitAfterDeliveredHours: 48,
    remediesWhenStalledOrLost: ['reship', 'refund'],
    autoApproveWhenLost: true,
    maxAutoValue: autoLimits(),
  },
  damaged: { photoRequired: true, remedies: ['reship', 'refund'], autoApproveUnder: autoLimits() },
  wrongItem: { photoRequired: true, remedies: ['reship', 'refund'], returnWrongItem: true },
  missingItem: { remedies: ['reship', 'refund'], autoApproveUnder: autoLimits() },
  other: { toSupport: true },
  couponPercent: 10,
}

export interface PlaybookIssue {
  /** Dotted path of the offending setting, e.g. 'notArrived.waitAfterDeliveredHours'. */
  field: string
  message: string
}

/** Longest wait after a "delivered" scan: 30 days. */
export const MAX_WAIT_AFTER_DELIVERED_HOURS = 720

/**
 * Checks a playbook for settings that make no sense (out-of-range numbers, unknown remedies, automatic
 * approval with nothing to approve or no limit). Returns every problem found, in a stable order; an empty
 * list means valid. Never throws, so it can check playbooks read back from storage.
 */
export function validatePlaybook(p: ComplaintPlaybook): PlaybookIssue[] {
  const issues: PlaybookIssue[] = []
  const add = (field: string, message: string) => issues.push({ field, message })

  const isInt = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n)
  const checkBoolean = (field: string, label: string, value: unknown) => {
    if (typeof value !== 'boolean') add(field, `${label} must be switched on or off`)
  }
  const checkAmounts = (field: string, label: string, map: AmountByCurrency | undefined) => {
    for (const [currency, amount] of Object.entries(map ?? {})) {
      if (!isCurrencyCode(currency)) {
        add(`${field}.${currency}`, `${label}: '${currency}' is not a currency code like 'USD'`)
      } else if (!isInt(amount) || amount < 0) {
        add(
          `${field}.${currency}`,
          `${label} in ${currency} must be a whole number of minor units, 0 or more`,
        )
      }
    }
  }
  const checkRemedies = (field: string, label: string, list: unknown): Remedy[] => {
    if (!Array.isArray(list)) {
      add(field, `${label} must be a list (it may be empty, which sends every case to staff)`)
      return []
    }
    const seen = new Set<string>()
    for (const remedy of list as unknown[]) {
      if (!(REMEDIES as readonly unknown[]).includes(remedy)) {
        add(field, `${label} lists an unknown remedy '${String(remedy)}' (use reship, refund or coupon)`)
      } else if (seen.has(remedy as string)) {
        add(field, `${label} lists '${String(remedy)}' more than once`)
      }
      seen.add(String(remedy))
    }
    return (list as unknown[]).filter((r): r is Remedy => (REMEDIES as readonly unknown[]).includes(r))
  }
  const hasLimit = (map: AmountByCurrency | undefined) => Object.keys(map ?? {}).length > 0

  // Not arrived.
  const na = p.notArrived
  const wait = na?.waitAfterDeliveredHours
  if (!isInt(wait) || wait < 0 || wait > MAX_WAIT_AFTER_DELIVERED_HOURS) {
    add(
      'notArrived.waitAfterDeliveredHours',
      `The wait after a delivered scan must be a whole number of hours between 0 and ${MAX_WAIT_AFTER_DELIVERED_HOURS}`,
    )
  }
  const lostRemedies = checkRemedies(
    'notArrived.remediesWhenStalledOrLost',
    'Remedies for a stalled or lost parcel',
    na?.remediesWhenStalledOrLost,
  )
  checkBoolean(
    'notArrived.autoApproveWhenLost',
    'Automatic approval of lost parcels',
    na?.autoApproveWhenLost,
  )
  checkAmounts('notArrived.maxAutoValue', 'Lost-parcel approval limit', na?.maxAutoValue)
  if (na?.autoApproveWhenLost === true) {
    if (lostRemedies.length === 0) {
      add(
        'notArrived.remediesWhenStalledOrLost',
        'Automatic approval of lost parcels needs at least one remedy to offer',
      )
    }
    if (!hasLimit(na.maxAutoValue)) {
      add(
        'notArrived.maxAutoValue',
        'Automatic approval of lost parcels needs a value limit for at least one currency',
      )
    }
  }

  // Damaged.
  checkBoolean('damaged.photoRequired', 'Photo for damaged items', p.damaged?.photoRequired)
  const damagedRemedies = checkRemedies('damaged.remedies', 'Remedies for damaged items', p.damaged?.remedies)
  checkAmounts('damaged.autoApproveUnder', 'Damaged-item approval limit', p.damaged?.autoApproveUnder)

  // Wrong item.
  checkBoolean('wrongItem.photoRequired', 'Photo for wrong items', p.wrongItem?.photoRequired)
  const wrongRemedies = checkRemedies('wrongItem.remedies', 'Remedies for wrong items', p.wrongItem?.remedies)
  checkBoolean('wrongItem.returnWrongItem', 'Sending the wrong item back', p.wrongItem?.returnWrongItem)

  // Missing item.
  const missingRemedies = checkRemedies(
    'missingItem.remedies',
    'Remedies for missing items',
    p.missingItem?.remedies,
  )
  checkAmounts('missingItem.autoApproveUnder', 'Missing-item approval limit', p.missingItem?.autoApproveUnder)

  // Other.
  if (p.other?.toSupport !== true) {
    add('other.toSupport', 'Complaints about something else must always go to staff')
  }

  // Coupon.
  const pct = p.couponPercent
  if (typeof pct !== 'number' || !Number.isFinite(pct) || pct < 0 || pct > 100) {
    add('couponPercent', 'Coupon value must be between 0 and 100%')
  } else if (Math.abs(Math.round(pct * 10_000) - pct * 10_000) > 1e-6) {
    add('couponPercent', 'Coupon value may have at most 4 decimal places')
  } else if (
    pct === 0 &&
    [lostRemedies, damagedRemedies, wrongRemedies, missingRemedies].some((l) => l.includes('coupon'))
  ) {
    add('couponPercent', 'A coupon is offered, so its value must be more than 0%')
  }

  return issues
}
