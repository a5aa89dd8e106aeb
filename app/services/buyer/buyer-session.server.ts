// What the buyer's session remembers: the order they last opened (its access token), and a one-time
// message for the lookup page (e.g. "that link expired").
import { formatOrderNumber } from '#app/domain/orders/order-number'
import { commitSession, getSession } from '#app/services/auth/session.server'
import { verifyBuyerToken } from './access-token.server'

export type BuyerFlash = 'badToken'

export async function rememberBuyerOrder(request: Request, token: string, orderNumber: number) {
  const session = await getSession(request)
  session.set('buyerToken', token)
  session.set('buyerOrder', formatOrderNumber(orderNumber))
  return commitSession(session)
}

/** The order the buyer can return to (if its token is still valid) and any flash message. */
export async function readBuyerSession(request: Request, now: Date) {
  const session = await getSession(request)
  const flash = session.get('buyerFlash') as BuyerFlash | undefined
  const token = session.get('buyerToken') as string | undefined
  const order = session.get('buyerOrder') as string | undefined
  const current = token && order && verifyBuyerToken(token, now).ok ? { token, order } : null
  return { flash: flash ?? null, current, setCookie: flash ? await commitSession(session) : null }
}

export async function flashBuyer(request: Request, flash: BuyerFlash) {
  const session = await getSession(request)
  session.flash('buyerFlash', flash)
  session.unset('buyerToken')
  session.unset('buyerOrder')
  return commitSession(session)
}
