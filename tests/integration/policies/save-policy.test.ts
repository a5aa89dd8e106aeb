import { expect, test } from 'vitest'
import { DEFAULT_RETURN_POLICY, type ReturnPolicy } from '#app/domain/policy/policy'
import { getCurrentPolicy, listPolicyHistory, savePolicy } from '#app/services/policies/policies.server'
import { db } from '#db/client'
import { createShop, createStaff } from '#tests/factories'

const now = new Date('2026-03-04T12:00:00Z')
const policy = (change: (p: ReturnPolicy) => void = () => {}): ReturnPolicy => {
  const p = structuredClone(DEFAULT_RETURN_POLICY)
  change(p)
  return p
}
const versions = async (shopId: string) =>
  (
    await db
      .selectFrom('return_policies')
      .select('version')
      .where('shop_id', '=', shopId)
      .orderBy('version')
      .execute()
  ).map((r) => r.version)

test('a shop with no saved policy works under the defaults, as version 0', async () => {
  const shop = await createShop()
  const current = await getCurrentPolicy({ shopId: shop.id })
  expect(current).toMatchObject({ id: null, version: 0, savedAt: null })
  expect(current.rules).toEqual(DEFAULT_RETURN_POLICY)
})

test('every save is a new version that records who changed what, and the newest is in force', async () => {
  const shop = await createShop()
  const admin = await createStaff({ shopId: shop.id, role: 'admin', name: 'Morgan' })
  const first = await savePolicy({
    shopId: shop.id,
    staffId: admin.id,
    rules: policy((p) => (p.window.days = 45)),
    basedOnVersion: 0,
    note: 'Longer window for the holidays',
    now,
  })
  expect(first).toEqual({ ok: true, value: { version: 1, changed: ['window.days'] } })
  const second = await savePolicy({
    shopId: shop.id,
    staffId: admin.id,
    rules: policy((p) => {
      p.window.days = 45
      p.restockingFeePercent = 10
    }),
    basedOnVersion: 1,
    now: new Date(now.getTime() + 60_000),
  })
  expect(second).toEqual({ ok: true, value: { version: 2, changed: ['restockingFeePercent'] } })

  const current = await getCurrentPolicy({ shopId: shop.id })
  expect(current.version).toBe(2)
  expect(current.rules.restockingFeePercent).toBe(10)
  expect(await listPolicyHistory({ shopId: shop.id })).toEqual([
    {
      version: 2,
      changed: ['restockingFeePercent'],
      note: null,
      savedAt: '2026-03-04T12:01:00.000Z',
      savedBy: 'Morgan',
    },
    {
      version: 1,
      changed: ['window.days'],
      note: 'Longer window for the holidays',
      savedAt: '2026-03-04T12:00:00.000Z',
      savedBy: 'Morgan',
    },
  ])
})

test('an invalid policy is refused with what to fix, and nothing is written', async () => {
  const shop = await createShop()
  const result = await savePolicy({
    shopId: shop.id,
    staffId: null,
    rules: policy((p) => {
      p.window.days = 0
      p.restockingFeePercent = 150
    }),
    basedOnVersion: 0,
    now,
  })
  expect(result).toMatchObject({ ok: false, code: 'invalid' })
  if (result.ok || result.code !== 'invalid') throw new Error('expected invalid')
  expect(result.issues.map((i) => i.field)).toEqual(
    expect.arrayContaining(['window.days', 'restockingFeePercent']),
  )
  expect(await versions(shop.id)).toEqual([])
})

test('a save based on an old version is refused instead of overwriting someone else’s change', async () => {
  const shop = await createShop()
  await savePolicy({
    shopId: shop.id,
    staffId: null,
    rules: policy((p) => (p.window.days = 40)),
    basedOnVersion: 0,
    now,
  })
  const late = await savePolicy({
    shopId: shop.id,
    staffId: null,
    rules: policy((p) => (p.window.days = 20)),
    basedOnVersion: 0,
    now,
  })
  expect(late).toMatchObject({ ok: false, code: 'stale' })
  expect((await getCurrentPolicy({ shopId: shop.id })).rules.window.days).toBe(40)
})

test('saving the same rules again makes no new version', async () => {
  const shop = await createShop()
  await savePolicy({
    shopId: shop.id,
    staffId: null,
    rules: policy((p) => (p.window.days = 40)),
    basedOnVersion: 0,
    now,
  })
  const again = await savePolicy({
    shopId: shop.id,
    staffId: null,
    rules: policy((p) => (p.window.days = 40)),
    basedOnVersion: 1,
    now,
  })
  expect(again).toMatchObject({ ok: false, code: 'unchanged' })
  expect(await versions(shop.id)).toEqual([1])
})

test('two saves at the same moment are numbered one after the other, never the same version', async () => {
  const shop = await createShop()
  const results = await Promise.all(
    [30, 60].map((days) =>
      savePolicy({
        shopId: shop.id,
        staffId: null,
        rules: policy((p) => (p.window.days = days)),
        basedOnVersion: 0,
        now,
      }),
    ),
  )
  // One wins as version 1; the other sees it and is told its edit is stale.
  expect(results.filter((r) => r.ok)).toHaveLength(1)
  expect(results.filter((r) => !r.ok && r.code === 'stale')).toHaveLength(1)
  expect(await versions(shop.id)).toEqual([1])
})

test('a saved version can never be edited in place', async () => {
  const shop = await createShop()
  await savePolicy({
    shopId: shop.id,
    staffId: null,
    rules: policy((p) => (p.window.days = 40)),
    basedOnVersion: 0,
    now,
  })
  await expect(
    db.updateTable('return_policies').set({ note: 'sneaky' }).where('shop_id', '=', shop.id).execute(),
  ).rejects.toThrow(/append-only/)
})

test('one shop’s policy never applies to another shop', async () => {
  const a = await createShop()
  const b = await createShop()
  await savePolicy({
    shopId: a.id,
    staffId: null,
    rules: policy((p) => (p.window.days = 90)),
    basedOnVersion: 0,
    now,
  })
  expect((await getCurrentPolicy({ shopId: b.id })).version).toBe(0)
  expect(await listPolicyHistory({ shopId: b.id })).toEqual([])
})
