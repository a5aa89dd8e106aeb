import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { expect, test } from 'vitest'
import { createReturnCase } from '#app/services/cases/create-return-case.server'
import { db } from '#db/client'
import { insertNotification, type NewNotification } from '#db/queries/notifications'
import { createOrder, createShipment, createShop } from '#tests/factories'

// The outbox's references are checked once per statement (migration 0021) instead of by foreign keys
// (once per row): these are the rules the foreign keys held.

const queue = (n: NewNotification) => db.transaction().execute((trx) => insertNotification(trx, n))

const notice = (shopId: string, overrides: Partial<NewNotification> = {}): NewNotification => ({
  shopId,
  template: 'shipped',
  toEmail: 'ava@example.com',
  locale: 'en',
  caseId: null,
  payload: {},
  dedupeKey: `k-${randomUUID()}`,
  ...overrides,
})

async function openCase(shopId: string) {
  const order = await createOrder({
    shopId,
    email: 'cara@example.com',
    items: [{ title: 'Linen shirt', quantity: 1, unitPriceMinor: 4500 }],
    placedAt: new Date(Date.now() - 3 * 86_400_000),
  })
  await createShipment({ shopId, orderId: order.id, shippedAt: new Date(Date.now() - 2 * 86_400_000) })
  const result = await createReturnCase({
    shopId,
    orderId: order.id,
    buyerEmail: order.email,
    locale: 'en',
    request: {
      selections: [{ lineItemId: order.lineItems[0]!.id, quantity: 1, reason: 'wrong_size' }],
      resolution: 'refund',
      returnMethod: 'label',
      idempotencyKey: `k-${randomUUID()}`,
    },
    now: new Date(),
  })
  if (!result.ok) throw new Error(result.message)
  return result.value
}

const count = async (shopId: string) =>
  (
    await db
      .selectFrom('notifications')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('shop_id', '=', shopId)
      .executeTakeFirstOrThrow()
  ).n

test('mail for a shop or case that does not exist is refused with the foreign key error, and nothing is written', async () => {
  const shop = await createShop()
  await expect(queue(notice(randomUUID()))).rejects.toMatchObject({
    code: '23503',
    constraint: 'notifications_shop_id_fkey',
  })
  await expect(queue(notice(shop.id, { caseId: randomUUID() }))).rejects.toMatchObject({
    code: '23503',
    constraint: 'notifications_case_id_fkey',
  })
  expect(await count(shop.id)).toBe(0)
  await queue(notice(shop.id))
  await expect(
    db.updateTable('notifications').set({ shop_id: randomUUID() }).where('shop_id', '=', shop.id).execute(),
  ).rejects.toMatchObject({ code: '23503', constraint: 'notifications_shop_id_fkey' })
  await expect(
    db.updateTable('notifications').set({ case_id: randomUUID() }).where('shop_id', '=', shop.id).execute(),
  ).rejects.toMatchObject({ code: '23503', constraint: 'notifications_case_id_fkey' })
  expect(await count(shop.id)).toBe(1)
})

test('a deleted case leaves its mail without a case, and a deleted shop takes its mail with it', async () => {
  const shop = await createShop()
  const other = await createShop()
  const c = await openCase(shop.id)
  await queue(notice(other.id))
  const caseMail = await db
    .selectFrom('notifications')
    .select(['id', 'case_id'])
    .where('shop_id', '=', shop.id)
    .where('case_id', 'is not', null)
    .execute()
  expect(caseMail.length).toBeGreaterThan(0)

  await db.deleteFrom('cases').where('shop_id', '=', shop.id).where('id', '=', c.caseId).execute()
  const after = await db
    .selectFrom('notifications')
    .select(['id', 'case_id'])
    .where(
      'id',
      'in',
      caseMail.map((m) => m.id),
    )
    .execute()
  expect(after.map((m) => m.case_id)).toEqual(caseMail.map(() => null))

  await db.deleteFrom('shops').where('id', '=', shop.id).execute()
  expect(await count(shop.id)).toBe(0)
  expect(await count(other.id)).toBe(1)
})
