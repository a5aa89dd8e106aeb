import { describe, expect, test } from 'vitest'
import { expectedOutcome, type ExpectedOutcomeInput } from '#app/domain/cases/expected-outcome'

// 2026-03-02 is a Monday.
const monday = new Date('2026-03-02T10:00:00Z')
const base: ExpectedOutcomeInput = {
  state: 'requested',
  kind: 'return',
  outcome: 'refund',
  returnMethod: 'label',
  stateChangedAt: monday,
  now: monday,
}
const day = (iso: string) => new Date(iso).toISOString().slice(0, 10)

describe('expectedOutcome', () => {
  test('a return waiting for staff is reviewed the next business day and refunded after the journey back', () => {
    const e = expectedOutcome(base)
    expect(e.next).toBe('staff_review')
    expect(day(e.nextBy!.toISOString())).toBe('2026-03-03')
    // 1 review + 5 transit + 2 inspection + 5 to the card = 13 business days → Thursday 19 March.
    expect(day(e.outcomeBy!.toISOString())).toBe('2026-03-19')
  })

  test('weekends are not counted', () => {
    const friday = new Date('2026-03-06T10:00:00Z')
    const e = expectedOutcome({ ...base, stateChangedAt: friday, now: friday })
    expect(day(e.nextBy!.toISOString())).toBe('2026-03-09')
  })

  test('store credit for a kept item arrives as soon as it is approved', () => {
    const e = expectedOutcome({ ...base, state: 'approved', outcome: 'store_credit', returnMethod: 'keep' })
    expect(e.next).toBe('outcome_on_the_way')
    expect(e.outcomeBy!.getTime()).toBe(monday.getTime())
  })

  test('an approved return waits for the buyer to send it, and the date follows the journey back', () => {
    const e = expectedOutcome({ ...base, state: 'approved' })
    expect(e.next).toBe('send_items')
    expect(e.nextBy).toBeNull()
    expect(day(e.outcomeBy!.toISOString())).toBe('2026-03-18')
  })

  test('a reship complaint includes dispatch and transit of the replacement', () => {
    const e = expectedOutcome({
      ...base,
      kind: 'complaint',
      returnMethod: null,
      state: 'approved',
      outcome: 'reship',
    })
    // 1 dispatch + 5 transit = 6 business days → Tuesday 10 March.
    expect(day(e.outcomeBy!.toISOString())).toBe('2026-03-10')
  })

  test('a stage that overran counts from today, never showing a date in the past', () => {
    const later = new Date('2026-04-01T10:00:00Z')
    const e = expectedOutcome({ ...base, state: 'received', now: later })
    expect(e.nextBy!.getTime()).toBeGreaterThan(later.getTime())
  })

  test('a resolved refund keeps the date counted from when it was issued', () => {
    const later = new Date('2026-04-01T10:00:00Z')
    const e = expectedOutcome({ ...base, state: 'resolved', now: later })
    expect(e.next).toBe('done')
    expect(day(e.outcomeBy!.toISOString())).toBe('2026-03-09')
  })

  test('rejected, canceled and closed cases have nothing to expect; a question waits for the buyer', () => {
    for (const state of ['rejected', 'canceled', 'closed'] as const) {
      expect(expectedOutcome({ ...base, state })).toEqual({ next: 'none', nextBy: null, outcomeBy: null })
    }
    expect(expectedOutcome({ ...base, state: 'needs_info' }).next).toBe('buyer_answer')
  })

  test('a case sent to staff before any remedy was chosen promises a review but no outcome date', () => {
    const e = expectedOutcome({ ...base, kind: 'complaint', returnMethod: null, outcome: null })
    expect(e.nextBy).not.toBeNull()
    expect(e.outcomeBy).toBeNull()
  })
})
