// Receiving a return, item by item: staff receive, inspect, restock or dispose of each item, each a step
// of its own with who and when; the money moves at the moment the shop's policy chose (here mostly "once
// inspected"), an inspection that finds a problem holds it for staff to decide, and staff may release it
// early. A refused step writes nothing. The issue-resolution job runs through graphile-worker as in
// production, paying into the sandbox ledger.
import { Logger, runOnce } from 'graphile-worker'
import { sql } from 'kysely'
import { describe, expect, test } from 'vitest'
import { taskList } from '#app/jobs/worker'
import { DEFAULT_RETURN_POLICY, type ResolutionTiming } from '#app/domain/policy/policy'
import { actOnCaseAsStaff, cancelCaseAsBuyer } from '#app/services/cases/case-actions.server'
import { getBuyerCase, getStaffCase } from '#app/services/cases/case-view.server'
import { createReturnCase } from '#app/services/cases/create-return-case.server'
import {
  declineRefund,
  inspectItem,
  receiveItems,
  releaseNow,
  setItemDisposition,
} from '#app/services/cases/receiving.server'
import { savePolicy } from '#app/services/policies/policies.server'
import { releaseResolutions } from '#app/services/resolutions/release.server'
import { db } from '#db/client'
import { listNotifications } from '#db/queries/notifications'
import { listLedgerEntries } from '#db/queries/sandbox-ledger'
import { createOrder, createShipment, createShop, createStaff } from '#tests/factories'

const DAY = 86_400_000
const now = () => new Date()

async function openReturn(opts: {
  timing?: ResolutionTiming
  prices?: number[]
  resolution?: 'refund' | 'store_credit'
  returnMethod?: 'label' | 'drop_off' | 'keep'
  shop?: { id: string }
  /** Changes to the default policy (the timing is set apart). */
  rules?: (p: typeof DEFAULT_RETURN_POLICY) => typeof DEFAULT_RETURN_POLICY
}) {
  const shop = opts.shop ?? (await createShop())
  const staff = await createStaff({
    shopId: shop.id,
    role: 'agent',
    name: `Agent ${crypto.randomUUID().slice(0, 4)}`,
  })
  if (!opts.shop) {
    const saved = await savePolicy({
      shopId: shop.id,
      staffId: null,
      rules: {
        ...(opts.rules ?? ((p) => p))(structuredClone(DEFAULT_RETURN_POLICY)),
        timing: opts.timing ?? { moneyMoves: 'inspected', replacementShips: 'first_scan' },
      },
      basedOnVersion: 0,
      now: now(),
    })
    if (!saved.ok) throw new Error(saved.message)
  }
  const prices = opts.prices ?? [10_000, 15_000]
  const order = await createOrder({
    shopId: shop.id,
    items: prices.map((unitPriceMinor, i) => ({ unitPriceMinor, title: `Item ${i + 1}` })),
    placedAt: new Date(Date.now() - 5 * DAY),
  })
  await createShipment({ shopId: shop.id, orderId: order.id, shippedAt: new Date(Date.now() - 4 * DAY) })
  const key = crypto.randomUUID()
  const created = await createReturnCase({
    shopId: shop.id,
    orderId: order.id,
    buyerEmail: order.email,
    locale: 'en',
    request: {
      selections: order.lineItems.map((li) => ({
        lineItemId: li.id,
        quantity: 1,
        reason: 'changed_mind' as const,
      })),
      resolution: opts.resolution ?? 'refund',
      returnMethod: opts.returnMethod ?? 'label',
      idempotencyKey: key,
    },
    now: now(),
  })
  if (!created.ok) throw new Error(created.message)
  const c = await db
    .selectFrom('cases')
    .select(['id', 'number', 'state', 'issued_minor'])
    .where('shop_id', '=', shop.id)
    .where('idempotency_key', '=', key)
    .executeTakeFirstOrThrow()
  const items = await db
    .selectFrom('case_items')
    .select(['id', 'line_item_id'])
    .where('case_id', '=', c.id)
    .orderBy('total_minor')
    .execute()
  const who = { shopId: shop.id, staffId: staff.id, caseNumber: c.number }
  return { shop, staff, order, case: c, items: items.map((i) => i.id), who }
}

type Opened = Awaited<ReturnType<typeof openReturn>>

async function approve(x: Opened) {
  const r = await actOnCaseAsStaff({ ...x.who, command: 'approve', now: now() })
  if (!r.ok) throw new Error(r.message)
  return r
}

async function money(x: Opened) {
  return db
    .selectFrom('resolutions')
    .select(['id', 'kind', 'status', 'amount_minor', 'released_at', 'release_on'])
    .where('shop_id', '=', x.shop.id)
    .where('case_id', '=', x.case.id)
    .where('kind', '<>', 'return_label')
    .orderBy('created_at')
    .execute()
}

async function eventTypes(x: Opened) {
  const rows = await db
    .selectFrom('case_events')
    .select(['type', 'actor_staff_id'])
    .where('case_id', '=', x.case.id)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  return rows.map((r) => r.type)
}

/** Everything a refused step must leave untouched. */
async function snapshot(x: Opened) {
  const [c, items, events, res, mail] = await Promise.all([
    db.selectFrom('cases').selectAll().where('id', '=', x.case.id).executeTakeFirstOrThrow(),
    db.selectFrom('case_items').selectAll().where('case_id', '=', x.case.id).orderBy('id').execute(),
    db
      .selectFrom('case_events')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('case_id', '=', x.case.id)
      .executeTakeFirstOrThrow(),
    db.selectFrom('resolutions').selectAll().where('case_id', '=', x.case.id).orderBy('id').execute(),
    db
      .selectFrom('notifications')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('case_id', '=', x.case.id)
      .executeTakeFirstOrThrow(),
  ])
  return { c, items, events: events.n, res, mail: mail.n }
}

async function runJobs() {
  await runOnce({
    connectionString: process.env.DATABASE_URL!,
    logger: new Logger(() => () => undefined),
    taskList: { 'issue-resolution': taskList['issue-resolution']! },
  })
}

async function queuedJobsFor(ids: string[]) {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from graphile_worker._private_jobs j
    join graphile_worker._private_tasks t on t.id = j.task_id
    where t.identifier = 'issue-resolution' and (j.payload ->> 'resolutionId') = any(${ids})`.execute(db)
  return rows[0]!.n
}

describe('each staff step', () => {
  test('receive one item: the case is received (the delivery moment), the item records who and when', async () => {
    const x = await openReturn({ timing: { moneyMoves: 'delivered', replacementShips: 'first_scan' } })
    await approve(x)
    const r = await receiveItems({ ...x.who, itemIds: [x.items[0]!], now: now() })
    expect(r).toMatchObject({ ok: true, state: 'received', changed: true, released: ['refund'] })
    const item = await db
      .selectFrom('case_items')
      .selectAll()
      .where('id', '=', x.items[0]!)
      .executeTakeFirstOrThrow()
    expect(item.received_at).not.toBeNull()
    expect(item.received_by).toBe(x.staff.id)
    const other = await db
      .selectFrom('case_items')
      .selectAll()
      .where('id', '=', x.items[1]!)
      .executeTakeFirstOrThrow()
    expect(other.received_at).toBeNull()
    expect(await eventTypes(x)).toEqual(
      expect.arrayContaining(['items_received', 'received', 'resolutions_released']),
    )
    const [refund] = await money(x)
    expect(refund).toMatchObject({ kind: 'refund', status: 'pending' })
    expect(await queuedJobsFor([refund!.id])).toBe(1)

    // The second item later: no second state change, nothing released twice.
    const again = await receiveItems({ ...x.who, itemIds: [x.items[1]!], now: now() })
    expect(again).toMatchObject({ ok: true, state: 'received', released: [] })
    expect((await eventTypes(x)).filter((t) => t === 'received')).toHaveLength(1)
    // Receiving what is received already is harmless.
    expect(await receiveItems({ ...x.who, itemIds: 'all', now: now() })).toMatchObject({
      ok: true,
      changed: false,
    })
  })

  test('inspect, restock and dispose each write their columns and an event with the staff member', async () => {
    const x = await openReturn({})
    await approve(x)
    await receiveItems({ ...x.who, itemIds: 'all', now: now() })
    expect(
      await inspectItem({
        ...x.who,
        itemId: x.items[0]!,
        condition: 'as_expected',
        note: 'Tags on',
        now: now(),
      }),
    ).toMatchObject({ ok: true })
    expect(
      await setItemDisposition({ ...x.who, itemId: x.items[0]!, disposition: 'restock', now: now() }),
    ).toMatchObject({
      ok: true,
    })
    expect(
      await setItemDisposition({ ...x.who, itemId: x.items[1]!, disposition: 'dispose', now: now() }),
    ).toMatchObject({
      ok: true,
    })
    const rows = await db.selectFrom('case_items').selectAll().where('case_id', '=', x.case.id).execute()
    const first = rows.find((r) => r.id === x.items[0])!
    expect(first).toMatchObject({
      condition: 'as_expected',
      inspection_note: 'Tags on',
      inspected_by: x.staff.id,
      disposition: 'restock',
      disposition_by: x.staff.id,
    })
    expect(rows.find((r) => r.id === x.items[1])).toMatchObject({
      disposition: 'dispose',
      inspected_at: null,
    })
    const events = await db
      .selectFrom('case_events')
      .select(['type', 'actor_staff_id'])
      .where('case_id', '=', x.case.id)
      .where('type', 'in', ['item_inspected', 'item_restocked', 'item_disposed'])
      .execute()
    expect(events).toHaveLength(3)
    expect(events.every((e) => e.actor_staff_id === x.staff.id)).toBe(true)

    // Staff see the steps; the buyer's timeline leaves the item-level steps out.
    const staffView = (await getStaffCase({ shopId: x.shop.id, caseNumber: x.case.number, now: now() }))!
    expect(staffView.items.find((i) => i.caseItemId === x.items[0])).toMatchObject({
      condition: 'as_expected',
      inspectionNote: 'Tags on',
      disposition: 'restock',
    })
    const buyerView = (await getBuyerCase({
      shopId: x.shop.id,
      orderId: x.order.id,
      caseNumber: x.case.number,
      now: now(),
    }))!
    expect(buyerView.events.map((e) => e.type)).not.toContain('item_restocked')
    expect(buyerView.items[0]!.inspectionNote).toBeNull()
  })
})

describe('refusals write nothing', () => {
  test('inspect before receive, dispose twice, restock after dispose, an unknown condition', async () => {
    const x = await openReturn({})
    await approve(x)
    const before = await snapshot(x)
    expect(await inspectItem({ ...x.who, itemId: x.items[0]!, condition: 'damaged', now: now() })).toEqual({
      ok: false,
      code: 'refused',
      message: 'Mark the item received before inspecting it.',
    })
    expect(
      await setItemDisposition({ ...x.who, itemId: x.items[0]!, disposition: 'dispose', now: now() }),
    ).toMatchObject({
      ok: false,
      code: 'refused',
      message: 'Mark the item received before it is disposed of.',
    })
    expect(
      await inspectItem({ ...x.who, itemId: x.items[0]!, condition: 'broken', now: now() }),
    ).toMatchObject({
      ok: false,
      code: 'invalid_input',
    })
    expect(await snapshot(x)).toEqual(before)

    await receiveItems({ ...x.who, itemIds: [x.items[0]!], now: now() })
    await setItemDisposition({ ...x.who, itemId: x.items[0]!, disposition: 'dispose', now: now() })
    const disposed = await snapshot(x)
    expect(
      await setItemDisposition({ ...x.who, itemId: x.items[0]!, disposition: 'dispose', now: now() }),
    ).toEqual({
      ok: false,
      code: 'refused',
      message: 'This item was already disposed of; that cannot be done twice or undone here.',
    })
    expect(
      await setItemDisposition({ ...x.who, itemId: x.items[0]!, disposition: 'restock', now: now() }),
    ).toMatchObject({
      ok: false,
      code: 'refused',
    })
    expect(await snapshot(x)).toEqual(disposed)
  })

  test('an item of another case or another shop is not this case’s', async () => {
    const x = await openReturn({})
    const sameShop = await openReturn({ shop: x.shop })
    const otherShop = await openReturn({})
    await approve(x)
    const before = await snapshot(x)
    for (const itemId of [sameShop.items[0]!, otherShop.items[0]!]) {
      expect(await receiveItems({ ...x.who, itemIds: [itemId], now: now() })).toEqual({
        ok: false,
        code: 'unknown_item',
        message: `That item is not part of case R-${x.case.number}. Reload the page and try again.`,
      })
      expect(await inspectItem({ ...x.who, itemId, condition: 'as_expected', now: now() })).toMatchObject({
        code: 'unknown_item',
      })
    }
    // Another shop's staff cannot reach this case by its number.
    expect(
      await receiveItems({ ...otherShop.who, caseNumber: x.case.number + 1000, itemIds: 'all', now: now() }),
    ).toMatchObject({ ok: false, code: 'not_found' })
    // Nor can a mix of a good and a foreign item receive the good one.
    expect(
      await receiveItems({ ...x.who, itemIds: [x.items[0]!, otherShop.items[0]!], now: now() }),
    ).toMatchObject({
      code: 'unknown_item',
    })
    expect(await snapshot(x)).toEqual(before)
  })

  test('a case waiting for review, canceled, rejected, or with nothing coming back', async () => {
    const waiting = await openReturn({})
    let before = await snapshot(waiting)
    expect(await receiveItems({ ...waiting.who, itemIds: 'all', now: now() })).toEqual({
      ok: false,
      code: 'refused',
      message: 'This case is still waiting for review, so its items cannot be received. Approve it first.',
    })
    expect(await snapshot(waiting)).toEqual(before)

    const canceled = await openReturn({})
    await cancelCaseAsBuyer({
      shopId: canceled.shop.id,
      orderId: canceled.order.id,
      caseNumber: canceled.case.number,
      now: now(),
    })
    before = await snapshot(canceled)
    expect(await receiveItems({ ...canceled.who, itemIds: 'all', now: now() })).toMatchObject({
      ok: false,
      message: 'This case is canceled, so its items cannot be received.',
    })
    expect(await releaseNow({ ...canceled.who, resolutionId: 'all', now: now() })).toMatchObject({
      ok: false,
    })
    expect(await snapshot(canceled)).toEqual(before)

    const rejected = await openReturn({})
    await actOnCaseAsStaff({ ...rejected.who, command: 'reject', message: 'Outside the window', now: now() })
    before = await snapshot(rejected)
    expect(
      await inspectItem({ ...rejected.who, itemId: rejected.items[0]!, condition: 'damaged', now: now() }),
    ).toMatchObject({
      ok: false,
      message: 'This case is rejected, so its items cannot be inspected.',
    })
    expect(await snapshot(rejected)).toEqual(before)

    // Kept items never come back; the case-level "receive" command says the same.
    // A shop that lets buyers keep cheap items even when they changed their mind.
    const kept = await openReturn({
      prices: [1_000],
      returnMethod: 'keep',
      rules: (p) => {
        p.reasons.changed_mind.waiveReturnShipping = true
        return p
      },
    })
    if (kept.case.state === 'requested') await approve(kept)
    before = await snapshot(kept)
    expect(await receiveItems({ ...kept.who, itemIds: 'all', now: now() })).toMatchObject({
      ok: false,
      message: 'The buyer keeps the items of this return, so there is nothing to receive or inspect.',
    })
    expect(await actOnCaseAsStaff({ ...kept.who, command: 'receive', now: now() })).toMatchObject({
      ok: false,
    })
    expect(await snapshot(kept)).toEqual(before)
  })
})

describe('money on inspection', () => {
  test('released once every item that came back is inspected as expected; the job pays it and resolves the case', async () => {
    const x = await openReturn({})
    await approve(x)
    await receiveItems({ ...x.who, itemIds: 'all', now: now() })
    expect((await money(x))[0]).toMatchObject({ status: 'waiting', release_on: 'inspected' })
    expect(
      await inspectItem({ ...x.who, itemId: x.items[0]!, condition: 'as_expected', now: now() }),
    ).toMatchObject({
      released: [],
    })
    expect((await money(x))[0]!.status).toBe('waiting')
    expect(
      await inspectItem({ ...x.who, itemId: x.items[1]!, condition: 'as_expected', now: now() }),
    ).toMatchObject({
      released: ['refund'],
    })
    const [refund] = await money(x)
    expect(refund!.status).toBe('pending')

    // The buyer sees the refund on its way with a date ahead.
    const buyer = (await getBuyerCase({
      shopId: x.shop.id,
      orderId: x.order.id,
      caseNumber: x.case.number,
      now: now(),
    }))!
    expect(buyer.expectation).toMatchObject({
      kind: 'refund',
      stage: 'released',
      amountMinor: x.case.issued_minor,
    })
    expect(new Date(buyer.expectation!.by!).getTime()).toBeGreaterThan(Date.now())

    await runJobs()
    expect(await listLedgerEntries(db, x.shop.id)).toHaveLength(1)
    const after = (await getBuyerCase({
      shopId: x.shop.id,
      orderId: x.order.id,
      caseNumber: x.case.number,
      now: now(),
    }))!
    expect(after.state).toBe('resolved')
    expect(after.issuedAt).not.toBeNull()
    expect(await listNotifications(db, { shopId: x.shop.id, template: 'case-resolved' })).toHaveLength(1)
  })

  test('an inspection that finds a problem holds the money; staff release it anyway', async () => {
    const x = await openReturn({})
    await approve(x)
    await receiveItems({ ...x.who, itemIds: 'all', now: now() })
    expect(
      await inspectItem({
        ...x.who,
        itemId: x.items[0]!,
        condition: 'damaged',
        note: 'Seam torn',
        now: now(),
      }),
    ).toMatchObject({ ok: true, held: true, released: [] })
    expect(
      await inspectItem({ ...x.who, itemId: x.items[1]!, condition: 'as_expected', now: now() }),
    ).toMatchObject({
      ok: true,
      held: true,
      released: [],
    })
    expect((await money(x))[0]!.status).toBe('waiting')
    // Nor does any later automatic moment (a carrier event arriving late) release it while held.
    expect(
      await db
        .transaction()
        .execute((trx) =>
          releaseResolutions(trx, { shopId: x.shop.id, caseId: x.case.id, reached: 'inspected', at: now() }),
        ),
    ).toEqual([])
    const staff = (await getStaffCase({ shopId: x.shop.id, caseNumber: x.case.number, now: now() }))!
    expect(staff.releaseHeld).toBe(true)
    expect(staff.waiting.map((w) => w.kind)).toEqual(['refund'])
    const buyer = (await getBuyerCase({
      shopId: x.shop.id,
      orderId: x.order.id,
      caseNumber: x.case.number,
      now: now(),
    }))!
    expect(buyer).toMatchObject({ next: 'inspection_problem', expectation: { stage: 'held', by: null } })

    expect(await releaseNow({ ...x.who, resolutionId: 'all', now: now() })).toMatchObject({
      ok: true,
      released: ['refund'],
      held: false,
    })
    expect(
      (await getStaffCase({ shopId: x.shop.id, caseNumber: x.case.number, now: now() }))!.releaseHeld,
    ).toBe(false)
    await runJobs()
    expect((await getStaffCase({ shopId: x.shop.id, caseNumber: x.case.number, now: now() }))!.state).toBe(
      'resolved',
    )
    expect(await listLedgerEntries(db, x.shop.id)).toHaveLength(1)
  })

  test('or decline it with a reason the buyer reads: received, never refunded', async () => {
    const x = await openReturn({})
    await approve(x)
    await receiveItems({ ...x.who, itemIds: 'all', now: now() })
    await inspectItem({ ...x.who, itemId: x.items[0]!, condition: 'not_as_described', now: now() })
    const before = await snapshot(x)
    expect(await declineRefund({ ...x.who, reason: '   ', now: now() })).toMatchObject({
      ok: false,
      code: 'message_required',
    })
    expect(await snapshot(x)).toEqual(before)
    expect(
      await declineRefund({ ...x.who, reason: 'The jacket sent back is not the one we sold.', now: now() }),
    ).toMatchObject({ ok: true, state: 'resolved', resolved: true })
    expect((await money(x))[0]!.status).toBe('canceled')
    await runJobs()
    expect(await listLedgerEntries(db, x.shop.id)).toEqual([])
    const buyer = (await getBuyerCase({
      shopId: x.shop.id,
      orderId: x.order.id,
      caseNumber: x.case.number,
      now: now(),
    }))!
    expect(buyer.state).toBe('resolved')
    expect(buyer.expectation).toMatchObject({ stage: 'declined', by: null })
    expect(buyer.events.find((e) => e.type === 'refund_declined')?.message).toBe(
      'The jacket sent back is not the one we sold.',
    )
    const mail = await listNotifications(db, { shopId: x.shop.id, template: 'case-refund-declined' })
    expect(mail).toHaveLength(1)
    expect(mail[0]!.payload).toMatchObject({ reason: 'The jacket sent back is not the one we sold.' })
    expect(await listNotifications(db, { shopId: x.shop.id, template: 'case-resolved' })).toHaveLength(0)
    // Declining again finds nothing waiting and writes nothing.
    const declined = await snapshot(x)
    expect(await declineRefund({ ...x.who, reason: 'Again', now: now() })).toMatchObject({
      ok: false,
      code: 'refused',
    })
    expect(await snapshot(x)).toEqual(declined)
  })

  test('two staff inspecting the last item at the same moment release the money once', async () => {
    const x = await openReturn({})
    const colleague = await createStaff({ shopId: x.shop.id, role: 'agent', name: 'Second Agent' })
    await approve(x)
    await receiveItems({ ...x.who, itemIds: 'all', now: now() })
    await inspectItem({ ...x.who, itemId: x.items[0]!, condition: 'as_expected', now: now() })
    const results = await Promise.all([
      inspectItem({ ...x.who, itemId: x.items[1]!, condition: 'as_expected', now: now() }),
      inspectItem({
        ...x.who,
        staffId: colleague.id,
        itemId: x.items[1]!,
        condition: 'as_expected',
        now: now(),
      }),
    ])
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.find((r) => !r.ok)).toMatchObject({
      code: 'refused',
      message: 'This item was already inspected (as expected).',
    })
    expect((await eventTypes(x)).filter((t) => t === 'resolutions_released')).toHaveLength(1)
    const [refund] = await money(x)
    expect(refund!.status).toBe('pending')
    expect(await queuedJobsFor([refund!.id])).toBe(1)
  })

  test('two staff inspecting the last two items at once: both recorded, released once', async () => {
    const x = await openReturn({})
    const colleague = await createStaff({ shopId: x.shop.id, role: 'agent', name: 'Second Agent' })
    await approve(x)
    await receiveItems({ ...x.who, itemIds: 'all', now: now() })
    const results = await Promise.all([
      inspectItem({ ...x.who, itemId: x.items[0]!, condition: 'as_expected', now: now() }),
      inspectItem({
        ...x.who,
        staffId: colleague.id,
        itemId: x.items[1]!,
        condition: 'as_expected',
        now: now(),
      }),
    ])
    expect(results.every((r) => r.ok)).toBe(true)
    expect(results.flatMap((r) => (r.ok ? r.released : []))).toEqual(['refund'])
    expect((await eventTypes(x)).filter((t) => t === 'resolutions_released')).toHaveLength(1)
  })
})

describe('release now and settling', () => {
  test('staff release a refund before its moment; it is paid, the items are never restocked, and the parcel settles the case', async () => {
    const x = await openReturn({ returnMethod: 'drop_off' })
    await approve(x)
    const [refund] = await money(x)
    expect(refund!.status).toBe('waiting')
    expect(await releaseNow({ ...x.who, resolutionId: refund!.id, now: now() })).toMatchObject({
      ok: true,
      released: ['refund'],
      state: 'approved',
    })
    expect(await eventTypes(x)).toContain('released_early')
    // Once released, it cannot be released again.
    const released = await snapshot(x)
    expect(await releaseNow({ ...x.who, resolutionId: refund!.id, now: now() })).toEqual({
      ok: false,
      code: 'refused',
      message: `The refund of €${(x.case.issued_minor / 100).toFixed(2)} is already released.`,
    })
    expect(await snapshot(x)).toEqual(released)

    await runJobs()
    // Paid, but the parcel is not back: the case stays open, waiting for it (its label went out at approval).
    expect((await getStaffCase({ shopId: x.shop.id, caseNumber: x.case.number, now: now() }))!.state).toBe(
      'awaiting_return',
    )
    expect(await listNotifications(db, { shopId: x.shop.id, template: 'case-resolved' })).toHaveLength(0)

    // The parcel arrives: received and settled at once, the buyer told once.
    expect(await receiveItems({ ...x.who, itemIds: 'all', now: now() })).toMatchObject({
      ok: true,
      state: 'resolved',
      resolved: true,
    })
    await receiveItems({ ...x.who, itemIds: 'all', now: now() })
    expect(await listNotifications(db, { shopId: x.shop.id, template: 'case-resolved' })).toHaveLength(1)
    // Refunded without a restock; the items can still be inspected and disposed of after it settled.
    expect(
      await setItemDisposition({ ...x.who, itemId: x.items[0]!, disposition: 'dispose', now: now() }),
    ).toMatchObject({
      ok: true,
      state: 'resolved',
    })
    const items = await db
      .selectFrom('case_items')
      .select(['disposition'])
      .where('case_id', '=', x.case.id)
      .execute()
    expect(items.filter((i) => i.disposition === 'restock')).toHaveLength(0)
  })

  test('money paid at the first scan: the carrier-less staff receipt settles the case once', async () => {
    const x = await openReturn({
      timing: { moneyMoves: 'approval', replacementShips: 'approval' },
      returnMethod: 'drop_off',
    })
    await approve(x)
    await runJobs()
    // The drop-off code went out with the label resolution: the case waits for the items.
    expect((await getStaffCase({ shopId: x.shop.id, caseNumber: x.case.number, now: now() }))!.state).toBe(
      'awaiting_return',
    )
    // Handed over in person, never scanned by a carrier: staff receive them straight away.
    expect(await actOnCaseAsStaff({ ...x.who, command: 'receive', now: now() })).toEqual({
      ok: true,
      state: 'resolved',
      changed: true,
    })
    const items = await db
      .selectFrom('case_items')
      .select(['received_at'])
      .where('case_id', '=', x.case.id)
      .execute()
    expect(items.every((i) => i.received_at !== null)).toBe(true)
    expect(await listNotifications(db, { shopId: x.shop.id, template: 'case-resolved' })).toHaveLength(1)
  })

  test('a buyer canceling before sending cancels what waits; nothing can be released after', async () => {
    const x = await openReturn({})
    await approve(x)
    await cancelCaseAsBuyer({ shopId: x.shop.id, orderId: x.order.id, caseNumber: x.case.number, now: now() })
    expect((await money(x))[0]!.status).toBe('canceled')
    expect(await releaseNow({ ...x.who, resolutionId: 'all', now: now() })).toEqual({
      ok: false,
      code: 'refused',
      message: 'This case is canceled, so nothing can be released for it.',
    })
  })
})

describe('never more than what remains refundable', () => {
  /** Two returns of one order whose total is below its lines (an order-level discount the lines do not show). */
  async function twoReturnsOfOnePaidOrder(timing: ResolutionTiming) {
    const shop = await createShop()
    const staff = await createStaff({ shopId: shop.id, role: 'agent' })
    const saved = await savePolicy({
      shopId: shop.id,
      staffId: null,
      rules: { ...DEFAULT_RETURN_POLICY, timing },
      basedOnVersion: 0,
      now: now(),
    })
    if (!saved.ok) throw new Error(saved.message)
    const order = await createOrder({
      shopId: shop.id,
      items: [
        { unitPriceMinor: 15_000, title: 'Coat' },
        { unitPriceMinor: 15_000, title: 'Boots' },
      ],
      placedAt: new Date(Date.now() - 5 * DAY),
    })
    await createShipment({ shopId: shop.id, orderId: order.id, shippedAt: new Date(Date.now() - 4 * DAY) })
    const numbers: number[] = []
    for (const li of order.lineItems) {
      const key = crypto.randomUUID()
      const r = await createReturnCase({
        shopId: shop.id,
        orderId: order.id,
        buyerEmail: order.email,
        locale: 'en',
        request: {
          selections: [{ lineItemId: li.id, quantity: 1, reason: 'changed_mind' }],
          resolution: 'refund',
          returnMethod: 'label',
          idempotencyKey: key,
        },
        now: now(),
      })
      if (!r.ok) throw new Error(r.message)
      numbers.push(Number(r.value.caseNumber.slice(2)))
    }
    await db.updateTable('orders').set({ total_minor: 20_000 }).where('id', '=', order.id).execute()
    const act = (caseNumber: number) =>
      actOnCaseAsStaff({ shopId: shop.id, staffId: staff.id, caseNumber, command: 'approve', now: now() })
    return { shop, staff, order, numbers, act }
  }

  test('at approval: the second refund would pass what was paid, so it is refused and nothing is written', async () => {
    const o = await twoReturnsOfOnePaidOrder({ moneyMoves: 'inspected', replacementShips: 'first_scan' })
    const [first, second] = o.numbers as [number, number]
    const issued = async (n: number) =>
      (
        await db
          .selectFrom('cases')
          .select('issued_minor')
          .where('shop_id', '=', o.shop.id)
          .where('number', '=', n)
          .executeTakeFirstOrThrow()
      ).issued_minor
    expect(await o.act(first)).toMatchObject({ ok: true, state: 'approved' })
    const remaining = 20_000 - (await issued(first))
    const refused = await o.act(second)
    expect(refused).toEqual({
      ok: false,
      code: 'over_refundable',
      message: `Not approved: Order #${o.order.number} was paid €200.00; €${((await issued(first)) / 100).toFixed(2)} is already refunded or promised, so only €${(remaining / 100).toFixed(2)} remains refundable, not €${((await issued(second)) / 100).toFixed(2)}.`,
    })
    const c = await db
      .selectFrom('cases')
      .select(['id', 'state'])
      .where('shop_id', '=', o.shop.id)
      .where('number', '=', second)
      .executeTakeFirstOrThrow()
    expect(c.state).toBe('requested')
    expect(await db.selectFrom('resolutions').selectAll().where('case_id', '=', c.id).execute()).toEqual([])
    expect(
      (await db.selectFrom('case_events').select('type').where('case_id', '=', c.id).execute()).map(
        (e) => e.type,
      ),
    ).not.toContain('approved')
  })

  test('at release now: a refund that no longer fits is refused with the same sentence', async () => {
    const o = await twoReturnsOfOnePaidOrder({ moneyMoves: 'inspected', replacementShips: 'first_scan' })
    await db.updateTable('orders').set({ total_minor: 30_000 }).where('id', '=', o.order.id).execute()
    expect(await o.act(o.numbers[0]!)).toMatchObject({ ok: true })
    expect(await o.act(o.numbers[1]!)).toMatchObject({ ok: true })
    // The order was partly refunded elsewhere meanwhile: it now counts as paid €200.00.
    await db.updateTable('orders').set({ total_minor: 20_000 }).where('id', '=', o.order.id).execute()
    const who = { shopId: o.shop.id, staffId: o.staff.id, caseNumber: o.numbers[1]! }
    const r = await releaseNow({ ...who, resolutionId: 'all', now: now() })
    expect(r).toMatchObject({ ok: false, code: 'over_refundable' })
    expect(!r.ok && r.message).toMatch(
      /^Order #\d+ was paid €200\.00; €[\d.]+ is already refunded or promised, so only/,
    )
    const waiting = await db
      .selectFrom('resolutions as r')
      .innerJoin('cases as c', 'c.id', 'r.case_id')
      .select('r.status')
      .where('c.shop_id', '=', o.shop.id)
      .where('r.kind', '=', 'refund')
      .execute()
    expect(waiting.map((w) => w.status)).toEqual(['waiting', 'waiting'])
  })

  test('at issue: of two released refunds that together pass what was paid, one is paid and the other fails for support', async () => {
    const o = await twoReturnsOfOnePaidOrder({ moneyMoves: 'approval', replacementShips: 'approval' })
    await db.updateTable('orders').set({ total_minor: 30_000 }).where('id', '=', o.order.id).execute()
    expect(await o.act(o.numbers[0]!)).toMatchObject({ ok: true })
    expect(await o.act(o.numbers[1]!)).toMatchObject({ ok: true })
    await db.updateTable('orders').set({ total_minor: 20_000 }).where('id', '=', o.order.id).execute()
    await runJobs()
    const ledger = await listLedgerEntries(db, o.shop.id)
    expect(ledger.filter((l) => l.kind === 'refund')).toHaveLength(1)
    expect(ledger.reduce((s, l) => s + l.amount_minor, 0)).toBeLessThanOrEqual(20_000)
    const rows = await db
      .selectFrom('resolutions as r')
      .innerJoin('cases as c', 'c.id', 'r.case_id')
      .select(['r.status', 'r.failure_message'])
      .where('c.shop_id', '=', o.shop.id)
      .where('r.kind', '=', 'refund')
      .execute()
    expect(rows.map((r) => r.status).sort()).toEqual(['failed', 'succeeded'])
    expect(rows.find((r) => r.status === 'failed')!.failure_message).toMatch(
      /^Not refunded: Order #\d+ was paid €200\.00; €[\d.]+ is already refunded or promised, so only €[\d.]+ remains refundable/,
    )
  })
})
