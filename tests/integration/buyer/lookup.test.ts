import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { beforeEach, describe, expect, test } from 'vitest'
import { RateLimitedPage } from '#app/components/rate-limited'
import type { Locale } from '#app/i18n/locales'
import { action, loader } from '#app/routes/track._index'
import { verifyBuyerToken } from '#app/services/buyer/access-token.server'
import { LOOKUP_LIMIT, lookupOrder } from '#app/services/buyer/lookup-order.server'
import { clearShopCache } from '#app/services/shops/resolve-shop.server'
import { db } from '#db/client'
import { createOrder, createShop, type TestShop } from '#tests/factories'
import { callAction, callLoader, cookieFrom, formRequest, getRequest, shopUrl } from '#tests/helpers/requests'

interface LookupBody {
  formError?: string
  fieldErrors?: Record<string, string>
  values?: Record<string, string>
  rateLimitedUntil?: string
  rateLimitedAt?: string
  timeZone?: string
}

let shop: TestShop

beforeEach(async () => {
  clearShopCache()
  shop = await createShop()
  await createOrder({ shopId: shop.id, number: 1001, email: 'ava@example.com', postalCode: '97205' })
  await createOrder({ shopId: shop.id, number: 1002, email: 'ben@example.com', postalCode: '00-950' })
})

function lookup(
  fields: Record<string, string>,
  options: { ip?: string; host?: TestShop; lang?: Locale; cookie?: string } = {},
) {
  const path = options.lang ? `/track?index&lang=${options.lang}` : '/track?index'
  return callAction(
    action,
    formRequest(shopUrl(options.host ?? shop, path), fields, { ip: options.ip, cookie: options.cookie }),
  )
}

async function countHits() {
  const row = await db
    .selectFrom('rate_limit_hits')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** The order id a successful lookup granted access to, read back from the redirect's token. */
function grantedOrderId(response: Response) {
  const location = response.headers.get('Location') ?? ''
  const token = decodeURIComponent(location.replace(/^\/track\//, ''))
  const check = verifyBuyerToken(token, new Date())
  return check.ok ? { shopId: check.access.shopId, orderId: check.access.orderId } : null
}

async function orderId(number: number, shopId = shop.id) {
  const row = await db
    .selectFrom('orders')
    .select('id')
    .where('shop_id', '=', shopId)
    .where('number', '=', number)
    .executeTakeFirstOrThrow()
  return row.id
}

describe('finding an order', () => {
  test('the right number and email open the order page and remember the order in the session', async () => {
    const response = await lookup({ orderNumber: '1001', email: 'ava@example.com' })

    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toMatch(/^\/track\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/)
    expect(grantedOrderId(response)).toEqual({ shopId: shop.id, orderId: await orderId(1001) })
    expect(response.headers.get('Set-Cookie')).toMatch(/^__homebound=/)

    const page = await callLoader(
      loader,
      getRequest(shopUrl(shop, '/track'), { cookie: cookieFrom(response) }),
    )
    const data = (await page.json()) as { current: { token: string; order: string } | null }
    expect(data.current?.order).toBe('#1001')
    expect(`/track/${data.current?.token}`).toBe(response.headers.get('Location'))
  })

  test.each(['#1002', '1002', ' # 1002 ', '01002'])(
    'the order number %j finds order #1002',
    async (orderNumber) => {
      const response = await lookup({ orderNumber, email: 'ben@example.com' })
      expect(response.status).toBe(302)
      expect(grantedOrderId(response)?.orderId).toBe(await orderId(1002))
    },
  )

  test('the email matches whatever its case and surrounding spaces', async () => {
    const response = await lookup({ orderNumber: '1001', email: '  AVA@Example.COM ' })
    expect(response.status).toBe(302)
    expect(grantedOrderId(response)?.orderId).toBe(await orderId(1001))
  })

  test.each(['00950', '00-950', ' 00 950 '])(
    'the postal code %j finds the order stored with 00-950',
    async (postalCode) => {
      const response = await lookup({ orderNumber: '#1002', postalCode })
      expect(response.status).toBe(302)
      expect(grantedOrderId(response)?.orderId).toBe(await orderId(1002))
    },
  )

  test('letters in a postal code match whatever their case', async () => {
    await createOrder({ shopId: shop.id, number: 1003, email: 'cara@example.com', postalCode: 'SW1A 1AA' })
    const response = await lookup({ orderNumber: '1003', postalCode: 'sw1a1aa' })
    expect(response.status).toBe(302)
  })

  test('when both email and postal code are given, both must match', async () => {
    const response = await lookup({ orderNumber: '1002', email: 'ben@example.com', postalCode: '11-111' })
    expect(response.status).toBe(422)
  })

  test('an empty postal code beside a correct email counts as not given', async () => {
    const response = await lookup({ orderNumber: '1001', email: 'ava@example.com', postalCode: '   ' })
    expect(response.status).toBe(302)
  })
})

describe('not finding an order', () => {
  test('a wrong email and an unknown order number get the same answer', async () => {
    const wrongEmail = await lookup({ orderNumber: '1001', email: 'mallory@example.com' })
    const unknownOrder = await lookup({ orderNumber: '1999', email: 'mallory@example.com' })

    expect(wrongEmail.status).toBe(422)
    expect(unknownOrder.status).toBe(422)
    const a = (await wrongEmail.json()) as LookupBody
    const b = (await unknownOrder.json()) as LookupBody
    expect(a.formError).toBe('lookup.error.notFound')
    // Only the echo of what the buyer typed may differ; nothing hints whether #1001 exists.
    expect({ ...a, values: { ...a.values, orderNumber: null } }).toEqual({
      ...b,
      values: { ...b.values, orderNumber: null },
    })
    expect(wrongEmail.headers.get('Set-Cookie')).toBeNull()
  })

  test('a wrong postal code is not found', async () => {
    const response = await lookup({ orderNumber: '1002', postalCode: '00-951' })
    expect(response.status).toBe(422)
    expect(((await response.json()) as LookupBody).formError).toBe('lookup.error.notFound')
  })

  test("another shop's order is never found, even with its own email", async () => {
    const other = await createShop()
    await createOrder({ shopId: other.id, number: 1001, email: 'zoe@other.example' })
    await createOrder({ shopId: other.id, number: 5005, email: 'zoe@other.example' })

    expect((await lookup({ orderNumber: '1001', email: 'zoe@other.example' })).status).toBe(422)
    expect((await lookup({ orderNumber: '5005', email: 'zoe@other.example' })).status).toBe(422)
    // The same details on the other shop's own host do work, and grant access to that shop's order only.
    const there = await lookup({ orderNumber: '1001', email: 'zoe@other.example' }, { host: other })
    expect(there.status).toBe(302)
    expect(grantedOrderId(there)).toEqual({ shopId: other.id, orderId: await orderId(1001, other.id) })
  })
})

describe('malformed input', () => {
  test.each([
    ['no order number', { email: 'ava@example.com' }, { orderNumber: 'lookup.error.orderNumberRequired' }],
    [
      'a blank order number',
      { orderNumber: '   ', email: 'ava@example.com' },
      { orderNumber: 'lookup.error.orderNumberRequired' },
    ],
    [
      'letters in the order number',
      { orderNumber: 'abc', email: 'ava@example.com' },
      { orderNumber: 'lookup.error.orderNumberFormat' },
    ],
    [
      'order number zero',
      { orderNumber: '#0', email: 'ava@example.com' },
      { orderNumber: 'lookup.error.orderNumberFormat' },
    ],
    [
      'a negative order number',
      { orderNumber: '-1001', email: 'ava@example.com' },
      { orderNumber: 'lookup.error.orderNumberFormat' },
    ],
    [
      'a ten-digit order number',
      { orderNumber: '1234567890', email: 'ava@example.com' },
      { orderNumber: 'lookup.error.orderNumberFormat' },
    ],
    [
      'an invalid email',
      { orderNumber: '1001', email: 'ava-at-example.com' },
      { email: 'lookup.error.emailFormat' },
    ],
    ['neither email nor postal code', { orderNumber: '1001' }, { email: 'lookup.error.contactRequired' }],
    [
      'blank email and postal code',
      { orderNumber: '1001', email: ' ', postalCode: '' },
      { email: 'lookup.error.contactRequired' },
    ],
    [
      'a postal code with symbols',
      { orderNumber: '1002', postalCode: '00*950' },
      { postalCode: 'lookup.error.postalCodeFormat' },
    ],
    [
      'a one-character postal code',
      { orderNumber: '1002', postalCode: '9' },
      { postalCode: 'lookup.error.postalCodeFormat' },
    ],
  ])('%s gets 400 with the field error', async (_name, fields, fieldErrors) => {
    const response = await lookup(fields)
    expect(response.status).toBe(400)
    expect(((await response.json()) as LookupBody).fieldErrors).toEqual(fieldErrors)
  })

  test.each([
    ['order number', { orderNumber: '1'.repeat(10_000), email: 'ava@example.com' }, 'orderNumber'],
    ['email', { orderNumber: '1001', email: `${'a'.repeat(100_000)}@example.com` }, 'email'],
    ['postal code', { orderNumber: '1002', postalCode: '9'.repeat(50_000) }, 'postalCode'],
  ])(
    'an over-long %s gets 400, not a server error, and is not echoed back in full',
    async (_name, fields, field) => {
      const response = await lookup(fields)
      expect(response.status).toBe(400)
      const body = (await response.json()) as LookupBody
      expect(body.fieldErrors?.[field]).toMatch(/^lookup\.error\./)
      expect(body.values?.[field]?.length).toBeLessThanOrEqual(254)
    },
  )

  test('an over-long language field gets 400', async () => {
    const response = await lookup({ orderNumber: '1001', email: 'ava@example.com', lang: 'x'.repeat(5000) })
    expect(response.status).toBe(400)
  })

  test('a field the form does not have gets 400 and is not looked at', async () => {
    const response = await lookup({ orderNumber: '1001', email: 'ava@example.com', shopId: 'another-shop' })
    expect(response.status).toBe(400)
    expect(((await response.json()) as LookupBody).formError).toBe('lookup.error.unexpectedField')
  })

  test('a file upload instead of text gets 400', async () => {
    const form = new FormData()
    form.set('orderNumber', new Blob(['1001']), 'order.txt')
    form.set('email', 'ava@example.com')
    const request = new Request(shopUrl(shop, '/track?index'), { method: 'POST', body: form })
    const response = await callAction(action, request)
    expect(response.status).toBe(400)
  })

  test('validation errors write nothing and never count towards the lockout', async () => {
    for (let i = 0; i < LOOKUP_LIMIT.limit + 2; i++) {
      expect((await lookup({ orderNumber: 'not-a-number', email: 'ava@example.com' })).status).toBe(400)
    }
    expect(await countHits()).toBe(0)
    expect((await lookup({ orderNumber: '1001', email: 'ava@example.com' })).status).toBe(302)
  })
})

describe('guessing is limited', () => {
  test('after 10 failures from one IP, the 11th attempt is refused even with the right details', async () => {
    const ip = '198.51.100.7'
    for (let i = 0; i < LOOKUP_LIMIT.limit; i++) {
      // Different unknown orders each time, so only the IP reaches the limit.
      expect((await lookup({ orderNumber: String(2001 + i), email: 'ava@example.com' }, { ip })).status).toBe(
        422,
      )
    }
    const before = Date.now()
    const refused = await lookup({ orderNumber: '1001', email: 'ava@example.com' }, { ip })

    expect(refused.status).toBe(429)
    const retryAfter = Number(refused.headers.get('Retry-After'))
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(LOOKUP_LIMIT.windowMs / 1000)
    const body = (await refused.json()) as LookupBody
    expect(new Date(body.rateLimitedUntil!).getTime()).toBeGreaterThan(before)
    expect(refused.headers.get('Set-Cookie')).toBeNull()

    // Another client is not affected.
    expect(
      (await lookup({ orderNumber: '1001', email: 'ava@example.com' }, { ip: '198.51.100.8' })).status,
    ).toBe(302)
  })

  // What Remix renders after the 429: the route's page with the loader's language and shop and the action's
  // data. The buyer's time zone is unknown unless their browser left it in a cookie, so the page says
  // "in N minutes" (true everywhere) and names the zone of the clock time it adds.
  async function refusedPage(lang: Locale, cookie?: string) {
    const ip = '198.51.100.9'
    for (let i = 0; i < LOOKUP_LIMIT.limit; i++) {
      await lookup({ orderNumber: String(3001 + i), email: 'ava@example.com' }, { ip })
    }
    const refused = await lookup({ orderNumber: '1001', email: 'ava@example.com' }, { ip, lang, cookie })
    expect(refused.status).toBe(429)
    const body = (await refused.json()) as Required<
      Pick<LookupBody, 'rateLimitedUntil' | 'rateLimitedAt' | 'timeZone'>
    >
    const page = (await (
      await callLoader(loader, getRequest(shopUrl(shop, `/track?lang=${lang}`), { cookie }))
    ).json()) as { locale: Locale; shopName: string; brandColor: string }
    expect(page.locale).toBe(lang)
    const html = renderToStaticMarkup(
      createElement(RateLimitedPage, {
        locale: page.locale,
        shopName: page.shopName,
        brandColor: page.brandColor,
        until: body.rateLimitedUntil,
        now: body.rateLimitedAt,
        timeZone: body.timeZone,
      }),
    )
    const minutes = Math.ceil(
      (new Date(body.rateLimitedUntil).getTime() - new Date(body.rateLimitedAt).getTime()) / 60_000,
    )
    const clock = (timeZone: string) =>
      new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit', timeZone }).format(
        new Date(body.rateLimitedUntil),
      )
    return { html, body, minutes, clock }
  }

  test.each<[Locale, (minutes: number) => string, string]>([
    ['en', (m) => `Please try again in ${m} minutes (after`, 'Too many attempts'],
    ['ru', (m) => `Попробуйте снова через ${m} минут (после`, 'Слишком много попыток'],
    ['pl', (m) => `Spróbuj ponownie za ${m} minut (po`, 'Zbyt wiele prób'],
  ])(
    'the %s 429 page says how long to wait and names the zone of the clock time (UTC when unknown)',
    async (lang, sentence, heading) => {
      const { html, body, minutes, clock } = await refusedPage(lang)
      expect(body.timeZone).toBe('UTC')
      // The whole 15-minute window is left, give or take the time the failures took.
      expect(minutes).toBeGreaterThanOrEqual(14)
      expect(minutes).toBeLessThanOrEqual(15)
      expect(html).toContain('data-testid="rate-limited"')
      expect(html).toContain(heading)
      expect(html).toContain(`${sentence(minutes)} ${clock('UTC')} UTC).`)
      expect(html).toContain(`lang="${lang}"`)
    },
  )

  test('with the buyer’s zone from their browser’s cookie, the clock time is in that zone and says so', async () => {
    const { html, body, minutes, clock } = await refusedPage('en', 'hb_tz=Asia%2FTokyo')
    expect(body.timeZone).toBe('Asia/Tokyo')
    expect(html).toContain(`Please try again in ${minutes} minutes (after ${clock('Asia/Tokyo')} GMT+9).`)
  })

  test('a junk zone cookie falls back to UTC, named', async () => {
    const { html, body, clock } = await refusedPage('pl', 'hb_tz=Mars%2FOlympus')
    expect(body.timeZone).toBe('UTC')
    expect(html).toContain(`(po ${clock('UTC')} UTC).`)
  })

  test('after 10 failures on one order number from different IPs, that order is locked but others are not', async () => {
    for (let i = 1; i <= LOOKUP_LIMIT.limit; i++) {
      const response = await lookup(
        { orderNumber: '1001', email: `guess${i}@example.com` },
        { ip: `192.0.2.${i}` },
      )
      expect(response.status).toBe(422)
    }

    const locked = await lookup({ orderNumber: '#1001', email: 'ava@example.com' }, { ip: '192.0.2.200' })
    expect(locked.status).toBe(429)
    expect(locked.headers.get('Retry-After')).toMatch(/^\d+$/)

    const otherOrder = await lookup({ orderNumber: '1002', email: 'ben@example.com' }, { ip: '192.0.2.1' })
    expect(otherOrder.status).toBe(302)
  })

  test('nine failures still leave the tenth attempt open', async () => {
    for (let i = 0; i < LOOKUP_LIMIT.limit - 1; i++) {
      await lookup({ orderNumber: '1001', email: 'mallory@example.com' })
    }
    expect((await lookup({ orderNumber: '1001', email: 'ava@example.com' })).status).toBe(302)
  })

  test('failures on one shop do not lock the same order number on another shop', async () => {
    const other = await createShop()
    await createOrder({ shopId: other.id, number: 1001, email: 'zoe@other.example' })
    for (let i = 0; i < LOOKUP_LIMIT.limit; i++) {
      await lookup({ orderNumber: '1001', email: 'mallory@example.com' }, { ip: `192.0.2.${i + 1}` })
    }
    expect((await lookup({ orderNumber: '1001', email: 'zoe@other.example' }, { host: other })).status).toBe(
      302,
    )
  })

  test('a lock frees up once the first counted failure is older than the window', async () => {
    const t0 = new Date('2026-03-04T12:00:00Z')
    const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000)
    const attempt = (now: Date, email: string) =>
      lookupOrder({ shopId: shop.id, clientIp: '198.51.100.9', orderNumber: 1001, email, now })

    for (let i = 0; i < LOOKUP_LIMIT.limit; i++) await attempt(at(i), 'mallory@example.com')

    const refused = await attempt(at(14), 'ava@example.com')
    expect(refused).toEqual({ ok: false, code: 'rate_limited', retryAt: at(15) })
    // One counted failure has left the window: one more try is allowed.
    expect((await attempt(at(15.5), 'ava@example.com')).ok).toBe(true)
  })
})
