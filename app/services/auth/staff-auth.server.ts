// Staff sign-in: scrypt passwords, a signed cookie session, and a limit on failed attempts per email and
// per client IP so passwords cannot be guessed at speed.
import { redirect } from '@remix-run/node'
import { db } from '#db/client'
import * as staff from '#db/queries/staff'
import { checkRateLimit, recordFailure, type LimitRule } from '#app/services/security/rate-limit.server'
import { resolveShop } from '#app/services/shops/resolve-shop.server'
import { decoyHash, verifyPassword } from './password.server'
import { commitSession, getSession, STAFF_SESSION_MAX_AGE_S } from './session.server'

export type StaffRole = 'admin' | 'agent'
export const LOGIN_LIMIT: LimitRule = { bucket: 'staff-login', limit: 10, windowMs: 15 * 60_000 }

export type LoginResult =
  | { ok: true; staffId: string; role: StaffRole; setCookie: string }
  | { ok: false; code: 'invalid_credentials'; message: string }
  | { ok: false; code: 'rate_limited'; message: string; retryAt: Date }

export async function loginStaff(input: {
  request: Request
  email: string
  password: string
  clientIp: string
  now: Date
}): Promise<LoginResult> {
  const shop = await resolveShop(input.request)
  const keys = [`ip:${input.clientIp}`, `email:${input.email}`]
  const limit = await checkRateLimit(LOGIN_LIMIT, { shopId: shop.id, keys, now: input.now })
  if (limit.limited) {
    return {
      ok: false,
      code: 'rate_limited',
      message: 'Too many failed sign-in attempts. Try again in a few minutes.',
      retryAt: limit.retryAt,
    }
  }
  const user = await staff.findStaffByEmail(db, shop.id, input.email)
  // NOTE: an unknown email still costs one scrypt, so response time does not reveal who has an account.
  const valid = await verifyPassword(input.password, user?.password_hash ?? (await decoyHash()))
  if (!user || !valid) {
    await recordFailure(LOGIN_LIMIT, { shopId: shop.id, keys, now: input.now })
    return {
      ok: false,
      code: 'invalid_credentials',
      message: 'That email and password do not match an account.',
    }
  }
  await staff.updateStaffLastLogin(db, shop.id, user.id, input.now)
  const session = await getSession(input.request)
  session.set('staffId', user.id)
  session.set('shopId', shop.id)
  session.set('staffExpires', input.now.getTime() + STAFF_SESSION_MAX_AGE_S * 1000)
  return { ok: true, staffId: user.id, role: user.role as StaffRole, setCookie: await commitSession(session) }
}

export async function logoutStaff(request: Request): Promise<string> {
  const session = await getSession(request)
  session.unset('staffId')
  session.unset('shopId')
  session.unset('staffExpires')
  return commitSession(session)
}

export interface StaffContext {
  shopId: string
  staffId: string
  role: StaffRole
  name: string
  email: string
  shopName: string
}

/**
 * A path on this site to return to after sign-in; anything else becomes null. Browsers drop tabs and
 * line breaks from URLs and treat `\\` like `/`, so `/\t/evil.example` would leave the site: such
 * characters are refused outright, and the result must resolve to our own origin.
 */
export function safeRedirect(to: string | null | undefined): string | null {
  if (!to || to.length > 500 || !to.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(to)) return null
  try {
    const base = 'http://homebound.invalid'
    const url = new URL(to, base)
    return url.origin === base ? url.pathname + url.search + url.hash : null
  } catch {
    return null
  }
}

/**
 * The signed-in staff member, or a redirect to the sign-in page. An admin may do everything an agent
 * may; an agent asking for an admin page gets 403.
 */
export async function requireStaff(request: Request, role: StaffRole): Promise<StaffContext> {
  const session = await getSession(request)
  const staffId = session.get('staffId') as string | undefined
  const shopId = session.get('shopId') as string | undefined
  const expires = session.get('staffExpires') as number | undefined
  const url = new URL(request.url)
  const toLogin = () => redirect(`/auth/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`)
  if (!staffId || !shopId || !expires || expires < Date.now()) throw toLogin()
  const user = await staff.findStaffById(db, shopId, staffId)
  if (!user) throw toLogin()
  if (role === 'admin' && user.role !== 'admin') {
    throw new Response('This page is for shop admins. Ask an admin to change your role if you need it.', {
      status: 403,
    })
  }
  return {
    shopId,
    staffId,
    role: user.role as StaffRole,
    name: user.name,
    email: user.email,
    shopName: user.shop_name,
  }
}
