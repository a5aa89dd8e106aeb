import { expect, test } from 'vitest'
import { DEFAULT_RETURN_POLICY } from '#app/domain/policy/policy'
import { diffPolicies } from '#app/domain/policy/policy-diff'

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T

test('an unchanged policy has no differences', () => {
  expect(diffPolicies(DEFAULT_RETURN_POLICY, clone(DEFAULT_RETURN_POLICY))).toEqual([])
})

test('each changed setting is named by its path, lists as a whole', () => {
  const after = clone(DEFAULT_RETURN_POLICY)
  after.window.days = 45
  after.reasons.defective.allowedResolutions = ['refund']
  after.blockedEmails = [...after.blockedEmails, 'fraud@example.com']
  expect(diffPolicies(DEFAULT_RETURN_POLICY, after)).toEqual([
    'blockedEmails',
    'reasons.defective.allowedResolutions',
    'window.days',
  ])
})

test('a currency added to a fee map is a change of that currency', () => {
  const after = clone(DEFAULT_RETURN_POLICY)
  after.returnShippingFee = { ...after.returnShippingFee, SEK: 5900 }
  expect(diffPolicies(DEFAULT_RETURN_POLICY, after)).toEqual(['returnShippingFee.SEK'])
})
