// What happens to a case after it is opened: staff actions through the state machine, the buyer's answer
// and messages, cancel, and the views each side reads. Every refused action leaves the case unchanged.
import { expect, test } from 'vitest'
import {
  actOnCaseAsStaff,
  cancelCaseAsBuyer,
  replyToCaseAsBuyer,
} from '#app/services/cases/case-actions.server'
import { getBuyerCase, getStaffCase } from '#app/services/cases/case-view.server'
import { DEFAULT_RETURN_POLICY, type ResolutionTiming } from '#app/domain/policy/policy'
import { savePolicy } from '#app/services/policies/policies.server'
import { createReturnCase } from '#app/services/cases/create-return-case.server'
import { db } from '#db/client'
import { listNotifications } from '#db/queries/notifications'
import { createOrder, createShipment, createShop, createStaff } from '#tests/factories'

const DAY = 86_400_000

async function openCase(value = 25000, timing?: ResolutionTiming) {
  const shop = await createShop()
  const staff = await createStaff({ shopId: shop.id, role: 'agent', name: 'Sam Agent' })
  if (timing) {
    const saved = await savePolicy({
      shopId: shop.id,
      staffId: null,
      rules: { ...DEFAULT_RETURN_POLICY, timing },
      basedOnVersion: 0,
      now: new Date(),
    })
    if (!saved.ok) throw new Error(saved.message)
  }
  const order = await createOrder({
    shopId: shop.id,
    items: [{ quantity: 1, unitPriceMinor: value }],
    placedAt: new Date(Date.now() - 5 * DAY),
  })
  await createShipment({ shopId: shop.id, orderId: order.id, shippedAt: new Date(Date.now() - 4 * DAY) })
  const created = await createReturnCase({
    shopId: shop.id,
    orderId: order.id,
    buyerEmail: order.email,
    locale: 'ru',
    request: {
      selections: [{ lineItemId: order.lineItems[0]!.id, quantity: 1, reason: 'changed_mind' }],
      resolution: 'refund',
      returnMethod: 'label',
      idempotencyKey: crypto.randomUUID(),
    },
    now: new Date(),
  })
  if (!created.ok) throw new Error(created.message)
  return { shop, staff, order, caseNumber: 1001 }
}

const now = () => new Date()

test('staff ask a question, the buyer answers with a message, and the case goes back to staff', async () => {
  const c = await openCase()
  expect(
    await actOnCaseAsStaff({
      shopId: c.shop.id,
      staffId: c.staff.id,
      caseNumber: 1001,
      command: 'request_info',
      now: now(),
    }),
  ).toMatchObject({ ok: false, code: 'message_required' })
  expect(
    await actOnCaseAsStaff({
      shopId: c.shop.id,
      staffId: c.staff.id,
      caseNumber: 1001,
      command: 'request_info',
      message: 'Is the tag still attached?',
      now: now(),
    }),
  ).toEqual({ ok: true, state: 'needs_info', changed: true })
  const waiting = await getBuyerCase({ shopId: c.shop.id, orderId: c.order.id, caseNumber: 1001, now: now() })
  expect(waiting).toMatchObject({
    state: 'needs_info',
    openQuestion: 'Is the tag still attached?',
    next: 'buyer_answer',
  })
  // The buyer never sees which staff member acted.
  expect(waiting!.events.every((e) => e.staffName === null)).toBe(true)

  expect(
    await replyToCaseAsBuyer({
      shopId: c.shop.id,
      orderId: c.order.id,
      caseNumber: 1001,
      message: ' ',
      files: [],
      now: now(),
    }),
  ).toMatchObject({ ok: false, code: 'message_required' })
  expect(
    await replyToCaseAsBuyer({
      shopId: c.shop.id,
      orderId: c.order.id,
      caseNumber: 1001,
      message: 'Yes, never worn.',
      files: [],
      now: now(),
    }),
  ).toEqual({ ok: true, state: 'requested', changed: true })

  const staffView = await getStaffCase({ shopId: c.shop.id, caseNumber: 1001, now: now() })
  expect(staffView!.events.map((e) => e.type)).toEqual([
    'requested',
    'review_needed',
    'info_requested',
    'info_provided',
  ])
  expect(staffView!.events[2]).toMatchObject({
    actor: 'staff',
    staffName: 'Sam Agent',
    message: 'Is the tag still attached?',
  })
  expect(staffView!.events[3]).toMatchObject({ actor: 'buyer', message: 'Yes, never worn.' })
  const mail = await listNotifications(db, { shopId: c.shop.id, template: 'case-needs-info' })
  expect(mail).toHaveLength(1)
  expect(mail[0]).toMatchObject({ locale: 'ru', payload: { question: 'Is the tag still attached?' } })
})

test('a rejection needs a reason the buyer reads; a second reject is refused and changes nothing', async () => {
  const c = await openCase()
  const reject = (message?: string) =>
    actOnCaseAsStaff({
      shopId: c.shop.id,
      staffId: c.staff.id,
      caseNumber: 1001,
      command: 'reject',
      message,
      now: now(),
    })
  expect(await reject()).toMatchObject({ ok: false, code: 'message_required' })
  expect(await reject('Worn items cannot be returned.')).toEqual({
    ok: true,
    state: 'rejected',
    changed: true,
  })
  expect(await reject('Again')).toEqual({ ok: true, state: 'rejected', changed: false })
  const approve = await actOnCaseAsStaff({
    shopId: c.shop.id,
    staffId: c.staff.id,
    caseNumber: 1001,
    command: 'approve',
    now: now(),
  })
  expect(approve).toMatchObject({ ok: false, code: 'invalid_transition' })
  const view = await getStaffCase({ shopId: c.shop.id, caseNumber: 1001, now: now() })
  expect(view!.state).toBe('rejected')
  expect(view!.events.filter((e) => e.type === 'rejected')).toHaveLength(1)
  const mail = await listNotifications(db, { shopId: c.shop.id, template: 'case-rejected' })
  expect(mail.map((m) => m.payload)).toEqual([
    { caseNumber: 'R-1001', locale: 'ru', reason: 'Worn items cannot be returned.' },
  ])
  // A finished case takes no more messages from the buyer.
  expect(
    await replyToCaseAsBuyer({
      shopId: c.shop.id,
      orderId: c.order.id,
      caseNumber: 1001,
      message: 'Why?',
      files: [],
      now: now(),
    }),
  ).toMatchObject({ ok: false, code: 'invalid_transition' })
})

test('approve → label → on its way → received → resolved, each with its event, and the buyer may cancel only before sending', async () => {
  const c = await openCase()
  const act = (command: 'approve' | 'issue_label' | 'scan_return' | 'receive' | 'resolve') =>
    actOnCaseAsStaff({ shopId: c.shop.id, staffId: c.staff.id, caseNumber: 1001, command, now: now() })
  expect(await act('approve')).toMatchObject({ ok: true, state: 'approved' })
  expect(await act('issue_label')).toMatchObject({ ok: true, state: 'awaiting_return' })
  expect(await act('scan_return')).toMatchObject({ ok: true, state: 'return_in_transit' })
  expect(
    await cancelCaseAsBuyer({ shopId: c.shop.id, orderId: c.order.id, caseNumber: 1001, now: now() }),
  ).toMatchObject({
    ok: false,
    code: 'invalid_transition',
  })
  expect(await act('receive')).toMatchObject({ ok: true, state: 'received' })
  expect(await act('resolve')).toMatchObject({ ok: true, state: 'resolved' })
  const view = await getBuyerCase({ shopId: c.shop.id, orderId: c.order.id, caseNumber: 1001, now: now() })
  expect(view).toMatchObject({ state: 'resolved', next: 'done' })
  expect(view!.outcomeBy).not.toBeNull()
  const templates = (await listNotifications(db, { shopId: c.shop.id })).map((n) => n.template)
  expect(templates).toEqual(['case-received', 'case-approved', 'case-label', 'case-resolved'])
})

test('the buyer cancels an open case; another order or shop cannot see or touch it', async () => {
  const c = await openCase()
  const other = await openCase()
  expect(
    await getBuyerCase({ shopId: c.shop.id, orderId: other.order.id, caseNumber: 1001, now: now() }),
  ).toBeNull()
  expect(
    await cancelCaseAsBuyer({ shopId: c.shop.id, orderId: other.order.id, caseNumber: 1001, now: now() }),
  ).toMatchObject({ ok: false, code: 'not_found' })
  expect(
    await actOnCaseAsStaff({
      shopId: other.shop.id,
      staffId: other.staff.id,
      caseNumber: 1002,
      command: 'approve',
      now: now(),
    }),
  ).toMatchObject({ ok: false, code: 'not_found' })
  expect(
    await cancelCaseAsBuyer({ shopId: c.shop.id, orderId: c.order.id, caseNumber: 1001, now: now() }),
  ).toEqual({
    ok: true,
    state: 'canceled',
    changed: true,
  })
  const view = await getBuyerCase({ shopId: c.shop.id, orderId: c.order.id, caseNumber: 1001, now: now() })
  expect(view).toMatchObject({ state: 'canceled', next: 'none' })
})

test('once a refund is released for an approved return, the buyer can no longer cancel it', async () => {
  // A small return for a listed reason is approved at once; this shop pays at approval.
  const c = await openCase(2000, { moneyMoves: 'approval', replacementShips: 'approval' })
  const view = await getBuyerCase({ shopId: c.shop.id, orderId: c.order.id, caseNumber: 1001, now: now() })
  expect(view!.state).toBe('approved')
  const planned = await db
    .selectFrom('resolutions')
    .select(['kind', 'status'])
    .where('shop_id', '=', c.shop.id)
    .orderBy('kind')
    .execute()
  expect(planned).toEqual([
    { kind: 'refund', status: 'pending' },
    { kind: 'return_label', status: 'pending' },
  ])
  expect(
    await cancelCaseAsBuyer({ shopId: c.shop.id, orderId: c.order.id, caseNumber: 1001, now: now() }),
  ).toMatchObject({
    ok: false,
    code: 'invalid_transition',
  })
  const after = await getBuyerCase({ shopId: c.shop.id, orderId: c.order.id, caseNumber: 1001, now: now() })
  expect(after!.state).toBe('approved')
})

test('a refund still waiting for the parcel goes with the case when the buyer cancels before sending it', async () => {
  const c = await openCase(2000, { moneyMoves: 'first_scan', replacementShips: 'first_scan' })
  expect(
    await cancelCaseAsBuyer({ shopId: c.shop.id, orderId: c.order.id, caseNumber: 1001, now: now() }),
  ).toMatchObject({ ok: true, state: 'canceled' })
  const rows = await db
    .selectFrom('resolutions')
    .select(['kind', 'status'])
    .where('shop_id', '=', c.shop.id)
    .orderBy('kind')
    .execute()
  expect(rows).toEqual([
    { kind: 'refund', status: 'canceled' },
    { kind: 'return_label', status: 'pending' },
  ])
})
