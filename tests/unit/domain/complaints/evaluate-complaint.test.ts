import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  evaluateComplaint,
  type ComplaintInput,
  type ComplaintItem,
  type ComplaintParcel,
} from '#app/domain/complaints/evaluate-complaint'
import {
  COMPLAINT_KINDS,
  DEFAULT_COMPLAINT_PLAYBOOK,
  REMEDIES,
  type ComplaintPlaybook,
  type Remedy,
} from '#app/domain/complaints/playbook'
import { DELAY_LEVELS, type DelayReason } from '#app/domain/tracking/delay'
import { TRACKING_STATUSES } from '#app/domain/tracking/status'

const at = (iso: string) => new Date(iso)
const NOW = at('2026-03-10T12:00:00Z')
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T

const inTransit: ComplaintParcel = {
  status: 'in_transit',
  deliveredAt: null,
  delay: { level: 'on_time', reason: 'on_track' },
}

function delivered(deliveredAt: string): ComplaintParcel {
  return {
    status: 'delivered',
    deliveredAt: at(deliveredAt),
    delay: { level: 'on_time', reason: 'delivered' },
  }
}

const item = (paidMinor: number, lineItemId = 'line-1'): ComplaintItem => ({
  lineItemId,
  quantity: 1,
  paidMinor,
})

function input(overrides: Partial<ComplaintInput> = {}): ComplaintInput {
  return {
    playbook: DEFAULT_COMPLAINT_PLAYBOOK,
    kind: 'not_arrived',
    parcel: inTransit,
    items: [item(2500)],
    currency: 'USD',
    now: NOW,
    ...overrides,
  }
}

function playbook(edit: (p: ComplaintPlaybook) => void): ComplaintPlaybook {
  const p = clone(DEFAULT_COMPLAINT_PLAYBOOK)
  edit(p)
  return p
}

describe('a parcel that has not arrived and the carrier says delivered', () => {
  test('asks the buyer to check with neighbours and says when support can be reached', () => {
    const d = evaluateComplaint(input({ parcel: delivered('2026-03-09T12:00:00Z') }))
    expect(d.next).toBe('ask_neighbours')
    expect(d.next === 'ask_neighbours' && d.supportAfter).toEqual(at('2026-03-11T12:00:00Z'))
    expect(d.requires).toEqual({ photos: false, itemSelection: false, note: false })
    expect(d.message).toEqual({
      key: 'complaint.not_arrived.ask_neighbours',
      params: { deliveredAt: '2026-03-09T12:00:00.000Z', supportAfter: '2026-03-11T12:00:00.000Z' },
    })
    expect(d.sentence).toContain('11 March 2026 12:00 UTC')
  })

  test('still asks the buyer to wait one millisecond before the 48 hours are up', () => {
    const d = evaluateComplaint(input({ parcel: delivered('2026-03-08T12:00:00.001Z') }))
    expect(d.next).toBe('ask_neighbours')
  })

  test('opens a case for staff at exactly 48 hours after delivery', () => {
    const d = evaluateComplaint(input({ parcel: delivered('2026-03-08T12:00:00Z') }))
    expect(d.next).toBe('to_support')
    expect(d.message.key).toBe('complaint.not_arrived.delivered_not_received')
  })

  test('opens a case for staff long after delivery', () => {
    expect(evaluateComplaint(input({ parcel: delivered('2026-02-01T12:00:00Z') })).next).toBe('to_support')
  })

  test('uses the shop’s own wait instead of 48 hours', () => {
    const pb = playbook((p) => (p.notArrived.waitAfterDeliveredHours = 24))
    const parcel = delivered('2026-03-09T11:00:00Z')
    expect(evaluateComplaint(input({ playbook: pb, parcel })).next).toBe('to_support')
    expect(evaluateComplaint(input({ parcel })).next).toBe('ask_neighbours')
  })

  test('opens a case at once when the shop waits zero hours', () => {
    const pb = playbook((p) => (p.notArrived.waitAfterDeliveredHours = 0))
    expect(evaluateComplaint(input({ playbook: pb, parcel: delivered('2026-03-10T12:00:00Z') })).next).toBe(
      'to_support',
    )
  })

  test('treats a delivery time in the future (clock skew) as just delivered', () => {
    const d = evaluateComplaint(input({ parcel: delivered('2026-03-10T13:00:00Z') }))
    expect(d.next).toBe('ask_neighbours')
  })

  test('opens a case for staff when the carrier says delivered but gives no time', () => {
    const d = evaluateComplaint(
      input({ parcel: { ...delivered('2026-03-10T00:00:00Z'), deliveredAt: null } }),
    )
    expect(d.next).toBe('to_support')
    expect(d.message.key).toBe('complaint.not_arrived.delivered_time_unknown')
  })

  test('trusts a known delivery time even when the status has not caught up', () => {
    const d = evaluateComplaint(input({ parcel: { ...inTransit, deliveredAt: at('2026-03-10T10:00:00Z') } }))
    expect(d.next).toBe('ask_neighbours')
  })
})

describe('a parcel that has not arrived and is in trouble', () => {
  const trouble = (
    level: ComplaintParcel['delay']['level'],
    reason: DelayReason,
    status: ComplaintParcel['status'] = 'in_transit',
  ): ComplaintParcel => ({ status, deliveredAt: null, delay: { level, reason } })

  test('offers the stalled-or-lost remedies at once for a stalled parcel, approved by staff', () => {
    const d = evaluateComplaint(input({ parcel: trouble('stalled', 'no_scan') }))
    expect(d).toMatchObject({
      next: 'offer_remedies',
      remedies: ['reship', 'refund'],
      autoApprove: false,
      valueMinor: 2500,
      couponMinor: null,
      returnItems: false,
    })
    expect(d.message.key).toBe('complaint.not_arrived.stalled')
    expect(d.requires).toEqual({ photos: false, itemSelection: false, note: false })
  })

  test('offers remedies for a parcel past its delivery date, approved by staff', () => {
    const d = evaluateComplaint(input({ parcel: trouble('late', 'eta_passed') }))
    expect(d).toMatchObject({ next: 'offer_remedies', autoApprove: false })
    expect(d.message.key).toBe('complaint.not_arrived.late')
  })

  test('offers remedies for a parcel on its way back to the shop, approved by staff', () => {
    const d = evaluateComplaint(
      input({ parcel: trouble('exception', 'returned_to_sender', 'returned_to_sender') }),
    )
    expect(d).toMatchObject({ next: 'offer_remedies', autoApprove: false })
    expect(d.message.key).toBe('complaint.not_arrived.returned')
  })

  test('grants the remedy without staff when the carrier lost a parcel worth less than the limit', () => {
    const d = evaluateComplaint(input({ parcel: trouble('lost', 'lost_by_carrier', 'lost') }))
    expect(d).toMatchObject({ next: 'offer_remedies', autoApprove: true, valueMinor: 2500 })
    expect(d.message.key).toBe('complaint.not_arrived.lost')
  })

  test('treats a parcel silent past the carrier’s give-up period as lost', () => {
    const d = evaluateComplaint(input({ parcel: trouble('lost', 'no_scan_lost') }))
    expect(d).toMatchObject({ next: 'offer_remedies', autoApprove: true })
  })

  test('needs staff for a lost parcel worth exactly the limit', () => {
    const d = evaluateComplaint(input({ parcel: trouble('lost', 'no_scan_lost'), items: [item(5000)] }))
    expect(d).toMatchObject({ next: 'offer_remedies', autoApprove: false })
  })

  test('grants a lost parcel one minor unit under the limit without staff', () => {
    const d = evaluateComplaint(input({ parcel: trouble('lost', 'no_scan_lost'), items: [item(4999)] }))
    expect(d).toMatchObject({ autoApprove: true })
  })

  test('adds up every item of the parcel against the limit', () => {
    const d = evaluateComplaint(
      input({ parcel: trouble('lost', 'no_scan_lost'), items: [item(3000, 'a'), item(2000, 'b')] }),
    )
    expect(d).toMatchObject({ valueMinor: 5000, autoApprove: false })
  })

  test('never grants a lost parcel without staff in a currency the limit does not list', () => {
    const d = evaluateComplaint(
      input({ parcel: trouble('lost', 'no_scan_lost'), currency: 'SEK', items: [item(1)] }),
    )
    expect(d).toMatchObject({ next: 'offer_remedies', autoApprove: false })
  })

  test('needs staff for a lost parcel when the shop turned automatic approval off', () => {
    const pb = playbook((p) => (p.notArrived.autoApproveWhenLost = false))
    const d = evaluateComplaint(input({ playbook: pb, parcel: trouble('lost', 'no_scan_lost') }))
    expect(d).toMatchObject({ autoApprove: false })
  })

  test('needs staff for a lost parcel when no items are given, since its value is unknown', () => {
    const d = evaluateComplaint(input({ parcel: trouble('lost', 'no_scan_lost'), items: [] }))
    expect(d).toMatchObject({ next: 'offer_remedies', autoApprove: false, valueMinor: 0 })
  })

  test('opens a case for staff when the shop lists no remedies for a stalled or lost parcel', () => {
    const pb = playbook((p) => (p.notArrived.remediesWhenStalledOrLost = []))
    const d = evaluateComplaint(input({ playbook: pb, parcel: trouble('lost', 'no_scan_lost') }))
    expect(d.next).toBe('to_support')
    expect(d.message.key).toBe('complaint.no_remedies')
  })

  test('opens a case for staff when the carrier reports an exception such as customs', () => {
    const d = evaluateComplaint(input({ parcel: trouble('exception', 'exception', 'exception') }))
    expect(d.next).toBe('to_support')
    expect(d.message.key).toBe('complaint.not_arrived.carrier_exception')
  })

  test('values a coupon at the shop’s percentage of what the buyer paid', () => {
    const pb = playbook((p) => {
      p.notArrived.remediesWhenStalledOrLost = ['coupon', 'refund', 'coupon']
      p.couponPercent = 15
    })
    const d = evaluateComplaint(
      input({ playbook: pb, parcel: trouble('stalled', 'no_scan'), items: [item(1999)] }),
    )
    expect(d).toMatchObject({ remedies: ['coupon', 'refund'], couponMinor: 300 })
  })
})

describe('a parcel that has not arrived and is not late', () => {
  test('shows the expected date and opens no case while the parcel is on time', () => {
    const d = evaluateComplaint(input())
    expect(d.next).toBe('in_transit_on_time')
    expect(d.message.key).toBe('complaint.not_arrived.in_transit')
  })

  test('shows the expected date after a failed delivery attempt', () => {
    const d = evaluateComplaint(
      input({
        parcel: {
          ...inTransit,
          status: 'failed_attempt',
          delay: { level: 'at_risk', reason: 'failed_attempt' },
        },
      }),
    )
    expect(d.next).toBe('in_transit_on_time')
  })

  test('shows the new date when the carrier has revised it but the parcel is still moving', () => {
    const d = evaluateComplaint(
      input({ parcel: { ...inTransit, delay: { level: 'late', reason: 'eta_revised' } } }),
    )
    expect(d.next).toBe('in_transit_on_time')
  })

  test('points the buyer to the pickup point where the parcel is waiting', () => {
    const d = evaluateComplaint(
      input({
        parcel: {
          ...inTransit,
          status: 'available_for_pickup',
          delay: { level: 'on_time', reason: 'awaiting_pickup' },
        },
      }),
    )
    expect(d.next).toBe('in_transit_on_time')
    expect(d.message.key).toBe('complaint.not_arrived.awaiting_pickup')
  })

  test('treats a label the carrier has not picked up yet as not shipped', () => {
    const d = evaluateComplaint(input({ parcel: { ...inTransit, status: 'pre_transit' } }))
    expect(d.next).toBe('not_shipped_yet')
  })

  test('offers remedies for a label never picked up once it has stalled', () => {
    const d = evaluateComplaint(
      input({
        parcel: { ...inTransit, status: 'pre_transit', delay: { level: 'stalled', reason: 'not_picked_up' } },
      }),
    )
    expect(d.next).toBe('offer_remedies')
  })
})

describe('a complaint when nothing has shipped yet', () => {
  test.each(['not_arrived', 'damaged', 'wrong_item', 'missing_item'] as const)(
    'shows tracking instead of opening a case for %s',
    (kind) => {
      const d = evaluateComplaint(input({ kind, parcel: null }))
      expect(d.next).toBe('not_shipped_yet')
      expect(d.requires).toEqual({ photos: false, itemSelection: false, note: false })
    },
  )
})

describe('a damaged item', () => {
  const parcel = delivered('2026-03-09T12:00:00Z')

  test('asks for photos and the damaged items, and grants a cheap claim without staff', () => {
    const d = evaluateComplaint(input({ kind: 'damaged', parcel }))
    expect(d).toMatchObject({
      next: 'offer_remedies',
      remedies: ['reship', 'refund'],
      autoApprove: true,
      valueMinor: 2500,
      returnItems: false,
      requires: { photos: true, itemSelection: true, note: false },
    })
    expect(d.message.key).toBe('complaint.damaged.offer')
  })

  test('does not ask for photos when the shop does not need them', () => {
    const pb = playbook((p) => (p.damaged.photoRequired = false))
    expect(evaluateComplaint(input({ playbook: pb, kind: 'damaged', parcel })).requires.photos).toBe(false)
  })

  test('needs staff for a claim worth exactly the limit', () => {
    const d = evaluateComplaint(input({ kind: 'damaged', parcel, items: [item(5000)] }))
    expect(d).toMatchObject({ autoApprove: false })
  })

  test('never grants a claim without staff in a currency the limit does not list', () => {
    const d = evaluateComplaint(input({ kind: 'damaged', parcel, currency: 'JPY', items: [item(0)] }))
    expect(d).toMatchObject({ next: 'offer_remedies', autoApprove: false })
  })

  test('grants nothing without staff before the buyer has chosen the damaged items', () => {
    const d = evaluateComplaint(input({ kind: 'damaged', parcel, items: [] }))
    expect(d).toMatchObject({ next: 'offer_remedies', autoApprove: false, requires: { itemSelection: true } })
  })

  test('opens a case for staff, still asking for photos, when the shop lists no remedies', () => {
    const pb = playbook((p) => (p.damaged.remedies = []))
    const d = evaluateComplaint(input({ playbook: pb, kind: 'damaged', parcel }))
    expect(d.next).toBe('to_support')
    expect(d.requires).toEqual({ photos: true, itemSelection: true, note: false })
  })

  test('accepts the claim even when the carrier has not scanned the parcel as delivered', () => {
    expect(evaluateComplaint(input({ kind: 'damaged' })).next).toBe('offer_remedies')
  })
})

describe('a wrong item', () => {
  const parcel = delivered('2026-03-09T12:00:00Z')

  test('asks which item was wrong and for a photo, needs staff and asks for the item back', () => {
    const d = evaluateComplaint(input({ kind: 'wrong_item', parcel, items: [item(1)] }))
    expect(d).toMatchObject({
      next: 'offer_remedies',
      remedies: ['reship', 'refund'],
      autoApprove: false,
      returnItems: true,
      requires: { photos: true, itemSelection: true, note: false },
    })
    expect(d.sentence).toContain('must be sent back')
  })

  test('lets the buyer keep the wrong item when the shop does not want it back', () => {
    const pb = playbook((p) => {
      p.wrongItem.returnWrongItem = false
      p.wrongItem.photoRequired = false
    })
    const d = evaluateComplaint(input({ playbook: pb, kind: 'wrong_item', parcel }))
    expect(d).toMatchObject({ returnItems: false, requires: { photos: false } })
  })

  test('opens a case for staff when the shop lists no remedies', () => {
    const pb = playbook((p) => (p.wrongItem.remedies = []))
    expect(evaluateComplaint(input({ playbook: pb, kind: 'wrong_item', parcel })).next).toBe('to_support')
  })
})

describe('a missing item', () => {
  const parcel = delivered('2026-03-09T12:00:00Z')

  test('asks which item is missing, no photo, and grants a cheap claim without staff', () => {
    const d = evaluateComplaint(input({ kind: 'missing_item', parcel }))
    expect(d).toMatchObject({
      next: 'offer_remedies',
      autoApprove: true,
      requires: { photos: false, itemSelection: true, note: false },
    })
  })

  test('needs staff for a claim worth exactly the limit', () => {
    expect(evaluateComplaint(input({ kind: 'missing_item', parcel, items: [item(5000)] }))).toMatchObject({
      autoApprove: false,
    })
  })

  test('opens a case for staff when the shop lists no remedies', () => {
    const pb = playbook((p) => (p.missingItem.remedies = []))
    expect(evaluateComplaint(input({ playbook: pb, kind: 'missing_item', parcel })).next).toBe('to_support')
  })
})

describe('something else', () => {
  test('opens a case for staff and asks for a note, whatever the parcel says', () => {
    for (const parcel of [null, inTransit, delivered('2026-03-09T12:00:00Z')]) {
      const d = evaluateComplaint(input({ kind: 'other', parcel }))
      expect(d.next).toBe('to_support')
      expect(d.requires).toEqual({ photos: false, itemSelection: false, note: true })
      expect(d.message.key).toBe('complaint.other')
    }
  })
})

describe('bad input', () => {
  test('rejects a fractional or negative amount paid', () => {
    expect(() => evaluateComplaint(input({ items: [item(1.5)] }))).toThrow(RangeError)
    expect(() => evaluateComplaint(input({ items: [item(-1)] }))).toThrow(RangeError)
  })
})

describe('properties', () => {
  const remediesArb = fc.array(fc.constantFrom<Remedy>(...REMEDIES), { maxLength: 4 })
  const limitArb = fc.dictionary(fc.constantFrom('USD', 'EUR', 'SEK'), fc.integer({ min: 0, max: 20_000 }))

  const playbookArb: fc.Arbitrary<ComplaintPlaybook> = fc.record({
    notArrived: fc.record({
      waitAfterDeliveredHours: fc.integer({ min: 0, max: 720 }),
      remediesWhenStalledOrLost: remediesArb,
      autoApproveWhenLost: fc.boolean(),
      maxAutoValue: limitArb,
    }),
    damaged: fc.record({ photoRequired: fc.boolean(), remedies: remediesArb, autoApproveUnder: limitArb }),
    wrongItem: fc.record({
      photoRequired: fc.boolean(),
      remedies: remediesArb,
      returnWrongItem: fc.boolean(),
    }),
    missingItem: fc.record({ remedies: remediesArb, autoApproveUnder: limitArb }),
    other: fc.constant({ toSupport: true as const }),
    couponPercent: fc.integer({ min: 0, max: 100 }),
  })

  const parcelArb: fc.Arbitrary<ComplaintParcel | null> = fc.option(
    fc.record({
      status: fc.constantFrom(...TRACKING_STATUSES),
      deliveredAt: fc.option(
        fc.date({ min: at('2026-01-01T00:00:00Z'), max: at('2026-04-01T00:00:00Z'), noInvalidDate: true }),
        {
          nil: null,
        },
      ),
      delay: fc.record({
        level: fc.constantFrom(...DELAY_LEVELS),
        reason: fc.constantFrom<DelayReason>(
          'on_track',
          'delivered',
          'awaiting_pickup',
          'failed_attempt',
          'eta_revised',
          'eta_passed',
          'not_picked_up',
          'no_scan',
          'exception',
          'returned_to_sender',
          'lost_by_carrier',
          'no_scan_lost',
        ),
      }),
    }),
    { nil: null },
  )

  const inputArb: fc.Arbitrary<ComplaintInput> = fc.record({
    playbook: playbookArb,
    kind: fc.constantFrom(...COMPLAINT_KINDS),
    parcel: parcelArb,
    items: fc.array(
      fc.record({
        lineItemId: fc.string({ minLength: 1, maxLength: 5 }),
        quantity: fc.integer({ min: 1, max: 5 }),
        paidMinor: fc.integer({ min: 0, max: 10_000 }),
      }),
      { maxLength: 4 },
    ),
    currency: fc.constantFrom('USD', 'EUR', 'SEK'),
    now: fc.date({ min: at('2026-01-01T00:00:00Z'), max: at('2026-04-01T00:00:00Z'), noInvalidDate: true }),
  })

  const listed = (p: ComplaintPlaybook, kind: ComplaintInput['kind']): Remedy[] =>
    kind === 'not_arrived'
      ? p.notArrived.remediesWhenStalledOrLost
      : kind === 'damaged'
        ? p.damaged.remedies
        : kind === 'wrong_item'
          ? p.wrongItem.remedies
          : kind === 'missing_item'
            ? p.missingItem.remedies
            : []

  const limit = (i: ComplaintInput): number | null => {
    const map =
      i.kind === 'not_arrived'
        ? i.playbook.notArrived.maxAutoValue
        : i.kind === 'damaged'
          ? i.playbook.damaged.autoApproveUnder
          : i.kind === 'missing_item'
            ? i.playbook.missingItem.autoApproveUnder
            : {}
    return Object.prototype.hasOwnProperty.call(map, i.currency) ? (map[i.currency] ?? null) : null
  }

  test('the decision never offers a remedy the playbook does not list for that problem', () => {
    fc.assert(
      fc.property(inputArb, (i) => {
        const d = evaluateComplaint(i)
        if (d.next !== 'offer_remedies') return
        const allowed = listed(i.playbook, i.kind)
        expect(d.remedies.length).toBeGreaterThan(0)
        expect(new Set(d.remedies).size).toBe(d.remedies.length)
        for (const r of d.remedies) expect(allowed).toContain(r)
      }),
    )
  })

  test('the decision never grants a remedy without staff at or above the limit, or without a limit', () => {
    fc.assert(
      fc.property(inputArb, (i) => {
        const d = evaluateComplaint(i)
        if (d.next !== 'offer_remedies' || !d.autoApprove) return
        const max = limit(i)
        expect(max).not.toBeNull()
        expect(d.valueMinor).toBeLessThan(max ?? -Infinity)
        expect(i.items.length).toBeGreaterThan(0)
        expect(i.kind).not.toBe('wrong_item')
      }),
    )
  })

  test('the decision is the same for the same input', () => {
    fc.assert(
      fc.property(inputArb, (i) => {
        expect(evaluateComplaint(i)).toEqual(evaluateComplaint(i))
      }),
    )
  })

  test('only a delivered parcel asks the buyer to check with neighbours, and always before the wait is up', () => {
    fc.assert(
      fc.property(inputArb, (i) => {
        const d = evaluateComplaint(i)
        if (d.next !== 'ask_neighbours') return
        expect(i.kind).toBe('not_arrived')
        expect(i.parcel?.deliveredAt).not.toBeNull()
        expect(i.now.getTime()).toBeLessThan(d.supportAfter.getTime())
      }),
    )
  })
})
