// The complaint playbook is saved as a policy version beside the return rules: a save keeps the rules,
// a later rules save keeps the playbook, and problem reports follow the version in force.
import { expect, test } from 'vitest'
import { DEFAULT_COMPLAINT_PLAYBOOK } from '#app/domain/complaints/playbook'
import { DEFAULT_RETURN_POLICY } from '#app/domain/policy/policy'
import { getCurrentPolicy, savePlaybook, savePolicy } from '#app/services/policies/policies.server'
import { createShop, createStaff } from '#tests/factories'

const now = new Date()

test('a playbook save is a new version with the rules unchanged, and a rules save keeps the playbook', async () => {
  const shop = await createShop()
  const admin = await createStaff({ shopId: shop.id, role: 'admin' })
  const playbook = structuredClone(DEFAULT_COMPLAINT_PLAYBOOK)
  playbook.damaged.remedies = ['coupon']
  playbook.couponPercent = 25
  const saved = await savePlaybook({ shopId: shop.id, staffId: admin.id, playbook, basedOnVersion: 0, now })
  expect(saved).toMatchObject({ ok: true, value: { version: 1 } })
  expect(saved.ok && saved.value.changed).toEqual(['playbook.damaged.remedies', 'playbook.couponPercent'])

  const rules = structuredClone(DEFAULT_RETURN_POLICY)
  rules.window.days = 45
  expect(
    await savePolicy({ shopId: shop.id, staffId: admin.id, rules, basedOnVersion: 1, now }),
  ).toMatchObject({
    ok: true,
    value: { version: 2, changed: ['window.days'] },
  })
  const current = await getCurrentPolicy({ shopId: shop.id })
  expect(current.rules.window.days).toBe(45)
  expect(current.playbook.damaged.remedies).toEqual(['coupon'])
  expect(current.playbook.couponPercent).toBe(25)
})

test('an invalid playbook and a stale edit are refused and nothing is saved', async () => {
  const shop = await createShop()
  const playbook = structuredClone(DEFAULT_COMPLAINT_PLAYBOOK)
  playbook.couponPercent = 150
  const invalid = await savePlaybook({ shopId: shop.id, staffId: null, playbook, basedOnVersion: 0, now })
  expect(invalid).toMatchObject({ ok: false, code: 'invalid' })
  expect(!invalid.ok && invalid.code === 'invalid' && invalid.issues.map((i) => i.field)).toEqual([
    'playbook.couponPercent',
  ])
  const stale = await savePlaybook({
    shopId: shop.id,
    staffId: null,
    playbook: DEFAULT_COMPLAINT_PLAYBOOK,
    basedOnVersion: 3,
    now,
  })
  expect(stale).toMatchObject({ ok: false, code: 'stale' })
  expect((await getCurrentPolicy({ shopId: shop.id })).version).toBe(0)
})
