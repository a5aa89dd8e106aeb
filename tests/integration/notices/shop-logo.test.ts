import sharp from 'sharp'
import { beforeEach, expect, test } from 'vitest'
import { loader as emailsLoader } from '#app/routes/admin.emails'
import { action as noticesAction, loader as noticesLoader } from '#app/routes/admin.notices'
import { loader as logoLoader } from '#app/routes/admin.notices.logo'
import { loader as messageLoader } from '#app/routes/admin.outbox.$id'
import { action as loginAction } from '#app/routes/auth.login'
import { deliverOutbox } from '#app/services/mail/deliver-outbox.server'
import { clearShopCache } from '#app/services/shops/resolve-shop.server'
import { db } from '#db/client'
import { insertNotification } from '#db/queries/notifications'
import { createMailer } from '#emails/mailer'
import { createOrder, createShipment, createShop, createStaff, type TestShop } from '#tests/factories'
import { callAction, callLoader, cookieFrom, formRequest, getRequest, shopUrl } from '#tests/helpers/requests'

let shop: TestShop
let adminCookie: string

async function login(role: 'admin' | 'agent') {
  const staff = await createStaff({ shopId: shop.id, role })
  const response = await callAction(
    loginAction,
    formRequest(shopUrl(shop, '/auth/login'), { email: staff.email, password: staff.password }),
  )
  return cookieFrom(response)
}

beforeEach(async () => {
  clearShopCache()
  shop = await createShop({ name: 'Birch & Bay' })
  adminCookie = await login('admin')
})

function upload(bytes: Uint8Array, name: string, cookie = adminCookie) {
  const form = new FormData()
  form.append('intent', 'upload-logo')
  form.append('logo', new File([new Uint8Array(bytes)], name, { type: 'image/png' }))
  const request = new Request(shopUrl(shop, '/admin/notices'), { method: 'POST', body: form })
  request.headers.set('Cookie', cookie)
  return callAction(noticesAction, request)
}

/** A wide logo with transparency, bigger than emails need. */
async function pngLogo(width = 1200, height = 300) {
  return new Uint8Array(
    await sharp({ create: { width, height, channels: 4, background: { r: 20, g: 90, b: 70, alpha: 0.6 } } })
      .png()
      .toBuffer(),
  )
}

const storedLogo = () =>
  db
    .selectFrom('shop_logos')
    .select(['content_type', 'width', 'height', 'sha256', 'bytes'])
    .where('shop_id', '=', shop.id)
    .executeTakeFirst()

test('an admin uploads a PNG logo: it is scaled to email size, stored, shown on the page and served to staff', async () => {
  const response = await upload(await pngLogo(), 'logo.png')
  expect(response.status).toBe(302)
  expect(response.headers.get('Location')).toBe('/admin/notices?logo=saved#logo')

  const row = await storedLogo()
  expect(row).toMatchObject({ content_type: 'image/png', width: 400, height: 100 })
  const meta = await sharp(row!.bytes).metadata()
  expect(meta).toMatchObject({ format: 'png', width: 400, height: 100, hasAlpha: true })

  const page = await callLoader(
    noticesLoader,
    getRequest(shopUrl(shop, '/admin/notices?logo=saved'), { cookie: adminCookie }),
  )
  expect(await page.json()).toMatchObject({
    logo: { version: row!.sha256.slice(0, 16), width: 400, height: 100 },
    logoDone: 'saved',
  })

  const image = await callLoader(
    logoLoader,
    getRequest(shopUrl(shop, '/admin/notices/logo'), { cookie: adminCookie }),
  )
  expect(image.status).toBe(200)
  expect(image.headers.get('Content-Type')).toBe('image/png')
  expect(image.headers.get('X-Content-Type-Options')).toBe('nosniff')
  expect(Buffer.from(await image.arrayBuffer()).equals(row!.bytes)).toBe(true)

  // The template preview shows it in place of the message part it will travel in.
  const preview = await callLoader(
    emailsLoader,
    getRequest(shopUrl(shop, '/admin/emails?template=shipped'), { cookie: adminCookie }),
  )
  const html: string = (await preview.json()).email.html
  expect(html).toContain(`src="data:image/png;base64,${row!.bytes.toString('base64')}"`)
  expect(html).not.toContain('cid:')
})

test('a file that is not a PNG, JPEG or WebP is refused by its content with 422, and nothing changes', async () => {
  await upload(await pngLogo(), 'logo.png')
  const before = await storedLogo()

  const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n')
  const renamed = await upload(pdf, 'logo.png')
  expect(renamed.status).toBe(422)
  expect(await renamed.json()).toEqual({
    logoError: 'This file is not an image. Please upload a PNG, JPEG or WebP file.',
  })

  const gif = new Uint8Array(
    await sharp({ create: { width: 8, height: 8, channels: 3, background: '#345' } })
      .gif()
      .toBuffer(),
  )
  const refused = await upload(gif, 'logo.png')
  expect(refused.status).toBe(422)
  expect((await refused.json()).logoError).toBe(
    'The logo is a GIF image. Please upload a PNG, JPEG or WebP file.',
  )

  // PNG by its signature, but its pixels cannot be read.
  const broken = (await pngLogo()).slice(0, 60)
  const unreadable = await upload(broken, 'logo.png')
  expect(unreadable.status).toBe(422)
  expect((await unreadable.json()).logoError).toMatch(/could not be read/)

  expect(await storedLogo()).toEqual(before)
})

test('a logo over 1 MB is refused with 422 before it is stored, and nothing changes', async () => {
  // A real PNG of about 1.5 MB (noise does not compress).
  const noise = new Uint8Array(700 * 700 * 3).map(() => Math.floor(Math.random() * 256))
  const big = new Uint8Array(
    await sharp(noise, { raw: { width: 700, height: 700, channels: 3 } })
      .png({ compressionLevel: 0 })
      .toBuffer(),
  )
  expect(big.length).toBeGreaterThan(1024 * 1024)
  const response = await upload(big, 'logo.png')
  expect(response.status).toBe(422)
  expect((await response.json()).logoError).toBe(
    'The logo is larger than 1 MB. Please upload a smaller file (a PNG, JPEG or WebP file).',
  )
  expect(await storedLogo()).toBeUndefined()
})

test('a JPEG stays a JPEG; the remove button takes the logo away; agents cannot change it', async () => {
  const jpeg = new Uint8Array(
    await sharp({ create: { width: 300, height: 90, channels: 3, background: '#fafafa' } })
      .jpeg()
      .toBuffer(),
  )
  expect((await upload(jpeg, 'logo.jpg')).status).toBe(302)
  expect(await storedLogo()).toMatchObject({ content_type: 'image/jpeg', width: 300, height: 90 })

  const agentCookie = await login('agent')
  const denied = await upload(await pngLogo(), 'logo.png', agentCookie)
  expect(denied.status).toBeGreaterThanOrEqual(300)
  expect(await storedLogo()).toMatchObject({ content_type: 'image/jpeg' })

  const removed = await callAction(
    noticesAction,
    formRequest(shopUrl(shop, '/admin/notices'), { intent: 'remove-logo' }, { cookie: adminCookie }),
  )
  expect(removed.status).toBe(302)
  expect(removed.headers.get('Location')).toBe('/admin/notices?logo=removed#logo')
  expect(await storedLogo()).toBeUndefined()
  const gone = await callLoader(
    logoLoader,
    getRequest(shopUrl(shop, '/admin/notices/logo'), { cookie: adminCookie }),
  )
  expect(gone.status).toBe(404)
})

test('the outbox shows a sent message with the logo it carried, and not a logo uploaded later', async () => {
  await upload(await pngLogo(), 'logo.png')
  const first = (await storedLogo())!
  const order = await createOrder({ shopId: shop.id, email: 'ava@example.com' })
  const shipment = await createShipment({ shopId: shop.id, orderId: order.id })
  await db.transaction().execute((trx) =>
    insertNotification(trx, {
      shopId: shop.id,
      template: 'shipped',
      toEmail: order.email,
      locale: 'en',
      caseId: null,
      payload: { shipmentId: shipment.id },
      dedupeKey: 'shipped:logo',
    }),
  )
  await deliverOutbox({ now: new Date(), mailer: createMailer({ smtpUrl: undefined }) })
  const { id } = await db
    .selectFrom('notifications')
    .select('id')
    .where('shop_id', '=', shop.id)
    .executeTakeFirstOrThrow()
  const open = async () => {
    const r = await callLoader(
      messageLoader,
      getRequest(shopUrl(shop, `/admin/outbox/${id}`), { cookie: adminCookie }),
      { id },
    )
    return (await r.json()).message.html as string
  }
  expect(await open()).toContain(`src="data:image/png;base64,${first.bytes.toString('base64')}"`)

  await upload(await pngLogo(600, 300), 'other.png')
  const later = await open()
  expect(later).toContain(`src="cid:logo-${first.sha256.slice(0, 16)}@homebound"`)
  expect(later).not.toContain('data:image')
})
