import { describe, expect, test } from 'vitest'
import { assessDelay, type DelayInput } from '#app/domain/tracking/delay'
import { predictDelivery, transitBusinessDays, MIN_TRANSIT_SAMPLES } from '#app/domain/tracking/prediction'

// 2026-03-02 is a Monday.
const at = (iso: string) => new Date(iso)

describe('predicted delivery from our own history', () => {
  test('with too few delivered parcels on the route there is no prediction', () => {
    const stats = { samples: MIN_TRANSIT_SAMPLES - 1, medianDays: 3, p90Days: 5 }
    expect(predictDelivery(stats, at('2026-03-02T09:00:00Z'))).toBeNull()
    expect(predictDelivery(null, at('2026-03-02T09:00:00Z'))).toBeNull()
  })

  test('the median is the expected arrival and the 90th percentile its late edge, in business days', () => {
    const p = predictDelivery({ samples: 40, medianDays: 3, p90Days: 5 }, at('2026-03-05T09:00:00Z'))
    // Thursday + 3 business days skips the weekend: Tuesday; + 5: Thursday.
    expect(p).toEqual({
      expectedAt: at('2026-03-10T09:00:00Z'),
      latestAt: at('2026-03-12T09:00:00Z'),
      spreadDays: 2,
      samples: 40,
    })
  })

  test('transit time counts business days only', () => {
    expect(transitBusinessDays(at('2026-03-06T09:00:00Z'), at('2026-03-09T09:00:00Z'))).toBe(1)
  })
})

describe('"likely late" before the promised date passes', () => {
  const base: DelayInput = {
    state: { status: 'in_transit', statusDetail: null, lastEventAt: at('2026-03-04T08:00:00Z') },
    shippedAt: at('2026-03-02T09:00:00Z'),
    promisedBy: at('2026-03-06T12:00:00Z'),
    originalEta: null,
    currentEta: null,
    profile: { normalScanGapBusinessHours: 48, lostAfterBusinessDays: 10 },
    now: at('2026-03-04T12:00:00Z'),
  }

  test('a prediction after the promised day makes an on-time parcel at risk, with the predicted date', () => {
    const a = assessDelay({ ...base, predictedEta: at('2026-03-09T10:00:00Z') })
    expect(a).toMatchObject({
      level: 'at_risk',
      reason: 'predicted_late',
      newDate: at('2026-03-09T10:00:00Z'),
    })
  })

  test('a prediction on the promised day keeps it on time', () => {
    expect(assessDelay({ ...base, predictedEta: at('2026-03-06T18:00:00Z') }).level).toBe('on_time')
  })

  test('the warning waits until the promised date is within the shop’s threshold', () => {
    const a = assessDelay({ ...base, predictedEta: at('2026-03-09T10:00:00Z'), likelyLateWithinHours: 24 })
    expect(a.level).toBe('on_time')
  })

  test('the carrier saying late, or the date having passed, still wins over a prediction', () => {
    const revised = assessDelay({
      ...base,
      currentEta: at('2026-03-10T10:00:00Z'),
      predictedEta: at('2026-03-09T10:00:00Z'),
    })
    expect(revised).toMatchObject({ level: 'late', reason: 'eta_revised' })
    const passed = assessDelay({
      ...base,
      state: { ...base.state, lastEventAt: at('2026-03-06T20:00:00Z') },
      now: at('2026-03-07T10:00:00Z'),
      predictedEta: at('2026-03-09T10:00:00Z'),
    })
    expect(passed).toMatchObject({ level: 'late', reason: 'eta_passed' })
  })
})
