import { describe, expect, test } from 'vitest'
import {
  EASYPOST_STATUS_DETAILS,
  EASYPOST_STATUSES,
  exceptionReasonFromMessage,
  normalizeEasypostStatus,
} from '#app/domain/tracking/normalize-status'
import { EXCEPTION_REASONS, TRACKING_STATUSES } from '#app/domain/tracking/status'

describe('the normalized model', () => {
  test('has exactly the statuses and exception reasons the product speaks of', () => {
    expect([...TRACKING_STATUSES]).toEqual([
      'pre_transit',
      'in_transit',
      'out_for_delivery',
      'available_for_pickup',
      'delivered',
      'failed_attempt',
      'exception',
      'returned_to_sender',
      'lost',
      'unknown',
    ])
    expect([...EXCEPTION_REASONS]).toEqual(['address', 'customs', 'damaged', 'weather', 'other'])
  })
})

describe('EasyPost tracker statuses', () => {
  test.each([
    ['unknown', 'unknown', null],
    ['pre_transit', 'pre_transit', null],
    ['in_transit', 'in_transit', null],
    ['out_for_delivery', 'out_for_delivery', null],
    ['delivered', 'delivered', null],
    ['available_for_pickup', 'available_for_pickup', null],
    ['return_to_sender', 'returned_to_sender', null],
    ['failure', 'exception', 'other'],
    ['cancelled', 'exception', 'other'],
    ['canceled', 'exception', 'other'],
    ['error', 'unknown', null],
    ['some_future_status', 'unknown', null],
  ] as const)('%s becomes %s', (status, expected, detail) => {
    expect(normalizeEasypostStatus({ status })).toEqual({ status: expected, detail })
  })

  test('every documented status is covered by the table above', () => {
    for (const status of EASYPOST_STATUSES) {
      expect(TRACKING_STATUSES).toContain(normalizeEasypostStatus({ status }).status)
    }
  })

  test('a failure whose message says nobody was home is a failed attempt', () => {
    expect(
      normalizeEasypostStatus({ status: 'failure', message: 'Delivery attempted - no one available' }),
    ).toEqual({ status: 'failed_attempt', detail: null })
  })

  test('a failure whose message names the address is an address exception', () => {
    expect(normalizeEasypostStatus({ status: 'failure', message: 'Insufficient address' })).toEqual({
      status: 'exception',
      detail: 'address',
    })
  })
})

describe('EasyPost status details on a moving parcel', () => {
  // Every documented status_detail under `in_transit`, with the carrier saying nothing more specific.
  const expected: Record<(typeof EASYPOST_STATUS_DETAILS)[number], [string, string | null]> = {
    address_correction: ['exception', 'address'],
    arrived_at_destination: ['in_transit', null],
    arrived_at_facility: ['in_transit', null],
    arrived_at_pickup_location: ['available_for_pickup', null],
    awaiting_information: ['in_transit', null],
    cancelled: ['exception', 'other'],
    damaged: ['exception', 'damaged'],
    delayed: ['in_transit', null],
    delivery_exception: ['exception', 'other'],
    departed_facility: ['in_transit', null],
    departed_origin_facility: ['in_transit', null],
    expired: ['in_transit', null],
    failure: ['in_transit', null],
    held: ['exception', 'other'],
    in_transit: ['in_transit', null],
    label_created: ['in_transit', null],
    lost: ['lost', null],
    missorted: ['in_transit', null],
    out_for_delivery: ['out_for_delivery', null],
    received_at_destination_facility: ['in_transit', null],
    received_at_origin_facility: ['in_transit', null],
    refused: ['exception', 'other'],
    return: ['in_transit', null],
    status_update: ['in_transit', null],
    transferred_to_destination_carrier: ['in_transit', null],
    transit_exception: ['exception', 'other'],
    unknown: ['in_transit', null],
    weather_delay: ['exception', 'weather'],
  }

  test.each(EASYPOST_STATUS_DETAILS.map((d) => [d, ...expected[d]] as const))(
    'in_transit/%s becomes %s (%s)',
    (statusDetail, status, detail) => {
      expect(normalizeEasypostStatus({ status: 'in_transit', statusDetail, message: 'Scan' })).toEqual({
        status,
        detail,
      })
    },
  )

  test('a held parcel whose message mentions customs is a customs exception', () => {
    expect(
      normalizeEasypostStatus({
        status: 'in_transit',
        statusDetail: 'held',
        message: 'Held by customs pending clearance',
      }),
    ).toEqual({ status: 'exception', detail: 'customs' })
  })

  test('awaiting information from customs abroad is a customs exception; before hand-over it is not', () => {
    const message = 'Awaiting information for customs clearance'
    expect(
      normalizeEasypostStatus({ status: 'in_transit', statusDetail: 'awaiting_information', message }),
    ).toEqual({ status: 'exception', detail: 'customs' })
    expect(
      normalizeEasypostStatus({ status: 'pre_transit', statusDetail: 'awaiting_information', message }),
    ).toEqual({ status: 'pre_transit', detail: null })
  })

  test('a delivery exception after a missed doorstep is a failed attempt', () => {
    expect(
      normalizeEasypostStatus({
        status: 'in_transit',
        statusDetail: 'delivery_exception',
        message: 'Delivery attempted, notice left',
      }),
    ).toEqual({ status: 'failed_attempt', detail: null })
  })

  test('a settled status is not changed by its detail', () => {
    expect(normalizeEasypostStatus({ status: 'delivered', statusDetail: 'arrived_at_destination' })).toEqual({
      status: 'delivered',
      detail: null,
    })
    expect(normalizeEasypostStatus({ status: 'return_to_sender', statusDetail: 'return' })).toEqual({
      status: 'returned_to_sender',
      detail: null,
    })
  })
})

describe('exception reasons read from the carrier message', () => {
  test.each([
    ['Shipment on hold at customs', 'customs'],
    ['Import duties unpaid', 'customs'],
    ['The address is incomplete', 'address'],
    ['Package damaged in transit', 'damaged'],
    ['Delayed due to severe weather', 'weather'],
    ['Something else entirely', 'other'],
    [null, 'other'],
  ] as const)('%s → %s', (message, reason) => {
    expect(exceptionReasonFromMessage(message)).toBe(reason)
  })
})
