// The buyer starts a return: the selected items, a reason per item, how they want to be paid back and how
// they will send the items back. Everything is decided on the server in one transaction: the order row is
// locked (so a double submit or a second tab waits for the first), the policy in force is applied to the
// order as it stands (units already in other cases, cases already opened), and only then are the case, its
// items, its first timeline event and the confirmation email written. A small, routine return is approved
// straight away by the automatic rules; anything else waits for staff with the reasons recorded.
import { randomUUID } from 'node:crypto'
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
import * as outbox from '#db/queries/notifications'
import * as policies from '#db/queries/return-policies'
import { findReturnContext, toReturnOrder } from '#db/queries/return-orders'
import type { Transaction } from 'kysely'
import { resolutionPlansFor } from '#app/services/resolutions/issue-resolution.server'
import { exchangePriceDifference, type ExchangedItem } from '#app/domain/exchanges/price-difference'
import { findVariants, reserveStock } from '#db/queries/product-variants'
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
  | 'variant_not_available'

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
  /** Who opens the case; the order's email when omitted (the buyer came in through the order's link). */
  buyerEmail?: string
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
    buyerEmail?: string
    locale: 'en' | 'ru' | 'pl'
    request: ReturnRequest
    draftId?: string
    now: Date
  },
): Promise<CreateReturnCaseResult> {
  const { shopId, orderId, request, now } = input

  // NOTE: the order row lock serializes requests for one order (a double submit, two tabs): the second
  // reads what the first wrote. The shared per-shop policy lock lets cases open side by side while a
  // policy save (which takes it exclusively) waits, so the version read below is the one the case is
  // computed and stored under. Both are held before the one read that follows sees the data.
  const locked = await cases.lockOrderForNewCase(trx, shopId, orderId)
  if (!locked) return fail('not_found', 'We could not find this order.')
  const ctx = await findReturnContext(trx, shopId, {
    orderId,
    idempotencyKey: request.idempotencyKey,
    draftId: input.draftId,
    buyerEmail: input.buyerEmail ?? locked.email,
    since: new Date(now.getTime() - 90 * DAY_MS),
  })
  if (!ctx) return fail('not_found', 'We could not find this order.')
  if (ctx.existing) {
    if (ctx.existing.order_id !== orderId) {
      return fail('invalid_request', 'This request key was already used for another order.')
    }
    return replay(ctx.existing)
  }
  const buyerEmail = (input.buyerEmail ?? ctx.order.email).trim().toLowerCase()
  const order = toReturnOrder(ctx.order, {
    email: buyerEmail,
    returnsOnThisOrder: ctx.returnsOnThisOrder,
    alreadyReturnedQty: ctx.alreadyReturnedQty,
  })
  // The policy in force (or the defaults); the defaults are written as v1 only if the case is.
  const policy: ReturnPolicy = ctx.policy?.rules ?? structuredClone(DEFAULT_RETURN_POLICY)

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
  const draft = ctx.draft
  if (input.draftId && (!draft || draft.order_id !== orderId || draft.kind !== 'return')) {
    return fail('invalid_request', 'This return form is not for this order; please start again.')
  }
  if (draft?.case_id) return fail('draft_submitted', 'This return has already been sent.')
  const photoCounts = draft ? ctx.draftPhotos : {}
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

  // An exchange names, for every returned line, another variant of the same product the shop sells in
  // the order's currency and has in stock; the price difference is computed here, once, from our prices.
  const exchange = request.resolution === 'exchange' ? await checkExchange(trx, shopId, ctx, request) : null
  if (exchange && !exchange.ok) return exchange.failure
  const priceDifferenceMinor = exchange?.ok ? exchange.differenceMinor : 0

  const { totals } = amounts
  const auto = evaluateAutoApproval({
    policy,
    currency: totals.currency,
    email: buyerEmail,
    valueMinor: totals.totalMinor,
    reasons: amounts.items.map((i) => i.reason),
    buyerReturnsLast90Days: ctx.buyerReturns,
  })
  const decision = auto.approve ? nextCaseState('requested', 'approve', 'system') : null
  let approved = decision?.kind === 'transition' ? decision : null
  // An automatic approval of an exchange holds the new variants now; if they just ran out, staff decide.
  if (approved && exchange?.ok) {
    const held = await reserveStock(trx, shopId, exchange.needs, now)
    if (!held.ok) approved = null
  }

  // Everything checked: the case is written whole, in one statement.
  const policyRow = ctx.policy ?? (await materializeDefaultPolicy(trx, shopId, now))
  // Selections for the same line and reason were merged by the domain; their notes are merged alike.
  const noteOf = (lineItemId: string, reason: string) =>
    request.selections
      .filter((s) => s.lineItemId === lineItemId && s.reason === reason && s.note?.trim())
      .map((s) => s.note!.trim())
      .join('\n') || null
  const caseId = randomUUID()
  const variantOf = new Map(exchange?.ok ? exchange.variantOf : [])
  const written = await cases.writeNewCase(
    trx,
    {
      id: caseId,
      shopId,
      orderId,
      kind: 'return',
      state: approved ? approved.to : 'requested',
      autoApproved: Boolean(approved),
      policyId: policyRow.id,
      resolution: request.resolution,
      returnMethod: request.returnMethod,
      priceDifferenceMinor,
      buyerEmail,
      locale: input.locale,
      currency: totals.currency,
      paidTotalMinor: totals.paidMinor,
      feesTotalMinor: totals.restockingFeeMinor + totals.returnShippingFeeMinor,
      totalMinor: totals.totalMinor,
      bonusMinor: totals.bonusMinor,
      issuedMinor: totals.issuedMinor,
      idempotencyKey: request.idempotencyKey,
      at: now,
      draftId: draft?.id ?? null,
      items: amounts.items.map((i) => ({
        lineItemId: i.lineItemId,
        quantity: i.quantity,
        reason: i.reason,
        note: noteOf(i.lineItemId, i.reason),
        paidMinor: i.paidMinor,
        restockingFeeMinor: i.restockingFeeMinor,
        totalMinor: i.netMinor,
        keepItem: i.keepItem,
        exchangeVariantId: variantOf.get(i.lineItemId) ?? null,
      })),
      // The automatic decision is an event of its own, from the system.
      events: [
        {
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
            ...(exchange?.ok
              ? { exchange: exchange.chosen, priceDifferenceMinor: exchange.differenceMinor }
              : {}),
            photos: Object.values(photoCounts).reduce((a, b) => a + b, 0),
            totals,
            policyVersion: policyRow.version,
          },
        },
        approved
          ? { type: approved.event, actor: 'system', details: { auto: true } }
          : { type: 'review_needed', actor: 'system', details: { blockers: auto.blockers } },
      ],
      mail: approved ? ['case-received', 'case-approved'] : ['case-received'],
      // An automatic approval plans what the case owes in the same statement.
      resolutionPlans: approved
        ? resolutionPlansFor({
            caseId,
            kind: 'return',
            resolution: request.resolution,
            returnMethod: request.returnMethod,
            issuedMinor: totals.issuedMinor,
            currency: totals.currency,
            priceDifferenceMinor,
            timing: policy.timing ?? null,
          })
        : [],
    },
    { scheduleDelivery: await outbox.hasWorkerQueue(trx) },
  )
  return {
    ok: true,
    value: {
      caseNumber: `R-${written.number}`,
      caseId,
      state: approved ? approved.to : 'requested',
      autoApproved: Boolean(approved),
      replayed: false,
    },
  }
}

type ReturnContext = NonNullable<Awaited<ReturnType<typeof findReturnContext>>>

/**
 * Checks an exchange's choices against the shop's catalogue: one choice per returned line, each another
 * variant of that line's product, in the order's currency, with the units free. Returns the difference,
 * the stock it needs and the choices for the case items, or the failure to answer with (nothing written).
 */
async function checkExchange(
  trx: Transaction<Database>,
  shopId: string,
  ctx: ReturnContext,
  request: ReturnRequest,
) {
  const failure = (message: string, lineItemId?: string) => ({
    ok: false as const,
    failure: fail('variant_not_available', message, lineItemId),
  })
  const wanted = new Map((request.exchange ?? []).map((e) => [e.lineItemId, e.variantId]))
  const variants = new Map(
    (await findVariants(trx, shopId, [...new Set(wanted.values())])).map((v) => [v.id, v]),
  )
  const lines = new Map(ctx.order.line_items.map((li) => [li.id, li]))
  const quantities = new Map<string, number>()
  for (const s of request.selections) {
    quantities.set(s.lineItemId, (quantities.get(s.lineItemId) ?? 0) + s.quantity)
  }
  const items: ExchangedItem[] = []
  const chosen: { lineItemId: string; variantId: string; variantTitle: string; priceMinor: number }[] = []
  const needs = new Map<string, number>()
  for (const [lineItemId, quantity] of quantities) {
    const line = lines.get(lineItemId)
    const variantId = wanted.get(lineItemId)
    if (!line) return failure('This item is not in the order.', lineItemId)
    if (!variantId) return failure('Pick the variant you want instead of this item.', lineItemId)
    const v = variants.get(variantId)
    if (!v || !line.product_key || v.product_key !== line.product_key || v.id === line.variant_id) {
      return failure('Pick another variant of this same item.', lineItemId)
    }
    if (v.currency !== ctx.order.currency) {
      return failure('This variant is not sold in the currency of your order.', lineItemId)
    }
    needs.set(v.id, (needs.get(v.id) ?? 0) + quantity)
    if (v.inventory_available - v.inventory_reserved < needs.get(v.id)!) {
      return failure(`${v.variant_title} is out of stock; please pick another.`, lineItemId)
    }
    items.push({
      quantity,
      unitPriceMinor: line.unit_price_minor,
      lineQuantity: line.quantity,
      lineDiscountMinor: line.discount_minor,
      variantPriceMinor: v.price_minor,
    })
    chosen.push({ lineItemId, variantId: v.id, variantTitle: v.variant_title, priceMinor: v.price_minor })
  }
  return {
    ok: true as const,
    differenceMinor: exchangePriceDifference(items),
    needs: [...needs].map(([variantId, quantity]) => ({ variantId, quantity })),
    variantOf: chosen.map((c) => [c.lineItemId, c.variantId] as const),
    chosen,
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
