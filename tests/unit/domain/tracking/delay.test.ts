import { describe, expect, test } from 'vitest'
import { assessDelay, type DelayInput } from '#app/domain/tracking/delay'
import type { ShipmentState } from '#app/domain/tracking/shipment-state'

// 2026-03-02 is a Monday.
const at = (iso: string) => new Date(iso)
const profile = { normalScanGapBusinessHours: 48, lostAfterBusinessDays: 10 }

function input(
  overrides: Partial<Omit<DelayInput, 'state'>> & { state?: Partial<ShipmentState> } = {},
): DelayInput {
  const { state, ...rest } = overrides
  return {
    state: { status: 'in_transit', statusDetail: null, lastEventAt: at('2026-03-03T10:00:00Z'), ...state },
    shippedAt: at('2026-03-02T09:00:00Z'),
    promisedBy: null,
    originalEta: at('2026-03-05T20:00:00Z'),
    currentEta: at('2026-03-05T20:00:00Z'),
    profile,
    now: at('2026-03-04T12:00:00Z'),
    ...rest,
  }
}

describe('a parcel that is moving normally', () => {
  test('is on time and shows the carrier estimate as its date', () => {
    const a = assessDelay(input())
    expect(a).toMatchObject({ level: 'on_time', reason: 'on_track' })
    expect(a.newDate).toEqual(at('2026-03-05T20:00:00Z'))
  })

  test('is still on time during the whole estimated day', () => {
    const a = assessDelay(
      input({ state: { lastEventAt: at('2026-03-05T07:00:00Z') }, now: at('2026-03-05T23:30:00Z') }),
    )
    expect(a.level).toBe('on_time')
  })

  test('a parcel waiting at a pickup point is neither stalled nor late however long it waits', () => {
    const a = assessDelay(
      input({
        state: { status: 'available_for_pickup', lastEventAt: at('2026-03-03T10:00:00Z') },
        now: at('2026-03-20T10:00:00Z'),
      }),
    )
    expect(a).toMatchObject({ level: 'on_time', reason: 'awaiting_pickup' })
  })
})

describe('final outcomes', () => {
  test('a delivered parcel is never late, even long after its estimate', () => {
    const a = assessDelay(input({ state: { status: 'delivered' }, now: at('2026-04-30T00:00:00Z') }))
    expect(a).toMatchObject({ level: 'on_time', reason: 'delivered' })
  })

  test('a parcel on its way back to the shop is an exception', () => {
    expect(assessDelay(input({ state: { status: 'returned_to_sender' } }))).toMatchObject({
      level: 'exception',
      reason: 'returned_to_sender',
    })
  })

  test('a parcel the carrier declared lost is lost', () => {
    expect(assessDelay(input({ state: { status: 'lost' } }))).toMatchObject({
      level: 'lost',
      reason: 'lost_by_carrier',
    })
  })
})

describe('exceptions', () => {
  test.each(['address', 'customs', 'damaged', 'weather', 'other'] as const)(
    'a %s exception is reported with its reason',
    (detail) => {
      const a = assessDelay(input({ state: { status: 'exception', statusDetail: detail } }))
      expect(a).toMatchObject({ level: 'exception', reason: 'exception', detail })
    },
  )

  test('an exception without a sub-reason is "other"', () => {
    expect(assessDelay(input({ state: { status: 'exception', statusDetail: null } })).detail).toBe('other')
  })

  test('an exception keeps a future carrier date but drops a past one', () => {
    const future = assessDelay(
      input({
        state: { status: 'exception', statusDetail: 'customs' },
        currentEta: at('2026-03-09T20:00:00Z'),
      }),
    )
    expect(future.newDate).toEqual(at('2026-03-09T20:00:00Z'))
    const past = assessDelay(
      input({ state: { status: 'exception', statusDetail: 'customs' }, now: at('2026-03-12T10:00:00Z') }),
    )
    expect(past.newDate).toBeNull()
  })
})

describe('silence', () => {
  test('no scan for longer than the carrier normally goes quiet is stalled, with the date it escalates', () => {
    // Last scan Tuesday 10:00; Friday 12:00 is 74 business hours later.
    const eta = at('2026-03-09T20:00:00Z')
    const a = assessDelay(input({ now: at('2026-03-06T12:00:00Z'), originalEta: eta, currentEta: eta }))
    expect(a).toMatchObject({ level: 'stalled', reason: 'no_scan', silentSince: at('2026-03-03T10:00:00Z') })
    expect(a.escalatesAt).toEqual(at('2026-03-17T10:00:00Z'))
  })

  test('a weekend without scans is not a stall', () => {
    // Last scan Friday 18:00, now Monday 09:00: 15 business hours.
    const a = assessDelay(
      input({
        state: { lastEventAt: at('2026-03-06T18:00:00Z') },
        now: at('2026-03-09T09:00:00Z'),
        currentEta: at('2026-03-10T20:00:00Z'),
        originalEta: at('2026-03-10T20:00:00Z'),
      }),
    )
    expect(a.level).toBe('on_time')
  })

  test('exactly the normal gap is still normal; one hour more is stalled', () => {
    const eta = at('2026-03-09T20:00:00Z')
    const normal = assessDelay(input({ now: at('2026-03-05T10:00:00Z'), originalEta: eta, currentEta: eta }))
    expect(normal.level).toBe('on_time')
    const stalled = assessDelay(input({ now: at('2026-03-05T11:00:00Z'), originalEta: eta, currentEta: eta }))
    expect(stalled.level).toBe('stalled')
  })

  test('a label that the carrier never picked up is stalled as "not picked up"', () => {
    const a = assessDelay(
      input({
        state: { status: 'pre_transit', lastEventAt: at('2026-03-02T09:00:00Z') },
        now: at('2026-03-05T12:00:00Z'),
      }),
    )
    expect(a).toMatchObject({ level: 'stalled', reason: 'not_picked_up' })
  })

  test('with no scans at all, silence counts from the shipping date', () => {
    const a = assessDelay(
      input({ state: { status: 'pre_transit', lastEventAt: null }, now: at('2026-03-05T12:00:00Z') }),
    )
    expect(a.silentSince).toEqual(at('2026-03-02T09:00:00Z'))
  })

  test('silence past the carrier give-up period is lost', () => {
    const a = assessDelay(input({ now: at('2026-03-17T10:00:00Z') }))
    expect(a).toMatchObject({ level: 'lost', reason: 'no_scan_lost' })
  })

  test('stalled outranks late: the buyer hears the more useful truth', () => {
    const a = assessDelay(input({ now: at('2026-03-09T12:00:00Z') }))
    expect(a.level).toBe('stalled')
  })
})

describe('lateness', () => {
  test('a carrier estimate moved past the promised day is late, with the new date', () => {
    const a = assessDelay(
      input({ promisedBy: at('2026-03-05T12:00:00Z'), currentEta: at('2026-03-07T18:00:00Z') }),
    )
    expect(a).toMatchObject({ level: 'late', reason: 'eta_revised', newDate: at('2026-03-07T18:00:00Z') })
    expect(a.expectedBy).toEqual(at('2026-03-05T12:00:00Z'))
  })

  test('a later time on the same day is not late', () => {
    const a = assessDelay(
      input({ promisedBy: at('2026-03-05T09:00:00Z'), currentEta: at('2026-03-05T21:00:00Z') }),
    )
    expect(a.level).toBe('on_time')
  })

  test('without a promise, the first carrier estimate is what the buyer was told', () => {
    const a = assessDelay(
      input({ originalEta: at('2026-03-05T20:00:00Z'), currentEta: at('2026-03-06T20:00:00Z') }),
    )
    expect(a).toMatchObject({ level: 'late', reason: 'eta_revised', expectedBy: at('2026-03-05T20:00:00Z') })
  })

  test('an estimate that has passed without delivery is late with no new date yet', () => {
    const a = assessDelay(
      input({ state: { lastEventAt: at('2026-03-06T08:00:00Z') }, now: at('2026-03-06T09:00:00Z') }),
    )
    expect(a).toMatchObject({ level: 'late', reason: 'eta_passed', newDate: null })
  })

  test('a parcel with no date at all can only be judged by silence', () => {
    const a = assessDelay(
      input({
        originalEta: null,
        currentEta: null,
        now: at('2026-03-30T09:00:00Z'),
        state: { lastEventAt: at('2026-03-27T08:00:00Z') },
      }),
    )
    expect(a.level).toBe('on_time')
    expect(a.newDate).toBeNull()
  })
})

describe('failed delivery attempts', () => {
  test('a failed attempt before the estimate has passed puts the parcel at risk', () => {
    const a = assessDelay(
      input({
        state: { status: 'failed_attempt', lastEventAt: at('2026-03-05T11:00:00Z') },
        now: at('2026-03-05T12:00:00Z'),
      }),
    )
    expect(a).toMatchObject({ level: 'at_risk', reason: 'failed_attempt' })
  })

  test('a failed attempt is told as such even after the estimate passed: the buyer can act on it', () => {
    const a = assessDelay(
      input({
        state: { status: 'failed_attempt', lastEventAt: at('2026-03-06T11:00:00Z') },
        now: at('2026-03-06T12:00:00Z'),
      }),
    )
    expect(a).toMatchObject({ level: 'at_risk', reason: 'failed_attempt', newDate: null })
  })

  test('a failed attempt followed by days of silence is stalled', () => {
    const a = assessDelay(
      input({
        state: { status: 'failed_attempt', lastEventAt: at('2026-03-02T11:00:00Z') },
        now: at('2026-03-06T12:00:00Z'),
      }),
    )
    expect(a.level).toBe('stalled')
  })
})
