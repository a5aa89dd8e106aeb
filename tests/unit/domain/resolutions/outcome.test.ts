// The outcome rules for what a provider reports: a refund's path is pending → succeeded → failed (a card
// refund can fail after it succeeded), a charge's is pending → failed → succeeded (an attempt that
// failed can be followed by one that succeeds; a success is final). Statuses only move forward, so late
// or repeated news changes nothing; a live status behind ours is a difference for support.
import { describe, expect, test } from 'vitest'
import {
  chargeFailureSentence,
  paidAfterCaseEndedSentence,
  reconcile,
  statusChange,
  type IssuedRecord,
  type ProviderView,
} from '#app/domain/resolutions/outcome'

const ours = (kind: string, status: IssuedRecord['status']): IssuedRecord => ({
  kind,
  status,
  providerId: 'pi_1',
  amountMinor: 500,
  currency: 'EUR',
  code: null,
})
const theirs = (status: ProviderView['status'], change: Partial<ProviderView> = {}): ProviderView => ({
  providerId: 'pi_1',
  amountMinor: 500,
  currency: 'EUR',
  status,
  failureReason: null,
  code: null,
  ...change,
})

describe('statusChange', () => {
  test('a refund can fail after it succeeded; a late pending or success never undoes it', () => {
    expect(statusChange(ours('refund', 'pending'), 'succeeded')).toMatchObject({
      kind: 'advance',
      to: 'succeeded',
    })
    expect(statusChange(ours('refund', 'succeeded'), 'failed')).toMatchObject({
      kind: 'advance',
      to: 'failed',
    })
    expect(statusChange(ours('refund', 'failed'), 'succeeded')).toEqual({ kind: 'same' })
  })

  test('a charge that succeeded is final; a success after a failed attempt moves it on', () => {
    expect(statusChange(ours('charge', 'pending'), 'succeeded')).toMatchObject({
      kind: 'advance',
      to: 'succeeded',
    })
    expect(statusChange(ours('charge', 'pending'), 'failed')).toMatchObject({ kind: 'advance', to: 'failed' })
    expect(statusChange(ours('charge', 'pending'), 'canceled')).toMatchObject({
      kind: 'advance',
      to: 'failed',
    })
    expect(statusChange(ours('charge', 'succeeded'), 'failed')).toEqual({ kind: 'same' })
    expect(statusChange(ours('charge', 'succeeded'), 'pending')).toEqual({ kind: 'same' })
    expect(statusChange(ours('charge', 'failed'), 'succeeded')).toMatchObject({
      kind: 'advance',
      to: 'succeeded',
    })
    expect(statusChange({ ...ours('charge', 'pending'), providerId: null }, 'succeeded')).toEqual({
      kind: 'not_recorded',
    })
  })
})

describe('reconcile a charge', () => {
  test('an amount that differs is a difference, named in the charge’s words', () => {
    expect(
      reconcile(ours('charge', 'pending'), 'stripe', [theirs('succeeded', { amountMinor: 600 })]),
    ).toEqual({
      kind: 'mismatch',
      sentence: 'Stripe’s charge pi_1 is for €6.00; we recorded €5.00.',
    })
  })

  test('live: recorded succeeded while Stripe shows it failed is a difference; from an event it is old news', () => {
    expect(reconcile(ours('charge', 'succeeded'), 'stripe', [theirs('failed')])).toEqual({
      kind: 'mismatch',
      sentence: 'We recorded the charge as succeeded, but Stripe shows it failed.',
    })
    expect(reconcile(ours('charge', 'succeeded'), 'stripe', [theirs('failed')], { live: false })).toEqual({
      kind: 'match',
    })
  })
})

describe('chargeFailureSentence', () => {
  const money = { amountMinor: 500, currency: 'EUR' }
  test('Stripe’s own sentence when it gives one, else what the decline code means, else no reason', () => {
    expect(
      chargeFailureSentence('stripe', 'failed', {
        ...money,
        reason: 'insufficient_funds',
        message: 'Your card has insufficient funds.',
      }),
    ).toBe(
      'Stripe could not charge the buyer the price difference of €5.00: Stripe said: “Your card has insufficient funds.” The replacement is not sent; ask the buyer to pay another way, then send it by hand, or offer a refund instead.',
    )
    expect(chargeFailureSentence('stripe', 'failed', { ...money, reason: 'expired_card' })).toMatch(
      /: the buyer’s card has expired\. The replacement is not sent/,
    )
    expect(chargeFailureSentence('stripe', 'canceled', { ...money, reason: null })).toMatch(
      /^Stripe canceled the charge of the price difference \(€5\.00\): no reason was given\./,
    )
  })

  test('a canceled charge says why it was canceled, before an error left from an earlier attempt', () => {
    expect(
      chargeFailureSentence('stripe', 'canceled', {
        ...money,
        reason: 'expired',
        message: 'Your card was declined. This transaction requires authentication.',
      }),
    ).toBe(
      'Stripe canceled the charge of the price difference (€5.00): it expired before the buyer confirmed it with their bank. The replacement is not sent; ask the buyer to pay another way, then send it by hand, or offer a refund instead.',
    )
    // A reason we have no words for falls back to Stripe's sentence.
    expect(
      chargeFailureSentence('stripe', 'canceled', { ...money, reason: 'void_invoice', message: 'Declined.' }),
    ).toMatch(/\(€5\.00\): Stripe said: “Declined\.” The replacement/)
  })
})

describe('paidAfterCaseEndedSentence', () => {
  test('says who paid what for which case, that it ended, and that the money should go back', () => {
    expect(
      paidAfterCaseEndedSentence({
        provider: 'stripe',
        providerId: 'pi_123',
        amountMinor: 500,
        currency: 'EUR',
        caseNumber: 1001,
        caseState: 'closed',
      }),
    ).toBe(
      'The buyer paid €5.00 (Stripe payment pi_123) for case R-1001, which was closed, so the replacement will not be sent: the money should be refunded to the buyer.',
    )
  })
})
