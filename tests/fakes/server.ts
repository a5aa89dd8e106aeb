// The one MSW server for all provider fakes. Provider handlers are added here as adapters arrive
// (Shopify Admin, Stripe, EasyPost); anything unhandled fails the test.
import { setupServer } from 'msw/node'
import { easypostHandlers, fakeEasypost } from './easypost'

export const server = setupServer(...easypostHandlers)

const resetters: Array<() => void> = [() => fakeEasypost.reset()]
export function onResetFakeState(fn: () => void) {
  resetters.push(fn)
}
export function resetFakeState() {
  for (const fn of resetters) fn()
}
