import { beforeEach, describe, expect, test } from 'vitest'
import { action as loginAction, loader as loginLoader } from '#app/routes/auth.login'
import { action as logoutAction } from '#app/routes/auth.logout'
import { LOGIN_LIMIT, loginStaff, requireStaff } from '#app/services/auth/staff-auth.server'
import { clearShopCache } from '#app/services/shops/resolve-shop.server'
import { db } from '#db/client'
import { createShop, createStaff, type TestShop } from '#tests/factories'
import { callAction, callLoader, cookieFrom, formRequest, getRequest, shopUrl } from '#tests/helpers/requests'

interface LoginBody {
  formError?: string
  fieldErrors?: { email?: string; password?: string }
}

let shop: TestShop
let admin: Awaited<ReturnType<typeof createStaff>>
let agent: Awaited<ReturnType<typeof createStaff>>

beforeEach(async () => {
  clearShopCache()
  shop = await createShop()
  admin = await createStaff({
    shopId: shop.id,
    role: 'admin',
    email: 'morgan@shop.example',
    password: 'admin-password-1',
  })
  agent = await createStaff({
    shopId: shop.id,
    role: 'agent',
    email: 'sam@shop.example',
    password: 'agent-password-1',
  })
})

function login(fields: Record<string, string>, options: { ip?: string; host?: TestShop } = {}) {
  return callAction(
    loginAction,
    formRequest(shopUrl(options.host ?? shop, '/auth/login'), fields, { ip: options.ip }),
  )
}

/** What requireStaff answers for `path` with this cookie: the staff member, or the Response it threw. */
async function guard(path: string, role: 'admin' | 'agent', cookie: string | null) {
  try {
    return await requireStaff(getRequest(shopUrl(shop, path), { cookie }), role)
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}

describe('signing in', () => {
  test('an admin lands on the admin overview, signed in', async () => {
    const response = await login({ email: admin.email, password: admin.password })

    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/admin')
    const staff = await guard('/admin', 'admin', cookieFrom(response))
    expect(staff).toMatchObject({ staffId: admin.id, shopId: shop.id, role: 'admin', email: admin.email })
    const row = await db
      .selectFrom('staff_users')
      .select('last_login_at')
      .where('id', '=', admin.id)
      .executeTakeFirstOrThrow()
    expect(row.last_login_at).not.toBeNull()
  })

  test('an agent lands on the support queue', async () => {
    const response = await login({ email: agent.email, password: agent.password })
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/support')
    expect(await guard('/support', 'agent', cookieFrom(response))).toMatchObject({
      staffId: agent.id,
      role: 'agent',
    })
  })

  test('the email is matched whatever its case and surrounding spaces', async () => {
    const response = await login({ email: '  MORGAN@Shop.Example ', password: admin.password })
    expect(response.status).toBe(302)
  })

  test('a safe redirectTo is followed after sign-in', async () => {
    const response = await login({
      email: agent.email,
      password: agent.password,
      redirectTo: '/support?level=stalled',
    })
    expect(response.headers.get('Location')).toBe('/support?level=stalled')
  })

  test.each([
    '//evil.example',
    '//evil.example/admin',
    '/\\evil.example',
    'https://evil.example/admin',
    'javascript:alert(1)',
  ])('redirectTo=%j is ignored', async (redirectTo) => {
    const response = await login({ email: admin.email, password: admin.password, redirectTo })
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/admin')
  })

  test('a redirectTo a browser would read as another host is ignored, however it is disguised', async () => {
    // Browsers drop tabs inside URLs (WHATWG URL parser), so "/<tab>/evil.example" is "//evil.example".
    for (const redirectTo of ['/\t/evil.example', '/\t\\evil.example']) {
      const response = await login({ email: admin.email, password: admin.password, redirectTo })
      const location = response.headers.get('Location') ?? ''
      expect(new URL(location, shopUrl(shop, '/')).host, `Location for ${JSON.stringify(redirectTo)}`).toBe(
        shop.portalHost,
      )
    }
  })

  test('a redirectTo with a line break is ignored rather than breaking the sign-in', async () => {
    for (const redirectTo of ['/\n/evil.example', '/admin\r\nSet-Cookie: x=1']) {
      const response = await login({ email: admin.email, password: admin.password, redirectTo })
      expect(response.status, `status for ${JSON.stringify(redirectTo)}`).toBe(302)
      expect(response.headers.get('Location')).toBe('/admin')
    }
  })

  test('the sign-in page only carries a safe redirectTo into its form', async () => {
    const safe = await callLoader(
      loginLoader,
      getRequest(shopUrl(shop, '/auth/login?redirectTo=%2Fadmin%3Ftab%3D1')),
    )
    expect(await safe.json()).toEqual({ redirectTo: '/admin?tab=1' })
    const evil = await callLoader(
      loginLoader,
      getRequest(shopUrl(shop, '/auth/login?redirectTo=%2F%2Fevil.example')),
    )
    expect(await evil.json()).toEqual({ redirectTo: '' })
  })
})

describe('failing to sign in', () => {
  test('a wrong password and an unknown email get the same 401 answer', async () => {
    const wrongPassword = await login({ email: admin.email, password: 'not-the-password' })
    const unknownEmail = await login({ email: 'nobody@shop.example', password: 'not-the-password' })

    expect(wrongPassword.status).toBe(401)
    expect(unknownEmail.status).toBe(401)
    const a = (await wrongPassword.json()) as LoginBody & { email?: string }
    const b = (await unknownEmail.json()) as LoginBody & { email?: string }
    expect(a.formError).toBeTruthy()
    expect(a.formError).toBe(b.formError)
    expect(wrongPassword.headers.get('Set-Cookie')).toBeNull()
  })

  test("another shop's staff cannot sign in on this shop's host", async () => {
    const other = await createShop()
    const stranger = await createStaff({ shopId: other.id, role: 'admin' })
    expect((await login({ email: stranger.email, password: stranger.password })).status).toBe(401)
    expect(
      (await login({ email: stranger.email, password: stranger.password }, { host: other })).status,
    ).toBe(302)
  })

  test.each([
    ['a missing email', { password: 'x' }],
    ['an invalid email', { email: 'morgan', password: 'x' }],
    ['a missing password', { email: 'morgan@shop.example' }],
    ['an over-long password', { email: 'morgan@shop.example', password: 'x'.repeat(10_000) }],
    ['an unknown field', { email: 'morgan@shop.example', password: 'admin-password-1', role: 'admin' }],
  ])('%s gets 400 and is not counted as a failed attempt', async (_name, fields) => {
    const response = await login(fields)
    expect(response.status).toBe(400)
    const hits = await db.selectFrom('rate_limit_hits').select('id').execute()
    expect(hits).toHaveLength(0)
  })

  test('after 10 failed sign-ins from one IP the next attempt is refused, even with the right password', async () => {
    for (let i = 0; i < LOGIN_LIMIT.limit; i++) {
      expect(
        (await login({ email: `guess${i}@shop.example`, password: 'wrong' }, { ip: '198.51.100.20' })).status,
      ).toBe(401)
    }
    const refused = await login({ email: admin.email, password: admin.password }, { ip: '198.51.100.20' })
    expect(refused.status).toBe(429)
    expect(refused.headers.get('Set-Cookie')).toBeNull()
    // Someone else, elsewhere, can still sign in.
    expect(
      (await login({ email: agent.email, password: agent.password }, { ip: '198.51.100.21' })).status,
    ).toBe(302)
  })

  test('after 10 failed sign-ins for one email from different IPs that account is locked', async () => {
    for (let i = 0; i < LOGIN_LIMIT.limit; i++) {
      await login({ email: admin.email, password: `wrong-${i}` }, { ip: `192.0.2.${i + 1}` })
    }
    expect(
      (await login({ email: admin.email, password: admin.password }, { ip: '192.0.2.100' })).status,
    ).toBe(429)
    expect((await login({ email: agent.email, password: agent.password }, { ip: '192.0.2.1' })).status).toBe(
      302,
    )
  })
})

describe('guarding staff pages', () => {
  test('an anonymous visitor is sent to sign in, and brought back afterwards', async () => {
    const response = await guard('/admin/policy?tab=returns', 'admin', null)
    expect(response).toBeInstanceOf(Response)
    const location = (response as Response).headers.get('Location')
    expect(location).toBe('/auth/login?redirectTo=%2Fadmin%2Fpolicy%3Ftab%3Dreturns')

    const signIn = await callLoader(loginLoader, getRequest(shopUrl(shop, location!)))
    const { redirectTo } = (await signIn.json()) as { redirectTo: string }
    const back = await login({ email: admin.email, password: admin.password, redirectTo })
    expect(back.headers.get('Location')).toBe('/admin/policy?tab=returns')
  })

  test('an agent gets 403 on an admin page; an admin may open agent pages', async () => {
    const agentCookie = cookieFrom(await login({ email: agent.email, password: agent.password }))
    const adminCookie = cookieFrom(await login({ email: admin.email, password: admin.password }))

    const refused = await guard('/admin', 'admin', agentCookie)
    expect(refused).toBeInstanceOf(Response)
    expect((refused as Response).status).toBe(403)
    expect(await guard('/support', 'agent', adminCookie)).toMatchObject({ staffId: admin.id })
  })

  test('a forged cookie is treated as no session', async () => {
    const cookie = cookieFrom(await login({ email: admin.email, password: admin.password }))
    const forged = cookie.replace(/=([^.;]*)/, (_m, v: string) => `=${v.slice(0, -2)}AA`)
    const response = await guard('/admin', 'admin', forged)
    expect((response as Response).status).toBe(302)
  })

  test('a session older than its lifetime asks to sign in again', async () => {
    const signedIn = await loginStaff({
      request: getRequest(shopUrl(shop, '/auth/login')),
      email: admin.email,
      password: admin.password,
      clientIp: '203.0.113.5',
      now: new Date(Date.now() - 13 * 3_600_000),
    })
    expect(signedIn.ok).toBe(true)
    const cookie = signedIn.ok ? signedIn.setCookie.split(';')[0]! : null
    const response = await guard('/admin', 'admin', cookie)
    expect((response as Response).headers.get('Location')).toMatch(/^\/auth\/login\?redirectTo=/)
  })

  test('a staff member removed from the shop loses access at once', async () => {
    const cookie = cookieFrom(await login({ email: agent.email, password: agent.password }))
    await db.deleteFrom('staff_users').where('id', '=', agent.id).execute()
    expect((await guard('/support', 'agent', cookie)) as Response).toMatchObject({ status: 302 })
  })

  test('signing out ends the session', async () => {
    const cookie = cookieFrom(await login({ email: admin.email, password: admin.password }))
    expect(await guard('/admin', 'admin', cookie)).toMatchObject({ staffId: admin.id })

    const out = await callAction(logoutAction, formRequest(shopUrl(shop, '/auth/logout'), {}, { cookie }))
    expect(out.status).toBe(302)
    expect(out.headers.get('Location')).toBe('/auth/login')

    const response = await guard('/admin', 'admin', cookieFrom(out, cookie))
    expect((response as Response).status).toBe(302)
    expect((response as Response).headers.get('Location')).toMatch(/^\/auth\/login/)
  })
})
