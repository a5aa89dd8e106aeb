import { expect, test } from 'vitest'
import {
  apologyCouponMinor,
  DEFAULT_NOTICE_SETTINGS,
  readNoticeSettings,
  validateNoticeSettings,
  withThresholds,
  type NoticeSettings,
} from '#app/domain/notices/settings'

const d = DEFAULT_NOTICE_SETTINGS

test('the default settings are valid', () => {
  expect(validateNoticeSettings(d)).toEqual([])
})

test('thresholds out of range, equal quiet hours and a coupon without value are each explained', () => {
  const bad: NoticeSettings = {
    ...d,
    thresholds: { likelyLateWithinHours: 900, stalledAfterBusinessHours: 300, lostAfterBusinessDays: 5 },
    quietHours: { startHour: 7, endHour: 7 },
    apologyCoupon: { percent: 0, amounts: { EURO: 5 } },
  }
  expect(validateNoticeSettings(bad).map((i) => i.field)).toEqual([
    'likelyLateWithinHours',
    'stalledAfterBusinessHours',
    'quietEnd',
    'couponAmounts',
  ])
  const noValue: NoticeSettings = {
    ...d,
    apologyCoupon: { percent: 0, amounts: {} },
    remedies: { ...d.remedies, late: ['wait', 'coupon'] },
  }
  expect(validateNoticeSettings(noValue)).toEqual([
    { field: 'remedies.late', message: 'A coupon is offered, so give the apology coupon a value' },
  ])
})

test('stored settings that are missing or malformed read back as the defaults', () => {
  expect(readNoticeSettings(null)).toEqual(d)
  expect(readNoticeSettings({ thresholds: { likelyLateWithinHours: -1 } })).toEqual(d)
  expect(readNoticeSettings({ events: { delivered: false } }).events.delivered).toBe(false)
})

test('the shop’s stalled and lost thresholds replace the carrier’s only where set', () => {
  const profile = { normalScanGapBusinessHours: 48, lostAfterBusinessDays: 10 }
  expect(withThresholds(profile, d.thresholds)).toEqual(profile)
  expect(
    withThresholds(profile, {
      likelyLateWithinHours: 72,
      stalledAfterBusinessHours: 24,
      lostAfterBusinessDays: null,
    }),
  ).toEqual({ normalScanGapBusinessHours: 24, lostAfterBusinessDays: 10 })
})

test('the apology coupon is the fixed amount for the currency, else a percent of what was paid', () => {
  const s: NoticeSettings = { ...d, apologyCoupon: { percent: 10, amounts: { USD: 500 } } }
  expect(apologyCouponMinor(s, 'USD', 9999)).toBe(500)
  expect(apologyCouponMinor(s, 'EUR', 4995)).toBe(500)
  expect(apologyCouponMinor(s, 'PLN', 12345)).toBe(1235)
})
