// The buyer's return wizard: choose items → a reason per item (with photos where asked) → how to be paid
// back, with the amounts → how to send it back → review → the case. Every page is computed here from the
// order, the policy in force and the draft's saved choices; the browser only ever sends choices. A draft
// is kept per order, so a reload, a closed tab or the resume link brings the buyer back to where they
// were, and its id is the case's idempotency key, so submitting twice opens one case.
import { evaluateEligibility, type ItemEligibility } from '#app/domain/policy/evaluate-eligibility'
import {
  DEFAULT_RETURN_POLICY,
  RESOLUTIONS,
  RETURN_REASONS,
  isResolutionEnabled,
  timingOf,
  type Resolution,
  type ReturnPolicy,
  type ReturnReason,
} from '#app/domain/policy/policy'
import { computeReturnAmounts, type ReturnTotals } from '#app/domain/policy/refund-amount'
import { exchangePriceDifference } from '#app/domain/exchanges/price-difference'
import { listExchangeOptions, type ExchangeOption } from '#db/queries/product-variants'
import { formatOrderNumber } from '#app/domain/orders/order-number'
import { sendsItemsBack, type ReleaseMoment } from '#app/domain/resolutions/plan'
import { db } from '#db/client'
import * as drafts from '#db/queries/drafts'
import * as photos from '#db/queries/photos'
import { findReturnContext, toReturnOrder, type OrderForReturn } from '#db/queries/return-orders'
import type { ReturnMethod } from '#app/services/cases/cases.schema'
import { createReturnCase } from '#app/services/cases/create-return-case.server'
import { applyDraftPhotoForm, type PhotoRefusal, type UploadedFile } from './photos.server'
import {
  RETURN_STEPS,
  ReturnAnswersSchema,
  readReturnAnswers,
  type ReturnAnswers,
  type ReturnStep,
} from './return-wizard.schema'

export interface WizardItem {
  lineItemId: string
  title: string
  variantTitle: string | null
  imageUrl: string | null
  quantity: number
  eligible: boolean
  returnableQty: number
  /** i18n key and params of the eligibility sentence. */
  message: ItemEligibility['message']
  nextStep: ItemEligibility['nextStep']
}

export interface WizardPhoto {
  id: string
  lineItemId: string | null
  hasThumb: boolean
  contentType: string
}

export interface ResolutionOption {
  resolution: Resolution
  totals: ReturnTotals
  bonusPercent: number
}

/** A variant a returned item may be exchanged for, with what it costs against what was paid. */
export interface ExchangeOptionView {
  variantId: string
  variantTitle: string
  priceMinor: number
  /** (variant price − paid unit price) × units: > 0 the buyer pays it, < 0 it is refunded. */
  differenceMinor: number
}

export interface ExchangeChoiceView {
  lineItemId: string
  title: string
  variantTitle: string | null
  quantity: number
  options: ExchangeOptionView[]
}

export interface ReturnWizardView {
  orderId: string
  orderNumber: string
  currency: string
  items: WizardItem[]
  reasons: { reason: ReturnReason; photoRequired: boolean; noteRequired: boolean }[]
  answers: ReturnAnswers
  draftId: string | null
  photos: WizardPhoto[]
  /** The first step not yet answered ('review' when all are). */
  firstOpenStep: ReturnStep
  /** Resolutions every chosen reason allows, with the amounts (empty until items and reasons are set). */
  resolutionOptions: ResolutionOption[]
  /** Return methods open to this selection ('keep' only when every item qualifies). */
  methods: ReturnMethod[]
  /** Totals under the chosen resolution (null until it is chosen and valid). */
  totals: ReturnTotals | null
  /** Items kept by the buyer (green return) under the chosen resolution. */
  keptItemIds: string[]
  /** A case already opened from this wizard, e.g. after a double submit. */
  submittedCaseNumber: string | null
  /** When the money (or the replacement) moves under the shop's policy for these answers. */
  moves: { what: 'money' | 'replacement'; moment: ReleaseMoment } | null
  /** For each chosen item, the other variants it may be exchanged for (in stock, order currency). */
  exchangeChoices: ExchangeChoiceView[]
  /** The exchange's price difference for the variants chosen (null unless an exchange is fully chosen). */
  priceDifferenceMinor: number | null
}

/** The moment the buyer's money or replacement waits for, as planResolutions will plan it. */
function movesFor(policy: ReturnPolicy, answers: ReturnAnswers): ReturnWizardView['moves'] {
  const { resolution, returnMethod } = answers
  if (!resolution || !returnMethod) return null
  const timing = timingOf(policy)
  const back = sendsItemsBack({ kind: 'return', returnMethod })
  if (resolution === 'exchange') {
    return { what: 'replacement', moment: back ? timing.replacementShips : 'approval' }
  }
  return { what: 'money', moment: back ? timing.moneyMoves : 'approval' }
}

interface Loaded {
  row: OrderForReturn
  policy: ReturnPolicy
  eligibility: ItemEligibility[]
  order: ReturnType<typeof toReturnOrder>
  exchangeOptions: ExchangeOption[]
}

async function loadOrder(shopId: string, orderId: string, now: Date): Promise<Loaded | null> {
  const ctx = await findReturnContext(db, shopId, { orderId })
  if (!ctx) return null
  const policy = ctx.policy?.rules ?? DEFAULT_RETURN_POLICY
  const order = toReturnOrder(ctx.order, {
    email: ctx.order.email,
    returnsOnThisOrder: ctx.returnsOnThisOrder,
    alreadyReturnedQty: ctx.alreadyReturnedQty,
  })
  const exchangeOptions = await listExchangeOptions(db, { shopId, orderId, currency: ctx.order.currency })
  return {
    row: ctx.order,
    policy,
    order,
    eligibility: evaluateEligibility({ policy, order, now }),
    exchangeOptions,
  }
}

/** The exchange choices for the chosen items, priced against what was paid for them. */
function exchangeChoicesFor(loaded: Loaded, answers: ReturnAnswers): ExchangeChoiceView[] {
  const lines = new Map(loaded.row.line_items.map((li) => [li.id, li]))
  return answers.items.flatMap(({ lineItemId, quantity }) => {
    const line = lines.get(lineItemId)
    if (!line) return []
    const options = loaded.exchangeOptions
      .filter((o) => o.lineItemId === lineItemId)
      .map((o) => ({
        variantId: o.variantId,
        variantTitle: o.variantTitle,
        priceMinor: o.priceMinor,
        differenceMinor: exchangePriceDifference([
          {
            quantity,
            unitPriceMinor: line.unit_price_minor,
            lineQuantity: line.quantity,
            lineDiscountMinor: line.discount_minor,
            variantPriceMinor: o.priceMinor,
          },
        ]),
      }))
    return [{ lineItemId, title: line.title, variantTitle: line.variant_title, quantity, options }]
  })
}

/** The difference for the variants chosen; null while any chosen item lacks a valid choice. */
function chosenDifference(choices: ExchangeChoiceView[], exchange: Record<string, string>): number | null {
  let sum = 0
  for (const c of choices) {
    const o = c.options.find((x) => x.variantId === exchange[c.lineItemId])
    if (!o) return null
    sum += o.differenceMinor
  }
  return choices.length ? sum : null
}

/** Drops answers that no longer fit the order (an item became ineligible, a reason was switched off). */
function reconcile(answers: ReturnAnswers, loaded: Loaded): ReturnAnswers {
  const byId = new Map(loaded.eligibility.map((e) => [e.lineItemId, e]))
  const items = answers.items
    .filter((i) => byId.get(i.lineItemId)?.eligible)
    .map((i) => ({ ...i, quantity: Math.min(i.quantity, byId.get(i.lineItemId)!.returnableQty) }))
  const chosen = new Set(items.map((i) => i.lineItemId))
  const reasons = Object.fromEntries(
    Object.entries(answers.reasons).filter(
      ([id, r]) => chosen.has(id) && loaded.policy.reasons[r.reason]?.enabled,
    ),
  )
  return { ...answers, items, reasons }
}

function allowedResolutions(policy: ReturnPolicy, answers: ReturnAnswers): Resolution[] {
  const reasons = answers.items.map((i) => answers.reasons[i.lineItemId]?.reason)
  if (reasons.length === 0 || reasons.some((r) => !r)) return []
  return RESOLUTIONS.filter(
    (res) =>
      isResolutionEnabled(policy, res) &&
      reasons.every((r) => policy.reasons[r!].allowedResolutions.includes(res)),
  )
}

function selections(answers: ReturnAnswers) {
  return answers.items.map((i) => ({
    lineItemId: i.lineItemId,
    quantity: i.quantity,
    reason: answers.reasons[i.lineItemId]!.reason,
  }))
}

function buildView(
  loaded: Loaded,
  draft: { id: string; answers: ReturnAnswers; caseNumber: string | null } | null,
  draftPhotos: WizardPhoto[],
  photoCounts: Record<string, number>,
  now: Date,
): ReturnWizardView {
  const { row, policy, order } = loaded
  const answers = draft ? reconcile(draft.answers, loaded) : ReturnAnswersSchema.parse({})
  const eligibilityById = new Map(loaded.eligibility.map((e) => [e.lineItemId, e]))

  // An exchange is offered only when every chosen item has another variant to swap it for.
  const exchangeChoices = exchangeChoicesFor(loaded, answers)
  const exchangeable = exchangeChoices.length > 0 && exchangeChoices.every((c) => c.options.length > 0)
  const priceDifferenceMinor =
    answers.resolution === 'exchange' ? chosenDifference(exchangeChoices, answers.exchange) : null
  const offered = allowedResolutions(policy, answers).filter((r) => r !== 'exchange' || exchangeable)
  const options: ResolutionOption[] = offered.flatMap((resolution) => {
    const r = computeReturnAmounts({ policy, order, selections: selections(answers), resolution, now })
    if (!r.ok) return []
    const bonusPercent =
      resolution === 'refund'
        ? 0
        : policy.resolutions[
            resolution === 'store_credit' ? 'storeCredit' : resolution === 'exchange' ? 'exchange' : 'coupon'
          ].bonusPercent
    return [{ resolution, totals: r.totals, bonusPercent }]
  })
  // A resolution chosen earlier counts only while it is still offered for the items and reasons as they
  // are now (the buyer may have gone back and added an item that has no reason yet).
  const stillOffered = options.some((o) => o.resolution === answers.resolution)
  const chosen =
    answers.resolution && stillOffered
      ? computeReturnAmounts({
          policy,
          order,
          selections: selections(answers),
          resolution: answers.resolution,
          now,
        })
      : null
  // An exchange counts as chosen once every item has its variant.
  const chosenOk =
    chosen?.ok && (answers.resolution !== 'exchange' || priceDifferenceMinor !== null) ? chosen : null
  const allKept = chosenOk ? chosenOk.items.every((i) => i.keepItem) : false
  const methods: ReturnMethod[] = allKept ? ['keep', 'label', 'drop_off'] : ['label', 'drop_off']

  const reasonsDone =
    answers.items.length > 0 &&
    answers.items.every((i) => {
      const a = answers.reasons[i.lineItemId]
      if (!a) return false
      const settings = policy.reasons[a.reason]
      if (settings.noteRequired && !a.note?.trim()) return false
      if (settings.photoRequired && (photoCounts[i.lineItemId] ?? 0) === 0) return false
      return true
    })
  const done: Record<ReturnStep, boolean> = {
    items: answers.items.length > 0,
    reasons: reasonsDone,
    resolution: Boolean(chosenOk),
    method: Boolean(answers.returnMethod && methods.includes(answers.returnMethod)),
    review: false,
  }
  const firstOpenStep = RETURN_STEPS.find((s) => !done[s]) ?? 'review'

  return {
    orderId: row.id,
    orderNumber: formatOrderNumber(row.number),
    currency: row.currency,
    items: row.line_items.map((li) => {
      const e = eligibilityById.get(li.id)!
      return {
        lineItemId: li.id,
        title: li.title,
        variantTitle: li.variant_title,
        imageUrl: li.image_url,
        quantity: li.quantity,
        eligible: e.eligible,
        returnableQty: e.returnableQty,
        message: e.message,
        nextStep: e.nextStep,
      }
    }),
    reasons: RETURN_REASONS.filter((r) => policy.reasons[r].enabled).map((reason) => ({
      reason,
      photoRequired: policy.reasons[reason].photoRequired,
      noteRequired: policy.reasons[reason].noteRequired,
    })),
    answers,
    draftId: draft?.id ?? null,
    photos: draftPhotos,
    firstOpenStep,
    resolutionOptions: options,
    methods,
    totals: chosenOk ? chosenOk.totals : null,
    keptItemIds: chosenOk ? chosenOk.items.filter((i) => i.keepItem).map((i) => i.lineItemId) : [],
    submittedCaseNumber: draft?.caseNumber ?? null,
    moves: movesFor(policy, answers),
    exchangeChoices,
    priceDifferenceMinor,
  }
}

/** The wizard for the order, with the open draft's answers. Null when the order is not this shop's. */
export async function getReturnWizard(input: {
  shopId: string
  orderId: string
  now: Date
}): Promise<ReturnWizardView | null> {
  const loaded = await loadOrder(input.shopId, input.orderId, input.now)
  if (!loaded) return null
  const draftRow = await drafts.findOpenDraft(db, { ...input, kind: 'return' })
  if (!draftRow) return buildView(loaded, null, [], {}, input.now)
  const [list, counts] = await Promise.all([
    photos.listDraftPhotos(db, input.shopId, draftRow.id),
    photos.countDraftPhotosByItem(db, input.shopId, draftRow.id),
  ])
  return buildView(
    loaded,
    { id: draftRow.id, answers: readReturnAnswers(draftRow.answers), caseNumber: null },
    list.map((p) => ({
      id: p.id,
      lineItemId: p.line_item_id,
      hasThumb: p.thumb_key !== null,
      contentType: p.content_type,
    })),
    counts,
    input.now,
  )
}

/** Field → i18n key of the problem with it. */
export type FieldErrors = Record<string, string>

export type SaveStepResult =
  | { ok: true; next: ReturnStep; draftId: string }
  | { ok: false; status: 404 | 409 | 422; fieldErrors: FieldErrors; formError: string }

const invalid = (fieldErrors: FieldErrors, formError = 'wizard.error.fix'): SaveStepResult => ({
  ok: false,
  status: 422,
  fieldErrors,
  formError,
})

/**
 * Saves one step's answers into the order's draft after checking them against the order and the policy.
 * `form` holds the step's raw fields. Errors name the field and an i18n key; nothing is saved with them.
 */
export async function saveReturnStep(input: {
  shopId: string
  orderId: string
  step: Exclude<ReturnStep, 'review'>
  form: Record<string, string>
  now: Date
}): Promise<SaveStepResult> {
  const { shopId, orderId, step, form, now } = input
  const loaded = await loadOrder(shopId, orderId, now)
  if (!loaded) return { ok: false, status: 404, fieldErrors: {}, formError: 'wizard.error.notFound' }
  const draft = await drafts.findOrInsertOpenDraft(db, { shopId, orderId, kind: 'return', at: now })
  const answers = reconcile(readReturnAnswers(draft.answers), loaded)
  const byId = new Map(loaded.eligibility.map((e) => [e.lineItemId, e]))
  const errors: FieldErrors = {}

  switch (step) {
    case 'items': {
      const items: ReturnAnswers['items'] = []
      for (const [field, value] of Object.entries(form)) {
        if (!field.startsWith('qty:')) continue
        const lineItemId = field.slice(4)
        const e = byId.get(lineItemId)
        if (!e) return invalid({ form: 'wizard.error.unknownItem' }, 'wizard.error.unknownItem')
        if (!/^\d{1,3}$/.test(value)) {
          errors[field] = 'wizard.error.quantity'
          continue
        }
        const quantity = Number(value)
        if (quantity === 0) continue
        if (!e.eligible) {
          errors[field] = 'wizard.error.notEligible'
          continue
        }
        if (quantity > e.returnableQty) {
          errors[field] = 'wizard.error.tooMany'
          continue
        }
        items.push({ lineItemId, quantity })
      }
      if (Object.keys(errors).length) return invalid(errors)
      if (items.length === 0) return invalid({ items: 'wizard.error.pickItem' }, 'wizard.error.pickItem')
      answers.items = items
      break
    }
    case 'reasons': {
      if (answers.items.length === 0) return invalid({}, 'wizard.error.itemsFirst')
      const reasons: ReturnAnswers['reasons'] = {}
      for (const { lineItemId } of answers.items) {
        const reason = form[`reason:${lineItemId}`]
        const note = (form[`note:${lineItemId}`] ?? '').trim()
        if (!reason || !(RETURN_REASONS as readonly string[]).includes(reason)) {
          errors[`reason:${lineItemId}`] = 'wizard.error.pickReason'
          continue
        }
        const settings = loaded.policy.reasons[reason as ReturnReason]
        if (!settings.enabled) {
          errors[`reason:${lineItemId}`] = 'wizard.error.pickReason'
          continue
        }
        if (note.length > 1000) errors[`note:${lineItemId}`] = 'wizard.error.noteTooLong'
        else if (settings.noteRequired && !note) errors[`note:${lineItemId}`] = 'wizard.error.noteRequired'
        reasons[lineItemId] = { reason: reason as ReturnReason, ...(note ? { note } : {}) }
      }
      // Save what is valid (so a photo upload does not lose the reasons), but report the rest.
      answers.reasons = { ...answers.reasons, ...reasons }
      if (Object.keys(errors).length) {
        await drafts.updateDraftAnswers(db, { shopId, draftId: draft.id, answers, at: now })
        return invalid(errors)
      }
      const counts = await photos.countDraftPhotosByItem(db, shopId, draft.id)
      for (const { lineItemId } of answers.items) {
        const settings = loaded.policy.reasons[answers.reasons[lineItemId]!.reason]
        if (settings.photoRequired && (counts[lineItemId] ?? 0) === 0) {
          errors[`photos:${lineItemId}`] = 'wizard.error.photoRequired'
        }
      }
      if (Object.keys(errors).length) {
        await drafts.updateDraftAnswers(db, { shopId, draftId: draft.id, answers, at: now })
        return invalid(errors)
      }
      break
    }
    case 'resolution': {
      const view = buildView(loaded, { id: draft.id, answers, caseNumber: null }, [], {}, now)
      const allowed = view.resolutionOptions.map((o) => o.resolution)
      if (allowed.length === 0) return invalid({}, 'wizard.error.reasonsFirst')
      const resolution = form.resolution
      if (!resolution || !(allowed as string[]).includes(resolution)) {
        return invalid({ resolution: 'wizard.error.pickResolution' })
      }
      // An exchange: one of the offered variants per item (another variant of the same product, in the
      // order's currency, in stock); anything else is refused next to its item.
      const exchange: Record<string, string> = {}
      if (resolution === 'exchange') {
        for (const c of view.exchangeChoices) {
          const field = `exchange:${c.lineItemId}`
          const variantId = form[field]
          if (!variantId) errors[field] = 'wizard.error.pickVariant'
          else if (!c.options.some((o) => o.variantId === variantId)) {
            errors[field] = 'wizard.error.variantUnavailable'
          } else exchange[c.lineItemId] = variantId
        }
        if (Object.keys(errors).length) return invalid(errors)
      }
      answers.resolution = resolution as Resolution
      answers.exchange = exchange
      break
    }
    case 'method': {
      const view = buildView(loaded, { id: draft.id, answers, caseNumber: null }, [], {}, now)
      if (!view.totals) return invalid({}, 'wizard.error.resolutionFirst')
      const method = form.returnMethod
      if (!method || !(view.methods as string[]).includes(method)) {
        return invalid({ returnMethod: 'wizard.error.pickMethod' })
      }
      answers.returnMethod = method as ReturnMethod
      break
    }
  }

  const saved = await drafts.updateDraftAnswers(db, { shopId, draftId: draft.id, answers, at: now })
  if (!saved) return { ok: false, status: 409, fieldErrors: {}, formError: 'wizard.error.alreadySubmitted' }
  const next = RETURN_STEPS[RETURN_STEPS.indexOf(step) + 1]!
  return { ok: true, next, draftId: draft.id }
}

export type SubmitReturnResult =
  | { ok: true; caseNumber: string; replayed: boolean }
  | { ok: false; status: 404 | 409 | 422; formError: string; step?: ReturnStep }

const CASE_ERROR_KEY: Record<string, string> = {
  quantity_exceeds_returnable: 'wizard.error.tooMany',
  item_not_in_order: 'wizard.error.unknownItem',
  item_not_eligible: 'wizard.error.notEligible',
  resolution_not_allowed: 'wizard.error.pickResolution',
  reason_disabled: 'wizard.error.pickReason',
  return_method_not_allowed: 'wizard.error.pickMethod',
  limit_reached: 'wizard.error.limitReached',
  photos_required: 'wizard.error.photoRequired',
  variant_not_available: 'wizard.error.variantUnavailable',
  draft_submitted: 'wizard.error.alreadySubmitted',
  invalid_request: 'wizard.error.startAgain',
  not_found: 'wizard.error.notFound',
}
const CASE_ERROR_STEP: Record<string, ReturnStep> = {
  quantity_exceeds_returnable: 'items',
  item_not_eligible: 'items',
  item_not_in_order: 'items',
  reason_disabled: 'reasons',
  photos_required: 'reasons',
  resolution_not_allowed: 'resolution',
  variant_not_available: 'resolution',
  return_method_not_allowed: 'method',
}

/**
 * Turns the draft into a return case (see createReturnCase: amounts and eligibility are decided there, in
 * one transaction). The draft id is the idempotency key, so a second submit of the same draft, even at the
 * same moment, answers with the case the first one opened.
 */
export async function submitReturn(input: {
  shopId: string
  orderId: string
  draftId: string
  locale: 'en' | 'ru' | 'pl'
  now: Date
}): Promise<SubmitReturnResult> {
  const { shopId, orderId, draftId, now } = input
  const draft = await drafts.findDraft(db, { shopId, orderId, kind: 'return', draftId })
  if (!draft) return { ok: false, status: 422, formError: 'wizard.error.startAgain' }
  const answers = readReturnAnswers(draft.answers)
  if (!draft.case_id) {
    const missing = answers.items.length === 0 ? 'items' : !answers.resolution ? 'resolution' : null
    if (missing) return { ok: false, status: 422, formError: 'wizard.error.incomplete', step: missing }
    if (!answers.returnMethod) {
      return { ok: false, status: 422, formError: 'wizard.error.incomplete', step: 'method' }
    }
    if (answers.items.some((i) => !answers.reasons[i.lineItemId])) {
      return { ok: false, status: 422, formError: 'wizard.error.incomplete', step: 'reasons' }
    }
  }
  const result = await createReturnCase({
    shopId,
    orderId,
    locale: input.locale,
    draftId,
    request: {
      selections: answers.items.map((i) => ({
        lineItemId: i.lineItemId,
        quantity: i.quantity,
        reason: answers.reasons[i.lineItemId]?.reason ?? 'other',
        ...(answers.reasons[i.lineItemId]?.note ? { note: answers.reasons[i.lineItemId]!.note } : {}),
      })),
      resolution: answers.resolution ?? 'refund',
      returnMethod: answers.returnMethod ?? 'label',
      ...(answers.resolution === 'exchange'
        ? {
            exchange: Object.entries(answers.exchange).map(([lineItemId, variantId]) => ({
              lineItemId,
              variantId,
            })),
          }
        : {}),
      idempotencyKey: draftId,
    },
    now,
  })
  if (result.ok) return { ok: true, caseNumber: result.value.caseNumber, replayed: result.value.replayed }
  return {
    ok: false,
    status: result.code === 'not_found' ? 404 : result.code === 'draft_submitted' ? 409 : 422,
    formError: CASE_ERROR_KEY[result.code] ?? 'wizard.error.startAgain',
    ...(CASE_ERROR_STEP[result.code] ? { step: CASE_ERROR_STEP[result.code] } : {}),
  }
}

export type ReturnStepActionResult =
  | { ok: true; redirectTo: ReturnStep | { caseNumber: string } }
  | {
      ok: false
      status: 400 | 404 | 409 | 413 | 422
      formError: string
      fieldErrors?: FieldErrors
      refused?: PhotoRefusal[]
      step?: ReturnStep
    }

/**
 * Everything a wizard page's form can ask: save the step and go on, upload photos and stay, remove a
 * photo, or (on the review page) submit. `fields` are the form's text fields; `files` its photos by
 * field name (`photos:<lineItemId>`).
 */
export async function handleReturnStep(input: {
  shopId: string
  orderId: string
  step: ReturnStep
  fields: Record<string, string>
  files: Map<string, UploadedFile[]>
  locale: 'en' | 'ru' | 'pl'
  now: Date
}): Promise<ReturnStepActionResult> {
  const { shopId, orderId, step, fields, files, now } = input
  if (step === 'review') {
    const draftId = fields.draftId ?? ''
    if (!/^[0-9a-f-]{36}$/.test(draftId))
      return { ok: false, status: 400, formError: 'wizard.error.startAgain' }
    const r = await submitReturn({ shopId, orderId, draftId, locale: input.locale, now })
    return r.ok ? { ok: true, redirectTo: { caseNumber: r.caseNumber } } : r
  }
  const intent = fields.intent ?? 'continue'
  if (step === 'reasons') {
    const draft = await drafts.findOrInsertOpenDraft(db, { shopId, orderId, kind: 'return', at: now })
    if (draft.case_id) return { ok: false, status: 409, formError: 'wizard.error.alreadySubmitted' }
    const chosen = new Set(readReturnAnswers(draft.answers).items.map((i) => i.lineItemId))
    const uploads = [...files].map(([field, list]) => ({
      field,
      lineItemId: field.startsWith('photos:') ? field.slice(7) : '',
      files: list,
    }))
    if (uploads.some((u) => !chosen.has(u.lineItemId))) {
      return { ok: false, status: 400, formError: 'wizard.error.unknownItem' }
    }
    const photoForm = await applyDraftPhotoForm({ shopId, orderId, draftId: draft.id, intent, uploads, now })
    if (photoForm.kind === 'removed') return { ok: true, redirectTo: 'reasons' }
    if (photoForm.kind === 'refused') {
      return {
        ok: false,
        status: 422,
        formError: 'photo.error.refused',
        fieldErrors: { [photoForm.field]: photoForm.refused[0]!.key },
        refused: photoForm.refused,
      }
    }
  }
  const r = await saveReturnStep({ shopId, orderId, step, form: fields, now })
  if (!r.ok) return r
  // "Upload" keeps the buyer on the page to see the photos; the answers are saved either way.
  return { ok: true, redirectTo: intent === 'upload' ? step : r.next }
}
