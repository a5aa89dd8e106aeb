import type { ParsedMail } from 'mailparser'
import sharp from 'sharp'
import { afterEach, expect, test } from 'vitest'
import { sql } from 'kysely'
import { createReturnCase } from '#app/services/cases/create-return-case.server'
import { backoffMs, deliverOutbox, MAX_ATTEMPTS } from '#app/services/mail/deliver-outbox.server'
import { setDeliveryUpdates } from '#app/services/mail/preferences.server'
import { saveShopLogo } from '#app/services/notices/shop-logo.server'
import { db } from '#db/client'
import { insertNotification, insertNotifications, type NewNotification } from '#db/queries/notifications'
import { createMailer, type Mailer } from '#emails/mailer'
import { createOrder, createShipment, createShop, createStaff } from '#tests/factories'
import { freePort, startSmtp, type TestSmtp } from '#tests/helpers/smtp'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!()
})

async function smtp(): Promise<TestSmtp> {
  const server = await startSmtp()
  cleanups.push(() => server.stop())
  return server
}

function mailerFor(url: string | undefined): Mailer {
  const mailer = createMailer({ smtpUrl: url })
  cleanups.push(() => mailer.close())
  return mailer
}

/** A header's raw value as it arrived (mailparser turns List-* headers into objects). */
const header = (mail: ParsedMail, name: string) =>
  mail.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '')

// Retries are due `backoffMs` after the failed attempt's own clock, which runs a little past `now`.
const after = (now: Date, ms: number) => new Date(now.getTime() + ms + 5_000)

const queue = (n: NewNotification) => db.transaction().execute((trx) => insertNotification(trx, n))

async function rows(shopId: string) {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('shop_id', '=', shopId)
    .orderBy('created_at')
    .orderBy('dedupe_key')
    .execute()
}

/** A shop with one shipped order and its parcel (two items), and a buyer. */
async function parcelFixture(overrides: { email?: string } = {}) {
  const shop = await createShop({ name: 'Birch & Bay', brandColor: '#7a3e9d' })
  const order = await createOrder({
    shopId: shop.id,
    email: overrides.email ?? 'ava@example.com',
    items: [
      { title: 'Canvas tote', quantity: 1 },
      { title: 'Wool socks', quantity: 2 },
    ],
    placedAt: new Date(Date.now() - 4 * 86_400_000),
  })
  const shipment = await createShipment({
    shopId: shop.id,
    orderId: order.id,
    carrier: 'ups',
    items: order.lineItems.map((li) => ({ lineItemId: li.id, quantity: li.quantity })),
  })
  return { shop, order, shipment }
}

async function queueShipped(f: Awaited<ReturnType<typeof parcelFixture>>, n: number, template = 'shipped') {
  for (let i = 0; i < n; i++) {
    await queue({
      shopId: f.shop.id,
      template,
      toEmail: f.order.email,
      locale: 'en',
      caseId: null,
      payload: { shipmentId: f.shipment.id },
      dedupeKey: `${template}:${f.shipment.id}:${i}`,
    })
  }
}

async function openCase(shopId: string, email = 'cara@example.com') {
  const order = await createOrder({
    shopId,
    email,
    items: [{ title: 'Linen shirt', quantity: 1, unitPriceMinor: 4500 }],
    placedAt: new Date(Date.now() - 3 * 86_400_000),
  })
  await createShipment({ shopId, orderId: order.id, shippedAt: new Date(Date.now() - 2 * 86_400_000) })
  const result = await createReturnCase({
    shopId,
    orderId: order.id,
    buyerEmail: order.email,
    locale: 'pl',
    request: {
      selections: [{ lineItemId: order.lineItems[0]!.id, quantity: 1, reason: 'wrong_size' }],
      resolution: 'refund',
      returnMethod: 'label',
      idempotencyKey: `k-${Math.random().toString(36).slice(2)}`,
    },
    now: new Date(),
  })
  if (!result.ok) throw new Error(result.message)
  return { order, ...result.value }
}

test('each transaction that queues mail schedules its own deliver-outbox job (no shared row to wait on), and a rollback schedules nothing', async () => {
  const f = await parcelFixture()
  await queueShipped(f, 3)
  await db.transaction().execute((trx) =>
    insertNotifications(trx, [
      {
        shopId: f.shop.id,
        template: 'shipped',
        toEmail: f.order.email,
        locale: 'en',
        caseId: null,
        payload: { shipmentId: f.shipment.id },
        dedupeKey: 'batch-a',
      },
      {
        shopId: f.shop.id,
        template: 'delivered',
        toEmail: f.order.email,
        locale: 'en',
        caseId: null,
        payload: { shipmentId: f.shipment.id },
        dedupeKey: 'batch-b',
      },
    ]),
  )
  const jobs = async () =>
    Number(
      (
        await sql<{ n: number }>`
          select count(*)::int as n from graphile_worker.jobs where task_identifier = 'deliver-outbox'`.execute(
          db,
        )
      ).rows[0]!.n,
    )
  // Three single emails and one batch of two: four transactions, four jobs.
  expect(await jobs()).toBe(4)
  await sql`delete from graphile_worker._private_jobs`.execute(db)
  await db
    .transaction()
    .execute(async (trx) => {
      await insertNotification(trx, {
        shopId: f.shop.id,
        template: 'shipped',
        toEmail: f.order.email,
        locale: 'en',
        caseId: null,
        payload: { shipmentId: f.shipment.id },
        dedupeKey: 'rolled-back',
      })
      throw new Error('the case failed')
    })
    .catch(() => undefined)
  expect(await jobs()).toBe(0)
  expect((await rows(f.shop.id)).map((r) => r.dedupe_key)).not.toContain('rolled-back')
})

test('a delivery update and a case email arrive over SMTP with their subject, recipient, Message-ID and branding; only the delivery update can be unsubscribed from', async () => {
  const server = await smtp()
  const f = await parcelFixture()
  await queueShipped(f, 1)
  const c = await openCase(f.shop.id)

  const result = await deliverOutbox({ now: new Date(), mailer: mailerFor(server.url) })
  expect(result).toMatchObject({ sent: 3, retrying: 0, failed: 0 })

  const saved = await rows(f.shop.id)
  expect(saved.every((r) => r.status === 'sent' && r.transport === 'smtp' && r.attempts === 1)).toBe(true)
  const byId = new Map(server.received.map((m) => [m.messageId, m]))
  for (const row of saved) {
    expect(row.message_id).toBe(`<${row.id}@homebound>`)
    expect(byId.has(row.message_id!)).toBe(true)
  }

  const shipped = byId.get(saved.find((r) => r.template === 'shipped')!.message_id!)!
  expect(shipped.subject).toBe(`Order #${f.order.number} is on its way`)
  expect(shipped.to).toMatchObject({ value: [{ address: 'ava@example.com' }] })
  expect(shipped.from).toMatchObject({
    value: [{ name: 'Birch & Bay', address: 'no-reply@homebound.local' }],
  })
  expect(shipped.replyTo).toMatchObject({ value: [{ address: f.shop.supportEmail }] })
  expect(shipped.text).toContain(f.shipment.trackingNumber)
  expect(shipped.text).toContain('Wool socks × 2')
  expect(shipped.html).toContain('#7a3e9d')
  expect(header(shipped, 'list-unsubscribe')).toMatch(
    /^<http:\/\/localhost:3000\/track\/preferences\/[\w-]+\.[\w-]+>$/,
  )
  expect(header(shipped, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click')

  const received = byId.get(saved.find((r) => r.template === 'case-received')!.message_id!)!
  expect(received.subject).toBe(`Otrzymaliśmy zgłoszenie ${c.caseNumber} do zamówienia #${c.order.number}`)
  expect(received.text).toContain('Linen shirt × 1')
  expect(received.html).toMatch(new RegExp(`/track/[\\w-]+\\.[\\w-]+/case/${c.caseNumber}`))
  expect(header(received, 'list-unsubscribe')).toBeUndefined()
})

test('a shop with a logo sends it inside every message as an inline part the HTML names by its Content-ID', async () => {
  const server = await smtp()
  const f = await parcelFixture()
  const staff = await createStaff({ shopId: f.shop.id, role: 'admin' })
  const png = await sharp({ create: { width: 800, height: 200, channels: 4, background: '#ffffffcc' } })
    .png()
    .toBuffer()
  expect(
    await saveShopLogo({ shopId: f.shop.id, staffId: staff.id, file: new Uint8Array(png), now: new Date() }),
  ).toEqual({ ok: true })
  const logo = await db
    .selectFrom('shop_logos')
    .select(['bytes', 'sha256'])
    .where('shop_id', '=', f.shop.id)
    .executeTakeFirstOrThrow()
  await queueShipped(f, 1)
  await openCase(f.shop.id)

  expect(await deliverOutbox({ now: new Date(), mailer: mailerFor(server.url) })).toMatchObject({ sent: 3 })
  expect(server.received).toHaveLength(3)
  for (const mail of server.received) {
    const cid = `logo-${logo.sha256.slice(0, 16)}@homebound`
    expect(mail.html).toContain(`src="cid:${cid}"`)
    expect(mail.html).not.toMatch(/src=["']https?:/i)
    const inline = mail.attachments.filter((a) => a.cid === cid)
    expect(inline).toHaveLength(1)
    expect(inline[0]).toMatchObject({ contentType: 'image/png', contentDisposition: 'inline', related: true })
    expect(inline[0]!.content.equals(logo.bytes)).toBe(true)
  }
  // What staff read in the outbox keeps the reference as sent.
  expect((await rows(f.shop.id)).every((r) => r.body_html!.includes('cid:logo-'))).toBe(true)
})

test('with SMTP down nothing is lost: rows stay pending with attempts and backoff, then go out once SMTP is back', async () => {
  const f = await parcelFixture()
  await queueShipped(f, 3)
  const port = await freePort()
  const now = new Date()
  const mailer = mailerFor(`smtp://127.0.0.1:${port}`)

  expect(await deliverOutbox({ now, mailer })).toMatchObject({ claimed: 3, sent: 0, retrying: 3 })
  for (const row of await rows(f.shop.id)) {
    expect(row).toMatchObject({ status: 'pending', attempts: 1, message_id: null })
    expect(row.last_error).toMatch(/ECONNREFUSED|ECONNECTION|connect/i)
    expect(row.send_after.getTime()).toBeGreaterThanOrEqual(now.getTime() + backoffMs(1))
    expect(row.send_after.getTime()).toBeLessThan(after(now, backoffMs(1)).getTime())
    // What would have been sent is already readable in the outbox.
    expect(row.subject).toBe(`Order #${f.order.number} is on its way`)
  }
  // Before the backoff is over, nothing is tried again.
  expect(await deliverOutbox({ now: new Date(now.getTime() + 30_000), mailer })).toMatchObject({ claimed: 0 })
  const second = after(now, backoffMs(1))
  expect(await deliverOutbox({ now: second, mailer })).toMatchObject({ retrying: 3 })
  expect((await rows(f.shop.id)).map((r) => r.attempts)).toEqual([2, 2, 2])

  const server = await startSmtp()
  cleanups.push(() => server.stop())
  const later = after(second, backoffMs(2))
  expect(await deliverOutbox({ now: later, mailer: mailerFor(server.url) })).toMatchObject({ sent: 3 })
  expect(server.received).toHaveLength(3)
  expect((await rows(f.shop.id)).map((r) => [r.status, r.attempts])).toEqual([
    ['sent', 3],
    ['sent', 3],
    ['sent', 3],
  ])
})

test('a message that keeps failing is given up after the last attempt', async () => {
  const f = await parcelFixture()
  await queueShipped(f, 1)
  const mailer = mailerFor(`smtp://127.0.0.1:${await freePort()}`)
  let now = new Date()
  for (let i = 1; i <= MAX_ATTEMPTS; i++) {
    await deliverOutbox({ now, mailer })
    now = after(now, backoffMs(i))
  }
  const [row] = await rows(f.shop.id)
  expect(row).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS })
  expect(await deliverOutbox({ now: new Date(now.getTime() + 86_400_000), mailer })).toMatchObject({
    claimed: 0,
  })
})

test('when the SMTP server dies mid-batch, every notice still arrives exactly once after it returns', async () => {
  const server = await smtp()
  const f = await parcelFixture()
  await queueShipped(f, 6)
  await openCase(f.shop.id)
  const total = (await rows(f.shop.id)).length
  expect(total).toBeGreaterThanOrEqual(7)
  const mailer = mailerFor(server.url)
  const now = new Date()

  server.stopAfter(3)
  const first = await deliverOutbox({ now, mailer })
  expect(first.sent).toBe(3)
  expect(first.retrying).toBe(total - 3)
  expect(server.received).toHaveLength(3)

  await server.start()
  const second = await deliverOutbox({ now: after(now, backoffMs(1)), mailer })
  expect(second.sent).toBe(total - 3)

  const ids = server.received.map((m) => m.messageId)
  expect(ids).toHaveLength(total)
  expect(new Set(ids).size).toBe(total)
  const saved = await rows(f.shop.id)
  expect(saved.every((r) => r.status === 'sent')).toBe(true)
  expect(new Set(saved.map((r) => r.message_id))).toEqual(new Set(ids))
})

test('concurrent deliver runs never send one row twice', async () => {
  const server = await smtp()
  const f = await parcelFixture()
  await queueShipped(f, 12)
  const mailer = mailerFor(server.url)
  const now = new Date()
  const results = await Promise.all([
    deliverOutbox({ now, mailer, batchSize: 3 }),
    deliverOutbox({ now, mailer, batchSize: 3 }),
    deliverOutbox({ now, mailer, batchSize: 3 }),
  ])
  expect(results.reduce((s, r) => s + r.sent, 0)).toBe(12)
  const ids = server.received.map((m) => m.messageId)
  expect(ids).toHaveLength(12)
  expect(new Set(ids).size).toBe(12)
})

test('a row left sending by a worker that died is sent again after its lease, with the same Message-ID', async () => {
  const server = await smtp()
  const f = await parcelFixture()
  await queueShipped(f, 1)
  const now = new Date()
  // A worker claims the row and dies before sending.
  await db
    .updateTable('notifications')
    .set({ status: 'sending', locked_until: new Date(now.getTime() + 10 * 60_000) })
    .where('shop_id', '=', f.shop.id)
    .execute()
  const mailer = mailerFor(server.url)
  expect(await deliverOutbox({ now, mailer })).toMatchObject({ claimed: 0 })
  expect(await deliverOutbox({ now: new Date(now.getTime() + 11 * 60_000), mailer })).toMatchObject({
    sent: 1,
  })
  const [row] = await rows(f.shop.id)
  expect(server.received.map((m) => m.messageId)).toEqual([`<${row!.id}@homebound>`])
})

test('a buyer who turned delivery updates off gets no delivery update, but still gets case emails', async () => {
  const server = await smtp()
  const f = await parcelFixture({ email: 'ava@example.com' })
  await setDeliveryUpdates({
    shopId: f.shop.id,
    email: 'AVA@example.com',
    deliveryUpdates: false,
    now: new Date(),
  })
  await queueShipped(f, 1, 'delay')
  await openCase(f.shop.id, 'ava@example.com')

  const result = await deliverOutbox({ now: new Date(), mailer: mailerFor(server.url) })
  expect(result.suppressed).toBe(1)
  const saved = await rows(f.shop.id)
  expect(saved.find((r) => r.template === 'delay')).toMatchObject({ status: 'suppressed', message_id: null })
  const caseRows = saved.filter((r) => r.template.startsWith('case-'))
  expect(caseRows.length).toBeGreaterThan(0)
  expect(caseRows.every((r) => r.status === 'sent')).toBe(true)
  expect(server.received.map((m) => m.subject)).not.toContain(expect.stringMatching(/delayed/))
  expect(server.received).toHaveLength(caseRows.length)
})

test('without SMTP the mail is captured: the row keeps the HTML, the text and the headers, and is sent', async () => {
  const f = await parcelFixture()
  await queueShipped(f, 1, 'delivered')
  expect(await deliverOutbox({ now: new Date(), mailer: mailerFor(undefined) })).toMatchObject({ sent: 1 })
  const [row] = await rows(f.shop.id)
  expect(row).toMatchObject({ status: 'sent', transport: 'capture', message_id: `<${row!.id}@homebound>` })
  expect(row!.subject).toBe(`Order #${f.order.number} was delivered`)
  expect(row!.body_html).toContain('<html')
  expect(row!.body_text).toContain('Canvas tote × 1')
  expect(row!.headers).toMatchObject({
    To: 'ava@example.com',
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  })
})

test('a row that can never be sent (unknown template, missing parcel) fails at once without retries', async () => {
  const f = await parcelFixture()
  await queue({
    shopId: f.shop.id,
    template: 'no-such-template',
    toEmail: 'x@example.com',
    locale: 'en',
    caseId: null,
    payload: {},
    dedupeKey: 'a',
  })
  await queue({
    shopId: f.shop.id,
    template: 'shipped',
    toEmail: 'x@example.com',
    locale: 'en',
    caseId: null,
    payload: {},
    dedupeKey: 'b',
  })
  expect(await deliverOutbox({ now: new Date(), mailer: mailerFor(undefined) })).toMatchObject({ failed: 2 })
  expect((await rows(f.shop.id)).map((r) => [r.status, r.last_error])).toEqual([
    ['failed', 'Unknown template "no-such-template"'],
    ['failed', 'shipped needs payload.shipmentId'],
  ])
})
