// The buyer starts a return: the selected items, a reason per item, how they want to be paid back and how
// they will send the items back. Everything is decided on the server in one transaction: the order row is
// locked (so a double submit or a second tab waits for the first), the policy in force is applied to the
// order as it stands (units already in other cases, cases already opened), and only then are the case, its
// items, its first timeline event and the confirmation email written. A small, routine return is approved
// straight away by the automatic rules; anything else waits for staff with the reasons recorded.
import { nextCaseState } from '#app/domain/cases/case-state'
import { evaluateEligibility } from '#app/domain/policy/evaluate-eligibility'
import { DEFAULT_RETURN_POLICY, type ReturnPolicy } from '#app/domain/policy/policy'
import {
  computeReturnAmounts,
  evaluateAutoApproval,
  type ReturnAmountsErrorCode,
} from '#app/domain/policy/refund-amount'
import { db, type Database } from '#db/client'
import * as cases from '#db/queries/cases'
import * as drafts from '#db/queries/drafts'
import * as photos from '#db/queries/photos'
import * as outbox from '#db/queries/notifications'
import * as policies from '#db/queries/return-policies'
import { findOrderForReturn, toReturnOrder } from '#db/queries/return-orders'
import type { Transaction } from 'kysely'
import { ReturnRequestSchema, type ReturnRequest } from './cases.schema'

export type CreateReturnCaseErrorCode =
  | 'not_found'
  | 'invalid_request'
  | 'quantity_exceeds_returnable'
  | 'item_not_in_order'
  | 'item_not_eligible'
  | 'resolution_not_allowed'
  | 'reason_disabled'
  | 'return_method_not_allowed'
  | 'limit_reached'
  | 'photos_required'
  | 'draft_submitted'

export interface CreatedReturnCase {
  /** Human case number, e.g. 'R-1001'. */
  caseNumber: string
  caseId: string
  state: string
  autoApproved: boolean
  /** True when this request repeated an earlier one (same idempotency key): nothing new was written. */
  replayed: boolean
}

export type CreateReturnCaseResult =
  | { ok: true; value: CreatedReturnCase }
  | { ok: false; code: CreateReturnCaseErrorCode; message: string; lineItemId?: string }

const DAY_MS = 24 * 60 * 60 * 1000
const IDEMPOTENCY_CONSTRAINT = 'cases_shop_idempotency_key_unique'

const fail = (code: CreateReturnCaseErrorCode, message: string, lineItemId?: string | null) =>
  ({ ok: false, code, message, ...(lineItemId ? { lineItemId } : {}) }) as const

const AMOUNT_ERROR: Record<ReturnAmountsErrorCode, CreateReturnCaseErrorCode> = {
  unknown_item: 'item_not_in_order',
  invalid_quantity: 'invalid_request',
  reason_disabled: 'reason_disabled',
  item_not_eligible: 'item_not_eligible',
  quantity_exceeds_returnable: 'quantity_exceeds_returnable',
  resolution_not_allowed: 'resolution_not_allowed',
}

function replay(row: { id: string; number: number; state: string; auto_approved: boolean }) {
  return {
    ok: true as const,
    value: {
      caseNumber: `R-${row.number}`,
      caseId: row.id,
      state: row.state,
      autoApproved: row.auto_approved,
      replayed: true,
    },
  }
}

/**
 * Opens a return case for order `orderId` of shop `shopId`. Amounts (minor units of the order's currency)
 * are computed here from the policy in force and what was paid; the caller never supplies them.
 *
 * Idempotent by `request.idempotencyKey`: repeating a request (even concurrently) returns the case the
 * first one created, with `replayed: true`. On any `{ ok: false }` nothing is written. The first case of a
 * shop that never saved a policy stores the defaults as policy version 1, so every case references the
 * exact rules it was opened under.
 */
export async function createReturnCase(input: {
  shopId: string
  orderId: string
  buyerEmail: string
  locale: 'en' | 'ru' | 'pl'
  request: ReturnRequest
  /** The wizard draft the request comes from: its photos go to the case and it is closed with it. */
  draftId?: string
  now: Date
}): Promise<CreateReturnCaseResult> {
  const parsed = ReturnRequestSchema.safeParse(input.request)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return fail('invalid_request', issue?.message ?? 'The return request is not valid')
  }
  const request = parsed.data
  try {
    return await db.transaction().execute((trx) => createInTransaction(trx, { ...input, request }))
  } catch (err) {
    // NOTE: the order-row lock already serializes requests for one order; this is the backstop when two
    // requests with one key raced anyway (e.g. for different orders): the loser returns the winner's case.
    if (isUniqueViolation(err, IDEMPOTENCY_CONSTRAINT)) {
      const existing = await cases.findCaseByIdempotencyKey(db, input.shopId, request.idempotencyKey)
      if (existing?.order_id === input.orderId) return replay(existing)
      if (existing) return fail('invalid_request', 'This request key was already used for another order.')
    }
    throw err
  }
}

async function createInTransaction(
  trx: Transaction<Database>,
  input: {
    shopId: string
    orderId: string
    buyerEmail: string
    locale: 'en' | 'ru' | 'pl'
    request: ReturnRequest
    draftId?: string
    now: Date
  },
): Promise<CreateReturnCaseResult> {
  const { shopId, orderId, request, now } = input
  const buyerEmail = input.buyerEmail.trim().toLowerCase()

  const locked = await cases.lockOrderForUpdate(trx, shopId, orderId)
  if (!locked) return fail('not_found', 'We could not find this order.')

  const existing = await cases.findCaseByIdempotencyKey(trx, shopId, request.idempotencyKey)
  if (existing) {
    if (existing.order_id !== orderId) {
      return fail('invalid_request', 'This request key was already used for another order.')
    }
    return replay(existing)
  }

  const row = await findOrderForReturn(trx, shopId, { orderId })
  if (!row) return fail('not_found', 'We could not find this order.')

  const alreadyReturnedQty = await cases.sumReturnedQuantities(trx, shopId, orderId)
  const returnsOnThisOrder = await cases.countOrderCases(trx, shopId, orderId)
  const order = toReturnOrder(row, { email: buyerEmail, returnsOnThisOrder, alreadyReturnedQty })

  // Read-only checks use the policy in force (or the defaults); it is written as v1 only if the case is.
  // NOTE: a shared lock on the shop row: cases still open side by side, but a policy save (which takes
  // the row exclusively) waits, so the version read here is the one the case is computed and stored under.
  await policies.lockShopForPolicyRead(trx, shopId)
  const current = await policies.findCurrentPolicy(trx, shopId)
  const policy: ReturnPolicy = current?.rules ?? structuredClone(DEFAULT_RETURN_POLICY)

  const amounts = computeReturnAmounts({
    policy,
    order,
    selections: request.selections,
    resolution: request.resolution,
    now,
  })
  if (!amounts.ok) {
    // The domain reports every refused item as 'item_not_eligible'; two of its reasons have their own code.
    if (amounts.code === 'item_not_eligible' && amounts.lineItemId) {
      const why = evaluateEligibility({ policy, order, now }).find((e) => e.lineItemId === amounts.lineItemId)
      if (why?.code === 'order_limit_reached') return fail('limit_reached', why.sentence, amounts.lineItemId)
      if (why?.code === 'fully_returned') {
        return fail('quantity_exceeds_returnable', why.sentence, amounts.lineItemId)
      }
    }
    return fail(AMOUNT_ERROR[amounts.code], amounts.message, amounts.lineItemId)
  }

  for (const s of request.selections) {
    if (policy.reasons[s.reason].noteRequired && !s.note?.trim()) {
      return fail('invalid_request', `Please add a note for the reason '${s.reason}'.`, s.lineItemId)
    }
  }

  // Photos come with the draft; a reason that asks for them is refused without (also without a draft).
  const draft = input.draftId ? await drafts.lockDraftForUpdate(trx, shopId, input.draftId) : undefined
  if (input.draftId && (!draft || draft.order_id !== orderId)) {
    return fail('invalid_request', 'This return form is not for this order; please start again.')
  }
  if (draft?.case_id) return fail('draft_submitted', 'This return has already been sent.')
  const photoCounts = draft ? await photos.countDraftPhotosByItem(trx, shopId, draft.id) : {}
  for (const s of request.selections) {
    if (policy.reasons[s.reason].photoRequired && (photoCounts[s.lineItemId] ?? 0) === 0) {
      return fail('photos_required', `Please add a photo for the reason '${s.reason}'.`, s.lineItemId)
    }
  }

  const allKept = amounts.items.every((i) => i.keepItem)
  if (request.returnMethod === 'keep' && !allKept) {
    const sent = amounts.items.find((i) => !i.keepItem)
    return fail(
      'return_method_not_allowed',
      'Keeping the items is only possible when every item qualifies; please send them back instead.',
      sent?.lineItemId,
    )
  }

  // Everything checked: from here on the transaction writes.
  const policyRow = current ?? (await materializeDefaultPolicy(trx, shopId, now))
  const number = await cases.nextCaseNumber(trx, shopId)
  const { totals } = amounts
  const created = await cases.insertCase(trx, {
    shopId,
    orderId,
    number,
    kind: 'return',
    state: 'requested',
    policyId: policyRow.id,
    resolution: request.resolution,
    returnMethod: request.returnMethod,
    buyerEmail,
    locale: input.locale,
    currency: totals.currency,
    paidTotalMinor: totals.paidMinor,
    feesTotalMinor: totals.restockingFeeMinor + totals.returnShippingFeeMinor,
    totalMinor: totals.totalMinor,
    bonusMinor: totals.bonusMinor,
    issuedMinor: totals.issuedMinor,
    idempotencyKey: request.idempotencyKey,
    exchangeFor: request.resolution === 'exchange' ? (request.exchangeFor ?? null) : null,
    at: now,
  })
  if (draft) {
    await photos.attachDraftPhotosToCase(trx, { shopId, draftId: draft.id, caseId: created.id })
    await drafts.markDraftSubmitted(trx, { shopId, draftId: draft.id, caseId: created.id, at: now })
  }

  // Selections for the same line and reason were merged by the domain; their notes are merged alike.
  const noteOf = (lineItemId: string, reason: string) =>
    request.selections
      .filter((s) => s.lineItemId === lineItemId && s.reason === reason && s.note?.trim())
      .map((s) => s.note!.trim())
      .join('\n') || null
  await cases.insertCaseItems(
    trx,
    shopId,
    created.id,
    amounts.items.map((i) => ({
      lineItemId: i.lineItemId,
      quantity: i.quantity,
      reason: i.reason,
      note: noteOf(i.lineItemId, i.reason),
      paidMinor: i.paidMinor,
      restockingFeeMinor: i.restockingFeeMinor,
      totalMinor: i.netMinor,
      keepItem: i.keepItem,
    })),
  )
  await cases.insertCaseEvent(trx, {
    shopId,
    caseId: created.id,
    type: 'requested',
    actor: 'buyer',
    details: {
      items: amounts.items.map((i) => ({
        lineItemId: i.lineItemId,
        quantity: i.quantity,
        reason: i.reason,
        paidMinor: i.paidMinor,
        restockingFeeMinor: i.restockingFeeMinor,
        totalMinor: i.netMinor,
        keepItem: i.keepItem,
      })),
      resolution: request.resolution,
      returnMethod: request.returnMethod,
      ...(request.resolution === 'exchange' && request.exchangeFor
        ? { exchangeFor: request.exchangeFor }
        : {}),
      photos: Object.values(photoCounts).reduce((a, b) => a + b, 0),
      totals,
      policyVersion: policyRow.version,
    },
    at: now,
  })
  const caseNumber = `R-${number}`
  await outbox.insertNotification(trx, {
    shopId,
    template: 'case-received',
    toEmail: buyerEmail,
    locale: input.locale,
    caseId: created.id,
    payload: { caseNumber, locale: input.locale },
    dedupeKey: `case-received:${created.id}`,
  })

  const recentReturns = await cases.countBuyerReturnsSince(
    trx,
    shopId,
    buyerEmail,
    new Date(now.getTime() - 90 * DAY_MS),
  )
  const auto = evaluateAutoApproval({
    policy,
    currency: totals.currency,
    email: buyerEmail,
    valueMinor: totals.totalMinor,
    reasons: amounts.items.map((i) => i.reason),
    // The count includes the case just inserted; the rule counts earlier returns only.
    buyerReturnsLast90Days: Math.max(0, recentReturns - 1),
  })
  const decision = auto.approve ? nextCaseState('requested', 'approve', 'system') : null
  if (decision?.kind === 'transition') {
    await cases.updateCaseState(trx, {
      shopId,
      caseId: created.id,
      state: decision.to,
      autoApproved: true,
      at: now,
    })
    await cases.insertCaseEvent(trx, {
      shopId,
      caseId: created.id,
      type: decision.event,
      actor: 'system',
      details: { auto: true },
      at: now,
    })
    await outbox.insertNotification(trx, {
      shopId,
      template: 'case-approved',
      toEmail: buyerEmail,
      locale: input.locale,
      caseId: created.id,
      payload: { caseNumber, locale: input.locale },
      dedupeKey: `case-approved:${created.id}`,
    })
    return {
      ok: true,
      value: { caseNumber, caseId: created.id, state: decision.to, autoApproved: true, replayed: false },
    }
  }

  await cases.insertCaseEvent(trx, {
    shopId,
    caseId: created.id,
    type: 'review_needed',
    actor: 'system',
    details: { blockers: auto.blockers },
    at: now,
  })
  return {
    ok: true,
    value: { caseNumber, caseId: created.id, state: created.state, autoApproved: false, replayed: false },
  }
}

/**
 * A shop that never saved a policy works under the defaults; the first case stores them as version 1 so
 * it can reference them. Policy saves are held off by the shared shop lock, so the only other writer of
 * version 1 here is a concurrent first case, which writes the same defaults: whichever lands first is used.
 */
export async function materializeDefaultPolicy(trx: Transaction<Database>, shopId: string, now: Date) {
  const inserted = await policies.insertPolicyVersionIfAbsent(trx, {
    shopId,
    version: 1,
    rules: DEFAULT_RETURN_POLICY,
    changed: [],
    note: 'Homebound defaults at first case',
    createdBy: null,
    at: now,
  })
  return inserted ?? (await policies.findPolicyVersion(trx, shopId, 1))!
}

export function isUniqueViolation(err: unknown, constraint: string) {
  return (
    typeof err === 'object' &&
    err !== null &&
    (err as { code?: unknown }).code === '23505' &&
    (err as { constraint?: unknown }).constraint === constraint
  )
}
