// A shop's delivery-notice settings: which events email the buyer, the thresholds that decide "likely
// late", "stalled" and "lost", quiet hours in the buyer's own time zone, the apology coupon, and which
// remedies a delay notice offers at each level. Pure data and rules; the defaults apply until a shop
// saves its own. Sender name, reply-to and brand colour live on the shop (they brand every email).
import { isCurrencyCode } from '../money/money'
import type { AmountByCurrency } from '../policy/policy'
import type { CarrierProfile } from '../tracking/carriers'

export const NOTICE_EVENTS = [
  'shipped',
  'out_for_delivery',
  'delivered',
  'failed_attempt',
  'delay',
  'exception',
  'returned_to_sender',
] as const
export type NoticeEvent = (typeof NOTICE_EVENTS)[number]

/** What a delay notice may offer: wait for the new date, an apology coupon, a refund, or a reship. */
export const NOTICE_REMEDIES = ['wait', 'coupon', 'refund', 'reship'] as const
export type NoticeRemedy = (typeof NOTICE_REMEDIES)[number]

/** The levels that send a delay notice (exceptions and returns have their own emails). */
export const DELAY_NOTICE_LEVELS = ['at_risk', 'late', 'stalled', 'lost'] as const
export type DelayNoticeLevel = (typeof DELAY_NOTICE_LEVELS)[number]

export interface QuietHours {
  /** Local hour, 0–23, from which no notice is sent… */
  startHour: number
  /** …until this local hour, 0–23 (may be earlier than the start: the window crosses midnight). */
  endHour: number
}

export interface NoticeSettings {
  events: Record<NoticeEvent, boolean>
  thresholds: {
    /** Say "likely late" only this many hours (or fewer) before the promised date ends; 0–720. */
    likelyLateWithinHours: number
    /** Business hours without a scan before a parcel counts as stalled; null = the carrier's normal. */
    stalledAfterBusinessHours: number | null
    /** Business days without a scan before a parcel counts as lost; null = the carrier's own. */
    lostAfterBusinessDays: number | null
  }
  /** No notice leaves inside this window of the buyer's local time; null = send at once. */
  quietHours: QuietHours | null
  apologyCoupon: {
    /** Percent, 0–100, of what the buyer paid for the parcel's items. */
    percent: number
    /** A fixed amount in minor units per currency; wins over the percent for that currency. */
    amounts: AmountByCurrency
  }
  remedies: Record<DelayNoticeLevel, NoticeRemedy[]>
}

export const DEFAULT_NOTICE_SETTINGS: NoticeSettings = {
  events: {
    shipped: true,
    out_for_delivery: true,
    delivered: true,
    failed_attempt: true,
    delay: true,
    exception: true,
    returned_to_sender: true,
  },
  thresholds: { likelyLateWithinHours: 72, stalledAfterBusinessHours: null, lostAfterBusinessDays: null },
  quietHours: { startHour: 21, endHour: 8 },
  apologyCoupon: { percent: 10, amounts: {} },
  remedies: {
    at_risk: ['wait'],
    late: ['wait', 'reship', 'refund'],
    stalled: ['wait', 'reship', 'refund'],
    lost: ['reship', 'refund'],
  },
}

export interface NoticeSettingsIssue {
  field: string
  message: string
}

const isInt = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n)

/** Every problem with a settings value, in a stable order; empty when valid. Never throws. */
export function validateNoticeSettings(s: NoticeSettings): NoticeSettingsIssue[] {
  const issues: NoticeSettingsIssue[] = []
  const add = (field: string, message: string) => issues.push({ field, message })
  const t = s.thresholds
  if (!isInt(t.likelyLateWithinHours) || t.likelyLateWithinHours < 0 || t.likelyLateWithinHours > 720)
    add('likelyLateWithinHours', 'Enter whole hours between 0 and 720')
  if (
    t.stalledAfterBusinessHours !== null &&
    (!isInt(t.stalledAfterBusinessHours) ||
      t.stalledAfterBusinessHours < 8 ||
      t.stalledAfterBusinessHours > 480)
  )
    add('stalledAfterBusinessHours', 'Enter whole business hours between 8 and 480, or leave it empty')
  if (
    t.lostAfterBusinessDays !== null &&
    (!isInt(t.lostAfterBusinessDays) || t.lostAfterBusinessDays < 2 || t.lostAfterBusinessDays > 60)
  )
    add('lostAfterBusinessDays', 'Enter whole business days between 2 and 60, or leave it empty')
  if (
    t.stalledAfterBusinessHours !== null &&
    t.lostAfterBusinessDays !== null &&
    t.stalledAfterBusinessHours >= t.lostAfterBusinessDays * 24
  )
    add('stalledAfterBusinessHours', 'A parcel must count as stalled before it counts as lost')
  if (s.quietHours) {
    const { startHour, endHour } = s.quietHours
    if (!isInt(startHour) || startHour < 0 || startHour > 23) add('quietStart', 'Choose an hour from 0 to 23')
    if (!isInt(endHour) || endHour < 0 || endHour > 23) add('quietEnd', 'Choose an hour from 0 to 23')
    if (startHour === endHour) add('quietEnd', 'Quiet hours must end at a different hour than they start')
  }
  const pct = s.apologyCoupon.percent
  if (typeof pct !== 'number' || !Number.isFinite(pct) || pct < 0 || pct > 100)
    add('couponPercent', 'Enter a percentage between 0 and 100')
  for (const [currency, amount] of Object.entries(s.apologyCoupon.amounts)) {
    if (!isCurrencyCode(currency)) add('couponAmounts', `'${currency}' is not a currency code like EUR`)
    else if (!isInt(amount) || amount <= 0)
      add('couponAmounts', `The ${currency} amount must be more than 0, in whole minor units`)
  }
  for (const level of DELAY_NOTICE_LEVELS) {
    const list = s.remedies[level]
    if (new Set(list).size !== list.length) add(`remedies.${level}`, 'A remedy is listed twice')
    if (list.some((r) => !(NOTICE_REMEDIES as readonly string[]).includes(r)))
      add(`remedies.${level}`, 'Unknown remedy (use wait, coupon, refund or reship)')
    if (list.includes('coupon') && pct === 0 && Object.keys(s.apologyCoupon.amounts).length === 0)
      add(`remedies.${level}`, 'A coupon is offered, so give the apology coupon a value')
  }
  return issues
}

/** Stored settings read back defensively: anything missing or malformed takes the default. */
export function readNoticeSettings(stored: unknown): NoticeSettings {
  const d = DEFAULT_NOTICE_SETTINGS
  if (!stored || typeof stored !== 'object') return d
  const s = stored as Partial<NoticeSettings>
  const merged: NoticeSettings = {
    events: { ...d.events, ...(s.events ?? {}) },
    thresholds: { ...d.thresholds, ...(s.thresholds ?? {}) },
    quietHours: s.quietHours === undefined ? d.quietHours : s.quietHours,
    apologyCoupon: { ...d.apologyCoupon, ...(s.apologyCoupon ?? {}) },
    remedies: { ...d.remedies, ...(s.remedies ?? {}) },
  }
  return validateNoticeSettings(merged).length ? d : merged
}

/** The carrier's profile with the shop's stalled and lost thresholds, where the shop set them. */
export function withThresholds<
  P extends Pick<CarrierProfile, 'normalScanGapBusinessHours' | 'lostAfterBusinessDays'>,
>(profile: P, thresholds: NoticeSettings['thresholds']): P {
  return {
    ...profile,
    normalScanGapBusinessHours: thresholds.stalledAfterBusinessHours ?? profile.normalScanGapBusinessHours,
    lostAfterBusinessDays: thresholds.lostAfterBusinessDays ?? profile.lostAfterBusinessDays,
  }
}

/** The apology coupon for a parcel worth `valueMinor`: the fixed amount for the currency, else the percent. */
export function apologyCouponMinor(s: NoticeSettings, currency: string, valueMinor: number): number {
  const fixed = s.apologyCoupon.amounts[currency]
  if (isInt(fixed) && fixed > 0) return fixed
  return Math.round((Math.max(0, valueMinor) * s.apologyCoupon.percent) / 100)
}
