import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  availableCommands,
  CASE_COMMANDS,
  CASE_STATES,
  nextCaseState,
  type CaseActor,
  type CaseCommand,
  type CaseState,
} from '#app/domain/cases/case-state'

const ACTORS: CaseActor[] = ['buyer', 'staff', 'system']

describe('the return journey', () => {
  test('a return goes requested → approved → awaiting return → on its way → received → resolved → closed', () => {
    const steps: [CaseCommand, CaseActor, CaseState][] = [
      ['approve', 'staff', 'approved'],
      ['issue_label', 'system', 'awaiting_return'],
      ['scan_return', 'system', 'return_in_transit'],
      ['receive', 'staff', 'received'],
      ['resolve', 'system', 'resolved'],
      ['close', 'system', 'closed'],
    ]
    let state: CaseState = 'requested'
    for (const [command, actor, expected] of steps) {
      const d = nextCaseState(state, command, actor)
      expect(d, `${command} from ${state}`).toMatchObject({ kind: 'transition', to: expected })
      state = expected
    }
  })

  test('automatic approval goes through the same machine and writes its own event', () => {
    expect(nextCaseState('requested', 'approve', 'system')).toEqual({
      kind: 'transition',
      to: 'approved',
      event: 'approved',
    })
  })

  test('a keep-the-item return or a complaint remedy resolves straight from approved', () => {
    expect(nextCaseState('approved', 'resolve', 'system')).toMatchObject({
      kind: 'transition',
      to: 'resolved',
    })
  })

  test('money can move before the parcel arrives when the policy says so', () => {
    expect(nextCaseState('awaiting_return', 'resolve', 'system')).toMatchObject({ to: 'resolved' })
    expect(nextCaseState('return_in_transit', 'resolve', 'system')).toMatchObject({ to: 'resolved' })
  })

  test('a parcel handed over in person is received without a scan', () => {
    expect(nextCaseState('awaiting_return', 'receive', 'staff')).toMatchObject({ to: 'received' })
    // Even before its label or drop-off code was issued.
    expect(nextCaseState('approved', 'receive', 'staff')).toMatchObject({ to: 'received' })
    expect(nextCaseState('requested', 'receive', 'staff')).toMatchObject({ kind: 'invalid' })
  })
})

describe('review', () => {
  test('staff can ask for information, the buyer answers, and the case is back in review', () => {
    expect(nextCaseState('requested', 'request_info', 'staff')).toMatchObject({
      to: 'needs_info',
      event: 'info_requested',
    })
    expect(nextCaseState('needs_info', 'provide_info', 'buyer')).toMatchObject({
      to: 'requested',
      event: 'info_provided',
    })
  })

  test('only staff reject, and only staff reopen', () => {
    expect(nextCaseState('requested', 'reject', 'system')).toMatchObject({
      kind: 'invalid',
      code: 'not_allowed_for_actor',
    })
    expect(nextCaseState('requested', 'reject', 'buyer')).toMatchObject({ kind: 'invalid' })
    expect(nextCaseState('rejected', 'reopen', 'staff')).toMatchObject({ to: 'requested' })
    expect(nextCaseState('closed', 'reopen', 'buyer')).toMatchObject({ kind: 'invalid' })
  })

  test('the buyer may cancel until the parcel is on its way back, not after', () => {
    for (const state of ['requested', 'needs_info', 'approved', 'awaiting_return'] as const) {
      expect(nextCaseState(state, 'cancel', 'buyer'), state).toMatchObject({
        kind: 'transition',
        to: 'canceled',
      })
    }
    for (const state of ['return_in_transit', 'received', 'resolved', 'closed'] as const) {
      expect(nextCaseState(state, 'cancel', 'buyer'), state).toMatchObject({
        kind: 'invalid',
        code: 'not_allowed_now',
      })
    }
  })
})

describe('repeats and mistakes', () => {
  test('repeating a command whose result is already in place changes nothing', () => {
    expect(nextCaseState('approved', 'approve', 'staff')).toEqual({ kind: 'noop' })
    expect(nextCaseState('resolved', 'resolve', 'system')).toEqual({ kind: 'noop' })
    expect(nextCaseState('received', 'receive', 'system')).toEqual({ kind: 'noop' })
  })

  test('an impossible step is refused with a sentence that says why', () => {
    const d = nextCaseState('rejected', 'approve', 'staff')
    expect(d).toEqual({
      kind: 'invalid',
      code: 'not_allowed_now',
      reason: 'A case that is rejected cannot be approved.',
    })
    expect(nextCaseState('canceled', 'resolve', 'staff')).toMatchObject({ kind: 'invalid' })
  })

  test('a canceled case is final: nothing moves it', () => {
    for (const command of CASE_COMMANDS) {
      for (const actor of ACTORS) {
        const d = nextCaseState('canceled', command, actor)
        expect(d.kind === 'transition', `${command} by ${actor}`).toBe(false)
      }
    }
  })
})

test('every state and command has a decision, and transitions only ever land in known states', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...CASE_STATES),
      fc.constantFrom(...CASE_COMMANDS),
      fc.constantFrom(...ACTORS),
      (s, c, a) => {
        const d = nextCaseState(s, c, a)
        if (d.kind === 'transition') expect(CASE_STATES).toContain(d.to)
        if (d.kind === 'invalid') expect(d.reason.length).toBeGreaterThan(10)
      },
    ),
  )
})

test('the buttons offered are exactly the commands that would work', () => {
  expect(availableCommands('requested', 'staff').sort()).toEqual([
    'approve',
    'cancel',
    'reject',
    'request_info',
  ])
  expect(availableCommands('needs_info', 'buyer').sort()).toEqual(['cancel', 'provide_info'])
  expect(availableCommands('resolved', 'buyer')).toEqual([])
})

describe('isSettledByIssue', () => {
  test('the money settles a problem report or a kept item at once, a returned parcel only once received', async () => {
    const { isSettledByIssue } = await import('#app/domain/cases/case-state')
    expect(isSettledByIssue({ kind: 'complaint', returnMethod: null, state: 'approved' })).toBe(true)
    expect(isSettledByIssue({ kind: 'return', returnMethod: 'keep', state: 'approved' })).toBe(true)
    expect(isSettledByIssue({ kind: 'return', returnMethod: 'label', state: 'approved' })).toBe(false)
    expect(isSettledByIssue({ kind: 'return', returnMethod: 'drop_off', state: 'awaiting_return' })).toBe(
      false,
    )
    expect(isSettledByIssue({ kind: 'return', returnMethod: 'label', state: 'received' })).toBe(true)
  })
})
