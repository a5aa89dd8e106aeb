import { describe, expect, test } from 'vitest'
import { isReleasedBy, planResolutions, type PlanInput } from '#app/domain/resolutions/plan'

const base: PlanInput = {
  caseId: 'c1',
  kind: 'return',
  resolution: 'refund',
  returnMethod: 'label',
  issuedMinor: 4_500,
  currency: 'EUR',
  priceDifferenceMinor: 0,
  moneyMoves: 'first_scan',
  replacementShips: 'first_scan',
}
const summary = (input: Partial<PlanInput>) =>
  planResolutions({ ...base, ...input }).map((p) => `${p.kind}:${p.amountMinor}@${p.releaseOn}`)

describe('planResolutions', () => {
  test('a return sent back gets its label at approval and its money at the moment the policy chose', () => {
    expect(summary({})).toEqual(['return_label:0@approval', 'refund:4500@first_scan'])
    expect(
      summary({ returnMethod: 'drop_off', moneyMoves: 'inspected', resolution: 'store_credit' }),
    ).toEqual(['return_label:0@approval', 'store_credit:4500@inspected'])
  })

  test('nothing comes back (kept items, problem reports): no label, and the money moves at approval', () => {
    expect(summary({ returnMethod: 'keep', moneyMoves: 'delivered' })).toEqual(['refund:4500@approval'])
    expect(summary({ kind: 'complaint', returnMethod: null, resolution: 'coupon' })).toEqual([
      'coupon:4500@approval',
    ])
    expect(summary({ kind: 'complaint', returnMethod: null, resolution: 'reship', issuedMinor: 0 })).toEqual([
      'replacement:0@approval',
    ])
  })

  test('an exchange ships its replacement when the policy says and settles a price difference one way only', () => {
    expect(summary({ resolution: 'exchange' })).toEqual([
      'return_label:0@approval',
      'replacement:0@first_scan',
    ])
    expect(
      summary({ resolution: 'exchange', priceDifferenceMinor: 700, replacementShips: 'approval' }),
    ).toEqual(['return_label:0@approval', 'charge:700@approval', 'replacement:0@approval'])
    expect(summary({ resolution: 'exchange', priceDifferenceMinor: -300, moneyMoves: 'delivered' })).toEqual([
      'return_label:0@approval',
      'replacement:0@first_scan',
      'refund:300@delivered',
    ])
  })

  test('no money is planned for nothing, and every plan has its own idempotency key', () => {
    expect(summary({ issuedMinor: 0 })).toEqual(['return_label:0@approval'])
    expect(summary({ resolution: null })).toEqual(['return_label:0@approval'])
    const keys = planResolutions({ ...base, resolution: 'exchange', priceDifferenceMinor: 5 }).map(
      (p) => p.idempotencyKey,
    )
    expect(new Set(keys).size).toBe(keys.length)
    expect(keys).toContain('case:c1:charge')
  })
})

test('a later moment releases what waits for an earlier one, never the reverse', () => {
  expect(isReleasedBy('first_scan', 'delivered')).toBe(true)
  expect(isReleasedBy('approval', 'inspected')).toBe(true)
  expect(isReleasedBy('inspected', 'delivered')).toBe(false)
  expect(isReleasedBy('delivered', 'first_scan')).toBe(false)
  expect(isReleasedBy('first_scan', 'first_scan')).toBe(true)
})
