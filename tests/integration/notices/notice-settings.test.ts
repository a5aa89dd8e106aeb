import { expect, test } from 'vitest'
import { DEFAULT_NOTICE_SETTINGS } from '#app/domain/notices/settings'
import { getNoticeSettingsPage, saveNoticeSettings } from '#app/services/notices/notice-settings.server'
import { db } from '#db/client'
import { findNoticeSettings } from '#db/queries/notices'
import { createShop, createStaff } from '#tests/factories'

async function setup() {
  const shop = await createShop()
  const staff = await createStaff({ shopId: shop.id, role: 'admin' })
  const page = await getNoticeSettingsPage({ shopId: shop.id })
  return { shop, staff, values: page!.values }
}

test('the page starts from the defaults, and a save stores the settings and the shop’s mail branding', async () => {
  const { shop, staff, values } = await setup()
  expect(values).toMatchObject({ likelyLateWithinHours: '72', quietEnabled: 'on', 'event.delivered': 'on' })
  const form = { ...values, 'event.delivered': '', quietStart: '22', quietEnd: '7', couponAmounts: 'eur 500' }
  delete (form as Record<string, string>)['remedy.late.refund']
  const r = await saveNoticeSettings({
    shopId: shop.id,
    staffId: staff.id,
    form: { ...form, senderName: 'Birch Team', replyTo: 'care@birch.example', brandColor: '#AA3300' },
    now: new Date(),
  })
  expect(r).toEqual({ ok: true })
  const stored = await findNoticeSettings(db, shop.id)
  expect(stored?.settings).toMatchObject({
    events: { ...DEFAULT_NOTICE_SETTINGS.events, delivered: false },
    quietHours: { startHour: 22, endHour: 7 },
    apologyCoupon: { percent: 10, amounts: { EUR: 500 } },
    remedies: { late: ['wait', 'reship'] },
  })
  expect(stored?.updated_by).toBe(staff.id)
  const row = await db
    .selectFrom('shops')
    .select(['mail_sender_name', 'mail_reply_to', 'brand_color'])
    .where('id', '=', shop.id)
    .executeTakeFirstOrThrow()
  expect(row).toEqual({
    mail_sender_name: 'Birch Team',
    mail_reply_to: 'care@birch.example',
    brand_color: '#aa3300',
  })
})

test('bad values are refused with a message under each field, and nothing is saved', async () => {
  const { shop, staff, values } = await setup()
  const r = await saveNoticeSettings({
    shopId: shop.id,
    staffId: staff.id,
    form: {
      ...values,
      likelyLateWithinHours: 'soon',
      replyTo: 'not-an-email',
      brandColor: 'red',
      couponAmounts: 'five euros',
    },
    now: new Date(),
  })
  expect(r).toMatchObject({
    ok: false,
    status: 422,
    fieldErrors: {
      likelyLateWithinHours: 'Hours before the promised date: enter a whole number',
      replyTo: 'Enter an email address like help@shop.com',
      brandColor: 'Enter a colour like #1f6f5c',
      couponAmounts: '"five euros" is not like "EUR 500" (an amount in minor units)',
    },
  })
  expect(await findNoticeSettings(db, shop.id)).toBeUndefined()
})

test('settings that do not make sense together are explained by the domain rules', async () => {
  const { shop, staff, values } = await setup()
  const r = await saveNoticeSettings({
    shopId: shop.id,
    staffId: staff.id,
    form: {
      ...values,
      quietStart: '8',
      quietEnd: '8',
      stalledAfterBusinessHours: '300',
      lostAfterBusinessDays: '5',
    },
    now: new Date(),
  })
  expect(r).toMatchObject({
    ok: false,
    status: 422,
    fieldErrors: {
      quietEnd: 'Quiet hours must end at a different hour than they start',
      stalledAfterBusinessHours: 'A parcel must count as stalled before it counts as lost',
    },
  })
})

test('a field the form does not have is a 400', async () => {
  const { shop, staff, values } = await setup()
  const r = await saveNoticeSettings({
    shopId: shop.id,
    staffId: staff.id,
    form: { ...values, admin: '1' },
    now: new Date(),
  })
  expect(r).toMatchObject({ ok: false, status: 400 })
})
