import { describe, expect, test } from 'vitest'
import { CARRIER_CODES, type CarrierCode } from '#app/domain/tracking/carriers'
import { isFinalStatus, type TrackingStatus } from '#app/domain/tracking/status'
import { generateTrackingNumber, isValidTrackingNumber } from '#integrations/carriers/formats'
import {
  createSandboxCarrier,
  findTrackingNumber,
  isSandboxInternational,
  planEvents,
  SANDBOX_SCENARIOS,
  SCENARIO_WEIGHTS,
  scenarioFor,
  type SandboxPlan,
  type SandboxScenario,
} from '#integrations/carriers/sandbox'

const HOUR = 3_600_000
const DAY = 24 * HOUR

// A Wednesday morning: picked up the same day.
const SHIPPED_AT = new Date('2025-03-05T10:30:00Z')
// Friday evening, Sunday noon and a New Year's week night: picked up on a later business day.
const SHIP_TIMES = [
  SHIPPED_AT,
  new Date('2025-03-07T18:45:00Z'),
  new Date('2025-03-09T12:00:00Z'),
  new Date('2024-12-30T03:00:00Z'),
]

function planFor(
  scenario: SandboxScenario,
  carrier: CarrierCode = 'ups',
  shippedAt = SHIPPED_AT,
): SandboxPlan {
  const trackingNumber = findTrackingNumber(carrier, scenario)
  return planEvents({ carrier, trackingNumber, shippedAt, international: scenario === 'exception_customs' })
}

function statuses(plan: SandboxPlan): TrackingStatus[] {
  return plan.events.map((e) => e.status)
}

function last<T>(items: readonly T[]): T {
  const item = items[items.length - 1]
  if (item === undefined) throw new Error('empty list')
  return item
}

function time(date: Date | undefined): number {
  if (!date) throw new Error('missing date')
  return date.getTime()
}

function country(location: string): string {
  return location.slice(-2)
}

describe('scripts', () => {
  test('the same tracking number and hand-over time always give the same script', () => {
    for (const scenario of SANDBOX_SCENARIOS) {
      const trackingNumber = findTrackingNumber('dpd', scenario)
      const input = { carrier: 'dpd' as const, trackingNumber, shippedAt: SHIPPED_AT }
      expect(planEvents(input)).toEqual(planEvents({ ...input, shippedAt: new Date(SHIPPED_AT) }))
    }
  })

  test('different tracking numbers with the same story get different scripts', () => {
    const a = planEvents({
      carrier: 'ups',
      trackingNumber: findTrackingNumber('ups', 'on_time', 0),
      shippedAt: SHIPPED_AT,
    })
    const b = planEvents({
      carrier: 'ups',
      trackingNumber: findTrackingNumber('ups', 'on_time', 500),
      shippedAt: SHIPPED_AT,
    })
    expect(a.events.map((e) => e.occurredAt.getTime())).not.toEqual(
      b.events.map((e) => e.occurredAt.getTime()),
    )
  })

  test('every script is chronological, scans in the daytime and never delivers on a Sunday', () => {
    for (const carrier of CARRIER_CODES) {
      for (const scenario of SANDBOX_SCENARIOS) {
        const trackingNumber = findTrackingNumber(carrier, scenario)
        for (const shippedAt of SHIP_TIMES) {
          for (const international of [false, true]) {
            const plan = planEvents({ carrier, trackingNumber, shippedAt, international })
            const [first, ...rest] = plan.events
            const where = `${carrier} ${scenario} ${shippedAt.toISOString()} intl=${international}`
            expect(first?.status, where).toBe('pre_transit')
            expect(time(first?.occurredAt), where).toBe(shippedAt.getTime())
            let previous = time(first?.occurredAt)
            for (const event of rest) {
              const at = event.occurredAt.getTime()
              expect(at, where).toBeGreaterThan(previous)
              previous = at
              const hour = event.occurredAt.getUTCHours()
              expect(hour, where).toBeGreaterThanOrEqual(6)
              expect(hour, where).toBeLessThan(21)
              if (['out_for_delivery', 'delivered', 'failed_attempt'].includes(event.status)) {
                expect(event.occurredAt.getUTCDay(), where).not.toBe(0)
              }
              expect(event.detail !== null, where).toBe(event.status === 'exception')
              if (event.location !== null)
                expect(event.location, where).toMatch(/^[^,]+(, [A-Z]{2})?, [A-Z]{2}$/)
              expect(event.rawStatus.length, where).toBeGreaterThan(0)
              expect(event.description, where).toMatch(/^[A-Z].*\.$/)
            }
            // Nothing moves after a hand-over or a loss.
            const finalAt = plan.events.findIndex((e) => isFinalStatus(e.status))
            if (finalAt !== -1) expect(finalAt, where).toBe(plan.events.length - 1)
          }
        }
      }
    }
  })

  test('a domestic parcel stays in one country and an international one crosses a border', () => {
    for (const carrier of CARRIER_CODES) {
      const trackingNumber = findTrackingNumber(carrier, 'on_time')
      const domestic = planEvents({ carrier, trackingNumber, shippedAt: SHIPPED_AT, international: false })
      const domesticCountries = new Set(
        domestic.events.flatMap((e) => (e.location ? [country(e.location)] : [])),
      )
      expect(domesticCountries.size, carrier).toBe(1)

      const abroad = planEvents({ carrier, trackingNumber, shippedAt: SHIPPED_AT, international: true })
      const located = abroad.events.filter((e) => e.location !== null)
      expect(country(located[0]!.location!), carrier).not.toBe(country(last(located).location!))
    }
  })

  test('parcels are handed over on the carrier home network', () => {
    const origin = (carrier: CarrierCode) => {
      const plan = planFor('on_time', carrier)
      return country(plan.events.find((e) => e.location !== null)!.location!)
    }
    expect(origin('ups')).toBe('US')
    expect(origin('gls')).toBe('DE')
    expect(origin('inpost')).toBe('PL')
    expect(origin('royal_mail')).toBe('GB')
    expect(origin('cdek')).toBe('RU')
    expect(origin('canada_post')).toBe('CA')
  })
})

describe('scenarios', () => {
  test('on time: picked up, moved, out for delivery, delivered by the estimate', () => {
    for (const carrier of CARRIER_CODES) {
      const plan = planFor('on_time', carrier)
      const s = statuses(plan)
      expect(s.slice(0, 2)).toEqual(['pre_transit', 'in_transit'])
      expect(s.slice(-2)).toEqual(['out_for_delivery', 'delivered'])
      expect(s).not.toContain('exception')
      expect(s).not.toContain('failed_attempt')
      expect(plan.revisedEta).toBeUndefined()
      const delivered = time(last(plan.events).occurredAt)
      expect(delivered).toBeLessThanOrEqual(plan.originalEta.getTime())
      // 2–4 business days domestic: at least two calendar days, at most a week with its weekend.
      expect(delivered - SHIPPED_AT.getTime()).toBeGreaterThan(1.5 * DAY)
      expect(delivered - SHIPPED_AT.getTime()).toBeLessThan(8 * DAY)
    }
  })

  test('an international parcel takes five to nine business days', () => {
    const trackingNumber = findTrackingNumber('dhl_express', 'on_time')
    const plan = planEvents({
      carrier: 'dhl_express',
      trackingNumber,
      shippedAt: SHIPPED_AT,
      international: true,
    })
    const took = time(last(plan.events).occurredAt) - SHIPPED_AT.getTime()
    expect(took).toBeGreaterThan(4.5 * DAY)
    expect(took).toBeLessThan(14 * DAY)
  })

  test('delayed: the carrier moves its estimate two to three business days out and delivers then', () => {
    for (const carrier of CARRIER_CODES) {
      const plan = planFor('delayed', carrier)
      const revised = plan.revisedEta
      expect(revised, carrier).toBeDefined()
      if (!revised) continue
      const announcedBy = plan.events.find((e) => e.occurredAt.getTime() === revised.from.getTime())
      expect(announcedBy?.location, carrier).not.toBeNull()
      expect(announcedBy?.status === 'in_transit' || announcedBy?.detail === 'weather', carrier).toBe(true)
      const slip = revised.eta.getTime() - plan.originalEta.getTime()
      expect(slip, carrier).toBeGreaterThanOrEqual(2 * DAY)
      expect(slip, carrier).toBeLessThanOrEqual(5 * DAY)
      const delivered = last(plan.events)
      expect(delivered.status, carrier).toBe('delivered')
      expect(delivered.occurredAt.getTime(), carrier).toBeGreaterThan(plan.originalEta.getTime())
      expect(delivered.occurredAt.getTime(), carrier).toBeLessThanOrEqual(revised.eta.getTime())
      expect(revised.from.getTime(), carrier).toBeLessThan(plan.originalEta.getTime())
    }
  })

  test('stalled: a day or two of scans, then nothing at all, even a month later', async () => {
    const carrier = createSandboxCarrier()
    for (const code of CARRIER_CODES) {
      const trackingNumber = findTrackingNumber(code, 'stalled')
      const request = { carrier: code, trackingNumber, shippedAt: SHIPPED_AT }
      // Without an explicit border crossing, as track() plans it.
      const plan = planEvents(request)
      const lastScan = last(plan.events)
      expect(lastScan.status, code).toBe('in_transit')
      expect(
        plan.events.some((e) => isFinalStatus(e.status)),
        code,
      ).toBe(false)
      // Pickup day plus at most two hub days.
      const days = new Set(plan.events.slice(1).map((e) => Math.floor(e.occurredAt.getTime() / DAY)))
      expect(days.size, code).toBeLessThanOrEqual(3)
      expect(lastScan.occurredAt.getTime() - SHIPPED_AT.getTime(), code).toBeLessThan(5 * DAY)

      const atStall = await carrier.track({ ...request, now: lastScan.occurredAt })
      const monthLater = await carrier.track({ ...request, now: new Date(SHIPPED_AT.getTime() + 30 * DAY) })
      expect(monthLater.events, code).toEqual(atStall.events)
      expect(monthLater.events, code).toHaveLength(plan.events.length)
    }
  })

  test('failed attempt: the recipient is out, and the parcel is delivered on the next business day', () => {
    for (const carrier of CARRIER_CODES) {
      const plan = planFor('failed_attempt', carrier)
      const s = statuses(plan)
      const failedAt = s.indexOf('failed_attempt')
      expect(failedAt, carrier).toBeGreaterThan(0)
      expect(
        s.filter((x) => x === 'failed_attempt'),
        carrier,
      ).toHaveLength(1)
      expect(s[failedAt - 1], carrier).toBe('out_for_delivery')
      expect(s.slice(failedAt + 1), carrier).toEqual(['out_for_delivery', 'delivered'])
      const failedDay = Math.floor(time(plan.events[failedAt]?.occurredAt) / DAY)
      const deliveredDay = Math.floor(time(last(plan.events).occurredAt) / DAY)
      expect(deliveredDay - failedDay, carrier).toBeGreaterThanOrEqual(1)
      expect(deliveredDay - failedDay, carrier).toBeLessThanOrEqual(3)
    }
  })

  test('address exception: out for delivery, then an address exception and nothing further', () => {
    for (const carrier of CARRIER_CODES) {
      const plan = planFor('exception_address', carrier)
      const s = statuses(plan)
      expect(s.slice(-2), carrier).toEqual(['out_for_delivery', 'exception'])
      expect(last(plan.events).detail, carrier).toBe('address')
      expect(s, carrier).not.toContain('delivered')
    }
  })

  test('customs hold: held on import, released about three business days later, then delivered', () => {
    for (const carrier of CARRIER_CODES) {
      const plan = planFor('exception_customs', carrier)
      expect(plan.scenario).toBe('exception_customs')
      const holdAt = plan.events.findIndex((e) => e.status === 'exception')
      const hold = plan.events[holdAt]
      const release = plan.events[holdAt + 1]
      expect(hold?.detail, carrier).toBe('customs')
      expect(
        plan.events.filter((e) => e.status === 'exception'),
        carrier,
      ).toHaveLength(1)
      expect(release?.status, carrier).toBe('in_transit')
      expect(time(release?.occurredAt) - time(hold?.occurredAt), carrier).toBeGreaterThanOrEqual(2.5 * DAY)
      expect(time(release?.occurredAt) - time(hold?.occurredAt), carrier).toBeLessThan(6 * DAY)
      expect(last(plan.events).status, carrier).toBe('delivered')
      expect(plan.revisedEta?.from, carrier).toEqual(hold?.occurredAt)
      expect(time(plan.revisedEta?.eta), carrier).toBeGreaterThan(plan.originalEta.getTime())
    }
  })

  test('customs hold needs a border: a domestic parcel with that number arrives on time', () => {
    const trackingNumber = findTrackingNumber('ups', 'exception_customs')
    const plan = planEvents({ carrier: 'ups', trackingNumber, shippedAt: SHIPPED_AT, international: false })
    expect(plan.scenario).toBe('on_time')
    expect(statuses(plan)).not.toContain('exception')
    expect(last(plan.events).status).toBe('delivered')
    expect(isSandboxInternational(trackingNumber)).toBe(true)
  })

  test('damaged: an exception at a hub, then back to the sender over the following days', () => {
    for (const carrier of CARRIER_CODES) {
      const plan = planFor('exception_damaged', carrier)
      const damaged = plan.events.find((e) => e.status === 'exception')
      expect(damaged?.detail, carrier).toBe('damaged')
      expect(damaged?.location, carrier).not.toBeNull()
      const returned = last(plan.events)
      expect(returned.status, carrier).toBe('returned_to_sender')
      expect(returned.occurredAt.getTime() - time(damaged?.occurredAt), carrier).toBeGreaterThanOrEqual(
        2 * DAY,
      )
      expect(statuses(plan), carrier).not.toContain('delivered')
      expect(statuses(plan), carrier).not.toContain('out_for_delivery')
    }
  })

  test('returned to sender: three failed attempts, a wait at a pickup point, then back to the sender', () => {
    for (const carrier of CARRIER_CODES) {
      const plan = planFor('returned_to_sender', carrier)
      const s = statuses(plan)
      const tail = s.filter((x) =>
        ['failed_attempt', 'available_for_pickup', 'returned_to_sender'].includes(x),
      )
      expect(tail, carrier).toEqual([
        'failed_attempt',
        'failed_attempt',
        'failed_attempt',
        'available_for_pickup',
        'returned_to_sender',
      ])
      expect(last(s), carrier).toBe('returned_to_sender')
      const pickup = plan.events.find((e) => e.status === 'available_for_pickup')
      expect(pickup?.description, carrier).toMatch(/waiting for collection at .+\./)
      // Held for five business days: at least a week.
      expect(time(last(plan.events).occurredAt) - time(pickup?.occurredAt), carrier).toBeGreaterThanOrEqual(
        6 * DAY,
      )
    }
  })

  test('InPost parcels wait in a Paczkomat', () => {
    const pickup = planFor('returned_to_sender', 'inpost').events.find(
      (e) => e.status === 'available_for_pickup',
    )
    expect(pickup?.description).toMatch(/Paczkomat [A-Z]{3}\d{2}M/)
  })

  test('lost: silence after the first hub days, then "could not be located" twelve business days later', () => {
    for (const carrier of CARRIER_CODES) {
      const plan = planFor('lost', carrier)
      const lost = last(plan.events)
      const before = plan.events[plan.events.length - 2]
      expect(lost.status, carrier).toBe('lost')
      expect(lost.description, carrier).toBe('Parcel could not be located.')
      expect(lost.location, carrier).toBeNull()
      expect(before?.status, carrier).toBe('in_transit')
      // Twelve business days span at least two weekends: 16 calendar days or more.
      expect(lost.occurredAt.getTime() - time(before?.occurredAt), carrier).toBeGreaterThanOrEqual(15 * DAY)
      expect(lost.occurredAt.getTime() - time(before?.occurredAt), carrier).toBeLessThan(19 * DAY)
      expect(
        plan.events.filter((e) => e.status === 'lost'),
        carrier,
      ).toHaveLength(1)
    }
  })
})

describe('track()', () => {
  const carrier = createSandboxCarrier()

  test('never reports a scan that has not happened yet', async () => {
    for (const scenario of SANDBOX_SCENARIOS) {
      const trackingNumber = findTrackingNumber('fedex', scenario)
      const plan = planEvents({ carrier: 'fedex', trackingNumber, shippedAt: SHIPPED_AT })
      for (let hours = -6; hours <= 40 * 24; hours += 7) {
        const now = new Date(SHIPPED_AT.getTime() + hours * HOUR)
        const snapshot = await carrier.track({ carrier: 'fedex', trackingNumber, shippedAt: SHIPPED_AT, now })
        for (const event of snapshot.events)
          expect(event.occurredAt.getTime()).toBeLessThanOrEqual(now.getTime())
        const happened = plan.events.filter((e) => e.occurredAt.getTime() <= now.getTime())
        expect(snapshot.events).toHaveLength(happened.length)
      }
    }
  })

  test('reports each scan under the same dedupe key on every poll', async () => {
    const trackingNumber = findTrackingNumber('gls', 'returned_to_sender')
    const request = { carrier: 'gls' as const, trackingNumber, shippedAt: SHIPPED_AT }
    const early = await carrier.track({ ...request, now: new Date(SHIPPED_AT.getTime() + 3 * DAY) })
    const late = await carrier.track({ ...request, now: new Date(SHIPPED_AT.getTime() + 40 * DAY) })
    expect(early.events.length).toBeGreaterThan(2)
    expect(late.events.slice(0, early.events.length)).toEqual(early.events)
    const keys = late.events.map((e) => e.dedupeKey)
    expect(new Set(keys).size).toBe(keys.length)
    expect(keys[0]).toBe(`${trackingNumber}:0`)
  })

  test('gives the original estimate until the carrier revises it, then the revised one', async () => {
    const trackingNumber = findTrackingNumber('ups', 'delayed')
    const plan = planEvents({ carrier: 'ups', trackingNumber, shippedAt: SHIPPED_AT })
    const revised = plan.revisedEta
    if (!revised) throw new Error('a delayed parcel has a revised estimate')
    const request = { carrier: 'ups' as const, trackingNumber, shippedAt: SHIPPED_AT }
    const justBefore = await carrier.track({ ...request, now: new Date(revised.from.getTime() - 1) })
    const atRevision = await carrier.track({ ...request, now: revised.from })
    const afterDelivery = await carrier.track({ ...request, now: new Date(SHIPPED_AT.getTime() + 30 * DAY) })
    expect(justBefore.estimatedDelivery).toEqual(plan.originalEta)
    expect(atRevision.estimatedDelivery).toEqual(revised.eta)
    expect(afterDelivery.estimatedDelivery).toEqual(revised.eta)
    expect(last(afterDelivery.events).status).toBe('delivered')
  })

  test('knows nothing about a parcel before its label exists', async () => {
    const trackingNumber = findTrackingNumber('usps', 'on_time')
    const snapshot = await carrier.track({
      carrier: 'usps',
      trackingNumber,
      shippedAt: SHIPPED_AT,
      now: new Date(SHIPPED_AT.getTime() - 1),
    })
    expect(snapshot).toEqual({
      carrier: 'usps',
      trackingNumber,
      events: [],
      estimatedDelivery: null,
      externalTrackerId: null,
    })
  })

  test('tells the same story as the plan with the border crossing it derives from the number', async () => {
    for (const scenario of SANDBOX_SCENARIOS) {
      const trackingNumber = findTrackingNumber('postnl', scenario, 3_000)
      const plan = planEvents({
        carrier: 'postnl',
        trackingNumber,
        shippedAt: SHIPPED_AT,
        international: isSandboxInternational(trackingNumber),
      })
      const snapshot = await carrier.track({
        carrier: 'postnl',
        trackingNumber,
        shippedAt: SHIPPED_AT,
        now: new Date(SHIPPED_AT.getTime() + 60 * DAY),
      })
      expect(plan.scenario).toBe(scenario)
      expect(snapshot.events.map(({ dedupeKey: _key, ...event }) => event)).toEqual(plan.events)
      expect(snapshot.estimatedDelivery).toEqual(plan.revisedEta?.eta ?? plan.originalEta)
    }
  })

  test('identifies itself as the sandbox', () => {
    expect(carrier.name).toBe('sandbox')
  })
})

describe('choosing scenarios', () => {
  test('finds a valid number with the requested story for every carrier and scenario', () => {
    for (const carrier of CARRIER_CODES) {
      for (const scenario of SANDBOX_SCENARIOS) {
        const trackingNumber = findTrackingNumber(carrier, scenario)
        expect(isValidTrackingNumber(carrier, trackingNumber), `${carrier} ${trackingNumber}`).toBe(true)
        expect(scenarioFor(trackingNumber), `${carrier} ${trackingNumber}`).toBe(scenario)
        expect(
          planEvents({ carrier, trackingNumber, shippedAt: SHIPPED_AT, international: true }).scenario,
        ).toBe(scenario)
      }
    }
  })

  test('a later start serial finds a different number with the same story', () => {
    const first = findTrackingNumber('royal_mail', 'stalled')
    const second = findTrackingNumber('royal_mail', 'stalled', 1_000)
    expect(second).not.toBe(first)
    expect(scenarioFor(second)).toBe('stalled')
  })

  test('over 10,000 numbers the scenarios come out close to their weights', () => {
    const counts = new Map<SandboxScenario, number>()
    const total = 10_000
    for (let i = 0; i < total; i++) {
      const carrier = CARRIER_CODES[i % CARRIER_CODES.length]!
      const scenario = scenarioFor(generateTrackingNumber(carrier, i))
      counts.set(scenario, (counts.get(scenario) ?? 0) + 1)
    }
    for (const scenario of SANDBOX_SCENARIOS) {
      const share = ((counts.get(scenario) ?? 0) / total) * 100
      expect(share, scenario).toBeGreaterThan(SCENARIO_WEIGHTS[scenario] - 2)
      expect(share, scenario).toBeLessThan(SCENARIO_WEIGHTS[scenario] + 2)
    }
  })

  test('about a fifth of the other parcels are international when the caller does not say', () => {
    let international = 0
    let counted = 0
    for (let i = 0; i < 5_000; i++) {
      const trackingNumber = generateTrackingNumber('ups', i)
      if (scenarioFor(trackingNumber) === 'exception_customs') continue
      counted++
      if (isSandboxInternational(trackingNumber)) international++
    }
    expect(international / counted).toBeGreaterThan(0.16)
    expect(international / counted).toBeLessThan(0.24)
  })
})
