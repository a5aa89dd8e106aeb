import { describe, expect, test } from 'vitest'
import { returnParcelCommands, returnParcelProgress } from '#app/domain/cases/return-parcel'
import type { TrackingStatus } from '#app/domain/tracking/status'

const scans = (...statuses: TrackingStatus[]) => statuses.map((status) => ({ status }))

describe('return parcel progress', () => {
  test('a created label is not a hand-over; any carrier scan after it is', () => {
    expect(returnParcelProgress(scans())).toEqual({ handedOver: false, delivered: false })
    expect(returnParcelProgress(scans('pre_transit', 'unknown'))).toEqual({
      handedOver: false,
      delivered: false,
    })
    expect(returnParcelProgress(scans('pre_transit', 'in_transit'))).toEqual({
      handedOver: true,
      delivered: false,
    })
    expect(returnParcelProgress(scans('exception'))).toEqual({ handedOver: true, delivered: false })
  })

  test('a delivery seen before any transit scan still counts as handed over; order does not matter', () => {
    expect(returnParcelProgress(scans('delivered', 'pre_transit'))).toEqual({
      handedOver: true,
      delivered: true,
    })
  })
})

describe('the case commands a return parcel sends', () => {
  test('waiting for the parcel: the first scan puts it on its way; delivery makes it received', () => {
    expect(returnParcelCommands('awaiting_return', { handedOver: true, delivered: false })).toEqual([
      'scan_return',
    ])
    expect(returnParcelCommands('awaiting_return', { handedOver: true, delivered: true })).toEqual([
      'scan_return',
      'receive',
    ])
    expect(returnParcelCommands('return_in_transit', { handedOver: true, delivered: true })).toEqual([
      'receive',
    ])
  })

  test('the same scans again, or a case already past them or finished, send nothing', () => {
    expect(returnParcelCommands('return_in_transit', { handedOver: true, delivered: false })).toEqual([])
    expect(returnParcelCommands('received', { handedOver: true, delivered: true })).toEqual([])
    expect(returnParcelCommands('resolved', { handedOver: true, delivered: true })).toEqual([])
    expect(returnParcelCommands('canceled', { handedOver: true, delivered: true })).toEqual([])
    expect(returnParcelCommands('awaiting_return', { handedOver: false, delivered: false })).toEqual([])
  })
})
