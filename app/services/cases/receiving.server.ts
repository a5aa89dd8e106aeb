// Staff receive a return's items, inspect them, and restock or dispose of them, item by item; and they
// decide about the money when the policy's clock should not: release it before its moment (a trusted
// buyer), release it anyway after an inspection found a problem, or decline it with a reason the buyer
// reads. Each step is one transaction under the case lock: its item columns, its timeline event with who
// and when, and whatever it sets off (the case reaching "received", the release of what waited for
// delivery or inspection, the case settling). A step the rules refuse writes nothing and says why.
import { nextCaseState, type CaseActor, type CaseState } from '#app/domain/cases/case-state'
import {
  CONDITION_LABEL,
  decideItemStep,
  inspectionOutcome,
  isItemCondition,
  isProblemCondition,
  type Disposition,
  type ItemCondition,
  type ReceivingCase,
  type ReceivingItem,
} from '#app/domain/cases/receiving'
import { isMoneyKind, type ResolutionKind } from '#app/domain/resolutions/plan'
import { createFormatter } from '#app/i18n/format'
import { db, type Database } from '#db/client'
import * as caseItems from '#db/queries/case-items'
import * as cases from '#db/queries/cases'
import * as outbox from '#db/queries/notifications'
import * as resolutions from '#db/queries/resolutions'
import { settleIfDone } from '#app/services/resolutions/issue-resolution.server'
import { refundOverCap } from '#app/services/resolutions/refundable.server'
import { releaseResolutions } from '#app/services/resolutions/release.server'
import type { Transaction } from 'kysely'
import type { ReceivingStep } from './receiving.schema'

export type ReceivingErrorCode =
  'not_found' | 'unknown_item' | 'refused' | 'invalid_input' | 'message_required' | 'over_refundable'

export type ReceivingResult =
  | {
      ok: true
      state: CaseState
      changed: boolean
      /** Kinds released by this step (at delivery, at inspection, or by staff). */
      released: ResolutionKind[]
      /** The case's automatic release is held after this step (an inspection found a problem). */
      held: boolean
      /** The case was resolved by this step. */
      resolved: boolean
    }
  | { ok: false; code: ReceivingErrorCode; message: string }

export type LockedCase = NonNullable<Awaited<ReturnType<typeof cases.lockCaseForUpdate>>>
type ItemRow = Awaited<ReturnType<typeof caseItems.listCaseItemsForReceiving>>[number]

const f = createFormatter('en', 'UTC')

const refuse = (code: ReceivingErrorCode, message: string): ReceivingResult => ({ ok: false, code, message })

const caseFacts = (c: LockedCase): ReceivingCase => ({
  state: c.state as CaseState,
  kind: c.kind as 'return' | 'complaint',
  returnMethod: c.return_method as ReceivingCase['returnMethod'],
})

const itemFacts = (i: ItemRow): ReceivingItem => ({
  keepItem: i.keep_item,
  receivedAt: i.received_at ? new Date(i.received_at) : null,
  inspectedAt: i.inspected_at ? new Date(i.inspected_at) : null,
  condition: isItemCondition(i.condition) ? i.condition : null,
  disposition: i.disposition === 'restock' || i.disposition === 'dispose' ? i.disposition : null,
})

const itemName = (i: Pick<ItemRow, 'title' | 'variant_title' | 'quantity'>) =>
  `${i.title}${i.variant_title ? ` — ${i.variant_title}` : ''} × ${i.quantity}`

/**
 * The case's parcel is in the shop's hands: staff received its items (or took a drop-off over the
 * counter), or the carrier delivered it. Inside the caller's transaction, under the case lock: moves the
 * case to "received" through the state machine if it is not there yet, releases what waited for the
 * delivery, and settles the case when everything it delivers was issued already (money that moved at
 * approval or at the first scan). Harmless to call again. `refused` when the case cannot be received.
 */
export async function recordCaseReceived(
  trx: Transaction<Database>,
  r: {
    shopId: string
    case: LockedCase
    actor: Exclude<CaseActor, 'buyer'>
    staffId: string | null
    at: Date
  },
): Promise<
  | { ok: true; state: CaseState; changed: boolean; released: ResolutionKind[]; resolved: boolean }
  | { ok: false; message: string }
> {
  const c = r.case
  let state = c.state as CaseState
  let changed = false
  const decision = nextCaseState(state, 'receive', r.actor)
  // A case resolved before its parcel came (money at approval, resolved by hand) stays resolved.
  if (decision.kind === 'invalid' && state !== 'resolved') return { ok: false, message: decision.reason }
  if (decision.kind === 'transition') {
    await cases.updateCaseState(trx, { shopId: r.shopId, caseId: c.id, state: decision.to, at: r.at })
    await cases.insertCaseEvent(trx, {
      shopId: r.shopId,
      caseId: c.id,
      type: decision.event,
      actor: r.actor,
      actorStaffId: r.staffId,
      details: { from: c.state, to: decision.to },
      at: r.at,
    })
    state = decision.to
    changed = true
  }
  const released = await releaseResolutions(trx, {
    shopId: r.shopId,
    caseId: c.id,
    reached: 'delivered',
    at: r.at,
  })
  const resolved = await settleIfDone(trx, { shopId: r.shopId, case: { ...c, state }, now: r.at })
  return { ok: true, state: resolved ? 'resolved' : state, changed, released, resolved }
}

/** Runs a staff step on a case under its lock, with its items; the step returns the result. */
async function withCase(
  input: { shopId: string; caseNumber: number },
  step: (trx: Transaction<Database>, c: LockedCase, items: ItemRow[]) => Promise<ReceivingResult>,
): Promise<ReceivingResult> {
  return db
    .transaction()
    .execute(async (trx) => {
      const c = await cases.lockCaseForUpdate(trx, input.shopId, input.caseNumber)
      if (!c) return refuse('not_found', 'There is no such case.')
      const items = await caseItems.listCaseItemsForReceiving(trx, input.shopId, c.id)
      const result = await step(trx, c, items)
      // Nothing half-done: a refusal found after a write rolls the whole step back.
      if (!result.ok && result.code !== 'not_found') throw new Refusal(result)
      return result
    })
    .catch((err: unknown) => {
      if (err instanceof Refusal) return err.result
      throw err
    })
}

class Refusal extends Error {
  constructor(readonly result: ReceivingResult) {
    super('refused')
  }
}

function findItem(c: LockedCase, items: ItemRow[], id: string): ItemRow | ReceivingResult {
  const item = items.find((i) => i.id === id)
  return (
    item ??
    refuse('unknown_item', `That item is not part of case R-${c.number}. Reload the page and try again.`)
  )
}

const isItem = (x: ItemRow | ReceivingResult): x is ItemRow => !('ok' in x)

/**
 * Staff mark items received: the given ones, or every item that comes back. The first receipt moves the
 * case to "received" and counts as its delivery (see recordCaseReceived). Items received already are
 * left as they were.
 */
export async function receiveItems(input: {
  shopId: string
  staffId: string
  caseNumber: number
  itemIds: readonly string[] | 'all'
  now: Date
}): Promise<ReceivingResult> {
  return withCase(input, async (trx, c, items) => {
    const facts = caseFacts(c)
    let targets: ItemRow[]
    if (input.itemIds === 'all') {
      targets = items.filter((i) => !i.keep_item)
      // A case with nothing coming back is refused by the rules below, as for a single item.
      if (targets.length === 0 && items[0]) targets = [items[0]]
    } else {
      if (input.itemIds.length === 0) return refuse('invalid_input', 'Choose the items to mark received.')
      targets = []
      for (const id of input.itemIds) {
        const found = findItem(c, items, id)
        if (!isItem(found)) return found
        targets.push(found)
      }
    }
    if (targets.length === 0) return refuse('refused', 'This case has no items to receive.')
    const fresh: ItemRow[] = []
    for (const item of targets) {
      const d = decideItemStep(facts, itemFacts(item), 'receive')
      if (d.kind === 'refused') return refuse('refused', d.reason)
      if (d.kind === 'apply') fresh.push(item)
    }
    if (fresh.length === 0) {
      return { ok: true, state: facts.state, changed: false, released: [], held: false, resolved: false }
    }
    await caseItems.markItemsReceived(trx, {
      shopId: input.shopId,
      caseId: c.id,
      ids: fresh.map((i) => i.id),
      staffId: input.staffId,
      at: input.now,
    })
    await cases.insertCaseEvent(trx, {
      shopId: input.shopId,
      caseId: c.id,
      type: 'items_received',
      actor: 'staff',
      actorStaffId: input.staffId,
      details: {
        items: fresh.map((i) => ({ caseItemId: i.id, title: i.title, quantity: i.quantity })),
        sentence: `Received: ${fresh.map(itemName).join(', ')}.`,
      },
      at: input.now,
    })
    const received = await recordCaseReceived(trx, {
      shopId: input.shopId,
      case: c,
      actor: 'staff',
      staffId: input.staffId,
      at: input.now,
    })
    if (!received.ok) return refuse('refused', received.message)
    const held = (await caseItems.findReleaseHold(trx, input.shopId, c.id)) !== null
    return {
      ok: true,
      state: received.state,
      changed: true,
      released: received.released,
      held,
      resolved: received.resolved,
    }
  })
}

/**
 * Staff inspect one received item. When every item that comes back has been inspected and none had a
 * problem, what waited for the inspection is released. An inspection that finds a problem holds the
 * case's automatic release instead: staff then release anyway or decline the refund.
 */
export async function inspectItem(input: {
  shopId: string
  staffId: string
  caseNumber: number
  itemId: string
  condition: string
  note?: string | null
  now: Date
}): Promise<ReceivingResult> {
  if (!isItemCondition(input.condition)) {
    return refuse('invalid_input', 'Choose the condition: as expected, damaged, not as described or missing.')
  }
  const condition: ItemCondition = input.condition
  const note = (input.note ?? '').trim().slice(0, 2000) || null
  return withCase(input, async (trx, c, items) => {
    const item = findItem(c, items, input.itemId)
    if (!isItem(item)) return item
    const d = decideItemStep(caseFacts(c), itemFacts(item), 'inspect')
    if (d.kind === 'refused') return refuse('refused', d.reason)
    await caseItems.markItemInspected(trx, {
      shopId: input.shopId,
      caseId: c.id,
      id: item.id,
      condition,
      note,
      staffId: input.staffId,
      at: input.now,
    })
    await cases.insertCaseEvent(trx, {
      shopId: input.shopId,
      caseId: c.id,
      type: 'item_inspected',
      actor: 'staff',
      actorStaffId: input.staffId,
      details: {
        caseItemId: item.id,
        condition,
        ...(note ? { note } : {}),
        sentence: `${itemName(item)}: ${CONDITION_LABEL[condition]}${note ? ` — “${note}”` : ''}.`,
      },
      at: input.now,
    })
    let held = (await caseItems.findReleaseHold(trx, input.shopId, c.id)) !== null
    if (isProblemCondition(condition) && !held) {
      await caseItems.setReleaseHold(trx, {
        shopId: input.shopId,
        caseId: c.id,
        heldAt: input.now,
        at: input.now,
      })
      await cases.insertCaseEvent(trx, {
        shopId: input.shopId,
        caseId: c.id,
        type: 'release_held',
        actor: 'staff',
        actorStaffId: input.staffId,
        details: {
          caseItemId: item.id,
          condition,
          sentence:
            'The inspection found a problem, so nothing waiting for it is released automatically: ' +
            'release it anyway or decline the refund with a reason for the buyer.',
        },
        at: input.now,
      })
      held = true
    }
    const after = items.map((i) =>
      i.id === item.id ? { ...itemFacts(i), inspectedAt: input.now, condition } : itemFacts(i),
    )
    const outcome = inspectionOutcome(after)
    const allInspected = after.filter((i) => !i.keepItem).every((i) => i.inspectedAt !== null)
    let released: ResolutionKind[] = []
    if (allInspected) {
      await cases.insertCaseEvent(trx, {
        shopId: input.shopId,
        caseId: c.id,
        type: 'items_inspected',
        actor: 'staff',
        actorStaffId: input.staffId,
        details: { problem: outcome === 'hold' },
        at: input.now,
      })
      if (outcome === 'release') {
        released = await releaseResolutions(trx, {
          shopId: input.shopId,
          caseId: c.id,
          reached: 'inspected',
          at: input.now,
        })
      }
    }
    await cases.touchCase(trx, { shopId: input.shopId, caseId: c.id, at: input.now })
    return { ok: true, state: c.state as CaseState, changed: true, released, held, resolved: false }
  })
}

/** Staff restock or dispose of one received item: once, and never both. */
export async function setItemDisposition(input: {
  shopId: string
  staffId: string
  caseNumber: number
  itemId: string
  disposition: string
  now: Date
}): Promise<ReceivingResult> {
  if (input.disposition !== 'restock' && input.disposition !== 'dispose') {
    return refuse('invalid_input', 'Choose restock or dispose.')
  }
  const disposition: Disposition = input.disposition
  return withCase(input, async (trx, c, items) => {
    const item = findItem(c, items, input.itemId)
    if (!isItem(item)) return item
    const d = decideItemStep(caseFacts(c), itemFacts(item), disposition)
    if (d.kind === 'refused') return refuse('refused', d.reason)
    await caseItems.markItemDisposition(trx, {
      shopId: input.shopId,
      caseId: c.id,
      id: item.id,
      disposition,
      staffId: input.staffId,
      at: input.now,
    })
    await cases.insertCaseEvent(trx, {
      shopId: input.shopId,
      caseId: c.id,
      type: disposition === 'restock' ? 'item_restocked' : 'item_disposed',
      actor: 'staff',
      actorStaffId: input.staffId,
      details: {
        caseItemId: item.id,
        sentence: `${itemName(item)}: ${disposition === 'restock' ? 'back in stock' : 'disposed of'}.`,
      },
      at: input.now,
    })
    await cases.touchCase(trx, { shopId: input.shopId, caseId: c.id, at: input.now })
    return {
      ok: true,
      state: c.state as CaseState,
      changed: true,
      released: [],
      held: (await caseItems.findReleaseHold(trx, input.shopId, c.id)) !== null,
      resolved: false,
    }
  })
}

const KIND_WORD: Record<ResolutionKind, string> = {
  refund: 'refund',
  store_credit: 'store credit',
  coupon: 'coupon',
  charge: 'price difference charge',
  return_label: 'return label',
  replacement: 'replacement',
}

const describe = (r: { kind: ResolutionKind; amount_minor: number; currency: string }) =>
  r.amount_minor > 0 ? `${KIND_WORD[r.kind]} of ${f.money(r.amount_minor, r.currency)}` : KIND_WORD[r.kind]

/**
 * Staff release a waiting resolution (or every one still waiting) now, before its moment: a trusted
 * buyer, or money held after an inspection found a problem that staff accept anyway. A refund is checked
 * against what remains refundable on the order first. Releasing lifts the case's hold once nothing of its
 * money waits any more.
 */
export async function releaseNow(input: {
  shopId: string
  staffId: string
  caseNumber: number
  /** One resolution, or 'all' that still wait. */
  resolutionId: string | 'all'
  now: Date
}): Promise<ReceivingResult> {
  return withCase(input, async (trx, c) => {
    const state = c.state as CaseState
    if (state === 'rejected' || state === 'canceled' || state === 'closed') {
      return refuse('refused', `This case is ${state}, so nothing can be released for it.`)
    }
    if (state === 'requested' || state === 'needs_info') {
      return refuse('refused', 'Approve the case first: nothing is planned for it yet.')
    }
    const owed = await resolutions.listCaseResolutions(trx, input.shopId, c.id)
    const picked =
      input.resolutionId === 'all'
        ? owed.filter((r) => r.status === 'waiting')
        : owed.filter((r) => r.id === input.resolutionId)
    if (input.resolutionId !== 'all' && picked.length === 0) {
      return refuse('unknown_item', `That is not something case R-${c.number} delivers. Reload the page.`)
    }
    const notWaiting = picked.find((r) => r.status !== 'waiting')
    if (notWaiting) {
      const what = describe({ ...notWaiting, kind: notWaiting.kind as ResolutionKind })
      return refuse(
        'refused',
        notWaiting.status === 'canceled'
          ? `The ${what} was canceled, so it cannot be released.`
          : `The ${what} is already released.`,
      )
    }
    if (picked.length === 0) return refuse('refused', 'Nothing is waiting to be released for this case.')
    for (const r of picked) {
      if (r.kind !== 'refund') continue
      const over = await refundOverCap(trx, {
        shopId: input.shopId,
        orderId: c.order_id,
        amountMinor: r.amount_minor,
        excludeId: r.id,
        basis: 'committed',
      })
      if (over) return refuse('over_refundable', over)
    }
    const released = await resolutions.releaseResolutionsNow(trx, {
      shopId: input.shopId,
      caseId: c.id,
      id: input.resolutionId === 'all' ? null : input.resolutionId,
      at: input.now,
      scheduleJob: await outbox.hasWorkerQueue(trx),
    })
    if (released.length === 0) return refuse('refused', 'Nothing is waiting to be released for this case.')
    const wasHeld = (await caseItems.findReleaseHold(trx, input.shopId, c.id)) !== null
    const moneyStillWaits = owed.some(
      (r) =>
        r.status === 'waiting' &&
        isMoneyKind(r.kind as ResolutionKind) &&
        !released.some((x) => x.id === r.id),
    )
    const lift = wasHeld && !moneyStillWaits
    if (lift)
      await caseItems.setReleaseHold(trx, { shopId: input.shopId, caseId: c.id, heldAt: null, at: input.now })
    await cases.insertCaseEvent(trx, {
      shopId: input.shopId,
      caseId: c.id,
      type: 'released_early',
      actor: 'staff',
      actorStaffId: input.staffId,
      details: {
        kinds: released.map((r) => r.kind),
        ...(lift ? { holdLifted: true } : {}),
        sentence:
          `Released now: ${released.map(describe).join(', ')}` +
          `${lift ? ' (despite the inspection’s finding)' : ''}.`,
      },
      at: input.now,
    })
    await cases.touchCase(trx, { shopId: input.shopId, caseId: c.id, at: input.now })
    return {
      ok: true,
      state,
      changed: true,
      released: released.map((r) => r.kind),
      held: wasHeld && !lift,
      resolved: false,
    }
  })
}

/**
 * Staff decline the money still waiting for a case (typically after an inspection found a problem), with
 * a reason the buyer reads on their case page and by email. Nothing of it will be issued; the items stay
 * received. When nothing else is owed, the case is resolved.
 */
export async function declineRefund(input: {
  shopId: string
  staffId: string
  caseNumber: number
  reason: string | null | undefined
  now: Date
}): Promise<ReceivingResult> {
  const reason = (input.reason ?? '').trim().slice(0, 2000)
  if (!reason) return refuse('message_required', 'Say why the refund is declined: the buyer reads it.')
  return withCase(input, async (trx, c) => {
    const state = c.state as CaseState
    if (state === 'rejected' || state === 'canceled' || state === 'closed') {
      return refuse('refused', `This case is ${state}; there is no refund to decline.`)
    }
    const declined = await resolutions.cancelWaitingMoney(trx, {
      shopId: input.shopId,
      caseId: c.id,
      at: input.now,
    })
    if (declined.length === 0) {
      return refuse(
        'refused',
        'No refund, credit or coupon is waiting for this case; money already released cannot be declined here.',
      )
    }
    await caseItems.setReleaseHold(trx, { shopId: input.shopId, caseId: c.id, heldAt: null, at: input.now })
    await cases.insertCaseEvent(trx, {
      shopId: input.shopId,
      caseId: c.id,
      type: 'refund_declined',
      actor: 'staff',
      actorStaffId: input.staffId,
      details: {
        reason,
        kinds: declined.map((r) => r.kind),
        sentence: `Declined: ${declined.map((r) => describe({ ...r, kind: r.kind as ResolutionKind })).join(', ')}.`,
      },
      at: input.now,
    })
    await outbox.insertNotification(trx, {
      shopId: input.shopId,
      template: 'case-refund-declined',
      toEmail: c.buyer_email,
      locale: c.locale,
      caseId: c.id,
      payload: { caseNumber: `R-${c.number}`, locale: c.locale, reason },
      dedupeKey: `case-refund-declined:${c.id}`,
    })
    // Nothing else owed: the case is done (the buyer's email above says how).
    let resolved = false
    const decision = nextCaseState(state, 'resolve', 'staff')
    if (
      decision.kind === 'transition' &&
      (await resolutions.countOutstanding(trx, input.shopId, c.id)) === 0
    ) {
      await cases.updateCaseState(trx, {
        shopId: input.shopId,
        caseId: c.id,
        state: decision.to,
        at: input.now,
      })
      await cases.insertCaseEvent(trx, {
        shopId: input.shopId,
        caseId: c.id,
        type: decision.event,
        actor: 'staff',
        actorStaffId: input.staffId,
        details: { from: state, to: decision.to, declined: true },
        at: input.now,
      })
      resolved = true
    } else {
      await cases.touchCase(trx, { shopId: input.shopId, caseId: c.id, at: input.now })
    }
    return {
      ok: true,
      state: resolved ? 'resolved' : state,
      changed: true,
      released: [],
      held: false,
      resolved,
    }
  })
}

/** One receiving step as the support case page posts it (see receiving.schema.ts). */
export function runReceivingStep(input: {
  shopId: string
  staffId: string
  caseNumber: number
  step: ReceivingStep
  now: Date
}): Promise<ReceivingResult> {
  const { step, ...who } = input
  switch (step.intent) {
    case 'receive':
      return receiveItems({ ...who, itemIds: [step.itemId] })
    case 'receive_all':
      return receiveItems({ ...who, itemIds: 'all' })
    case 'inspect':
      return inspectItem({ ...who, itemId: step.itemId, condition: step.condition, note: step.note ?? null })
    case 'restock':
    case 'dispose':
      return setItemDisposition({ ...who, itemId: step.itemId, disposition: step.intent })
    case 'release':
      return releaseNow({ ...who, resolutionId: step.resolutionId })
    case 'release_all':
      return releaseNow({ ...who, resolutionId: 'all' })
    case 'decline':
      return declineRefund({ ...who, reason: step.reason })
  }
}
