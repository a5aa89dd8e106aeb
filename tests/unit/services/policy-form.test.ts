import { describe, expect, test } from 'vitest'
import { DEFAULT_RETURN_POLICY, validatePolicy, type ReturnPolicy } from '#app/domain/policy/policy'
import {
  describeChangedPath,
  issuesToFieldErrors,
  parsePolicyForm,
  policyCurrencies,
  policyToFormValues,
  type PolicyFormValues,
} from '#app/services/policies/policy-form'

// What the browser sends: unchecked boxes are left out, checkbox groups repeat their name.
function toFormData(values: PolicyFormValues, extra: Record<string, string> = {}): FormData {
  const fd = new FormData()
  for (const [key, value] of Object.entries({ ...values, ...extra })) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (
        v === '' &&
        key
          .split('.')
          .at(-1)
          ?.match(/^(enabled|photoRequired|noteRequired|waive)/)
      )
        continue
      fd.append(key, v)
    }
  }
  return fd
}

const form = (change: (v: PolicyFormValues) => void = () => {}, policy = DEFAULT_RETURN_POLICY) => {
  const values = policyToFormValues(policy)
  change(values)
  return toFormData(values, { basedOnVersion: '3' })
}

const errorsOf = (fd: FormData) => {
  const result = parsePolicyForm(fd)
  if (result.ok) throw new Error('expected field errors')
  return result.fieldErrors
}

describe('round trip', () => {
  test('the default policy comes back unchanged through the form', () => {
    const result = parsePolicyForm(form())
    expect(result).toEqual({ ok: true, rules: DEFAULT_RETURN_POLICY, basedOnVersion: 3, note: null })
  })

  test('a policy using every option comes back unchanged, amounts in minor units', () => {
    const policy: ReturnPolicy = structuredClone(DEFAULT_RETURN_POLICY)
    policy.window = { days: 14, countFrom: 'order', fallbackWhenUndelivered: 'order' }
    policy.exclusions = {
      tags: ['hygiene', 'gift card'],
      productTypes: ['Underwear'],
      skus: ['BB-1', 'BB-2'],
    }
    policy.finalSaleTag = null
    policy.maxDiscountPercent = 60
    policy.restockingFeePercent = 12.5
    policy.returnShippingFee = { USD: 1, EUR: 0, GBP: 100050 }
    policy.resolutions.coupon = { enabled: true, bonusPercent: 7, validDays: 90 }
    policy.reasons.other = {
      enabled: false,
      photoRequired: true,
      noteRequired: false,
      allowedResolutions: ['coupon'],
      waiveReturnShipping: true,
      waiveRestockingFee: false,
    }
    policy.greenReturn = { enabled: false, maxItemValue: {} }
    policy.autoApprove = { enabled: false, maxValue: { RUB: 5 }, reasons: [], maxReturnsLast90Days: 0 }
    policy.blockedEmails = ['fraud@example.com', 'x@y.example']
    policy.maxReturnsPerOrder = null
    const result = parsePolicyForm(form(() => {}, policy))
    expect(result).toEqual({ ok: true, rules: policy, basedOnVersion: 3, note: null })
  })

  test('money is entered as decimals: "6.95" is 695 minor units and "7" is 700', () => {
    expect(policyToFormValues(DEFAULT_RETURN_POLICY)['returnShippingFee.USD']).toBe('6.95')
    const result = parsePolicyForm(
      form((v) => ((v['returnShippingFee.USD'] = '7'), (v['returnShippingFee.EUR'] = ''))),
    )
    expect(result.ok && result.rules.returnShippingFee).toEqual({
      USD: 700,
      GBP: 495,
      PLN: 2500,
      CAD: 895,
      RUB: 50000,
    })
  })

  test('lists accept commas or line breaks, drop blanks and repeats, and the note is trimmed', () => {
    const result = parsePolicyForm(
      form((v) => {
        v['exclusions.tags'] = ' hygiene, Sale\n\nsale ,gift '
        v.note = '  Longer window for the holidays  '
      }),
    )
    expect(result.ok && result.rules.exclusions.tags).toEqual(['hygiene', 'Sale', 'gift'])
    expect(result.ok && result.note).toBe('Longer window for the holidays')
  })

  test('a currency the policy already uses gets fields of its own', () => {
    const policy = structuredClone(DEFAULT_RETURN_POLICY)
    policy.returnShippingFee.SEK = 4900
    const currencies = policyCurrencies(policy)
    expect(currencies).toEqual(['USD', 'EUR', 'GBP', 'PLN', 'CAD', 'RUB', 'SEK'])
    const fd = toFormData(policyToFormValues(policy, currencies), { basedOnVersion: '0' })
    expect(parsePolicyForm(fd, { currencies })).toMatchObject({ ok: true, rules: policy })
  })
})

test('ticked boxes keep the saved order, whatever order the browser sends them in', () => {
  const fd = form(
    (v) => (v['autoApprove.reasons'] = ['changed_mind', 'wrong_size', 'arrived_damaged', 'wrong_item']),
  )
  const result = parsePolicyForm(fd, { current: DEFAULT_RETURN_POLICY })
  expect(result.ok && result.rules.autoApprove.reasons).toEqual(DEFAULT_RETURN_POLICY.autoApprove.reasons)
  const added = parsePolicyForm(
    form((v) => (v['autoApprove.reasons'] = ['other', 'changed_mind', 'wrong_size'])),
    { current: DEFAULT_RETURN_POLICY },
  )
  expect(added.ok && added.rules.autoApprove.reasons).toEqual(['wrong_size', 'changed_mind', 'other'])
})

describe('field errors', () => {
  test('numbers out of range or not numbers are named by their field with a clear message', () => {
    const errors = errorsOf(
      form((v) => {
        v['window.days'] = '0'
        v.restockingFeePercent = '150'
        v['resolutions.storeCredit.bonusPercent'] = 'ten'
        v.maxReturnsPerOrder = '1.5'
        v['resolutions.coupon.validDays'] = '731'
      }),
    )
    expect(errors).toEqual({
      'resolutions.coupon.validDays': 'Coupon validity must be at most 730',
      'window.days': 'Return window must be at least 1',
      restockingFeePercent: 'Restocking fee must be between 0 and 100%',
      'resolutions.storeCredit.bonusPercent': 'Store credit bonus must be a number like 10 or 12.5',
      maxReturnsPerOrder: 'Returns per order must be a whole number',
    })
  })

  test('money with more than two decimals, or negative, is refused', () => {
    const errors = errorsOf(
      form((v) => ((v['returnShippingFee.USD'] = '6.955'), (v['greenReturn.maxItemValue.EUR'] = '-1'))),
    )
    expect(errors).toEqual({
      'returnShippingFee.USD': 'Return shipping fee in USD must be an amount like 6.95',
      'greenReturn.maxItemValue.EUR': 'Keep-the-item limit in EUR must be an amount like 6.95',
    })
  })

  test('unknown choices, checkbox values and fields are errors, never dropped silently', () => {
    const fd = form((v) => {
      v['window.countFrom'] = 'yesterday'
      v['reasons.defective.allowedResolutions'] = ['refund', 'cash']
      v['reasons.defective.photoRequired'] = 'yes'
    })
    fd.append('returnShippingFee.XYZ', '1.00')
    fd.append('window.dayz', '3')
    expect(errorsOf(fd)).toEqual({
      'window.countFrom': 'Choose delivery, fulfilment or the order date',
      'reasons.defective.allowedResolutions': 'Unknown resolution',
      'reasons.defective.photoRequired': 'Tick the box or leave it empty',
      'returnShippingFee.XYZ': "Unexpected field 'returnShippingFee.XYZ'",
      'window.dayz': "Unexpected field 'window.dayz'",
    })
  })

  test('a blocked buyer that is not an email address is pointed out', () => {
    const errors = errorsOf(form((v) => (v.blockedEmails = 'ok@example.com, not-an-email')))
    expect(errors).toEqual({ blockedEmails: "'not-an-email' is not an email address" })
  })

  test('a missing version and an overlong note are errors', () => {
    const fd = form((v) => (v.note = 'x'.repeat(501)))
    fd.delete('basedOnVersion')
    expect(errorsOf(fd)).toEqual({
      basedOnVersion: 'The form is missing its version: reload the page',
      note: 'Keep the note under 500 characters',
    })
  })

  test('domain issues land on the field that shows them', () => {
    const policy = structuredClone(DEFAULT_RETURN_POLICY)
    policy.blockedEmails = ['a@b.example', 'nope']
    policy.resolutions.exchange.enabled = false
    policy.greenReturn.maxItemValue = {}
    const errors = issuesToFieldErrors(validatePolicy(policy))
    expect(errors).toEqual({
      'reasons.changed_mind.allowedResolutions':
        "Reason 'changed_mind' allows 'exchange', which is turned off for the shop",
      'reasons.wrong_size.allowedResolutions':
        "Reason 'wrong_size' allows 'exchange', which is turned off for the shop",
      'reasons.not_as_described.allowedResolutions':
        "Reason 'not_as_described' allows 'exchange', which is turned off for the shop",
      'reasons.arrived_damaged.allowedResolutions':
        "Reason 'arrived_damaged' allows 'exchange', which is turned off for the shop",
      'reasons.wrong_item.allowedResolutions':
        "Reason 'wrong_item' allows 'exchange', which is turned off for the shop",
      'reasons.defective.allowedResolutions':
        "Reason 'defective' allows 'exchange', which is turned off for the shop",
      'reasons.other.allowedResolutions':
        "Reason 'other' allows 'exchange', which is turned off for the shop",
      'greenReturn.maxItemValue': 'Keep-the-item returns need a value limit for at least one currency',
      blockedEmails: "Blocked email 'nope' is not an email address",
    })
  })
})

test('changed settings read as words in the history', () => {
  expect(describeChangedPath('window.days')).toBe('Return window (days)')
  expect(describeChangedPath('reasons.arrived_damaged.photoRequired')).toBe('Arrived damaged: photo required')
  expect(describeChangedPath('returnShippingFee.USD')).toBe('Return shipping fee (USD)')
  expect(describeChangedPath('autoApprove.maxValue.EUR')).toBe('Auto-approval limit (EUR)')
})

test('a policy saved before coupon validity was a setting shows a year in the form, and saves it', () => {
  const old = structuredClone(DEFAULT_RETURN_POLICY)
  delete old.resolutions.coupon.validDays
  expect(policyToFormValues(old)['resolutions.coupon.validDays']).toBe('365')
  const result = parsePolicyForm(form(() => {}, old))
  expect(result.ok && result.rules.resolutions.coupon.validDays).toBe(365)
})
