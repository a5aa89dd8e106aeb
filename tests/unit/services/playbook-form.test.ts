import { describe, expect, test } from 'vitest'
import { DEFAULT_COMPLAINT_PLAYBOOK } from '#app/domain/complaints/playbook'
import { parsePlaybookForm, playbookToFormValues } from '#app/services/policies/playbook-form'

const currencies = ['EUR', 'USD']

describe('playbook form', () => {
  test('the defaults survive a round trip through the form (currencies shown only)', () => {
    const values = playbookToFormValues(DEFAULT_COMPLAINT_PLAYBOOK, currencies)
    const parsed = parsePlaybookForm(values, currencies)
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.playbook.damaged).toEqual({
      ...DEFAULT_COMPLAINT_PLAYBOOK.damaged,
      autoApproveUnder: { EUR: 5000, USD: 5000 },
    })
    expect(parsed.playbook.notArrived.remediesWhenStalledOrLost).toEqual(['reship', 'refund'])
    expect(parsed.playbook.couponPercent).toBe(10)
  })

  test('bad numbers, amounts and unknown remedies come back next to their fields', () => {
    const values = {
      ...playbookToFormValues(DEFAULT_COMPLAINT_PLAYBOOK, currencies),
      'notArrived.waitAfterDeliveredHours': '1000',
      couponPercent: 'ten',
      'damaged.autoApproveUnder.EUR': '12,50',
      'damaged.remedies': ['refund', 'teleport'],
    }
    const parsed = parsePlaybookForm(values, currencies)
    expect(parsed).toEqual({
      ok: false,
      fieldErrors: {
        'notArrived.waitAfterDeliveredHours': 'Wait at most 720 hours (30 days)',
        couponPercent: 'Enter a percentage, like 10',
        'damaged.autoApproveUnder.EUR': 'Enter an amount like 50 or 49.99',
        'damaged.remedies': "Unknown remedy 'teleport'",
      },
    })
  })

  test('an empty amount means no limit in that currency, and no remedies means every report goes to staff', () => {
    const values = {
      ...playbookToFormValues(DEFAULT_COMPLAINT_PLAYBOOK, currencies),
      'missingItem.autoApproveUnder.USD': '',
      'missingItem.remedies': [],
    }
    const parsed = parsePlaybookForm(values, currencies)
    expect(parsed.ok && parsed.playbook.missingItem).toEqual({
      remedies: [],
      autoApproveUnder: { EUR: 5000 },
    })
  })
})
