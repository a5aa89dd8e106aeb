import { beforeEach, expect, test } from 'vitest'
import { loader as emailsLoader } from '#app/routes/admin.emails'
import { loader as messageLoader } from '#app/routes/admin.outbox.$id'
import { loader as outboxLoader } from '#app/routes/admin.outbox._index'
import { action as loginAction } from '#app/routes/auth.login'
import { action as prefsAction, loader as prefsLoader } from '#app/routes/track.preferences.$token'
import { createPreferencesToken } from '#app/services/buyer/preferences-token.server'
import { deliverOutbox } from '#app/services/mail/deliver-outbox.server'
import { clearShopCache } from '#app/services/shops/resolve-shop.server'
import { db } from '#db/client'
import { findBuyerPreferences } from '#db/queries/buyer-preferences'
import { insertNotification } from '#db/queries/notifications'
import { createMailer } from '#emails/mailer'
import { createOrder, createShipment, createShop, createStaff, type TestShop } from '#tests/factories'
import { callAction, callLoader, cookieFrom, formRequest, getRequest, shopUrl } from '#tests/helpers/requests'

let shop: TestShop
let adminCookie: string

beforeEach(async () => {
  clearShopCache()
  shop = await createShop()
  const staff = await createStaff({ shopId: shop.id, role: 'admin' })
  const response = await callAction(
    loginAction,
    formRequest(shopUrl(shop, '/auth/login'), { email: staff.email, password: staff.password }),
  )
  adminCookie = cookieFrom(response)
})

async function capturedDelivery(count: number) {
  const order = await createOrder({ shopId: shop.id, email: 'ava@example.com' })
  const shipment = await createShipment({ shopId: shop.id, orderId: order.id })
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < count; i++) {
      await insertNotification(trx, {
        shopId: shop.id,
        template: 'shipped',
        toEmail: order.email,
        locale: 'en',
        caseId: null,
        payload: { shipmentId: shipment.id },
        dedupeKey: `shipped:${i}`,
      })
    }
  })
  await deliverOutbox({ now: new Date(), mailer: createMailer({ smtpUrl: undefined }) })
}

test('the outbox lists captured messages newest first with their status, and opens one as the buyer sees it', async () => {
  await capturedDelivery(2)
  const response = await callLoader(
    outboxLoader,
    getRequest(shopUrl(shop, '/admin/outbox?status=sent'), { cookie: adminCookie }),
  )
  expect(response.status).toBe(200)
  const data = await response.json()
  expect(data.outbox).toMatchObject({ total: 2, page: 1, pages: 1 })
  expect(data.outbox.messages[0]).toMatchObject({
    to: 'ava@example.com',
    template: 'shipped',
    status: 'sent',
    attempts: 1,
  })

  const id = data.outbox.messages[0].id
  const one = await callLoader(
    messageLoader,
    getRequest(shopUrl(shop, `/admin/outbox/${id}`), { cookie: adminCookie }),
    { id },
  )
  const message = (await one.json()).message
  expect(message.html).toContain('<html')
  expect(message.text).toContain('Track your order')
  expect(message.headers['Message-ID']).toBe(`<${id}@homebound>`)
  expect(message.transport).toBe('capture')
})

test('bad outbox addresses get 400 with what is wrong, another shop’s message 404, and buyers are turned away', async () => {
  const bad = await callLoader(
    outboxLoader,
    getRequest(shopUrl(shop, '/admin/outbox?status=lost&page=x'), { cookie: adminCookie }),
  )
  expect(bad.status).toBe(400)
  expect((await bad.json()).message).toMatch(/status/)
  const badId = await callLoader(
    messageLoader,
    getRequest(shopUrl(shop, '/admin/outbox/nope'), { cookie: adminCookie }),
    { id: 'nope' },
  )
  expect(badId.status).toBe(400)
  const other = crypto.randomUUID()
  const missing = await callLoader(
    messageLoader,
    getRequest(shopUrl(shop, `/admin/outbox/${other}`), { cookie: adminCookie }),
    { id: other },
  )
  expect(missing.status).toBe(404)
  const anonymous = await callLoader(outboxLoader, getRequest(shopUrl(shop, '/admin/outbox')))
  expect(anonymous.status).toBe(302)
})

test('the template preview renders any template in any language, and refuses unknown ones with 400', async () => {
  const ok = await callLoader(
    emailsLoader,
    getRequest(shopUrl(shop, '/admin/emails?template=delay&lang=ru'), { cookie: adminCookie }),
  )
  const data = await ok.json()
  expect(data.email.subject).toContain('задерживается')
  expect(data.email.html).toContain('lang="ru"')
  const bad = await callLoader(
    emailsLoader,
    getRequest(shopUrl(shop, '/admin/emails?template=spam'), { cookie: adminCookie }),
  )
  expect(bad.status).toBe(400)
})

test('the preferences page turns delivery updates off and on, and a one-click unsubscribe turns them off', async () => {
  const token = createPreferencesToken({ shopId: shop.id, email: 'Ava@Example.com' })
  const url = shopUrl(shop, `/track/preferences/${token}?lang=pl`)
  const page = await callLoader(prefsLoader, getRequest(url), { token })
  expect(page.status).toBe(200)
  expect((await page.json()).view).toMatchObject({ email: 'ava@example.com', deliveryUpdates: true })

  const off = await callAction(prefsAction, formRequest(url, { intent: 'save' }), { token })
  expect(await off.json()).toEqual({ error: null, saved: false })
  expect(await findBuyerPreferences(db, shop.id, 'ava@example.com')).toMatchObject({
    delivery_updates: false,
  })

  await callAction(prefsAction, formRequest(url, { intent: 'save', deliveryUpdates: 'on' }), { token })
  expect(await findBuyerPreferences(db, shop.id, 'ava@example.com')).toMatchObject({ delivery_updates: true })

  const oneClick = await callAction(prefsAction, formRequest(url, { 'List-Unsubscribe': 'One-Click' }), {
    token,
  })
  expect(oneClick.status).toBe(200)
  expect(await findBuyerPreferences(db, shop.id, 'ava@example.com')).toMatchObject({
    delivery_updates: false,
  })
})

test('a forged preferences link changes nothing and says so; unknown form fields get 400', async () => {
  const token = createPreferencesToken({ shopId: shop.id, email: 'ava@example.com' })
  const forged = `${token.slice(0, -2)}xx`
  expect(
    (
      await callLoader(prefsLoader, getRequest(shopUrl(shop, `/track/preferences/${forged}`)), {
        token: forged,
      })
    ).status,
  ).toBe(404)
  const saved = await callAction(
    prefsAction,
    formRequest(shopUrl(shop, `/track/preferences/${forged}`), { intent: 'save' }),
    { token: forged },
  )
  expect(saved.status).toBe(404)
  const junk = await callAction(
    prefsAction,
    formRequest(shopUrl(shop, `/track/preferences/${token}`), { evil: '1' }),
    { token },
  )
  expect(junk.status).toBe(400)
  expect(await findBuyerPreferences(db, shop.id, 'ava@example.com')).toBeUndefined()
})
