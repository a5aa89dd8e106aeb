// Maps a tracking provider's own status vocabulary onto the normalized model in status.ts. The raw codes
// are kept beside the result by the caller (`rawStatus`), so nothing the carrier said is lost.
import type { ExceptionReason, TrackingStatus } from './status'

export interface NormalizedStatus {
  status: TrackingStatus
  /** Set only when `status` is `exception`. */
  detail: ExceptionReason | null
}

/** EasyPost's tracker `status` values (its docs spell cancelled with two l's; one l is accepted too). */
export const EASYPOST_STATUSES = [
  'unknown',
  'pre_transit',
  'in_transit',
  'out_for_delivery',
  'delivered',
  'available_for_pickup',
  'return_to_sender',
  'failure',
  'cancelled',
  'error',
] as const

/** EasyPost's `status_detail` values, on the tracker and on each tracking detail. */
export const EASYPOST_STATUS_DETAILS = [
  'address_correction',
  'arrived_at_destination',
  'arrived_at_facility',
  'arrived_at_pickup_location',
  'awaiting_information',
  'cancelled',
  'damaged',
  'delayed',
  'delivery_exception',
  'departed_facility',
  'departed_origin_facility',
  'expired',
  'failure',
  'held',
  'in_transit',
  'label_created',
  'lost',
  'missorted',
  'out_for_delivery',
  'received_at_destination_facility',
  'received_at_origin_facility',
  'refused',
  'return',
  'status_update',
  'transferred_to_destination_carrier',
  'transit_exception',
  'unknown',
  'weather_delay',
] as const

const exception = (detail: ExceptionReason): NormalizedStatus => ({ status: 'exception', detail })
const plain = (status: TrackingStatus): NormalizedStatus => ({ status, detail: null })

/**
 * Why a parcel is held, read from the carrier's words when the code alone does not say. Only the
 * reasons our model distinguishes; anything else is `other`.
 */
export function exceptionReasonFromMessage(message: string | null | undefined): ExceptionReason {
  const text = (message ?? '').toLowerCase()
  if (/customs|clearance|duty|duties|import (hold|tax)|brokerage/.test(text)) return 'customs'
  if (/address|undeliverable as addressed|insufficient address|moved|no such (street|number)/.test(text)) {
    return 'address'
  }
  if (/damage/.test(text)) return 'damaged'
  if (/weather|storm|snow|flood|hurricane|natural disaster/.test(text)) return 'weather'
  return 'other'
}

const ATTEMPT =
  /attempt|not available|no one (was )?(home|available)|notice left|missed delivery|business closed/

/** A refusal, a carrier exception or a failure: a missed doorstep is a failed attempt, else an exception. */
function failureFrom(message: string | null | undefined): NormalizedStatus {
  if (ATTEMPT.test((message ?? '').toLowerCase())) return plain('failed_attempt')
  return exception(exceptionReasonFromMessage(message))
}

// Statuses whose meaning a status_detail does not change: the parcel is at the door, delivered, waiting
// at a pickup point or back with the sender.
const SETTLED: readonly TrackingStatus[] = [
  'out_for_delivery',
  'delivered',
  'available_for_pickup',
  'returned_to_sender',
]

/**
 * One EasyPost status (with its detail and the carrier's message) in our model. Unknown codes (EasyPost
 * adds some now and then) become `unknown` rather than an error, and the raw text is kept by the caller.
 */
export function normalizeEasypostStatus(input: {
  status: string
  statusDetail?: string | null
  message?: string | null
}): NormalizedStatus {
  const base = easypostBaseStatus(input.status, input.message)
  if (SETTLED.includes(base.status)) return base
  switch (input.statusDetail) {
    case 'lost':
      return plain('lost')
    case 'damaged':
      return exception('damaged')
    case 'weather_delay':
      return exception('weather')
    case 'address_correction':
      return exception('address')
    case 'arrived_at_pickup_location':
      return plain('available_for_pickup')
    case 'out_for_delivery':
      return plain('out_for_delivery')
    case 'held':
    case 'transit_exception':
    case 'refused':
      return exception(exceptionReasonFromMessage(input.message))
    case 'delivery_exception':
      return failureFrom(input.message)
    case 'awaiting_information':
      // Before hand-over this is the carrier waiting for the shipper's data: nothing is wrong yet.
      if (base.status === 'pre_transit') return base
      return exceptionReasonFromMessage(input.message) === 'customs' ? exception('customs') : base
    case 'cancelled':
      return exception('other')
    default:
      // Movement scans (arrived, departed, received, transferred, delayed, missorted, return …) keep the
      // tracker's status: a late or misrouted parcel is still moving, and one on its way back is in transit
      // until EasyPost says it reached the sender.
      return base
  }
}

function easypostBaseStatus(status: string, message: string | null | undefined): NormalizedStatus {
  switch (status) {
    case 'pre_transit':
      return plain('pre_transit')
    case 'in_transit':
      return plain('in_transit')
    case 'out_for_delivery':
      return plain('out_for_delivery')
    case 'delivered':
      return plain('delivered')
    case 'available_for_pickup':
      return plain('available_for_pickup')
    case 'return_to_sender':
      return plain('returned_to_sender')
    case 'failure':
      return failureFrom(message)
    case 'cancelled':
    case 'canceled':
      // The shipment was voided at the carrier: it will not arrive, and someone has to look at it.
      return exception('other')
    case 'unknown':
    case 'error':
    default:
      return plain('unknown')
  }
}
