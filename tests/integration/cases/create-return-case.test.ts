import { expect, test } from 'vitest'
import { DEFAULT_RETURN_POLICY } from '#app/domain/policy/policy'
import type { ReturnRequest } from '#app/services/cases/cases.schema'
import { createReturnCase } from '#app/services/cases/create-return-case.server'
import { db } from '#db/client'
import { findCaseDetail } from '#db/queries/cases'
import { listNotifications } from '#db/queries/notifications'
import {
  createDraftWithPhotos,
  createOrder,
  createShipment,
  createShop,
  type ItemInput,
} from '#tests/factories'

const now = new Date('2026-03-04T12:00:00Z')
let keys = 0
const key = () => `test-key-${++keys}-${Math.random().toString(36).slice(2, 10)}`

/** An order of the shop (EUR, no tax) shipped three days ago: inside the default 30-day window. */
async function shippedOrder(shopId: string, items: ItemInput[] = [{ quantity: 2, unitPriceMinor: 2500 }]) {
  const order = await createOrder({ shopId, items, placedAt: new Date('2026-02-28T10:00:00Z') })
  await createShipment({ shopId, orderId: order.id, shippedAt: new Date('2026-03-01T10:00:00Z') })
  return order
}

function submit(
  order: { id: string; shopId: string; email: string },
  request: Partial<ReturnRequest> & Pick<ReturnRequest, 'selections'>,
  draftId?: string,
) {
  return createReturnCase({
    shopId: order.shopId,
    orderId: order.id,
    buyerEmail: order.email,
    locale: 'en',
    request: { resolution: 'refund', returnMethod: 'label', idempotencyKey: key(), ...request },
    ...(draftId ? { draftId } : {}),
    now,
  })
}

async function rowCounts(shopId: string) {
  const count = async (table: 'cases' | 'case_items' | 'case_events' | 'notifications' | 'return_policies') =>
    Number(
      (
        await db
          .selectFrom(table)
          .where('shop_id', '=', shopId)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  return {
    cases: await count('cases'),
    items: await count('case_items'),
    events: await count('case_events'),
    notifications: await count('notifications'),
    policies: await count('return_policies'),
  }
}

const number = (caseNumber: string) => Number(caseNumber.slice(2))

test('case numbers run R-1001, R-1002 within a shop and start again for another shop', async () => {
  const shop = await createShop()
  const other = await createShop()
  const a = await shippedOrder(shop.id)
  const b = await shippedOrder(shop.id)
  const c = await shippedOrder(other.id)
  const sel = (o: typeof a) => [
    { lineItemId: o.lineItems[0]!.id, quantity: 1, reason: 'wrong_size' as const },
  ]

  const first = await submit(a, { selections: sel(a) })
  const second = await submit(b, { selections: sel(b) })
  const elsewhere = await submit(c, { selections: sel(c) })

  expect(first.ok && first.value.caseNumber).toBe('R-1001')
  expect(second.ok && second.value.caseNumber).toBe('R-1002')
  expect(elsewhere.ok && elsewhere.value.caseNumber).toBe('R-1001')
})

test('a valid return writes the case, its items, the requested event and the confirmation email, with amounts computed on the server', async () => {
  const shop = await createShop()
  const order = await shippedOrder(shop.id, [
    { quantity: 2, unitPriceMinor: 2500 },
    { quantity: 1, unitPriceMinor: 4000 },
  ])
  const result = await submit(order, {
    selections: [
      { lineItemId: order.lineItems[0]!.id, quantity: 2, reason: 'wrong_size' },
      { lineItemId: order.lineItems[1]!.id, quantity: 1, reason: 'changed_mind', note: 'Too bright' },
    ],
    resolution: 'store_credit',
  })
  expect(result).toMatchObject({ ok: true, value: { caseNumber: 'R-1001', replayed: false } })
  if (!result.ok) return

  const saved = await findCaseDetail(db, shop.id, 1001)
  // 5000 + 4000 paid, one EUR 5.95 return shipping fee, 10% store-credit bonus on what is returned.
  expect(saved).toMatchObject({
    id: result.value.caseId,
    order_id: order.id,
    kind: 'return',
    resolution: 'store_credit',
    return_method: 'label',
    buyer_email: order.email,
    currency: 'EUR',
    paid_total_minor: 9000,
    fees_total_minor: 595,
    total_minor: 8405,
    bonus_minor: 841,
    issued_minor: 9246,
  })
  expect(saved!.items).toHaveLength(2)
  expect(saved!.items).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        line_item_id: order.lineItems[0]!.id,
        quantity: 2,
        reason: 'wrong_size',
        paid_minor: 5000,
        restocking_fee_minor: 0,
        total_minor: 5000,
        keep_item: false,
        note: null,
      }),
      expect.objectContaining({ line_item_id: order.lineItems[1]!.id, paid_minor: 4000, note: 'Too bright' }),
    ]),
  )
  const requested = saved!.events.find((e) => e.type === 'requested')
  expect(requested).toMatchObject({ actor: 'buyer', staff_name: null })
  expect(requested!.details).toMatchObject({
    resolution: 'store_credit',
    returnMethod: 'label',
    totals: { paidMinor: 9000, totalMinor: 8405, bonusMinor: 841, issuedMinor: 9246 },
  })
  const received = await listNotifications(db, { shopId: shop.id, template: 'case-received' })
  expect(received).toEqual([
    expect.objectContaining({
      to_email: order.email,
      locale: 'en',
      case_id: result.value.caseId,
      dedupe_key: `case-received:${result.value.caseId}`,
      payload: {},
      status: 'pending',
    }),
  ])
})

test('a small return for a listed reason is approved by the system and the buyer is told', async () => {
  const shop = await createShop()
  const order = await shippedOrder(shop.id)
  const result = await submit(order, {
    selections: [{ lineItemId: order.lineItems[0]!.id, quantity: 1, reason: 'wrong_size' }],
  })
  expect(result).toMatchObject({ ok: true, value: { state: 'approved', autoApproved: true } })

  const saved = await findCaseDetail(db, shop.id, 1001)
  expect(saved).toMatchObject({ state: 'approved', auto_approved: true, total_minor: 1905 })
  expect(saved!.events.map((e) => [e.type, e.actor])).toEqual([
    ['requested', 'buyer'],
    ['approved', 'system'],
  ])
  expect(saved!.events[1]!.details).toEqual({ auto: true })
  const approved = await listNotifications(db, { shopId: shop.id, template: 'case-approved' })
  expect(approved.map((n) => n.dedupe_key)).toEqual([`case-approved:${saved!.id}`])
})

test('a return the rules cannot approve waits for staff, with the blockers on its timeline', async () => {
  const shop = await createShop()
  const order = await shippedOrder(shop.id, [{ quantity: 1, unitPriceMinor: 25000 }])
  const draft = await createDraftWithPhotos({
    shopId: shop.id,
    orderId: order.id,
    photos: [{ lineItemId: order.lineItems[0]!.id }],
  })
  const result = await submit(
    order,
    {
      selections: [
        {
          lineItemId: order.lineItems[0]!.id,
          quantity: 1,
          reason: 'not_as_described',
          note: 'The colour is nothing like the photo',
        },
      ],
    },
    draft.id,
  )
  expect(result).toMatchObject({ ok: true, value: { state: 'requested', autoApproved: false } })

  const saved = await findCaseDetail(db, shop.id, 1001)
  expect(saved!.state).toBe('requested')
  expect(saved!.events.map((e) => e.type)).toEqual(['requested', 'review_needed'])
  expect(saved!.events[1]).toMatchObject({
    actor: 'system',
    details: { blockers: ['value_too_high', 'reason_not_listed'] },
  })
  expect(await listNotifications(db, { shopId: shop.id, template: 'case-approved' })).toEqual([])
})

test('more units than were bought are refused and nothing is written', async () => {
  const shop = await createShop()
  const order = await shippedOrder(shop.id)
  const before = await rowCounts(shop.id)
  const result = await submit(order, {
    selections: [{ lineItemId: order.lineItems[0]!.id, quantity: 3, reason: 'wrong_size' }],
  })
  expect(result).toMatchObject({
    ok: false,
    code: 'quantity_exceeds_returnable',
    lineItemId: order.lineItems[0]!.id,
  })
  expect(await rowCounts(shop.id)).toEqual(before)
})

test('units already in another case cannot be returned again', async () => {
  const shop = await createShop()
  const order = await shippedOrder(shop.id)
  const lineItemId = order.lineItems[0]!.id
  expect((await submit(order, { selections: [{ lineItemId, quantity: 1, reason: 'wrong_size' }] })).ok).toBe(
    true,
  )
  const before = await rowCounts(shop.id)

  const tooMany = await submit(order, { selections: [{ lineItemId, quantity: 2, reason: 'wrong_size' }] })
  expect(tooMany).toMatchObject({ ok: false, code: 'quantity_exceeds_returnable', lineItemId })
  expect(await rowCounts(shop.id)).toEqual(before)

  // The remaining unit is still returnable; after that, none is.
  expect((await submit(order, { selections: [{ lineItemId, quantity: 1, reason: 'wrong_size' }] })).ok).toBe(
    true,
  )
})

test('a line fully in earlier cases is refused as exceeding what can be returned', async () => {
  const shop = await createShop()
  const order = await shippedOrder(shop.id, [{ quantity: 1 }, { quantity: 1 }])
  const lineItemId = order.lineItems[0]!.id
  await submit(order, { selections: [{ lineItemId, quantity: 1, reason: 'wrong_size' }] })
  const again = await submit(order, { selections: [{ lineItemId, quantity: 1, reason: 'wrong_size' }] })
  expect(again).toMatchObject({ ok: false, code: 'quantity_exceeds_returnable', lineItemId })
})

test('an order that already had the most returns allowed is refused', async () => {
  const shop = await createShop()
  const order = await shippedOrder(shop.id, [{ quantity: 1 }, { quantity: 1 }, { quantity: 1 }])
  const sel = (i: number) => [
    { lineItemId: order.lineItems[i]!.id, quantity: 1, reason: 'wrong_size' as const },
  ]
  expect((await submit(order, { selections: sel(0) })).ok).toBe(true)
  expect((await submit(order, { selections: sel(1) })).ok).toBe(true)
  const before = await rowCounts(shop.id)
  expect(await submit(order, { selections: sel(2) })).toMatchObject({ ok: false, code: 'limit_reached' })
  expect(await rowCounts(shop.id)).toEqual(before)
})

test('an item from another order is refused', async () => {
  const shop = await createShop()
  const order = await shippedOrder(shop.id)
  const other = await shippedOrder(shop.id)
  const result = await submit(order, {
    selections: [{ lineItemId: other.lineItems[0]!.id, quantity: 1, reason: 'wrong_size' }],
  })
  expect(result).toMatchObject({ ok: false, code: 'item_not_in_order', lineItemId: other.lineItems[0]!.id })
  expect(await rowCounts(shop.id)).toMatchObject({ cases: 0, policies: 0 })
})

test("another shop's order is not found", async () => {
  const shop = await createShop()
  const other = await createShop()
  const order = await shippedOrder(other.id)
  const result = await createReturnCase({
    shopId: shop.id,
    orderId: order.id,
    buyerEmail: order.email,
    locale: 'en',
    request: {
      selections: [{ lineItemId: order.lineItems[0]!.id, quantity: 1, reason: 'wrong_size' }],
      resolution: 'refund',
      returnMethod: 'label',
      idempotencyKey: key(),
    },
    now,
  })
  expect(result).toMatchObject({ ok: false, code: 'not_found' })
  expect(await rowCounts(other.id)).toMatchObject({ cases: 0 })
})

test('a resolution the policy does not offer is refused', async () => {
  const shop = await createShop()
  const order = await shippedOrder(shop.id)
  const selections = [{ lineItemId: order.lineItems[0]!.id, quantity: 1, reason: 'wrong_size' as const }]
  expect(await submit(order, { selections, resolution: 'coupon' })).toMatchObject({
    ok: false,
    code: 'resolution_not_allowed',
  })
  // Store credit is on for the shop, but not for damaged items.
  expect(
    await submit(order, {
      selections: [{ lineItemId: order.lineItems[0]!.id, quantity: 1, reason: 'arrived_damaged' }],
      resolution: 'store_credit',
    }),
  ).toMatchObject({ ok: false, code: 'resolution_not_allowed' })
})

test('a final-sale item cannot be returned', async () => {
  const shop = await createShop()
  const order = await shippedOrder(shop.id, [{ productTags: ['Final-Sale'] }])
  const result = await submit(order, {
    selections: [{ lineItemId: order.lineItems[0]!.id, quantity: 1, reason: 'wrong_size' }],
  })
  expect(result).toMatchObject({ ok: false, code: 'item_not_eligible', lineItemId: order.lineItems[0]!.id })
})

test('keeping the items is refused unless every item qualifies as a green return', async () => {
  const shop = await createShop()
  const order = await shippedOrder(shop.id, [
    { quantity: 1, unitPriceMinor: 900 },
    { quantity: 1, unitPriceMinor: 2500 },
  ])
  const damagedCheap = { lineItemId: order.lineItems[0]!.id, quantity: 1, reason: 'arrived_damaged' as const }
  const draft = await createDraftWithPhotos({
    shopId: shop.id,
    orderId: order.id,
    photos: [{ lineItemId: order.lineItems[0]!.id }],
  })
  const refused = await submit(
    order,
    {
      selections: [damagedCheap, { lineItemId: order.lineItems[1]!.id, quantity: 1, reason: 'wrong_size' }],
      returnMethod: 'keep',
    },
    draft.id,
  )
  expect(refused).toMatchObject({
    ok: false,
    code: 'return_method_not_allowed',
    lineItemId: order.lineItems[1]!.id,
  })

  const kept = await submit(order, { selections: [damagedCheap], returnMethod: 'keep' }, draft.id)
  expect(kept.ok).toBe(true)
  const saved = await findCaseDetail(db, shop.id, 1001)
  expect(saved).toMatchObject({ return_method: 'keep', fees_total_minor: 0, total_minor: 900 })
  expect(saved!.items[0]).toMatchObject({ keep_item: true })
})

test('a disabled reason and a malformed request are refused', async () => {
  const shop = await createShop()
  const order = await shippedOrder(shop.id)
  const lineItemId = order.lineItems[0]!.id
  expect(await submit(order, { selections: [], idempotencyKey: key() })).toMatchObject({
    ok: false,
    code: 'invalid_request',
    message: 'Pick at least one item to return',
  })
  expect(await submit(order, { selections: [{ lineItemId, quantity: 1, reason: 'other' }] })).toMatchObject({
    ok: false,
    code: 'invalid_request',
    lineItemId,
  })
  expect(await rowCounts(shop.id)).toMatchObject({ cases: 0 })
})

test('repeating a request with the same idempotency key returns the same case', async () => {
  const shop = await createShop()
  const order = await shippedOrder(shop.id)
  const request = {
    selections: [{ lineItemId: order.lineItems[0]!.id, quantity: 1, reason: 'wrong_size' as const }],
    idempotencyKey: 'double-submit-1',
  }
  const first = await submit(order, request)
  const again = await submit(order, request)
  expect(first).toMatchObject({ ok: true, value: { replayed: false } })
  expect(again).toEqual({
    ok: true,
    value: { ...(first.ok ? first.value : {}), replayed: true },
  })
  expect(await rowCounts(shop.id)).toMatchObject({ cases: 1, items: 1, notifications: 2 })
})

test('two submissions with the same key at the same moment create one case', async () => {
  const shop = await createShop()
  const order = await shippedOrder(shop.id)
  const request = {
    selections: [{ lineItemId: order.lineItems[0]!.id, quantity: 1, reason: 'wrong_size' as const }],
    idempotencyKey: 'concurrent-submit-1',
  }
  const results = await Promise.all([submit(order, request), submit(order, request)])
  expect(results.every((r) => r.ok)).toBe(true)
  const values = results.flatMap((r) => (r.ok ? [r.value] : []))
  expect(new Set(values.map((v) => v.caseId)).size).toBe(1)
  expect(values.map((v) => v.replayed).sort()).toEqual([false, true])
  expect(await rowCounts(shop.id)).toMatchObject({ cases: 1, items: 1 })
})

test('the first case of a shop stores the default policy as version 1 and references it', async () => {
  const shop = await createShop()
  const order = await shippedOrder(shop.id)
  const result = await submit(order, {
    selections: [{ lineItemId: order.lineItems[0]!.id, quantity: 1, reason: 'wrong_size' }],
  })
  expect(result.ok).toBe(true)
  const versions = await db
    .selectFrom('return_policies')
    .select(['id', 'version', 'rules', 'note', 'created_by'])
    .where('shop_id', '=', shop.id)
    .execute()
  expect(versions).toEqual([
    {
      id: expect.any(String),
      version: 1,
      rules: DEFAULT_RETURN_POLICY,
      note: 'Homebound defaults at first case',
      created_by: null,
    },
  ])
  const saved = await findCaseDetail(db, shop.id, result.ok ? number(result.value.caseNumber) : 0)
  expect(saved!.policy_id).toBe(versions[0]!.id)

  // A second case reuses that version rather than writing another.
  const next = await submit(order, {
    selections: [{ lineItemId: order.lineItems[0]!.id, quantity: 1, reason: 'wrong_size' }],
  })
  expect(next.ok).toBe(true)
  expect(await rowCounts(shop.id)).toMatchObject({ policies: 1, cases: 2 })
})

test('two first cases of a shop at the same moment share one stored default policy', async () => {
  const shop = await createShop()
  const a = await shippedOrder(shop.id)
  const b = await shippedOrder(shop.id)
  const results = await Promise.all(
    [a, b].map((order) =>
      submit(order, {
        selections: [{ lineItemId: order.lineItems[0]!.id, quantity: 1, reason: 'wrong_size' }],
      }),
    ),
  )
  expect(results.map((r) => r.ok)).toEqual([true, true])
  const versions = await db
    .selectFrom('return_policies')
    .select('id')
    .where('shop_id', '=', shop.id)
    .execute()
  expect(versions).toHaveLength(1)
  const policyIds = await db.selectFrom('cases').select('policy_id').where('shop_id', '=', shop.id).execute()
  expect(policyIds.map((c) => c.policy_id)).toEqual([versions[0]!.id, versions[0]!.id])
})

test('a policy saved while a case is being opened waits for it, so the case keeps the version it was computed under', async () => {
  const { savePolicy } = await import('#app/services/policies/policies.server')
  const shop = await createShop()
  const order = await shippedOrder(shop.id)
  const stricter = structuredClone(DEFAULT_RETURN_POLICY)
  stricter.window.days = 1
  for (let i = 0; i < 5; i++) {
    const basedOn = (
      await db
        .selectFrom('return_policies')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('shop_id', '=', shop.id)
        .executeTakeFirst()
    )?.v
    const [opened] = await Promise.all([
      submit(order, {
        selections: [{ lineItemId: order.lineItems[0]!.id, quantity: 1, reason: 'wrong_size' }],
      }),
      savePolicy({
        shopId: shop.id,
        staffId: null,
        rules: i % 2 ? DEFAULT_RETURN_POLICY : stricter,
        basedOnVersion: basedOn ?? 0,
        now,
      }),
    ])
    if (!opened.ok) continue
    // Whatever order the two ran in, the case's amounts match the rules of the version it references.
    const saved = await findCaseDetail(db, shop.id, number(opened.value.caseNumber))
    const version = await db
      .selectFrom('return_policies')
      .select('rules')
      .where('id', '=', saved!.policy_id)
      .executeTakeFirstOrThrow()
    expect(version.rules.window.days === 1 && opened.ok).toBe(false)
  }
})

test("a reason that asks for photos is refused without them, and the draft's photos go to the case", async () => {
  const shop = await createShop()
  const order = await shippedOrder(shop.id)
  const lineItemId = order.lineItems[0]!.id
  const damaged = { lineItemId, quantity: 1, reason: 'arrived_damaged' as const }
  expect(await submit(order, { selections: [damaged] })).toMatchObject({
    ok: false,
    code: 'photos_required',
    lineItemId,
  })
  expect((await rowCounts(shop.id)).cases).toBe(0)

  const draft = await createDraftWithPhotos({
    shopId: shop.id,
    orderId: order.id,
    photos: [{ lineItemId, count: 2 }],
  })
  const created = await submit(order, { selections: [damaged], idempotencyKey: draft.id }, draft.id)
  expect(created.ok).toBe(true)
  const photos = await db
    .selectFrom('photos')
    .select(['case_id', 'draft_id'])
    .where('shop_id', '=', shop.id)
    .execute()
  const saved = await findCaseDetail(db, shop.id, 1001)
  expect(photos).toHaveLength(2)
  expect(photos.every((p) => p.case_id === saved!.id)).toBe(true)
  const draftRow = await db
    .selectFrom('wizard_drafts')
    .select('case_id')
    .where('id', '=', draft.id)
    .executeTakeFirst()
  expect(draftRow?.case_id).toBe(saved!.id)

  // The same draft again is a replay of the same case, not a second one.
  const again = await submit(order, { selections: [damaged], idempotencyKey: draft.id }, draft.id)
  expect(again).toMatchObject({ ok: true, value: { caseNumber: 'R-1001', replayed: true } })
})
