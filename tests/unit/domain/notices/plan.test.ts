import { describe, expect, test } from 'vitest'
import {
  noticeDedupeKey,
  noticeRules,
  planNotice,
  quietHoursSendAfter,
  type NoticeChange,
} from '#app/domain/notices/plan'
import { DEFAULT_NOTICE_SETTINGS, type NoticeSettings } from '#app/domain/notices/settings'

const settings = DEFAULT_NOTICE_SETTINGS
const change = (c: Partial<NoticeChange>): NoticeChange => ({
  status: 'in_transit',
  level: 'on_time',
  statusChanged: false,
  levelChanged: false,
  freshScan: true,
  ...c,
})

describe('which email a change sends', () => {
  test.each([
    ['in_transit', 'shipped'],
    ['out_for_delivery', 'out-for-delivery'],
    ['delivered', 'delivered'],
    ['failed_attempt', 'failed-attempt'],
    ['exception', 'exception'],
    ['returned_to_sender', 'returned-to-sender'],
  ] as const)('a fresh %s scan sends the %s email', (status, template) => {
    expect(planNotice(change({ status, statusChanged: true }), settings)).toMatchObject({
      template,
      key: status,
    })
  })

  test('a status change learned days after the scan is not news and sends nothing', () => {
    expect(
      planNotice(change({ status: 'delivered', statusChanged: true, freshScan: false }), settings),
    ).toBeNull()
  })

  test('a parcel that became late sends a delay notice with the remedies the shop offers for late', () => {
    expect(planNotice(change({ level: 'late', levelChanged: true }), settings)).toEqual({
      template: 'delay',
      key: 'late',
      remedies: ['wait', 'reship', 'refund'],
    })
  })

  test('a stalled parcel sends its delay notice however old its last scan is', () => {
    expect(
      planNotice(
        change({ level: 'stalled', levelChanged: true, statusChanged: true, freshScan: false }),
        settings,
      ),
    ).toMatchObject({ template: 'delay', key: 'stalled' })
  })

  test('a parcel already likely late when it first moves gets the delay notice instead of "shipped"', () => {
    const c = change({ status: 'in_transit', level: 'at_risk', statusChanged: true, levelChanged: true })
    expect(planNotice(c, settings)).toMatchObject({ template: 'delay', key: 'at_risk' })
  })

  test('a failed attempt is told by its own email, not also as "at risk"', () => {
    const c = change({ status: 'failed_attempt', level: 'at_risk', statusChanged: true, levelChanged: true })
    expect(planNotice(c, settings)).toMatchObject({ template: 'failed-attempt' })
    expect(planNotice({ ...c, statusChanged: false }, settings)).toBeNull()
  })

  test('an exception level is told by the exception email only', () => {
    expect(
      planNotice(
        change({ status: 'exception', level: 'exception', statusChanged: true, levelChanged: true }),
        settings,
      ),
    ).toMatchObject({ template: 'exception', key: 'exception' })
  })

  test('getting back on time sends nothing', () => {
    expect(planNotice(change({ level: 'on_time', levelChanged: true }), settings)).toBeNull()
  })

  test('an event the shop switched off sends nothing, and a delay still gets through with its status muted', () => {
    const off: NoticeSettings = { ...settings, events: { ...settings.events, shipped: false } }
    expect(planNotice(change({ statusChanged: true }), off)).toBeNull()
    expect(planNotice(change({ statusChanged: true, level: 'late', levelChanged: true }), off)).toMatchObject(
      {
        template: 'delay',
      },
    )
    const noDelay: NoticeSettings = { ...settings, events: { ...settings.events, delay: false } }
    expect(planNotice(change({ level: 'lost', levelChanged: true }), noDelay)).toBeNull()
  })

  test('the rules table holds exactly the changes that send a notice', () => {
    const rules = noticeRules(settings)
    expect(rules.every((r) => r.statusChanged || r.levelChanged)).toBe(true)
    for (const r of rules)
      expect(planNotice(r, settings)).toEqual({ template: r.template, key: r.key, remedies: r.remedies })
    expect(rules.some((r) => r.template === 'delay' && r.key === 'late')).toBe(true)
  })

  test('a notice is keyed by parcel and status or level, so it is sent once', () => {
    expect(noticeDedupeKey('abc', 'late')).toBe('notice:abc:late')
  })
})

describe('quiet hours in the buyer’s time zone', () => {
  const quiet = { startHour: 21, endHour: 8 }

  test('outside quiet hours a notice leaves at once', () => {
    const now = new Date('2026-03-04T12:00:00Z') // 13:00 in Warsaw
    expect(quietHoursSendAfter(now, 'Europe/Warsaw', quiet)).toEqual(now)
  })

  test('late in the evening a notice waits for the buyer’s morning, the next day', () => {
    const now = new Date('2026-03-04T22:30:00Z') // 23:30 in Warsaw (UTC+1)
    expect(quietHoursSendAfter(now, 'Europe/Warsaw', quiet)).toEqual(new Date('2026-03-05T07:00:00Z'))
  })

  test('early in the morning a notice waits until the end of the quiet hours that day', () => {
    const now = new Date('2026-03-04T10:00:00Z') // 04:00 in Chicago (UTC-6)
    expect(quietHoursSendAfter(now, 'America/Chicago', quiet)).toEqual(new Date('2026-03-04T14:00:00Z'))
  })

  test('a night when the clocks change still ends at 8 local time', () => {
    // Europe/Warsaw springs forward on 2026-03-29 at 02:00 local.
    const now = new Date('2026-03-28T22:00:00Z') // 23:00 CET
    expect(quietHoursSendAfter(now, 'Europe/Warsaw', quiet)).toEqual(new Date('2026-03-29T06:00:00Z'))
  })

  test('a window inside one day holds notices only inside it', () => {
    const day = { startHour: 12, endHour: 14 }
    expect(quietHoursSendAfter(new Date('2026-03-04T12:30:00Z'), 'UTC', day)).toEqual(
      new Date('2026-03-04T14:00:00Z'),
    )
    expect(quietHoursSendAfter(new Date('2026-03-04T14:00:00Z'), 'UTC', day)).toEqual(
      new Date('2026-03-04T14:00:00Z'),
    )
  })

  test('no quiet hours: always at once', () => {
    const now = new Date('2026-03-04T02:00:00Z')
    expect(quietHoursSendAfter(now, 'UTC', null)).toEqual(now)
  })
})
