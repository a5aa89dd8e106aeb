import { describe, expect, test } from 'vitest'
import { CASE_STATES } from '#app/domain/cases/case-state'
import {
  decideItemStep,
  inspectionOutcome,
  ITEM_STEPS,
  type ReceivingCase,
  type ReceivingItem,
} from '#app/domain/cases/receiving'

const c: ReceivingCase = { state: 'received', kind: 'return', returnMethod: 'label' }
const fresh: ReceivingItem = {
  keepItem: false,
  receivedAt: null,
  inspectedAt: null,
  condition: null,
  disposition: null,
}
const at = new Date('2026-03-02T10:00:00Z')
const received = { ...fresh, receivedAt: at }

describe('decideItemStep', () => {
  test('an item is received, then inspected, and restocked or disposed of, each once', () => {
    expect(decideItemStep(c, fresh, 'receive')).toEqual({ kind: 'apply' })
    expect(decideItemStep(c, received, 'receive')).toEqual({ kind: 'noop' })
    expect(decideItemStep(c, received, 'inspect')).toEqual({ kind: 'apply' })
    expect(decideItemStep(c, received, 'restock')).toEqual({ kind: 'apply' })
    const inspected = { ...received, inspectedAt: at, condition: 'damaged' as const }
    expect(decideItemStep(c, inspected, 'inspect')).toEqual({
      kind: 'refused',
      reason: 'This item was already inspected (damaged).',
    })
    expect(decideItemStep(c, { ...received, disposition: 'dispose' }, 'dispose')).toMatchObject({
      kind: 'refused',
      reason: 'This item was already disposed of; that cannot be done twice or undone here.',
    })
    expect(decideItemStep(c, { ...received, disposition: 'restock' }, 'dispose')).toMatchObject({
      kind: 'refused',
    })
  })

  test('nothing before receipt but the receipt; a missing item is neither restocked nor disposed of', () => {
    expect(decideItemStep(c, fresh, 'inspect')).toEqual({
      kind: 'refused',
      reason: 'Mark the item received before inspecting it.',
    })
    expect(decideItemStep(c, fresh, 'restock')).toMatchObject({ kind: 'refused' })
    const missing = { ...received, inspectedAt: at, condition: 'missing' as const }
    expect(decideItemStep(c, missing, 'restock')).toMatchObject({ kind: 'refused' })
  })

  test('only returns whose items come back, and only once approved and until closed', () => {
    for (const step of ITEM_STEPS) {
      expect(decideItemStep({ ...c, returnMethod: 'keep' }, fresh, step).kind).toBe('refused')
      expect(decideItemStep({ ...c, kind: 'complaint', returnMethod: null }, fresh, step).kind).toBe(
        'refused',
      )
      expect(decideItemStep(c, { ...fresh, keepItem: true }, step)).toEqual({
        kind: 'refused',
        reason: 'The buyer keeps this item; it does not come back.',
      })
    }
    const open = ['approved', 'awaiting_return', 'return_in_transit', 'received', 'resolved']
    for (const state of CASE_STATES) {
      const d = decideItemStep({ ...c, state }, fresh, 'receive')
      expect(d.kind, state).toBe(open.includes(state) ? 'apply' : 'refused')
    }
    expect(decideItemStep({ ...c, state: 'requested' }, fresh, 'receive')).toEqual({
      kind: 'refused',
      reason: 'This case is still waiting for review, so its items cannot be received. Approve it first.',
    })
  })
})

describe('inspectionOutcome', () => {
  const ok = { ...received, inspectedAt: at, condition: 'as_expected' as const }
  test('released once every item that comes back is inspected as expected; kept items do not count', () => {
    expect(inspectionOutcome([ok, received])).toBe('waiting')
    expect(inspectionOutcome([ok, ok, { ...fresh, keepItem: true }])).toBe('release')
  })
  test('any problem holds, even before the rest are inspected', () => {
    for (const condition of ['damaged', 'not_as_described', 'missing'] as const) {
      expect(inspectionOutcome([{ ...ok, condition }, received])).toBe('hold')
      expect(inspectionOutcome([{ ...ok, condition }, ok])).toBe('hold')
    }
  })
})
