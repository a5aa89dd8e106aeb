import { expect, test } from 'vitest'
import { computeShipmentState, NO_SCANS_YET } from '#app/domain/tracking/shipment-state'
import { computeProgress } from '#app/domain/tracking/progress'
import type { TrackingEvent, TrackingStatus } from '#app/domain/tracking/status'

const ev = (iso: string, status: TrackingStatus, detail: TrackingEvent['detail'] = null): TrackingEvent => ({
  occurredAt: new Date(iso),
  status,
  detail,
  rawStatus: status.toUpperCase(),
  description: status,
  location: null,
})

const journey = [
  ev('2026-03-02T09:00:00Z', 'pre_transit'),
  ev('2026-03-02T18:00:00Z', 'in_transit'),
  ev('2026-03-03T06:00:00Z', 'out_for_delivery'),
  ev('2026-03-03T14:00:00Z', 'failed_attempt'),
  ev('2026-03-04T13:00:00Z', 'delivered'),
]

test('a parcel with no scans is waiting for pickup', () => {
  expect(computeShipmentState([])).toEqual(NO_SCANS_YET)
})

test('the latest scan decides the status, whatever order scans arrive in', () => {
  const reversed = computeShipmentState([...journey].reverse())
  const inOrder = computeShipmentState(journey)
  expect(reversed).toEqual(inOrder)
  expect(inOrder).toMatchObject({
    status: 'delivered',
    deliveredAt: new Date('2026-03-04T13:00:00Z'),
    lastEventAt: new Date('2026-03-04T13:00:00Z'),
    failedAttempts: 1,
  })
})

test('a stray hub scan stamped after delivery does not undo the delivery', () => {
  const s = computeShipmentState([...journey, ev('2026-03-04T15:00:00Z', 'in_transit')])
  expect(s.status).toBe('delivered')
  expect(s.lastEventAt).toEqual(new Date('2026-03-04T15:00:00Z'))
})

test('a scan after "lost" means the parcel was found', () => {
  const s = computeShipmentState([
    ev('2026-03-02T09:00:00Z', 'lost'),
    ev('2026-03-05T09:00:00Z', 'in_transit'),
  ])
  expect(s.status).toBe('in_transit')
})

test('an exception keeps its reason; other statuses carry none', () => {
  expect(computeShipmentState([ev('2026-03-02T09:00:00Z', 'exception', 'customs')]).statusDetail).toBe(
    'customs',
  )
  expect(computeShipmentState([ev('2026-03-02T09:00:00Z', 'exception')]).statusDetail).toBe('other')
  expect(computeShipmentState([ev('2026-03-02T09:00:00Z', 'in_transit', 'customs')]).statusDetail).toBeNull()
})

test('the progress bar reaches each step as the parcel does', () => {
  expect(computeProgress('pre_transit', journey.slice(0, 1))).toEqual({
    reached: 0,
    attention: false,
    returning: false,
  })
  expect(computeProgress('in_transit', journey.slice(0, 2)).reached).toBe(1)
  expect(computeProgress('out_for_delivery', journey.slice(0, 3)).reached).toBe(2)
  expect(computeProgress('delivered', journey).reached).toBe(3)
})

test('a failed attempt or exception keeps the step reached and flags it', () => {
  expect(computeProgress('failed_attempt', journey.slice(0, 4))).toEqual({
    reached: 2,
    attention: true,
    returning: false,
  })
  const withException = [...journey.slice(0, 2), ev('2026-03-03T06:00:00Z', 'exception', 'address')]
  expect(computeProgress('exception', withException)).toEqual({
    reached: 1,
    attention: true,
    returning: false,
  })
})

test('a parcel going back to the sender stops the bar and says so', () => {
  const back = [...journey.slice(0, 4), ev('2026-03-10T09:00:00Z', 'returned_to_sender')]
  expect(computeProgress('returned_to_sender', back)).toEqual({
    reached: 2,
    attention: true,
    returning: true,
  })
})
