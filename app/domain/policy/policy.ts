// A shop's return policy: the settings a merchant chooses, and the defaults a new shop starts with. Items can
// be returned for a set number of days, counted from delivery (or, if the carrier never confirmed delivery,
// from fulfilment or the order date), fulfilment or the order date. Some items can never be returned: those
// tagged final sale, those matching an excluded tag, product type or SKU, and those bought at more than a set
// discount. Each return reason has its own rules: whether it is offered, whether a photo or a note is needed,
// which resolutions it allows, and whether it spares the buyer the return shipping and restocking fees
// (a damaged or wrong item is the shop's fault, so the buyer should not pay to send it back). The buyer can
// get a refund, store credit, an exchange or a coupon, the last three possibly with a bonus. Cheap items
// returned because of the shop's mistake can be kept rather than sent back ("green return"). Small, routine
// returns from buyers who do not return often are approved without staff. Some email addresses cannot start
// returns online, and an order can only have so many returns. Amounts are in minor units per currency; a
// currency missing from one of the per-currency maps means "none" for that currency: no return shipping fee,
// no green returns, no auto-approval (see `AmountByCurrency`).
import { isCurrencyCode } from '../money/money'
import type { ReleaseMoment, ReplacementMoment } from '../resolutions/plan'

export const RETURN_REASONS = [
  'changed_mind',
  'wrong_size',
  'not_as_described',
  'arrived_damaged',
  'wrong_item',
  'defective',
  'other',
] as const
export type ReturnReason = (typeof RETURN_REASONS)[number]

export const RESOLUTIONS = ['refund', 'store_credit', 'exchange', 'coupon'] as const
export type Resolution = (typeof RESOLUTIONS)[number]

export interface ReasonSettings {
  /** Whether buyers can pick this reason at all. */
  enabled: boolean
  photoRequired: boolean
  noteRequired: boolean
  /** Resolutions the buyer may choose for this reason; each must also be enabled shop-wide. */
  allowedResolutions: Resolution[]
  waiveReturnShipping: boolean
  waiveRestockingFee: boolean
}

export interface ReturnWindow {
  /** Whole days, 1–365. The window ends at the end of the UTC day `days` after the start date. */
  days: number
  countFrom: 'delivery' | 'fulfillment' | 'order'
  /** Used only when `countFrom` is 'delivery' and the carrier never confirmed delivery. */
  fallbackWhenUndelivered: 'fulfillment' | 'order'
}

/**
 * Minor units keyed by ISO 4217 code (`{ USD: 695 }`). A currency that is not in the map has no amount:
 * no return shipping fee, no green return, no auto-approval for orders in that currency.
 */
export type AmountByCurrency = Record<string, number>

export interface BonusResolution {
  enabled: boolean
  /** Extra value on top of the returned amount, 0–100 (%). */
  bonusPercent: number
}

export interface CouponResolution extends BonusResolution {
  /**
   * Days a coupon can be used after it is issued, 1–730; it covers the problem reports' apology coupons
   * too. Optional: policies saved before it existed read as DEFAULT_COUPON_VALID_DAYS (couponValidDaysOf).
   */
  validDays?: number
}

/** A year: long enough for a next order, short enough that an unused code does not linger. */
export const DEFAULT_COUPON_VALID_DAYS = 365
/** Two years at most: a promise of money off that far ahead is a liability the shop forgets. */
export const MAX_COUPON_VALID_DAYS = 730

/** How long the policy's coupons can be used, in days; the default for policies saved before it existed. */
export function couponValidDaysOf(
  p: { resolutions?: { coupon?: { validDays?: unknown } } } | null | undefined,
) {
  const days = p?.resolutions?.coupon?.validDays
  return typeof days === 'number' && Number.isInteger(days) && days >= 1 && days <= MAX_COUPON_VALID_DAYS
    ? days
    : DEFAULT_COUPON_VALID_DAYS
}

export interface ReturnPolicy {
  window: ReturnWindow
  reasons: Record<ReturnReason, ReasonSettings>
  /** Matched case-insensitively, ignoring surrounding spaces. */
  exclusions: { tags: string[]; productTypes: string[]; skus: string[] }
  /** Product tag marking final-sale items (case-insensitive); null = no final-sale rule. */
  finalSaleTag: string | null
  /** Items discounted by more than this (line and order discounts together) can't be returned; null = no rule. */
  maxDiscountPercent: number | null
  /** Percent of what the buyer paid for the item, 0–100; reasons may waive it. */
  restockingFeePercent: number
  /** Flat fee, once per return, in minor units per currency. A currency missing from the map: no fee. */
  returnShippingFee: AmountByCurrency
  resolutions: {
    refund: { enabled: boolean }
    storeCredit: BonusResolution
    exchange: BonusResolution
    coupon: CouponResolution
  }
  /**
   * Let the buyer keep an item worth less than `maxItemValue` (per unit, as paid) instead of sending it back.
   * Only for reasons that waive return shipping (the shop's mistake). A missing currency: never.
   */
  greenReturn: { enabled: boolean; maxItemValue: AmountByCurrency }
  /**
   * Approve without staff when all hold: value under `maxValue` (missing currency: never), every reason in
   * `reasons`, fewer than `maxReturnsLast90Days` returns by this buyer in the last 90 days, not blocked.
   */
  autoApprove: {
    enabled: boolean
    maxValue: AmountByCurrency
    reasons: ReturnReason[]
    maxReturnsLast90Days: number
  }
  /** Buyers who must contact the shop instead of starting a return online (case-insensitive). */
  blockedEmails: string[]
  /** Most return cases one order may have; null = no limit. */
  maxReturnsPerOrder: number | null
  /**
   * When an approved return that is sent back delivers: money (refund, credit, coupon) at approval, at the
   * return parcel's first carrier scan, at its delivery to the merchant, or once staff have inspected the
   * items; a replacement at approval or at the first scan. Optional: policies saved before it existed
   * read as `DEFAULT_RESOLUTION_TIMING` (see `timingOf`).
   */
  timing?: ResolutionTiming
}

export interface ResolutionTiming {
  moneyMoves: ReleaseMoment
  replacementShips: ReplacementMoment
}

export const DEFAULT_RESOLUTION_TIMING: ResolutionTiming = {
  moneyMoves: 'first_scan',
  replacementShips: 'first_scan',
}

/** The policy's timing, or the default for policies saved before timing was a setting. */
export function timingOf(p: Pick<ReturnPolicy, 'timing'> | null | undefined): ResolutionTiming {
  return { ...DEFAULT_RESOLUTION_TIMING, ...(p?.timing ?? {}) }
}

const RESOLUTION_SETTING = {
  refund: 'refund',
  store_credit: 'storeCredit',
  exchange: 'exchange',
  coupon: 'coupon',
} as const satisfies Record<Resolution, keyof ReturnPolicy['resolutions']>

export function isResolutionEnabled(policy: ReturnPolicy, resolution: Resolution): boolean {
  return policy.resolutions[RESOLUTION_SETTING[resolution]].enabled
}

/** Bonus percent for a resolution; a refund never carries a bonus. */
export function bonusPercentFor(policy: ReturnPolicy, resolution: Resolution): number {
  if (resolution === 'refund') return 0
  return policy.resolutions[RESOLUTION_SETTING[resolution]].bonusPercent
}

/** The amount for `currency` in a per-currency map, or null when the currency is missing. */
export function amountFor(map: AmountByCurrency, currency: string): number | null {
  return Object.prototype.hasOwnProperty.call(map, currency) ? (map[currency] ?? null) : null
}

// Functions rather than shared objects: each reason gets its own `allowedResolutions` array, so editing one
// reason of a copied policy can never change another.
const ordinary = (photoRequired: boolean, noteRequired: boolean): ReasonSettings => ({
  enabled: true,
  photoRequired,
  noteRequired,
  allowedResolutions: ['refund', 'store_credit', 'exchange'],
  waiveReturnShipping: false,
  waiveRestockingFee: false,
})

// The shop's mistake: the buyer pays nothing to send it back and is offered money or a replacement.
const shopFault = (noteRequired: boolean): ReasonSettings => ({
  enabled: true,
  photoRequired: true,
  noteRequired,
  allowedResolutions: ['refund', 'exchange'],
  waiveReturnShipping: true,
  waiveRestockingFee: true,
})

export const DEFAULT_RETURN_POLICY: ReturnPolicy = {
  window: { days: 30, countFrom: 'delivery', fallbackWhenUndelivered: 'fulfillment' },
  reasons: {
    changed_mind: ordinary(false, false),
    wrong_size: ordinary(false, false),
    not_as_described: ordinary(true, true),
    arrived_damaged: shopFault(false),
    wrong_item: shopFault(false),
    defective: shopFault(true),
    other: ordinary(false, true),
  },
  exclusions: { tags: ['hygiene'], productTypes: [], skus: [] },
  finalSaleTag: 'final-sale',
  maxDiscountPercent: null,
  restockingFeePercent: 0,
  returnShippingFee: { USD: 695, EUR: 595, GBP: 495, PLN: 2500, CAD: 895, RUB: 50000 },
  resolutions: {
    refund: { enabled: true },
    storeCredit: { enabled: true, bonusPercent: 10 },
    exchange: { enabled: true, bonusPercent: 5 },
    coupon: { enabled: false, bonusPercent: 0, validDays: DEFAULT_COUPON_VALID_DAYS },
  },
  greenReturn: { enabled: true, maxItemValue: { USD: 1500, EUR: 1500, GBP: 1200, PLN: 6000 } },
  autoApprove: {
    enabled: true,
    maxValue: { USD: 10000, EUR: 10000, GBP: 8000, PLN: 40000, CAD: 13000, RUB: 800000 },
    reasons: ['wrong_size', 'changed_mind', 'arrived_damaged', 'wrong_item'],
    maxReturnsLast90Days: 3,
  },
  blockedEmails: [],
  maxReturnsPerOrder: 2,
  timing: { ...DEFAULT_RESOLUTION_TIMING },
}

export interface PolicyIssue {
  /** Dotted path of the offending setting, e.g. 'window.days' or 'reasons.defective.allowedResolutions'. */
  field: string
  message: string
}

/**
 * Checks a policy for settings that make no sense (out-of-range numbers, unknown codes, empty lists that
 * must have entries). Returns every problem found, in a stable order; an empty list means valid. Never
 * throws, so it can check policies read back from storage.
 */
export function validatePolicy(p: ReturnPolicy): PolicyIssue[] {
  const issues: PolicyIssue[] = []
  const add = (field: string, message: string) => issues.push({ field, message })

  const isInt = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n)
  const isPercent = (n: unknown): n is number =>
    typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= 100

  const checkAmounts = (field: string, label: string, map: AmountByCurrency) => {
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
  const checkStrings = (field: string, label: string, list: readonly unknown[]) => {
    list.forEach((s, i) => {
      if (typeof s !== 'string' || s.trim() === '') add(`${field}.${i}`, `${label} must not be blank`)
    })
  }

  // Window.
  if (!isInt(p.window?.days) || p.window.days < 1 || p.window.days > 365) {
    add('window.days', 'Return window must be between 1 and 365 days')
  }
  if (!['delivery', 'fulfillment', 'order'].includes(p.window?.countFrom)) {
    add('window.countFrom', 'Return window must count from delivery, fulfillment or the order date')
  }
  if (!['fulfillment', 'order'].includes(p.window?.fallbackWhenUndelivered)) {
    add(
      'window.fallbackWhenUndelivered',
      'When delivery is unknown, the window must count from fulfillment or the order date',
    )
  }

  // Reasons.
  let enabledReasons = 0
  for (const reason of RETURN_REASONS) {
    const r = p.reasons?.[reason]
    if (!r) {
      add(`reasons.${reason}`, `Settings for the reason '${reason}' are missing`)
      continue
    }
    if (!r.enabled) continue
    enabledReasons++
    if (!Array.isArray(r.allowedResolutions) || r.allowedResolutions.length === 0) {
      add(`reasons.${reason}.allowedResolutions`, `Reason '${reason}' must allow at least one resolution`)
      continue
    }
    for (const res of r.allowedResolutions) {
      if (!(RESOLUTIONS as readonly string[]).includes(res)) {
        add(
          `reasons.${reason}.allowedResolutions`,
          `Reason '${reason}' allows an unknown resolution '${res}'`,
        )
      } else if (!isResolutionEnabled(p, res)) {
        add(
          `reasons.${reason}.allowedResolutions`,
          `Reason '${reason}' allows '${res}', which is turned off for the shop`,
        )
      }
    }
  }
  if (enabledReasons === 0) add('reasons', 'At least one return reason must be enabled')

  // Exclusions and final sale.
  checkStrings('exclusions.tags', 'Excluded tags', p.exclusions?.tags ?? [])
  checkStrings('exclusions.productTypes', 'Excluded product types', p.exclusions?.productTypes ?? [])
  checkStrings('exclusions.skus', 'Excluded SKUs', p.exclusions?.skus ?? [])
  if (p.finalSaleTag !== null && (typeof p.finalSaleTag !== 'string' || p.finalSaleTag.trim() === '')) {
    add('finalSaleTag', 'Final-sale tag must not be blank (turn the rule off instead)')
  }
  if (p.maxDiscountPercent !== null && !isPercent(p.maxDiscountPercent)) {
    add('maxDiscountPercent', 'Maximum discount must be between 0 and 100%')
  }

  // Fees.
  if (!isPercent(p.restockingFeePercent))
    add('restockingFeePercent', 'Restocking fee must be between 0 and 100%')
  checkAmounts('returnShippingFee', 'Return shipping fee', p.returnShippingFee)

  // Resolutions.
  const r = p.resolutions
  if (!r?.refund?.enabled && !r?.storeCredit?.enabled && !r?.exchange?.enabled && !r?.coupon?.enabled) {
    add('resolutions', 'At least one resolution must be enabled')
  }
  for (const key of ['storeCredit', 'exchange', 'coupon'] as const) {
    if (!isPercent(r?.[key]?.bonusPercent))
      add(`resolutions.${key}.bonusPercent`, 'Bonus must be between 0 and 100%')
  }
  const validDays = r?.coupon?.validDays
  if (validDays !== undefined && (!isInt(validDays) || validDays < 1 || validDays > MAX_COUPON_VALID_DAYS)) {
    add(
      'resolutions.coupon.validDays',
      `Coupons must be valid for a whole number of days from 1 to ${MAX_COUPON_VALID_DAYS}`,
    )
  }

  // Green return.
  checkAmounts('greenReturn.maxItemValue', 'Keep-the-item limit', p.greenReturn?.maxItemValue)
  if (p.greenReturn?.enabled && Object.keys(p.greenReturn.maxItemValue ?? {}).length === 0) {
    add('greenReturn.maxItemValue', 'Keep-the-item returns need a value limit for at least one currency')
  }

  // Timing.
  if (p.timing !== undefined) {
    const moments = ['approval', 'first_scan', 'delivered', 'inspected']
    if (!moments.includes(p.timing?.moneyMoves)) add('timing.moneyMoves', 'Choose when the money moves')
    if (!['approval', 'first_scan'].includes(p.timing?.replacementShips)) {
      add('timing.replacementShips', 'A replacement ships at approval or at the first scan')
    }
  }

  // Auto-approval.
  const a = p.autoApprove
  checkAmounts('autoApprove.maxValue', 'Auto-approval limit', a?.maxValue)
  if (!isInt(a?.maxReturnsLast90Days) || a.maxReturnsLast90Days < 0) {
    add('autoApprove.maxReturnsLast90Days', 'Returns in the last 90 days must be a whole number, 0 or more')
  }
  for (const reason of a?.reasons ?? []) {
    if (!(RETURN_REASONS as readonly string[]).includes(reason)) {
      add('autoApprove.reasons', `Auto-approval lists an unknown reason '${reason}'`)
    }
  }
  if (a?.enabled) {
    if ((a.reasons ?? []).length === 0) add('autoApprove.reasons', 'Auto-approval needs at least one reason')
    if (Object.keys(a.maxValue ?? {}).length === 0) {
      add('autoApprove.maxValue', 'Auto-approval needs a value limit for at least one currency')
    }
  }

  // Customers and orders.
  for (const [i, email] of (p.blockedEmails ?? []).entries()) {
    if (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(email.trim())) {
      add(`blockedEmails.${i}`, `Blocked email '${String(email)}' is not an email address`)
    }
  }
  if (p.maxReturnsPerOrder !== null && (!isInt(p.maxReturnsPerOrder) || p.maxReturnsPerOrder < 1)) {
    add('maxReturnsPerOrder', 'Returns per order must be at least 1 (or no limit)')
  }

  return issues
}
