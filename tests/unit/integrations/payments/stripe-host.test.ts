// STRIPE_API_BASE becomes the SDK's host, port and protocol options; coupon codes follow from the key.
import { expect, test } from 'vitest'
import { couponCodeFor } from '#integrations/payments/payments'
import { stripeHostOptions } from '#integrations/payments/stripe'

test('an API base is split into host, port and protocol, with the default port of its scheme', () => {
  expect(stripeHostOptions(undefined)).toEqual({})
  expect(stripeHostOptions('http://localhost:12111')).toEqual({
    host: 'localhost',
    port: 12111,
    protocol: 'http',
  })
  expect(stripeHostOptions('https://api.stripe.com')).toEqual({
    host: 'api.stripe.com',
    port: 443,
    protocol: 'https',
  })
  expect(stripeHostOptions('http://stripe-mock/')).toEqual({
    host: 'stripe-mock',
    port: 80,
    protocol: 'http',
  })
})

test('a coupon code is the same for the same key, and reads unambiguously', () => {
  expect(couponCodeFor('case:1:coupon')).toBe(couponCodeFor('case:1:coupon'))
  expect(couponCodeFor('case:1:coupon')).not.toBe(couponCodeFor('case:2:coupon'))
  expect(couponCodeFor('case:1:coupon')).toMatch(/^SORRY-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/)
})
