// The one MSW server for all provider fakes. Provider handlers are added here as adapters arrive
// (Shopify Admin, Stripe, EasyPost); anything unhandled fails the test.
import { setupServer } from 'msw/node'
import { easypostHandlers, fakeEasypost } from './easypost'
import { fakeStripe, stripeHandlers } from './stripe'

export const server = setupServer(...easypostHandlers, ...stripeHandlers)

const resetters: Array<() => void> = [() => fakeEasypost.reset(), () => fakeStripe.reset()]
export function onResetFakeState(fn: () => void) {
  resetters.push(fn)
}
export function resetFakeState() {
  for (const fn of resetters) fn()
}
