import { describe, expect, test } from 'vitest'
import { CASE_STATES } from '#app/domain/cases/case-state'
import {
  expectedOutcome,
  type CaseProgress,
  type ExpectedOutcomeInput,
} from '#app/domain/cases/expected-outcome'
import { RELEASE_MOMENTS, type ReleaseMoment } from '#app/domain/resolutions/plan'

// 2026-03-02 is a Monday.
const monday = new Date('2026-03-02T10:00:00Z')
const base: ExpectedOutcomeInput = {
  state: 'requested',
  kind: 'return',
  outcome: 'refund',
  returnMethod: 'label',
  stateChangedAt: monday,
  timing: { moneyMoves: 'inspected', replacementShips: 'first_scan' },
  now: monday,
}
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null)
const at = (iso: string) => new Date(iso)
const money = (moneyMoves: ReleaseMoment) => ({ moneyMoves, replacementShips: 'first_scan' as const })

describe('the moment the money moves decides the date', () => {
  // Requested Monday: approved by Tue 3 (1), first scan by Thu 5 (+2), delivered by Tue 10 (+3),
  // inspected by Thu 12 (+2); a refund then takes 5 business days to reach the card.
  const dates: Record<ReleaseMoment, string> = {
    approval: '2026-03-10', // Tue 3 + 5
    first_scan: '2026-03-12', // Thu 5 + 5
    delivered: '2026-03-17', // Tue 10 + 5
    inspected: '2026-03-19', // Thu 12 + 5
  }
  for (const moment of RELEASE_MOMENTS) {
    test(`a refund released at ${moment}`, () => {
      const e = expectedOutcome({ ...base, timing: money(moment) })
      expect(e).toMatchObject({ next: 'staff_review', expected: 'refund', moment, stage: 'waiting' })
      expect(day(e.nextBy)).toBe('2026-03-03')
      expect(day(e.outcomeBy)).toBe(dates[moment])
    })
  }

  test('store credit and coupons arrive at their moment; a replacement is dispatched and travels', () => {
    const credit = expectedOutcome({ ...base, outcome: 'store_credit', timing: money('delivered') })
    expect(day(credit.outcomeBy)).toBe('2026-03-10')
    expect(day(credit.momentBy)).toBe('2026-03-10')
    const coupon = expectedOutcome({ ...base, outcome: 'coupon', timing: money('first_scan') })
    expect(day(coupon.outcomeBy)).toBe('2026-03-05')
    // Exchanges follow replacementShips, not moneyMoves: first scan Thu 5 + 1 dispatch + 5 transit.
    const exchange = expectedOutcome({ ...base, outcome: 'exchange', timing: money('inspected') })
    expect(exchange).toMatchObject({ expected: 'replacement', moment: 'first_scan' })
    expect(day(exchange.outcomeBy)).toBe('2026-03-13')
  })

  test('nothing comes back (kept items, problem reports): it moves at approval whatever the policy says', () => {
    const kept = expectedOutcome({
      ...base,
      state: 'approved',
      outcome: 'store_credit',
      returnMethod: 'keep',
      timing: money('inspected'),
    })
    expect(kept).toMatchObject({ next: 'outcome_on_the_way', moment: 'approval' })
    expect(kept.outcomeBy!.getTime()).toBe(monday.getTime())
    const reship = expectedOutcome({
      ...base,
      kind: 'complaint',
      returnMethod: null,
      state: 'approved',
      outcome: 'reship',
    })
    // 1 dispatch + 5 transit = 6 business days → Tuesday 10 March.
    expect(day(reship.outcomeBy)).toBe('2026-03-10')
  })

  test('weekends are not counted', () => {
    const friday = at('2026-03-06T10:00:00Z')
    const e = expectedOutcome({ ...base, stateChangedAt: friday, now: friday })
    expect(day(e.nextBy)).toBe('2026-03-09')
  })
})

describe('the return parcel moves the date', () => {
  const approved: ExpectedOutcomeInput = {
    ...base,
    state: 'awaiting_return',
    timing: money('delivered'),
    progress: { approvedAt: monday, stage: 'waiting' },
  }

  test('the carrier’s estimate replaces our transit days once the parcel is scanned', () => {
    const now = at('2026-03-04T09:00:00Z')
    const e = expectedOutcome({
      ...approved,
      state: 'return_in_transit',
      now,
      progress: {
        ...approved.progress,
        returnParcel: {
          firstScanAt: at('2026-03-03T15:00:00Z'),
          deliveredAt: null,
          eta: at('2026-03-09T17:00:00Z'),
        },
      },
    })
    expect(e.next).toBe('items_on_the_way')
    expect(day(e.momentBy)).toBe('2026-03-09')
    expect(day(e.outcomeBy)).toBe('2026-03-16')
  })

  test('a first scan that is late moves the date the money arrives, and never into the past', () => {
    // Expected by Wed 4; on Fri 13 it has still not been scanned.
    const now = at('2026-03-13T12:00:00Z')
    const e = expectedOutcome({ ...approved, timing: money('first_scan'), now })
    expect(e.next).toBe('send_items')
    expect(day(e.momentBy)).toBe('2026-03-16') // the next business day
    expect(day(e.outcomeBy)).toBe('2026-03-23')
    expect(e.outcomeBy!.getTime()).toBeGreaterThan(now.getTime())
  })

  test('a carrier estimate that passed without delivery slips to the next business day', () => {
    const now = at('2026-03-11T12:00:00Z')
    const e = expectedOutcome({
      ...approved,
      state: 'return_in_transit',
      now,
      progress: {
        ...approved.progress,
        returnParcel: {
          firstScanAt: at('2026-03-03T15:00:00Z'),
          deliveredAt: null,
          eta: at('2026-03-09T17:00:00Z'),
        },
      },
    })
    expect(day(e.momentBy)).toBe('2026-03-12')
    expect(day(e.outcomeBy)).toBe('2026-03-19')
  })

  test('received: inspection within two business days; an overrun inspection moves on from today', () => {
    const received = { ...approved, state: 'received' as const, timing: money('inspected') }
    const e = expectedOutcome({ ...received, stateChangedAt: monday, progress: { receivedAt: monday } })
    expect(e).toMatchObject({ next: 'inspection' })
    expect(day(e.nextBy)).toBe('2026-03-04')
    expect(day(e.outcomeBy)).toBe('2026-03-11')
    const later = at('2026-04-01T10:00:00Z')
    const late = expectedOutcome({ ...received, now: later, progress: { receivedAt: monday } })
    expect(day(late.nextBy)).toBe('2026-04-02')
    expect(late.outcomeBy!.getTime()).toBeGreaterThan(later.getTime())
  })

  test('an inspection that found a problem holds the money: no date until staff decide', () => {
    const e = expectedOutcome({
      ...approved,
      state: 'received',
      timing: money('inspected'),
      progress: { receivedAt: monday, inspectedAt: monday, stage: 'held' },
    })
    expect(e).toMatchObject({ next: 'inspection_problem', stage: 'held', outcomeBy: null })
  })
})

describe('after the moment', () => {
  test('released money is counted from its release; issued money keeps its date even once passed', () => {
    const released = expectedOutcome({
      ...base,
      state: 'received',
      progress: { receivedAt: monday, inspectedAt: monday, stage: 'released', releasedAt: monday },
    })
    expect(released.next).toBe('outcome_on_the_way')
    expect(day(released.outcomeBy)).toBe('2026-03-09')

    const later = at('2026-04-01T10:00:00Z')
    const issued = expectedOutcome({
      ...base,
      state: 'resolved',
      now: later,
      progress: { stage: 'issued', issuedAt: monday, releasedAt: monday },
    })
    expect(issued).toMatchObject({ next: 'done', stage: 'issued' })
    expect(day(issued.outcomeBy)).toBe('2026-03-09')
  })

  test('a replacement parcel on its way is expected at its carrier estimate', () => {
    const e = expectedOutcome({
      ...base,
      outcome: 'exchange',
      state: 'return_in_transit',
      progress: {
        stage: 'issued',
        issuedAt: monday,
        replacementParcel: { eta: at('2026-03-06T17:00:00Z'), deliveredAt: null },
      },
    })
    expect(day(e.outcomeBy)).toBe('2026-03-06')
  })

  test('declined or failed money has no date', () => {
    for (const stage of ['declined', 'failed'] as const) {
      const e = expectedOutcome({ ...base, state: 'resolved', progress: { stage } })
      expect(e.outcomeBy).toBeNull()
      expect(e.stage).toBe(stage)
    }
  })
})

describe('every state × every moment', () => {
  const later = at('2026-05-20T10:00:00Z')
  const progresses: Partial<CaseProgress>[] = [
    {},
    { approvedAt: monday, stage: 'waiting' },
    {
      approvedAt: monday,
      stage: 'waiting',
      returnParcel: { firstScanAt: monday, deliveredAt: null, eta: at('2026-03-05T12:00:00Z') },
    },
  ]
  for (const state of CASE_STATES) {
    for (const moment of RELEASE_MOMENTS) {
      test(`${state} with money at ${moment}: a date ahead of today, or none when nothing is owed`, () => {
        for (const progress of progresses) {
          for (const now of [monday, later]) {
            const e = expectedOutcome({ ...base, state, timing: money(moment), progress, now })
            if (
              state === 'rejected' ||
              state === 'closed' ||
              state === 'canceled' ||
              state === 'needs_info'
            ) {
              expect(e.outcomeBy).toBeNull()
              continue
            }
            expect(e.moment).toBe(moment)
            expect(e.outcomeBy).not.toBeNull()
            if (state !== 'resolved') {
              expect(e.outcomeBy!.getTime()).toBeGreaterThanOrEqual(now.getTime())
              if (e.nextBy) expect(e.nextBy.getTime()).toBeGreaterThanOrEqual(now.getTime())
            }
          }
        }
      })
    }
  }

  test('a later moment never promises an earlier date', () => {
    for (const state of [
      'requested',
      'approved',
      'awaiting_return',
      'return_in_transit',
      'received',
    ] as const) {
      const dates = RELEASE_MOMENTS.map((m) =>
        expectedOutcome({ ...base, state, timing: money(m) }).outcomeBy!.getTime(),
      )
      expect([...dates].sort((a, b) => a - b)).toEqual(dates)
    }
  })

  test('rejected, canceled and closed cases have nothing to expect; a question waits for the buyer', () => {
    for (const state of ['rejected', 'canceled', 'closed'] as const) {
      expect(expectedOutcome({ ...base, state })).toMatchObject({
        next: 'none',
        nextBy: null,
        outcomeBy: null,
      })
    }
    expect(expectedOutcome({ ...base, state: 'needs_info' }).next).toBe('buyer_answer')
  })

  test('a case sent to staff before any remedy was chosen promises a review but no outcome date', () => {
    const e = expectedOutcome({ ...base, kind: 'complaint', returnMethod: null, outcome: null })
    expect(e.nextBy).not.toBeNull()
    expect(e).toMatchObject({ outcomeBy: null, expected: null, moment: null })
  })
})
