import { describe, expect, test } from 'vitest'
import {
  COMPLAINT_KINDS,
  DEFAULT_COMPLAINT_PLAYBOOK,
  REMEDIES,
  validatePlaybook,
  type ComplaintPlaybook,
  type Remedy,
} from '#app/domain/complaints/playbook'

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T

function issuesAfter(edit: (p: ComplaintPlaybook) => void) {
  const p = clone(DEFAULT_COMPLAINT_PLAYBOOK)
  edit(p)
  return validatePlaybook(p)
}

describe('the default playbook', () => {
  test('is valid', () => {
    expect(validatePlaybook(DEFAULT_COMPLAINT_PLAYBOOK)).toEqual([])
  })

  test('waits 48 hours after a delivered scan and sends something else to staff', () => {
    expect(DEFAULT_COMPLAINT_PLAYBOOK.notArrived.waitAfterDeliveredHours).toBe(48)
    expect(DEFAULT_COMPLAINT_PLAYBOOK.other.toSupport).toBe(true)
  })

  test('does not share lists or limits between paths, so editing a copy of one path changes only that path', () => {
    const d = DEFAULT_COMPLAINT_PLAYBOOK
    expect(d.damaged.remedies).not.toBe(d.missingItem.remedies)
    expect(d.damaged.autoApproveUnder).not.toBe(d.missingItem.autoApproveUnder)
    expect(d.notArrived.maxAutoValue).not.toBe(d.damaged.autoApproveUnder)
  })

  test('lists the five problems the buyer can report and the three remedies', () => {
    expect(COMPLAINT_KINDS).toEqual(['not_arrived', 'damaged', 'wrong_item', 'missing_item', 'other'])
    expect(REMEDIES).toEqual(['reship', 'refund', 'coupon'])
  })
})

describe('validating a playbook', () => {
  test('accepts an empty remedy list, which sends every complaint of that kind to staff', () => {
    expect(
      issuesAfter((p) => {
        p.damaged.remedies = []
        p.wrongItem.remedies = []
        p.missingItem.remedies = []
        p.notArrived.remediesWhenStalledOrLost = []
        p.notArrived.autoApproveWhenLost = false
      }),
    ).toEqual([])
  })

  test('accepts a wait of 0 and of 720 hours, and refuses 721, negative and fractional waits', () => {
    expect(issuesAfter((p) => (p.notArrived.waitAfterDeliveredHours = 0))).toEqual([])
    expect(issuesAfter((p) => (p.notArrived.waitAfterDeliveredHours = 720))).toEqual([])
    for (const hours of [721, -1, 1.5, Number.NaN]) {
      expect(issuesAfter((p) => (p.notArrived.waitAfterDeliveredHours = hours))).toEqual([
        {
          field: 'notArrived.waitAfterDeliveredHours',
          message: 'The wait after a delivered scan must be a whole number of hours between 0 and 720',
        },
      ])
    }
  })

  test('names an unknown remedy and a remedy listed twice', () => {
    expect(issuesAfter((p) => (p.damaged.remedies = ['refund', 'exchange' as Remedy, 'refund']))).toEqual([
      {
        field: 'damaged.remedies',
        message:
          "Remedies for damaged items lists an unknown remedy 'exchange' (use reship, refund or coupon)",
      },
      { field: 'damaged.remedies', message: "Remedies for damaged items lists 'refund' more than once" },
    ])
  })

  test('refuses a remedy list that is not a list', () => {
    expect(issuesAfter((p) => (p.missingItem.remedies = 'refund' as unknown as Remedy[]))).toEqual([
      {
        field: 'missingItem.remedies',
        message:
          'Remedies for missing items must be a list (it may be empty, which sends every case to staff)',
      },
    ])
  })

  test('refuses automatic approval of lost parcels with nothing to offer or no value limit', () => {
    expect(
      issuesAfter((p) => {
        p.notArrived.remediesWhenStalledOrLost = []
        p.notArrived.maxAutoValue = {}
      }),
    ).toEqual([
      {
        field: 'notArrived.remediesWhenStalledOrLost',
        message: 'Automatic approval of lost parcels needs at least one remedy to offer',
      },
      {
        field: 'notArrived.maxAutoValue',
        message: 'Automatic approval of lost parcels needs a value limit for at least one currency',
      },
    ])
  })

  test('allows no value limit when lost parcels are not approved automatically', () => {
    expect(
      issuesAfter((p) => {
        p.notArrived.autoApproveWhenLost = false
        p.notArrived.maxAutoValue = {}
      }),
    ).toEqual([])
  })

  test('names a bad currency code and a bad amount in a limit', () => {
    expect(issuesAfter((p) => (p.damaged.autoApproveUnder = { usd: 100, EUR: -1, GBP: 1.5 }))).toEqual([
      {
        field: 'damaged.autoApproveUnder.usd',
        message: "Damaged-item approval limit: 'usd' is not a currency code like 'USD'",
      },
      {
        field: 'damaged.autoApproveUnder.EUR',
        message: 'Damaged-item approval limit in EUR must be a whole number of minor units, 0 or more',
      },
      {
        field: 'damaged.autoApproveUnder.GBP',
        message: 'Damaged-item approval limit in GBP must be a whole number of minor units, 0 or more',
      },
    ])
  })

  test('refuses a switch that is neither on nor off', () => {
    expect(issuesAfter((p) => (p.wrongItem.returnWrongItem = 'yes' as unknown as boolean))).toEqual([
      {
        field: 'wrongItem.returnWrongItem',
        message: 'Sending the wrong item back must be switched on or off',
      },
    ])
  })

  test('refuses to let something else skip staff', () => {
    expect(issuesAfter((p) => ((p.other as { toSupport: boolean }).toSupport = false))).toEqual([
      { field: 'other.toSupport', message: 'Complaints about something else must always go to staff' },
    ])
  })

  test('refuses a coupon value outside 0–100% or finer than 4 decimal places', () => {
    for (const pct of [-1, 101, Number.POSITIVE_INFINITY]) {
      expect(issuesAfter((p) => (p.couponPercent = pct))).toEqual([
        { field: 'couponPercent', message: 'Coupon value must be between 0 and 100%' },
      ])
    }
    expect(issuesAfter((p) => (p.couponPercent = 12.34567))).toEqual([
      { field: 'couponPercent', message: 'Coupon value may have at most 4 decimal places' },
    ])
    expect(issuesAfter((p) => (p.couponPercent = 12.5))).toEqual([])
  })

  test('refuses a 0% coupon only when some path offers a coupon', () => {
    expect(issuesAfter((p) => (p.couponPercent = 0))).toEqual([])
    expect(
      issuesAfter((p) => {
        p.couponPercent = 0
        p.missingItem.remedies = ['coupon']
      }),
    ).toEqual([{ field: 'couponPercent', message: 'A coupon is offered, so its value must be more than 0%' }])
  })

  test('never throws on a playbook with whole sections missing, and names each one', () => {
    const broken = { couponPercent: 10 } as unknown as ComplaintPlaybook
    const fields = validatePlaybook(broken).map((i) => i.field)
    expect(fields).toContain('notArrived.waitAfterDeliveredHours')
    expect(fields).toContain('damaged.remedies')
    expect(fields).toContain('other.toSupport')
  })
})
