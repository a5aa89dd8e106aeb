import { describe, expect, test } from 'vitest'
import {
  DEFAULT_RETURN_POLICY,
  amountFor,
  couponValidDaysOf,
  bonusPercentFor,
  isResolutionEnabled,
  validatePolicy,
  type ReturnPolicy,
} from '#app/domain/policy/policy'

// A deep copy to edit, so no test can leak a change into the shared default.
const policy = (): ReturnPolicy => structuredClone(DEFAULT_RETURN_POLICY)

function issuesOf(edit: (p: ReturnPolicy) => void) {
  const p = policy()
  edit(p)
  return validatePolicy(p)
}

describe('the default policy', () => {
  test('is valid', () => {
    expect(validatePolicy(DEFAULT_RETURN_POLICY)).toEqual([])
  })

  test('gives 30 days from delivery, falling back to fulfilment', () => {
    expect(DEFAULT_RETURN_POLICY.window).toEqual({
      days: 30,
      countFrom: 'delivery',
      fallbackWhenUndelivered: 'fulfillment',
    })
  })

  test('spares buyers every fee when the shop is at fault and offers a refund or an exchange', () => {
    for (const reason of ['arrived_damaged', 'wrong_item', 'defective'] as const) {
      expect(DEFAULT_RETURN_POLICY.reasons[reason]).toMatchObject({
        waiveReturnShipping: true,
        waiveRestockingFee: true,
        allowedResolutions: ['refund', 'exchange'],
      })
    }
  })

  test('offers a refund, store credit or an exchange to a buyer who changed their mind', () => {
    expect(DEFAULT_RETURN_POLICY.reasons.changed_mind.allowedResolutions).toEqual([
      'refund',
      'store_credit',
      'exchange',
    ])
    expect(DEFAULT_RETURN_POLICY.reasons.changed_mind.waiveReturnShipping).toBe(false)
  })

  test('adds 10% to store credit and 5% to exchanges, and offers no coupons', () => {
    expect(bonusPercentFor(DEFAULT_RETURN_POLICY, 'store_credit')).toBe(10)
    expect(bonusPercentFor(DEFAULT_RETURN_POLICY, 'exchange')).toBe(5)
    expect(bonusPercentFor(DEFAULT_RETURN_POLICY, 'refund')).toBe(0)
    expect(isResolutionEnabled(DEFAULT_RETURN_POLICY, 'coupon')).toBe(false)
  })

  test('allows two returns per order and auto-approves routine reasons for infrequent returners', () => {
    expect(DEFAULT_RETURN_POLICY.maxReturnsPerOrder).toBe(2)
    expect(DEFAULT_RETURN_POLICY.autoApprove).toMatchObject({ enabled: true, maxReturnsLast90Days: 3 })
    expect(DEFAULT_RETURN_POLICY.autoApprove.maxValue.USD).toBe(10000)
  })
})

describe('per-currency amounts', () => {
  test('a currency missing from the map has no amount', () => {
    expect(amountFor(DEFAULT_RETURN_POLICY.returnShippingFee, 'USD')).toBe(695)
    expect(amountFor(DEFAULT_RETURN_POLICY.returnShippingFee, 'JPY')).toBeNull()
    expect(amountFor(DEFAULT_RETURN_POLICY.greenReturn.maxItemValue, 'CAD')).toBeNull()
  })

  test('object built-ins are not mistaken for currencies', () => {
    expect(amountFor({}, 'constructor')).toBeNull()
  })
})

describe('validating a policy', () => {
  test('a return window outside 1 to 365 whole days is rejected', () => {
    for (const days of [0, 366, 2.5, -3]) {
      expect(issuesOf((p) => (p.window.days = days))).toEqual([
        { field: 'window.days', message: 'Return window must be between 1 and 365 days' },
      ])
    }
    expect(issuesOf((p) => (p.window.days = 365))).toEqual([])
    expect(issuesOf((p) => (p.window.days = 1))).toEqual([])
  })

  test('unknown window start settings are rejected', () => {
    const issues = issuesOf((p) => {
      p.window.countFrom = 'shipping' as never
      p.window.fallbackWhenUndelivered = 'delivery' as never
    })
    expect(issues.map((i) => i.field)).toEqual(['window.countFrom', 'window.fallbackWhenUndelivered'])
  })

  test('percentages outside 0 to 100 are rejected', () => {
    const issues = issuesOf((p) => {
      p.restockingFeePercent = 101
      p.maxDiscountPercent = -1
      p.resolutions.storeCredit.bonusPercent = 150
      p.resolutions.coupon.bonusPercent = Number.NaN
    })
    expect(issues).toEqual(
      expect.arrayContaining([
        { field: 'restockingFeePercent', message: 'Restocking fee must be between 0 and 100%' },
        { field: 'maxDiscountPercent', message: 'Maximum discount must be between 0 and 100%' },
        { field: 'resolutions.storeCredit.bonusPercent', message: 'Bonus must be between 0 and 100%' },
        { field: 'resolutions.coupon.bonusPercent', message: 'Bonus must be between 0 and 100%' },
      ]),
    )
    expect(issues).toHaveLength(4)
  })

  test('no discount rule is valid', () => {
    expect(issuesOf((p) => (p.maxDiscountPercent = null))).toEqual([])
    expect(issuesOf((p) => (p.maxDiscountPercent = 50))).toEqual([])
  })

  test('fees must be whole, non-negative minor units keyed by currency code', () => {
    const issues = issuesOf((p) => {
      p.returnShippingFee = { USD: 6.95, EUR: -1, usd: 100 }
    })
    expect(issues.map((i) => i.field)).toEqual([
      'returnShippingFee.USD',
      'returnShippingFee.EUR',
      'returnShippingFee.usd',
    ])
    expect(issues[0]!.message).toBe(
      'Return shipping fee in USD must be a whole number of minor units, 0 or more',
    )
    expect(issues[2]!.message).toBe("Return shipping fee: 'usd' is not a currency code like 'USD'")
  })

  test('an enabled reason must allow at least one resolution', () => {
    expect(issuesOf((p) => (p.reasons.defective.allowedResolutions = []))).toEqual([
      {
        field: 'reasons.defective.allowedResolutions',
        message: "Reason 'defective' must allow at least one resolution",
      },
    ])
  })

  test('a disabled reason may allow nothing', () => {
    expect(
      issuesOf((p) => {
        p.reasons.other.enabled = false
        p.reasons.other.allowedResolutions = []
      }),
    ).toEqual([])
  })

  test('a reason may not allow a resolution the shop has turned off', () => {
    expect(issuesOf((p) => p.reasons.changed_mind.allowedResolutions.push('coupon'))).toEqual([
      {
        field: 'reasons.changed_mind.allowedResolutions',
        message: "Reason 'changed_mind' allows 'coupon', which is turned off for the shop",
      },
    ])
  })

  test('at least one reason and one resolution must be enabled', () => {
    const issues = issuesOf((p) => {
      for (const r of Object.values(p.reasons)) r.enabled = false
      p.resolutions.refund.enabled = false
      p.resolutions.storeCredit.enabled = false
      p.resolutions.exchange.enabled = false
    })
    expect(issues).toEqual([
      { field: 'reasons', message: 'At least one return reason must be enabled' },
      { field: 'resolutions', message: 'At least one resolution must be enabled' },
    ])
  })

  test('blank exclusions and a blank final-sale tag are rejected', () => {
    const issues = issuesOf((p) => {
      p.exclusions.tags.push(' ')
      p.exclusions.skus.push('')
      p.finalSaleTag = ''
    })
    expect(issues.map((i) => i.field)).toEqual(['exclusions.tags.1', 'exclusions.skus.0', 'finalSaleTag'])
  })

  test('the final-sale rule can be turned off', () => {
    expect(issuesOf((p) => (p.finalSaleTag = null))).toEqual([])
  })

  test('green returns and auto-approval need limits when enabled', () => {
    const issues = issuesOf((p) => {
      p.greenReturn.maxItemValue = {}
      p.autoApprove.maxValue = {}
      p.autoApprove.reasons = []
    })
    expect(issues.map((i) => i.field)).toEqual([
      'greenReturn.maxItemValue',
      'autoApprove.reasons',
      'autoApprove.maxValue',
    ])
  })

  test('disabled green returns and auto-approval need no limits', () => {
    const issues = issuesOf((p) => {
      p.greenReturn = { enabled: false, maxItemValue: {} }
      p.autoApprove = { enabled: false, maxValue: {}, reasons: [], maxReturnsLast90Days: 0 }
    })
    expect(issues).toEqual([])
  })

  test('the recent-returns limit must be a whole number and auto-approval reasons must exist', () => {
    const issues = issuesOf((p) => {
      p.autoApprove.maxReturnsLast90Days = -1
      p.autoApprove.reasons.push('bored' as never)
    })
    expect(issues.map((i) => i.field)).toEqual(['autoApprove.maxReturnsLast90Days', 'autoApprove.reasons'])
  })

  test('blocked emails must look like email addresses', () => {
    expect(issuesOf((p) => (p.blockedEmails = ['a@b.co', 'not-an-email']))).toEqual([
      { field: 'blockedEmails.1', message: "Blocked email 'not-an-email' is not an email address" },
    ])
  })

  test('returns per order must be at least 1, or no limit', () => {
    expect(issuesOf((p) => (p.maxReturnsPerOrder = 0))).toEqual([
      { field: 'maxReturnsPerOrder', message: 'Returns per order must be at least 1 (or no limit)' },
    ])
    expect(issuesOf((p) => (p.maxReturnsPerOrder = null))).toEqual([])
  })

  test('a missing reason is reported instead of crashing', () => {
    const issues = issuesOf((p) => delete (p.reasons as Partial<ReturnPolicy['reasons']>).other)
    expect(issues).toEqual([
      { field: 'reasons.other', message: "Settings for the reason 'other' are missing" },
    ])
  })
})

describe('coupon validity', () => {
  test('is a year by default, and for policies saved before it was a setting', () => {
    expect(DEFAULT_RETURN_POLICY.resolutions.coupon.validDays).toBe(365)
    expect(couponValidDaysOf(DEFAULT_RETURN_POLICY)).toBe(365)
    const old = policy()
    delete old.resolutions.coupon.validDays
    expect(validatePolicy(old)).toEqual([])
    expect(couponValidDaysOf(old)).toBe(365)
    expect(couponValidDaysOf(null)).toBe(365)
  })

  test('runs from 1 to 730 whole days', () => {
    for (const days of [1, 90, 730]) {
      expect(issuesOf((p) => (p.resolutions.coupon.validDays = days))).toEqual([])
      expect(couponValidDaysOf({ resolutions: { coupon: { validDays: days } } })).toBe(days)
    }
    for (const days of [0, 731, 1.5, -3, Number.NaN]) {
      expect(issuesOf((p) => (p.resolutions.coupon.validDays = days))).toEqual([
        {
          field: 'resolutions.coupon.validDays',
          message: 'Coupons must be valid for a whole number of days from 1 to 730',
        },
      ])
      // A stored value out of range never reaches the provider: the default applies.
      expect(couponValidDaysOf({ resolutions: { coupon: { validDays: days } } })).toBe(365)
    }
  })
})
